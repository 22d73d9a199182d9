"""Write the runs and the job of every input: queued, stored, annotated, failed or refused.

A job's state moves in the transaction that writes what the state says: the page's document
(`write_document`), its refusal (`record_refusal`), a story's annotations or failure
(`write_annotations`, `write_failure`, in the transaction of the story's group). A kill
therefore never leaves a job that disagrees with the data; a job left "queued" or "stored" is
finished by the next run.

A page's job is "annotated" when every text of its document the annotation stage reads (its
stories that are not copies, its press signatures) is annotated, "failed" when one of them
could not be, and "stored" until then. A duplicate page takes the state of the document it
duplicates.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import (
    CompoundSelect,
    Connection,
    delete,
    select,
    text,
    union_all,
    update,
)

from pressgraph.store.db import Database
from pressgraph.store.schema import annotated, annotation_errors, jobs, removed, runs, stories
from pressgraph.store.waiting import set_waiting, signature_target

BATCH = 500  # inputs per statement when queueing: under every database's parameter limit


@dataclass(frozen=True)
class JobRef:
    """Which job a page belongs to: the run, the input as listed, the page of the input."""

    run: int
    input: str
    page: int


@dataclass(frozen=True)
class JobState:
    """A job's state, with the stage and reason of a failure or refusal."""

    state: str  # queued | stored | annotated | failed | refused
    stage: str | None = None
    reason: str | None = None


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def start_run(db: Database, command: str, inputs: int = 0) -> int:
    """Record that a run of `command` began (over `inputs` inputs); its id."""
    with db.begin() as conn:
        row = {"command": command, "started_at": _now(), "inputs": inputs, "pid": os.getpid()}
        made = conn.execute(runs.insert().values(**row)).inserted_primary_key
        assert made is not None  # an insert into a table with a primary key
        return int(made[0])


def end_run(db: Database, run: int, outcome: str = "done") -> None:
    """Record that run `run` ended, and how."""
    with db.begin() as conn:
        conn.execute(
            update(runs).where(runs.c.id == run).values(ended_at=_now(), outcome=outcome[:500])
        )


def queue_inputs(db: Database, run: int, inputs: Sequence[str]) -> None:
    """Every input of a run as queued, in one transaction: rows of an earlier run of the same
    input (all its pages) are replaced."""
    at, unique = _now(), list(dict.fromkeys(inputs))
    with db.begin() as conn:
        if conn.dialect.name == "postgresql":
            # Runs queueing the same inputs at once take turns, as SQLite's writers do: else
            # the second one's rows meet the first one's uncommitted ones on the unique index.
            conn.execute(text("LOCK TABLE jobs IN SHARE ROW EXCLUSIVE MODE"))
        for i in range(0, len(unique), BATCH):
            batch = unique[i : i + BATCH]
            conn.execute(delete(jobs).where(jobs.c.input.in_(batch)))
            rows = [_row(run, key, 0, JobState("queued"), at) for key in batch]
            if rows:
                conn.execute(jobs.insert(), rows)


def _row(run: int, key: str, page: int, state: JobState, at: str) -> dict[str, object]:
    return {
        "run_id": run,
        "input": key,
        "page": page,
        "source": None,
        "state": state.state,
        "document_id": None,
        "duplicate": False,
        "stage": state.stage,
        "reason": state.reason,
        "at": at,
    }


def mark_page(
    conn: Connection,
    job: JobRef,
    source: str,
    document: str,
    *,
    duplicate: bool,
    waiting: bool | None = None,
) -> None:
    """In the transaction that stored a page (or found it stored): its job is stored, or
    already annotated (or failed) as its document is. `waiting`, for a page stored just now
    (whether it has texts to annotate), spares reading its document's state."""
    if waiting is None:
        state = document_state(conn, document)
    else:
        state = JobState("stored" if waiting else "annotated")
    _put(conn, job, state, source=source, document_id=document, duplicate=duplicate)


def mark_refused(conn: Connection, job: JobRef, source: str, reason: str, message: str) -> None:
    """In the transaction that recorded a refusal: its job is refused, and why."""
    _put(conn, job, JobState("refused", reason, message[:2000]), source=source)


def mark_empty(db: Database, job: JobRef) -> None:
    """An input that gave no page at all (an empty JSONL file or feed): refused, "empty"."""
    with db.begin() as conn:
        why = f"{job.input}: no page in this input; check that it is the file or feed meant"
        _put(conn, job, JobState("refused", "empty", why), source=job.input)


def _put(conn: Connection, job: JobRef, state: JobState, **values: object) -> None:
    """Set one job's row (made if its input gave more pages than the first)."""
    row = _row(job.run, job.input, job.page, state, _now())
    row.update(values)
    where = (jobs.c.input == job.input) & (jobs.c.page == job.page)
    if conn.execute(update(jobs).where(where).values(**row)).rowcount == 0:
        conn.execute(jobs.insert().values(**row))


def settle(conn: Connection, target: str) -> None:
    """In the transaction that annotated `target` (a story or "removed:<id>") or recorded
    its failure: the jobs of its document take the document's state."""
    document = _document_of(conn, target)
    if document is None:
        return
    rows = _text_states(conn, document)
    set_waiting(conn, document, any(not done and stage is None for _, done, stage, _ in rows))
    state = _state(rows)
    conn.execute(
        update(jobs)
        .where(jobs.c.document_id == document, jobs.c.state.in_(("stored", "annotated", "failed")))
        .values(state=state.state, stage=state.stage, reason=state.reason, at=_now())
    )


def _document_of(conn: Connection, target: str) -> str | None:
    if target.startswith("removed:"):
        query = select(removed.c.document_id).where(
            removed.c.id == int(target.removeprefix("removed:"))
        )
    else:
        query = select(stories.c.document_id).where(stories.c.id == target)
    found = conn.execute(query).scalar()
    return None if found is None else str(found)


def document_state(conn: Connection, document: str) -> JobState:
    """Failed (the first text that failed, and why), annotated (every text the annotation
    stage reads is), or stored; in one read."""
    return _state(_text_states(conn, document))


TextState = tuple[str, bool, str | None, str | None]  # target, annotated, failed stage, why


def _text_states(conn: Connection, document: str) -> list[TextState]:
    """(target, annotated, failed stage, failure message) of each text of the document."""
    texts = _texts(document).subquery()
    query = (
        select(texts.c.target, annotated.c.target.is_not(None), annotation_errors.c.stage)
        .add_columns(annotation_errors.c.message)
        .outerjoin(annotated, annotated.c.target == texts.c.target)
        .outerjoin(annotation_errors, annotation_errors.c.target == texts.c.target)
        .order_by(texts.c.target)
    )
    return [(str(r[0]), bool(r[1]), r[2], r[3]) for r in conn.execute(query)]


def _state(rows: list[TextState]) -> JobState:
    failed = next((r for r in rows if r[2] is not None), None)
    if failed is not None:
        target, _, stage, message = failed
        return JobState("failed", f"annotate:{stage}", f"{target}: {message}"[:2000])
    return JobState("annotated" if all(r[1] for r in rows) else "stored")


def _texts(document: str) -> CompoundSelect[str]:
    """What the annotation stage reads of a document, as targets: its stories that are not
    copies, and its press signatures ("removed:<id>")."""
    own = select(stories.c.id.label("target")).where(
        stories.c.document_id == document, stories.c.duplicate_of.is_(None)
    )
    signed = select(signature_target().label("target"))
    return union_all(
        own, signed.where(removed.c.document_id == document, removed.c.kind == "signature")
    )


def forget_documents(conn: Connection, documents: Sequence[str]) -> None:
    """In the transaction that removes documents: their jobs go too (nothing is left of them
    to annotate)."""
    if documents:
        conn.execute(delete(jobs).where(jobs.c.document_id.in_(list(documents))))
