"""The foundation end to end: signed requests only, /some, /healthz, request size limits."""

import inspect

import httpx
from slack_bolt.kwargs_injection.async_args import AsyncArgs

from texts import t


def web_api_calls(app):
    """Calls made since the server finished starting (it learns who it is and users' languages)."""
    return app.standin.calls()[app.calls_at_start :]


def test_some_lists_the_commands_in_finnish(app):
    r = app.driver.slash("U0MAIJA", "/some", channel_id="C0SOME")
    assert r.status_code == 200
    shown = r.shown
    assert shown is not None and shown["user"] == "U0MAIJA"  # ephemeral: only the asker sees it
    text = str(shown["blocks"])
    assert t("fi", "help.title") in str(shown["blocks"])
    for command in ("/ohje", "/uhka", "/kohu", "/some"):
        assert command in text
    assert "112" in text


def test_some_speaks_swedish_to_a_swedish_user(app):
    r = app.driver.slash("U0ERIK", "/some")
    assert t("sv", "help.title") in str(r.shown["blocks"])


def test_bad_signature_is_refused_and_causes_no_web_api_call(app):
    r = app.driver.slash("U0MAIJA", "/some", bad_signature=True)
    assert r.status_code == 401
    assert web_api_calls(app) == []


def test_old_timestamp_is_refused_and_causes_no_web_api_call(app):
    r = app.driver.slash("U0MAIJA", "/some", old_timestamp=True)
    assert r.status_code == 401
    assert web_api_calls(app) == []


def test_forged_button_press_is_refused(app):
    msg = app.driver.slash("U0MAIJA", "/ohje", "tietoturva").shown
    calls_before = len(web_api_calls(app))
    r = app.driver.press("U0MAIJA", msg, "ohje_show_section", bad_signature=True)
    assert r.status_code == 401
    assert len(web_api_calls(app)) == calls_before


def test_healthz(app):
    r = httpx.get(f"{app.url}/healthz", trust_env=False)
    assert r.status_code == 200
    assert r.json()["ok"] is True


def test_oversized_body_is_refused_unread(app):
    r = httpx.post(
        f"{app.url}/slack/events",
        content=b"x" * (300 * 1024),
        trust_env=False,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert r.status_code == 413
    assert web_api_calls(app) == []


def test_unknown_path_is_404(app):
    assert httpx.get(f"{app.url}/admin", trust_env=False).status_code == 404


def test_requests_for_ids_that_are_not_ours_stay_unhandled(app):
    # One Bolt listener per kind routes by id (handlers/__init__.py): only exact ids are ours.
    msg = app.driver.slash("U0MAIJA", "/ohje", "tietoturva").shown
    calls_before = len(web_api_calls(app))
    for r in (
        app.driver.slash("U0MAIJA", "/tuntematon"),
        app.driver.slash("U0MAIJA", "/uhkax"),
        app.driver.slash("U0MAIJA", "/ohj"),
        app.driver.global_shortcut("U0MAIJA", "uhka_from_message_old"),
        app.driver.block_action("U0MAIJA", "ohje_show_section_x", value="x", message=msg),
    ):
        assert r.status_code == 404
    assert len(web_api_calls(app)) == calls_before
    # ... while the real ones are answered.
    assert app.driver.block_action("U0MAIJA", "ohje_show_section", message=msg).status_code == 200


def test_every_listener_asks_only_for_arguments_bolt_gives(app):
    """Bolt passes None, with only a warning, for a parameter name it does not know: a typo
    (`bodi`) would silently make a listener fail later. Every wired listener names only Bolt's
    arguments and `svc` (the context key handlers/__init__.py adds)."""
    bolt_args = set(inspect.signature(AsyncArgs.__init__).parameters) - {"self", "kwargs"}
    listeners = app.runtime.app._async_listeners  # what register_all wired on the real app
    assert len(listeners) >= 25
    for listener in listeners:
        fn = listener.ack_function
        assert set(inspect.signature(fn).parameters) <= bolt_args | {"svc"}, fn.__qualname__
