"""`somevahti sandbox`: scripts through the CLI and a subprocess, the modal walk-through, and the
pure renderers (Block Kit -> text, modal answers -> values)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from bot.cli import main
from bot.sandbox import DEMO_SCRIPT
from bot.sandbox.fields import AnswerError, Lookups, describe, match_option, parse_answer, parse_datetime
from bot.sandbox.render import Names, Numbering, mrkdwn, render_blocks, render_message
from bot.sandbox.session import LineFailed, parse_wait
from standin.driver import EMPTY
from texts.common import FI

ROOT = Path(__file__).resolve().parents[1]


def run_cli(tmp_path, capsys, text: str) -> tuple[int, str]:
    script = tmp_path / "script.txt"
    script.write_text(text, encoding="utf-8")
    code = main(["sandbox", "--script", str(script)])
    return code, capsys.readouterr().out


# ---------------------------------------------------------------------------- scripts via the CLI


def test_some_prints_the_help(tmp_path, capsys):
    code, out = run_cli(tmp_path, capsys, "/some\n")
    assert code == 0, out
    assert "maija> /some" in out
    assert FI["help.title"] in out
    assert "vain sinulle (ephemeral) → Maija Meikäläinen (maija)" in out


def test_as_people_comments_and_blank_lines(tmp_path, capsys):
    code, out = run_cli(tmp_path, capsys, "# kommentti näkyy\n\n/as olli\n/people\n/expect Tuula Työsuojelu\n")
    assert code == 0, out
    assert "# kommentti näkyy" in out
    assert "Olet nyt Olli Ulkopuolinen (olli)" in out
    assert "olli> /people" in out  # the prompt follows the person
    assert "→ olli" in out
    assert "#mavi-tiimi (C0MAVI): @mira, @ville, @anna" in out


def test_unknown_command_fails_with_a_clear_message(tmp_path, capsys):
    code, out = run_cli(tmp_path, capsys, "/some\n/kahvia\n/some\n")
    assert code == 1
    assert "Tuntematon komento /kahvia" in out
    assert "/help" in out
    assert out.count(FI["help.title"]) == 2  # the script carried on after the bad line
    assert "rivi 2" in out


def test_unknown_person_and_button_fail(tmp_path, capsys):
    code, out = run_cli(tmp_path, capsys, "/as nobody\n")
    assert code == 1 and "Henkilöä ”nobody” ei ole" in out
    code, out = run_cli(tmp_path, capsys, "/press 7\n")
    assert code == 1 and "Painiketta 7 ei ole" in out
    code, out = run_cli(tmp_path, capsys, "tervehdys\n")
    assert code == 1 and "En ymmärrä riviä" in out


def test_expect_passes_and_fails(tmp_path, capsys):
    code, out = run_cli(tmp_path, capsys, f"/some\n/expect {FI['help.title']}\n/expect 112\n")
    assert code == 0, out
    code, out = run_cli(tmp_path, capsys, "/some\n/expect Tätä tekstiä ei ole\n")
    assert code == 1
    assert "/expect: tekstiä ”Tätä tekstiä ei ole” ei näkynyt" in out
    # /expect looks at the previous action only
    code, out = run_cli(tmp_path, capsys, f"/some\n/people\n/expect {FI['help.title']}\n")
    assert code == 1
    code, out = run_cli(tmp_path, capsys, "/some\n/expect-not Tätä tekstiä ei ole\n/expect-not 112\n")
    assert code == 1 and "näkyi edellisen toiminnon tulosteessa" in out


def test_wait_moves_the_clock(tmp_path, capsys):
    code, out = run_cli(tmp_path, capsys, "/time\n/wait 31m\n/expect Aika kuluu 31 min\n/wait soon\n")
    assert code == 1  # the last line
    assert "En ymmärrä aikaa ”soon”" in out


def test_missing_script_file_is_a_config_error(tmp_path, capsys):
    assert main(["sandbox", "--script", str(tmp_path / "missing.txt")]) == 2
    assert "not found" in capsys.readouterr().err


def test_subprocess_reads_the_script_from_stdin():
    env = {**os.environ, "NO_COLOR": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "bot.cli", "sandbox", "--script", "-"],
        input="/some\n/expect Välittömässä vaarassa\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert FI["help.title"] in proc.stdout
    assert "Traceback" not in proc.stderr


def test_demo_script_runs(capsys):
    code = main(["sandbox", "--script", str(DEMO_SCRIPT)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert FI["help.title"] in out


# ---------------------------------------------------------------------------- modal walk-through


def _flow_registered(name: str) -> bool:
    return (ROOT / "handlers" / name / "__init__.py").exists()


@pytest.mark.skipif(not _flow_registered("uhka"), reason="the /uhka flow (handlers/uhka) is not built yet")
def test_uhka_modal_walk_through(tmp_path, capsys):
    # The text after /uhka pre-fills the message, so /submit works whatever order the fields are in.
    code, out = run_cli(
        tmp_path,
        capsys,
        "\n".join(
            [
                "/uhka Tiedän missä asut.",
                "/submit",
                "/expect DM → Eero Esihenkilö (eero)",
                "/expect UHKA-",
                "/as olli",
                "1",
                f"/expect {FI['error.not_found_or_not_allowed'].format(ref='UHKA-2026-0001')}",
                "/wait 31m",
                "/expect DM → Tuula Työsuojelu (tuula)",
            ]
        )
        + "\n",
    )
    assert code == 0, out
    assert "═══ Lomake avautui:" in out
    assert "› /submit" in out
    assert "│ Tiedän missä asut." in out


@pytest.mark.skipif(not _flow_registered("kohu"), reason="the /kohu flow (handlers/kohu) is not built yet")
def test_kohu_modal_walk_through(tmp_path, capsys):
    code, out = run_cli(
        tmp_path,
        capsys,
        "\n".join(
            [
                "/kohu",
                "/cancel",
                "/shortcut kohu Päivitys uimahallista kerää vihaisia kommentteja",
                "/submit",
                "/expect #mavi-tiimi",
                "/expect KOHU-",
            ]
        )
        + "\n",
    )
    assert code == 0, out
    assert "(lomake suljettu)" in out
    assert "── #somepaivittajat – Maija Meikäläinen (maija) kirjoitti" in out


def _test_flow(runtime) -> None:
    """A small flow of our own, so the walk-through is tested whatever the real flows look like."""
    app = runtime.app

    modal = {
        "type": "modal",
        "callback_id": "testi_modal",
        "title": {"type": "plain_text", "text": "Testilomake"},
        "submit": {"type": "plain_text", "text": "Lähetä"},
        "blocks": [
            {"type": "section", "text": {"type": "mrkdwn", "text": "Täytä *kaikki* kentät."}},
            {
                "type": "input",
                "block_id": "teksti",
                "label": {"type": "plain_text", "text": "Viesti"},
                "element": {"type": "plain_text_input", "action_id": "v", "max_length": 30, "multiline": True},
            },
            {
                "type": "input",
                "block_id": "alusta",
                "label": {"type": "plain_text", "text": "Alusta"},
                "element": {
                    "type": "static_select",
                    "action_id": "v",
                    "options": [
                        {"text": {"type": "plain_text", "text": t}, "value": t.lower()}
                        for t in ("Facebook", "Instagram", "TikTok")
                    ],
                },
            },
            {
                "type": "input",
                "block_id": "kuka",
                "label": {"type": "plain_text", "text": "Esihenkilö"},
                "element": {"type": "users_select", "action_id": "v", "initial_user": "U0ESIMIES"},
            },
            {
                "type": "input",
                "block_id": "milloin",
                "optional": True,
                "label": {"type": "plain_text", "text": "Milloin"},
                "element": {"type": "datetimepicker", "action_id": "v"},
            },
            {
                "type": "input",
                "block_id": "liput",
                "optional": True,
                "label": {"type": "plain_text", "text": "Liput"},
                "element": {
                    "type": "checkboxes",
                    "action_id": "v",
                    "options": [{"text": {"type": "plain_text", "text": t}, "value": t} for t in ("vaara", "media")],
                },
            },
            {
                "type": "input",
                "block_id": "kuvat",
                "optional": True,
                "label": {"type": "plain_text", "text": "Kuvakaappaukset"},
                "element": {"type": "file_input", "action_id": "v"},
            },
        ],
    }

    @app.command("/testi")
    async def open_modal(ack, body, client):
        await ack()
        await client.views_open(trigger_id=body["trigger_id"], view=modal)

    @app.view("testi_modal")
    async def submitted(ack, view, body, client):
        values = view["state"]["values"]
        text = values["teksti"]["v"]["value"]
        if text == "virhe":
            await ack(response_action="errors", errors={"teksti": "Ei kelpaa."})
            return
        await ack()
        who = values["kuka"]["v"]["selected_user"]
        platform = values["alusta"]["v"]["selected_option"]["value"]
        files = values["kuvat"]["v"].get("files") or []
        when = values["milloin"]["v"].get("selected_date_time")
        flags = [o["value"] for o in values["liput"]["v"].get("selected_options") or []]
        await client.chat_postMessage(
            channel=who,
            text="Uusi testi",
            blocks=[
                {"type": "header", "text": {"type": "plain_text", "text": "Uusi testi"}},
                {
                    "type": "section",
                    "text": {"type": "mrkdwn", "text": f"<@{body['user']['id']}> kirjoitti:\n> {text}"},
                    "fields": [
                        {"type": "mrkdwn", "text": f"*Alusta*\n{platform}"},
                        {"type": "mrkdwn", "text": f"*Tiedostoja*\n{len(files)}"},
                    ],
                },
                {"type": "context", "elements": [{"type": "mrkdwn", "text": f"aika {when} liput {','.join(flags)}"}]},
                {
                    "type": "actions",
                    "elements": [
                        {
                            "type": "button",
                            "action_id": "testi_ok",
                            "value": "T-1",
                            "text": {"type": "plain_text", "text": "Kuittaa"},
                        }
                    ],
                },
            ],
        )

    @app.action("testi_ok")
    async def pressed(ack, body, action, respond, client):
        await ack()
        user = body["user"]["id"]
        if user != "U0ESIMIES":
            await respond(response_type="ephemeral", replace_original=False, text="Ei oikeutta.")
            return
        await client.chat_update(
            channel=body["channel"]["id"], ts=body["message"]["ts"], text=f"Kuitattu {action['value']}", blocks=[]
        )


def run_session(capsys, lines: list[str]) -> tuple[int, str]:
    from bot.sandbox.lines import Output, ScriptSource
    from bot.sandbox.runner import SandboxWorld
    from bot.sandbox.session import Session

    out = Output()
    with SandboxWorld(setup=_test_flow) as sandbox:
        session = Session(sandbox, ScriptSource(lines, out), out)
        session.slash_commands = (*session.slash_commands, "/testi")
        code = session.run()
    return code, capsys.readouterr().out


def test_modal_walk_through_with_errors_buttons_and_refusal(tmp_path, capsys):
    shot = tmp_path / "kuva.png"
    shot.write_bytes(b"\x89PNG fake")
    code, out = run_session(
        capsys,
        [
            "/testi",
            "virhe",  # Viesti -> the app answers with a field error
            "ins",  # Alusta: a unique beginning is enough
            "",  # Esihenkilö: keep the prefilled eero
            "2026-11-28 14:30",  # Milloin
            "1,2",  # Liput
            str(shot),  # Kuvakaappaukset
            "Uhkaus\\nrivi kaksi",  # Viesti again, only this field is re-asked
            "/expect Ei kelpaa.",
            "/expect DM → Eero Esihenkilö (eero)",
            "/as olli",
            "1",
            "/expect vain sinulle (ephemeral) → Olli Ulkopuolinen (olli)",
            "/expect Ei oikeutta.",
            "/as eero",
            "/inbox",
            "1",
            "/expect päivitetty viesti · DM → Eero Esihenkilö (eero)",
            "/expect Kuitattu T-1",
        ],
    )
    assert code == 0, out
    assert "═══ Lomake avautui: Testilomake ═══" in out
    assert "Täytä *kaikki* kentät." in out
    assert "1) Facebook   2) Instagram   3) TikTok" in out
    assert "esitäytetty: Eero Esihenkilö (eero)" in out
    assert "✗ Viesti: Ei kelpaa." in out
    assert out.count("▸ Viesti (pakollinen)") == 2 and out.count("▸ Alusta") == 1
    assert "│ Uhkaus" in out and "rivi kaksi" in out
    assert "▸ *Alusta*: instagram" in out and "▸ *Tiedostoja*: 1" in out
    assert "[1] Kuittaa" in out
    assert "@maija kirjoitti:" in out
    assert "liput vaara,media" in out


def test_modal_field_problems_fail_the_script_and_cancel_closes(capsys):
    code, out = run_session(
        capsys,
        [
            "/testi",
            "tämä viesti on aivan liian pitkä kolmenkymmenen merkin kenttään",  # max_length 30
            "lyhyt",
            "Myspace",  # no such option
            "1",
            "/cancel",
            "/some",
        ],
    )
    assert code == 1
    assert "liian pitkä: enintään 30 merkkiä" in out
    assert "ei vaihtoehtoa 'Myspace'" in out
    assert "(lomake suljettu)" in out
    assert FI["help.title"] in out  # the script went on after the modal


def test_a_script_that_moves_on_submits_with_defaults(capsys):
    code, out = run_session(capsys, ["/testi", "teksti", "2", "/as eero", "/inbox", "/expect Uusi testi"])
    assert code == 0, out
    assert "(loput kentät jätetään ennalleen; lomake lähetetään)" in out
    assert "eero> /inbox" in out and "│ teksti" in out


def test_a_script_that_leaves_required_fields_fails(capsys):
    code, out = run_session(capsys, ["/testi", "teksti", "/some"])
    assert code == 1
    assert "Alusta: pakollinen kenttä" in out
    assert FI["help.title"] in out


# ---------------------------------------------------------------------------- pure rendering

NAMES = Names(
    users={"U0EERO": ("eero", "Eero Esihenkilö")}, channels={"C0MAVI": "mavi-tiimi"}, groups={"S0MAVI": "mavi"}
)


def test_mrkdwn_mentions_links_quotes_and_entities():
    text = (
        "<@U0EERO> ja <!subteam^S0MAVI>, katso <https://kokkola.fi/x|ohje> ja <https://a.fi> "
        "kanavalla <#C0MAVI>; <!here> &lt;b&gt; &amp; :warning:\n&gt; lainaus\n> toinen"
    )
    assert mrkdwn(text, NAMES).split("\n") == [
        "@eero ja @mavi, katso ohje (https://kokkola.fi/x) ja https://a.fi kanavalla #mavi-tiimi; @here <b> & ⚠️",
        "│ lainaus",
        "│ toinen",
    ]
    assert (
        mrkdwn("<!subteam^S0MAVI|@mavi-tiimi> <!date^1700000000^{date}|28.11.> <@UNKNOWN>", NAMES)
        == "@mavi-tiimi 28.11. @UNKNOWN"
    )


def test_blocks_to_text_with_numbered_buttons():
    blocks = [
        {"type": "header", "text": {"type": "plain_text", "text": "UHKA-2026-0001"}},
        {
            "type": "section",
            "text": {"type": "mrkdwn", "text": "Ilmoittaja <@U0EERO>"},
            "fields": [{"type": "mrkdwn", "text": "*Alusta*\nFacebook"}, {"type": "mrkdwn", "text": "*Tila:* auki"}],
            "accessory": {"type": "button", "action_id": "open", "text": {"type": "plain_text", "text": "Avaa"}},
        },
        {"type": "divider"},
        {
            "type": "context",
            "elements": [{"type": "mrkdwn", "text": "Ilmoitettu klo 12"}, {"type": "plain_text", "text": "lisää"}],
        },
        {
            "type": "actions",
            "block_id": "b1",
            "elements": [
                {"type": "button", "action_id": "ack", "text": {"type": "plain_text", "text": "Kuittaa"}},
                {
                    "type": "button",
                    "action_id": "link",
                    "url": "https://x.fi",
                    "text": {"type": "plain_text", "text": "Linkki"},
                },
                {
                    "type": "static_select",
                    "action_id": "pick",
                    "placeholder": {"type": "plain_text", "text": "Aihe"},
                    "options": [{"text": {"type": "plain_text", "text": "A"}, "value": "a"}],
                },
            ],
        },
        {"type": "image", "image_url": "https://x.fi/a.png", "alt_text": "kuva"},
        {"type": "mystery"},
    ]
    numbering = Numbering()
    lines = render_blocks(blocks, NAMES, numbering)
    assert lines == [
        "   ■ UHKA-2026-0001",
        "   Ilmoittaja @eero",
        "   ▸ *Alusta*: Facebook",
        "   ▸ *Tila:* auki",
        "   [1] Avaa",
        "   " + "─" * 40,
        "   · Ilmoitettu klo 12  lisää",
        "   [2] Kuittaa   [3] Linkki ↗ (https://x.fi)   [4] ▾ Aihe",
        "   [kuva: kuva] (https://x.fi/a.png)",
        "   [mystery]",
    ]
    assert [c.element["action_id"] for c in numbering.controls.values()] == ["open", "ack", "link", "pick"]
    assert numbering.controls[2].block_id == "b1"


def test_message_text_rich_text_and_attachments():
    assert render_message({"text": "Hei <@U0EERO>"}, NAMES) == ["   Hei @eero"]
    rich = {
        "blocks": [
            {
                "type": "rich_text",
                "elements": [
                    {
                        "type": "rich_text_section",
                        "elements": [
                            {"type": "text", "text": "Katso "},
                            {"type": "link", "url": "https://a.fi", "text": "tämä"},
                            {"type": "user", "user_id": "U0EERO"},
                        ],
                    },
                    {
                        "type": "rich_text_list",
                        "style": "bullet",
                        "elements": [{"type": "rich_text_section", "elements": [{"type": "text", "text": "yksi"}]}],
                    },
                    {"type": "rich_text_quote", "elements": [{"type": "text", "text": "lainattu"}]},
                ],
            }
        ]
    }
    assert render_message(rich, NAMES) == ["   Katso tämä (https://a.fi)@eero", "   • yksi", "   │ lainattu"]
    att = {
        "text": "x",
        "attachments": [{"color": "#f00", "title": "Otsikko", "fields": [{"title": "A", "value": "b"}]}],
    }
    assert render_message(att, NAMES) == ["   x", "   ▍ Otsikko", "   ▍ ▸ A: b"]
    assert render_message({}, NAMES) == ["   (tyhjä viesti)"]


# ---------------------------------------------------------------------------- modal answers

LOOKUPS = Lookups(
    user=lambda s: {"eero": "U0EERO", "@eero": "U0EERO"}.get(s.strip()),
    channel=lambda s: "C0MAVI" if s.strip("#") == "mavi-tiimi" else None,
    user_name=lambda u: "Eero Esihenkilö (eero)",
    channel_name=lambda c: "mavi-tiimi",
    upload=lambda p: "F1",
)
OPTIONS = [{"text": {"type": "plain_text", "text": t}, "value": t.lower()} for t in ("Facebook", "Instagram", "X")]


def block(el: dict, optional: bool = False) -> dict:
    return {
        "type": "input",
        "block_id": "b",
        "optional": optional,
        "label": {"type": "plain_text", "text": "Kenttä"},
        "element": el,
    }


def test_answers_become_driver_values():
    text = block({"type": "plain_text_input", "action_id": "v", "initial_value": "alku"})
    assert parse_answer(text, "", LOOKUPS) is None  # keep the prefilled value
    assert parse_answer(text, "-", LOOKUPS) is EMPTY
    assert parse_answer(text, "a\\nb", LOOKUPS) == "a\nb"
    sel = block({"type": "static_select", "action_id": "v", "options": OPTIONS})
    assert parse_answer(sel, "2", LOOKUPS)["value"] == "instagram"
    assert parse_answer(sel, "facebook", LOOKUPS)["value"] == "facebook"
    assert parse_answer(sel, "X", LOOKUPS)["value"] == "x"
    checks = block({"type": "checkboxes", "action_id": "v", "options": OPTIONS})
    assert [o["value"] for o in parse_answer(checks, "1, 3", LOOKUPS)] == ["facebook", "x"]
    assert [o["value"] for o in parse_answer(checks, "1 2", LOOKUPS)] == ["facebook", "instagram"]
    assert parse_answer(block({"type": "users_select", "action_id": "v"}), "@eero", LOOKUPS) == "U0EERO"
    assert parse_answer(block({"type": "multi_users_select", "action_id": "v"}), "eero", LOOKUPS) == ["U0EERO"]
    assert parse_answer(block({"type": "channels_select", "action_id": "v"}), "#mavi-tiimi", LOOKUPS) == "C0MAVI"
    assert parse_answer(block({"type": "datepicker", "action_id": "v"}), "28.11.2026", LOOKUPS) == "2026-11-28"
    assert parse_answer(block({"type": "timepicker", "action_id": "v"}), "14.30", LOOKUPS) == "14:30"
    epoch = parse_answer(block({"type": "datetimepicker", "action_id": "v"}), "2026-11-28 14:30", LOOKUPS)
    assert (
        datetime.fromtimestamp(epoch).astimezone().isoformat()
        == parse_datetime("28.11.2026 klo 14.30").astimezone().isoformat()
    )
    assert epoch == 1795869000  # 12:30 UTC: Helsinki is UTC+2 in November
    assert parse_answer(block({"type": "file_input", "action_id": "v"}), "/tmp/a.png", LOOKUPS) == ["F1"]


def test_bad_answers_say_why():
    sel = block({"type": "static_select", "action_id": "v", "options": OPTIONS})
    with pytest.raises(AnswerError, match="ei vaihtoehtoa 'Myspace'"):
        parse_answer(sel, "Myspace", LOOKUPS)
    with pytest.raises(AnswerError, match="ei vaihtoehtoa"):
        match_option(OPTIONS, "9")
    with pytest.raises(AnswerError, match="henkilöä 'nobody' ei löydy"):
        parse_answer(block({"type": "users_select", "action_id": "v"}), "nobody", LOOKUPS)
    with pytest.raises(AnswerError, match="ei ole päivä ja aika"):
        parse_answer(block({"type": "datetimepicker", "action_id": "v"}), "huomenna", LOOKUPS)
    with pytest.raises(AnswerError, match="ei ole päivämäärä"):
        parse_answer(block({"type": "datepicker", "action_id": "v"}), "31.2.2026", LOOKUPS)


def test_field_description():
    b = block(
        {"type": "radio_buttons", "action_id": "v", "options": OPTIONS, "initial_option": OPTIONS[0]}, optional=True
    )
    b["hint"] = {"type": "plain_text", "text": "Mistä viesti tuli"}
    assert describe(b, LOOKUPS) == [
        "▸ Kenttä (valinnainen – tyhjä rivi ohittaa)",
        "  ohje: Mistä viesti tuli",
        "  1) Facebook   2) Instagram   3) X",
        "  esitäytetty: Facebook  (tyhjä rivi pitää, - tyhjentää)",
    ]
    lines = describe(
        block(
            {
                "type": "plain_text_input",
                "action_id": "v",
                "max_length": 50,
                "placeholder": {"type": "plain_text", "text": "Kopioi viesti"},
            }
        ),
        LOOKUPS,
    )
    assert lines == ["▸ Kenttä (pakollinen)", "  esim.: Kopioi viesti", "  (enintään 50 merkkiä)"]


def test_wait_durations():
    assert parse_wait("31m") == 31 * 60
    assert parse_wait("90s") == 90
    assert parse_wait("1h 30m") == 5400
    assert parse_wait("2d") == 2 * 86400
    assert parse_wait("45") == 45 * 60
    with pytest.raises(LineFailed):
        parse_wait("x")
