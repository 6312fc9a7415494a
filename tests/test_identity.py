"""One person on two platforms: ids, permission checks over the same person's ids, and policies
resolved to the reporter's platform (escalation/identity.py, bot/directory.py, the services)."""

from __future__ import annotations

from bot.directory import Directory
from escalation import controversies, engine, threats
from escalation.engine import DomainError
from escalation.identity import Actor, ids_of, is_among, platform_of
from escalation.models import Incident, IncidentEvent
from escalation.policy import Policy, Target
from tests.support import outbox_rows as rows

MAIJA_T = "6f1c2d3e-0000-0000-0000-00000000a001"
EERO_T = "0b2d4f6a-0000-0000-0000-00000000e001"
TUULA_T = "0b2d4f6a-0000-0000-0000-00000000c001"
ADMIN_T = "0b2d4f6a-0000-0000-0000-00000000ad01"

DIRECTORY = Directory.model_validate(
    {
        "people": {
            "maija": {"slack": "U0MAIJA", "teams": MAIJA_T.upper()},
            "eero": {"teams": EERO_T},
            "tuula": {"slack": "U0TUULA", "teams": TUULA_T},
            "ville": {"slack": "U0VILLE"},
            "admin": {"slack": "U0ADMIN", "teams": ADMIN_T},
        },
        "admins": ["admin", "U0OLDADM"],
        "roles": {
            "mavi_channel": {"slack": "C0MAVI", "teams": "19:mavi@thread.tacv2"},
            "comms_manager": "ville",
            "safety_chief": "tuula",
        },
        "supervisors": {"maija": "eero", "U0PEKKA": "tuula"},
    }
)


def test_an_id_tells_its_platform_and_targets_follow_it():
    assert platform_of("U0MAIJA") == "slack" and platform_of(MAIJA_T) == "teams"
    assert platform_of("19:mavi@thread.tacv2") == "teams" and platform_of("C0MAVI") == "slack"
    assert Target("user", EERO_T).platform == "teams" and Target("user", "U0X").platform == "slack"
    assert Target("user", "U0X", platform="teams").platform == "teams"  # explicit wins
    assert Target("usergroup", "S0MAVI").platform == "slack"
    # Stored policies keep their platform through JSON.
    p = Policy.from_json(
        Policy(((lambda t: __import__("escalation.policy").policy.Level((t,), 60))(Target("user", EERO_T)),)).to_json()
    )
    assert p.levels[0].targets[0].platform == "teams"


def test_the_same_person_on_both_platforms():
    maija = DIRECTORY.actor(MAIJA_T.upper())
    assert maija == MAIJA_T and isinstance(maija, Actor)  # the native id, in lower case
    assert maija.ids == {MAIJA_T, "U0MAIJA"}
    assert DIRECTORY.ids_of("U0MAIJA") == {MAIJA_T, "U0MAIJA"}
    assert DIRECTORY.ids_of("U0NOBODY") == {"U0NOBODY"}
    assert ids_of(["U0A", None, MAIJA_T.upper()]) == {"U0A", MAIJA_T}
    assert is_among(maija, ["U0MAIJA"]) and not is_among("U0MAIJA", [MAIJA_T])
    assert DIRECTORY.is_admin_id(DIRECTORY.actor(ADMIN_T)) and DIRECTORY.is_admin_id("U0OLDADM")
    assert not DIRECTORY.is_admin_id(maija)
    # The Slack view of the old form is unchanged.
    assert DIRECTORY.admins == ["U0ADMIN", "U0OLDADM"] and DIRECTORY.supervisors == {"U0PEKKA": "U0TUULA"}


def test_policy_resolves_to_the_reporters_platform():
    policy, missing = DIRECTORY.resolve_policy("threat", MAIJA_T)  # a report made in Teams
    assert missing == []
    assert [t for lv in policy.levels for t in lv.targets] == [
        Target("user", EERO_T, "supervisor", "teams"),
        Target("user", TUULA_T, "safety_chief", "teams"),
    ]
    assert policy.admins == (ADMIN_T, "U0OLDADM")  # Teams when they have it, else Slack
    policy, missing = DIRECTORY.resolve_policy("threat", "U0MAIJA")  # the same person in Slack
    assert missing == []
    # Eero has no Slack id: he hears in Teams; the safety chief in Slack.
    assert [t for lv in policy.levels for t in lv.targets] == [
        Target("user", EERO_T, "supervisor", "teams"),
        Target("user", "U0TUULA", "safety_chief", "slack"),
    ]
    assert policy.admins == ("U0ADMIN", "U0OLDADM")
    policy, _ = DIRECTORY.resolve_policy("controversy", MAIJA_T)
    assert [t for lv in policy.levels for t in lv.targets] == [
        Target("channel", "19:mavi@thread.tacv2", "mavi_channel", "teams"),
        Target("user", "U0VILLE", "comms_manager", "slack"),
    ]
    policy, _ = DIRECTORY.resolve_policy("controversy", "U0PEKKA")
    assert policy.levels[0].targets[0] == Target("channel", "C0MAVI", "mavi_channel", "slack")
    # Old form: bare Slack ids, the supervisor of a page updater named by Slack id.
    assert DIRECTORY.supervisor_of("U0PEKKA") == "U0TUULA"
    assert DIRECTORY.supervisor_of(MAIJA_T) == EERO_T and DIRECTORY.supervisor_of("U0MAIJA") == EERO_T


def _report(db, clock, reporter):
    report, errors = threats.validate({"text": "uhkaus"}, reporter=reporter, now=clock.now())
    assert errors == {}
    with db.transaction() as s:
        inc, _ = threats.create_report(s, report, reporter=reporter, directory=DIRECTORY, now=clock.now())
        return inc.ref


def test_a_teams_report_is_acted_on_from_slack_by_the_same_person(db, clock):
    ref = _report(db, clock, DIRECTORY.actor(MAIJA_T))
    assert [(r.kind, r.platform, r.target_id) for r in rows(db)] == [
        ("threat.notify", "teams", EERO_T),
        ("threat.reporter", "teams", MAIJA_T),
    ]
    admins = DIRECTORY.admin_ids()
    # The reporter sees it from Slack too (same person), but may not acknowledge it.
    with db.transaction() as s:
        assert threats.status(s, ref, DIRECTORY.actor("U0MAIJA"), admins).ref == ref
        try:
            threats.acknowledge(s, ref, DIRECTORY.actor("U0MAIJA"), admins, clock.now())
            raise AssertionError("the reporter acknowledged")
        except DomainError as e:
            assert e.code == "not_allowed"
        assert threats.open_reports(s, DIRECTORY.actor("U0MAIJA"), admins)["own"][0].ref == ref
    # The admin, acting from Slack, on a report whose policy names their Teams id.
    with db.transaction() as s:
        assert threats.acknowledge(s, ref, DIRECTORY.actor("U0ADMIN"), admins, clock.now())["changed"]
        inc = threats.find(s, ref)
        assert inc.owner_id == "U0ADMIN"  # recorded as the native id it acted with
        assert isinstance(s.get(Incident, inc.id).owner_id, str)
        assert engine.is_participant(inc, {"x", EERO_T}, [])
        assert not engine.is_participant(inc, "U0STRANGER", admins)
    # The chief is already notified (by their Teams id): forwarding to their Slack id is no change.
    with db.transaction() as s:
        out = threats.forward_to_safety_chief(
            s, ref, DIRECTORY.actor(EERO_T), DIRECTORY.actor("U0TUULA"), admins, clock.now()
        )
        assert out["changed"] is True  # level 0 only so far: the chief is new
        out = threats.forward_to_safety_chief(s, ref, DIRECTORY.actor(EERO_T), "U0TUULA", admins, clock.now())
        assert out["changed"] is False


def test_claim_by_the_same_person_on_the_other_platform_changes_nothing(db, clock):
    from escalation.controversies import ControversyInput

    policy, missing = DIRECTORY.resolve_policy("controversy", MAIJA_T)
    inp, errors = controversies.validate({"what": "kohu", "links": "https://example.com/a"})
    assert errors == {}, errors
    with db.transaction() as s:
        ref = controversies.raise_alert(s, inp, reporter=DIRECTORY.actor(MAIJA_T), policy=policy, now=clock.now()).ref
        assert controversies.claim(s, ref, DIRECTORY.actor("U0VILLE"), clock.now()) is True
        assert controversies.claim(s, ref, DIRECTORY.actor("U0VILLE"), clock.now()) is False
        inc = controversies.get(s, ref)
        assert controversies.is_reporter(inc, DIRECTORY.actor("U0MAIJA"))
        # The same person again, from Slack: no co-reporter of themselves.
        again = controversies.raise_alert(s, inp, reporter=DIRECTORY.actor("U0MAIJA"), policy=policy, now=clock.now())
        assert again.duplicate and controversies.co_reporters(controversies.get(s, ref)) == []
    assert ControversyInput  # the input type the edge builds


def test_an_unreachable_level_escalates_at_once(db, clock):
    """A Teams 1:1 chat that cannot be opened (403): the admins are told and the next level hears
    now, not after the deadline."""
    ref = _report(db, clock, DIRECTORY.actor(MAIJA_T))
    notify = rows(db, kind="threat.notify")[0]
    with db.transaction() as s:
        row = s.get(type(notify), notify.id)
        row.status = "failed"
        engine.delivery_failed(s, row, "403 app not installed", clock.now())
    with db.transaction() as s:
        inc = threats.find(s, ref)
        assert inc.level == 1
        types = [e.type for e in s.query(IncidentEvent).filter_by(incident_id=inc.id).order_by(IncidentEvent.id)]
        assert types[-3:] == ["delivery_failed", "escalated", types[-1]] or "escalated" in types
    assert [(r.platform, r.target_id) for r in rows(db, kind="threat.notify")][-1] == ("teams", TUULA_T)
    assert {r.target_id for r in rows(db, kind="threat.delivery_failed")} == {MAIJA_T, ADMIN_T, "U0OLDADM"}
