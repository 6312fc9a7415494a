"""knowledge.ask.run_ask: the `somevahti ask` subcommand."""

import io
import json

from knowledge import get_guideline
from knowledge.ask import TEAM, run_ask


def ask(question, as_json=False, stdin=""):
    out = io.StringIO()
    code = run_ask(question, as_json, io.StringIO(stdin), out)
    return code, out.getvalue()


def test_readable_answer():
    code, out = ask("mitä teen uhkaavalle viestille")
    assert code == 0
    assert out.startswith("Välittömässä vaarassa soita aina ensin hätänumeroon 112.\n\nOhje sanoo:")
    assert "/uhka" in out
    assert "”Uhkaavat viestit ohjataan esimiehelle" in out
    assert "Osio: Turvallisesti somessa" in out
    assert f"Lähde: {get_guideline().title}" in out
    assert "Katso myös:" in out
    see_also = out.split("Katso myös:")[1].strip().splitlines()
    assert 1 <= sum(line.lstrip().startswith("–") for line in see_also) <= 2


def test_readable_no_match_lists_topics_and_team():
    code, out = ask("mikä on tänään lounaaksi")
    assert code == 0
    assert "En löytänyt ohjeesta vastausta" in out
    assert "Kysy markkinointi- ja viestintätiimiltä (mavi-tiimi)" in out and TEAM in out
    for section in get_guideline().sections:
        assert f"– {section.title}" in out


def test_json_answer():
    code, out = ask("mitä teen uhkaavalle viestille", as_json=True)
    assert code == 0
    assert out.endswith("\n") and out.count("\n") == 1
    data = json.loads(out)
    assert set(data) == {"query", "no_match", "confident", "situation", "results"}
    assert data["query"] == "mitä teen uhkaavalle viestille" and data["no_match"] is False
    assert data["confident"] is True and data["situation"] == "threat"
    first = data["results"][0]
    assert first["id"] == "turvallisesti-somessa-5"
    assert first["section"] == "Turvallisesti somessa"
    assert first["text"] == get_guideline().passage("turvallisesti-somessa-5").text


def test_json_batch_from_stdin_in_order():
    stdin = "mitä teen uhkaavalle viestille\n\n   \nmiten varaan lomaa\nhur ska jag hantera en hotfull kommentar\n"
    code, out = ask(None, as_json=True, stdin=stdin)
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["query"] for r in rows] == [
        "mitä teen uhkaavalle viestille",
        "miten varaan lomaa",
        "hur ska jag hantera en hotfull kommentar",
    ]
    assert [r["no_match"] for r in rows] == [False, True, False]
    assert rows[1]["results"] == []


def test_json_batch_empty_stdin():
    assert ask(None, as_json=True, stdin="") == (0, "")


def test_no_question_without_json_is_a_usage_error():
    code, out = ask(None)
    assert code == 2 and "kysymys" in out.lower()


def test_readable_situation_without_threat_is_plain():
    code, out = ask("kuka päättää uuden sometilin perustamisesta")
    assert code == 0 and out.startswith("Ohje sanoo:") and "112" not in out


def test_readable_unsure_answer_shows_three_passages_and_topics():
    code, out = ask("voiko facebookissa pitää arvontoja")
    assert code == 0
    data = json.loads(ask("voiko facebookissa pitää arvontoja", as_json=True)[1])
    assert data["no_match"] is False and data["confident"] is False and len(data["results"]) == 3
    assert out.startswith("En ole varma – lähimmät kohdat:")
    assert out.count("Osio: ") == 3
    assert TEAM in out and "Ohjeen aiheet:" in out


def test_json_keeps_its_fields_for_no_match():
    data = json.loads(ask("mikä on tänään lounaaksi", as_json=True)[1])
    assert data == {
        "query": "mikä on tänään lounaaksi",
        "no_match": True,
        "confident": False,
        "situation": None,
        "results": [],
    }
