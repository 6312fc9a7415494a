"""Modals of the /kohu flow (pure functions): the alert report, a situation update, resolve.

Builders return view dicts (inputs from handlers/blockkit); `report_values()` reads a submitted
report back into plain strings for escalation.controversies.validate.
"""

from __future__ import annotations

import json
import re

from escalation import controversies as kohu
from escalation.forms import is_link
from escalation.vocabulary import Platform
from handlers.blockkit import (
    clip,
    element_input,
    modal,
    number_input,
    option,
    plain,
    section,
    text_input,
    values_of,
)
from handlers.common import escape
from handlers.kohu import ids
from texts import t


def _option(lang: str, value: str, key: str) -> dict:
    return option(t(lang, key), value)


def _radio(block_id: str, label: str, options: list[dict]) -> dict:
    return element_input(block_id, label, {"type": "radio_buttons", "options": options}, optional=True)


def _count(block_id: str, label: str, hint: str | None = None) -> dict:
    return number_input(block_id, label, min_value=0, max_value=kohu.COUNT_MAX, optional=True, hint=hint)


def report_modal(
    lang: str, *, what: str | None = None, links: list[str] | None = None, source: str = "command"
) -> dict:
    """The alert form, optionally pre-filled (from /kohu's text or a message shortcut)."""
    platforms = [_option(lang, p, f"platform.{p}") for p in Platform]
    yes_no = [_option(lang, "yes", "kohu.answer.yes"), _option(lang, "no", "kohu.answer.no")]
    mistake = [*yes_no, _option(lang, "unsure", "kohu.answer.unsure")]
    blocks = [
        {"type": "context", "elements": [{"type": "mrkdwn", "text": t(lang, "kohu.modal.intro")}]},
        text_input(
            ids.WHAT,
            t(lang, "kohu.field.what"),
            multiline=True,
            max_length=kohu.WHAT_MAX,
            initial=what,
            placeholder=t(lang, "kohu.field.what.placeholder"),
        ),
        text_input(
            ids.LINKS,
            t(lang, "kohu.field.links"),
            multiline=True,
            optional=True,
            max_length=kohu.LINKS_MAX_CHARS,
            initial="\n".join(links or []) or None,
            placeholder="https://",
            hint=t(lang, "kohu.field.links.hint"),
        ),
        element_input(
            ids.PLATFORM,
            t(lang, "kohu.field.platform"),
            {
                "type": "static_select",
                "options": platforms,
                "placeholder": plain(t(lang, "kohu.field.platform.placeholder")),
            },
            optional=True,
        ),
        text_input(
            ids.ACCOUNT,
            t(lang, "kohu.field.account"),
            optional=True,
            max_length=kohu.ACCOUNT_MAX,
            placeholder=t(lang, "kohu.field.account.placeholder"),
        ),
        _count(ids.COMMENTS, t(lang, "kohu.field.comments")),
        _count(
            ids.SHARES,
            t(lang, "kohu.field.shares"),
            hint=t(lang, "kohu.field.scale.hint", comments=kohu.COMMENTS_HIGH, shares=kohu.SHARES_HIGH),
        ),
        _radio(ids.MEDIA, t(lang, "kohu.field.media"), yes_no),
        _radio(ids.OWN_MISTAKE, t(lang, "kohu.field.own_mistake"), mistake),
        text_input(
            ids.DONE,
            t(lang, "kohu.field.done"),
            multiline=True,
            optional=True,
            max_length=kohu.DONE_MAX,
            placeholder=t(lang, "kohu.field.done.placeholder"),
        ),
    ]
    return modal(
        ids.REPORT_VIEW,
        t(lang, "kohu.modal.title"),
        t(lang, "kohu.modal.submit"),
        t(lang, "kohu.modal.close"),
        json.dumps({"source": source, "lang": lang}),
        blocks,
    )


def update_modal(lang: str, ref: str, what: str) -> dict:
    """A situation update to an alert (goes to the alert's thread)."""
    return modal(
        ids.UPDATE_VIEW,
        t(lang, "kohu.update.title"),
        t(lang, "kohu.update.submit"),
        t(lang, "kohu.modal.close"),
        json.dumps({"ref": ref, "lang": lang}),
        [
            section(t(lang, "kohu.update.intro", ref=ref, what=escape(clip(what, 300)))),
            text_input(
                ids.UPDATE_TEXT,
                t(lang, "kohu.update.text"),
                multiline=True,
                max_length=kohu.UPDATE_MAX,
                placeholder=t(lang, "kohu.update.placeholder"),
            ),
            element_input(
                ids.UPDATE_MEDIA,
                t(lang, "kohu.field.media"),
                {"type": "checkboxes", "options": [_option(lang, "yes", "kohu.update.media")]},
                optional=True,
            ),
        ],
    )


def resolve_modal(lang: str, ref: str, what: str) -> dict:
    """Resolve with a summary (shown on the alert, posted to its thread, told to the reporter)."""
    return modal(
        ids.RESOLVE_VIEW,
        t(lang, "kohu.resolve.title"),
        t(lang, "kohu.resolve.submit"),
        t(lang, "kohu.modal.close"),
        json.dumps({"ref": ref, "lang": lang}),
        [
            section(t(lang, "kohu.update.intro", ref=ref, what=escape(clip(what, 300)))),
            text_input(
                ids.SUMMARY,
                t(lang, "kohu.resolve.text"),
                multiline=True,
                max_length=kohu.SUMMARY_MAX,
                placeholder=t(lang, "kohu.resolve.placeholder"),
            ),
        ],
    )


# -- reading a submitted view -------------------------------------------------------------


def report_values(view: dict) -> dict[str, str | None]:
    values = values_of(view)
    return {name: values.get(name) for name in ids.REPORT_FIELDS}  # type: ignore[misc]


# -- pre-filling from /kohu's text or a Slack message -------------------------------------------

_SLACK_LINK = re.compile(r"<((?:https?|mailto):[^|>]+)(?:\|([^>]*))?>", re.IGNORECASE)
_SLACK_USER = re.compile(r"<@([UW][A-Z0-9]+)(?:\|([^>]*))?>")
_SLACK_CHANNEL = re.compile(r"<#([CG][A-Z0-9]+)(?:\|([^>]*))?>")
_SLACK_SPECIAL = re.compile(r"<!(?:subteam\^[A-Z0-9]+\|)?([^>|]+)(?:\|([^>]*))?>")


def plain_text(slack_text: str | None) -> str:
    """Slack's message markup as the plain text a person sees (links unwrapped, entities decoded)."""
    text = slack_text or ""
    text = _SLACK_LINK.sub(lambda m: m.group(1), text)
    text = _SLACK_USER.sub(lambda m: "@" + (m.group(2) or m.group(1)), text)
    text = _SLACK_CHANNEL.sub(lambda m: "#" + (m.group(2) or m.group(1)), text)
    text = _SLACK_SPECIAL.sub(lambda m: "@" + (m.group(2) or m.group(1)).lstrip("@"), text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip()


def prefill(slack_text: str | None) -> tuple[str | None, list[str]]:
    """(what is happening, links) from free text: every http(s) link in it also pre-fills the links.

    Text that is nothing but links pre-fills only the links.
    """
    text = plain_text(slack_text)
    links = [u for u in kohu.urls_in(text) if is_link(u)][: kohu.LINKS_MAX_COUNT]
    rest = text
    for url in links:
        rest = rest.replace(url, "")
    what = text if rest.strip(" \n\t.,;:-–") else None
    return (clip(what, kohu.WHAT_MAX) if what else None), links
