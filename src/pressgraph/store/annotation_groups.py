"""Stories' annotations stored a group at a time: the writer commits in batches (issue 10).

One transaction per group, each story in a savepoint of its own:

- a story whose records cannot be stored is rolled back alone and recorded as failed (stage
  "store", its page's job failed); the rest of the group is kept;
- an error of the database itself rolls the whole group back and stops the run (no other
  story could be stored either): none of the group's stories is annotated, so the next run
  annotates them again;
- a kill leaves every story of the group either fully stored or not at all, as before.

A transaction per story wrote the index pages a story touches once per story, and they are
scattered over a large database: `bench/growth.py`'s batch of 1,000 pages into a
6,000-page database wrote 5.84 GB with a transaction per story, 2.51 GB in groups of 200
(1.63 and 0.73 GB into an empty database), and spent 4.3-4.5 s in the kernel, 3.4 s.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection
from sqlalchemy.exc import OperationalError

from pressgraph.errors import PressgraphError
from pressgraph.records import Annotated, AnnotationFailure, NotReturned
from pressgraph.store.annotations import write_annotations, write_failure
from pressgraph.store.db import Database

Found = Annotated | AnnotationFailure | NotReturned


def store_group(db: Database, group: Sequence[Found], model: str) -> list[Found]:
    """Store these stories' records and failures in one transaction; each story's outcome,
    in order: its records, or the failure it was recorded as (a story that could not be
    stored becomes a failure of stage "store"). A story a worker never gave back (a
    `NotReturned`) is left for the next run."""
    if not group:
        return []
    with db.begin() as conn:
        return [_stored(conn, found, model) for found in group]


def _stored(conn: Connection, found: Found, model: str) -> Found:
    if isinstance(found, NotReturned):
        return found
    if isinstance(found, AnnotationFailure):
        write_failure(conn, found)
        return found
    try:
        with conn.begin_nested():  # a failure rolls back this story's rows alone
            write_annotations(conn, found, model)
    except (OperationalError, PressgraphError):
        raise  # the database itself: the group is rolled back, the run stops
    except Exception as exc:  # recorded with its stage; the group goes on
        failure = AnnotationFailure(found.story, "store", f"{type(exc).__name__}: {exc}"[:500])
        write_failure(conn, failure)
        return failure
    return found
