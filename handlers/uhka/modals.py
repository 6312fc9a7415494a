"""The /uhka modals (pure builders) and reading their submitted state back.

private_metadata carries only where the report came from (source kind, channel) and,
for the message shortcut, the Slack files attached to that message: never the report.
"""

from __future__ import annotations

import json
from datetime import date

from escalation.threats import IMAGE_TYPES, LIMITS, MAX_FILES
from escalation.vocabulary import PLATFORMS, Platform
from handlers.blockkit import modal, plain
from handlers.uhka import ids
from texts import t
from texts.format import platform_name

A = ids.ACTION
METADATA_MAX = 3000


def _input(block_id: str, label: str, element: dict, *, optional: bool = True, hint: str | None = None) -> dict:
    block = {
        "type": "input",
        "block_id": block_id,
        "label": plain(label),
        "element": {**element, "action_id": A},
        "optional": optional,
    }
    if hint:
        block["hint"] = plain(hint)
    return block


def _text_input(
    lang: str,
    key: str,
    limit: int,
    initial: str | None = None,
    *,
    multiline: bool = False,
    placeholder: str | None = None,
) -> dict:
    el = {"type": "plain_text_input", "max_length": limit, "multiline": multiline}
    if initial:
        el["initial_value"] = initial[:limit]
    if placeholder:
        el["placeholder"] = plain(placeholder)
    return el


def platform_option(lang: str, platform: str) -> dict:
    return {"text": plain(platform_name(lang, platform)), "value": platform}


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
        _input(
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
        ),
        _input(
            ids.B_TEXT,
            t(lang, "uhka.modal.text"),
            _text_input(
                lang, "text", LIMITS["text"], text, multiline=True, placeholder=t(lang, "uhka.modal.text_placeholder")
            ),
            optional=False,
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
        _input(ids.B_PLATFORM, t(lang, "uhka.modal.platform"), platform_el),
        _input(
            ids.B_LINK,
            t(lang, "uhka.modal.link"),
            _text_input(lang, "link", LIMITS["link"], link, placeholder="https://…"),
            hint=t(lang, "uhka.modal.link_hint"),
        ),
        _input(
            ids.B_SENDER_NAME,
            t(lang, "uhka.modal.sender_name"),
            _text_input(lang, "sender_name", LIMITS["sender_name"]),
        ),
        _input(
            ids.B_SENDER_LINK,
            t(lang, "uhka.modal.sender_link"),
            _text_input(lang, "sender_link", LIMITS["sender_link"], placeholder="https://…"),
        ),
        _input(
            ids.B_POSTED_AT,
            t(lang, "uhka.modal.posted_at"),
            {"type": "datetimepicker"},
            hint=t(lang, "uhka.modal.posted_at_hint"),
        ),
        _input(
            ids.B_TARGET,
            t(lang, "uhka.modal.target"),
            _text_input(lang, "target", LIMITS["target"], placeholder=t(lang, "uhka.modal.target_placeholder")),
        ),
        _input(
            ids.B_FILES,
            t(lang, "uhka.modal.files"),
            {"type": "file_input", "filetypes": list(IMAGE_TYPES), "max_files": MAX_FILES},
            hint=t(lang, "uhka.modal.files_hint"),
        ),
    ]
    sup_el = {"type": "users_select", "placeholder": plain(t(lang, "uhka.modal.supervisor_placeholder"))}
    if supervisor:
        sup_el["initial_user"] = supervisor
    blocks.append(
        _input(
            ids.B_SUPERVISOR,
            t(lang, "uhka.modal.supervisor"),
            sup_el,
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
    return block.get(A) or (next(iter(block.values())) if block else {}) or {}


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
            _input(
                ids.B_POLICE_NUMBER,
                t(lang, "uhka.police.number"),
                {"type": "plain_text_input", "max_length": LIMITS["police_number"]},
                optional=False,
                hint=t(lang, "uhka.police.number_hint"),
            ),
            _input(
                ids.B_POLICE_DATE,
                t(lang, "uhka.police.date"),
                {"type": "datepicker", "initial_date": today.isoformat()},
                optional=False,
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
            _input(
                ids.B_NOTE,
                t(lang, "uhka.resolve.note"),
                {"type": "plain_text_input", "multiline": True, "max_length": LIMITS["note"]},
                optional=False,
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
