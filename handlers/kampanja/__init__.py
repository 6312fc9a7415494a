"""/kampanja: paid campaign notices to the marketing & communications team (mavi).

register(app) only wires Slack ids to the callbacks in listeners.py; the domain lives in
escalation/campaigns.py, the messages the worker sends in messages.py.
"""

from slack_bolt.async_app import AsyncApp

from handlers.kampanja import ids, listeners


def register(app: AsyncApp) -> None:
    app.command(ids.COMMAND)(listeners.kampanja_command)
    app.block_action(ids.SEEN)(listeners.seen)
    app.block_action(ids.RESULTS)(listeners.open_results)
    app.view(ids.REPORT_VIEW)(listeners.submit_report)
    app.view(ids.RESULTS_VIEW)(listeners.submit_results)
