"""`somevahti export` never follows links; `somevahti health` for the Docker HEALTHCHECK (review issue 12)."""

import io
import os
import stat
from pathlib import Path

import pytest

from bot.errors import ConfigError
from bot.export import run_export
from tests.test_config import run_cli
from tests.test_uhka_export import _closed_report_with_evidence

REPO = Path(__file__).parents[1]


def test_export_refuses_a_symlinked_out_folder(app, tmp_path):
    ref = _closed_report_with_evidence(app)
    real = tmp_path / "elsewhere"
    real.mkdir()
    (tmp_path / "out").symlink_to(real)
    with pytest.raises(ConfigError) as exc:
        run_export(app.settings, app.directory, ref, tmp_path / "out", out=io.StringIO(), err=io.StringIO())
    assert "symbolic link" in str(exc.value)
    assert list(real.iterdir()) == []


def test_export_never_follows_a_planted_symlink(app, tmp_path):
    ref = _closed_report_with_evidence(app)
    out = tmp_path / "out"
    out.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    os.chmod(victim, 0o644)
    (out / f"{ref}.md").symlink_to(victim)
    for force in (False, True):
        with pytest.raises(ConfigError) as exc:
            run_export(app.settings, app.directory, ref, out, out=io.StringIO(), err=io.StringIO(), force=force)
        assert "symbolic link" in str(exc.value)
        assert victim.read_text() == "precious"
        assert stat.S_IMODE(victim.stat().st_mode) == 0o644
    assert not (out / f"{ref}.html").exists()  # nothing half-written


def test_export_over_an_existing_file(app, tmp_path):
    ref = _closed_report_with_evidence(app)
    out = tmp_path / "out"
    assert run_export(app.settings, app.directory, ref, out, out=io.StringIO(), err=io.StringIO()) == 0
    with pytest.raises(ConfigError) as exc:
        run_export(app.settings, app.directory, ref, out, out=io.StringIO(), err=io.StringIO())
    assert "--force" in str(exc.value) and "\n" not in str(exc.value)
    (out / f"{ref}.md").write_text("old")
    assert run_export(app.settings, app.directory, ref, out, out=io.StringIO(), err=io.StringIO(), force=True) == 0
    assert (out / f"{ref}.md").read_text().startswith("# Todisteraportti")
    assert stat.S_IMODE((out / f"{ref}.md").stat().st_mode) == 0o600


def test_export_cli_existing_file_is_one_line(app, tmp_path, monkeypatch, capsys):
    from bot.cli import main

    ref = _closed_report_with_evidence(app)
    monkeypatch.setenv("SLACK_BOT_TOKEN", app.settings.slack_bot_token.get_secret_value())
    monkeypatch.setenv("SLACK_SIGNING_SECRET", app.settings.slack_signing_secret.get_secret_value())
    monkeypatch.setenv("SLACK_API_URL", app.settings.slack_api_url)
    monkeypatch.setenv("DATABASE_URL", app.settings.database_url)
    monkeypatch.setenv("SOMEVAHTI_DIRECTORY", str(app.settings.somevahti_directory))
    monkeypatch.chdir(tmp_path)
    assert main(["export", ref, "--out", "poliisi"]) == 0
    capsys.readouterr()
    assert main(["export", ref, "--out", "poliisi"]) == 2
    assert len(capsys.readouterr().err.strip().splitlines()) == 1
    assert main(["export", ref, "--out", "poliisi", "--force"]) == 0


# -- health ---------------------------------------------------------------------------------

HEALTH_ENV = {"SLACK_BOT_TOKEN": "xoxb-standin-token", "SLACK_SIGNING_SECRET": "s"}


def test_health_in_http_mode(app, tmp_path):
    port = app.url.rsplit(":", 1)[1]
    r = run_cli("health", env_extra={**HEALTH_ENV, "PORT": port}, cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    r = run_cli("health", env_extra={**HEALTH_ENV, "PORT": "9"}, cwd=tmp_path)
    assert r.returncode == 1 and "Traceback" not in r.stderr


def test_health_without_a_listener_is_unhealthy_in_both_modes(app, tmp_path):
    """Socket Mode serves /healthz too now (tests/test_health_slack_state.py): nothing listening is
    unhealthy in both modes, never a fallback to asking Slack."""
    env = {
        **HEALTH_ENV,
        "SLACK_APP_TOKEN": "xapp-1",
        "PORT": "9",
        "SLACK_API_URL": app.standin.base_url,
        "SLACK_BOT_TOKEN": app.settings.slack_bot_token.get_secret_value(),
    }
    r = run_cli("health", env_extra=env, cwd=tmp_path)
    assert r.returncode == 1 and "Traceback" not in r.stderr, r.stdout + r.stderr


def test_dockerignore_keeps_secrets_and_venv_out():
    lines = {ln.strip() for ln in (REPO / ".dockerignore").read_text().splitlines()}
    for entry in (".venv", ".env", "data", ".git"):
        assert any(ln.strip("/*") == entry for ln in lines), entry
    assert '"health"' in (REPO / "Dockerfile").read_text()
