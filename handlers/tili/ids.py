"""Every Slack id of the /tili flow in one place."""

COMMAND = "/tili"

APPROVE = "tili_approve"  # buttons on the approver's message (value: the ref)
REJECT = "tili_reject"
ASK = "tili_ask"
ANSWER = "tili_answer"  # on the requester's question message (value: "<ref>|<index>")

REQUEST_VIEW = "tili_request"
REJECT_VIEW = "tili_reject_submit"
ASK_VIEW = "tili_ask_submit"
ANSWER_VIEW = "tili_answer_submit"

# input blocks (block_id == the field name in escalation.accounts.validate)
UNIT = "unit"
PLATFORM = "platform"
NAME = "name"
PURPOSE = "purpose"
MAINTAINER = "maintainer"
MAINTAINER_ROLE = "maintainer_role"
RESOURCES = "resources"
WHY_OWN = "why_own"
HEAD = "head"
REQUEST_FIELDS = (UNIT, PLATFORM, NAME, PURPOSE, MAINTAINER, MAINTAINER_ROLE, RESOURCES, WHY_OWN, HEAD)
TEXT = "text"  # the one field of the reject / ask / answer modals

LIST_WORDS = ("lista", "list", "listaa")
