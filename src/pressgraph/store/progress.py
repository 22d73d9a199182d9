"""Read how far the work has gone: jobs by state, what is left to annotate and resolve, the
last run, and the inputs that failed or were refused (`pressgraph status`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Select, String, cast, exists, func, literal, select

from pressgraph.store.db import Database
from pressgraph.store.schema import (
    annotated,
    annotation_errors,
    jobs,
    pending_stages,
    removed,
    runs,
    stories,
)

STATES = ("queued", "stored", "annotated", "failed", "refused")


@dataclass(frozen=True)
class RunRecord:
    """One run as recorded: no end when it was killed (or is still going)."""

    id: int
    command: str
    started_at: str
    ended_at: str | None
    outcome: str | None
    inputs: int
    pid: int


@dataclass(frozen=True)
class JobProblem:
    """A failed or refused job: its input (and page of it), the stage and why."""

    input: str
    page: int
    source: str | None
    state: str
    stage: str | None
    reason: str | None
    at: str


@dataclass(frozen=True)
class Status:
    """What the job table and the store say about the work."""

    jobs: dict[str, int]  # every state of STATES, with how many pages are in it
    duplicates: int  # pages that were stored before
    stories_left: int  # stories not annotated yet (not counting those that failed)
    signatures_left: int  # press signatures not annotated yet
    stories_failed: int  # stories and signatures the annotation stage could not annotate
    resolve_pending: bool  # annotations (or removals) that resolution has not seen
    last_run: RunRecord | None
    problems: tuple[JobProblem, ...]  # failed and refused jobs, oldest first
    queued: tuple[str, ...]  # inputs still queued (their run stopped before reading them)


def read_status(db: Database) -> Status:
    """The whole status in one consistent read."""
    with db.read() as conn:
        counts = dict.fromkeys(STATES, 0)
        for state, n in conn.execute(select(jobs.c.state, func.count()).group_by(jobs.c.state)):
            counts[state] = int(n)
        return Status(
            jobs=counts,
            duplicates=_count(conn, select(func.count()).where(jobs.c.duplicate.is_(True))),
            stories_left=_count(conn, _stories_left()),
            signatures_left=_count(conn, _signatures_left()),
            stories_failed=_count(conn, select(func.count()).select_from(annotation_errors)),
            resolve_pending=conn.execute(
                select(pending_stages.c.stage).where(pending_stages.c.stage == "resolve")
            ).first()
            is not None,
            last_run=_last_run(conn),
            problems=_problems(conn),
            queued=tuple(
                conn.execute(
                    select(jobs.c.input).where(jobs.c.state == "queued").order_by(jobs.c.id)
                ).scalars()
            ),
        )


def _count(conn: Connection, query: Select[Any]) -> int:
    return int(conn.execute(query).scalar() or 0)


def _stories_left() -> Select[Any]:
    """Stories that are not copies, neither annotated nor failed."""
    return (
        select(func.count())
        .select_from(stories)
        .where(
            stories.c.duplicate_of.is_(None),
            ~exists().where(annotated.c.target == stories.c.id),
            ~exists().where(annotation_errors.c.target == stories.c.id),
        )
    )


def _signatures_left() -> Select[Any]:
    """Press signatures ("removed:<id>") neither annotated nor failed."""
    target = literal("removed:", String) + cast(removed.c.id, String)
    return (
        select(func.count())
        .select_from(removed)
        .where(
            removed.c.kind == "signature",
            ~exists().where(annotated.c.target == target),
            ~exists().where(annotation_errors.c.target == target),
        )
    )


def _last_run(conn: Connection) -> RunRecord | None:
    row = conn.execute(select(runs).order_by(runs.c.id.desc()).limit(1)).mappings().first()
    if row is None:
        return None
    return RunRecord(
        row["id"],
        row["command"],
        row["started_at"],
        row["ended_at"],
        row["outcome"],
        row["inputs"],
        row["pid"],
    )


def _problems(conn: Connection) -> tuple[JobProblem, ...]:
    rows = conn.execute(
        select(jobs).where(jobs.c.state.in_(("failed", "refused"))).order_by(jobs.c.at, jobs.c.id)
    ).mappings()
    return tuple(
        JobProblem(r["input"], r["page"], r["source"], r["state"], r["stage"], r["reason"], r["at"])
        for r in rows
    )
