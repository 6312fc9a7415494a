"""The /uhka modals (pure builders) and reading their submitted state back.

private_metadata carries only where the report came from (source kind, channel) and,
for the message shortcut, the Slack files attached to that message: never the report.
"""

from __future__ import annotations

import json
from datetime import date

from escalation.threats import IMAGE_TYPES, LIMITS, MAX_FILES
from escalation.vocabulary import PLATFORMS, Platform
from handlers.blockkit import ACTION, element_input, modal, option, plain, text_input
from handlers.uhka import ids
from texts import t
from texts.format import platform_name

METADATA_MAX = 3000


def platform_option(lang: str, platform: str) -> dict:
    return option(platform_name(lang, platform), platform)


def _cut(text: str | None, limit: int) -> str | None:
    """A pre-filled value cut at the field's limit as it is, without the ellipsis `clip` adds (the
    report's own words, e.g. a long message the report is made from)."""
    return text[:limit] if text else None


def encode_metadata(meta: dict) -> str:
    """JSON within Slack's 3000-character limit (attached file names are shortened if needed)."""
    meta = {k: v for k, v in meta.items() if v}
    raw = json.dumps(meta, separators=(",", ":"), ensure_ascii=False)
    while len(raw) > METADATA_MAX and meta.get("files"):
        meta["files"] = meta["files"][:-1]
        raw = json.dumps(meta, separators=(",", ":"), ensure_ascii=False)
    return raw


def decode_metadata(raw: str | None) -> dict:
    try:
        meta = json.loads(raw or "{}")
    except (TypeError, ValueError):
        return {}
    return meta if isinstance(meta, dict) else {}


def report_modal(
    lang: str,
    *,
    text: str | None = None,
    link: str | None = None,
    platform: str | None = None,
    supervisor: str | None = None,
    supervisor_from_directory: bool = False,
    source: str = "slash",
    channel: str | None = None,
    attached: list[dict] | None = None,
) -> dict:
    """The report form. Only the message text is required: in a frightening moment every
    other question may be skipped, and the report still reaches someone responsible."""
    attached = (attached or [])[:MAX_FILES]
    blocks = [
        {"type": "section", "text": {"type": "mrkdwn", "text": t(lang, "uhka.modal.intro")}},
        element_input(
            ids.B_DANGER,
            t(lang, "uhka.modal.danger_label"),
            {
                "type": "checkboxes",
                "options": [
                    {
                        "text": {"type": "mrkdwn", "text": t(lang, "uhka.modal.danger_option")},
                        "description": {"type": "mrkdwn", "text": t(lang, "uhka.modal.danger_desc")},
                        "value": ids.DANGER_VALUE,
                    }
                ],
            },
            optional=True,
        ),
        text_input(
            ids.B_TEXT,
            t(lang, "uhka.modal.text"),
            max_length=LIMITS["text"],
            multiline=True,
            initial=_cut(text, LIMITS["text"]),
            placeholder=t(lang, "uhka.modal.text_placeholder"),
            hint=t(lang, "uhka.modal.text_hint"),
        ),
    ]
    platform_el = {
        "type": "static_select",
        "placeholder": plain(t(lang, "uhka.modal.platform_placeholder")),
        "options": [platform_option(lang, p) for p in Platform],
    }
    if platform in PLATFORMS:
        platform_el["initial_option"] = platform_option(lang, platform)
    blocks += [
        element_input(ids.B_PLATFORM, t(lang, "uhka.modal.platform"), platform_el, optional=True),
        text_input(
            ids.B_LINK,
            t(lang, "uhka.modal.link"),
            max_length=LIMITS["link"],
            optional=True,
            initial=_cut(link, LIMITS["link"]),
            placeholder="https://…",
            hint=t(lang, "uhka.modal.link_hint"),
        ),
        text_input(
            ids.B_SENDER_NAME, t(lang, "uhka.modal.sender_name"), max_length=LIMITS["sender_name"], optional=True
        ),
        text_input(
            ids.B_SENDER_LINK,
            t(lang, "uhka.modal.sender_link"),
            max_length=LIMITS["sender_link"],
            optional=True,
            placeholder="https://…",
        ),
        element_input(
            ids.B_POSTED_AT,
            t(lang, "uhka.modal.posted_at"),
            {"type": "datetimepicker"},
            optional=True,
            hint=t(lang, "uhka.modal.posted_at_hint"),
        ),
        text_input(
            ids.B_TARGET,
            t(lang, "uhka.modal.target"),
            max_length=LIMITS["target"],
            optional=True,
            placeholder=t(lang, "uhka.modal.target_placeholder"),
        ),
        element_input(
            ids.B_FILES,
            t(lang, "uhka.modal.files"),
            {"type": "file_input", "filetypes": list(IMAGE_TYPES), "max_files": MAX_FILES},
            optional=True,
            hint=t(lang, "uhka.modal.files_hint"),
        ),
    ]
    sup_el = {"type": "users_select", "placeholder": plain(t(lang, "uhka.modal.supervisor_placeholder"))}
    if supervisor:
        sup_el["initial_user"] = supervisor
    blocks.append(
        element_input(
            ids.B_SUPERVISOR,
            t(lang, "uhka.modal.supervisor"),
            sup_el,
            optional=True,
            hint=t(
                lang, "uhka.modal.supervisor_hint_dir" if supervisor_from_directory else "uhka.modal.supervisor_hint"
            ),
        )
    )
    if attached:
        blocks.append(
            {
                "type": "context",
                "elements": [{"type": "mrkdwn", "text": t(lang, "uhka.modal.attached", n=len(attached))}],
            }
        )
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": t(lang, "uhka.modal.privacy")}]})
    meta = {
        "src": source,
        "ch": channel,
        "files": [{"id": f["id"], "name": (f.get("name") or "")[:80], "mimetype": f.get("mimetype")} for f in attached],
    }
    return modal(
        ids.REPORT_MODAL,
        t(lang, "uhka.modal.title"),
        t(lang, "uhka.modal.submit"),
        t(lang, "uhka.modal.close"),
        encode_metadata(meta),
        blocks,
    )


def _value(values: dict, block_id: str) -> dict:
    block = values.get(block_id) or {}
    return block.get(ACTION) or (next(iter(block.values())) if block else {}) or {}


def parse_report(view: dict) -> dict:
    """view_submission state -> the raw dict escalation.threats.validate() takes."""
    values = (view.get("state") or {}).get("values") or {}
    meta = decode_metadata(view.get("private_metadata"))
    danger = any(o.get("value") == ids.DANGER_VALUE for o in _value(values, ids.B_DANGER).get("selected_options") or [])
    platform = (_value(values, ids.B_PLATFORM).get("selected_option") or {}).get("value")
    files = [
        {
            "id": f.get("id"),
            "name": f.get("name") or f.get("title"),
            "mimetype": f.get("mimetype"),
            "filetype": f.get("filetype"),
        }
        for f in _value(values, ids.B_FILES).get("files") or []
        if isinstance(f, dict)
    ]
    known = {f["id"] for f in files}
    files += [f for f in meta.get("files") or [] if isinstance(f, dict) and f.get("id") not in known]
    return {
        "text": _value(values, ids.B_TEXT).get("value"),
        "platform": platform,
        "link": _value(values, ids.B_LINK).get("value"),
        "sender_name": _value(values, ids.B_SENDER_NAME).get("value"),
        "sender_link": _value(values, ids.B_SENDER_LINK).get("value"),
        "posted_at": _value(values, ids.B_POSTED_AT).get("selected_date_time"),
        "target": _value(values, ids.B_TARGET).get("value"),
        "danger": danger,
        "supervisor": _value(values, ids.B_SUPERVISOR).get("selected_user"),
        "files": files,
        "source": {"kind": meta.get("src") or "modal", "channel": meta.get("ch")},
    }


def police_modal(lang: str, ref: str, today: date) -> dict:
    return modal(
        ids.POLICE_MODAL,
        t(lang, "uhka.police.title"),
        t(lang, "uhka.police.submit"),
        t(lang, "uhka.modal.close"),
        json.dumps({"ref": ref}),
        [
            {"type": "section", "text": {"type": "mrkdwn", "text": t(lang, "uhka.police.intro", ref=ref)}},
            element_input(  # as text_input, but without its (default) "multiline": false, as ever
                ids.B_POLICE_NUMBER,
                t(lang, "uhka.police.number"),
                {"type": "plain_text_input", "max_length": LIMITS["police_number"]},
                hint=t(lang, "uhka.police.number_hint"),
            ),
            element_input(
                ids.B_POLICE_DATE,
                t(lang, "uhka.police.date"),
                {"type": "datepicker", "initial_date": today.isoformat()},
            ),
        ],
    )


def resolve_modal(lang: str, ref: str) -> dict:
    return modal(
        ids.RESOLVE_MODAL,
        t(lang, "uhka.resolve.title"),
        t(lang, "uhka.resolve.submit"),
        t(lang, "uhka.modal.close"),
        json.dumps({"ref": ref}),
        [
            {"type": "section", "text": {"type": "mrkdwn", "text": t(lang, "uhka.resolve.intro", ref=ref)}},
            text_input(
                ids.B_NOTE,
                t(lang, "uhka.resolve.note"),
                max_length=LIMITS["note"],
                multiline=True,
                hint=t(lang, "uhka.resolve.note_hint"),
            ),
        ],
    )


def parse_police(view: dict) -> tuple[str | None, str | None, str | None]:
    values = (view.get("state") or {}).get("values") or {}
    meta = decode_metadata(view.get("private_metadata"))
    return (
        meta.get("ref"),
        _value(values, ids.B_POLICE_NUMBER).get("value"),
        _value(values, ids.B_POLICE_DATE).get("selected_date"),
    )


def parse_resolve(view: dict) -> tuple[str | None, str | None]:
    values = (view.get("state") or {}).get("values") or {}
    meta = decode_metadata(view.get("private_metadata"))
    return meta.get("ref"), _value(values, ids.B_NOTE).get("value")
