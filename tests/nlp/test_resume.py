"""Issue 11, failure 3: a rerun finishes what a killed run left: stories stored but not
annotated, annotations not resolved."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text

from pressgraph.flow import annotate as annotate_module
from pressgraph.settings import Settings
from pressgraph.store.annotations import clear_pending, mark_pending, pending_time, unfinished
from pressgraph.store.db import Database
from pressgraph.store.schema import annotated, entities, pending_stages, stories
from tests.conftest import EXAMPLES, SEED_000, Cli


def _count(db: Database, table: object) -> int:
    with db.read() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar() or 0)  # type: ignore[arg-type]


def test_ingest_again_annotates_what_a_killed_run_left(cli: Cli, db_url: str) -> None:
    """A kill before annotation (here: --no-annotate) left every story unannotated; ingesting
    the same pages again (all duplicates) annotates them."""
    assert cli("ingest", "--no-annotate", str(EXAMPLES)).exit_code == 0
    db = Database(db_url)
    assert _count(db, annotated) == 0 and unfinished(db)
    again = cli("ingest", str(EXAMPLES))
    assert again.exit_code == 0
    assert "stored: 0, duplicates: 2" in again.output
    assert "Stories annotated: 3 (and 1 press signature)" in again.output
    with db.read() as conn:
        originals = conn.execute(
            select(func.count()).select_from(stories).where(stories.c.duplicate_of.is_(None))
        ).scalar()
        signatures = conn.execute(text("SELECT count(*) FROM removed WHERE kind='signature'"))
        assert _count(db, annotated) == originals + signatures.scalar()
    assert _count(db, entities) > 0 and not unfinished(db)
    assert "Stories annotated" not in cli("ingest", str(EXAMPLES)).output  # nothing left


def test_a_run_killed_before_resolution_is_resolved_by_the_next(
    cli: Cli, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def killed(_db: Database, **_options: bool) -> None:
        raise KeyboardInterrupt  # what a kill between annotation and resolution leaves

    monkeypatch.setattr(annotate_module, "resolve_changes", killed)
    db = Database(db_url)
    cli("ingest", "--no-annotate", str(SEED_000))
    with pytest.raises(KeyboardInterrupt):
        annotate_module.annotate_stories(db, Settings(db_url=db_url))
    assert _count(db, annotated) == 1 and _count(db, entities) == 0
    assert _count(db, pending_stages) == 1 and unfinished(db)
    monkeypatch.undo()
    again = cli("ingest", str(SEED_000))
    assert "duplicates: 1" in again.output and "Stories annotated: 0," in again.output
    assert _count(db, entities) > 0 and _count(db, pending_stages) == 0


def test_a_resolution_clears_only_what_was_written_before_it_began(db: Database) -> None:
    """Another process annotating while this one resolves leaves "resolve" pending."""
    with db.begin() as conn:
        mark_pending(conn, "resolve")
    began = pending_time()
    with db.begin() as conn:  # written by another process during this resolution
        mark_pending(conn, "resolve")
    clear_pending(db, "resolve", began=began)
    assert _count(db, pending_stages) == 1
    clear_pending(db, "resolve", began=pending_time())
    assert _count(db, pending_stages) == 0
