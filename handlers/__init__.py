"""The thin Slack edge: listeners (ids -> callbacks), Block Kit builders and texts.

Each domain package has `register(app)`, which only wires ids to plain callbacks:
- help/   /some
- ohje/   /ohje, guideline answers and feedback
- uhka/   /uhka, threat reports
- kohu/   /kohu, controversy alerts
- home/   App Home: commands, your open reports, open controversies

register_all gives Bolt one listener per kind, which finds the callback by its id in a dict and
calls it with the arguments it names (Bolt's names, and `svc`). Bolt would try each registered
listener in turn, every try building all its arguments (~5 µs), and a middleware would have to put
`svc` into every request's context: in a burst of 50 slash commands both add up to milliseconds
before the last one is acknowledged.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable
from importlib import import_module

from slack_bolt.async_app import AsyncApp

DOMAINS = ("help", "ohje", "uhka", "kohu", "home")

# Per kind (Bolt's listener kinds): where a request's id is.
ID_OF: dict[str, Callable[[dict], str]] = {
    "command": lambda args: args["command"]["command"],
    "view": lambda args: args["view"]["callback_id"],  # modal submissions
    "shortcut": lambda args: args["shortcut"]["callback_id"],
    "action": lambda args: args["action"]["action_id"],  # block actions
    "event": lambda args: args["event"]["type"],
}
# What a callback may ask for: Bolt's arguments the router passes on, and the services.
ARGUMENTS = ("ack", "body", "client", "respond", "context", "command", "view", "shortcut", "action", "event", "svc")


class _Wiring:
    """Stands in for the app while the domains register: `app.command("/ohje")(fn)` and the like."""

    def __init__(self) -> None:
        self.callbacks: dict[str, dict[str, tuple[Callable, tuple[str, ...]]]] = {kind: {} for kind in ID_OF}

    def __getattr__(self, kind: str):
        if kind not in ID_OF:
            raise AttributeError(kind)

        def decorator(id_: str):
            def wire(fn):
                names = tuple(inspect.signature(fn).parameters)
                unknown = set(names) - set(ARGUMENTS)
                if unknown:
                    raise TypeError(f"{fn.__qualname__} asks for {sorted(unknown)}; a listener gets {ARGUMENTS}")
                if id_ in self.callbacks[kind]:
                    raise ValueError(f"{kind} {id_!r} is wired twice")
                self.callbacks[kind][id_] = (fn, names)
                return fn

            return wire

        return decorator


def _router(kind: str, callbacks: dict[str, tuple[Callable, tuple[str, ...]]], svc) -> Callable:
    id_of = ID_OF[kind]

    async def route(ack, body, client, respond, context, command, view, shortcut, action, event):
        args = {"ack": ack, "body": body, "client": client, "respond": respond, "context": context,
                "command": command, "view": view, "shortcut": shortcut, "action": action, "event": event,
                "svc": svc}
        fn, names = callbacks[id_of(args)]
        return await fn(**{name: args[name] for name in names})

    route.__qualname__ = route.__name__ = f"route_{kind}"
    return route


def register_all(app: AsyncApp, svc) -> None:
    wiring = _Wiring()
    for name in DOMAINS:
        try:
            module = import_module(f"handlers.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"handlers.{name}":
                raise
            continue
        module.register(wiring)
    for kind, callbacks in wiring.callbacks.items():
        if callbacks:
            # Exactly these ids: any other request stays unhandled, as if each had its own listener.
            ids = re.compile(r"\A(?:" + "|".join(map(re.escape, callbacks)) + r")\Z")
            # Block actions only: a legacy attachment action or dialog is not ours, whatever its id.
            constraint = {"type": "block_actions", "action_id": ids} if kind == "action" else ids
            getattr(app, kind)(constraint)(_router(kind, callbacks, svc))
