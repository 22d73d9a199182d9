"""Wrong curation tokens, counted per client address: after a few within a minute, the
address must wait (429 with Retry-After) before it may try again.

In-process and in memory, like the rest of curation (one writable process serves it): a
restart forgets the count, which costs a guesser a restart per five tries. Behind a proxy
every client shares the proxy's address, so one guesser locks the login for everyone for a
minute; that errs on the safe side, and the proxy can throttle by its own addresses.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque

from fastapi import HTTPException, Request

FAILURES = 5  # wrong tokens allowed per address within WINDOW
WINDOW = 60.0  # seconds


class Throttle:
    """Failed token checks per address in a sliding window; thread-safe (views run in a
    thread pool)."""

    def __init__(self, failures: int = FAILURES, window: float = WINDOW) -> None:
        self.failures = failures
        self.window = window
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def wait(self, address: str, now: float | None = None) -> int:
        """Seconds `address` must wait before its next try (0: it may try now)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            times = self._recent(address, now)
            if not times:
                self._seen.pop(address, None)  # forget quiet addresses: the dict stays small
            if len(times) < self.failures:
                return 0
            return max(1, math.ceil(times[0] + self.window - now))

    def failed(self, address: str, now: float | None = None) -> None:
        """Count one wrong token from `address`."""
        now = time.monotonic() if now is None else now
        with self._lock:
            self._recent(address, now).append(now)

    def _recent(self, address: str, now: float) -> deque[float]:
        times = self._seen.setdefault(address, deque())
        while times and times[0] <= now - self.window:
            times.popleft()
        return times


def throttle_of(request: Request) -> Throttle:
    """The application's throttle (`create_app` makes it)."""
    found: Throttle = request.app.state.login_throttle
    return found


def address(request: Request) -> str:
    """The client's address (the peer's: a forwarded header could be forged)."""
    return request.client.host if request.client else "unknown"


def check_throttle(request: Request) -> None:
    """A 429 with Retry-After while this client has too many recent wrong tokens."""
    seconds = throttle_of(request).wait(address(request))
    if seconds:
        raise HTTPException(
            429,
            f"Too many wrong curation tokens from this address: wait {seconds} seconds "
            "and try again.",
            headers={"Retry-After": str(seconds)},
        )


def count_failure(request: Request) -> None:
    """Count a wrong token from this client."""
    throttle_of(request).failed(address(request))
