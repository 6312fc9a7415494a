"""Modals of the /kampanja flow (pure functions): the notice form and the results form."""

from __future__ import annotations

import json

from escalation import campaigns
from escalation.vocabulary import Platform
from handlers.blockkit import context, element_input, modal, option, plain, text_input
from handlers.guideline import guideline_blocks
from handlers.kampanja import ids
from texts import t

# "Maksullisen markkinoinnin päätökset tekee yksikön johtaja. Maksullisesta markkinointikampanjasta
# tulee ilmoittaa mavi-tiimiin." and the guideline on following results up.
PAID_PASSAGES = ("kanavat-5",)
RESULTS_PASSAGES = ("seuranta-ja-mittaaminen-1", "seuranta-ja-mittaaminen-3")


def report_modal(lang: str, *, unit: str | None = None, head: str | None = None) -> dict:
    platforms = [option(t(lang, f"platform.{p}"), p.value) for p in Platform]
    decided: dict = {"type": "users_select"}
    if head:
        decided["initial_user"] = head
    blocks = [
        context(t(lang, "kampanja.modal.intro")),
        *guideline_blocks(lang, *PAID_PASSAGES),
        text_input(
            ids.UNIT,
            t(lang, "kampanja.field.unit"),
            max_length=campaigns.UNIT_MAX,
            initial=unit[: campaigns.UNIT_MAX] if unit else None,  # cut as typed in `/kampanja <unit>`, as /tili
            placeholder=t(lang, "kampanja.field.unit.placeholder"),
        ),
        element_input(
            ids.CHANNELS,
            t(lang, "kampanja.field.channels"),
            {
                "type": "multi_static_select",
                "options": platforms,
                "placeholder": plain(t(lang, "kampanja.field.channels.placeholder")),
            },
        ),
        element_input(ids.START, t(lang, "kampanja.field.start"), {"type": "datepicker"}),
        element_input(ids.END, t(lang, "kampanja.field.end"), {"type": "datepicker"}),
        text_input(
            ids.BUDGET,
            t(lang, "kampanja.field.budget"),
            max_length=campaigns.BUDGET_MAX,
            placeholder=t(lang, "kampanja.field.budget.placeholder"),
        ),
        text_input(
            ids.AUDIENCE,
            t(lang, "kampanja.field.audience"),
            multiline=True,
            max_length=campaigns.AUDIENCE_MAX,
            placeholder=t(lang, "kampanja.field.audience.placeholder"),
        ),
        element_input(ids.DECIDED_BY, t(lang, "kampanja.field.decided_by"), decided),
    ]
    return modal(
        ids.REPORT_VIEW,
        t(lang, "kampanja.modal.title"),
        t(lang, "kampanja.modal.submit"),
        t(lang, "kampanja.modal.close"),
        json.dumps({"lang": lang}),
        blocks,
    )


def results_modal(lang: str, ref: str) -> dict:
    blocks = [
        *guideline_blocks(lang, *RESULTS_PASSAGES),
        text_input(ids.LINK, t(lang, "kampanja.field.link"), optional=True, max_length=2000, placeholder="https://"),
        text_input(
            ids.FIGURES,
            t(lang, "kampanja.field.figures"),
            multiline=True,
            optional=True,
            max_length=campaigns.FIGURES_MAX,
            placeholder=t(lang, "kampanja.field.figures.placeholder"),
        ),
    ]
    return modal(
        ids.RESULTS_VIEW,
        t(lang, "kampanja.results.modal.title"),
        t(lang, "kampanja.results.modal.submit"),
        t(lang, "kampanja.modal.close"),
        json.dumps({"lang": lang, "ref": ref}),
        blocks,
    )
