"""/kohu: controversy alerts to the marketing & communications team (mavi).

register(app) only wires Slack ids to the callbacks in listeners.py; the domain lives in
escalation/controversies.py (reusing the escalation engine), the messages the worker
sends in messages.py, the modals in modals.py, and who may claim in membership.py.
"""

from slack_bolt.async_app import AsyncApp

from handlers.kohu import ids, listeners


def register(app: AsyncApp) -> None:
    app.command(ids.COMMAND)(listeners.kohu_command)
    app.shortcut(ids.SHORTCUT_FROM_MESSAGE)(listeners.from_message)
    app.block_action(ids.OPEN_FROM_OHJE)(listeners.open_from_ohje)
    app.block_action(ids.CLAIM)(listeners.claim)
    app.block_action(ids.UPDATE)(listeners.open_update)
    app.block_action(ids.RESOLVE)(listeners.open_resolve)
    app.view(ids.REPORT_VIEW)(listeners.submit_report)
    app.view(ids.UPDATE_VIEW)(listeners.submit_update)
    app.view(ids.RESOLVE_VIEW)(listeners.submit_resolve)
