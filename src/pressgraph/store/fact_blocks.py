"""Reads and writes of incremental fact resolution: story events by merge key, events by
label, and the entity links of facts in the stories a batch touched (resolve/fact_update.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, Table, and_, bindparam, delete, insert, select, update

from pressgraph.store.chunks import chunked
from pressgraph.store.schema import (
    claims,
    events,
    mentions,
    relations,
    statements,
    story_event_keys,
    story_events,
)

_CHUNK = 5000


def write_events(conn: Connection, rows: list[dict[str, object]]) -> None:
    """Insert event rows."""
    for n in range(0, len(rows), _CHUNK):
        conn.execute(insert(events), rows[n : n + _CHUNK])


def link_story_events(conn: Connection, event_of: dict[int, str]) -> None:
    """Set the event each story event row is merged into."""
    if event_of:
        conn.execute(
            update(story_events)
            .where(story_events.c.id == bindparam("row_id"))
            .values(event_id=bindparam("event")),
            [{"row_id": k, "event": v} for k, v in sorted(event_of.items())],
        )


def write_merge_keys(conn: Connection, keys: dict[int, set[str]]) -> None:
    """Store the merge keys of these story events (replacing theirs)."""
    for chunk in chunked(sorted(keys)):
        conn.execute(delete(story_event_keys).where(story_event_keys.c.story_event_id.in_(chunk)))
    rows = [{"story_event_id": i, "key": k} for i, ks in sorted(keys.items()) for k in sorted(ks)]
    for n in range(0, len(rows), _CHUNK):
        conn.execute(insert(story_event_keys), rows[n : n + _CHUNK])


def story_events_in(conn: Connection, stories: Iterable[str]) -> set[int]:
    """Row ids of the story events of these stories."""
    found: set[int] = set()
    for chunk in chunked(sorted(set(stories))):
        query = select(story_events.c.id).where(story_events.c.story_id.in_(chunk))
        found.update(conn.execute(query).scalars())
    return found


def unmerged_story_events(conn: Connection) -> dict[int, str]:
    """Row id -> story of the story events stored since the last resolution (no event yet)."""
    query = select(story_events.c.id, story_events.c.story_id).where(
        story_events.c.event_id.is_(None)
    )
    return {int(r[0]): str(r[1]) for r in conn.execute(query)}


def story_events_keyed(conn: Connection, keys: Iterable[str]) -> set[int]:
    """Row ids of the stored story events with any of these merge keys."""
    found: set[int] = set()
    for chunk in chunked(sorted(set(keys))):
        query = select(story_event_keys.c.story_event_id).where(story_event_keys.c.key.in_(chunk))
        found.update(conn.execute(query).scalars())
    return found


def story_events_of_events(conn: Connection, event_ids: Iterable[str]) -> set[int]:
    """Row ids of the story events merged into these events."""
    found: set[int] = set()
    for chunk in chunked(sorted(set(event_ids))):
        query = select(story_events.c.id).where(story_events.c.event_id.in_(chunk))
        found.update(conn.execute(query).scalars())
    return found


def events_labelled(conn: Connection, labels: Iterable[str]) -> set[str]:
    """Ids of the stored events with any of these labels."""
    found: set[str] = set()
    for chunk in chunked(sorted(set(labels))):
        found.update(conn.execute(select(events.c.id).where(events.c.label.in_(chunk))).scalars())
    return found


def delete_events(conn: Connection, event_ids: Iterable[str]) -> None:
    """Delete these events (their story events are linked again by the caller)."""
    for chunk in chunked(sorted(set(event_ids))):
        conn.execute(delete(events).where(events.c.id.in_(chunk)))


def entities_at(conn: Connection, stories: Iterable[str]) -> dict[tuple[str, int], str]:
    """(story, mention index) -> entity of the resolved mentions of these stories."""
    found: dict[tuple[str, int], str] = {}
    for chunk in chunked(sorted(set(stories))):
        query = select(mentions.c.story_id, mentions.c.idx, mentions.c.entity_id).where(
            mentions.c.story_id.in_(chunk), mentions.c.entity_id.is_not(None)
        )
        found.update(((r[0], r[1]), r[2]) for r in conn.execute(query))
    return found


_LINKS: tuple[tuple[Table, tuple[tuple[str, str], ...]], ...] = (
    (
        claims,
        (
            ("speaker_idx", "speaker_id"),
            ("subject_idx", "subject_id"),
            ("authority_idx", "authority_id"),
        ),
    ),
    (relations, (("source_idx", "source_id"), ("target_idx", "target_id"))),
    (statements, (("speaker_idx", "speaker_id"),)),
)


def relink_facts(conn: Connection, stories: Iterable[str], events_too: Iterable[str]) -> None:
    """Copy into the claims, relations and statements of `stories` the entities of the
    mentions they point at, and into the statements of `events_too` their story event's
    event."""
    for chunk in chunked(sorted(set(stories))):
        for table, pairs in _LINKS:
            values = {out: _entity_at(table, table.c[idx]) for idx, out in pairs}
            conn.execute(update(table).where(table.c.story_id.in_(chunk)).values(**values))
    for chunk in chunked(sorted(set(events_too))):
        event = (
            select(story_events.c.event_id)
            .where(
                and_(
                    story_events.c.story_id == statements.c.story_id,
                    story_events.c.idx == statements.c.story_event_idx,
                )
            )
            .limit(1)
            .scalar_subquery()
        )
        conn.execute(
            update(statements).where(statements.c.story_id.in_(chunk)).values(event_id=event)
        )


def _entity_at(table: Table, idx: Any) -> Any:
    return (
        select(mentions.c.entity_id)
        .where(and_(mentions.c.story_id == table.c.story_id, mentions.c.idx == idx))
        .limit(1)
        .scalar_subquery()
    )
