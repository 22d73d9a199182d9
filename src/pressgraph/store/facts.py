"""Write and read the facts of issue 4: story events, statements, numeric claims, relations.

Written with the story's mentions in the same transaction (see `annotations.replace_annotations`);
resolution later fills their entity ids and merges story events into events.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, RowMapping, delete, select

from pressgraph.records import (
    ANNOTATE_STAGE,
    Annotated,
    Claim,
    Relation,
    Statement,
    StoryEvent,
)
from pressgraph.store.db import Database
from pressgraph.store.schema import claims, relations, statements, story_event_parts, story_events

_TABLES = (claims, statements, relations)


def delete_facts(conn: Connection, story: str) -> None:
    """Remove a story's facts before it is annotated again."""
    ids = select(story_events.c.id).where(story_events.c.story_id == story)
    conn.execute(delete(story_event_parts).where(story_event_parts.c.story_event_id.in_(ids)))
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
        if parts:
            conn.execute(story_event_parts.insert(), parts)
    for table, rows in (
        (statements, [_statement_row(s) for s in found.statements]),
        (claims, [_claim_row(c) for c in found.claims]),
        (relations, [_relation_row(r) for r in found.relations]),
    ):
        if rows:
            conn.execute(table.insert(), rows)


def _event_row(e: StoryEvent) -> dict[str, object]:
    return {
        "story_id": e.story,
        "idx": e.index,
        "kind": e.kind,
        "name": e.name,
        "start": e.start,
        "end": e.end,
        "place_idx": e.place,
        "format": e.format,
        "chair_idx": e.chair,
        "evidence_start": e.evidence_start,
        "evidence_end": e.evidence_end,
        "stage": ANNOTATE_STAGE,
    }


def _statement_row(s: Statement) -> dict[str, object]:
    return {
        "story_id": s.story,
        "idx": s.index,
        "speaker_idx": s.speaker,
        "verb": s.verb,
        "quote": s.quote,
        "start": s.start,
        "end": s.end,
        "text": s.text,
        "story_event_idx": s.event,
        "stage": ANNOTATE_STAGE,
    }


def _claim_row(c: Claim) -> dict[str, object]:
    return {
        "story_id": c.story,
        "idx": c.index,
        "statement_idx": c.statement,
        "speaker_idx": c.speaker,
        "low": c.low,
        "high": c.high,
        "approx": c.approx,
        "unit": c.unit,
        "subject_idx": c.subject,
        "subject_text": c.subject_text,
        "authority": c.authority,
        "authority_idx": c.authority_org,
        "date": c.date,
        "start": c.start,
        "end": c.end,
        "text": c.text,
        "stage": ANNOTATE_STAGE,
    }


def _relation_row(r: Relation) -> dict[str, object]:
    return {
        "story_id": r.story,
        "source_idx": r.source,
        "target_idx": r.target,
        "kind": r.kind,
        "date": r.date,
        "start": r.start,
        "end": r.end,
        "stage": ANNOTATE_STAGE,
    }


@dataclass(frozen=True)
class StoryEventRow:
    """A story event as stored, with its parts and the event resolution merged it into."""

    id: int
    event: StoryEvent
    event_id: str | None


def story_event_rows(db: Database) -> list[StoryEventRow]:
    """Every story event with its parts, in story order."""
    with db.read() as conn:
        parts: dict[int, list[tuple[int, str]]] = {}
        for p in conn.execute(select(story_event_parts).order_by(story_event_parts.c.id)):
            parts.setdefault(p.story_event_id, []).append((p.mention_idx, p.part))
        rows = conn.execute(
            select(story_events).order_by(story_events.c.story_id, story_events.c.idx)
        ).mappings()
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
