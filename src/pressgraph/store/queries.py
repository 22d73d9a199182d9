"""Read queries over resolved facts: events with participants and sources, statements,
numeric claims and relations — what the CLI, the exporter and the web pages show."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, or_, select

from pressgraph.errors import NotFoundError
from pressgraph.store.db import Database
from pressgraph.store.derived import parts_of
from pressgraph.store.judgements import kept
from pressgraph.store.schema import (
    PART_ORDER,
    claims,
    entities,
    events,
    relations,
    statements,
    stories,
    story_events,
)


@dataclass(frozen=True)
class EventRow:
    """A resolved event with its people and sources."""

    id: str
    kind: str
    name: str | None
    start: str | None
    end: str | None
    place: str | None
    format: str | None
    chair: str | None
    organizers: tuple[str, ...]
    participants: tuple[tuple[str, str], ...]  # (entity id, part)
    stories: tuple[str, ...]


@dataclass(frozen=True)
class StatementRow:
    """A statement with its resolved speaker and event."""

    id: int
    speaker: str | None
    story: str
    event: str | None
    verb: str
    quote: bool
    text: str
    start: int
    end: int
    date: str | None


@dataclass(frozen=True)
class ClaimRow:
    """A numeric claim with resolved speaker, subject and authority."""

    id: int
    speaker: str | None
    authority: str | None  # entity id of the organization vouching for it
    authority_text: str | None
    story: str
    statement: int | None  # statement row id
    low: float
    high: float
    approx: str
    unit: str | None
    subject: str | None
    subject_text: str | None
    date: str | None
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class RelationRow:
    """A typed edge between two organizations."""

    source: str | None
    target: str | None
    kind: str
    date: str | None
    story: str
    start: int
    end: int


def names(db: Database) -> dict[str, str]:
    """Entity id -> name, for printing."""
    with db.read() as conn:
        return {str(r[0]): str(r[1]) for r in conn.execute(select(entities.c.id, entities.c.name))}


def _parts(conn: Connection) -> dict[str, list[tuple[str, str]]]:
    """Event id -> [(entity id, part)] from every story that reports it."""
    out: dict[str, list[tuple[str, str]]] = {}
    for event_id, entity_id, part in conn.execute(parts_of()):
        out.setdefault(event_id, []).append((entity_id, part))
    return out


def _event_row(row: object, parts: list[tuple[str, str]], sources: list[str]) -> EventRow:
    r = row._mapping  # type: ignore[attr-defined]
    best: dict[str, str] = {}
    organizers: list[str] = []
    for entity, part in parts:
        if part == "organizer":
            organizers.append(entity)
        elif entity not in best or PART_ORDER.index(part) < PART_ORDER.index(best[entity]):
            best[entity] = part
    return EventRow(
        id=r["id"],
        kind=r["kind"],
        name=r["name"],
        start=r["start"],
        end=r["end"],
        place=r["place_id"],
        format=r["format"],
        chair=r["chair_id"],
        organizers=tuple(dict.fromkeys(organizers)),
        participants=tuple(sorted(best.items(), key=lambda p: (PART_ORDER.index(p[1]), p[0]))),
        stories=tuple(dict.fromkeys(sources)),
    )


def list_events(
    db: Database,
    *,
    date_from: str | None = None,
    date_to: str | None = None,
    entity: str | None = None,
) -> list[EventRow]:
    """Events by start date, optionally overlapping a date range or involving an entity."""
    query = select(events).order_by(events.c.start.nulls_last(), events.c.id)
    if date_from:
        query = query.where(or_(events.c.end >= date_from, events.c.start >= date_from))
    if date_to:
        query = query.where(events.c.start <= date_to)
    with db.read() as conn:
        parts = _parts(conn)
        sources: dict[str, list[str]] = {}
        for event_id, story in conn.execute(
            select(story_events.c.event_id, story_events.c.story_id).order_by(story_events.c.id)
        ):
            sources.setdefault(event_id, []).append(story)
        rows = [
            _event_row(r, parts.get(r.id, []), sources.get(r.id, [])) for r in conn.execute(query)
        ]
    if entity:
        rows = [
            e
            for e in rows
            if entity in {e.place, e.chair, *e.organizers, *(p for p, _ in e.participants)}
        ]
    return rows


def get_event(db: Database, event_id: str) -> EventRow:
    """One event by id (or unique id prefix)."""
    found = [e for e in list_events(db) if e.id == event_id] or [
        e for e in list_events(db) if e.id.startswith(event_id)
    ]
    if len(found) != 1:
        raise NotFoundError(f"no single event with id {event_id!r}; run `pressgraph events`")
    return found[0]


def list_statements(
    db: Database, *, speaker: str | None = None, event: str | None = None
) -> list[StatementRow]:
    """Statements in story order, optionally of one speaker or made at one event."""
    query = (
        select(statements, stories.c.date)
        .join(stories, stories.c.id == statements.c.story_id)
        .where(kept(statements))
        .order_by(stories.c.date.nulls_last(), statements.c.story_id, statements.c.start)
    )
    if speaker:
        query = query.where(statements.c.speaker_id == speaker)
    if event:
        query = query.where(statements.c.event_id == event)
    with db.read() as conn:
        return [
            StatementRow(
                r["id"],
                r["speaker_id"],
                r["story_id"],
                r["event_id"],
                r["verb"],
                bool(r["quote"]),
                r["text"],
                r["start"],
                r["end"],
                r["date"],
            )
            for r in conn.execute(query).mappings()
        ]


def list_claims(
    db: Database, *, unit: str | None = None, entity: str | None = None
) -> list[ClaimRow]:
    """Numeric claims by date, optionally of one unit or involving an entity."""
    query = (
        select(claims)
        .where(kept(claims))
        .order_by(claims.c.date.nulls_last(), claims.c.story_id, claims.c.start)
    )
    if unit:
        query = query.where(claims.c.unit == unit)
    if entity:
        query = query.where(
            or_(
                claims.c.speaker_id == entity,
                claims.c.subject_id == entity,
                claims.c.authority_id == entity,
            )
        )
    with db.read() as conn:
        statement_ids = {
            (r.story_id, r.idx): r.id
            for r in conn.execute(select(statements.c.id, statements.c.story_id, statements.c.idx))
        }
        return [
            ClaimRow(
                r["id"],
                r["speaker_id"],
                r["authority_id"],
                r["authority"],
                r["story_id"],
                statement_ids.get((r["story_id"], r["statement_idx"])),
                r["low"],
                r["high"],
                r["approx"],
                r["unit"],
                r["subject_id"],
                r["subject_text"],
                r["date"],
                r["text"],
                r["start"],
                r["end"],
            )
            for r in conn.execute(query).mappings()
        ]


def list_relations(db: Database) -> list[RelationRow]:
    """Every typed relation between organizations, by date."""
    with db.read() as conn:
        return [
            RelationRow(
                r["source_id"],
                r["target_id"],
                r["kind"],
                r["date"],
                r["story_id"],
                r["start"],
                r["end"],
            )
            for r in conn.execute(
                select(relations)
                .where(kept(relations))
                .order_by(relations.c.date.nulls_last(), relations.c.id)
            ).mappings()
        ]
