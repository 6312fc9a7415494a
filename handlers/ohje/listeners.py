"""Listener callbacks for /ohje: answer, show a section, pick a topic, store feedback."""

from __future__ import annotations

import json

from escalation.models import Feedback
from handlers.i18n import cached_lang, lang_now
from handlers.ohje.blocks import answer_message, section_message, topics_message
from knowledge import get_guideline, get_index

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


async def _answer(client, svc, user_id: str, question: str, **options) -> dict:
    answer = get_index().search(question, limit=5)
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
        await respond(replace_original=True, response_type="ephemeral",
                      **await _answer(client, svc, user, query, feedback_given=True))

    svc.after_ack(thank())
