"""`python -m standin --port 8099`: serve the default workspace standalone (benchmarks)."""

from __future__ import annotations

import argparse

import uvicorn

from .webapi import SlackStandIn
from .workspace import default_workspace


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m standin", description="Local Slack Web API stand-in")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8099)
    p.add_argument("--token", default="xoxb-standin-token", help="bot token the API accepts")
    p.add_argument("--trigger-ttl", type=float, default=None, help="seconds a trigger_id stays valid")
    p.add_argument("--log-level", default="warning")
    a = p.parse_args(argv)
    standin = SlackStandIn(default_workspace(a.token), trigger_ttl=a.trigger_ttl)
    standin.url = f"http://{a.host}:{a.port}/"
    print(f"Slack stand-in: API {standin.base_url}  control {standin.url}_standin/stats", flush=True)
    uvicorn.run(standin.app, host=a.host, port=a.port, log_level=a.log_level, lifespan="off", access_log=False)


if __name__ == "__main__":
    main()
