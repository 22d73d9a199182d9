"""Named, recorded schema migrations.

A new database gets the current tables at once and every migration recorded as applied
(the "create all, then stamp" way Alembic recommends); objects that are not tables of
`schema.metadata` (a full-text index, triggers) are made by a migration's `on_create`, which
runs for a new database too. An existing database runs the
migrations it has not recorded yet, in order, each in its own transaction. A migration
changes tables only through Alembic's `Operations`, so it runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from sqlalchemy import Column, Connection, String, Text, inspect, select, update
from sqlalchemy import text as sql_text

from pressgraph.clean.page import page_line_keys
from pressgraph.clean.text import story_hash
from pressgraph.records import Page
from pressgraph.store import (
    aliases,
    derived,
    places,
    schema,
    search,
    search_pg,
    sitelines,
    spellings,
    waiting,
)

if TYPE_CHECKING:  # Alembic is imported only when a database has migrations to run (0.1 s)
    from alembic.operations import Operations


@dataclass(frozen=True)
class Migration:
    """One schema change: a number, a name, and the function that applies it."""

    id: int
    name: str
    upgrade: Callable[[Operations, Connection], None]
    on_create: Callable[[Connection], None] | None = None


def _initial(op: Operations, conn: Connection) -> None:
    """Documents, stories, removed furniture and refused inputs (issue 2)."""
    tables = [schema.documents, schema.stories, schema.removed, schema.refusals]
    schema.metadata.create_all(conn, tables=tables)


def _story_search(op: Operations, conn: Connection) -> None:
    """Full-text index over stories, kept in sync by triggers (issue 5); SQLite only."""
    search.create_index(conn)
    search.fill_index(conn)


def _entities(op: Operations, conn: Connection) -> None:
    """Mentions, posts held and entities (issue 3)."""
    schema.metadata.create_all(
        conn, tables=[schema.mentions, schema.roles, schema.entities, schema.annotated]
    )


def _story_duplicates(op: Operations, conn: Connection) -> None:
    """Story text hashes and links from a repeated story to its first copy (issue 2)."""
    op.add_column("stories", Column("text_hash", String(64)))
    op.add_column("stories", Column("duplicate_of", String(24)))
    op.create_index("ix_stories_text_hash", "stories", ["text_hash"])
    first: dict[str, str] = {}
    stories, documents = schema.stories, schema.documents
    rows = conn.execute(
        select(stories.c.id, stories.c.text)
        .join(documents, documents.c.id == stories.c.document_id)
        .order_by(documents.c.fetched_at, documents.c.id, stories.c.idx)
    ).all()
    for story_id, text in rows:
        digest = story_hash(text)
        original = first.setdefault(digest, story_id)
        duplicate_of = None if original == story_id else original
        conn.execute(
            update(stories)
            .where(stories.c.id == story_id)
            .values(text_hash=digest, duplicate_of=duplicate_of)
        )


def _facts(op: Operations, conn: Connection) -> None:
    """Events, statements, numeric claims and relations (issue 4)."""
    tables = [
        schema.story_events,
        schema.story_event_parts,
        schema.events,
        schema.statements,
        schema.claims,
        schema.relations,
    ]
    schema.metadata.create_all(conn, tables=tables)


_ENTITY_COLUMNS = (
    ("claims", "speaker_id"),
    ("claims", "subject_id"),
    ("claims", "authority_id"),
    ("relations", "source_id"),
    ("relations", "target_id"),
)


def _derived(op: Operations, conn: Connection) -> None:
    """Sums of the facts that pages read (issue 5): entity stories and counts, event
    members, posts held, network edges; filled from the facts already stored. Mentions are
    indexed by (story, index), the key facts point at them by; claims and relations by the
    entities they involve."""
    op.drop_index("ix_mentions_story", table_name="mentions")
    op.create_index("ix_mentions_story", "mentions", ["story_id", "idx"])
    for table, column in _ENTITY_COLUMNS:
        op.create_index(f"ix_{table}_{column.removesuffix('_id')}", table, [column])
    tables = [
        schema.entity_stories,
        schema.entity_counts,
        schema.event_members,
        schema.posts,
        schema.network_edges,
    ]
    schema.metadata.create_all(conn, tables=tables)
    derived.refresh(conn)


def _site_lines(op: Operations, conn: Connection) -> None:
    """Lines counted per site (issue 9): a line on most pages of a host is furniture there.
    Filled from the stored pages that have a web address."""
    schema.metadata.create_all(conn, tables=[schema.site_pages, schema.site_lines])
    docs = schema.documents
    rows = conn.execute(
        select(docs.c.url, docs.c.source, docs.c.text).order_by(docs.c.fetched_at, docs.c.id)
    ).all()
    for url, source, text in rows:
        host = sitelines.host_of(Page(source, "", "", "text", url=url))
        if host is not None:
            sitelines.count_page(conn, host, page_line_keys(text))


def _annotation_errors(op: Operations, conn: Connection) -> None:
    """Stories the annotation stage could not annotate, and stages a run left unfinished
    (issue 11). A database that has annotations is marked for one more resolution, which
    costs one run and finishes whatever a killed run may have left."""
    schema.metadata.create_all(conn, tables=[schema.annotation_errors, schema.pending_stages])
    if conn.execute(select(schema.annotated.c.target).limit(1)).first() is not None:
        conn.execute(schema.pending_stages.insert().values(stage="resolve", since=_now()))


def _judgements(op: Operations, conn: Connection) -> None:
    """Judgements made by people, how each fared, and the facts they reject (issue 12)."""
    tables = [schema.judgements, schema.judgement_results, schema.rejected_facts]
    schema.metadata.create_all(conn, tables=tables)


def _places(op: Operations, conn: Connection) -> None:
    """Places and countries with coordinates, for the map (issue 13): geocoded offline from
    the entities and the countries their stories mention."""
    schema.metadata.create_all(conn, tables=[schema.places])
    places.refresh_places(conn)


def _document_paths(op: Operations, conn: Connection) -> None:
    """A local file's path as shown, relative to what was ingested (issue 13). For the files
    stored before, relative to the folder that holds them all (its name kept). Documents
    indexed by when they were stored and published, for the documents page."""
    op.add_column("documents", Column("path", Text))
    op.create_index("ix_documents_fetched", "documents", ["fetched_at"])
    op.create_index("ix_documents_published", "documents", ["published"])
    docs = schema.documents
    rows = conn.execute(select(docs.c.id, docs.c.source, docs.c.url)).all()
    local = {i: s for i, s, url in rows if not url and s.startswith("/")}
    for doc_id, shown in shown_paths(local).items():
        conn.execute(update(docs).where(docs.c.id == doc_id).values(path=shown))


def shown_paths(sources: dict[str, str]) -> dict[str, str]:
    """Id -> path relative to the parent of the folder all the files share."""
    if not sources:
        return {}
    folders = [PurePosixPath(s).parent for s in sources.values()]
    common = PurePosixPath(os.path.commonpath([str(f) for f in folders]))
    base = common.parent
    return {i: str(PurePosixPath(s).relative_to(base)) for i, s in sources.items()}


def _claim_dates(op: Operations, conn: Connection) -> None:
    """Claims indexed by date, and by unit and date: the claims page's filters and counts
    (issue 13)."""
    op.create_index("ix_claims_date", "claims", ["date"])
    op.create_index("ix_claims_unit_date", "claims", ["unit", "date"])


def _entity_aliases(op: Operations, conn: Connection) -> None:
    """Stable entity ids (issue 10): the id each mention's cluster had, which resolution
    keeps when more documents arrive, and the aliases old ids redirect by; the entities
    merge judgements folded away become aliases at once. A mention's link is its cluster's
    id unless a merge or split judgement may have moved it: then the cluster ids stay empty
    and the next resolution makes ids as before (the judgements name those ids)."""
    op.add_column("mentions", Column("cluster_id", String(96)))
    schema.metadata.create_all(conn, tables=[schema.entity_aliases])
    judged = select(schema.judgements.c.id).where(
        schema.judgements.c.action.in_(("merge", "split"))
    )
    if conn.execute(judged.limit(1)).first() is None:
        mentions = schema.mentions
        conn.execute(update(mentions).values(cluster_id=mentions.c.entity_id))
    aliases.seed_from_merges(conn)


def _story_search_postgres(op: Operations, conn: Connection) -> None:
    """Full-text search on PostgreSQL (issue 10): a generated tsvector column of stories with
    a GIN index; the stories already stored are indexed as the column is added. A no-op on
    SQLite, whose FTS5 index migration 2 made."""
    search_pg.create_index(conn)


def _jobs(op: Operations, conn: Connection) -> None:
    """Runs and the state of every input of an ingest run (issue 10): queued, stored,
    annotated, failed or refused. Pages stored before have no job: `status` reads what is
    left of them from the store itself."""
    schema.metadata.create_all(conn, tables=[schema.runs, schema.jobs])


def _event_sources(op: Operations, conn: Connection) -> None:
    """Story-event links indexed by event and story: an event's sources counted from the
    index alone (the events page sorted by sources: 40 -> 20 ms on 13,336 events)."""
    op.drop_index("ix_story_events_event", table_name="story_events")
    op.create_index("ix_story_events_event", "story_events", ["event_id", "story_id"])


def _blocking_keys(op: Operations, conn: Connection) -> None:
    """Incremental resolution (issue 10): each mention's blocking key, each story event's
    merge keys and each event's label, indexed, so a new batch reads only the stored rows
    that share a key with it. They are filled by one full resolution, which a database with
    annotations is marked for (the "rebuild" pending stage): the next `annotate`, `ingest`
    or `rebuild` runs it."""
    op.add_column("mentions", Column("block", Text))
    op.create_index("ix_mentions_block", "mentions", ["block", "text"])
    op.create_index("ix_mentions_removed", "mentions", ["removed_id", "idx"])
    op.add_column("events", Column("label", Text))
    op.create_index("ix_events_label", "events", ["label"])
    schema.metadata.create_all(conn, tables=[schema.story_event_keys])
    if conn.execute(select(schema.annotated.c.target).limit(1)).first() is not None:
        for stage in ("resolve", "rebuild"):
            conn.execute(schema.pending_stages.insert().values(stage=stage, since=_now()))


def _edge_pairs(op: Operations, conn: Connection) -> None:
    """The network's edges found by their pair, and entities by their parent: a batch's
    events update the stored edges they touch instead of every edge of a month being summed
    again (issue 10, store/edge_update.py)."""
    op.create_index(
        "ix_network_edges_pair", "network_edges", ["source", "target", "kind", "month", "bodies"]
    )
    op.create_index("ix_entities_parent", "entities", ["parent_id"])


def _place_countries(op: Operations, conn: Connection) -> None:
    """The stories mentioning each place with each country, kept as stories come and go: a
    batch geocodes its places from these counts instead of reading every story of its
    places again (issue 10)."""
    schema.metadata.create_all(conn, tables=[schema.place_countries])
    places.fill_place_countries(conn)


def _role_signatures(op: Operations, conn: Connection) -> None:
    """Posts found in a press signature indexed by the signature: storing a signature's
    annotations deleted its earlier posts by scanning every post of the database, a cost
    that grew with it (issue 10)."""
    op.create_index("ix_roles_removed", "roles", ["removed_id"])


def _typed_edges(op: Operations, conn: Connection) -> None:
    """The typed relations' edges indexed apart from co-participation: a batch sums again
    the relation edges of its months, and deleting them scanned every edge (1.3 s at
    25,000 pages; issue 10)."""
    typed = sql_text("kind != 'co-participation'")
    op.create_index(
        "ix_network_edges_typed",
        "network_edges",
        ["month"],
        sqlite_where=typed,
        postgresql_where=typed,
    )


def _block_spellings(op: Operations, conn: Connection) -> None:
    """How often each spelling (and parent) names the entity of an organization's, a
    country's or a place's block, kept as mentions are resolved: a batch read the counts
    from every mention of the CSTO's block (0.4 s a page at 50,000 pages; issue 10)."""
    schema.metadata.create_all(conn, tables=[schema.block_spellings])
    spellings.fill_spellings(conn)


def _waiting_documents(op: Operations, conn: Connection) -> None:
    """The documents with a text still to annotate, kept as pages are stored and annotated:
    finding them compared every story with every annotated target (0.13 s a run at 50,000
    pages, 2 s from a cold disk; issue 10)."""
    schema.metadata.create_all(conn, tables=[schema.waiting_documents])
    waiting.fill_waiting(conn)


def _member_months(op: Operations, conn: Connection) -> None:
    """An entity's event members indexed by date: a co-participation edge summed again read
    every event of its busy nodes to find those of one month (0.9 s for the CSTO at 50,000
    pages; issue 10). The index of typed edges by month goes: nothing reads it."""
    op.create_index("ix_event_members_start", "event_members", ["entity_id", "start"])
    # A batch's typed edges follow its relations now (store/relation_update.py): no query
    # reads them by month any more, so the index of migration 21 goes.
    op.drop_index("ix_network_edges_typed", "network_edges")


def _edge_keys(op: Operations, conn: Connection) -> None:
    """One index of the network's edges, by (bodies, month, pair), for the pages' date
    ranges and the batch's lookups alike: the index by pair took a batch's new edges all over
    it, and the index by month was a second one to write (issue 10)."""
    op.drop_index("ix_network_edges_pair", "network_edges")
    op.drop_index("ix_network_edges_month", "network_edges")
    op.create_index(
        "ix_network_edges_key", "network_edges", ["bodies", "month", "source", "target", "kind"]
    )


def _edge_months(op: Operations, conn: Connection) -> None:
    """What batches added to each month's network edges: a batch stores what its events
    bring to a stored edge as a part of it, without reading the stored row, and a month is
    folded once it has grown enough (issue 10, store/edge_parts.py). The stored edges are
    one row each: nothing to count yet."""
    schema.metadata.create_all(conn, tables=[schema.edge_months])


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial", _initial),
    Migration(2, "story_search", _story_search, search.create_index),
    Migration(3, "entities", _entities),
    Migration(4, "story_duplicates", _story_duplicates),
    Migration(5, "facts", _facts),
    Migration(6, "derived", _derived),
    Migration(7, "site_lines", _site_lines),
    Migration(8, "annotation_errors", _annotation_errors),
    Migration(9, "judgements", _judgements),
    Migration(10, "places", _places),
    Migration(11, "document_paths", _document_paths),
    Migration(12, "claim_dates", _claim_dates),
    Migration(13, "entity_aliases", _entity_aliases),
    Migration(14, "story_search_postgres", _story_search_postgres, search_pg.create_index),
    Migration(15, "jobs", _jobs),
    Migration(16, "event_sources", _event_sources),
    Migration(17, "blocking_keys", _blocking_keys),
    Migration(18, "edge_pairs", _edge_pairs),
    Migration(19, "place_countries", _place_countries),
    Migration(20, "role_signatures", _role_signatures),
    Migration(21, "typed_edges", _typed_edges),
    Migration(22, "block_spellings", _block_spellings),
    Migration(23, "waiting_documents", _waiting_documents),
    Migration(24, "member_months", _member_months),
    Migration(25, "edge_keys", _edge_keys),
    Migration(26, "edge_months", _edge_months),
)


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def applied(conn: Connection) -> set[int]:
    """Ids of the migrations recorded in the database (empty for a new database)."""
    if not inspect(conn).has_table(schema.migrations.name):
        return set()
    return set(conn.execute(select(schema.migrations.c.id)).scalars())


def _record(conn: Connection, migration: Migration) -> None:
    conn.execute(
        schema.migrations.insert().values(id=migration.id, name=migration.name, applied_at=_now())
    )


def upgrade(conn: Connection) -> list[str]:
    """Bring the database to the current schema; return the names of migrations applied."""
    done = applied(conn)
    if not done:
        schema.metadata.create_all(conn)
        for migration in MIGRATIONS:
            if migration.on_create is not None:
                migration.on_create(conn)
            _record(conn, migration)
        return [m.name for m in MIGRATIONS]
    pending = [m for m in MIGRATIONS if m.id not in done]
    if not pending:  # as at every start of an up-to-date database: alembic is not imported
        return []
    from alembic.migration import MigrationContext  # here: see the imports
    from alembic.operations import Operations

    op = Operations(MigrationContext.configure(conn))
    for migration in pending:
        migration.upgrade(op, conn)
        _record(conn, migration)
    return [m.name for m in pending]
