"""Block Kit for /some (pure functions)."""

from texts import t


def help_message(lang: str) -> dict:
    lines = [t(lang, k) for k in ("help.ohje", "help.uhka", "help.kohu", "help.some")]
    return {
        "text": t(lang, "help.title"),
        "blocks": [
            {"type": "header", "text": {"type": "plain_text", "text": t(lang, "help.title")}},
            {"type": "section", "text": {"type": "mrkdwn", "text": t(lang, "help.intro")}},
            {"type": "section", "text": {"type": "mrkdwn", "text": "\n".join(f"• {line}" for line in lines)}},
            {"type": "context", "elements": [{"type": "mrkdwn", "text": t(lang, "help.shortcut")}]},
            {"type": "context", "elements": [{"type": "mrkdwn", "text": t(lang, "help.danger")}]},
        ],
    }
