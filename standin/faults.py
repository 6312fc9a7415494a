"""Fault injection for the fake Web API.

Besides one-shot faults there is `limit(method, per_minute, burst)`: a token bucket that answers
429 with a computed Retry-After once a method is called faster than Slack's tier allows.

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

import math
import random
import threading
import time
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
        self._limits: dict[str, dict] = {}
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
                {
                    "rate": rate,
                    "kinds": kinds,
                    "methods": set(methods) if methods else None,
                    "retry_after": retry_after,
                    "error": error,
                }
                if rate > 0
                else None
            )

    def limit(self, method: str, per_minute: float, burst: int = 5) -> None:
        """Rate-limit `method` like a Slack tier: `burst` calls at once, then per_minute/60 per second.

        per_minute <= 0 removes the limit.
        """
        with self._lock:
            if per_minute <= 0:
                self._limits.pop(method, None)
            else:
                self._limits[method] = {
                    "rate": per_minute / 60.0,
                    "cap": float(burst),
                    "tokens": float(burst),
                    "at": time.monotonic(),
                }

    def clear(self) -> None:
        """Remove every queued fault, the random mode and rate limits (counts are kept)."""
        with self._lock:
            self._rules.clear()
            self._random = None
            self._limits.clear()

    def reset_counts(self) -> None:
        with self._lock:
            self.injected.clear()

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
            lim = self._limits.get(method) or self._limits.get("*")
            if lim is not None:
                now = time.monotonic()
                lim["tokens"] = min(lim["cap"], lim["tokens"] + (now - lim["at"]) * lim["rate"])
                lim["at"] = now
                if lim["tokens"] >= 1.0:
                    lim["tokens"] -= 1.0
                else:
                    self.injected[(method, "rate_limited")] += 1
                    wait = math.ceil((1.0 - lim["tokens"]) / lim["rate"])
                    return Fault(method, "rate_limited", 1, max(1, wait))
        return None

    def stats(self) -> dict:
        with self._lock:
            per: dict[str, dict[str, int]] = {}
            for (method, kind), n in self.injected.items():
                per.setdefault(method, {})[kind] = n
            return {"total": sum(self.injected.values()), "by_method": per}
