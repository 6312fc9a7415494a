"""Modals of the /tili flow (pure functions): the request form, reject, ask, answer."""

from __future__ import annotations

import json

from escalation import accounts
from escalation.vocabulary import Platform
from handlers.blockkit import context, element_input, modal, option, plain, text_input
from handlers.guideline import guideline_blocks
from handlers.tili import ids
from texts import t

# Who decides, the shared profiles the guideline prefers, and its planning ("Resurssit") questions.
DECISION_PASSAGES = ("suunnitelmallisesti-somessa-1", "suunnitelmallisesti-somessa-2", "kanavat-3")
RESOURCE_PASSAGES = ("resurssit-1", "resurssit-2")


def request_modal(lang: str, *, unit: str | None = None) -> dict:
    platforms = [option(t(lang, f"platform.{p}"), p.value) for p in Platform]
    blocks = [
        context(t(lang, "tili.modal.intro")),
        *guideline_blocks(lang, *DECISION_PASSAGES),
        text_input(
            ids.UNIT,
            t(lang, "tili.field.unit"),
            max_length=accounts.UNIT_MAX,
            initial=unit[: accounts.UNIT_MAX] if unit else None,  # cut as typed in `/tili <unit>`, no ellipsis
            placeholder=t(lang, "tili.field.unit.placeholder"),
        ),
        element_input(ids.PLATFORM, t(lang, "tili.field.platform"), {"type": "static_select", "options": platforms}),
        text_input(ids.NAME, t(lang, "tili.field.name"), max_length=accounts.NAME_MAX),
        text_input(ids.PURPOSE, t(lang, "tili.field.purpose"), multiline=True, max_length=accounts.TEXT_MAX),
        element_input(ids.MAINTAINER, t(lang, "tili.field.maintainer"), {"type": "users_select"}),
        text_input(
            ids.MAINTAINER_ROLE,
            t(lang, "tili.field.maintainer_role"),
            max_length=accounts.ROLE_MAX,
            placeholder=t(lang, "tili.field.maintainer_role.placeholder"),
        ),
        *guideline_blocks(lang, *RESOURCE_PASSAGES),
        text_input(
            ids.RESOURCES,
            t(lang, "tili.field.resources"),
            multiline=True,
            max_length=accounts.TEXT_MAX,
            placeholder=t(lang, "tili.field.resources.placeholder"),
        ),
        text_input(ids.WHY_OWN, t(lang, "tili.field.why_own"), multiline=True, max_length=accounts.TEXT_MAX),
        element_input(
            ids.HEAD,
            t(lang, "tili.field.head"),
            {"type": "users_select"},
            optional=True,
            hint=t(lang, "tili.field.head.hint"),
        ),
    ]
    return modal(
        ids.REQUEST_VIEW,
        t(lang, "tili.modal.title"),
        t(lang, "tili.modal.submit"),
        t(lang, "tili.modal.close"),
        json.dumps({"lang": lang}),
        blocks,
    )


def text_modal(lang: str, callback_id: str, kind: str, label_key: str, meta: dict) -> dict:
    """The one-field modals: reject (a reason), ask (a question), answer."""
    field = text_input(ids.TEXT, t(lang, label_key), multiline=True, max_length=accounts.REASON_MAX)
    return modal(
        callback_id,
        t(lang, f"tili.{kind}.title"),
        t(lang, f"tili.{kind}.submit"),
        t(lang, "tili.modal.close"),
        json.dumps({"lang": lang, **meta}),
        [{"type": "section", "text": plain(meta.get("ref", ""))}, field],
    )
