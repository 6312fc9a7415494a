"""/tili: new social-media account requests, decided by the unit's head and the communications
manager together (both must approve); mavi's channel sees the request and the outcome.

register(app) only wires Slack ids to the callbacks in listeners.py; the domain lives in
escalation/accounts.py, the messages the worker sends in messages.py.
"""

from slack_bolt.async_app import AsyncApp

from handlers.tili import ids, listeners


def register(app: AsyncApp) -> None:
    app.command(ids.COMMAND)(listeners.tili_command)
    app.block_action(ids.APPROVE)(listeners.approve)
    app.block_action(ids.REJECT)(listeners.open_reject)
    app.block_action(ids.ASK)(listeners.open_ask)
    app.block_action(ids.ANSWER)(listeners.open_answer)
    app.view(ids.REQUEST_VIEW)(listeners.submit_request)
    app.view(ids.REJECT_VIEW)(listeners.submit_reject)
    app.view(ids.ASK_VIEW)(listeners.submit_ask)
    app.view(ids.ANSWER_VIEW)(listeners.submit_answer)
