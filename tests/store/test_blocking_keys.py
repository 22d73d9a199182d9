"""Migration 17 (blocking keys) on an older database, and `pressgraph rebuild`."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, select, text

from pressgraph.store import schema
from pressgraph.store.db import Database
from tests.conftest import SEED_000, SEED_004, Cli
from tests.store.conftest import described_by_schema


def _entities(db: Database) -> list[tuple[str, str]]:
    with db.read() as conn:
        query = select(schema.entities.c.id, schema.entities.c.name).order_by(schema.entities.c.id)
        return [(r[0], r[1]) for r in conn.execute(query)]


def _unblocked(db: Database) -> int:
    with db.read() as conn:
        query = select(func.count()).where(schema.mentions.c.block.is_(None))
        return int(conn.execute(query).scalar_one())


def _pending(db: Database) -> set[str]:
    with db.read() as conn:
        return set(conn.execute(select(schema.pending_stages.c.stage)).scalars())


def test_an_older_database_gets_its_keys_by_one_full_resolution(db_url: str, cli: Cli) -> None:
    cli("ingest", str(SEED_000))
    db = Database(db_url)
    before = _entities(db)
    with db.begin() as conn:  # turn the database back into what migration 16 left
        conn.execute(text("DROP INDEX ix_mentions_block"))
        conn.execute(text("DROP INDEX ix_mentions_removed"))
        conn.execute(text("ALTER TABLE mentions DROP COLUMN block"))
        conn.execute(text("DROP INDEX ix_events_label"))
        conn.execute(text("ALTER TABLE events DROP COLUMN label"))
        conn.execute(text("DROP TABLE story_event_keys"))
        conn.execute(text("DELETE FROM schema_migrations WHERE id = 17"))
    db.close()
    upgraded = Database(db_url)
    assert upgraded.applied == ["blocking_keys"]
    with upgraded.read() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": described_by_schema})
        assert compare_metadata(context, schema.metadata) == []
    assert _pending(upgraded) == {"resolve", "rebuild"}
    assert _unblocked(upgraded) > 0
    result = cli("ingest", str(SEED_004))  # the flow falls back to a full resolution
    assert result.exit_code == 0, result.output
    assert _unblocked(upgraded) == 0 and _pending(upgraded) == set()
    assert set(before) <= set(_entities(upgraded))  # ids kept
    with upgraded.read() as conn:
        keys = conn.execute(select(func.count()).select_from(schema.story_event_keys))
        labels = conn.execute(select(func.count()).where(schema.events.c.label.is_(None)))
        assert keys.scalar_one() > 0 and labels.scalar_one() == 0


def test_rebuild_recomputes_the_same_knowledge_and_says_so(db_url: str, cli: Cli) -> None:
    cli("ingest", str(SEED_000), str(SEED_004))
    db = Database(db_url)
    before = _entities(db)
    result = cli("rebuild")
    assert result.exit_code == 0, result.output
    assert "Resolving entities..." in result.output
    assert "Rebuilt from" in result.output and "story events merged into" in result.output
    assert _entities(db) == before


def test_annotating_a_story_again_makes_the_next_resolution_a_full_one(
    db_url: str, cli: Cli
) -> None:
    cli("ingest", str(SEED_000))
    db = Database(db_url)
    before = _entities(db)
    cli("annotate", "--redo")
    assert _pending(db) == set() and _unblocked(db) == 0
    assert _entities(db) == before
