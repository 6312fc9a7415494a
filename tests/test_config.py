"""Configuration errors stop start-up with one plain message naming what to fix (exit 2, no traceback)."""

import contextlib
import io
import os
import subprocess
import sys
import traceback
from pathlib import Path

import pytest

from bot.directory import load_directory, parse_duration
from bot.errors import ConfigError

GOOD_ENV = {
    "SLACK_BOT_TOKEN": "xoxb-test",
    "SLACK_SIGNING_SECRET": "secret",
    "SOMEVAHTI_DIRECTORY": str(Path(__file__).parents[1] / "directory.example.yaml"),
}


def run_cli(*args, env_extra=None, cwd=None):
    """`somevahti <args>` with exactly this environment, in `cwd`: its exit code and output.

    In this process (a subprocess costs ~2 s of start-up), except `serve`, which with a valid
    configuration would really serve: it runs as a subprocess, under a timeout.
    """
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SLACK_", "SOMEVAHTI_", "TEAMS_", "DATABASE_URL", "PORT"))
    }
    env.update(env_extra or {})
    if args and args[0] == "serve":
        return subprocess.run(
            [sys.executable, "-m", "bot.cli", *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=60
        )
    return _run_in_process(list(args), env, cwd)


def _run_in_process(argv: list[str], env: dict, cwd) -> subprocess.CompletedProcess:
    from bot import cli

    out, err = io.StringIO(), io.StringIO()
    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    os.environ.clear()
    os.environ.update(env)
    try:
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = cli.main(argv)
            except SystemExit as exc:  # argparse's usage errors
                code = exc.code if isinstance(exc.code, int) else 1
            except Exception:  # what a subprocess would print before exiting 1
                traceback.print_exc()
                code = 1
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
    return subprocess.CompletedProcess(["somevahti", *argv], code, out.getvalue(), err.getvalue())


def assert_config_error(result, *needles):
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in result.stderr


def test_missing_directory_file(tmp_path):
    r = run_cli("serve", env_extra={**GOOD_ENV, "SOMEVAHTI_DIRECTORY": "/nonexistent"}, cwd=tmp_path)
    assert_config_error(r, "SOMEVAHTI_DIRECTORY", "/nonexistent", "does not exist")


def test_missing_tokens_are_named(tmp_path):
    r = run_cli("serve", env_extra={}, cwd=tmp_path)
    assert_config_error(r, "SLACK_BOT_TOKEN is not set", "SLACK_SIGNING_SECRET is not set", ".env.example")


@pytest.mark.parametrize(
    ("name", "value", "needle"),
    [
        ("SLACK_BOT_TOKEN", "xapp-wrong-kind", "xoxb-"),
        ("SLACK_APP_TOKEN", "xoxb-wrong-kind", "xapp-"),
        ("PORT", "99999", "PORT"),
        ("PORT", "abc", "PORT"),
        ("DATABASE_URL", "mysql://x", "DATABASE_URL"),
        ("LOG_LEVEL", "LOUD", "LOG_LEVEL"),
        ("SLACK_API_URL", "ftp://x", "SLACK_API_URL"),
    ],
)
def test_invalid_setting_is_named(tmp_path, name, value, needle):
    r = run_cli("serve", env_extra={**GOOD_ENV, name: value}, cwd=tmp_path)
    assert_config_error(r, name, needle)


def test_dotenv_file_is_read(tmp_path):
    from standin.runner import run_standin
    from tests.test_admin_check import GOOD_DIRECTORY, TOKEN, workspace

    (tmp_path / "directory.yaml").write_text(GOOD_DIRECTORY)
    with run_standin(workspace()) as standin:
        (tmp_path / ".env").write_text(
            f"SLACK_BOT_TOKEN={TOKEN}\nSLACK_SIGNING_SECRET=s\n"
            f"SLACK_API_URL={standin.base_url}\nSOMEVAHTI_DIRECTORY=directory.yaml\n"
        )
        r = run_cli("check", cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Configuration OK" in r.stdout
    # The check changes nothing: the data folder is created at start-up, not by the check.
    assert "will be created" in r.stdout and not (tmp_path / "data").exists()


def write(tmp_path, text):
    p = tmp_path / "directory.yaml"
    p.write_text(text)
    return p


@pytest.mark.parametrize(
    ("yaml_text", "needle"),
    [
        (
            "policies:\n  threat:\n    - notify: [supervisor]\n      ack_within: 30 minutes\n",
            "policies.threat.0.ack_within",
        ),
        ("supervisors:\n  U0MAIJA: eero\n", "supervisors.U0MAIJA"),
        ("roles:\n  mavi_channel: mavi\n", "roles.mavi_channel"),
        ("roles:\n  unknown_role: U0X\n", "roles.unknown_role"),
        ("policies:\n  controversy:\n    - notify: [boss]\n", "policies.controversy.0.notify"),
        ("timezone: Mars/Olympus\n", "timezone"),
        ("admins: [anna]\n", "admins"),
        ("roles: [\n", "not valid YAML"),
        ("- just\n- a list\n", "must be a YAML mapping"),
    ],
)
def test_directory_errors_name_the_bad_key(tmp_path, yaml_text, needle):
    with pytest.raises(ConfigError) as exc:
        load_directory(write(tmp_path, yaml_text))
    assert needle in str(exc.value)
    assert "SOMEVAHTI_DIRECTORY" in str(exc.value)


def test_directory_error_through_the_cli(tmp_path):
    path = write(tmp_path, "policies:\n  threat:\n    - notify: [supervisor]\n      ack_within: soon\n")
    r = run_cli("serve", env_extra={**GOOD_ENV, "SOMEVAHTI_DIRECTORY": str(path)}, cwd=tmp_path)
    assert_config_error(r, "policies.threat.0.ack_within", "'soon' is not a duration")


def test_example_directory_resolves_policies():
    d = load_directory(Path(GOOD_ENV["SOMEVAHTI_DIRECTORY"]))
    policy, missing = d.resolve_policy("threat", "U0MAIJA")
    assert [[t.id for t in lv.targets] for lv in policy.levels] == [["U0ESIMIES"], ["U0TYOSUOJ"]]
    assert [lv.ack_within_s for lv in policy.levels] == [1800, 3600]
    assert missing == []
    # A reporter without a supervisor still escalates to whoever is configured.
    policy, missing = d.resolve_policy("threat", "U0NOBODY")
    assert [[t.id for t in lv.targets] for lv in policy.levels] == [["U0TYOSUOJ"]]
    assert missing == ["supervisor"]
    policy, _ = d.resolve_policy("threat", "U0NOBODY", supervisor="U0CHOSEN")
    assert policy.levels[0].targets[0].id == "U0CHOSEN"


@pytest.mark.parametrize(("text", "seconds"), [("90s", 90), ("30m", 1800), ("2h", 7200), ("1h30m", 5400), (45, 45)])
def test_durations(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("bad", ["", "0m", "5 minutes", "-3m", "m"])
def test_bad_durations(bad):
    with pytest.raises(ValueError):
        parse_duration(bad)


def test_version_and_help():
    r = run_cli("--version")
    assert r.returncode == 0 and r.stdout.startswith("somevahti ")
    for cmd in ("serve", "check", "sandbox", "ask", "export", "purge"):
        r = run_cli(cmd, "--help")
        assert r.returncode == 0 and "usage: somevahti" in r.stdout, cmd
