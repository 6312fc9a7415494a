"""The weekly picture: posted in mavi's channel on Monday at 9.00 Helsinki by the fake clock, once
per week, with a PNG chart, and threat reports only as counts (no text, no names, no refs)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from bot.cli import main
from bot.sandbox import world
from escalation.models import Incident, Notification
from tests.support import visible_text as text_of
from tests.test_kampanja import notify as notify_campaign
from tests.test_kohu import MAVI, raise_alert
from tests.test_tili import request as request_account

THREAT_TEXT = "Tiedän missä asut ja tulen käymään huomenna"


def report_threat(app):
    app.driver.slash("U0ERIK", "/uhka", THREAT_TEXT)
    view = app.standin.open_view("U0ERIK")
    assert view is not None and view["callback_id"].startswith("uhka")
    r = app.driver.view_submission(
        "U0ERIK", values={"platform": "facebook", "sender_name": "Matti Meikäläinen"}, force=True
    )
    app.settle()
    return r


def summaries(app) -> list[dict]:
    return [m for m in app.standin.messages(MAVI, include_replies=False) if "Viikkokatsaus" in text_of(m)]


def test_weekly_summary_on_monday_with_a_chart_and_no_threat_detail(app):
    # The week's work: a controversy claimed, a threat, an account request and a campaign.
    raise_alert(app)
    alert = [m for m in app.standin.messages(MAVI, include_replies=False) if "KOHU-" in m["text"]][0]
    app.advance(minutes=20)
    app.driver.press("U0MAVI1", alert, "kohu_claim")
    report_threat(app)
    request_account(app)
    notify_campaign(app)
    with app.db.transaction() as s:
        threat = s.execute(select(Incident).where(Incident.kind == "threat")).scalar_one()
        ref, details = threat.ref, dict(threat.details)
    assert summaries(app) == []

    # Monday 30.11.2026 at 8.59 Helsinki: not yet; at 9.00 the summary and its chart.
    app.clock.advance(days=1, hours=20, minutes=39)
    assert app.clock.now() == datetime(2026, 11, 30, 6, 59, tzinfo=UTC)
    app.settle()
    assert summaries(app) == []
    app.advance(minutes=2)
    [summary] = summaries(app)
    seen = text_of(summary)
    assert "2026-W49" in seen
    assert "*Somekohut:* 1 avattu · 1 otettu hoitoon · 0 ratkaistu · mediaani ottamiseen 20 min" in seen
    assert "*Uhkailmoitukset:* 1" in seen
    assert "*Uudet tilipyynnöt:* 1" in seen and "*Maksulliset kampanjat:* 1 ilmoitettu" in seen
    # Nothing of the threat but its count: not its ref, its text, the reporter, the sender or the supervisor.
    for secret in (
        ref,
        THREAT_TEXT,
        "U0ERIK",
        "Matti",
        "U0ESIMIES",
        *(str(v) for v in details.values() if isinstance(v, str) and len(v) > 3),
    ):
        assert secret not in seen, secret

    app.advance(seconds=2)  # the chart waits for its summary to be posted first (retried a second later)
    [chart] = [m for m in app.standin.thread(MAVI, summary["ts"]) if m.get("files")]
    [f] = chart["files"]
    assert f["mimetype"] == "image/png" and "2026-W49" in f["title"]
    png = app.standin.file_content(f["id"])
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 1000
    assert ref.encode() not in png and b"U0ERIK" not in png

    # Exactly once per week: more rounds, a restart, the rest of the week post nothing more.
    app.advance(hours=5)
    app.restart()
    app.advance(days=3)
    assert len(summaries(app)) == 1
    with app.db.transaction() as s:
        keys = sorted(s.execute(select(Notification.key).where(Notification.kind.like("weekly.%"))).scalars())
    assert keys == ["weekly:2026-W49", "weekly:2026-W49:chart"]
    # The next Monday brings the next week's.
    app.advance(days=4)
    assert len(summaries(app)) == 2
    assert not app.standin.invalid_calls()


def test_stats_command_prints_csv(app, monkeypatch, capsys):
    raise_alert(app)
    report_threat(app)
    monkeypatch.setenv("SLACK_BOT_TOKEN", world.BOT_TOKEN)
    monkeypatch.setenv("SLACK_SIGNING_SECRET", world.SIGNING_SECRET)
    monkeypatch.setenv("DATABASE_URL", app.db_url)
    monkeypatch.setenv("SOMEVAHTI_DIRECTORY", str(app.settings.somevahti_directory))
    assert main(["stats", "--since", "2026-11-23", "--csv"]) == 0
    out = capsys.readouterr().out
    lines = out.strip().splitlines()
    header = lines[0].split(",")
    assert "kohu_opened" in header and "uhka_count" in header
    rows = [dict(zip(header, line.split(","), strict=False)) for line in lines[1:]]
    assert sum(int(r["kohu_opened"]) for r in rows) == 1 and sum(int(r["uhka_count"]) for r in rows) == 1
    assert THREAT_TEXT not in out
