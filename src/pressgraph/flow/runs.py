"""A run of `ingest` or `annotate`, recorded as it begins and as it ends.

A run that never ends in the record was killed (or is still going): `pressgraph status` says
so, and the next run finishes what it left.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress

from pressgraph.store.db import Database
from pressgraph.store.jobs import end_run, start_run


@contextmanager
def running(db: Database, command: str, inputs: int = 0) -> Iterator[int]:
    """Record a run of `command` while the block runs; yields its id. An exception ends the
    run with what stopped it (a kill ends nothing: the record shows it)."""
    run = start_run(db, command, inputs)
    try:
        yield run
    except BaseException as exc:
        with suppress(Exception):  # the database itself may be what failed
            end_run(db, run, f"stopped: {type(exc).__name__}: {exc}".rstrip(": "))
        raise
    end_run(db, run)
