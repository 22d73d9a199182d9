"""Migration 9 adds the judgement tables to a database made before them, even one so old
that migration 6 sums its facts first; a new database has them at once."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text

from pressgraph.store import schema
from pressgraph.store.db import Database
from tests.conftest import SEED_004, Cli
from tests.store.conftest import described_by_schema

JUDGED = ("judgements", "judgement_results", "rejected_facts")
DERIVED = ("entity_stories", "entity_counts", "event_members", "posts", "network_edges")
INDEXES = (
    "ix_claims_speaker",
    "ix_claims_subject",
    "ix_claims_authority",
    "ix_relations_source",
    "ix_relations_target",
    "ix_mentions_story",
)


def test_a_new_database_has_the_judgement_tables(db: Database) -> None:
    with db.read() as conn:
        assert set(JUDGED) <= set(inspect(conn).get_table_names())


def test_a_database_older_than_the_derived_tables_gets_both(db_url: str, cli: Cli) -> None:
    assert cli("ingest", str(SEED_004)).exit_code == 0
    db = Database(db_url)
    with db.begin() as conn:  # what migration 5 left: no derived tables, no judgements
        for name in (*DERIVED, *JUDGED):
            conn.execute(text(f"DROP TABLE {name}"))
        for index in INDEXES:
            conn.execute(text(f"DROP INDEX {index}"))
        conn.execute(text("CREATE INDEX ix_mentions_story ON mentions (story_id)"))
        conn.execute(text("DELETE FROM schema_migrations WHERE id IN (6, 9)"))
    db.close()
    upgraded = Database(db_url)
    assert upgraded.applied == ["derived", "judgements"]
    with upgraded.read() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": described_by_schema})
        assert compare_metadata(context, schema.metadata) == []
        assert conn.execute(text("SELECT count(*) FROM posts")).scalar()
    upgraded.close()
