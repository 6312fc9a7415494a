"""Listener callbacks for /ohje: answer, show a section, pick a topic, store feedback, teach.

Unsure answers and 👎 are kept for review after the acknowledgement (escalation/ohje_review.py);
an admin's "Opeta" in App Home stores an alias that the next question already uses."""

from __future__ import annotations

import json
import logging

from escalation import ohje_review
from escalation.models import Feedback
from handlers.i18n import cached_lang, lang_now
from handlers.ohje.blocks import answer_message, section_message, topics_message
from knowledge import get_guideline

log = logging.getLogger("somevahti.ohje")

MAX_QUESTION = 500  # characters searched; a longer paste is cut, not refused


async def _lang(client, svc, user_id: str, question_lang: str | None = None) -> str:
    if question_lang == "sv":
        return "sv"
    return await lang_now(client, svc.cache, user_id)


async def ohje_command(ack, command, respond, client, svc):
    question = (command.get("text") or "").strip()[:MAX_QUESTION]
    if not question:
        lang = await _lang(client, svc, command["user_id"])
        await ack(response_type="ephemeral", **topics_message(lang))
        return
    if cached_lang(svc.cache, command["user_id"]) is None:
        # The user's language is not known yet: the answer follows through response_url once
        # Slack has told it, instead of the acknowledgement waiting for Slack.
        await ack()

        async def answer_later():
            await respond(response_type="ephemeral", **await _answer(client, svc, command["user_id"], question))

        svc.after_ack(answer_later())
        return
    # The answer travels in the ack itself: ephemeral, and within Slack's 3 s by far.
    await ack(response_type="ephemeral", **await _answer(client, svc, command["user_id"], question))


async def _answer(client, svc, user_id: str, question: str, *, learn: bool = True, **options) -> dict:
    answer = ohje_review.live_index(svc).current().search(question, limit=5)
    if learn:  # after the acknowledgement: keep an unsure question, pick up new aliases
        svc.after_ack(ohje_review.after_answer(svc, answer))
    return answer_message(answer, await _lang(client, svc, user_id, answer.lang), **options)


async def show_section(ack, body, action, respond, client, svc):
    """'Näytä koko osio' and the topic picker: the whole section, as a new ephemeral message."""
    await ack()
    section_id = action.get("value") or (action.get("selected_option") or {}).get("value") or ""
    if section_id not in {s.id for s in get_guideline().sections}:
        return  # a forged or outdated id: nothing to show

    async def show():
        lang = await _lang(client, svc, body["user"]["id"])
        await respond(response_type="ephemeral", replace_original=False, **section_message(section_id, lang))

    svc.after_ack(show())


async def feedback(ack, body, action, respond, client, svc):
    await ack()
    try:
        value = json.loads(action.get("value") or "{}")
    except ValueError:
        return
    query = str(value.get("q") or "")[:MAX_QUESTION]
    passage_id = value.get("p") if isinstance(value.get("p"), str) else None
    helpful = action["action_id"].endswith("yes")
    user = body["user"]["id"]

    def store(s):
        s.add(Feedback(at=svc.clock.now(), user_id=user, query=query, passage_id=passage_id, helpful=helpful))

    async def thank():
        await svc.write(store)
        if not helpful:  # kept for review: the question and what was shown, not who asked
            shown = [h.passage.id for h in ohje_review.live_index(svc).current().search(query, limit=3).hits]
            if passage_id in shown:
                shown.remove(passage_id)
            await ohje_review.after_unhelpful(svc, query, ([passage_id] if passage_id else []) + shown)
        await respond(
            replace_original=True,
            response_type="ephemeral",
            **await _answer(client, svc, user, query, learn=False, feedback_given=True),
        )

    svc.after_ack(thank())


async def teach(ack, body, action, client, svc):
    """App Home "Opeta": store the alias (question -> passage). Re-authorised on every press:
    admins only; pressing again (or a replayed request) stores nothing new."""
    await ack()
    user = body["user"]["id"]
    try:
        value = json.loads(action.get("value") or "{}")
    except ValueError:
        return
    query, passage_id = str(value.get("q") or "")[:MAX_QUESTION], str(value.get("p") or "")
    from handlers.home.listeners import publish_home

    if not svc.directory.is_admin(user):
        log.warning("ohje teach refused: not an admin")
        svc.after_ack(publish_home(user, client, svc))  # their own view, without the admin section
        return

    async def store():
        try:
            await svc.write(lambda s: ohje_review.teach(s, svc.clock.now(), query, passage_id))
        except ValueError:
            return  # a forged or outdated passage id, or no question: nothing to teach
        await ohje_review.live_index(svc).refresh(svc, force=True)
        await publish_home(user, client, svc)

    svc.after_ack(store())
