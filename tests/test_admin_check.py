"""`somevahti check` is a real pre-flight, and configuration mistakes are one plain line (review issue 12).

The check runs as a subprocess, as an admin runs it, against the project's Slack stand-in.
"""

import sqlite3
from pathlib import Path

import pytest

from bot.directory import load_directory
from bot.errors import ConfigError
from standin.runner import run_standin
from standin.workspace import Channel, User, Usergroup, Workspace
from tests.test_config import GOOD_ENV, assert_config_error, run_cli

TOKEN = "xoxb-standin-token"  # noqa: S105 (the stand-in's fake token)
REPO = Path(__file__).parents[1]

GOOD_DIRECTORY = """\
timezone: Europe/Helsinki
admins: [U01ANNA0001]
roles:
  mavi_channel: C01MAVI0001
  mavi_group: S01MAVI0001
  comms_manager: U01VIES0001
  safety_chief: U01TYOS0001
supervisors:
  U01MAIJ0001: U01ESIM0001
"""


def workspace(*, bot_in_mavi: bool = True) -> Workspace:
    return Workspace(
        bot_token=TOKEN,
        users=[
            User(id=u, name=u.lower())
            for u in ("U01ANNA0001", "U01VIES0001", "U01TYOS0001", "U01MAIJ0001", "U01ESIM0001")
        ],
        channels=[Channel(id="C01MAVI0001", name="mavi", bot_is_member=bot_in_mavi)],
        usergroups=[Usergroup(id="S01MAVI0001", handle="mavi", users=["U01ANNA0001"])],
    )


@pytest.fixture
def standin():
    with run_standin(workspace()) as s:
        yield s


def check(tmp_path, standin, directory_text=GOOD_DIRECTORY, **env):
    path = tmp_path / "directory.yaml"
    path.write_text(directory_text)
    base = {
        "SLACK_BOT_TOKEN": TOKEN,
        "SLACK_SIGNING_SECRET": "a-real-secret",
        "SLACK_API_URL": standin.base_url,
        "SOMEVAHTI_DIRECTORY": str(path),
        "DATABASE_URL": f"sqlite:///{tmp_path}/data/somevahti.db",
    }
    return run_cli("check", env_extra={**base, **env}, cwd=tmp_path)


def test_good_configuration_passes_and_check_changes_nothing(tmp_path, standin):
    r = check(tmp_path, standin)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Configuration OK" in r.stdout
    assert "will be created" in r.stdout  # the database does not exist yet ...
    assert not (tmp_path / "data").exists()  # ... and the check did not create it
    called = {c.method for c in standin.calls()}
    assert {"auth.test", "users.info", "conversations.info", "usergroups.list"} <= called


def test_pending_migrations_are_reported_not_applied(tmp_path, standin):
    (tmp_path / "data").mkdir()
    db = tmp_path / "data" / "somevahti.db"
    sqlite3.connect(db).close()  # an empty database: every migration pending
    before = db.read_bytes()
    r = check(tmp_path, standin)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "pending" in r.stdout and "0001" in r.stdout
    assert db.read_bytes() == before
    assert not Path(f"{db}-wal").exists()


def test_unedited_example_files_fail(tmp_path, standin):
    example_env = dict(
        line.split("=", 1)
        for line in (REPO / ".env.example").read_text().splitlines()
        if line and not line.startswith("#")
    )
    r = check(
        tmp_path,
        standin,
        (REPO / "directory.example.yaml").read_text(),
        SLACK_BOT_TOKEN=example_env["SLACK_BOT_TOKEN"],
        SLACK_SIGNING_SECRET=example_env["SLACK_SIGNING_SECRET"],
    )
    assert r.returncode == 2, r.stdout + r.stderr
    assert "Configuration OK" not in r.stdout
    out = r.stdout + r.stderr
    assert "Traceback" not in out
    assert "SLACK_BOT_TOKEN" in out and "invalid_auth" in out
    assert "SLACK_SIGNING_SECRET" in out and "placeholder" in out
    assert "U0ADMIN" in out and "example" in out


def test_empty_directory_fails(tmp_path, standin):
    r = check(tmp_path, standin, "")
    assert r.returncode == 2
    out = r.stdout + r.stderr
    assert "admins" in out and "roles.mavi_channel" in out and "roles.safety_chief" in out
    assert "Configuration OK" not in r.stdout


def test_each_slack_problem_is_one_line(tmp_path):
    with run_standin(workspace(bot_in_mavi=False)) as standin:
        text = GOOD_DIRECTORY.replace("U01VIES0001", "U01GONE0001").replace("S01MAVI0001", "S01NONE0001")
        text += "policies:\n  controversy:\n    - notify: [mavi_channel, C01NONE0001]\n"
        r = check(tmp_path, standin, text)
    assert r.returncode == 2
    lines = [ln for ln in (r.stdout + r.stderr).splitlines() if ln.strip()]
    assert any("roles.comms_manager" in ln and "U01GONE0001" in ln and "user_not_found" in ln for ln in lines)
    assert any("roles.mavi_group" in ln and "S01NONE0001" in ln for ln in lines)
    assert any("C01MAVI0001" in ln and "not a member" in ln and "/invite" in ln for ln in lines)
    assert any("C01NONE0001" in ln and "channel_not_found" in ln for ln in lines)
    assert "Traceback" not in r.stderr


def test_bad_token_is_named(tmp_path, standin):
    r = check(tmp_path, standin, SLACK_BOT_TOKEN="xoxb-wrong")
    assert r.returncode == 2
    assert "SLACK_BOT_TOKEN" in r.stdout + r.stderr and "invalid_auth" in r.stdout + r.stderr


def test_unreachable_slack_is_one_line(tmp_path, standin):
    r = check(tmp_path, standin, SLACK_API_URL="http://127.0.0.1:9/api/")
    assert r.returncode == 2
    assert "SLACK_API_URL" in r.stdout + r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize("url", ["sqlite:///:memory:", "sqlite://"])
@pytest.mark.parametrize("command", ["check", "serve"])
def test_in_memory_database_is_refused(tmp_path, url, command):
    r = run_cli(
        command, env_extra={**GOOD_ENV, "DATABASE_URL": url, "SLACK_API_URL": "http://127.0.0.1:9/api/"}, cwd=tmp_path
    )
    assert r.returncode == 2
    assert "DATABASE_URL" in r.stdout + r.stderr and "memory" in r.stdout + r.stderr
    assert "Traceback" not in r.stderr


# -- B: one line, never a traceback -----------------------------------------------------------


@pytest.mark.parametrize("command", ["purge", "serve"])
def test_database_file_that_is_not_a_database(tmp_path, command):
    (tmp_path / "notes.db").write_text("this is not a database\n")
    r = run_cli(command, env_extra={**GOOD_ENV, "DATABASE_URL": f"sqlite:///{tmp_path}/notes.db"}, cwd=tmp_path)
    assert_config_error(r, "DATABASE_URL", "not a database")
    assert len(r.stderr.strip().splitlines()) == 1


def test_check_database_file_that_is_not_a_database(tmp_path, standin):
    (tmp_path / "notes.db").write_text("this is not a database\n")
    r = check(tmp_path, standin, DATABASE_URL=f"sqlite:///{tmp_path}/notes.db")
    assert r.returncode == 2
    assert "DATABASE_URL" in r.stdout + r.stderr and "not a database" in r.stdout + r.stderr
    assert "Traceback" not in r.stderr


def test_postgres_driver_missing(tmp_path):
    pytest.importorskip("sqlalchemy")
    try:
        import pg8000  # noqa: F401

        pytest.skip("pg8000 is installed here")
    except ImportError:
        pass
    r = run_cli("purge", env_extra={**GOOD_ENV, "DATABASE_URL": "postgresql+pg8000://u:p@127.0.0.1:9/x"}, cwd=tmp_path)
    assert_config_error(r, "DATABASE_URL", "driver")
    assert len(r.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("kind", ["folder", "binary"])
def test_unreadable_directory_file(tmp_path, kind):
    path = tmp_path / "directory.yaml"
    if kind == "folder":
        path.mkdir()
    else:
        path.write_bytes(b"\xff\xfe\x00not text")
    r = run_cli("serve", env_extra={**GOOD_ENV, "SOMEVAHTI_DIRECTORY": str(path)}, cwd=tmp_path)
    assert_config_error(r, "SOMEVAHTI_DIRECTORY", str(path))
    assert len(r.stderr.strip().splitlines()) == 1


def test_unknown_settings_get_a_suggestion(tmp_path, standin):
    (tmp_path / ".env").write_text("SOMEVAHTI_RETENTON_DAYS=30\n")
    r = check(tmp_path, standin, SLACK_SIGNING_SECRT="x")
    assert "SOMEVAHTI_RETENTON_DAYS" in r.stderr and "did you mean SOMEVAHTI_RETENTION_DAYS?" in r.stderr
    assert "SLACK_SIGNING_SECRT" in r.stderr and "did you mean SLACK_SIGNING_SECRET?" in r.stderr
    # At start-up too (here start-up stops at the missing directory file, after the warning).
    r = run_cli("serve", env_extra={**GOOD_ENV, "SOMEVAHTI_DIRECTORY": "/nonexistent"}, cwd=tmp_path)
    assert "did you mean SOMEVAHTI_RETENTION_DAYS?" in r.stderr


def test_duplicate_directory_keys_are_named(tmp_path):
    path = tmp_path / "directory.yaml"
    path.write_text("admins: [U01ANNA0001]\nsupervisors:\n  U01MAIJ0001: U01ESIM0001\n  U01MAIJ0001: U01MUUT0001\n")
    with pytest.raises(ConfigError) as exc:
        load_directory(path)
    assert "SOMEVAHTI_DIRECTORY" in str(exc.value) and "U01MAIJ0001" in str(exc.value)
    assert "line 4" in str(exc.value)
    path.write_text("admins: [U01ANNA0001]\nroles: {}\nadmins: [U01MUUT0001]\n")
    with pytest.raises(ConfigError) as exc:
        load_directory(path)
    assert "admins" in str(exc.value) and "line 3" in str(exc.value)


def test_slack_failing_is_not_blamed_on_the_token(tmp_path, standin):
    # Slack answering 500 is Slack's trouble: the admin must not go and replace a good token
    standin.faults.add("auth.test", "server_error", times=None)
    r = check(tmp_path, standin)
    out = r.stdout + r.stderr
    assert r.returncode == 2, out
    assert "SLACK_API_URL" in out and "try again" in out and "internal_error" in out
    assert "rejected the bot token" not in out and "Traceback" not in out
