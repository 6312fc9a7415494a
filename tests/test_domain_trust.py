"""Issue 12, "trust at the edges" (domain part): end to end through the Slack stand-in with signed
requests. Each test failed before its fix (the finding's number is in the test's name)."""

from __future__ import annotations

from sqlalchemy import select

from escalation.models import Incident, IncidentEvent
from tests.support import replay
from tests.support import visible_text as everything_text

THREAT = "Tiedän missä asut. Tulen huomenna kirjastolle ja sinä kadut."
MAVI = "C0MAVI"
LINK = "https://www.facebook.com/kokkolankaupunki/posts/123"


def dms(app, user: str) -> list[dict]:
    return app.standin.dm_messages(user)


def incidents(app) -> list[Incident]:
    with app.db.transaction() as s:
        return list(s.execute(select(Incident).order_by(Incident.id)).scalars())


def events(app, type_: str) -> list[IncidentEvent]:
    with app.db.transaction() as s:
        return list(s.execute(select(IncidentEvent).where(IncidentEvent.type == type_)).scalars())


def report(app, user: str = "U0MAIJA", **values) -> str:
    assert app.driver.slash(user, "/uhka").ok
    resp = app.driver.view_submission(user, values={"text": THREAT, **values})
    assert resp.ok and resp.view is None, resp.text
    app.settle()
    return incidents(app)[-1].ref


def buttons(msg: dict) -> list[str]:
    return [el["text"]["text"] for b in msg.get("blocks") or [] if b["type"] == "actions" for el in b["elements"]]


# -- #5 enumeration ------------------------------------------------------------------------------


def test_5_tila_answers_the_same_for_a_real_id_and_a_made_up_one(app):
    ref = report(app)
    real = app.driver.slash("U0ULKO", "/uhka", f"tila {ref}").json["text"]
    made_up = app.driver.slash("U0ULKO", "/uhka", "tila UHKA-2026-0042").json["text"]
    assert real.replace(ref, "X") == made_up.replace("UHKA-2026-0042", "X")
    assert THREAT not in real


def test_5_kohu_buttons_answer_an_outsider_the_same_for_a_real_and_a_made_up_alert(app):
    assert app.driver.slash("U0MAIJA", "/kohu", "Kohu").ok
    assert app.driver.view_submission("U0MAIJA", values={"links": LINK}).ok
    app.settle()
    alert = app.standin.messages(MAVI, include_replies=False)[0]
    for ref in ("KOHU-2026-0001", "KOHU-2026-0077"):
        for action_id in ("kohu_claim", "kohu_update", "kohu_resolve"):
            assert app.driver.block_action("U0ULKO", action_id, ref, message=alert).ok
    posts = [p["text"] for p in app.standin.response_url_posts() if p["user"] == "U0ULKO"]
    answers = [p.replace("KOHU-2026-0001", "X").replace("KOHU-2026-0077", "X") for p in posts]
    assert len(answers) == 6 and answers[:3] == answers[3:], answers


# -- #4 the supervisor chosen in the form ------------------------------------------------------------


def test_4_a_chosen_supervisor_is_told_in_addition_and_cannot_silence_the_report(app):
    # Pekka has no supervisor in the directory and types in Olli, who is nobody's supervisor.
    ref = report(app, "U0PEKKA", supervisor="U0ULKO")
    chosen = dms(app, "U0ULKO")
    assert len(chosen) == 1 and ref in chosen[0]["text"]
    assert buttons(chosen[0]) == ["Kirjaa rikosilmoitus"]
    # The safety chief hears at once (the first level the directory names), with every button.
    chief = dms(app, "U0TYOSUOJ")
    assert len(chief) == 1 and "Kuittaa" in buttons(chief[0])
    # Olli can neither acknowledge (stopping the escalation) nor close it, even with a forged press.
    assert app.driver.press("U0ULKO", chief[0], "Kuittaa").ok
    assert app.driver.press("U0ULKO", chief[0], "Sulje").ok
    assert app.standin.open_view("U0ULKO") is None
    assert incidents(app)[0].status == "open"
    assert incidents(app)[0].details["supervisor"] is None
    assert app.driver.press("U0TYOSUOJ", chief[0], "Kuittaa").ok
    assert incidents(app)[0].owner_id == "U0TYOSUOJ"


def test_4_a_chosen_supervisor_next_to_the_directorys_one(app):
    ref = report(app, "U0MAIJA", supervisor="U0ULKO")
    assert ref in dms(app, "U0ESIMIES")[0]["text"] and ref in dms(app, "U0ULKO")[0]["text"]
    assert app.driver.press("U0ULKO", dms(app, "U0ESIMIES")[0], "Kuittaa").ok
    assert incidents(app)[0].status == "open"
    app.advance(minutes=31)
    assert dms(app, "U0TYOSUOJ")  # the escalation went on


# -- #21 who was told ----------------------------------------------------------------------------------


def test_21_tila_lists_the_safety_chief_after_a_forward(app):
    ref = report(app)
    assert app.driver.press("U0ESIMIES", dms(app, "U0ESIMIES")[0], "Välitä työsuojelupäällikölle").ok
    app.settle()
    status = everything_text(app.driver.slash("U0MAIJA", "/uhka", f"tila {ref}").json)
    told = next(line for line in status.split("\n") if "Tiedon saaneet" in line)
    assert "<@U0ESIMIES>" in told and "<@U0TYOSUOJ>" in told, told


# -- #10 replays: every state-changing request counts once ------------------------------------------


def timeline(app) -> list[str]:
    with app.db.transaction() as s:
        return [e.type for e in s.execute(select(IncidentEvent).order_by(IncidentEvent.id)).scalars()]


def all_dms(app) -> int:
    return sum(len(dms(app, u)) for u in ("U0MAIJA", "U0ESIMIES", "U0TYOSUOJ", "U0ADMIN"))


def _replayed_twice(app, response) -> tuple[list[str], int]:
    """Replay the very same signed payload twice; the timeline and the DMs must not change."""
    app.settle()
    before = (timeline(app), all_dms(app))
    for _ in range(2):
        assert replay(app, response).status_code == 200
    app.settle()
    after = (timeline(app), all_dms(app))
    assert after == before, (before, after)
    return after


def test_10_every_uhka_action_replayed_changes_nothing_more(app):
    report(app)
    sup = dms(app, "U0ESIMIES")[0]
    ack = app.driver.press("U0ESIMIES", sup, "Kuittaa")
    _replayed_twice(app, ack)
    assert not [p for p in app.standin.response_url_posts() if p["user"] == "U0ESIMIES"]  # nothing to say
    sup = app.standin.message(sup["channel"], sup["ts"])
    _replayed_twice(app, app.driver.press("U0ESIMIES", sup, "Välitä työsuojelupäällikölle"))
    app.driver.press("U0ESIMIES", sup, "Kirjaa rikosilmoitus")
    police = app.driver.view_submission(
        "U0ESIMIES", values={"police_number": "5250/R/1/26", "police_date": "2026-11-28"}
    )
    assert police.ok and police.view is None
    _replayed_twice(app, police)
    assert len(events(app, "police_report")) == 1
    app.driver.press("U0ESIMIES", sup, "Sulje")
    closed = app.driver.view_submission("U0ESIMIES", values={"note": "Hoidettu"})
    assert closed.ok and closed.view is None
    _replayed_twice(app, closed)
    assert len(events(app, "resolved")) == 1


def test_10_every_kohu_action_replayed_changes_nothing_more(app):
    assert app.driver.slash("U0MAIJA", "/kohu", "Kohu").ok
    raised = app.driver.view_submission("U0MAIJA", values={"links": LINK})
    _replayed_twice(app, raised)
    alert = app.standin.messages(MAVI, include_replies=False)[0]
    _replayed_twice(app, app.driver.press("U0MAVI1", alert, "kohu_claim"))
    # A second reporter's report of the same link, replayed, is one report.
    assert app.driver.slash("U0ULKO", "/kohu", "Sama").ok
    _replayed_twice(app, app.driver.view_submission("U0ULKO", values={"links": LINK}))
    app.driver.press("U0MAVI1", alert, "kohu_update")
    update = app.driver.view_submission("U0MAVI1", values={"update_text": "Vastasimme kommentteihin"})
    _replayed_twice(app, update)
    app.driver.press("U0MAVI1", alert, "kohu_resolve")
    resolved = app.driver.view_submission("U0MAVI1", values={"summary": "Rauhoittui"})
    _replayed_twice(app, resolved)
    assert timeline(app) == ["created", "acknowledged", "duplicate_report", "update", "resolved"]


# -- #3 controversy alerts do not leak -----------------------------------------------------------------


def _raise(app, user, text, link=LINK):
    assert app.driver.slash(user, "/kohu", text).ok
    assert app.driver.view_submission(user, values={"links": link}).ok
    app.settle()


def test_3_kohu_lista_shows_others_alerts_only_to_mavi_and_admins(app):
    _raise(app, "U0MAIJA", "Kirjaston kohu")
    _raise(app, "U0PEKKA", "Uimahallin kohu", link="https://www.facebook.com/kokkolankaupunki/posts/456")
    for user in ("U0MAVI1", "U0ADMIN"):
        text = everything_text(app.driver.slash(user, "/kohu", "lista").json)
        assert "KOHU-2026-0001" in text and "KOHU-2026-0002" in text
    outsider = everything_text(app.driver.slash("U0ULKO", "/kohu", "lista").json)
    assert "KOHU-2026-0001" not in outsider and "KOHU-2026-0002" not in outsider and LINK not in outsider
    own = everything_text(app.driver.slash("U0PEKKA", "/kohu", "lista").json)
    assert "KOHU-2026-0002" in own and "KOHU-2026-0001" not in own and "Kirjaston kohu" not in own


def test_3_reporting_the_same_link_again_grants_no_access(app):
    _raise(app, "U0MAIJA", "Kirjaston kohu")
    _raise(app, "U0ULKO", "Sama juttu")  # an outsider reports the same link
    [thanks] = dms(app, "U0ULKO")
    assert "KOHU-2026-0001" in everything_text(thanks) and "Kiitos ilmoituksesta" in everything_text(thanks)
    assert buttons(thanks) == []  # no "add an update" for a co-reporter
    with app.db.transaction() as s:
        assert s.execute(select(Incident)).scalar_one().details["co_reporters"] == ["U0ULKO"]
    alert = app.standin.messages(MAVI, include_replies=False)[0]
    # A forged press of "add an update" is refused; nothing reaches the thread.
    thread_before = len(app.standin.thread(MAVI, alert["ts"]))
    assert app.driver.block_action("U0ULKO", "kohu_update", "KOHU-2026-0001", message=alert).ok
    assert app.standin.open_view("U0ULKO") is None
    # mavi's internal updates do not reach the co-reporter; claiming and resolving do.
    app.driver.press("U0MAVI1", alert, "kohu_claim")
    app.driver.press("U0MAVI1", alert, "kohu_update")
    app.driver.view_submission("U0MAVI1", values={"update_text": "Sisäinen: odotetaan lakimiestä"})
    app.settle()
    told = [everything_text(m) for m in dms(app, "U0ULKO")]
    assert len(told) == 2 and "<@U0MAVI1>" in told[1], told  # "mavi has it"
    assert not any("lakimiestä" in m for m in told)
    assert len(app.standin.thread(MAVI, alert["ts"])) == thread_before + 1  # only mavi's own update
    app.driver.press("U0MAVI1", app.standin.message(MAVI, alert["ts"]), "kohu_resolve")
    app.driver.view_submission("U0MAVI1", values={"summary": "Rauhoittui"})
    app.settle()
    assert "Rauhoittui" in everything_text(dms(app, "U0ULKO")[-1])


# -- #9 fallback texts are one line ------------------------------------------------------------------

FORGED = "Pieni juttu\n*Tila:* ✅ Ratkaistu\u2028*Vakavuus:* matala"


def _bot_texts(app) -> list[str]:
    return [m["text"] for m in app.standin.messages() if m.get("bot_id")]


def test_9_no_fallback_text_of_a_controversy_carries_a_line_break(app):
    assert app.driver.slash("U0PEKKA", "/kohu").ok
    assert app.driver.view_submission(
        "U0PEKKA", values={"what": FORGED, "links": "https://www.facebook.com/kokkolankaupunki/posts/9"}
    ).ok
    app.settle()
    alert = app.standin.messages(MAVI, include_replies=False)[-1]
    app.driver.press("U0MAVI1", alert, "kohu_update")
    app.driver.view_submission("U0MAVI1", values={"update_text": FORGED})
    app.settle()
    texts = _bot_texts(app)
    assert any("Tila:" in t for t in texts)  # the forged words are there, on the same line
    assert not [t for t in texts if "\n" in t or "\u2028" in t], texts


def test_9_no_fallback_text_of_a_threat_report_carries_a_line_break(app):
    report(app, text=FORGED, sender_name="Matti")
    assert app.driver.press("U0ESIMIES", dms(app, "U0ESIMIES")[0], "Kuittaa").ok
    app.settle()
    texts = _bot_texts(app)
    assert len(texts) >= 3 and not [t for t in texts if "\n" in t or "\u2028" in t], texts


# -- #20 subcommands are recognised; a short unknown text asks ---------------------------------------


def test_20_subcommands_in_finnish_and_swedish_never_open_a_report(app):
    ref = report(app)
    for user, text in (
        ("U0MAIJA", "tila 1"),
        ("U0MAIJA", "1"),
        ("U0MAIJA", f"status {ref.lower()}"),
        ("U0ERIK", "läge 1"),
        ("U0MAIJA", "omat kaikki"),
        ("U0ERIK", "egna alla"),
        ("U0MAIJA", "mina"),
    ):
        answer = app.driver.slash(user, "/uhka", text).json
        assert answer["response_type"] == "ephemeral", (text, answer)
        assert app.standin.open_view(user) is None, text
        if user == "U0MAIJA" and text != "mina" and "omat" not in text:
            assert THREAT in everything_text(answer), text  # the status of UHKA-2026-0001
    assert "Sinua odottavat" not in everything_text(app.driver.slash("U0MAIJA", "/uhka", "omat kaikki").json)


def test_20_one_or_two_unknown_words_ask_what_was_meant_in_finnish_and_swedish(app):
    fi = app.driver.slash("U0MAIJA", "/uhka", "kirjasto juttu").json
    assert fi["response_type"] == "ephemeral" and app.standin.open_view("U0MAIJA") is None
    assert buttons(fi) == ["Tee ilmoitus", "Näytä omat"] and "kirjasto juttu" in everything_text(fi)
    sv = app.driver.slash("U0ERIK", "/uhka", "vad nu").json
    assert buttons(sv) == ["Gör en rapport", "Visa mina"] and app.standin.open_view("U0ERIK") is None
    # "Tee ilmoitus" opens the form with the words; "Näytä omat" lists.
    fi, sv = ({**m, "channel": "C0SOME", "ts": "1764324000.000200"} for m in (fi, sv))  # as shown in a channel
    assert app.driver.press("U0MAIJA", fi, "Tee ilmoitus").ok
    modal = app.standin.open_view("U0MAIJA")
    text_block = next(b for b in modal["blocks"] if b["block_id"] == "text")
    assert text_block["element"]["initial_value"] == "kirjasto juttu"
    assert app.driver.press("U0ERIK", sv, "Visa mina").ok
    assert any("rapport" in p["text"].lower() for p in app.standin.response_url_posts() if p["user"] == "U0ERIK")
    # A short text that is plausibly the threat itself still opens the form.
    assert app.driver.slash("U0PEKKA", "/uhka", "tapan sinut").ok
    assert app.standin.open_view("U0PEKKA") is not None


# -- #21 admins' list of open threats ---------------------------------------------------------------


def test_21_avoimet_lists_every_open_threat_for_admins_only(app):
    first = report(app)
    second = report(app, "U0PEKKA")
    admin = everything_text(app.driver.slash("U0ADMIN", "/uhka", "avoimet").json)
    assert first in admin and second in admin and "Avoimet uhkailmoitukset (2)" in admin
    refused = app.driver.slash("U0MAIJA", "/uhka", "avoimet").json
    assert refused["response_type"] == "ephemeral" and first not in everything_text(refused)
    assert "vain ylläpitäjille" in refused["text"] and app.standin.open_view("U0MAIJA") is None
    sv = app.driver.slash("U0ERIK", "/uhka", "öppna").json
    assert "bara för administratörerna" in sv["text"]


# -- #21 the screenshot's state is updated in place -------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def test_21_the_supervisors_card_shows_the_screenshot_stored_without_another_action(app):
    shot = app.standin.add_file("U0MAIJA", "kuva.png", "image/png", PNG)
    report(app, files=[shot["id"]])
    app.settle()
    [card] = dms(app, "U0ESIMIES")
    shown = everything_text(app.standin.message(card["channel"], card["ts"]))
    assert "SHA-256" in shown and "tallennetaan" not in shown, shown


def test_21_the_supervisors_card_shows_a_screenshot_that_could_not_be_kept(app):
    shot = app.standin.add_file("U0MAIJA", "poistettu.png", "image/png", PNG)
    app.standin.faults.add("files.info", "error", error="file_not_found")
    report(app, files=[shot["id"]])
    app.settle()
    [card] = dms(app, "U0ESIMIES")
    shown = everything_text(app.standin.message(card["channel"], card["ts"]))
    assert "poistettu.png (ei saatu tallennettua)" in shown and "tallennetaan" not in shown, shown


def test_21_app_home_lists_open_threats_for_admins_and_no_one_elses_alerts(app):
    ref = report(app, "U0PEKKA")
    _raise(app, "U0MAIJA", "Kirjaston kohu")
    app.driver.app_home_opened("U0ADMIN")
    admin = everything_text(app.standin.wait_for(lambda: app.standin.home_view("U0ADMIN")))
    assert "Avoimet uhkailmoitukset (1)" in admin and ref in admin and "KOHU-2026-0001" in admin
    app.driver.app_home_opened("U0ULKO")
    outsider = everything_text(app.standin.wait_for(lambda: app.standin.home_view("U0ULKO")))
    assert "Avoimet uhkailmoitukset" not in outsider and "KOHU-2026-0001" not in outsider


# -- #19 the evidence export names people, as they were at the time ----------------------------------


def test_19_export_names_people_with_titles_stored_at_report_time(app, tmp_path):
    import io

    from bot.export import run_export

    ref = report(app)
    sup = dms(app, "U0ESIMIES")[0]
    assert app.driver.press("U0ESIMIES", sup, "Välitä työsuojelupäällikölle").ok
    app.settle()
    with app.db.transaction() as s:
        people = s.execute(select(Incident)).scalar_one().details["people"]
    assert people["U0ESIMIES"] == {"name": "Eero Esihenkilö", "title": "Kirjastotoimenjohtaja"}
    assert people["U0MAIJA"]["name"] == "Maija Meikäläinen" and people["U0TYOSUOJ"]["title"]
    # Later the supervisor leaves and is removed from Slack; the reporter changes her name.
    del app.standin._users["U0ESIMIES"]
    app.standin.user("U0MAIJA").real_name = "Maija Uusinimi"
    assert run_export(app.settings, app.directory, ref, tmp_path, out=io.StringIO(), err=io.StringIO()) == 0
    md = (tmp_path / f"{ref}.md").read_text(encoding="utf-8")
    assert "Eero Esihenkilö, Kirjastotoimenjohtaja (U0ESIMIES)" in md
    assert "Maija Meikäläinen, Kirjastosihteeri (U0MAIJA)" in md and "Uusinimi" not in md
    assert "Tuula Työsuojelu, Työsuojelupäällikkö (U0TYOSUOJ)" in md


# -- #23 the sandbox: a two-line paste stays in one field -----------------------------------------------


def test_23_a_two_line_paste_into_a_text_field_stays_in_that_field(capsys):
    from bot.sandbox.lines import Output, TerminalSource
    from bot.sandbox.runner import SandboxWorld
    from bot.sandbox.session import Session

    class Terminal(TerminalSource):
        """A terminal fed from a list; (line, True) arrived in the same paste as the line before."""

        def __init__(self, lines):
            self._pushed, self.line_no, self._readline, self.lines = [], 0, None, list(lines)

        def read(self, prompt):
            if self._pushed:
                return self._pushed.pop()[0]
            return self.lines.pop(0)[0] if self.lines else None

        def _waiting(self, wait):
            return bool(self.lines) and self.lines[0][1]

    def fake_input(prompt=""):
        return terminal.lines.pop(0)[0]

    terminal = Terminal(
        [
            ("/uhka", False),
            ("", False),
            ("Tiedän missä asut.", False),
            ("Tulen huomenna.", True),
            ("", False),
            ("/submit", False),
        ]
    )
    out = Output()
    import builtins

    real_input, builtins.input = builtins.input, fake_input
    try:
        with SandboxWorld() as sandbox:
            Session(sandbox, terminal, out).run()
            sent = [m for m in sandbox.standin.dm_messages("U0ESIMIES")]
    finally:
        builtins.input = real_input
    assert len(sent) == 1
    shown = everything_text(sent[0])
    assert "Tiedän missä asut." in shown and "Tulen huomenna." in shown
