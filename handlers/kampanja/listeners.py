"""Listener callbacks of the /kampanja flow: thin, the domain is escalation.campaigns.

Each listener validates, writes in one transaction (which stores every message the change owes),
then acknowledges; opening a modal happens after the ack (svc.after_ack).
"""

from __future__ import annotations

import logging

from escalation import campaigns
from escalation.engine import DomainError
from handlers.blockkit import field_errors, metadata, values_of
from handlers.common import on_error, open_modal, view_lang
from handlers.i18n import lang_now
from handlers.kampanja import blocks, ids, modals
from handlers.kohu import membership

log = logging.getLogger("somevahti.kampanja")


async def kampanja_command(ack, command, client, svc):
    """/kampanja opens the notice form; /kampanja lista lists the latest notices (mavi)."""
    user, text = command["user_id"], (command.get("text") or "").strip()
    if text.lower() in ids.LIST_WORDS:
        lang = await lang_now(client, svc.cache, user)
        if not await membership.is_mavi(client, svc, user):
            await ack(response_type="ephemeral", text=on_refusal(lang, "kampanja_not_mavi"))
            return
        snaps = await svc.read(lambda s: [campaigns.snapshot(s, i) for i in campaigns.list_recent(s)])
        await ack(response_type="ephemeral", **blocks.list_message(lang, snaps))
        return
    await ack()
    unit = text or None

    async def build() -> dict:
        lang = await lang_now(client, svc.cache, user)
        head = svc.directory.unit_heads.get(unit) if unit else None
        return modals.report_modal(lang, unit=unit, head=head)

    svc.after_ack(open_modal(client, command, svc, command["trigger_id"], build))


def on_refusal(lang: str, code: str) -> str:
    from texts import t

    return t(lang, f"error.{code}")


async def submit_report(ack, body, view, client, svc):
    user = body["user"]["id"]
    lang = await view_lang(client, svc, user, view)
    values = values_of(view)
    inp, errors = campaigns.validate({name: values.get(name) for name in ids.REPORT_FIELDS})
    if errors:
        await ack(response_action="errors", errors=field_errors(lang, errors, "kampanja"))
        return
    directory = svc.directory

    def store(s):
        return campaigns.notify(
            s,
            inp,
            reporter=user,
            mavi_channel=directory.roles.mavi_channel,
            admins=list(directory.admins),
            now=svc.clock.now(),
            timezone=directory.timezone,
            request_key=f"kampanja:{view['id']}",
        ).ref

    ref = await svc.write(store)
    log.info("campaign notice %s stored", ref)
    await ack()


async def seen(ack, body, action, client, svc):
    """Nähty: mavi members (and admins) mark the notice seen."""
    user, ref = body["user"]["id"], action.get("value") or ""
    try:
        if not await membership.is_mavi(client, svc, user):
            raise DomainError("kampanja_not_mavi")
        await svc.write(lambda s: campaigns.mark_seen(s, ref, user, svc.clock.now()))
    except DomainError as exc:
        await ack()
        svc.after_ack(on_error(exc, body, client, svc))
        return
    await ack()


async def open_results(ack, body, action, client, svc):
    """Jaa tulokset: the reporter opens the results form."""
    user, ref = body["user"]["id"], action.get("value") or ""
    await ack()

    async def build() -> dict:
        return modals.results_modal(await lang_now(client, svc.cache, user), ref)

    svc.after_ack(open_modal(client, body, svc, body["trigger_id"], build))


async def submit_results(ack, body, view, client, svc):
    user = body["user"]["id"]
    lang = await view_lang(client, svc, user, view)
    ref = metadata(view).get("ref") or ""
    values = values_of(view)
    results, errors = campaigns.validate_results({"link": values.get(ids.LINK), "figures": values.get(ids.FIGURES)})
    if errors:
        await ack(response_action="errors", errors=field_errors(lang, errors, "kampanja"))
        return
    try:
        await svc.write(lambda s: campaigns.add_results(s, ref, user, results, svc.clock.now()))
    except DomainError as exc:
        from texts import t

        await ack(response_action="errors", errors={ids.FIGURES: t(lang, f"error.{exc.code}", **exc.params)})
        return
    await ack()
