"""Listener callbacks of the /tili flow: thin, the domain is escalation.accounts.

Each listener validates, writes in one transaction (which stores every message the change owes),
then acknowledges; opening a modal happens after the ack (svc.after_ack).
"""

from __future__ import annotations

import logging

from escalation import accounts
from escalation.engine import DomainError
from handlers.blockkit import field_errors, metadata, values_of
from handlers.common import on_error, open_modal, view_lang
from handlers.i18n import lang_now
from handlers.kohu import membership
from handlers.tili import blocks, ids, modals
from texts import t

log = logging.getLogger("somevahti.tili")


async def tili_command(ack, command, client, svc):
    """/tili [unit] opens the request form; /tili lista lists the requests (mavi)."""
    user, text = command["user_id"], (command.get("text") or "").strip()
    if text.lower() in ids.LIST_WORDS:
        lang = await lang_now(client, svc.cache, user)
        if not await membership.is_mavi(client, svc, user):
            await ack(response_type="ephemeral", text=t(lang, "error.tili_not_mavi"))
            return
        snaps = await svc.read(lambda s: [accounts.snapshot(s, i) for i in accounts.list_recent(s)])
        await ack(response_type="ephemeral", **blocks.list_message(lang, snaps))
        return
    await ack()

    async def build() -> dict:
        return modals.request_modal(await lang_now(client, svc.cache, user), unit=text or None)

    svc.after_ack(open_modal(client, command, svc, command["trigger_id"], build))


def unit_head(directory, unit: str) -> str | None:
    """The unit's head from the directory (the unit's name in any case)."""
    heads = {k.casefold(): v for k, v in directory.unit_heads.items()}
    return heads.get(unit.casefold())


async def submit_request(ack, body, view, client, svc):
    user = body["user"]["id"]
    lang = await view_lang(client, svc, user, view)
    values = values_of(view)
    inp, errors = accounts.validate({name: values.get(name) for name in ids.REQUEST_FIELDS})
    head = (unit_head(svc.directory, inp.unit) or inp.head) if inp else None
    if inp is not None and head is None:
        errors.add("head", "head_required")
    if errors:
        await ack(response_action="errors", errors=field_errors(lang, errors, "tili"))
        return
    directory = svc.directory
    policy, missing = directory.resolve_policy("account", user, unit_head=head)

    def store(s):
        return accounts.request(
            s,
            inp,
            reporter=user,
            policy=policy,
            mavi_channel=directory.roles.mavi_channel,
            now=svc.clock.now(),
            missing_roles=missing,
            timezone=directory.timezone,
            request_key=f"tili:{view['id']}",
        ).ref

    ref = await svc.write(store)
    log.info("account request %s stored", ref)
    await ack()


async def _button(ack, body, client, svc, work) -> None:
    try:
        await work()
    except DomainError as exc:
        await ack()
        svc.after_ack(on_error(exc, body, client, svc))
        return
    await ack()


async def approve(ack, body, action, client, svc):
    user, ref = body["user"]["id"], action.get("value") or ""
    await _button(ack, body, client, svc, lambda: svc.write(lambda s: accounts.approve(s, ref, user, svc.clock.now())))


def _approver_check(s, ref: str, user: str) -> None:
    inc = accounts.get(s, ref)
    accounts._open_for(inc, user)


async def _open_text_modal(ack, body, action, client, svc, callback_id: str, kind: str, label: str):
    user, ref = body["user"]["id"], action.get("value") or ""

    async def work():
        await svc.read(lambda s: _approver_check(s, ref, user))
        lang = await lang_now(client, svc.cache, user)
        view = modals.text_modal(lang, callback_id, kind, label, {"ref": ref})
        svc.after_ack(open_modal(client, body, svc, body["trigger_id"], lambda: _ready(view)))

    await _button(ack, body, client, svc, work)


async def _ready(view: dict) -> dict:
    return view


async def open_reject(ack, body, action, client, svc):
    await _open_text_modal(ack, body, action, client, svc, ids.REJECT_VIEW, "reject", "tili.reject.reason")


async def open_ask(ack, body, action, client, svc):
    await _open_text_modal(ack, body, action, client, svc, ids.ASK_VIEW, "ask", "tili.ask.question")


async def open_answer(ack, body, action, client, svc):
    user = body["user"]["id"]
    ref, _, index = (action.get("value") or "").partition("|")
    await ack()

    async def build() -> dict:
        lang = await lang_now(client, svc.cache, user)
        return modals.text_modal(
            lang, ids.ANSWER_VIEW, "answer", "tili.answer.text", {"ref": ref, "index": int(index or 0)}
        )

    svc.after_ack(open_modal(client, body, svc, body["trigger_id"], build))


async def _submit_text(ack, body, view, client, svc, change) -> None:
    user = body["user"]["id"]
    lang = await view_lang(client, svc, user, view)
    meta = metadata(view)
    text, errors = accounts.validate_text(values_of(view).get(ids.TEXT), ids.TEXT)
    if errors:
        await ack(response_action="errors", errors=field_errors(lang, errors, "tili"))
        return
    try:
        await svc.write(lambda s: change(s, meta, user, text))
    except DomainError as exc:
        await ack(response_action="errors", errors={ids.TEXT: t(lang, f"error.{exc.code}", **exc.params)})
        return
    await ack()


async def submit_reject(ack, body, view, client, svc):
    await _submit_text(
        ack,
        body,
        view,
        client,
        svc,
        lambda s, meta, user, text: accounts.reject(s, meta.get("ref") or "", user, text, svc.clock.now()),
    )


async def submit_ask(ack, body, view, client, svc):
    await _submit_text(
        ack,
        body,
        view,
        client,
        svc,
        lambda s, meta, user, text: accounts.ask(
            s, meta.get("ref") or "", user, text, svc.clock.now(), request_key=f"tili-ask:{view['id']}"
        ),
    )


async def submit_answer(ack, body, view, client, svc):
    await _submit_text(
        ack,
        body,
        view,
        client,
        svc,
        lambda s, meta, user, text: accounts.answer(
            s, meta.get("ref") or "", user, int(meta.get("index") or 0), text, svc.clock.now()
        ),
    )
