"""Listener callbacks of the /kohu flow: thin, everything else is in escalation.controversies.

Order of work in each listener: read what is needed, check who is asking, write in one
transaction (which stores everything the change owes), then acknowledge. A refusal is a
DomainError, worded for the user by the one error handler (handlers/common.py).

Bolt (process_before_response=False) forgets an ack when the listener raises afterwards,
so nothing here raises after acknowledging: refusals are caught, acknowledged and told.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy.orm import Session

from escalation import controversies as kohu
from escalation.engine import DomainError
from escalation.models import RESOLVED
from handlers.blockkit import field_errors, metadata, values_of
from handlers.common import open_modal, refuse, view_lang
from handlers.i18n import lang_now
from handlers.kohu import blocks, ids, membership, modals
from texts import t

log = logging.getLogger("somevahti.kohu")
T = TypeVar("T")
PERMALINK_TIMEOUT_S = 1.5  # the trigger_id lives 3 s; the modal matters more than the permalink


@dataclass(frozen=True)
class _Who:
    """What permission checks need to know about one alert."""

    ref: str
    status: str
    reporters: frozenset[str]  # reporters who may add updates (the first one; not co-reporters)
    named: frozenset[str]  # people the policy has notified by name (e.g. the comms manager)
    what: str


def _who(s: Session, ref: str) -> _Who:
    """Who may do what on the alert. An unknown ref gives nobody but the mavi team and admins any
    right, so an outsider is refused the same way for a made-up ref as for a real one (the
    domain's "not found" only reaches those who may act on alerts)."""
    try:
        inc = kohu.get(s, ref)
    except DomainError:
        return _Who(ref, "missing", frozenset(), frozenset(), "")
    return _Who(
        inc.ref,
        inc.status,
        frozenset(u for u in [inc.reporter_id] if kohu.may_add_update(inc, u)),
        frozenset(kohu.policy_users(inc)),
        inc.details.get("what") or "",
    )


def _exists_open(who: _Who) -> None:
    """Checked only after the permission check: an outsider learns nothing about the alert."""
    if who.status == "missing":
        raise DomainError("not_found", ref=who.ref[:40])
    if who.status == RESOLVED:
        raise DomainError("already_resolved", ref=who.ref)


async def _may_update(client, svc, user: str, who: _Who) -> bool:
    return user in who.reporters or await membership.may_manage(client, svc, user, who.named)


# -- opening the alert form ---------------------------------------------------------------


async def _open_report(
    client, svc, body: dict, trigger_id: str, user: str, *, what=None, links=None, source: str
) -> None:
    """Open the alert form (after the ack; a failure is told to the user)."""

    async def build() -> dict:
        lang = await lang_now(client, svc.cache, user)
        return modals.report_modal(lang, what=what, links=links, source=source)

    await open_modal(client, body, svc, trigger_id, build)


async def kohu_command(ack, command, client, svc):
    """/kohu [what is happening] opens the form; /kohu lista lists the open alerts."""
    user, text = command["user_id"], (command.get("text") or "").strip()
    if text.lower() in ids.LIST_WORDS:
        lang = await lang_now(client, svc.cache, user)
        sees_all = await membership.is_mavi(client, svc, user)  # mavi and admins; others their own
        snaps = await svc.read(
            lambda s: [kohu.snapshot(s, inc) for inc in kohu.visible_open(s, user, sees_all=sees_all)]
        )
        await ack(response_type="ephemeral", **blocks.list_message(lang, snaps, svc.clock.now(), own_only=not sees_all))
        return
    await ack()
    what, links = modals.prefill(text)
    svc.after_ack(
        _open_report(client, svc, command, command["trigger_id"], user, what=what, links=links, source="command")
    )


async def from_message(ack, body, client, svc):
    """Message shortcut "Hälytä somekohusta": the message's text and permalink pre-fill the form."""
    await ack()
    svc.after_ack(_open_from_message(body, client, svc))


async def _open_from_message(body, client, svc):
    user = body["user"]["id"]
    message = body.get("message") or {}
    channel = (body.get("channel") or {}).get("id")
    what, links = modals.prefill(message.get("text"))
    permalink = None
    if channel and message.get("ts"):
        try:
            resp = await asyncio.wait_for(
                client.chat_getPermalink(channel=channel, message_ts=message["ts"]), PERMALINK_TIMEOUT_S
            )
            permalink = resp.get("permalink")
        except Exception as exc:  # noqa: BLE001  (the form opens without it)
            log.info("no permalink for a shortcut message: %s", type(exc).__name__)
    if permalink and permalink not in links:
        links = [*links, permalink][: kohu.LINKS_MAX_COUNT]
    await _open_report(client, svc, body, body["trigger_id"], user, what=what, links=links, source="shortcut")


async def open_from_ohje(ack, body, client, svc):
    """The button in /ohje answers about a controversy."""
    await ack()
    svc.after_ack(_open_report(client, svc, body, body["trigger_id"], body["user"]["id"], source="ohje"))


# -- submitting the alert -------------------------------------------------------------------


async def submit_report(ack, body, view, client, svc):
    user = body["user"]["id"]
    lang = await view_lang(client, svc, user, view)
    inp, errors = kohu.validate(modals.report_values(view))
    if errors:
        await ack(response_action="errors", errors=field_errors(lang, errors, "kohu"))
        return
    directory = svc.directory
    policy, missing = directory.resolve_policy("controversy", user)
    source = metadata(view).get("source") or "command"

    def store(s: Session) -> kohu.RaiseResult:
        return kohu.raise_alert(
            s,
            inp,
            reporter=user,
            policy=policy,
            now=svc.clock.now(),
            missing_roles=missing,
            mavi_group=directory.roles.mavi_group,
            timezone=directory.timezone,
            request_key=f"kohu:{view['id']}",
            source=source,
        )

    result = await svc.write(store)
    log.info(
        "controversy %s %s",
        result.ref,
        "raised" if result.created else "report added" if result.duplicate else "resubmitted",
    )
    await ack()  # only now: a closed modal always means a stored alert


# -- buttons on the alert -----------------------------------------------------------------


async def _button(ack, body, client, svc, work: Callable[[], Awaitable[None]]) -> None:
    """Run a button's work, then acknowledge. A refusal is acknowledged and told ephemerally;
    an unexpected failure is not acknowledged, so Slack shows the press failed (and the
    error handler tells the user)."""
    try:
        await work()
    except DomainError as exc:
        await refuse(ack, exc, body, client, svc)
        return
    await ack()


async def claim(ack, body, action, client, svc):
    """Otan hoitaakseni: mavi members and admins only; the alert then shows the owner."""
    user, ref = body["user"]["id"], action.get("value") or ""

    async def work():
        who = await svc.read(lambda s: _who(s, ref))
        if not await membership.may_manage(client, svc, user, who.named):
            raise DomainError("kohu_not_mavi")
        await svc.write(lambda s: kohu.claim(s, ref, user, svc.clock.now()))

    await _button(ack, body, client, svc, work)


async def open_update(ack, body, action, client, svc):
    """Lisää tilannepäivitys: the reporter(s), mavi and admins."""
    user, ref = body["user"]["id"], action.get("value") or ""

    async def work():
        who = await svc.read(lambda s: _who(s, ref))
        if not await _may_update(client, svc, user, who):
            raise DomainError("kohu_not_allowed_update")
        _exists_open(who)
        lang = await lang_now(client, svc.cache, user)
        await client.views_open(trigger_id=body["trigger_id"], view=modals.update_modal(lang, ref, who.what))

    await _button(ack, body, client, svc, work)


async def open_resolve(ack, body, action, client, svc):
    """Ratkaistu: mavi members and admins; asks for a summary first."""
    user, ref = body["user"]["id"], action.get("value") or ""

    async def work():
        who = await svc.read(lambda s: _who(s, ref))
        if not await membership.may_manage(client, svc, user, who.named):
            raise DomainError("kohu_not_mavi")
        _exists_open(who)
        lang = await lang_now(client, svc.cache, user)
        await client.views_open(trigger_id=body["trigger_id"], view=modals.resolve_modal(lang, ref, who.what))

    await _button(ack, body, client, svc, work)


# -- submitting an update or a resolution ---------------------------------------------------------


async def _refused(ack, lang: str, block_id: str, error: DomainError) -> None:
    """A refusal at submit time is shown in the modal itself, which stays open."""
    await ack(response_action="errors", errors={block_id: t(lang, f"error.{error.code}", **error.params)})


async def submit_update(ack, body, view, client, svc):
    user = body["user"]["id"]
    lang = await view_lang(client, svc, user, view)
    ref = metadata(view).get("ref") or ""
    values = values_of(view)
    text, errors = kohu.validate_text(values.get(ids.UPDATE_TEXT), "text", kohu.UPDATE_MAX)
    if errors:
        await ack(response_action="errors", errors=field_errors(lang, errors, "kohu", {"text": ids.UPDATE_TEXT}))
        return
    media = "yes" in (values.get(ids.UPDATE_MEDIA) or [])
    try:
        who = await svc.read(lambda s: _who(s, ref))
        if not await _may_update(client, svc, user, who):
            raise DomainError("kohu_not_allowed_update")
        await svc.write(
            lambda s: kohu.add_update(
                s, ref, user, text, svc.clock.now(), media=media, request_key=f"kohu-update:{view['id']}"
            )
        )
    except DomainError as exc:
        await _refused(ack, lang, ids.UPDATE_TEXT, exc)
        return
    await ack()


async def submit_resolve(ack, body, view, client, svc):
    user = body["user"]["id"]
    lang = await view_lang(client, svc, user, view)
    ref = metadata(view).get("ref") or ""
    summary, errors = kohu.validate_text(values_of(view).get(ids.SUMMARY), "summary", kohu.SUMMARY_MAX)
    if errors:
        await ack(response_action="errors", errors=field_errors(lang, errors, "kohu", {"summary": ids.SUMMARY}))
        return
    try:
        who = await svc.read(lambda s: _who(s, ref))
        if not await membership.may_manage(client, svc, user, who.named):
            raise DomainError("kohu_not_mavi")
        await svc.write(lambda s: kohu.resolve(s, ref, user, summary, svc.clock.now()))
    except DomainError as exc:
        if exc.code == "already_resolved" and await svc.read(lambda s: kohu.get(s, ref).resolved_by) == user:
            await ack()  # a resubmission of the modal that already resolved it
            return
        await _refused(ack, lang, ids.SUMMARY, exc)
        return
    await ack()
