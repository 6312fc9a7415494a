"""/uhka in Teams: the report dialog, screenshots sent in the 1:1 chat, and the responders' buttons.

Registered by teams.listeners.register. Everything is stored through escalation.threats, exactly as
the Slack edge does (the same store_report, the same checks and refusals); the actor is the sender's
Entra object id as `directory.actor(...)`, so the same person's Slack id counts too.
"""

from __future__ import annotations

import hashlib
import html
import re
import uuid
from typing import Any

from escalation import threats
from escalation.engine import DomainError
from escalation.models import Incident
from handlers.uhka import blocks as uhka_blocks
from teams.cards import uhka as cards
from teams.cards.blockkit import inert, to_card
from teams.render import pressed, threat_renderer
from texts import t

FILE_DOWNLOAD_INFO = "application/vnd.microsoft.teams.file.download.info"
MESSAGE_ACTION = "uhka_from_message"  # the manifest's message action "Ilmoita uhkaavasta viestistä"
_TAG = re.compile(r"<[^>]+>")
_BREAK = re.compile(r"<br\s*/?>|</p>|</div>", re.IGNORECASE)


def html_to_text(content: str) -> str:
    """A Teams message body (HTML) as the plain text its reader saw."""
    text = html.unescape(_TAG.sub("", _BREAK.sub("\n", content)))
    return "\n".join(line.strip() for line in text.splitlines()).strip()


def _aad(activity) -> str:
    sender = activity.from_
    return (getattr(sender, "aad_object_id", None) or sender.id).lower()


def _data(activity) -> dict:
    value = activity.value
    data = getattr(value, "data", None)
    if data is None and getattr(value, "action", None) is not None:
        data = value.action.data
    return dict(data) if isinstance(data, dict) else {}


def evidence_of(attachments) -> list[dict]:
    """Files and pasted images of a message, as threats.attach_files takes them."""
    out = []
    for a in attachments or []:
        ctype = getattr(a, "content_type", None) or ""
        content = getattr(a, "content", None)
        name = getattr(a, "name", None) or ""
        if ctype == FILE_DOWNLOAD_INFO and isinstance(content, dict) and content.get("downloadUrl"):
            ext = str(content.get("fileType") or name.rsplit(".", 1)[-1]).lower()
            uid = str(content.get("uniqueId") or content["downloadUrl"])
            out.append(
                {
                    "id": "t" + hashlib.sha256(uid.encode()).hexdigest()[:31],
                    "name": name or uid,
                    "mimetype": f"image/{'jpeg' if ext == 'jpg' else ext}" if ext else None,
                    "download_url": content["downloadUrl"],
                }
            )
        elif ctype.startswith("image/") and getattr(a, "content_url", None):
            url = a.content_url
            out.append(
                {
                    "id": "t" + hashlib.sha256(url.encode()).hexdigest()[:31],
                    "name": name or "image",
                    "mimetype": ctype,
                    "content_url": url,
                }
            )
    return out


def register(app: Any, svc: Any, lang_of, card_activity, card_response):
    """Wire /uhka's listeners; returns the handler of files sent in the 1:1 chat."""
    directory = svc.directory
    render = threat_renderer(lambda user_id: svc.directory.display_name(user_id))

    def admins():
        return sorted(directory.admin_ids())

    def actor(activity):
        return directory.actor(_aad(activity))

    async def answer_with(activity, ref: str, refusal: str | None = None) -> dict:
        """The pressed card as it is now (for the presser, in the invoke response), with a refusal
        on top when the press was refused (nothing changed)."""
        lang = lang_of(activity)

        def current(s):
            incident = threats.find(s, ref)
            row = pressed(s, activity)
            if incident is None or row is None or row.incident_id != incident.id:
                return None
            return render(s, row, s.get(Incident, row.incident_id), lang)["card"]

        card = await svc.read(current)
        if card is None:
            card = cards.note_card(refusal or t(lang, "uhka.teams.done"), attention=bool(refusal))
        elif refusal:
            top = {"type": "TextBlock", "text": inert(refusal), "wrap": True, "color": "Attention", "weight": "Bolder"}
            card = {**card, "body": [top, *card["body"]]}
        return card_response(card)

    def refusal_text(lang: str, exc: DomainError) -> str:
        return t(lang, f"error.{exc.code}", **exc.params)

    # -- the report dialog ----------------------------------------------------------------

    @app.on_dialog_open(cards.REPORT)
    async def open_report(ctx: Any) -> dict:
        return await report_form(ctx.activity, _data(ctx.activity))

    async def report_form(activity, data: dict, source: str | None = None) -> dict:
        lang, me = lang_of(activity), actor(activity)
        supervisor = directory.supervisor_of(me, "teams")

        def last_choice(s):
            return threats.initial_supervisor(s, directory, me)[0]

        chosen = supervisor or await svc.read(last_choice)
        people = [(name, aad) for name, aad in directory.teams_people() if aad not in me.ids]
        values = {k: data[k] for k in ("text", "link") if isinstance(data.get(k), str)}
        return cards.dialog(
            t(lang, "uhka.modal.title"),
            cards.report_dialog(
                lang,
                request=uuid.uuid4().hex,
                people=people,
                supervisor=chosen,
                supervisor_from_directory=bool(supervisor),
                values=values,
                source=source,
            ),
        )

    @app.on_dialog_submit(cards.REPORT)
    async def submit_report(ctx: Any) -> dict:
        return await store_report(ctx.activity, _data(ctx.activity))

    # The message action "Ilmoita uhkaavasta viestistä" (a message extension command on a message):
    # the same dialog, pre-filled with the message's text; its submit comes as submitAction.

    @app.on_message_ext_open
    async def open_from_message(ctx: Any) -> dict:
        activity = ctx.activity
        value = activity.value
        if getattr(value, "command_id", None) != MESSAGE_ACTION:
            return {"status": 200, "body": {}}
        payload = getattr(value, "message_payload", None)
        body = getattr(payload, "body", None)
        text = html_to_text(getattr(body, "content", None) or "")
        return await report_form(activity, {"text": text} if text else {}, source=MESSAGE_ACTION)

    @app.on_message_ext_submit
    async def submit_from_message(ctx: Any) -> dict:
        data = dict(getattr(ctx.activity.value, "data", None) or {})
        if data.get("action") != cards.REPORT:
            return {"status": 200, "body": {}}
        return await store_report(ctx.activity, data)

    async def store_report(activity, data: dict) -> dict:
        lang, me, now = lang_of(activity), actor(activity), svc.clock.now()
        raw = cards.parse_report(data, directory.tz)
        if data.get("source") == MESSAGE_ACTION:
            raw["source"] = {"kind": "teams_message_action"}
        raw["reporter_name"] = getattr(activity.from_, "name", None)
        report, errors = threats.validate(raw, reporter=me, now=now)
        if errors:
            people = [(name, aad) for name, aad in directory.teams_people() if aad not in me.ids]
            return cards.dialog(
                t(lang, "uhka.modal.title"),
                cards.report_dialog(
                    lang,
                    request=str(data.get("request") or uuid.uuid4().hex),
                    people=people,
                    values=data,
                    errors=errors,
                    source=data.get("source") if isinstance(data.get("source"), str) else None,
                ),
            )
        key = f"teams:{str(data.get('request') or activity.id)[:64]}"
        incident = await svc.write(threats.store_report, report, me, directory, now, key)
        return cards.dialog_message(t(lang, "uhka.teams.stored", ref=incident.ref))

    # -- screenshots sent in the chat ----------------------------------------------------------

    async def on_files(ctx: Any, files: list[dict]) -> None:
        activity = ctx.activity
        lang, me, now = lang_of(activity), actor(activity), svc.clock.now()

        def attach(s):
            incident = threats.attach_files(s, me, files, now, platform="teams")
            return incident.ref if incident is not None else None

        ref = await svc.write(attach)
        if ref is None:
            text = t(lang, "uhka.teams.no_open_report")
        else:
            names = ", ".join(f["name"][:80] for f in files)
            text = t(lang, "uhka.teams.evidence_added", ref=ref, names=names)
        await ctx.send(card_activity(cards.note_card(text)))

    # -- the responders' buttons -------------------------------------------------------------

    @app.on_card_action_execute(cards.ACK)
    async def on_ack(ctx: Any) -> dict:
        activity = ctx.activity
        ref = str(_data(activity).get("ref") or "")
        try:
            await svc.write(threats.acknowledge, ref, actor(activity), admins(), svc.clock.now())
        except DomainError as exc:
            return await answer_with(activity, ref, refusal_text(lang_of(activity), exc))
        return await answer_with(activity, ref)

    @app.on_card_action_execute(cards.FORWARD)
    async def on_forward(ctx: Any) -> dict:
        activity = ctx.activity
        ref = str(_data(activity).get("ref") or "")
        try:
            await svc.write(threats.forward_to_safety_chief, ref, actor(activity), None, admins(), svc.clock.now())
        except DomainError as exc:
            return await answer_with(activity, ref, refusal_text(lang_of(activity), exc))
        return await answer_with(activity, ref)

    async def open_for(ctx: Any, build) -> dict:
        activity = ctx.activity
        lang, me = lang_of(activity), actor(activity)
        ref = str(_data(activity).get("ref") or "")

        def check(s):
            incident = threats.get_for(s, ref, me, admins(), respond=build is cards.resolve_dialog)
            if incident.status == "resolved" and build is cards.resolve_dialog:
                raise DomainError("already_resolved", ref=incident.ref)
            return incident.ref

        try:
            ref = await svc.read(check)
        except DomainError as exc:
            return cards.dialog(t(lang, "uhka.teams.refused"), cards.note_card(refusal_text(lang, exc), attention=True))
        if build is cards.police_dialog:
            today = svc.clock.now().astimezone(directory.tz).date()
            return cards.dialog(t(lang, "uhka.police.title"), cards.police_dialog(lang, ref, today))
        return cards.dialog(t(lang, "uhka.resolve.title"), cards.resolve_dialog(lang, ref))

    @app.on_dialog_open(cards.POLICE)
    async def open_police(ctx: Any) -> dict:
        return await open_for(ctx, cards.police_dialog)

    @app.on_dialog_open(cards.RESOLVE)
    async def open_resolve(ctx: Any) -> dict:
        return await open_for(ctx, cards.resolve_dialog)

    @app.on_dialog_submit(cards.POLICE)
    async def submit_police(ctx: Any) -> dict:
        activity = ctx.activity
        lang, me, now = lang_of(activity), actor(activity), svc.clock.now()
        data = _data(activity)
        ref = str(data.get("ref") or "")
        number, day = data.get("police_number"), data.get("police_date")
        fields, errors = threats.validate_police_report(number, day, today=now.astimezone(directory.tz).date())
        if errors:
            return cards.dialog(
                t(lang, "uhka.police.title"),
                cards.police_dialog(
                    lang,
                    ref,
                    now.astimezone(directory.tz).date(),
                    values={"number": number, "date": day},
                    errors=errors,
                ),
            )
        try:
            await svc.write(threats.record_police_report, ref, me, fields["number"], fields["date"], admins(), now)
        except DomainError as exc:
            return cards.dialog(t(lang, "uhka.teams.refused"), cards.note_card(refusal_text(lang, exc), attention=True))
        return cards.dialog_message(t(lang, "uhka.teams.done"))

    @app.on_dialog_submit(cards.RESOLVE)
    async def submit_resolve(ctx: Any) -> dict:
        activity = ctx.activity
        lang, me, now = lang_of(activity), actor(activity), svc.clock.now()
        data = _data(activity)
        ref = str(data.get("ref") or "")
        note, errors = threats.validate_note(data.get("note"))
        if errors:
            return cards.dialog(
                t(lang, "uhka.resolve.title"),
                cards.resolve_dialog(lang, ref, values={"note": data.get("note")}, errors=errors),
            )
        try:
            await svc.write(threats.resolve, ref, me, note, admins(), now)
        except DomainError as exc:
            return cards.dialog(t(lang, "uhka.teams.refused"), cards.note_card(refusal_text(lang, exc), attention=True))
        return cards.dialog_message(t(lang, "uhka.teams.done"))

    async def on_text(ctx: Any, text: str) -> bool:
        """`uhka omat` and `uhka tila UHKA-…` in the chat, as in Slack (the cards' hints name them).
        True when it was one of them (answered)."""
        activity = ctx.activity
        command, _, rest = text.partition(" ")
        if command.lower().lstrip("/") != "uhka":
            return False
        # The same reading of the words as Slack's /uhka (escalation.threats.parse_command).
        parsed = threats.parse_command(rest, year=svc.clock.now().astimezone(directory.tz).year)
        if parsed.kind not in ("own", "status"):
            return False
        lang, me = lang_of(activity), actor(activity)
        try:
            if parsed.kind == "own":
                msg = uhka_blocks.list_message(lang, await svc.read(threats.open_reports, me, admins()))
            elif parsed.ref:
                msg = uhka_blocks.status_message(lang, await svc.read(threats.status, parsed.ref, me, admins()))
            else:
                msg = uhka_blocks.usage_message(lang)
            card = to_card(msg, {}, name_of=lambda i: directory.display_name(i))["card"]
        except DomainError as exc:
            card = cards.note_card(refusal_text(lang, exc), attention=True)
        await ctx.send(card_activity(card))
        return True

    return on_files, on_text
