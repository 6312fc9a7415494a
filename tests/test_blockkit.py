"""The one family of modal input builders (handlers/blockkit.py): pure, the JSON every flow's
modals are made of."""

from __future__ import annotations

from handlers.blockkit import ACTION, element_input, number_input, option, text_input, user_mention, values_of


def plain(text: str) -> dict:
    return {"type": "plain_text", "text": text, "emoji": True}


def test_text_input_defaults_required_single_line():
    assert text_input("unit", "Yksikkö", max_length=100) == {
        "type": "input",
        "block_id": "unit",
        "optional": False,
        "label": plain("Yksikkö"),
        "element": {"type": "plain_text_input", "action_id": ACTION, "multiline": False, "max_length": 100},
    }


def test_text_input_every_option():
    block = text_input(
        "what",
        "Mitä tapahtuu?",
        max_length=10,
        multiline=True,
        optional=True,
        initial="alku",
        placeholder="esim.",
        hint="Vihje",
    )
    assert block["optional"] is True
    assert block["hint"] == plain("Vihje")
    assert block["element"] == {
        "type": "plain_text_input",
        "action_id": ACTION,
        "multiline": True,
        "max_length": 10,
        "initial_value": "alku",
        "placeholder": plain("esim."),
    }


def test_text_input_keeps_within_slacks_limits():
    el = text_input("x", "X", max_length=10, initial="k" * 50, placeholder="p" * 200)["element"]
    assert el["initial_value"] == "k" * 9 + "…"  # a longer value would make Slack refuse the view
    assert len(el["placeholder"]["text"]) == 150
    # Empty values leave the keys out (no empty initial_value, no hint).
    block = text_input("x", "X", max_length=10, initial="", placeholder="", hint="")
    assert "initial_value" not in block["element"] and "placeholder" not in block["element"]
    assert "hint" not in block


def test_element_input_wraps_any_element_with_the_one_action_id():
    block = element_input("when", "Milloin?", {"type": "datepicker", "action_id": "other"}, optional=True, hint="H")
    assert block == {
        "type": "input",
        "block_id": "when",
        "optional": True,
        "label": plain("Milloin?"),
        "element": {"type": "datepicker", "action_id": ACTION},
        "hint": plain("H"),
    }
    assert element_input("who", "Kuka?", {"type": "users_select"})["optional"] is False


def test_number_input_whole_numbers_between_bounds():
    assert number_input("comments", "Kommentit", min_value=0, max_value=999, optional=True)["element"] == {
        "type": "number_input",
        "action_id": ACTION,
        "is_decimal_allowed": False,
        "min_value": "0",
        "max_value": "999",
    }


def test_option_and_mention():
    assert option("Facebook", "facebook") == {"text": plain("Facebook"), "value": "facebook"}
    assert len(option("o" * 100, "v")["text"]["text"]) == 75
    assert user_mention("U1") == "<@U1>" and user_mention(None) == "?"


def test_values_of_reads_what_the_builders_made():
    view = {
        "state": {
            "values": {
                "unit": {ACTION: {"type": "plain_text_input", "value": "Kirjasto"}},
                "when": {ACTION: {"type": "datepicker", "selected_date": "2026-12-01"}},
                "who": {ACTION: {"type": "users_select", "selected_user": None}},
                "where": {ACTION: {"type": "multi_static_select", "selected_options": [{"value": "facebook"}]}},
            }
        }
    }
    assert values_of(view) == {"unit": "Kirjasto", "when": "2026-12-01", "who": None, "where": ["facebook"]}
