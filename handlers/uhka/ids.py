"""Slack ids of the /uhka flow: callback ids, action ids and block ids, in one place."""

COMMAND = "/uhka"
SHORTCUT = "uhka_from_message"  # message shortcut "Ilmoita uhkaavasta viestistä" (manifest.yml)
OPEN_FROM_OHJE = "uhka_open_from_ohje"  # button in /ohje answers
OPEN_FROM_MESSAGE = "uhka_open"  # button in our own messages (e.g. the /uhka omat list)

# The "what did you mean?" answer to a short /uhka text (value: the text)
ASK_REPORT = "uhka_ask_report"
ASK_OWN = "uhka_ask_own"

# Modals
REPORT_MODAL = "uhka_report"
POLICE_MODAL = "uhka_police"
RESOLVE_MODAL = "uhka_resolve"

# Buttons on the responders' messages (value: the incident ref)
ACK = "uhka_ack"
FORWARD = "uhka_forward"
POLICE = "uhka_police_open"
RESOLVE = "uhka_resolve_open"
RESPONDER_ACTIONS = (ACK, FORWARD, POLICE, RESOLVE)

# Report modal: block id -> action id (each input block holds one element)
B_DANGER = "danger"
B_TEXT = "text"
B_PLATFORM = "platform"
B_LINK = "link"
B_SENDER_NAME = "sender_name"
B_SENDER_LINK = "sender_link"
B_POSTED_AT = "posted_at"
B_TARGET = "target"
B_FILES = "files"
B_SUPERVISOR = "supervisor"
REPORT_FIELDS = (
    B_DANGER,
    B_TEXT,
    B_PLATFORM,
    B_LINK,
    B_SENDER_NAME,
    B_SENDER_LINK,
    B_POSTED_AT,
    B_TARGET,
    B_FILES,
    B_SUPERVISOR,
)

# Police report and resolve modals
B_POLICE_NUMBER = "police_number"
B_POLICE_DATE = "police_date"
B_NOTE = "note"

DANGER_VALUE = "danger"
