"""Teams settings: all three or none, https only (http on loopback for the stand-in), one clear
error (exit 2) naming what is missing; and the directory's people map."""

from __future__ import annotations

import os

import pytest

from bot.config import load_settings
from bot.directory import Directory
from bot.errors import ConfigError
from tests.test_config import GOOD_ENV, assert_config_error, run_cli

TEAMS = {
    "TEAMS_CLIENT_ID": "8d6f2c3a-5b1e-4c7d-9a0f-3e2b1c4d5e6f",
    "TEAMS_CLIENT_SECRET": "s3cret",
    "TEAMS_TENANT_ID": "0b6a3c1e-7f2d-4e5a-8c9b-1d2e3f4a5b6c",
}
DIRECTORY = {"SOMEVAHTI_DIRECTORY": GOOD_ENV["SOMEVAHTI_DIRECTORY"]}


def settings(**env):
    return load_settings(_env_file=None, **{k.lower(): v for k, v in env.items()})


def test_teams_alone_is_enough():
    s = settings(**TEAMS)
    assert s.teams_enabled and not s.slack_enabled
    assert s.teams_service_url == "https://smba.trafficmanager.net/teams/"
    assert s.teams_openid_metadata_url == "https://login.botframework.com/v1/.well-known/openidconfiguration"


@pytest.mark.parametrize("missing", sorted(TEAMS))
def test_partial_teams_names_the_missing_setting(tmp_path, missing):
    env = {k: v for k, v in TEAMS.items() if k != missing}
    r = run_cli("check", env_extra={**env, **DIRECTORY}, cwd=tmp_path)
    assert_config_error(r, f"{missing} is not set")
    for other in set(TEAMS) - {missing}:
        assert f"{other} is not set" not in r.stderr


def test_no_platform_is_one_clear_error(tmp_path):
    r = run_cli("check", env_extra=DIRECTORY, cwd=tmp_path)
    assert_config_error(r, "no chat platform is configured", "TEAMS_CLIENT_ID", "SLACK_BOT_TOKEN")


def test_slack_half_set_with_teams_is_an_error():
    with pytest.raises(ConfigError, match="SLACK_SIGNING_SECRET is not set"):
        settings(**TEAMS, SLACK_BOT_TOKEN="xoxb-x")


def test_socket_mode_and_teams_do_not_mix():
    with pytest.raises(ConfigError, match="SLACK_APP_TOKEN"):
        settings(**TEAMS, SLACK_BOT_TOKEN="xoxb-x", SLACK_SIGNING_SECRET="s", SLACK_APP_TOKEN="xapp-1")


@pytest.mark.parametrize("name", ["TEAMS_SERVICE_URL", "TEAMS_LOGIN_ENDPOINT", "TEAMS_OPENID_METADATA_URL"])
def test_teams_urls_must_be_https_except_on_loopback(name):
    with pytest.raises(ConfigError, match=name):
        settings(**TEAMS, **{name: "http://login.example.com/x"})
    for url in ("http://127.0.0.1:8080/x", "http://localhost/x", "http://[::1]:1/x", "https://example.com/x"):
        assert getattr(settings(**TEAMS, **{name: url}), name.lower()).startswith(url)


def _standin_env(teams, **overrides) -> dict:
    return {
        "TEAMS_CLIENT_ID": teams.bot.client_id,
        "TEAMS_CLIENT_SECRET": teams.bot.client_secret,
        "TEAMS_TENANT_ID": teams.tenant.id,
        "TEAMS_SERVICE_URL": teams.service_url,
        "TEAMS_LOGIN_ENDPOINT": teams.login_endpoint,
        "TEAMS_OPENID_METADATA_URL": teams.openid_metadata_url,
        **overrides,
    }


def _teams_directory(tmp_path):
    """The stand-in tenant's people with their Entra object ids (and Slack ids: until /uhka and /kohu
    run in Teams, admins and roles must still be reachable in Slack)."""
    path = tmp_path / "directory.yaml"
    path.write_text("""timezone: Europe/Helsinki
people:
  maija: {slack: U1MAIJA, teams: a0a0a0a0-0000-4000-8000-000000000001}
  esimies: {slack: U1ESIMIES, teams: a0a0a0a0-0000-4000-8000-000000000003}
  turva: {slack: U1TURVA, teams: a0a0a0a0-0000-4000-8000-000000000004}
  mavi1: {slack: U1MAVI1, teams: a0a0a0a0-0000-4000-8000-000000000005}
admins: [mavi1]
roles:
  mavi_channel: {slack: C1MAVI, teams: "19:mavi-halytykset-standin@thread.tacv2"}
  mavi_team: "19:mavi-general-standin@thread.tacv2"
  comms_manager: mavi1
  safety_chief: turva
supervisors: {maija: esimies}
""")
    return path


def test_teams_only_config_check_passes(tmp_path):
    """A real pre-flight in a Teams-only configuration: the bot's client credentials get a token."""
    from standin.teams import run_teams_standin

    with run_teams_standin() as teams:
        r = run_cli(
            "check",
            env_extra={
                **_standin_env(teams),
                "SOMEVAHTI_DIRECTORY": str(_teams_directory(tmp_path)),
                "DATABASE_URL": f"sqlite:///{tmp_path}/x.db",
            },
            cwd=tmp_path,
        )
    assert r.returncode == 0, r.stderr
    assert "Teams: the bot's client credentials are accepted" in r.stdout


def test_check_reports_a_wrong_teams_secret_in_one_line(tmp_path):
    from standin.teams import run_teams_standin

    with run_teams_standin() as teams:
        r = run_cli(
            "check",
            env_extra={
                **_standin_env(teams, TEAMS_CLIENT_SECRET="wrong"),
                **DIRECTORY,
                "DATABASE_URL": f"sqlite:///{tmp_path}/x.db",
            },
            cwd=tmp_path,
        )
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "TEAMS_CLIENT_SECRET" in r.stderr


def test_importing_the_sdk_does_not_load_dotenv(tmp_path, monkeypatch):
    """The SDK calls load_dotenv() on import; Somevahti's environment stays as it was."""
    pytest.importorskip("microsoft_teams")
    from teams.sdk import import_sdk

    (tmp_path / ".env").write_text("SOMEVAHTI_SDK_DOTENV_PROBE=leaked\n")
    monkeypatch.chdir(tmp_path)
    import sys

    for mod in [m for m in sys.modules if m.startswith("microsoft_teams.apps")]:
        monkeypatch.delitem(sys.modules, mod)
    import_sdk()
    assert "SOMEVAHTI_SDK_DOTENV_PROBE" not in os.environ


# --- the directory's people map ---------------------------------------------------------------------

AAD_MAIJA = "a0a0a0a0-0000-4000-8000-000000000001"
AAD_EERO = "a0a0a0a0-0000-4000-8000-000000000003"


def test_people_keys_and_bare_slack_ids_mix():
    d = Directory.model_validate(
        {
            "people": {"maija": {"slack": "U0MAIJA", "teams": AAD_MAIJA}, "eero": {"teams": AAD_EERO}},
            "admins": ["maija", "U0ADMIN", "eero"],
            "supervisors": {"maija": "eero", "U0ERIK": "U0ESIMIES"},
            "roles": {
                "safety_chief": "maija",
                "mavi_channel": {"slack": "C0MAVI", "teams": "19:x@thread.tacv2"},
                "mavi_team": "19:t@thread.tacv2",
                "mavi_tag": {"teams": "tag-1"},
            },
        }
    )
    assert d.admins == ["U0MAIJA", "U0ADMIN"]  # Slack's view: eero has no Slack id
    assert d.supervisors == {"U0ERIK": "U0ESIMIES"}
    assert (d.roles.safety_chief, d.roles.mavi_channel, d.roles.mavi_channel_teams) == (
        "U0MAIJA",
        "C0MAVI",
        "19:x@thread.tacv2",
    )
    assert d.roles.mavi_tag.teams == "tag-1" and d.person_refs["admins"] == ["maija", "U0ADMIN", "eero"]
    assert d.person_key(slack="U0MAIJA") == "maija" and d.person_key(teams=AAD_EERO.upper()) == "eero"
    assert (d.slack_id("maija"), d.slack_id("eero"), d.slack_id("U0X")) == ("U0MAIJA", None, "U0X")
    assert (d.teams_id("U0MAIJA"), d.teams_id("eero"), d.teams_id("U0NOBODY")) == (AAD_MAIJA, AAD_EERO, None)


@pytest.mark.parametrize(
    ("raw", "needle"),
    [
        ({"people": {"x": {}}}, "slack: and/or teams:"),
        ({"people": {"x": {"teams": "not-a-guid"}}}, "Entra"),
        ({"admins": ["nobody"]}, "not a Slack user id"),
        ({"roles": {"mavi_channel": {"slack": "C0MAVI", "teams": "general"}}}, "Teams channel"),
    ],
)
def test_bad_people_entries_are_named(raw, needle):
    with pytest.raises(ValueError, match=needle):
        Directory.model_validate(raw)
