"""The thin Slack edge: listeners (ids -> callbacks), Block Kit builders and texts.

Each domain package has `register(app)`, which only wires ids to plain callbacks:
- help/   /some
- ohje/   /ohje, guideline answers and feedback
- uhka/   /uhka, threat reports
- kohu/   /kohu, controversy alerts
- home/   App Home: commands, your open reports, open controversies
"""

from __future__ import annotations

from importlib import import_module

from slack_bolt.async_app import AsyncApp

DOMAINS = ("help", "ohje", "uhka", "kohu", "home")


def register_all(app: AsyncApp) -> None:
    for name in DOMAINS:
        try:
            module = import_module(f"handlers.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"handlers.{name}":
                raise
            continue
        module.register(app)
