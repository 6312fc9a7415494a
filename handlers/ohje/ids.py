"""Action ids of /ohje answers (the /uhka and /kohu packages own their own open-buttons)."""

SHOW_SECTION = "ohje_show_section"
FEEDBACK_YES = "ohje_feedback_yes"
FEEDBACK_NO = "ohje_feedback_no"
PICK_TOPIC = "ohje_pick_topic"
TEACH = "ohje_teach"  # App Home, admins: "Opeta" (teach this question -> passage)
# Listened to by handlers/uhka and handlers/kohu: they open the report modals.
OPEN_THREAT = "uhka_open_from_ohje"
OPEN_CONTROVERSY = "kohu_open_from_ohje"
