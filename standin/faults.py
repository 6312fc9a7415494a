"""Fault injection for the fake Web API.

Kinds:
  rate_limited        HTTP 429 + Retry-After, body {"ok": false, "error": "ratelimited"}; no effect
  server_error        HTTP 500; no effect
  drop                connection closed without any response; no effect
  error               HTTP 200 {"ok": false, "error": <error>}; no effect
  server_error_after  the call takes effect, then HTTP 500
  drop_after          the call takes effect, then the connection is closed
  slow                sleeps `delay` seconds, then the call proceeds normally
"""

from __future__ import annotations

import random
import threading
from collections import Counter
from dataclasses import dataclass

KINDS = ("rate_limited", "server_error", "drop", "error", "server_error_after", "drop_after", "slow")
# Kinds used by set_random when none are given: the ones a real client must survive.
RANDOM_DEFAULT_KINDS = ("rate_limited", "server_error", "drop")


@dataclass
class Fault:
    method: str  # API method name, or "*" for any
    kind: str
    times: int | None = 1  # None = forever
    retry_after: int = 1
    error: str = "internal_error"
    delay: float = 0.0

    @property
    def takes_effect(self) -> bool:
        """Whether the call is still executed (after-variants and slow)."""
        return self.kind in ("server_error_after", "drop_after", "slow")


class Faults:
    """Per-method fault queue plus an optional random failure mode. Thread-safe."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rules: list[Fault] = []
        self._random: dict | None = None
        self._rng = random.Random()
        self.injected: Counter[tuple[str, str]] = Counter()

    def add(
        self,
        method: str,
        kind: str,
        times: int | None = 1,
        retry_after: int = 1,
        error: str = "internal_error",
        delay: float = 0.0,
    ) -> Fault:
        """Fail the next `times` calls of `method` ("*" = any method) with `kind`."""
        if kind not in KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; expected one of {KINDS}")
        fault = Fault(method, kind, times, retry_after, error, delay)
        with self._lock:
            self._rules.append(fault)
        return fault

    def set_random(
        self,
        rate: float = 0.2,
        kinds: list[str] | tuple[str, ...] | None = None,
        seed: int | None = None,
        methods: list[str] | None = None,
        retry_after: int = 1,
        error: str = "internal_error",
    ) -> None:
        """Fail a fraction `rate` of calls (optionally only `methods`) with a random kind.

        rate=0 turns it off.
        """
        kinds = tuple(kinds or RANDOM_DEFAULT_KINDS)
        for k in kinds:
            if k not in KINDS:
                raise ValueError(f"unknown fault kind {k!r}")
        with self._lock:
            self._rng = random.Random(seed)
            self._random = (
                {"rate": rate, "kinds": kinds, "methods": set(methods) if methods else None,
                 "retry_after": retry_after, "error": error}
                if rate > 0 else None
            )

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()
            self._random = None

    def pending(self) -> list[Fault]:
        with self._lock:
            return list(self._rules)

    @property
    def total_injected(self) -> int:
        with self._lock:
            return sum(self.injected.values())

    def take(self, method: str) -> Fault | None:
        """The fault to apply to this call, if any (consumes one use)."""
        with self._lock:
            for rule in self._rules:
                if rule.method in (method, "*"):
                    if rule.times is not None:
                        rule.times -= 1
                        if rule.times <= 0:
                            self._rules.remove(rule)
                    self.injected[(method, rule.kind)] += 1
                    return rule
            r = self._random
            if r and (r["methods"] is None or method in r["methods"]) and self._rng.random() < r["rate"]:
                kind = self._rng.choice(r["kinds"])
                self.injected[(method, kind)] += 1
                return Fault(method, kind, 1, r["retry_after"], r["error"])
        return None

    def stats(self) -> dict:
        with self._lock:
            per: dict[str, dict[str, int]] = {}
            for (method, kind), n in self.injected.items():
                per.setdefault(method, {})[kind] = n
            return {"total": sum(self.injected.values()), "by_method": per}
