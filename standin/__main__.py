"""`python -m standin --port 8099`: serve the default workspace standalone (benchmarks)."""

from __future__ import annotations

import argparse
import importlib

import uvicorn

from .webapi import SlackStandIn
from .workspace import default_workspace


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m standin", description="Local Slack Web API stand-in")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8099)
    p.add_argument("--token", default=None, help="bot token the API accepts (default: the workspace's)")
    p.add_argument(
        "--workspace",
        default=None,
        metavar="MODULE:FUNC",
        help="callable returning a standin.Workspace, e.g. bot.sandbox.world:workspace",
    )
    p.add_argument("--trigger-ttl", type=float, default=None, help="seconds a trigger_id stays valid")
    p.add_argument("--log-level", default="warning")
    a = p.parse_args(argv)
    if a.workspace:
        module, _, func = a.workspace.partition(":")
        workspace = getattr(importlib.import_module(module), func or "workspace")()
    else:
        workspace = default_workspace()
    standin = SlackStandIn(workspace, bot_token=a.token, trigger_ttl=a.trigger_ttl)
    standin.url = f"http://{a.host}:{a.port}/"
    print(f"Slack stand-in: API {standin.base_url}  control {standin.url}_standin/stats", flush=True)
    uvicorn.run(standin.app, host=a.host, port=a.port, log_level=a.log_level, lifespan="off", access_log=False)


if __name__ == "__main__":
    main()
