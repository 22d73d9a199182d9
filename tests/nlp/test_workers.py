"""Annotation in worker processes (issue 10, every core): the worker stays pure, a failure in
one story inside a worker is recorded while the rest are stored, and a worker that dies loses
nothing: the stories it never returned stay unannotated for the next run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import func, select

from pressgraph.cli import main
from pressgraph.flow.annotate import annotate_stories
from pressgraph.flow.ingest import ingest
from pressgraph.ingest.sources import expand
from pressgraph.nlp import workers
from pressgraph.nlp.pipeline import build_pipeline
from pressgraph.nlp.workers import Chunk, Found, annotate_chunk, chunked, workers_for
from pressgraph.settings import Settings
from pressgraph.store.annotations import list_failures, stories_to_annotate, unfinished
from pressgraph.store.db import Database
from pressgraph.store.schema import annotated, mentions
from tests import databases
from tests.conftest import EXAMPLES
from tests.modules import loaded_by

KABOOM = "On June 1, 2021, Kaboom met the CSTO Secretary General in Minsk.\n"


def _claims_trip(model: str, chunk: Chunk) -> list[Found]:
    """Run in a worker: the claims component fails on a story that says Kaboom."""
    claims = build_pipeline(model).get_pipe("pressgraph_claims")
    kind = type(claims)
    real = kind.__call__

    def failing(self: object, doc: object) -> object:
        if "Kaboom" in str(doc):
            raise RuntimeError("the claims finder tripped over Kaboom")
        return real(self, doc)  # type: ignore[arg-type]

    kind.__call__ = failing  # type: ignore[method-assign]
    try:
        return annotate_chunk(model, chunk)
    finally:
        kind.__call__ = real  # type: ignore[method-assign]


def _dies_on_kaboom(model: str, chunk: Chunk) -> list[Found]:
    """Run in a worker: the process dies (as if killed) on a story that says Kaboom."""
    if any("Kaboom" in text for _, text, _, _ in chunk):
        os._exit(70)
    return annotate_chunk(model, chunk)


@pytest.fixture
def seeded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Database, Settings]:
    """examples/ and the Kaboom page stored, not annotated; any few stories get two workers."""
    monkeypatch.setattr(workers, "PER_WORKER", 1)
    page = tmp_path / "kaboom.txt"
    page.write_text(KABOOM, encoding="utf-8")
    url = databases.fresh_url(tmp_path, "w.db")
    db, settings = Database(url), Settings(db_url=url)
    assert ingest(db, expand([str(EXAMPLES), str(page)]), settings).stored == 3
    return db, settings


def _count(db: Database, table: object) -> int:
    with db.read() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar() or 0)  # type: ignore[arg-type]


def test_the_worker_imports_nothing_of_the_store() -> None:
    assert loaded_by("pressgraph.nlp.workers", ("pressgraph.store", "sqlalchemy")) == []


def test_the_parent_of_the_workers_does_not_import_spacy() -> None:
    # the forkserver imports it for the workers (nlp/task.py); the parent only sends stories
    parent = "pressgraph.flow.annotate, pressgraph.cli"
    assert loaded_by(parent, ("spacy", "thinc")) == []
    assert "spacy" in loaded_by("pressgraph.nlp.task", ("spacy",))  # the check sees it


def test_chunks_are_small_when_stories_are_few_and_workers_need_enough() -> None:
    stories = [(f"s{i}", "text", None, {}) for i in range(100)]
    assert [len(c) for c in chunked(stories, 2)] == [7] * 14 + [2]
    assert [len(c) for c in chunked(stories * 10, 2)] == [32] * 31 + [8]
    assert [s for c in chunked(stories, 3) for s in c] == stories
    assert workers_for(0, 4) == 1 and workers_for(40, 4) == 2 and workers_for(400, 4) == 4


@pytest.mark.slow
def test_a_failure_inside_a_worker_is_recorded_and_the_rest_are_stored(
    seeded: tuple[Database, Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, settings = seeded
    monkeypatch.setattr(workers, "annotate_chunk", _claims_trip)
    done = annotate_stories(db, settings, workers=2)
    assert done.workers == 2 and done.lost == ()
    ((failure),) = done.failed
    assert failure.stage == "pressgraph_claims"
    assert failure.message == "RuntimeError: the claims finder tripped over Kaboom"
    assert [f for _at, f in list_failures(db)] == [failure]
    assert done.stories == 3 and done.signatures == 1  # examples/: 3 stories, 1 signature
    assert _count(db, annotated) == 4 and not unfinished(db)


@pytest.mark.slow
def test_a_worker_that_dies_loses_no_story(
    seeded: tuple[Database, Settings], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, settings = seeded
    todo = {s.id for s in stories_to_annotate(db)}
    kaboom = next(s.id for s in stories_to_annotate(db) if "Kaboom" in s.text)
    monkeypatch.setattr(workers, "annotate_chunk", _dies_on_kaboom)
    args = ["--db", settings.db_url, "annotate", "--workers", "2"]
    done = CliRunner().invoke(main, args, catch_exceptions=False)
    assert done.exit_code == 0, done.output
    said = [line.split()[3].rstrip(":") for line in done.output.splitlines()
            if line.startswith("not annotated [worker] ")]  # fmt: skip
    lost = set(said)
    assert kaboom in lost and len(said) == len(lost)
    assert f"left for the next run: {len(lost)}, mentions:" in done.output
    assert "run `pressgraph annotate` to finish the job" in done.output
    assert list_failures(db) == []  # not a failure: the next run tries them
    with db.read() as conn:
        stored = set(conn.execute(select(annotated.c.target)).scalars())
        ids = set(conn.execute(select(mentions.c.story_id)).scalars())
    assert stored | lost == todo and not stored & lost
    assert not ids & lost  # never half a story: no mention of a story not returned
    assert unfinished(db)
    monkeypatch.undo()
    again = annotate_stories(db, settings, workers=1)
    assert again.stories + again.signatures == len(lost) and again.failed == ()
    assert _count(db, annotated) == len(todo) and not unfinished(db)
