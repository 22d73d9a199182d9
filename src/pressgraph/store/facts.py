"""Write and read the facts of issue 4: story events, statements, numeric claims, relations.

Written with the story's mentions in the same transaction (see `annotations.write_annotations`);
resolution later fills their entity ids and merges story events into events.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import Connection, RowMapping, delete, select

from pressgraph.records import (
    ANNOTATE_STAGE,
    Annotated,
    Claim,
    Relation,
    Statement,
    StoryEvent,
)
from pressgraph.store.bulk import execute_many
from pressgraph.store.chunks import chunked
from pressgraph.store.db import Database, record_row
from pressgraph.store.schema import (
    claims,
    relations,
    statements,
    story_event_keys,
    story_event_parts,
    story_events,
)

_TABLES = (claims, statements, relations)
T = TypeVar("T")


def delete_facts(conn: Connection, story: str) -> None:
    """Remove a story's facts before it is annotated again."""
    ids = select(story_events.c.id).where(story_events.c.story_id == story)
    conn.execute(delete(story_event_parts).where(story_event_parts.c.story_event_id.in_(ids)))
    conn.execute(delete(story_event_keys).where(story_event_keys.c.story_event_id.in_(ids)))
    conn.execute(delete(story_events).where(story_events.c.story_id == story))
    for table in _TABLES:
        conn.execute(delete(table).where(table.c.story_id == story))


def write_facts(conn: Connection, found: Annotated) -> None:
    """Insert a story's events, statements, claims and relations."""
    for event in found.events:
        inserted = conn.execute(story_events.insert().values(**_event_row(event)))
        row_id = inserted.inserted_primary_key[0] if inserted.inserted_primary_key else None
        parts = [
            {"story_event_id": row_id, "mention_idx": i, "part": part, "stage": ANNOTATE_STAGE}
            for i, part in event.parts
        ]
        execute_many(conn, story_event_parts.insert(), parts)
    for table, rows in (
        (statements, [_statement_row(s) for s in found.statements]),
        (claims, [_claim_row(c) for c in found.claims]),
        (relations, [_relation_row(r) for r in found.relations]),
    ):
        execute_many(conn, table.insert(), rows)


_STORY = {"story": "story_id", "index": "idx"}


def _event_row(e: StoryEvent) -> dict[str, object]:
    rename = {**_STORY, "place": "place_idx", "chair": "chair_idx", "parts": ""}
    return record_row(e, rename, stage=ANNOTATE_STAGE)


def _statement_row(s: Statement) -> dict[str, object]:
    rename = {**_STORY, "speaker": "speaker_idx", "event": "story_event_idx"}
    return record_row(s, rename, stage=ANNOTATE_STAGE)


def _claim_row(c: Claim) -> dict[str, object]:
    rename = {
        **_STORY,
        "statement": "statement_idx",
        "speaker": "speaker_idx",
        "subject": "subject_idx",
        "authority_org": "authority_idx",
    }
    return record_row(c, rename, stage=ANNOTATE_STAGE)


def _relation_row(r: Relation) -> dict[str, object]:
    rename = {"story": "story_id", "source": "source_idx", "target": "target_idx"}
    return record_row(r, rename, stage=ANNOTATE_STAGE)


@dataclass(frozen=True)
class StoryEventRow:
    """A story event as stored, with its parts and the event resolution merged it into."""

    id: int
    event: StoryEvent
    event_id: str | None


def story_event_rows(db: Database) -> list[StoryEventRow]:
    """Every story event with its parts, in story order."""
    with db.read() as conn:
        return read_story_events(conn, None)


def read_story_events(conn: Connection, ids: Iterable[int] | None) -> list[StoryEventRow]:
    """The story events with these row ids (every one with None), with their parts, in
    story order."""
    wanted = None if ids is None else sorted(set(ids))
    parts: dict[int, list[tuple[int, str]]] = {}
    rows: list[RowMapping] = []
    for chunk in [None] if wanted is None else chunked(wanted):
        part_query = select(story_event_parts).order_by(story_event_parts.c.id)
        query = select(story_events)
        if chunk is not None:
            part_query = part_query.where(story_event_parts.c.story_event_id.in_(chunk))
            query = query.where(story_events.c.id.in_(chunk))
        for p in conn.execute(part_query):
            parts.setdefault(p.story_event_id, []).append((p.mention_idx, p.part))
        rows.extend(conn.execute(query).mappings())
    rows.sort(key=lambda r: (r["story_id"], r["idx"]))
    return [_story_event(r, parts.get(r["id"], [])) for r in rows]


def _story_event(r: RowMapping, parts: list[tuple[int, str]]) -> StoryEventRow:
    event = StoryEvent(
        story=r["story_id"],
        index=r["idx"],
        kind=r["kind"],
        name=r["name"],
        start=r["start"],
        end=r["end"],
        place=r["place_idx"],
        format=r["format"],
        chair=r["chair_idx"],
        parts=tuple(parts),
        evidence_start=r["evidence_start"],
        evidence_end=r["evidence_end"],
    )
    return StoryEventRow(r["id"], event, r["event_id"])
