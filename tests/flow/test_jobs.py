"""Issue 10, the job table: every page of an ingest run is queued, stored, annotated, failed
(at a stage, why) or refused (why), moved in the transactions that write the data; runs are
recorded with their start and end; `pressgraph status` shows it all and what finishes it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select, text

from pressgraph.flow.ingest import job_key
from pressgraph.nlp.pipeline import build_pipeline
from pressgraph.settings import DEFAULT_MODEL
from pressgraph.store import schema
from pressgraph.store.db import Database
from pressgraph.store.jobs import queue_inputs, start_run
from tests.conftest import PAGES, SEED_000, SEED_004, Cli
from tests.store.conftest import described_by_schema

KABOOM = "On June 1, 2021, Kaboom met the CSTO Secretary General in Minsk.\n"


def _jobs(db: Database) -> dict[tuple[str, int], dict[str, Any]]:
    """Every job by (file name, page)."""
    with db.read() as conn:
        rows = conn.execute(select(schema.jobs)).mappings().all()
    return {(Path(r["input"]).name, r["page"]): dict(r) for r in rows}


def _states(db: Database) -> dict[tuple[str, int], str]:
    return {key: row["state"] for key, row in _jobs(db).items()}


def _status(cli: Cli) -> dict[str, Any]:
    done = cli("status", "--json")
    assert done.exit_code == 0, done.output
    found: dict[str, Any] = json.loads(done.output)
    return found


def test_a_database_before_jobs_gets_the_tables_and_shows_what_is_left(
    cli: Cli, db_url: str
) -> None:
    assert cli("ingest", "--no-annotate", str(SEED_004)).exit_code == 0
    db = Database(db_url)
    with db.begin() as conn:  # turn the database back into what migration 14 left
        conn.execute(text("DROP TABLE jobs"))
        conn.execute(text("DROP TABLE runs"))
        conn.execute(text("DELETE FROM schema_migrations WHERE id = 15"))
    db.close()
    upgraded = Database(db_url)
    assert upgraded.applied == ["jobs"]
    with upgraded.read() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": described_by_schema})
        assert compare_metadata(context, schema.metadata) == []
    shown = cli("status").output.splitlines()
    assert shown[0] == "Last run:  none yet (run `pressgraph ingest PATH...`)"
    assert shown[-1] == (
        "0 of 0 pages annotated; run `pressgraph annotate` to finish 2 stories "
        "(and 1 press signature)."
    )


def test_the_pages_of_a_jsonl_file_are_jobs_of_their_own(cli: Cli, db: Database) -> None:
    cli("ingest", "--no-annotate", str(PAGES / "pages.jsonl"))
    jobs = _jobs(db)
    assert {k: j["state"] for k, j in jobs.items()} == {
        ("pages.jsonl", 0): "stored",
        ("pages.jsonl", 1): "stored",
        ("pages.jsonl", 2): "refused",
        ("pages.jsonl", 3): "refused",
        ("pages.jsonl", 4): "refused",
    }
    bad = jobs[("pages.jsonl", 2)]
    assert bad["stage"] == "bad_record" and bad["source"].endswith("pages.jsonl#L3")
    assert "not valid JSON" in bad["reason"] and bad["document_id"] is None
    assert all(j["input"] == job_key(str(PAGES / "pages.jsonl")) for j in jobs.values())
    shown = cli("status").output
    assert "Pages:     0 queued, 2 stored, 0 annotated, 0 failed, 3 refused\n" in shown
    assert "refused   [bad_record] " in shown and "#L3: not valid JSON" in shown


def test_a_run_that_did_not_end_and_inputs_it_never_read_are_shown(
    cli: Cli, db: Database, tmp_path: Path
) -> None:
    page = tmp_path / "page.txt"
    shutil.copy(SEED_004, page)
    run = start_run(db, "ingest", 1)  # what a run killed before reading its input leaves
    queue_inputs(db, run, [job_key(str(page))])
    status = _status(cli)
    assert status["jobs"]["queued"] == 1 and status["last_run"]["ended_at"] is None
    assert status["todo"] == f"pressgraph ingest {page}"
    shown = cli("status").output.splitlines()
    assert shown[0].endswith(f"did not end: still running (pid {run_pid(db)}) or killed")
    assert shown[-1] == (
        f"0 of 1 pages annotated; 1 never read: run `pressgraph ingest {page}` to read them again."
    )
    assert cli("ingest", "--no-annotate", str(page)).exit_code == 0  # the same input again
    assert _states(db) == {("page.txt", 0): "stored"}
    status = _status(cli)
    assert status["last_run"]["outcome"] == "done" and status["todo"] == "pressgraph annotate"


def run_pid(db: Database) -> int:
    with db.read() as conn:
        return int(conn.execute(select(schema.runs.c.pid)).scalar_one())


@pytest.mark.slow
def test_jobs_move_from_queued_to_annotated_with_duplicates_and_refusals(
    cli: Cli, db: Database, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED_000, folder / "a.txt")
    shutil.copy(SEED_004, folder / "b.txt")
    shutil.copy(SEED_000, folder / "c_copy.txt")  # the same page under another name
    (folder / "d_empty.txt").write_text("\n", encoding="utf-8")
    assert cli("ingest", "--no-annotate", str(folder)).exit_code == 0
    assert _states(db) == {
        ("a.txt", 0): "stored",
        ("b.txt", 0): "stored",
        ("c_copy.txt", 0): "stored",
        ("d_empty.txt", 0): "refused",
    }
    jobs = _jobs(db)
    assert jobs[("c_copy.txt", 0)]["duplicate"] and not jobs[("a.txt", 0)]["duplicate"]
    assert jobs[("c_copy.txt", 0)]["document_id"] == jobs[("a.txt", 0)]["document_id"]
    assert jobs[("d_empty.txt", 0)]["stage"] == "empty"
    left = _status(cli)
    assert left["stories_left"] == 3 and left["signatures_left"] == 1
    assert left["todo"] == "pressgraph annotate" and left["duplicates"] == 1
    assert left["summary"].endswith(
        "run `pressgraph annotate` to finish 3 stories (and 1 press signature)."
    )
    assert cli("annotate", "--workers", "1").exit_code == 0
    assert set(_states(db).values()) == {"annotated", "refused"}
    done = _status(cli)
    assert done["todo"] is None and not done["resolve_pending"]
    assert done["last_run"]["command"] == "annotate" and done["last_run"]["outcome"] == "done"
    assert done["summary"] == (
        "3 of 4 pages annotated, 1 failed or refused (see `pressgraph errors`); nothing left to do."
    )
    removed = cli("remove", jobs[("a.txt", 0)]["document_id"])
    assert removed.exit_code == 0, removed.output
    assert _states(db) == {("b.txt", 0): "annotated", ("d_empty.txt", 0): "refused"}


@pytest.mark.slow
def test_a_story_that_fails_fails_its_page_and_retry_annotates_it(
    cli: Cli, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "kaboom.txt").write_text(KABOOM, encoding="utf-8")
    claims = type(build_pipeline(DEFAULT_MODEL).get_pipe("pressgraph_claims"))
    real = claims.__call__

    def failing(self: object, doc: object) -> object:
        if "Kaboom" in str(doc):
            raise RuntimeError("the claims finder tripped over Kaboom")
        return real(self, doc)  # type: ignore[arg-type]

    monkeypatch.setattr(claims, "__call__", failing)
    first = cli("ingest", "--workers", "1", str(tmp_path / "kaboom.txt"), str(SEED_004))
    assert "not annotated: 1" in first.output
    jobs = _jobs(db)
    assert jobs[("kaboom.txt", 0)]["state"] == "failed"
    assert jobs[("kaboom.txt", 0)]["stage"] == "annotate:pressgraph_claims"
    assert jobs[("kaboom.txt", 0)]["reason"].endswith(
        ": RuntimeError: the claims finder tripped over Kaboom"
    )
    assert jobs[(SEED_004.name, 0)]["state"] == "annotated"
    shown = cli("status").output.splitlines()
    assert any(
        line.startswith("failed    [annotate:pressgraph_claims] ") and "tripped over Kaboom" in line
        for line in shown
    )
    assert "1 not annotated (failed)" in shown[2]
    assert shown[-1] == (
        "1 of 2 pages annotated, 1 failed or refused (see `pressgraph errors`); nothing left to do."
    )
    monkeypatch.undo()
    assert cli("annotate", "--retry", "--workers", "1").exit_code == 0
    assert _states(db) == {("kaboom.txt", 0): "annotated", (SEED_004.name, 0): "annotated"}
    assert _status(cli)["summary"] == "2 of 2 pages annotated; nothing left to do."
