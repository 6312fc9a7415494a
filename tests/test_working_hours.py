"""Working hours in policies: `hours:`, `outside_hours:` levels and `ack_within: 2h working`.

End to end through the Slack stand-in with a directory whose controversy policy has working hours;
the test clock starts on Saturday 28.11.2026 at 12.00 Helsinki time.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import yaml

from bot.directory import Directory
from bot.sandbox import world
from escalation.clock import FakeClock
from escalation.hours import WorkingHours
from tests.e2e import AppHarness
from tests.support import visible_text as text_of
from tests.test_kohu import MAVI, alerts, incidents, raise_alert, timeline

HOURS = "mon-fri 08:00-16:00"


def hours_directory(**policy) -> Directory:
    raw = yaml.safe_load(world.DIRECTORY_FILE.read_text(encoding="utf-8"))
    raw["policies"]["controversy"] = policy or {
        "hours": HOURS,
        "levels": [{"notify": ["mavi_channel"], "ack_within": "2h working"}, {"notify": ["comms_manager"]}],
        "outside_hours": [{"notify": ["comms_manager"], "ack_within": "30m"}, {"notify": ["admins"]}],
    }
    return Directory.model_validate(raw)


@pytest.fixture
def hours_app(tmp_path, request):
    start = getattr(request, "param", datetime(2026, 11, 28, 10, 0, tzinfo=UTC))
    harness = AppHarness(tmp_path, FakeClock(start), directory=hours_directory())
    yield harness
    harness.close()


# -- the calendar ------------------------------------------------------------------------------


def test_weekdays_weekends_and_finnish_holidays():
    h = WorkingHours.parse(HOURS)
    assert h.is_working(datetime(2026, 12, 1, 7, 0, tzinfo=UTC))  # Tue 9.00 in Helsinki
    assert not h.is_working(datetime(2026, 12, 1, 14, 0, tzinfo=UTC))  # Tue 16.00: the day has ended
    assert not h.is_working(datetime(2026, 11, 28, 10, 0, tzinfo=UTC))  # Saturday
    # 6.12.2027 (Itsenäisyyspäivä) is a Monday: outside working hours all day.
    assert not h.is_working(datetime(2027, 12, 6, 8, 0, tzinfo=UTC))
    assert h.is_working(datetime(2027, 12, 7, 8, 0, tzinfo=UTC))
    # Two working hours from Friday 15.00 end on Monday 9.00; on Tuesday when Monday is a holiday.
    assert h.add_working(datetime(2026, 12, 4, 13, 0, tzinfo=UTC), 7200) == datetime(2026, 12, 7, 7, 0, tzinfo=UTC)
    assert h.add_working(datetime(2027, 12, 3, 13, 0, tzinfo=UTC), 7200) == datetime(2027, 12, 7, 7, 0, tzinfo=UTC)


@pytest.mark.parametrize("spec", ["mon-fri", "8-16", "fri-mon 08:00-16:00", "mon-fri 16:00-08:00", "mo 8-9"])
def test_bad_hours_are_refused(spec):
    with pytest.raises(ValueError):
        WorkingHours.parse(spec)


def test_directory_names_a_bad_policy():
    with pytest.raises(Exception, match="hours"):
        hours_directory(levels=[{"notify": ["mavi_channel"], "ack_within": "2h working"}])
    with pytest.raises(Exception, match="working hours"):
        hours_directory(hours="weekdays", levels=[{"notify": ["mavi_channel"]}])


def test_threat_policy_ignores_hours_unless_it_says_so():
    d = hours_directory()
    policy, _ = d.resolve_policy("threat", "U0MAIJA")
    assert policy.hours is None
    assert policy.at(datetime(2026, 11, 28, 10, 0, tzinfo=UTC)) == policy  # a Saturday changes nothing


# -- end to end ----------------------------------------------------------------------------------


def test_saturday_controversy_goes_straight_to_the_comms_manager(hours_app):
    app = hours_app
    raise_alert(app)
    # Outside working hours: the outside-hours level, not the channel's.
    assert alerts(app) == []
    [dm] = app.standin.dm_messages("U0VIESTPAA")
    assert "KOHU-2026-0001" in text_of(dm) and "kohu_claim" in str(dm["blocks"])
    [inc] = incidents(app)
    assert inc.policy["outside"] is True and inc.policy["hours"]["spec"] == HOURS
    assert [t["id"] for t in inc.policy["levels"][0]["targets"]] == ["U0VIESTPAA"]
    # Its own deadline (30 min, plain time) escalates to the next outside-hours level.
    app.advance(minutes=31)
    assert any("KOHU-2026-0001" in text_of(m) for m in app.standin.dm_messages("U0ADMIN"))
    assert timeline(app, "KOHU-2026-0001")[:2] == ["created", "escalated"]


@pytest.mark.parametrize("hours_app", [datetime(2027, 12, 6, 9, 0, tzinfo=UTC)], indirect=True)
def test_independence_day_counts_as_outside_hours(hours_app):
    app = hours_app  # Monday 6.12.2027 at 11.00 in Helsinki: a weekday, but a public holiday
    raise_alert(app)
    assert alerts(app) == []
    assert len(app.standin.dm_messages("U0VIESTPAA")) == 1


@pytest.mark.parametrize("hours_app", [datetime(2026, 12, 4, 13, 0, tzinfo=UTC)], indirect=True)
def test_working_time_deadline_runs_over_the_weekend(hours_app):
    app = hours_app  # Friday 4.12.2026 at 15.00 in Helsinki: within working hours
    raise_alert(app)
    assert len(alerts(app)) == 1 and app.standin.dm_messages("U0VIESTPAA") == []
    [inc] = incidents(app)
    assert inc.policy["outside"] is False
    assert inc.next_escalation_at == datetime(2026, 12, 7, 7, 0, tzinfo=UTC)  # Monday 9.00 Helsinki
    app.advance(hours=65, minutes=59)  # Monday 8.59: one working hour gone, one to go
    assert app.standin.dm_messages("U0VIESTPAA") == []
    app.advance(minutes=2)
    [dm] = app.standin.dm_messages("U0VIESTPAA")
    assert "KOHU-2026-0001" in text_of(dm)
    assert [m for m in app.standin.messages(MAVI, include_replies=False) if "Muistutus" in text_of(m)]
