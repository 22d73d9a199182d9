"""Issue 10, done when: a `pressgraph ingest --workers 2` killed with SIGKILL in the middle of
annotation, then run again on the same inputs, leaves the knowledge an uninterrupted run into
a fresh database leaves, with nothing lost or duplicated, and `status` says all is done."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from pressgraph.cli import main
from pressgraph.store.db import Database
from pressgraph.store.jobs import document_state
from pressgraph.store.schema import jobs
from tests.conftest import EXAMPLES, PAGES

T = TypeVar("T")
VARIANTS = 3  # copies of each page, each told apart by its last line
POLL = 0.02  # seconds between two looks at the database
TABLES = (
    "documents", "stories", "removed", "mentions", "roles", "annotated", "annotation_errors",
    "entities", "events", "story_events", "statements", "claims", "relations", "posts",
)  # fmt: skip


def _corpus(folder: Path) -> int:
    """Every text page of the fixtures and examples, VARIANTS times with a different closing
    line (so no two pages, and no two main stories, are the same); how many pages."""
    folder.mkdir()
    pages = sorted([*PAGES.glob("*.txt"), *EXAMPLES.glob("*.txt")])
    for page in pages:
        text = page.read_text(encoding="utf-8").rstrip("\n")
        for n in range(1, VARIANTS + 1):
            line = f"The press service published this release as bulletin number {n}."
            (folder / f"{page.stem}-{n}.txt").write_text(f"{text}\n{line}\n", encoding="utf-8")
    return len(pages) * VARIANTS


def _ingest(url: str, folder: Path, log: Path) -> subprocess.Popen[bytes]:
    """`pressgraph ingest --workers 2 FOLDER` as its own process group (the workers and their
    forkserver in it), its output in `log`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRESSGRAPH_")}
    env["PYTHONPATH"] = os.pathsep.join(sys.path)
    args = [sys.executable, "-m", "pressgraph", "--db", url, "ingest", "--workers", "2"]
    with log.open("wb") as out:
        return subprocess.Popen(
            [*args, str(folder)], stdout=out, stderr=subprocess.STDOUT, env=env,
            start_new_session=True,
        )  # fmt: skip


def _finished(proc: subprocess.Popen[bytes], log: Path) -> None:
    assert proc.wait(timeout=900) == 0, log.read_text(encoding="utf-8")


def _poll(look: Callable[[], T | None], what: str, deadline: float) -> T:
    """What `look` finds as soon as it finds something, before the deadline."""
    while time.monotonic() < deadline:
        found = look()
        if found is not None:
            return found
        time.sleep(POLL)
    raise AssertionError(f"waited in vain for {what}")


def _states(path: Path) -> dict[str, int] | None:
    """Jobs by state, read as another process would (None while there are no jobs yet)."""
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as conn:
            rows = conn.execute("SELECT state, count(*) FROM jobs GROUP BY state").fetchall()
    except sqlite3.OperationalError:  # not made yet, or its tables not yet
        return None
    return {state: int(n) for state, n in rows} or None


def _look(
    path: Path, proc: subprocess.Popen[bytes], log: Path, ready: Callable[[dict[str, int]], bool]
) -> Callable[[], dict[str, int] | None]:
    """A look at the running ingest's jobs that finds them once `ready` says so."""

    def look() -> dict[str, int] | None:
        states = _states(path)
        if proc.poll() is not None:
            raise AssertionError(f"the run ended before it could be killed:\n{log.read_text()}")
        return states if states is not None and ready(states) else None

    return look


def _midway(
    path: Path, proc: subprocess.Popen[bytes], log: Path, deadline: float
) -> dict[str, int]:
    """The jobs once every page is stored and annotation is under way: more pages annotated
    than those with nothing to annotate (every story a copy), some still waiting."""
    read = _poll(_look(path, proc, log, lambda s: "queued" not in s), "pages stored", deadline)
    before = read.get("annotated", 0)

    def under_way(states: dict[str, int]) -> bool:
        return states.get("annotated", 0) > before and states.get("stored", 0) > 0

    return _poll(_look(path, proc, log, under_way), "pages annotated", deadline)


def _gone(group: int) -> bool | None:
    """True once no live process (zombies aside) is left in the process group."""
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended while we looked
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            return None
    return True


def _status(url: str) -> dict[str, Any]:
    done = CliRunner().invoke(main, ["--db", url, "status", "--json"], catch_exceptions=False)
    assert done.exit_code == 0, done.output
    found: dict[str, Any] = json.loads(done.output)
    return found


def _knowledge(url: str, out: Path) -> list[str]:
    """The export's records, sorted, with an event's stories as a set: the export lists the
    copies of a story in the order their pages were stored (`fetched_at`, to the second),
    which differs between any two ingests of the same pages, killed or not."""
    args = ["--db", url, "export", "--format", "jsonl", str(out)]
    assert CliRunner().invoke(main, args, catch_exceptions=False).exit_code == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    for record in records:
        if record["type"] == "event":
            record["stories"] = sorted(record["stories"])
    return sorted(json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records)


def _disagreeing(url: str) -> list[tuple[str, str, str]]:
    """Jobs whose state is not what the data of their document says: (input, job, data)."""
    db = Database(url)
    try:
        with db.read() as conn:
            found = conn.execute(select(jobs.c.input, jobs.c.state, jobs.c.document_id)).all()
            said = [(i, s, document_state(conn, d).state) for i, s, d in found]
    finally:
        db.close()
    return [row for row in said if row[1] != row[2]]


def _rows(path: Path) -> dict[str, int]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


@pytest.mark.slow
def test_a_run_killed_while_annotating_is_finished_by_the_next_with_nothing_lost(
    tmp_path: Path,
) -> None:
    pages = _corpus(tmp_path / "pages")
    killed_db, fresh_db = tmp_path / "killed.db", tmp_path / "fresh.db"
    killed, fresh = f"sqlite:///{killed_db}", f"sqlite:///{fresh_db}"
    log = tmp_path / "killed.log"
    proc = _ingest(killed, tmp_path / "pages", log)
    try:
        seen = _midway(killed_db, proc, log, time.monotonic() + 600)
        os.killpg(proc.pid, signal.SIGKILL)
    finally:
        if proc.poll() is None:  # the test failed before the kill: leave no process behind
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
    _poll(lambda: _gone(proc.pid), "the killed run's workers to end", time.monotonic() + 60)
    assert sum(seen.values()) == pages and seen.get("queued", 0) == 0, seen
    left = _status(killed)
    assert left["last_run"]["ended_at"] is None and left["todo"] == "pressgraph annotate", left
    assert left["stories_left"] > 0 and left["jobs"]["stored"] > 0, (seen, left)
    assert left["jobs"]["annotated"] >= seen["annotated"], (seen, left)
    assert _disagreeing(killed) == []  # no job says more, or less, than the data
    stories = _rows(killed_db)["stories"]
    assert stories >= 40  # enough that two workers were started (nlp/workers.py)

    again = _ingest(killed, tmp_path / "pages", tmp_path / "again.log")
    _finished(again, tmp_path / "again.log")
    said = (tmp_path / "again.log").read_text(encoding="utf-8")
    assert f"stored: 0, duplicates: {pages}" in said, said
    # The stories left and no other (how many workers it starts depends on how many).
    assert re.search(rf"Stories annotated: {left['stories_left']}\b", said), said
    reference = _ingest(fresh, tmp_path / "pages", tmp_path / "fresh.log")
    _finished(reference, tmp_path / "fresh.log")
    assert "workers: 2" in (tmp_path / "fresh.log").read_text(encoding="utf-8")

    assert _rows(killed_db) == _rows(fresh_db)
    first = _knowledge(killed, tmp_path / "killed.jsonl")
    assert len(first) > 1000 and first == _knowledge(fresh, tmp_path / "fresh.jsonl")
    for url in (killed, fresh):
        done = _status(url)
        assert done["jobs"] == dict.fromkeys(("queued", "stored", "failed", "refused"), 0) | {
            "annotated": pages
        }
        assert done["todo"] is None and not done["resolve_pending"]
        assert done["stories_left"] == done["signatures_left"] == done["stories_failed"] == 0
        assert done["last_run"]["outcome"] == "done"
        assert done["summary"] == f"{pages} of {pages} pages annotated; nothing left to do."
