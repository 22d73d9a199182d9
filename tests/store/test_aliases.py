"""Migration 13 adds the aliases and the mentions' cluster ids to a database made before
them: the entities merge judgements folded away become aliases at once, and the next pages
keep the ids the database had. The alias rewrite follows chains; all of it on PostgreSQL too."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from click.testing import CliRunner
from sqlalchemy import text

from pressgraph.cli import main
from pressgraph.store import schema
from pressgraph.store.aliases import Alias, read_aliases, updated_aliases
from pressgraph.store.annotations import load_entities
from pressgraph.store.db import Database
from pressgraph.store.entities import find_entity
from pressgraph.store.judgements import list_judgements
from tests.conftest import Cli
from tests.resolve.test_identity import PETROV, VOLKOV
from tests.store.conftest import described_by_schema


def _back_to_migration_12(db_url: str) -> None:
    """Turn the database back into what migration 12 left."""
    db = Database(db_url)
    with db.begin() as conn:
        conn.execute(text("DROP TABLE entity_aliases"))
        conn.execute(text("ALTER TABLE mentions DROP COLUMN cluster_id"))
        conn.execute(text("DELETE FROM schema_migrations WHERE id = 13"))
    db.close()


def _upgraded(db_url: str) -> Database:
    upgraded = Database(db_url)
    assert upgraded.applied == ["entity_aliases"]
    with upgraded.read() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": described_by_schema})
        assert compare_metadata(context, schema.metadata) == []
    return upgraded


def test_an_older_database_keeps_its_ids_as_pages_arrive(db_url: str, cli: Cli) -> None:
    cli("ingest", str(PETROV[0]))
    _back_to_migration_12(db_url)
    upgraded = _upgraded(db_url)
    with upgraded.read() as conn:
        clusters = conn.execute(
            text("SELECT DISTINCT cluster_id FROM mentions WHERE kind = 'person'")
        )
        assert clusters.scalars().all() == ["person:ivan-petrov"]
    upgraded.close()
    cli("ingest", str(PETROV[1]))
    names = {e.id: e.name for e in load_entities(Database(db_url)) if e.kind == "person"}
    assert names == {"person:ivan-petrov": "Ivan Sergeyevich Petrov"}


def test_an_older_judged_database_redirects_its_merges_at_once(db_url: str, cli: Cli) -> None:
    cli("ingest", str(VOLKOV[0]), str(VOLKOV[1]))
    cli("judge", "merge", "person:volkov", "person:a-volkov", "--why", "same man")
    _back_to_migration_12(db_url)
    upgraded = _upgraded(db_url)
    with upgraded.read() as conn:
        assert read_aliases(conn)["person:volkov"].entity_id == "person:a-volkov"
        # A merge judgement moved links: they are no cluster's vote.
        assert not conn.execute(text("SELECT count(cluster_id) FROM mentions")).scalar()
    upgraded.close()
    cli("annotate")  # resolution makes the ids a new database would, and the merge applies
    assert [j.status for j in list_judgements(Database(db_url))] == ["applied"]
    kept = {e.id for e in load_entities(Database(db_url)) if e.kind == "person"}
    assert kept == {"person:a-volkov"}


def test_aliases_pointing_at_a_moved_id_are_pointed_on() -> None:
    stored = {
        "p:a": Alias("p:a", "p:b", "merged", "2026-01-01T00:00:00+00:00"),
        "p:c": Alias("p:c", "p:d", "renamed", "2026-01-01T00:00:00+00:00"),
        "p:e": Alias("p:e", "p:f", "merged", "2026-01-01T00:00:00+00:00"),
    }
    moved = {"p:b": Alias("p:b", "p:g", "merged", "2026-02-01T00:00:00+00:00")}
    found = updated_aliases(stored, moved, ["p:g", "p:d", "p:e"])
    assert {old: a.entity_id for old, a in found.items()} == {
        "p:a": "p:g",  # chained through p:b
        "p:b": "p:g",
        "p:c": "p:d",
    }  # p:e is an entity again: no alias
    assert found["p:a"].created == "2026-01-01T00:00:00+00:00"


@pytest.mark.slow
def test_ids_stay_and_merges_leave_aliases_on_postgresql(pg_url: str) -> None:
    for page in VOLKOV:
        result = CliRunner().invoke(main, ["--db", pg_url, "ingest", str(page)])
        assert result.exit_code == 0, result.output
    db = Database(pg_url)
    try:
        assert {e.id for e in load_entities(db) if e.kind == "person"} == {"person:a-volkov"}
        with db.read() as conn:
            found = read_aliases(conn)
        assert {old: (a.entity_id, a.reason) for old, a in found.items()} == {
            "person:volkov": ("person:a-volkov", "merged")
        }
        assert find_entity(db, "person:volkov").id == "person:a-volkov"
    finally:
        db.close()
