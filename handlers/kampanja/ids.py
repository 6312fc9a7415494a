"""Every Slack id of the /kampanja flow in one place."""

COMMAND = "/kampanja"

SEEN = "kampanja_seen"  # "Nähty" on the notice (value: the ref)
RESULTS = "kampanja_results"  # "Jaa tulokset" on the reporter's reminder (value: the ref)

REPORT_VIEW = "kampanja_report"
RESULTS_VIEW = "kampanja_results_submit"

# input blocks (block_id == the field name in escalation.campaigns.validate)
UNIT = "unit"
CHANNELS = "channels"
START = "start"
END = "end"
BUDGET = "budget"
AUDIENCE = "audience"
DECIDED_BY = "decided_by"
REPORT_FIELDS = (UNIT, CHANNELS, START, END, BUDGET, AUDIENCE, DECIDED_BY)
LINK = "link"
FIGURES = "figures"

LIST_WORDS = ("lista", "list", "listaa")
