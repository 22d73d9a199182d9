"""Remove documents and everything derived from them (`pressgraph remove`).

In one transaction: the documents, their stories (the search index follows by trigger), removed
furniture, mentions and posts, facts (story events and their parts, statements, claims,
relations), annotation marks and failures, the derived rows of their stories, and the counts
of their lines for their site. A story elsewhere that was a copy of a removed story becomes the
first copy (and is annotated by the next run). Entities and merged events are rebuilt by the
resolution that `remove` runs next ("resolve" is left pending until it has), so entities left
without mentions disappear.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, select, update

from pressgraph.clean.page import page_line_keys
from pressgraph.records import Page
from pressgraph.store.annotations import mark_pending, removed_target
from pressgraph.store.db import Database
from pressgraph.store.documents import find_document
from pressgraph.store.jobs import forget_documents, settle
from pressgraph.store.schema import (
    annotated,
    annotation_errors,
    claims,
    documents,
    entity_stories,
    mentions,
    relations,
    removed,
    roles,
    statements,
    stories,
    story_event_keys,
    story_event_parts,
    story_events,
)
from pressgraph.store.sitelines import host_of, uncount_page
from pressgraph.store.waiting import forget_waiting


@dataclass(frozen=True)
class RemoveSummary:
    """The documents removed (full ids) and how many stories went with them."""

    documents: tuple[str, ...]
    stories: int


def remove_documents(db: Database, ids: list[str]) -> RemoveSummary:
    """Delete the documents named by id (or unique prefix) and all that derives from them."""
    with db.begin() as conn:
        found = sorted({find_document(conn, doc_id)["id"] for doc_id in ids})
        story_ids = list(
            conn.execute(select(stories.c.id).where(stories.c.document_id.in_(found))).scalars()
        )
        removed_ids = list(
            conn.execute(select(removed.c.id).where(removed.c.document_id.in_(found))).scalars()
        )
        promoted = _promote_copies(conn, story_ids, found)
        _delete_derived(conn, story_ids, removed_ids)
        _uncount_sites(conn, found)
        conn.execute(delete(removed).where(removed.c.document_id.in_(found)))
        conn.execute(delete(stories).where(stories.c.document_id.in_(found)))
        forget_waiting(conn, found)
        conn.execute(delete(documents).where(documents.c.id.in_(found)))
        mark_pending(conn, "resolve")
        mark_pending(conn, "rebuild")  # entities may lose mentions: resolved in full
        forget_documents(conn, found)
        for story in promoted:  # a first copy now: its page waits for annotation again
            settle(conn, story)
    return RemoveSummary(tuple(found), len(story_ids))


def _promote_copies(conn: Connection, story_ids: list[str], docs: list[str]) -> list[str]:
    """Copies (in other documents) of a removed story point to its next copy instead; the
    copies that became first copies."""
    rows = conn.execute(
        select(stories.c.id, stories.c.duplicate_of)
        .join(documents, documents.c.id == stories.c.document_id)
        .where(stories.c.duplicate_of.in_(story_ids), stories.c.document_id.not_in(docs))
        .order_by(documents.c.fetched_at, documents.c.id, stories.c.idx)
    ).all()
    first: dict[str, str] = {}
    for story, original in rows:
        new = first.setdefault(original, story)
        value = None if new == story else new
        conn.execute(update(stories).where(stories.c.id == story).values(duplicate_of=value))
    return list(first.values())


def _delete_derived(conn: Connection, story_ids: list[str], removed_ids: list[int]) -> None:
    """Everything the annotation stage wrote about these stories and removed pieces."""
    events = select(story_events.c.id).where(story_events.c.story_id.in_(story_ids))
    conn.execute(delete(story_event_parts).where(story_event_parts.c.story_event_id.in_(events)))
    conn.execute(delete(story_event_keys).where(story_event_keys.c.story_event_id.in_(events)))
    table: Any
    for table in (story_events, statements, claims, relations, entity_stories):
        conn.execute(delete(table).where(table.c.story_id.in_(story_ids)))
    for table in (roles, mentions):
        conn.execute(
            delete(table).where(
                table.c.story_id.in_(story_ids) | table.c.removed_id.in_(removed_ids)
            )
        )
    targets = [*story_ids, *(removed_target(r) for r in removed_ids)]
    for table in (annotated, annotation_errors):
        conn.execute(delete(table).where(table.c.target.in_(targets)))


def _uncount_sites(conn: Connection, docs: list[str]) -> None:
    rows = conn.execute(
        select(documents.c.url, documents.c.source, documents.c.text).where(
            documents.c.id.in_(docs)
        )
    ).all()
    for url, source, text in rows:
        host = host_of(Page(source, "", "", "text", url=url))
        if host is not None:
            uncount_page(conn, host, page_line_keys(text))
