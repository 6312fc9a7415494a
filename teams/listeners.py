"""What the bot does with Teams activities (phase 1: /ohje and help in the 1:1 chat).

Registered on the SDK's App by `register(app, svc)`; `svc` is the bot's Services (settings,
directory, database, clock), passed in, not imported. Invokes (card buttons) are answered with
the new card in the response itself: well within Teams' 5 s, the search takes milliseconds.
"""

from __future__ import annotations

import html
import re
from typing import Any

from escalation import ohje_review, threats
from escalation.models import Feedback
from handlers.kohu.modals import prefill as kohu_prefill
from knowledge import get_guideline, get_index
from teams import conversations, kohu, uhka
from teams.cards.common import ADAPTIVE_CARD
from teams.cards.help import help_card
from teams.cards.kohu import start_card as kohu_start_card
from teams.cards.ohje import FEEDBACK, MAX_QUERY_IN_DATA, SHOW_SECTION, answer_card, section_card, topics_card
from teams.cards.uhka import start_card
from teams.uhka import evidence_of
from texts import lang_from_locale

MAX_QUESTION = 500  # characters searched; a longer paste is cut, not refused
HELP_WORDS = {"apua", "help", "hjälp", "ohjeet", "?"}
_MENTION = re.compile(r"<at>.*?</at>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def plain_text(activity_text: str | None) -> str:
    """What the person wrote: mentions of the bot and HTML formatting removed."""
    return " ".join(html.unescape(_TAG.sub(" ", _MENTION.sub(" ", activity_text or ""))).split())


def lang_of(activity, answer_lang: str | None = None) -> str:
    # A question written in Swedish is answered in Swedish, as in Slack.
    return "sv" if answer_lang == "sv" else lang_from_locale(getattr(activity, "locale", None))


def user_of(activity) -> str:
    sender = activity.from_
    return (getattr(sender, "aad_object_id", None) or sender.id).lower()


def card_activity(card: dict) -> Any:
    from microsoft_teams.api import Attachment, MessageActivityInput

    return MessageActivityInput(attachments=[Attachment(content_type=ADAPTIVE_CARD, content=card)])


def card_response(card: dict) -> dict:
    """An Action.Execute answer: Teams shows `card` in place of the clicked one."""
    return {"status": 200, "body": {"statusCode": 200, "type": ADAPTIVE_CARD, "value": card}}


def reply_for(text: str, activity, index: Any = None, answered: Any = None) -> dict:
    """The card answering a message in the 1:1 chat (`answered(answer)` is told the search's answer)."""
    first, _, rest = text.partition(" ")
    command = first.lower().lstrip("/")
    if command in HELP_WORDS and not rest:
        return help_card(lang_of(activity))
    if command == "uhka":  # a card whose button opens the report dialog (typed words cannot)
        link, said = threats.split_command_text(rest)
        return start_card(lang_of(activity), text=said, link=link)
    if command == "kohu":
        what, links = kohu_prefill(rest)
        return kohu_start_card(lang_of(activity), what=what, links=links)
    question = (rest if command == "ohje" else text).strip()[:MAX_QUESTION]
    if not question:
        return topics_card(lang_of(activity))
    answer = (index or get_index()).search(question, limit=5)
    if answered is not None:
        answered(answer)
    return answer_card(answer, lang_of(activity, answer.lang))


def register(app: Any, svc: Any, *, roster: Any = None) -> None:
    on_files, on_uhka_text = uhka.register(app, svc, lang_of, card_activity, card_response)
    if roster is not None:
        kohu.register(app, svc, lang_of, card_response, roster)

    async def remember(activity) -> None:
        ref = conversations.of_activity(activity)
        key = ("teams.conversation", ref.aad_object_id) if ref else None
        if ref is None or svc.cache.get(key) == ref:
            return  # a message in a channel, or nothing new: no write per message
        await svc.write(lambda s: conversations.remember(s, ref, svc.clock.now()))
        svc.cache[key] = ref

    @app.on_message
    async def on_message(ctx: Any) -> None:
        activity = ctx.activity
        await remember(activity)
        if getattr(activity.conversation, "conversation_type", None) != "personal":
            return  # phase 1 answers in the 1:1 chat only
        files = evidence_of(activity.attachments)
        if files:  # screenshots for a threat report (cards cannot upload files)
            await on_files(ctx, files)
            return
        text = plain_text(activity.text)
        if await on_uhka_text(ctx, text):  # uhka omat, uhka tila UHKA-…
            return
        answers: list = []
        card = reply_for(text, activity, ohje_review.live_index(svc).current(), answers.append)
        await ctx.send(card_activity(card))
        for answer in answers:  # kept for review when unsure (no user id); new aliases picked up
            await ohje_review.after_answer(svc, answer)

    @app.on_installation_update
    async def on_installation(ctx: Any) -> None:
        await remember(ctx.activity)

    @app.on_conversation_update
    async def on_conversation_update(ctx: Any) -> None:
        await remember(ctx.activity)

    @app.on_card_action_execute(SHOW_SECTION)
    async def on_show_section(ctx: Any) -> dict:
        data = ctx.activity.value.action.data or {}
        section_id = str(data.get("section") or "")
        if section_id not in {s.id for s in get_guideline().sections}:  # forged or outdated
            return card_response(topics_card(lang_of(ctx.activity)))
        return card_response(section_card(section_id, lang_of(ctx.activity)))

    @app.on_card_action_execute(FEEDBACK)
    async def on_feedback(ctx: Any) -> dict:
        data = ctx.activity.value.action.data or {}
        query = str(data.get("q") or "")[:MAX_QUERY_IN_DATA]
        passage_id = data.get("p") if isinstance(data.get("p"), str) else None
        helpful, user = data.get("helpful") is True, user_of(ctx.activity)

        def store(s) -> None:
            s.add(Feedback(at=svc.clock.now(), user_id=user, query=query, passage_id=passage_id, helpful=helpful))

        await svc.write(store)
        answer = ohje_review.live_index(svc).current().search(query, limit=5)
        if not helpful:  # kept for review: the question and what was shown, not who asked
            shown = [passage_id] if passage_id else []
            await ohje_review.after_unhelpful(
                svc, query, shown + [h.passage.id for h in answer.hits[:3] if h.passage.id not in shown]
            )
        return card_response(answer_card(answer, lang_of(ctx.activity, answer.lang), feedback_given=True))
