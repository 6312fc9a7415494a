"""`somevahti serve` with a wrong token must not look healthy, and the health check works in both
modes (review issue 12 #15, #18), end to end: `somevahti serve` and `somevahti health` as processes
against the Slack stand-in, whose auth.test refuses any token but the workspace's.

/healthz: 200 {"ok": true, "slack": "ok"} once auth.test succeeded; 503 {"ok": false, "slack":
"invalid_auth"} (or account_inactive, token_revoked ...) when Slack refused the token; "unknown"
while auth.test has not answered (Slack unreachable): 200, the process works and a network blip must
not get the container restarted. In Socket Mode /healthz is served on PORT beside the socket and
answers 503 while the socket is not connected.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from bot.sandbox import world
from bot.sandbox.runner import free_port
from standin.socket_mode import run_socket_mode
from standin.webapi import SlackStandIn, run_standin
from tests.test_config import run_cli

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def standin():
    with run_standin(SlackStandIn(world.workspace())) as s:
        yield s


def serve(tmp_path: Path, standin, *, token: str = world.BOT_TOKEN, app_token: str | None = None):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "SOMEVAHTI_", "DATABASE_URL", "PORT"))}
    env.update(
        {
            "SLACK_BOT_TOKEN": token,
            "SLACK_SIGNING_SECRET": world.SIGNING_SECRET,
            "SLACK_API_URL": standin.base_url,
            "DATABASE_URL": f"sqlite:///{tmp_path}/health.db",
            "SOMEVAHTI_DIRECTORY": str(world.DIRECTORY_FILE),
            "PORT": str(port),
            "PYTHONPATH": str(REPO),
        }
    )
    if app_token:
        env["SLACK_APP_TOKEN"] = app_token
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "serve"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    return proc, port, env


def wait_for_health(port: int, want: int, timeout: float = 20) -> dict:
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            r = httpx.get(f"http://127.0.0.1:{port}/healthz", trust_env=False, timeout=2)
            last = (r.status_code, r.json())
            if r.status_code == want:
                return r.json()
        except httpx.TransportError as exc:
            last = repr(exc)
        time.sleep(0.1)
    raise AssertionError(f"/healthz never answered {want}: last {last}")


def stop(proc) -> str:
    proc.terminate()
    try:
        out, _ = proc.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, _ = proc.communicate()
    return out


def health_cli(env: dict, tmp_path: Path):
    return run_cli("health", env_extra={k: v for k, v in env.items() if k.startswith(("SLACK_", "PORT"))}, cwd=tmp_path)


def test_http_mode_with_a_wrong_token_is_unhealthy(tmp_path, standin):
    proc, port, env = serve(tmp_path, standin, token="xoxb-wrong-token")
    try:
        body = wait_for_health(port, 503)
        assert body["ok"] is False and body["slack"] == "invalid_auth", body
        r = health_cli(env, tmp_path)
        assert r.returncode == 1 and "invalid_auth" in r.stderr and "Traceback" not in r.stderr, r.stderr
    finally:
        out = stop(proc)
    assert "xoxb-wrong-token" not in out
    assert "SLACK_BOT_TOKEN" in out  # the log says what to fix


def test_http_mode_with_the_right_token_is_healthy(tmp_path, standin):
    proc, port, env = serve(tmp_path, standin)
    try:
        body = wait_for_health(port, 200)
        assert body["ok"] is True and body["slack"] == "ok", body
        assert health_cli(env, tmp_path).returncode == 0
    finally:
        stop(proc)


def test_slack_failing_at_start_up_is_not_blamed_on_the_token(tmp_path, standin):
    # auth.test answering 500 at start-up: healthy ("unknown" until Slack answers) and the log
    # does not send the admin after a token that works
    standin.faults.add("auth.test", "server_error", times=1)
    proc, port, _env = serve(tmp_path, standin)
    try:
        assert wait_for_health(port, 200)["slack"] in {"unknown", "ok"}
    finally:
        out = stop(proc)
    assert "auth.test failed (internal_error)" in out
    assert "SLACK_BOT_TOKEN" not in out and "ERROR" not in out, out


def test_socket_mode_serves_healthz_and_is_unhealthy_while_disconnected(tmp_path, standin):
    with run_socket_mode() as socket_mode:
        standin.socket_mode_url = socket_mode.url
        proc, port, env = serve(tmp_path, standin, app_token="xapp-1-A0SOMEVAHTI-1-standin")
        try:
            body = wait_for_health(port, 200)
            assert body == {**body, "ok": True, "slack": "ok", "socket": "connected"}, body
            assert socket_mode.connected() == 1
            r = health_cli(env, tmp_path)
            assert r.returncode == 0, r.stdout + r.stderr
            socket_mode.drop()  # Slack goes away, and refuses reconnections
            body = wait_for_health(port, 503)
            assert body["ok"] is False and body["socket"] == "disconnected", body
            r = health_cli(env, tmp_path)
            assert r.returncode == 1 and "disconnected" in r.stderr, r.stdout + r.stderr
            socket_mode.accepting = True  # back: the client reconnects, healthy again
            wait_for_health(port, 200, timeout=30)
        finally:
            out = stop(proc)
        assert "Traceback" not in out or "xapp-" not in out
        json.dumps(body)


def test_socket_mode_with_a_wrong_bot_token_is_unhealthy(tmp_path, standin):
    with run_socket_mode() as socket_mode:
        standin.socket_mode_url = socket_mode.url
        proc, port, _env = serve(tmp_path, standin, token="xoxb-wrong", app_token="xapp-1-A0SOMEVAHTI-1-standin")
        try:
            body = wait_for_health(port, 503)
            assert body["slack"] == "invalid_auth", body
        finally:
            stop(proc)
