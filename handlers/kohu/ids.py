"""Every Slack id of the /kohu flow in one place: commands, shortcuts, actions, views, blocks."""

COMMAND = "/kohu"
SHORTCUT_FROM_MESSAGE = "kohu_from_message"  # message shortcut "Hälytä somekohusta" (manifest.yml)
OPEN_FROM_OHJE = "kohu_open_from_ohje"  # the button in /ohje answers about a controversy

# buttons on the alert and on the reporter's messages (value: the incident ref)
CLAIM = "kohu_claim"
UPDATE = "kohu_update"
RESOLVE = "kohu_resolve"

# modals (callback_id)
REPORT_VIEW = "kohu_report"
UPDATE_VIEW = "kohu_update_submit"
RESOLVE_VIEW = "kohu_resolve_submit"

# input blocks of the report modal (block_id == the field name in escalation.controversies.validate)
WHAT = "what"
LINKS = "links"
PLATFORM = "platform"
ACCOUNT = "account"
COMMENTS = "comments"
SHARES = "shares"
MEDIA = "media"
OWN_MISTAKE = "own_mistake"
DONE = "done"
REPORT_FIELDS = (WHAT, LINKS, PLATFORM, ACCOUNT, COMMENTS, SHARES, MEDIA, OWN_MISTAKE, DONE)

# input blocks of the update and resolve modals
UPDATE_TEXT = "update_text"
UPDATE_MEDIA = "update_media"
SUMMARY = "summary"

# /kohu sub-commands (anything else pre-fills a new alert)
LIST_WORDS = ("lista", "list", "listaa")
