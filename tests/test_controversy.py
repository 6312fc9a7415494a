"""escalation/controversies.py: URL normalisation, validation, severity, and the service on a real database."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from escalation import controversies as kohu
from escalation.engine import DomainError
from escalation.forms import is_link
from escalation.models import Incident, IncidentEvent
from escalation.policy import Level, Policy, Target
from handlers.kohu.modals import plain_text, prefill
from tests.support import outbox_rows as rows

POLICY = Policy(
    (
        Level((Target("channel", "C0MAVI", "mavi_channel"),), 900),
        Level((Target("user", "U0VIESTPAA", "comms_manager"),), None),
    ),
    admins=("U0ADMIN",),
)
LINK = "https://www.facebook.com/kokkola/posts/123"


# -- URL normalisation ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://www.facebook.com/kokkola/posts/123", "https://facebook.com/kokkola/posts/123"),
        ("HTTPS://WWW.Facebook.COM/kokkola/posts/123/", "https://facebook.com/kokkola/posts/123"),
        ("https://facebook.com/kokkola/posts/123/#comments", "https://facebook.com/kokkola/posts/123"),
        ("https://facebook.com/kokkola/posts/123?fbclid=IwAR0abc", "https://facebook.com/kokkola/posts/123"),
        (
            "https://m.facebook.com/kokkola/posts/123?utm_source=x&utm_medium=y",
            "https://facebook.com/kokkola/posts/123",
        ),
        ("https://www.youtube.com/watch?v=AbC&si=track&feature=share", "https://youtube.com/watch?feature=share&v=AbC"),
        ("https://www.instagram.com/p/XyZ/?igsh=MTc4", "https://instagram.com/p/XyZ"),
        ("https://example.com:443/a//b/", "https://example.com/a/b"),
        ("http://example.com:80/", "http://example.com"),
        ("https://example.com:8443/x", "https://example.com:8443/x"),
        ("<https://www.kokkola.fi/uutiset?id=5&gclid=1>", "https://kokkola.fi/uutiset?id=5"),
    ],
)
def test_normalise_url(url, expected):
    assert kohu.normalise_url(url) == expected


def test_normalised_urls_keep_what_tells_posts_apart():
    assert kohu.normalise_url("https://x.com/kokkola/status/1") != kohu.normalise_url("https://x.com/kokkola/status/2")
    assert kohu.normalise_url("https://yt.be/watch?v=A") != kohu.normalise_url("https://yt.be/watch?v=a")
    assert kohu.normalise_url("https://www.kokkola.fi/Page") == "https://kokkola.fi/Page"  # path keeps its case
    # "www." only goes when something is left of a real domain
    assert kohu.normalise_url("https://www.fi/x") == "https://www.fi/x"


@pytest.mark.parametrize(
    "url, ok",
    [
        ("https://kokkola.fi", True),
        ("http://kokkola.fi/a?b=c", True),
        ("ftp://kokkola.fi/x", False),
        ("javascript:alert(1)", False),
        ("kokkola.fi/x", True),  # the one link rule of every flow: gains https://, as in /uhka
        ("fb.com/kokkola/posts/1", True),
        ("https://", False),
        ("https://kokkola.fi/a b", False),
        ("https://localhost/x", False),
        ("https://kokkola.fi:99999/", False),
        ("https://" + "a" * 2000 + ".fi", False),
    ],
)
def test_only_http_links_are_accepted(url, ok):
    assert is_link(url) is ok


def test_links_are_found_in_free_text_and_slack_markup():
    assert kohu.urls_in("katso https://a.fi/x, ja (https://b.fi/y).") == ["https://a.fi/x", "https://b.fi/y"]
    assert (
        plain_text("<https://a.fi/x|a.fi/x> &amp; <@U0MAIJA> <#C0SOME|some> <!here>")
        == "https://a.fi/x & @U0MAIJA #some @here"
    )
    assert prefill("Kommentit kuumenevat <https://a.fi/x|a.fi/x>") == (
        "Kommentit kuumenevat https://a.fi/x",
        ["https://a.fi/x"],
    )
    assert prefill(f"{LINK}") == (None, [LINK])  # nothing but a link: only the links are filled
    assert prefill("") == (None, [])


# -- validation and severity -----------------------------------------------------------------


def test_valid_input_is_parsed():
    inp, errors = kohu.validate(
        {
            "what": "  Kohu  ",
            "links": f"{LINK}\n\n <https://kokkola.fi> \n{LINK}",
            "platform": "facebook",
            "account": "Kirjasto",
            "comments": "1 200",
            "shares": "12",
            "media": "yes",
            "own_mistake": "unsure",
            "done": "",
        }
    )
    assert not errors
    assert inp == kohu.ControversyInput(
        what="Kohu",
        links=(LINK, "https://kokkola.fi"),
        platform="facebook",
        account="Kirjasto",
        comments=1200,
        shares=12,
        media=True,
        own_mistake="unsure",
        done=None,
    )
    assert inp.to_details()["links_norm"] == ["https://facebook.com/kokkola/posts/123", "https://kokkola.fi"]


@pytest.mark.parametrize(
    "raw, field, code",
    [
        ({"what": ""}, "what", "required"),
        ({"what": " \n "}, "what", "required"),
        ({"what": "x" * 3001}, "what", "too_long"),
        ({"links": "mailto:viestinta@kokkola.fi"}, "links", "bad_link"),
        ({"links": "\n".join(f"https://k.fi/{i}" for i in range(11))}, "links", "too_many_links"),
        ({"platform": "myspace"}, "platform", "bad_choice"),
        ({"account": "a" * 201}, "account", "too_long"),
        ({"comments": "paljon"}, "comments", "not_a_number"),
        ({"shares": "-1"}, "shares", "not_a_count"),
        ({"shares": "2.5"}, "shares", "not_a_count"),
        ({"comments": "1e12"}, "comments", "too_big"),
        ({"media": "maybe"}, "media", "bad_choice"),
        ({"own_mistake": "kinda"}, "own_mistake", "bad_choice"),
        ({"done": "d" * 3001}, "done", "too_long"),
    ],
)
def test_bad_input_is_named_per_field(raw, field, code):
    inp, errors = kohu.validate({"what": "Kohu", **raw})
    assert inp is None
    assert errors[field][0] == code


def test_severity_thresholds():
    base = kohu.ControversyInput(what="x")
    assert kohu.severity(base) == "normal"
    assert kohu.severity(kohu.ControversyInput(what="x", media=False, comments=99, shares=49)) == "normal"
    assert kohu.severity(kohu.ControversyInput(what="x", media=True)) == "high"
    assert kohu.severity(kohu.ControversyInput(what="x", comments=kohu.COMMENTS_HIGH)) == "high"
    assert kohu.severity(kohu.ControversyInput(what="x", shares=kohu.SHARES_HIGH)) == "high"
    assert kohu.high_reasons({"media": True, "comments": 100, "shares": 1}) == ["media", "comments"]


# -- the service on a database ------------------------------------------------------------------


def raise_(db, clock, what="Kohu", links=(), reporter="U0MAIJA", request_key=None, policy=POLICY, **kw):
    with db.transaction() as s:
        return kohu.raise_alert(
            s,
            kohu.ControversyInput(what=what, links=tuple(links), **kw),
            reporter=reporter,
            policy=policy,
            now=clock.now(),
            mavi_group="S0MAVI",
            request_key=request_key,
        )


def events(db, ref):
    with db.transaction() as s:
        inc = kohu.get(s, ref)
        return [(e.type, e.actor) for e in kohu.events(s, inc)]


def test_raise_stores_the_alert_and_what_it_owes(db, clock):
    result = raise_(db, clock, links=[LINK], media=True)
    assert result == kohu.RaiseResult("KOHU-2026-0001", True, False, "open", None)
    assert [(r.kind, r.target_id) for r in rows(db)] == [
        ("controversy.notify", "C0MAVI"),
        ("controversy.reporter", "U0MAIJA"),
    ]
    with db.transaction() as s:
        inc = kohu.get(s, "KOHU-2026-0001")
        assert inc.severity == "high"
        assert inc.details["mavi_group"] == "S0MAVI"
        assert inc.dedupe_key == "https://facebook.com/kokkola/posts/123"


def test_same_request_key_raises_once(db, clock):
    first = raise_(db, clock, request_key="kohu:V1")
    again = raise_(db, clock, request_key="kohu:V1")
    assert again.ref == first.ref and not again.created
    with db.transaction() as s:
        assert len(list(s.execute(select(Incident)).scalars())) == 1


def test_same_link_while_open_is_added_once_to_the_open_alert(db, clock):
    raise_(db, clock, links=[LINK])
    dup = raise_(
        db,
        clock,
        links=["https://facebook.com/kokkola/posts/123/?fbclid=1"],
        reporter="U0ERIK",
        what="Toinen",
        request_key="kohu:V2",
        comments=500,
    )
    assert dup.duplicate and not dup.created and dup.ref == "KOHU-2026-0001"
    again = raise_(db, clock, links=[LINK], reporter="U0ERIK", what="Toinen", request_key="kohu:V2")
    assert again.duplicate
    assert events(db, "KOHU-2026-0001") == [
        ("created", "U0MAIJA"),
        ("severity_raised", "U0ERIK"),
        ("duplicate_report", "U0ERIK"),
    ]
    thread = rows(db, kind="controversy.update")
    assert len(thread) == 1 and thread[0].thread_key == rows(db, kind="controversy.notify")[0].key
    assert [r.target_id for r in rows(db, kind="controversy.duplicate")] == ["U0ERIK"]
    with db.transaction() as s:
        inc = kohu.get(s, "KOHU-2026-0001")
        assert inc.details["co_reporters"] == ["U0ERIK"] and inc.severity == "high"


def test_claim_update_resolve_and_their_refusals(db, clock):
    raise_(db, clock)
    with db.transaction() as s:
        assert kohu.claim(s, "KOHU-2026-0001", "U0MAVI1", clock.now()) is True
    with db.transaction() as s:
        assert kohu.claim(s, "KOHU-2026-0001", "U0MAVI1", clock.now()) is False  # a double click
    with pytest.raises(DomainError) as exc, db.transaction() as s:
        kohu.claim(s, "KOHU-2026-0001", "U0ADMIN", clock.now())
    assert exc.value.code == "kohu_already_claimed" and exc.value.params["owner"] == "U0MAVI1"
    for _ in range(2):  # the same modal twice
        with db.transaction() as s:
            kohu.add_update(s, "KOHU-2026-0001", "U0MAVI1", "Päivitys", clock.now(), request_key="u:V9")
    with db.transaction() as s:
        assert kohu.resolve(s, "KOHU-2026-0001", "U0MAVI1", "Valmis", clock.now()) is True
    for fn in (
        lambda s: kohu.resolve(s, "KOHU-2026-0001", "U0MAVI1", "x", clock.now()),
        lambda s: kohu.claim(s, "KOHU-2026-0001", "U0MAVI1", clock.now()),
        lambda s: kohu.add_update(s, "KOHU-2026-0001", "U0MAVI1", "x", clock.now()),
    ):
        with pytest.raises(DomainError) as exc, db.transaction() as s:
            fn(s)
        assert exc.value.code == "already_resolved"
    with pytest.raises(DomainError) as exc, db.transaction() as s:
        kohu.get(s, "KOHU-2026-0099")
    assert exc.value.code == "not_found"
    assert [t for t, _ in events(db, "KOHU-2026-0001")] == ["created", "acknowledged", "update", "resolved"]
    assert [r.data["event_id"] for r in rows(db, kind="controversy.update")] == [
        e.id for e in _events(db) if e.type in ("update", "resolved")
    ]


def _events(db):
    with db.transaction() as s:
        return list(s.execute(select(IncidentEvent).order_by(IncidentEvent.id)).scalars())


def test_without_a_channel_updates_go_to_the_people_notified(db, clock):
    people_only = Policy((Level((Target("user", "U0VIESTPAA", "comms_manager"),), None),), admins=("U0ADMIN",))
    raise_(db, clock, policy=people_only)
    with db.transaction() as s:
        kohu.add_update(s, "KOHU-2026-0001", "U0MAIJA", "Lisätietoa", clock.now())
    assert [(r.target_kind, r.target_id, r.thread_key) for r in rows(db, kind="controversy.update")] == [
        ("user", "U0VIESTPAA", None)
    ]


def test_missing_configuration_is_told_to_the_admins(db, clock):
    with db.transaction() as s:
        kohu.raise_alert(
            s,
            kohu.ControversyInput(what="x"),
            reporter="U0MAIJA",
            policy=Policy((), ("U0ADMIN",)),
            now=clock.now(),
            missing_roles=["mavi_channel", "comms_manager"],
        )
    [admin] = rows(db, kind="controversy.admin")
    assert admin.target_id == "U0ADMIN" and admin.data["missing"] == ["mavi_channel", "comms_manager"]


def test_list_open_is_oldest_first_without_resolved(db, clock):
    raise_(db, clock, what="a")
    clock.advance(minutes=1)
    raise_(db, clock, what="b")
    raise_(db, clock, what="c")
    with db.transaction() as s:
        kohu.resolve(s, "KOHU-2026-0002", "U0MAVI1", "ok", clock.now())
    with db.transaction() as s:
        assert [i.ref for i in kohu.list_open(s)] == ["KOHU-2026-0001", "KOHU-2026-0003"]


# -- properties ----------------------------------------------------------------------------------

_segment = st.text(alphabet="abcXYZ019-_.~", min_size=0, max_size=8)
_urls = st.builds(
    lambda scheme, www, host, path, query, frag: (
        f"{scheme}://{www}{host}.fi/{'/'.join(path)}"
        f"{'?' + '&'.join(f'{k}={v}' for k, v in query) if query else ''}"
        f"{'#' + frag if frag else ''}"
    ),
    st.sampled_from(["http", "https", "HTTPS"]),
    st.sampled_from(["", "www.", "WWW.", "m."]),
    st.text(alphabet="abcdefkokl", min_size=1, max_size=10),
    st.lists(_segment, max_size=4),
    st.lists(st.tuples(st.sampled_from(["id", "v", "utm_source", "fbclid", "p", "si"]), _segment), max_size=4),
    _segment,
)


@settings(max_examples=300, deadline=None)
@given(_urls)
def test_normalising_is_idempotent_and_drops_tracking(url):
    key = kohu.normalise_url(url)
    assert kohu.normalise_url(key) == key
    assert "utm_" not in key and "fbclid" not in key and "#" not in key and "www." not in key
    assert key == key.strip() and not key.endswith("/")


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["what", "links", "platform", "account", "comments", "shares", "media", "own_mistake", "done"]),
        st.one_of(st.none(), st.text(max_size=60)),
    )
)
def test_validation_never_crashes_and_accepted_input_is_within_limits(raw):
    inp, errors = kohu.validate(raw)
    assert (inp is None) == bool(errors)
    if inp is not None:
        assert inp.what and len(inp.what) <= kohu.WHAT_MAX
        assert all(is_link(u) for u in inp.links)
        assert inp.comments is None or 0 <= inp.comments <= kohu.COUNT_MAX
