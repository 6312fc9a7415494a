"""The thin Slack edge: listeners (ids -> callbacks), Block Kit builders and texts.

Each domain package has `register(app)`, which only wires ids to plain callbacks (register_all
hands them to Bolt kind by kind, slash commands and modal submissions first):
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
# Bolt tries listeners in the order they were registered, each try costing a few microseconds:
# slash commands and modal submissions, which users wait on and which come in bursts, go first.
KINDS = ("command", "view", "shortcut", "action", "event")


class _KindByKind:
    """Stands in for the app while the domains register, and keeps what they wire per kind."""

    def __init__(self) -> None:
        self.wired: dict[str, list] = {kind: [] for kind in KINDS}

    def __getattr__(self, kind: str):
        if kind not in KINDS:
            raise AttributeError(kind)

        def decorator(*args, **kwargs):
            def wire(fn):
                self.wired[kind].append((args, kwargs, fn))
                return fn

            return wire

        return decorator


def register_all(app: AsyncApp) -> None:
    wiring = _KindByKind()
    for name in DOMAINS:
        try:
            module = import_module(f"handlers.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"handlers.{name}":
                raise
            continue
        module.register(wiring)
    for kind in KINDS:
        for args, kwargs, fn in wiring.wired[kind]:
            getattr(app, kind)(*args, **kwargs)(fn)
