"""`pressgraph remove DOCUMENT...`: a document and everything derived from it go; entities
left without mentions go too; a copy elsewhere of a removed story takes its place."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, select, text

from pressgraph.store import schema
from pressgraph.store.db import Database
from pressgraph.store.documents import document_ids, iter_documents, list_stories
from pressgraph.store.search import search_stories
from tests.conftest import SEED_000, SEED_004, Cli
from tests.store.conftest import described_by_schema

PER_STORY = (
    schema.mentions,
    schema.roles,
    schema.story_events,
    schema.statements,
    schema.claims,
    schema.relations,
    schema.entity_stories,
)


def _rows(db: Database, table: schema.Table, story_ids: set[str]) -> int:
    with db.read() as conn:
        return int(
            conn.execute(
                select(func.count()).select_from(table).where(table.c.story_id.in_(story_ids))
            ).scalar()
            or 0
        )


def test_remove_deletes_a_document_and_all_it_gave(cli: Cli, db_url: str) -> None:
    assert cli("ingest", str(SEED_000), str(SEED_004)).exit_code == 0
    db = Database(db_url)
    gone = next(
        d for d in document_ids(db) if any("Moscow hosted" in s.text for s in list_stories(db, d))
    )
    stories = {s.id for s in list_stories(db, gone)}
    assert all(_rows(db, t, stories) for t in (schema.mentions, schema.statements))
    with db.read() as conn:
        pankin = conn.execute(text("SELECT count(*) FROM entities WHERE name LIKE '%Pankin%'"))
        assert pankin.scalar() == 1  # only seed 000 names him
    result = cli("remove", gone[:8])
    assert result.exit_code == 0, result.output
    assert f"Removed 1 documents ({gone}), 1 stories" in result.output
    assert gone not in document_ids(db)
    assert all(_rows(db, t, stories) == 0 for t in PER_STORY)
    left = {
        "SELECT count(*) FROM removed WHERE document_id = :d": 0,
        "SELECT count(*) FROM annotated WHERE target LIKE :d || '%'": 0,
        "SELECT count(*) FROM entities WHERE name LIKE '%Pankin%'": 0,
        "SELECT count(*) FROM pending_stages": 0,
    }
    with db.read() as conn:
        assert {q: conn.execute(text(q), {"d": gone}).scalar() for q in left} == left
    assert search_stories(db, "Pankin").total == 0  # the search index forgot the story
    assert "Semerikov" in cli("show", "Semerikov").output  # seed 004's facts stay


def test_a_copy_of_a_removed_story_becomes_the_first_and_is_annotated(
    cli: Cli, db_url: str, tmp_path: Path
) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_text(
        SEED_000.read_text(encoding="utf-8") + "\n\nReference 7 of the archive.\n", encoding="utf-8"
    )
    assert cli("ingest", str(SEED_000)).exit_code == 0
    assert cli("ingest", "--no-annotate", str(copy)).exit_code == 0
    db = Database(db_url)
    (first,) = [d.id for d in iter_documents(db) if d.source == str(SEED_000.resolve())]
    result = cli("remove", first)
    assert result.exit_code == 0 and "Stories annotated: 1," in result.output
    (left,) = [s for s in list_stories(db) if "Moscow hosted" in s.text]
    assert left.duplicate_of is None
    assert "Alexander Pankin" in cli("show", "Pankin").output


def test_an_unknown_document_is_a_clear_error(cli: Cli) -> None:
    result = cli("remove", "feedbeef")
    assert result.exit_code == 3
    assert "no document with id 'feedbeef'; run `pressgraph stories`" in result.output


def test_migration_8_brings_an_older_database_to_the_schema(cli: Cli, db_url: str) -> None:
    cli("ingest", str(SEED_004))
    db = Database(db_url)
    with db.begin() as conn:  # what migration 7 left
        conn.execute(text("DROP TABLE annotation_errors"))
        conn.execute(text("DROP TABLE pending_stages"))
        conn.execute(text("DELETE FROM schema_migrations WHERE id = 8"))
    db.close()
    upgraded = Database(db_url)
    assert upgraded.applied == ["annotation_errors"]
    with upgraded.read() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": described_by_schema})
        assert compare_metadata(context, schema.metadata) == []
        assert conn.execute(text("SELECT stage FROM pending_stages")).scalars().all() == ["resolve"]
