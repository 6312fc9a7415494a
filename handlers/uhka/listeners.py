"""Listener callbacks of the /uhka flow. Thin: parse the payload, call escalation.threats in one
transaction, acknowledge only after the commit, answer the user.

Nothing here logs a payload: a threat's details must never reach a log.
"""

from __future__ import annotations

import asyncio
from functools import partial

from slack_sdk.errors import SlackApiError

from escalation import threats
from escalation.engine import DomainError
from escalation.vocabulary import platform_from_link
from handlers.blockkit import field_errors
from handlers.common import open_modal, refuse, reply_ephemeral
from handlers.i18n import cached_profile, lang_now, remember_profile
from handlers.uhka import blocks, modals
from texts import t

PERMALINK_TIMEOUT = 1.0  # the modal must open within the trigger's 3 s


PEOPLE_TIMEOUT = 3.0  # users.info for the export's names: after the ack, and never longer than this


async def _profiles(client, cache: dict, ids: set[str]) -> dict[str, dict]:
    """Names and titles: cached ones at once, the rest from Slack (users.info), best effort,
    bounded by PEOPLE_TIMEOUT."""

    async def one(uid: str):
        try:
            user = (await client.users_info(user=uid)).get("user") or {}
        except Exception:  # noqa: BLE001  (unknown, deleted, offline: the id is kept anyway)
            return uid, None
        return uid, remember_profile(cache, uid, user)

    known = {uid: p for uid in ids if (p := cached_profile(cache, uid))}
    try:
        asked = await asyncio.wait_for(asyncio.gather(*(one(u) for u in sorted(ids - set(known)))), PEOPLE_TIMEOUT)
    except TimeoutError:
        asked = []
    return {**known, **{uid: p for uid, p in asked if p}}


async def remember_people(client, svc, *, ref: str | None = None, request_key: str | None = None) -> None:
    """Store, in the report itself, the names and titles of everyone it involves so far who is not
    named there yet (after the commit and the ack, so no answer waits for Slack): the evidence
    export needs them even when a person is later renamed or removed from Slack."""
    ids = await svc.read(lambda s: threats.unnamed_people(s, ref=ref, request_key=request_key))
    if not ids:
        return
    people = await _profiles(client, svc.cache, ids)
    if people:
        await svc.write(lambda s: threats.remember_people(s, people, ref=ref, request_key=request_key))


def _user_of(body: dict) -> str:
    return (body.get("user") or {}).get("id") or body.get("user_id")


def _admins(svc) -> list[str]:
    return sorted(svc.directory.admin_ids())  # every admin's ids, on both platforms


# -- opening the report modal ------------------------------------------------------------


async def open_report(
    client,
    svc,
    body: dict,
    user: str,
    trigger_id: str,
    *,
    text: str | None = None,
    link: str | None = None,
    source: str,
    channel: str | None = None,
    attached: list[dict] | None = None,
) -> None:
    """Open the report form (after the ack; a failure is told to the user)."""

    async def build() -> dict:
        lang = await lang_now(client, svc.cache, user)
        supervisor, from_dir = await svc.read(threats.initial_supervisor, svc.directory, user)
        return modals.report_modal(
            lang,
            text=text,
            link=link,
            platform=platform_from_link(link),
            supervisor=supervisor,
            supervisor_from_directory=from_dir,
            source=source,
            channel=channel,
            attached=attached,
        )

    await open_modal(client, body, svc, trigger_id, build)


async def uhka_command(ack, command, client, svc):
    """/uhka [words]: a subcommand (escalation.threats.parse_command), else the report form."""
    user = command["user_id"]
    text = (command.get("text") or "").strip()
    cmd = threats.parse_command(text, year=svc.clock.now().astimezone(svc.directory.tz).year)
    if cmd.kind in ("report",):
        # A bare /uhka, or one followed by the message or a link, opens the report.
        await ack()
        link, message_text = threats.split_command_text(cmd.text)
        svc.after_ack(
            open_report(
                client,
                svc,
                command,
                user,
                command["trigger_id"],
                text=message_text,
                link=link,
                source="slash",
                channel=command.get("channel_id"),
            )
        )
        return
    lang = await lang_now(client, svc.cache, user)
    if cmd.kind == "own":
        lists = await svc.read(threats.open_reports, user, _admins(svc))
        await ack(response_type="ephemeral", **blocks.list_message(lang, lists))
    elif cmd.kind == "status" and (cmd.ref or cmd.text):
        try:
            snap = await svc.read(threats.status, cmd.ref or cmd.text or "", user, _admins(svc))
        except DomainError as exc:
            await ack(response_type="ephemeral", text=t(lang, f"error.{exc.code}", **exc.params))
            return
        await ack(response_type="ephemeral", **blocks.status_message(lang, snap))
    elif cmd.kind == "open_all":
        try:
            snaps = await svc.read(threats.open_all, user, _admins(svc))
        except DomainError as exc:
            await ack(response_type="ephemeral", text=t(lang, f"error.{exc.code}", **exc.params))
            return
        await ack(response_type="ephemeral", **blocks.open_all_message(lang, snaps))
    elif cmd.kind == "ask":
        await ack(response_type="ephemeral", **blocks.ask_message(lang, cmd.text or ""))
    else:  # help, or a status without an id
        await ack(response_type="ephemeral", **blocks.usage_message(lang))


async def ask_report(ack, body, client, svc):
    """ "Tee ilmoitus" in the what-did-you-mean answer: the form, with the words prefilled."""
    await ack()
    link, message_text = threats.split_command_text(_ref_of(body))
    channel = (body.get("channel") or {}).get("id")
    svc.after_ack(
        open_report(
            client,
            svc,
            body,
            _user_of(body),
            body["trigger_id"],
            text=message_text,
            link=link,
            source="slash",
            channel=channel,
        )
    )


async def ask_own(ack, body, client, svc):
    """ "Näytä omat" in the what-did-you-mean answer: the /uhka omat list."""
    user = _user_of(body)
    lang = await lang_now(client, svc.cache, user)
    lists = await svc.read(threats.open_reports, user, _admins(svc))
    message = blocks.list_message(lang, lists)
    await reply_ephemeral(client, body, message["text"], message.get("blocks"))
    await ack()


async def from_message(ack, shortcut, client, svc):
    """Message shortcut: the report pre-filled with the message's text and its permalink."""
    await ack()
    svc.after_ack(_open_from_message(shortcut, client, svc))


async def _open_from_message(shortcut, client, svc):
    user = _user_of(shortcut)
    message = shortcut.get("message") or {}
    channel = (shortcut.get("channel") or {}).get("id")
    link = None
    if channel and message.get("ts"):
        try:
            resp = await asyncio.wait_for(
                client.chat_getPermalink(channel=channel, message_ts=message["ts"]), PERMALINK_TIMEOUT
            )
            link = resp.get("permalink")
        except (SlackApiError, TimeoutError):
            link = None  # the report matters more than the link: open the form anyway
    attached = [
        {"id": f["id"], "name": f.get("name") or f.get("title") or f["id"], "mimetype": f.get("mimetype")}
        for f in message.get("files") or []
        if isinstance(f, dict)
        and f.get("id")
        and ((f.get("mimetype") or "").startswith("image/") or (f.get("filetype") or "") in threats.IMAGE_TYPES)
    ]
    await open_report(
        client,
        svc,
        shortcut,
        user,
        shortcut["trigger_id"],
        text=message.get("text") or None,
        link=link,
        source="shortcut",
        channel=channel,
        attached=attached,
    )


async def open_from_button(ack, body, client, svc):
    """The button in /ohje answers (and in our own messages) opens the same report."""
    await ack()
    channel = (body.get("channel") or {}).get("id")
    svc.after_ack(open_report(client, svc, body, _user_of(body), body["trigger_id"], source="ohje", channel=channel))


# -- submitting the report ---------------------------------------------------------------


async def submit_report(ack, body, view, client, svc):
    user = _user_of(body)
    raw = modals.parse_report(view)
    raw["reporter_name"] = (body.get("user") or {}).get("name")
    now = svc.clock.now()
    report, errors = threats.validate(raw, reporter=user, now=now)
    if errors:
        lang = await lang_now(client, svc.cache, user)
        await ack(response_action="errors", errors=field_errors(lang, errors, "uhka"))
        return
    # Stored whole (incident, evidence, everything it owes) in one transaction, and only then may
    # Slack close the modal. The view id is the request key: a double click or a resubmitted
    # modal stores one report. The confirmation comes as a DM.
    # Names already known (cached from users.info) are kept in the same transaction; Slack is
    # asked about the others after the ack.
    known = partial(cached_profile, svc.cache)
    incident = await svc.write(threats.store_report, report, user, svc.directory, now, f"view:{view['id']}", known)
    await ack()
    if threats.unnamed(incident):
        svc.after_ack(remember_people(client, svc, ref=incident.ref))


# -- the responders' buttons -------------------------------------------------------------


def _ref_of(body: dict) -> str:
    action = (body.get("actions") or [{}])[0]
    return action.get("value") or ""


async def _write(ack, body, client, svc, fn, *args):
    """Commit; a refusal is told (ephemeral) and acknowledged, and None returned.
    The caller acknowledges a success once it has said what it wants to say."""
    try:
        return await svc.write(fn, *args)
    except DomainError as exc:
        await refuse(ack, exc, body, client, svc)
        return None


async def acknowledge(ack, body, client, svc):
    user = svc.directory.actor(_user_of(body))  # the same person in Teams too
    result = await _write(
        ack, body, client, svc, threats.acknowledge, _ref_of(body), user, _admins(svc), svc.clock.now()
    )
    if result is None:
        return
    if not result["changed"] and result["owner"] != user:  # a replay of one's own press: nothing to say
        lang = await lang_now(client, svc.cache, user)
        await reply_ephemeral(
            client,
            body,
            t(lang, "uhka.already_acknowledged", ref=result["ref"], who=blocks.mention(result["owner"], lang)),
        )
    # A success needs no words: the message itself changes in place a moment later.
    await ack()
    svc.after_ack(remember_people(client, svc, ref=result["ref"]))


async def forward(ack, body, client, svc):
    user = svc.directory.actor(_user_of(body))  # the same person in Teams too
    chief = svc.directory.roles.safety_chief
    result = await _write(
        ack,
        body,
        client,
        svc,
        threats.forward_to_safety_chief,
        _ref_of(body),
        user,
        chief,
        _admins(svc),
        svc.clock.now(),
    )
    if result is None:
        return
    lang = await lang_now(client, svc.cache, user)
    key = "uhka.forwarded" if result["changed"] else "uhka.already_forwarded"
    await reply_ephemeral(client, body, t(lang, key, ref=result["ref"], who=blocks.mention(result["to"], lang)))
    await ack()
    svc.after_ack(remember_people(client, svc, ref=result["ref"]))


async def _open_action_modal(ack, body, client, svc, *, respond: bool, build):
    user = svc.directory.actor(_user_of(body))  # the same person in Teams too
    ref = _ref_of(body)

    def check(s):
        incident = threats.get_for(s, ref, user, _admins(svc), respond=respond)
        if respond and incident.status == "resolved":
            raise DomainError("already_resolved", ref=incident.ref)
        return incident.ref

    try:
        ref = await svc.read(check)
    except DomainError as exc:
        await refuse(ack, exc, body, client, svc)
        return
    lang = await lang_now(client, svc.cache, user)
    await client.views_open(trigger_id=body["trigger_id"], view=build(lang, ref))
    await ack()


async def open_police(ack, body, client, svc):
    today = svc.clock.now().astimezone(svc.directory.tz).date()
    await _open_action_modal(
        ack, body, client, svc, respond=False, build=lambda lang, ref: modals.police_modal(lang, ref, today)
    )


async def open_resolve(ack, body, client, svc):
    await _open_action_modal(ack, body, client, svc, respond=True, build=modals.resolve_modal)


async def submit_police(ack, body, view, client, svc):
    user = svc.directory.actor(_user_of(body))
    ref, number, day = modals.parse_police(view)
    now = svc.clock.now()
    fields, errors = threats.validate_police_report(number, day, today=now.astimezone(svc.directory.tz).date())
    if errors:
        lang = await lang_now(client, svc.cache, user)
        await ack(response_action="errors", errors=field_errors(lang, errors, "uhka"))
        return
    # Committed, or refused and told why: the modal closes either way.
    result = await _write(
        ack,
        body,
        client,
        svc,
        threats.record_police_report,
        ref or "",
        user,
        fields["number"],
        fields["date"],
        _admins(svc),
        now,
        f"view:{view['id']}",
    )
    if result is not None:
        await ack()
        svc.after_ack(remember_people(client, svc, ref=result["ref"]))


async def submit_resolve(ack, body, view, client, svc):
    user = svc.directory.actor(_user_of(body))
    ref, note = modals.parse_resolve(view)
    note, errors = threats.validate_note(note)
    if errors:
        lang = await lang_now(client, svc.cache, user)
        await ack(response_action="errors", errors=field_errors(lang, errors, "uhka"))
        return
    result = await _write(
        ack,
        body,
        client,
        svc,
        threats.resolve,
        ref or "",
        user,
        note,
        _admins(svc),
        svc.clock.now(),
        f"view:{view['id']}",
    )
    if result is not None:
        await ack()
        svc.after_ack(remember_people(client, svc, ref=result["ref"]))
