"""/kohu in Teams: the alert dialog, and the alert's buttons (claim, situation update, resolve).

Stored through escalation.controversies exactly as the Slack edge does. Who may claim and resolve:
members of the mavi team (`roles.mavi_team`, its roster through the connector, cached), the admins,
and the people the alert's policy has notified by name; a situation update also its reporter(s).
Anyone else is refused with a message, and nothing changes.
"""

from __future__ import annotations

import uuid
from typing import Any

from escalation import controversies as kohu
from escalation.engine import DomainError
from escalation.identity import is_among
from escalation.models import RESOLVED, Incident
from teams.cards import kohu as cards
from teams.cards.blockkit import inert
from teams.cards.uhka import dialog, dialog_message, note_card
from teams.render import controversy_renderer, pressed
from teams.uhka import _aad, _data
from texts import t


def register(app: Any, svc: Any, lang_of, card_response, roster) -> None:
    directory = svc.directory
    render = controversy_renderer(lambda i: directory.display_name(i) or ("mavi" if i.startswith("19:") else None))

    def actor(activity):
        return directory.actor(_aad(activity))

    async def may_manage(me, ref: str) -> bool:
        named = await svc.read(lambda s: kohu.policy_users(kohu.get(s, ref)))
        if directory.is_admin_id(me) or is_among(me, named):
            return True
        return bool(me.ids & await roster.members(directory.roles.mavi_team))

    async def may_update(me, ref: str) -> bool:
        if await svc.read(lambda s: kohu.is_reporter(kohu.get(s, ref), me)):
            return True
        return await may_manage(me, ref)

    def refusal(lang: str, exc: DomainError) -> str:
        return t(lang, f"error.{exc.code}", **exc.params)

    async def answer_with(activity, ref: str, refused: str | None = None) -> dict:
        lang = lang_of(activity)

        def current(s):
            row = pressed(s, activity)
            if row is None or row.incident_id is None:
                return None
            return render(s, row, s.get(Incident, row.incident_id), lang)["card"]

        card = await svc.read(current)
        if card is None:
            card = note_card(refused or t(lang, "kohu.teams.done"), attention=bool(refused))
        elif refused:
            top = {"type": "TextBlock", "text": inert(refused), "wrap": True, "color": "Attention", "weight": "Bolder"}
            card = {**card, "body": [top, *card["body"]]}
        return card_response(card)

    # -- the alert dialog ---------------------------------------------------------------------

    @app.on_dialog_open(cards.REPORT)
    async def open_report(ctx: Any) -> dict:
        lang, data = lang_of(ctx.activity), _data(ctx.activity)
        values = {k: data[k] for k in ("what", "links") if isinstance(data.get(k), str)}
        return dialog(t(lang, "kohu.modal.title"), cards.report_dialog(lang, request=uuid.uuid4().hex, values=values))

    @app.on_dialog_submit(cards.REPORT)
    async def submit_report(ctx: Any) -> dict:
        activity = ctx.activity
        lang, me, data = lang_of(activity), actor(activity), _data(activity)
        inp, errors = kohu.validate(cards.report_values(data))
        if errors:
            return dialog(
                t(lang, "kohu.modal.title"),
                cards.report_dialog(
                    lang, request=str(data.get("request") or uuid.uuid4().hex), values=data, errors=errors
                ),
            )
        policy, missing = directory.resolve_policy("controversy", me)
        key = f"kohu:teams:{str(data.get('request') or activity.id)[:64]}"

        def store(s):
            return kohu.raise_alert(
                s,
                inp,
                reporter=me,
                policy=policy,
                now=svc.clock.now(),
                missing_roles=missing,
                mavi_group=directory.roles.mavi_group,
                timezone=directory.timezone,
                request_key=key,
                source="teams",
            )

        result = await svc.write(store)
        return dialog_message(t(lang, "kohu.teams.added" if result.duplicate else "kohu.teams.stored", ref=result.ref))

    # -- the alert's buttons ---------------------------------------------------------------------

    @app.on_card_action_execute(cards.CLAIM)
    async def on_claim(ctx: Any) -> dict:
        activity = ctx.activity
        lang, me, ref = lang_of(activity), actor(activity), str(_data(activity).get("ref") or "")
        try:
            if not await may_manage(me, ref):
                raise DomainError("kohu_not_mavi")
            await svc.write(lambda s: kohu.claim(s, ref, me, svc.clock.now()))
        except DomainError as exc:
            return await answer_with(activity, ref, refusal(lang, exc))
        return await answer_with(activity, ref)

    async def open_for(ctx: Any, kind: str) -> dict:
        activity = ctx.activity
        lang, me, ref = lang_of(activity), actor(activity), str(_data(activity).get("ref") or "")
        try:
            inc = await svc.read(lambda s: kohu.get(s, ref))
            if inc.status == RESOLVED:
                raise DomainError("already_resolved", ref=ref)
            allowed = await (may_update(me, ref) if kind == cards.UPDATE else may_manage(me, ref))
            if not allowed:
                raise DomainError("kohu_not_allowed_update" if kind == cards.UPDATE else "kohu_not_mavi")
        except DomainError as exc:
            return dialog(t(lang, "uhka.teams.refused"), note_card(refusal(lang, exc), attention=True))
        what = inc.details.get("what") or ""
        if kind == cards.UPDATE:
            return dialog(
                t(lang, "kohu.update.title"), cards.update_dialog(lang, ref, what, values={"request": uuid.uuid4().hex})
            )
        return dialog(t(lang, "kohu.resolve.title"), cards.resolve_dialog(lang, ref, what))

    @app.on_dialog_open(cards.UPDATE)
    async def open_update(ctx: Any) -> dict:
        return await open_for(ctx, cards.UPDATE)

    @app.on_dialog_open(cards.RESOLVE)
    async def open_resolve(ctx: Any) -> dict:
        return await open_for(ctx, cards.RESOLVE)

    @app.on_dialog_submit(cards.UPDATE)
    async def submit_update(ctx: Any) -> dict:
        activity = ctx.activity
        lang, me, data = lang_of(activity), actor(activity), _data(activity)
        ref = str(data.get("ref") or "")
        text, errors = kohu.validate_text(data.get("text"), "text", kohu.UPDATE_MAX)
        what = await svc.read(lambda s: kohu.get(s, ref).details.get("what") or "")
        if errors:
            return dialog(
                t(lang, "kohu.update.title"), cards.update_dialog(lang, ref, what, values=data, errors=errors)
            )
        try:
            if not await may_update(me, ref):
                raise DomainError("kohu_not_allowed_update")
            key = f"kohu-update:teams:{str(data.get('request') or activity.id)[:64]}"
            await svc.write(
                lambda s: kohu.add_update(
                    s, ref, me, text, svc.clock.now(), media=data.get("media") == "yes", request_key=key
                )
            )
        except DomainError as exc:
            return dialog(t(lang, "uhka.teams.refused"), note_card(refusal(lang, exc), attention=True))
        return dialog_message(t(lang, "kohu.teams.done"))

    @app.on_dialog_submit(cards.RESOLVE)
    async def submit_resolve(ctx: Any) -> dict:
        activity = ctx.activity
        lang, me, data = lang_of(activity), actor(activity), _data(activity)
        ref = str(data.get("ref") or "")
        summary, errors = kohu.validate_text(data.get("summary"), "summary", kohu.SUMMARY_MAX)
        if errors:
            what = await svc.read(lambda s: kohu.get(s, ref).details.get("what") or "")
            return dialog(
                t(lang, "kohu.resolve.title"), cards.resolve_dialog(lang, ref, what, values=data, errors=errors)
            )
        try:
            if not await may_manage(me, ref):
                raise DomainError("kohu_not_mavi")
            await svc.write(lambda s: kohu.resolve(s, ref, me, summary, svc.clock.now()))
        except DomainError as exc:
            resolved_by = await svc.read(lambda s: kohu.get(s, ref).resolved_by)
            if exc.code == "already_resolved" and is_among(me, [resolved_by]):
                return dialog_message(t(lang, "kohu.teams.done"))  # the same dialog submitted again
            return dialog(t(lang, "uhka.teams.refused"), note_card(refusal(lang, exc), attention=True))
        return dialog_message(t(lang, "kohu.teams.done"))
