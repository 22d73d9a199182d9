"""A time budget for the queries of one request, enforced by the database itself.

The web sets a `Budget` for each request (`active`); every connection `Database.read` hands
out while it is set stops its query when the budget runs out or the request is cancelled (the
client went away): SQLite through a progress handler that the engine calls every few thousand
virtual-machine steps, PostgreSQL through `statement_timeout` and a cancel request. The query
then fails with `QueryTimeoutError`, which the web answers with 503.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from pressgraph.errors import PressgraphError

_STEPS = 2_000  # SQLite virtual-machine steps between two looks at the clock (~0.1 ms)


class QueryTimeoutError(PressgraphError):
    """A query ran out of its time budget, or the client that asked for it went away."""

    exit_code = 4


class Budget:
    """Seconds left for the queries of one request, and whether it was cancelled."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.cancelled = threading.Event()
        self._cancellers: list[Callable[[], None]] = []
        self._lock = threading.Lock()

    def left(self) -> float:
        """Seconds left (0 once cancelled or past the deadline)."""
        if self.cancelled.is_set():
            return 0.0
        return max(0.0, self.deadline - time.monotonic())

    def spent(self) -> bool:
        """True once the queries must stop."""
        return self.cancelled.is_set() or time.monotonic() >= self.deadline

    def cancel(self) -> None:
        """Stop the running query now (the client went away)."""
        self.cancelled.set()
        with self._lock:
            cancellers = list(self._cancellers)
        for cancel in cancellers:
            cancel()

    @contextmanager
    def cancellable(self, cancel: Callable[[], None]) -> Iterator[None]:
        """While inside, `cancel()` also calls `cancel` (PostgreSQL's cancel request)."""
        with self._lock:
            self._cancellers.append(cancel)
        try:
            yield
        finally:
            with self._lock:
                self._cancellers.remove(cancel)

    def error(self) -> QueryTimeoutError:
        """The error to raise when a query was stopped."""
        if self.cancelled.is_set():
            return QueryTimeoutError("the request was cancelled: the client went away")
        return QueryTimeoutError(
            f"the query took longer than its {self.seconds:g} s budget; narrow it (fewer words, "
            "fewer prefix* terms, a date range) and try again"
        )


active: ContextVar[Budget | None] = ContextVar("pressgraph_budget", default=None)


@contextmanager
def sqlite_budget(dbapi_conn: Any, budget: Budget) -> Iterator[None]:
    """Interrupt any statement of this SQLite connection once the budget is spent."""
    dbapi_conn.set_progress_handler(lambda: 1 if budget.spent() else 0, _STEPS)
    try:
        yield
    finally:
        dbapi_conn.set_progress_handler(None, _STEPS)


def postgres_timeout(budget: Budget) -> str:
    """The `SET LOCAL statement_timeout` for what is left of the budget."""
    return f"SET LOCAL statement_timeout = {max(1, int(budget.left() * 1000))}"
