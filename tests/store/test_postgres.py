"""The same store on PostgreSQL: migrations, the whole flow on the seeds, search's fallback.

Everything specific to one database lives in `store/db.py` (and the search backend); these
tests show that nothing else assumed SQLite.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from click.testing import CliRunner
from sqlalchemy import select, text

from pressgraph.cli import main
from pressgraph.errors import StoreError
from pressgraph.store import schema
from pressgraph.store.annotations import all_mentions, load_entities
from pressgraph.store.budget import Budget, QueryTimeoutError, active
from pressgraph.store.db import Database
from pressgraph.store.edge_parts import edge_sums
from pressgraph.store.migrations import MIGRATIONS
from pressgraph.store.queries import list_claims, list_events
from tests import databases
from tests.conftest import EXAMPLES
from tests.store.conftest import described_by_schema


def _ingest(url: str) -> Database:
    result = CliRunner().invoke(main, ["--db", url, "ingest", str(EXAMPLES)])
    assert result.exit_code == 0, result.output
    return Database(url)


@pytest.fixture(autouse=True)
def _close_connections() -> Iterator[None]:
    """Close every engine the test opened: an open PostgreSQL connection left to the garbage
    collector is a ResourceWarning, which the suite treats as an error."""
    with databases.closing_opened():
        yield


def test_migrations_make_the_same_tables_on_postgresql(pg_url: str) -> None:
    db = Database(pg_url)
    assert db.dialect == "postgresql"
    assert db.applied == [m.name for m in MIGRATIONS]
    with db.read() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": described_by_schema})
        assert compare_metadata(context, schema.metadata) == []
        assert conn.execute(text("SELECT count(*) FROM pg_indexes WHERE indexdef LIKE '%gin%'"))
    assert Database(pg_url).applied == []


def test_the_whole_flow_gives_the_same_knowledge_on_both_databases(
    pg_url: str, db_url: str
) -> None:
    pg, lite = _ingest(pg_url), _ingest(db_url)
    for db in (pg, lite):
        assert len(load_entities(db)) == len(load_entities(lite))
    assert {e.id for e in load_entities(pg)} == {e.id for e in load_entities(lite)}
    # row order may differ where the databases collate text differently; the facts may not
    assert sorted((m.story, m.mention.start, m.entity or "") for m in all_mentions(pg)) == sorted(
        (m.story, m.mention.start, m.entity or "") for m in all_mentions(lite)
    )
    assert sorted((e.id, e.participants) for e in list_events(pg)) == sorted(
        (e.id, e.participants) for e in list_events(lite)
    )
    assert [(c.low, c.unit, c.speaker) for c in list_claims(pg)] == [
        (c.low, c.unit, c.speaker) for c in list_claims(lite)
    ]
    assert _derived(pg) == _derived(lite)


def _derived(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """The sums resolution stores for the pages (store/derived.py), without row ids; the
    network's edges one row each (store/edge_parts.py), without their evidence."""
    wanted = {
        schema.entity_counts: list(schema.entity_counts.c),
        schema.event_members: list(schema.event_members.c),
        schema.posts: [c for c in schema.posts.c if c.name not in ("id", "evidence")],
    }
    with db.read() as conn:
        found = {
            table.name: sorted((tuple(r) for r in conn.execute(select(*columns))), key=repr)
            for table, columns in wanted.items()
        }
        found["network_edges"] = [row[:-1] for row in edge_sums(conn)]
        return found


SEARCHES = (
    "Semerikov",
    "semer*",
    "Sémerikov",
    "headline:Semerikov",
    '"joint staff" OR semer*',
    "CSTO NOT (Serbia OR Armenia)",
    "Counter-Terrorism agencies",
    "terrorism AND conference",
    "text:Secretariat OR headline:Conference",
)


def test_search_answers_the_same_stories_on_both_databases(pg_url: str, db_url: str) -> None:
    """Issue 10: PostgreSQL searches its tsvector column (GIN index) as SQLite searches FTS5."""
    from pressgraph.store.search import dates_of, search_stories

    pg, lite = _ingest(pg_url), _ingest(db_url)
    with pg.read() as conn:
        plan = conn.execute(
            text("EXPLAIN SELECT id FROM stories WHERE search_vector @@ 'csto'::tsquery")
        ).scalars()
        assert "search_vector" in " ".join(plan)
    for query in SEARCHES:
        found = [search_stories(db, query) for db in (pg, lite)]
        assert found[0].total == found[1].total > 0, query
        # ranked by ts_rank against bm25: the same stories, not always in the same order
        assert {h.story for h in found[0].hits} == {h.story for h in found[1].hits}, query
        assert dates_of(pg, query) == dates_of(lite, query), query
    first, same = (search_stories(db, "Semerikov").hits[0] for db in (pg, lite))
    assert first.headline == same.headline  # the headline marked as FTS5 marks it
    start, end = first.snippet.spans[0]
    assert first.snippet.text[start:end] == "Semerikov"


def test_a_query_over_its_budget_is_stopped_by_postgresql(pg_url: str) -> None:
    """Issue 11: statement_timeout ends a long query; a cancel request ends it at once."""
    db = Database(pg_url)
    for budget, match in ((Budget(0.3), "budget"), (Budget(60), "went away")):
        if budget.seconds == 60:
            threading.Timer(0.3, budget.cancel).start()
        token = active.set(budget)
        started = time.monotonic()
        try:
            with pytest.raises(QueryTimeoutError, match=match), db.read() as conn:
                conn.execute(text("SELECT pg_sleep(30)"))
        finally:
            active.reset(token)
        assert time.monotonic() - started < 10


def test_a_read_only_database_refuses_writes_on_postgresql(pg_url: str) -> None:
    Database(pg_url)  # migrated
    reader = Database(pg_url, read_only=True)
    with pytest.raises(StoreError, match="read-only"), reader.read() as conn:
        conn.execute(text("DELETE FROM refusals"))
