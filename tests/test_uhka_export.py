"""`somevahti export` (evidence report for the police) and `somevahti purge` (retention)."""

from __future__ import annotations

import base64
import hashlib
import io
import stat

from sqlalchemy import select

from bot.cli import main
from bot.export import run_export
from bot.retention import run_purge
from escalation.models import AuditLog, Incident
from tests.test_uhka import PNG, dms, report

HOSTILE = 'Tapan sinut. <script>alert("x")</script> | **huom** ```'


def _closed_report_with_evidence(app) -> str:
    shot = app.standin.add_file("U0MAIJA", "kuvakaappaus <1>.png", "image/png", PNG)
    ref = report(
        app,
        text=HOSTILE,
        files=[shot["id"]],
        platform="instagram",
        sender_name="@uhkaaja",
        link="https://www.instagram.com/p/abc/",
    )
    sup = dms(app, "U0ESIMIES")[0]
    app.driver.press("U0ESIMIES", sup, "Kuittaa")
    app.driver.press("U0ESIMIES", sup, "Kirjaa rikosilmoitus")
    app.driver.view_submission("U0ESIMIES", values={"police_number": "5250/R/777/26", "police_date": "2026-11-28"})
    app.clock.advance(minutes=90)
    app.driver.press("U0ESIMIES", sup, "Sulje")
    app.driver.view_submission("U0ESIMIES", values={"note": "Rikosilmoitus tehty."})
    app.settle()
    return ref


def test_export_writes_markdown_and_self_contained_html(app, tmp_path):
    ref = _closed_report_with_evidence(app)
    out, err = io.StringIO(), io.StringIO()
    assert run_export(app.settings, app.directory, ref, tmp_path / "out", out=out, err=err) == 0
    md_path, html_path = tmp_path / "out" / f"{ref}.md", tmp_path / "out" / f"{ref}.html"
    assert str(md_path) in out.getvalue()
    sha = hashlib.sha256(PNG).hexdigest()

    md = md_path.read_text(encoding="utf-8")
    assert f"# Todisteraportti {ref}" in md
    assert HOSTILE in md  # verbatim, inside a fence longer than any backtick run in it
    assert "````text" in md
    assert sha in md and "tarkistettu: vastaa tallennettua" in md
    # The timeline in Helsinki time and UTC, with names from Slack and ids.
    assert (
        "| 28.11.2026 12.00.00 | 2026-11-28 10:00:00 UTC | Maija Meikäläinen, Kirjastosihteeri (U0MAIJA), ilmoittaja |"
    ) in md
    assert "kirjasi rikosilmoituksen nro 5250/R/777/26 (2026-11-28)" in md
    assert "sulki ilmoituksen. Merkintä: Rikosilmoitus tehty." in md
    assert "Instagram" in md and "https://www.instagram.com/p/abc/" in md

    html = html_path.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in html and "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert f'src="data:image/png;base64,{base64.b64encode(PNG).decode()}"' in html
    assert sha in html and "kuvakaappaus &lt;1&gt;.png" in html
    assert "2026-11-28 11:30:00 UTC" in html and "28.11.2026 13.30.00" in html  # resolved, both zones
    for path in (md_path, html_path):  # personal data: readable by the owner only
        assert stat.S_IMODE(path.stat().st_mode) == 0o600

    with app.db.transaction() as s:
        audit = s.execute(select(AuditLog).where(AuditLog.action == "threat.export")).scalar_one()
    assert audit.detail == {"ref": ref, "files": 1}


def test_export_of_unknown_ref_fails_plainly(app, tmp_path):
    err = io.StringIO()
    assert run_export(app.settings, app.directory, "UHKA-2026-0404", tmp_path, out=io.StringIO(), err=err) == 1
    assert "no threat report 'UHKA-2026-0404'" in err.getvalue()
    assert not list(tmp_path.glob("UHKA-*"))


def test_purge_command_counts_then_deletes_and_audits(app):
    ref = _closed_report_with_evidence(app)
    open_ref = report(app, text="Vielä auki")
    app.clock.advance(days=40)
    out = io.StringIO()
    assert run_purge(app.settings, app.directory, days=30, dry_run=True, clock=app.clock, out=out) == 0
    assert "Would delete 1 closed threat report(s)" in out.getvalue()
    with app.db.transaction() as s:
        assert len(list(s.execute(select(Incident)).scalars())) == 2
    out = io.StringIO()
    assert run_purge(app.settings, app.directory, days=30, clock=app.clock, out=out) == 0
    assert "Deleted 1 closed threat report(s)" in out.getvalue() and "1 evidence files" in out.getvalue()
    with app.db.transaction() as s:
        assert [i.ref for i in s.execute(select(Incident)).scalars()] == [open_ref]
        audit = (
            s.execute(select(AuditLog).where(AuditLog.action == "threat.purge").order_by(AuditLog.id.desc()))
            .scalars()
            .first()
        )
    assert audit.detail["incidents"] == 1 and audit.detail["trigger"] == "command" and audit.detail["days"] == 30
    assert ref not in str(audit.detail) and "U0" not in str(audit.detail)


def test_cli_export_and_purge(app, tmp_path, monkeypatch, capsys):
    ref = _closed_report_with_evidence(app)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SLACK_BOT_TOKEN", app.settings.slack_bot_token.get_secret_value())
    monkeypatch.setenv("SLACK_SIGNING_SECRET", app.settings.slack_signing_secret.get_secret_value())
    monkeypatch.setenv("SLACK_API_URL", app.settings.slack_api_url)
    monkeypatch.setenv("DATABASE_URL", app.settings.database_url)
    monkeypatch.setenv("SOMEVAHTI_DIRECTORY", str(app.settings.somevahti_directory))
    assert main(["export", ref, "--out", str(tmp_path / "poliisi")]) == 0
    assert (tmp_path / "poliisi" / f"{ref}.html").exists()
    assert main(["purge", "--dry-run"]) == 0
    assert "Would delete 0 closed threat report(s)" in capsys.readouterr().out  # closed today, kept 365 days
    assert main(["purge", "--days", "0"]) == 2
