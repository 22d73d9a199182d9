"""`pressgraph status`: how far the work has gone, and the command that finishes it."""

from __future__ import annotations

import dataclasses
import json

import click

from pressgraph.store.progress import STATES, JobProblem, RunRecord, Status

SHOWN = 20  # failed and refused inputs listed at most (all with --json)


def print_status(status: Status, *, as_json: bool) -> None:
    """The status as a few lines ending with a summary and what to run, or as one JSON
    object (with `todo`, the command that finishes the work, or null)."""
    if as_json:
        record = {**dataclasses.asdict(status), "todo": todo(status), "summary": summary(status)}
        click.echo(json.dumps(record, ensure_ascii=False))
        return
    click.echo(f"Last run:  {_run(status.last_run)}")
    click.echo("Pages:     " + ", ".join(f"{status.jobs[s]} {s}" for s in STATES) + _dups(status))
    click.echo(f"Left:      {_left(status)}")
    for problem in status.problems[:SHOWN]:
        click.echo(_problem(problem))
    if len(status.problems) > SHOWN:
        more = len(status.problems) - SHOWN
        click.echo(f"... and {more} more (`pressgraph status --json` lists them all)")
    for key in status.queued[:SHOWN]:
        click.echo(f"queued    {key}")
    click.echo(summary(status))


def _run(run: RunRecord | None) -> str:
    if run is None:
        return "none yet (run `pressgraph ingest PATH...`)"
    what = f"{run.command} #{run.id}" + (f" of {run.inputs} inputs" if run.inputs else "")
    if run.ended_at is None:
        end = f"did not end: still running (pid {run.pid}) or killed"
    else:
        end = f"ended {run.ended_at}" + ("" if run.outcome == "done" else f" ({run.outcome})")
    return f"{what}, started {run.started_at}, {end}"


def _dups(status: Status) -> str:
    return f" ({status.duplicates} duplicates of pages stored before)" if status.duplicates else ""


def _left(status: Status) -> str:
    parts = [f"{status.stories_left} stories to annotate"]
    if status.signatures_left:
        n = status.signatures_left
        parts.append(f"{n} press signature{'s' * (n != 1)} to annotate")
    if status.stories_failed:
        parts.append(f"{status.stories_failed} not annotated (failed)")
    parts.append("resolution pending" if status.resolve_pending else "resolution up to date")
    return ", ".join(parts)


def _problem(problem: JobProblem) -> str:
    """One line like `errors` prints: a refusal's message names its page already."""
    reason = problem.reason or ""
    named = reason.startswith((problem.source or problem.input, problem.input))
    said = reason if named else f"{problem.source or problem.input}: {reason}"
    return f"{problem.state:9} [{problem.stage or '-'}] {said}"


def todo(status: Status) -> str | None:
    """The command that finishes what is left, or None when nothing is."""
    if status.queued:
        return (
            "pressgraph ingest "
            + " ".join(status.queued[:3])
            + (" ..." if len(status.queued) > 3 else "")
        )
    if status.stories_left or status.signatures_left or status.resolve_pending:
        return "pressgraph annotate"
    return None


def summary(status: Status) -> str:
    """One line: how many inputs are done, what is left and the command that finishes it."""
    done = status.jobs["annotated"]
    total = sum(status.jobs.values())
    head = f"{done} of {total} pages annotated"
    bad = status.jobs["failed"] + status.jobs["refused"]
    if bad:
        head += f", {bad} failed or refused (see `pressgraph errors`)"
    if status.queued:
        n = len(status.queued)
        return f"{head}; {n} never read: run `{todo(status)}` to read them again."
    if status.stories_left or status.signatures_left:
        return f"{head}; run `pressgraph annotate` to finish {_texts(status)}."
    if status.resolve_pending:
        return f"{head}; run `pressgraph annotate` to resolve the entities."
    return f"{head}; nothing left to do."


def _texts(status: Status) -> str:
    """ "3 stories", "1 story (and 1 press signature)", as `annotate` counts them."""
    n, signed = status.stories_left, status.signatures_left
    said = f"{n} stor{'y' if n == 1 else 'ies'}"
    if signed:
        said += f" (and {signed} press signature{'s' * (signed != 1)})"
    return said
