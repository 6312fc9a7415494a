"""/uhka: threatening-message reports with evidence, supervisor and safety-chief escalation.

register(app) only wires Slack ids to the callbacks in listeners.py.
"""

from slack_bolt.async_app import AsyncApp

from handlers.uhka import ids, listeners


def register(app: AsyncApp) -> None:
    app.command(ids.COMMAND)(listeners.uhka_command)
    app.shortcut(ids.SHORTCUT)(listeners.from_message)
    app.block_action(ids.OPEN_FROM_OHJE)(listeners.open_from_button)
    app.block_action(ids.OPEN_FROM_MESSAGE)(listeners.open_from_button)
    app.view(ids.REPORT_MODAL)(listeners.submit_report)
    app.block_action(ids.ASK_REPORT)(listeners.ask_report)
    app.block_action(ids.ASK_OWN)(listeners.ask_own)
    app.block_action(ids.ACK)(listeners.acknowledge)
    app.block_action(ids.FORWARD)(listeners.forward)
    app.block_action(ids.POLICE)(listeners.open_police)
    app.block_action(ids.RESOLVE)(listeners.open_resolve)
    app.view(ids.POLICE_MODAL)(listeners.submit_police)
    app.view(ids.RESOLVE_MODAL)(listeners.submit_resolve)
