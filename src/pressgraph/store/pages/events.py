"""The event pages: events filtered by date, entity and kind; one event with who took part,
in what part, what was said at it, and the stories that report it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, get_args

from sqlalchemy import ColumnElement, Connection, RowMapping, Select, and_, func, select

from pressgraph.errors import NotFoundError
from pressgraph.store.db import Database
from pressgraph.store.derived import attended, parts_of
from pressgraph.store.pages.common import (
    PARTS,
    ClaimView,
    EventCard,
    Ref,
    StatementView,
    StoryCard,
    card,
    claim_views,
    count,
    event_cards,
    events_in,
    ref,
    refs,
    statement_views,
)
from pressgraph.store.schema import (
    claims,
    event_members,
    events,
    statements,
    stories,
    story_events,
)

EventKind = Literal[
    "conference",
    "meeting",
    "session",
    "exercise",
    "visit",
    "ceremony",
    "operation",
    "training",
    "other",
]
KINDS: tuple[str, ...] = get_args(EventKind)
FORMATS = {"in_person": "in person", "video": "by video", "mixed": "in person and by video"}
EVENT_PAGE_SIZE = 50


@dataclass(frozen=True)
class EventList:
    """One page of events (oldest first) overlapping a date range, of a kind, with an entity."""

    date_from: str | None
    date_to: str | None
    entity: Ref | None
    kind: str | None
    page: int
    page_size: int
    total: int
    pages: int
    events: tuple[EventCard, ...]


@dataclass(frozen=True)
class Participant:
    """Who took part, and their strongest part (chair, host, delegation head, speaker...)."""

    entity: Ref
    part: str


@dataclass(frozen=True)
class EventSource:
    """A story that reports the event, and the words that do."""

    story: StoryCard
    evidence: str


@dataclass(frozen=True)
class EventPage:
    """One event: what, when, where, how, who chaired, organized and took part, what was said."""

    event: EventCard
    chair: Ref | None
    organizers: tuple[Ref, ...]
    participants: tuple[Participant, ...]  # people first, strongest part first
    statements: tuple[StatementView, ...]
    claims: tuple[ClaimView, ...]  # figures claimed in statements made at it
    sources: tuple[EventSource, ...]


def event_list(
    db: Database,
    *,
    date_from: str | None,
    date_to: str | None,
    entity: Ref | None,
    kind: str | None,
    page: int,
    size: int = EVENT_PAGE_SIZE,
) -> EventList:
    """Events overlapping the dates, of a kind, involving an entity; by start date."""
    query = events_in(select(events), date_from, date_to)
    if kind:
        query = query.where(events.c.kind == kind)
    if entity:
        query = query.where(_involving(entity.id))
    with db.read() as conn:
        total = count(conn, query)
        ordered = query.order_by(events.c.start.nulls_last(), events.c.id)
        shown = event_cards(conn, ordered.limit(size).offset((page - 1) * size))
    pages = max(1, -(-total // size))
    return EventList(date_from, date_to, entity, kind, page, size, total, pages, tuple(shown))


def _involving(entity_id: str) -> ColumnElement[bool]:
    """Events the entity took part in, chaired, organized or hosted (as their place)."""
    return events.c.id.in_(
        select(event_members.c.event_id).where(event_members.c.entity_id == entity_id, attended())
    )


events_involving = _involving  # the export's scope and the feeds filter events the same way


def event_page(db: Database, event_id: str) -> EventPage:
    """The page of one event, by id (or an unambiguous prefix of it)."""
    with db.read() as conn:
        row = _event_row(conn, event_id)
        (summary,) = event_cards(conn, select(events).where(events.c.id == row["id"]))
        chair, organizers, participants = _people(conn, row)
        # Through the stories that report it: statements have an index on story, not event.
        reporting = select(story_events.c.story_id).where(story_events.c.event_id == row["id"])
        at = and_(statements.c.story_id.in_(reporting), statements.c.event_id == row["id"])
        said = statement_views(conn, at, None)
        at_event = select(statements.c.story_id, statements.c.idx).where(at)
        made = claim_views(conn, _claims_in(at_event), None)
        sources = _sources(conn, row["id"])
    return EventPage(summary, chair, organizers, participants, tuple(said), tuple(made), sources)


def _event_row(conn: Connection, event_id: str) -> RowMapping:
    row = conn.execute(select(events).where(events.c.id == event_id)).mappings().first()
    if row is not None:
        return row
    query = select(events).where(events.c.id.startswith(event_id, autoescape=True)).limit(2)
    rows = list(conn.execute(query).mappings()) if len(event_id) >= 4 else []
    if len(rows) == 1:
        return rows[0]
    raise NotFoundError(
        f"there is no single event with id {event_id!r}; find the event at /events "
        "(filter it by date, kind or a person or organization taking part)"
    )


def _people(
    conn: Connection, row: RowMapping
) -> tuple[Ref | None, tuple[Ref, ...], tuple[Participant, ...]]:
    """The chair, the organizers and the participants with their strongest part."""
    best: dict[str, str] = {}
    organizers: list[str] = []
    for _, entity_id, part in conn.execute(parts_of(story_events.c.event_id == row["id"])):
        if part == "organizer":
            organizers.append(entity_id)
        elif part in PARTS and (
            entity_id not in best or PARTS.index(part) < PARTS.index(best[entity_id])
        ):
            best[entity_id] = part
    names = refs(conn, [row["chair_id"], *organizers, *best])
    people = sorted(
        (Participant(names[e], part) for e, part in best.items()),
        key=lambda p: (p.entity.kind != "person", PARTS.index(p.part), p.entity.name),
    )
    hosts = tuple(names[o] for o in dict.fromkeys(organizers))
    return ref(names, row["chair_id"]), hosts, tuple(people)


def _claims_in(at_event: Select[Any]) -> ColumnElement[bool]:
    """Claims made in the statements `at_event` selects (story id, statement index)."""
    pairs = at_event.subquery()
    matched = and_(pairs.c.story_id == claims.c.story_id, pairs.c.idx == claims.c.statement_idx)
    return claims.c.id.in_(select(claims.c.id).select_from(pairs).join(claims, matched))


def _sources(conn: Connection, event_id: str) -> tuple[EventSource, ...]:
    """The stories that report the event, each with its first reporting words."""
    said = func.substr(
        stories.c.text,
        story_events.c.evidence_start + 1,
        story_events.c.evidence_end - story_events.c.evidence_start,
    )
    query = (
        select(stories, said.label("evidence"))
        .join(story_events, story_events.c.story_id == stories.c.id)
        .where(story_events.c.event_id == event_id)
        .order_by(stories.c.date, stories.c.id, story_events.c.evidence_start)
    )
    found: dict[str, EventSource] = {}
    for r in conn.execute(query).mappings():
        found.setdefault(r["id"], EventSource(card(r), r["evidence"] or ""))
    return tuple(found.values())
