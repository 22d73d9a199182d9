"""The event pages: events filtered by date, entity and kind; one event with who took part,
in what part, what was said at it, and the stories that report it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, get_args

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Connection,
    RowMapping,
    Select,
    and_,
    bindparam,
    distinct,
    func,
    select,
)

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
    event_cards,
    ref,
    refs,
    statement_views,
)
from pressgraph.store.pages.event_selection import (
    BY_DATE,
    FACET_EVENTS,
    EventFilter,
    Selection,
    selection,
)
from pressgraph.store.pages.listing import FACET_VALUES, Facet, Sort, facet, ordered
from pressgraph.store.schema import (
    claims,
    event_members,
    events,
    statements,
    stories,
    story_events,
)
from pressgraph.store.schema import entities as entities_table

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
# Columns the events table sorts by: the first is the default (oldest first).
SORTS = ("date", "kind", "name", "place", "sources")


@dataclass(frozen=True)
class EventList:
    """One page of events overlapping a date range, of a kind, with entities taking part;
    sorted as asked; facets of the kinds, years, organizations and countries."""

    date_from: str | None
    date_to: str | None
    entity: Ref | None  # the first of `entities` (kept for the JSON twin's readers)
    kind: str | None
    page: int
    page_size: int
    total: int
    pages: int
    events: tuple[EventCard, ...]
    entities: tuple[Ref, ...] = ()
    undated: bool = False  # only events without a date
    left_out: int | None = None  # undated events the date filter leaves out (None: no filter)
    sort: str = SORTS[0]
    facets: tuple[Facet, ...] = ()


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
    start: int = 0
    end: int = 0


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
    entity: Ref | None = None,
    kind: str | None,
    page: int,
    size: int = EVENT_PAGE_SIZE,
    entities: tuple[Ref, ...] = (),
    undated: bool = False,
    sort: Sort = BY_DATE,
) -> EventList:
    """Events overlapping the dates, of a kind, involving every entity; sorted as asked."""
    chosen = entities or ((entity,) if entity else ())
    where = EventFilter(date_from, date_to, chosen, kind, undated)
    offset = (page - 1) * size
    with db.read() as conn:
        counted = selection(conn, where, sort, offset, size)
        if counted.page is not None:
            shown = _cards(conn, counted.page)
        else:
            ids = select(where.query().subquery().c.id)
            query = _sorted(select(events).where(events.c.id.in_(ids)), sort)
            shown = event_cards(conn, query.limit(size).offset(offset))
        facets = _facets(conn, where, counted)
    pages = max(1, -(-counted.total // size))
    return EventList(
        date_from, date_to, chosen[0] if chosen else None, kind, page, size, counted.total,
        pages, tuple(shown), chosen, undated, counted.left_out, sort.param, facets,
    )  # fmt: skip


def _cards(conn: Connection, ids: list[str]) -> list[EventCard]:
    """The cards of the events `ids`, in that order."""
    cards = {c.id: c for c in event_cards(conn, select(events).where(events.c.id.in_(ids)))}
    return [cards[i] for i in ids]


def _facets(conn: Connection, where: EventFilter, counted: Selection) -> tuple[Facet, ...]:
    """Kinds (whatever the kind filter), years (whatever the dates), and the organizations
    and countries most often taking part in the events selected."""
    # Who takes part is read from every member row of the chosen events: for a large
    # selection, from those of its newest FACET_EVENTS events (the label says so).
    by_kind = _taking_part(conn, counted.newest)
    names = {r.id: r.name for r in refs(conn, [e for v in by_kind.values() for e, _ in v]).values()}
    large = counted.newest is not None and counted.total > FACET_EVENTS
    among = f" (in the newest {FACET_EVENTS:,})" if large else ""
    return (
        facet("kind", "Kind", counted.kinds, {}),
        facet("year", "Year", counted.years, {}),
        facet(
            "entity",
            "Organization taking part" + among,
            by_kind["organization"],
            names,
            adds=True,
        ),
        facet("entity", "Country taking part" + among, by_kind["country"], names, adds=True),
    )


KINDS_PRESENT = ("organization", "country")


def _taking_part(
    conn: Connection, chosen: Select[Any] | list[str] | None
) -> dict[str, list[tuple[str, int]]]:
    """Kind -> (entity, events) of the organizations and countries most often taking part in
    the chosen events (all events for None): one walk of the members index, entity by entity."""
    kinds = select(entities_table.c.id, entities_table.c.kind).where(
        entities_table.c.kind.in_(KINDS_PRESENT)
    )
    of_kind = {str(i): str(k) for i, k in conn.execute(kinds)}
    query = (
        select(event_members.c.entity_id, func.count())
        .where(
            event_members.c.entity_id.in_(kinds.with_only_columns(entities_table.c.id)), attended()
        )
        .group_by(event_members.c.entity_id)
    )
    if chosen is not None:
        query = query.where(event_members.c.event_id.in_(chosen))
    found: dict[str, list[tuple[str, int]]] = {k: [] for k in KINDS_PRESENT}
    for entity_id, n in sorted(conn.execute(query), key=lambda r: (-r[1], r[0])):
        found[of_kind[entity_id]].append((entity_id, int(n)))
    return {k: v[:FACET_VALUES] for k, v in found.items()}


def _sorted(query: Select[Any], sort: Sort) -> Select[Any]:
    """Events in the asked order (ties by start, then id)."""
    place = (
        select(entities_table.c.name)
        .where(entities_table.c.id == events.c.place_id)
        .scalar_subquery()
    )
    sources = (
        select(func.count(distinct(story_events.c.story_id)))
        .where(story_events.c.event_id == events.c.id)
        .scalar_subquery()
    )
    columns = {
        "date": events.c.start,
        "kind": events.c.kind,
        "name": func.coalesce(events.c.name, events.c.kind),
        "place": place,
        "sources": sources,
    }
    return ordered(query, sort, columns, events.c.start.nulls_last(), events.c.id)


# What an event page reads, made once (see `prepared`): the event's id comes as a parameter.
_EVENT: BindParameter[str] = bindparam("event")
_EVENT_BY_ID = select(events).where(events.c.id == _EVENT)
_PARTS_OF_EVENT = parts_of(story_events.c.event_id == _EVENT)
# Through the stories that report it: statements have an index on story, not event.
_SAID_AT = and_(
    statements.c.story_id.in_(
        select(story_events.c.story_id).where(story_events.c.event_id == _EVENT)
    ),
    statements.c.event_id == _EVENT,
)


def _claims_in(at_event: Select[Any]) -> ColumnElement[bool]:
    """Claims made in the statements `at_event` selects (story id, statement index)."""
    pairs = at_event.subquery()
    matched = and_(pairs.c.story_id == claims.c.story_id, pairs.c.idx == claims.c.statement_idx)
    return claims.c.id.in_(select(claims.c.id).select_from(pairs).join(claims, matched))


_CLAIMED_AT = _claims_in(select(statements.c.story_id, statements.c.idx).where(_SAID_AT))


def event_page(db: Database, event_id: str) -> EventPage:
    """The page of one event, by id (or an unambiguous prefix of it)."""
    with db.read() as conn:
        row = _event_row(conn, event_id)
        event = {"event": row["id"]}
        (summary,) = event_cards(conn, _EVENT_BY_ID, event)
        chair, organizers, participants = _people(conn, row)
        said = statement_views(conn, _SAID_AT, None, event)
        made = claim_views(conn, _CLAIMED_AT, None, event)
        sources = _sources(conn, row["id"])
    return EventPage(summary, chair, organizers, participants, tuple(said), tuple(made), sources)


def _event_row(conn: Connection, event_id: str) -> RowMapping:
    row = conn.execute(_EVENT_BY_ID, {"event": event_id}).mappings().first()
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
    for _, entity_id, part in conn.execute(_PARTS_OF_EVENT, {"event": row["id"]}):
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


_SOURCES_OF_EVENT = (
    select(
        stories,
        func.substr(
            stories.c.text,
            story_events.c.evidence_start + 1,
            story_events.c.evidence_end - story_events.c.evidence_start,
        ).label("evidence"),
        story_events.c.evidence_start,
        story_events.c.evidence_end,
    )
    .join(story_events, story_events.c.story_id == stories.c.id)
    .where(story_events.c.event_id == _EVENT)
    .order_by(stories.c.date, stories.c.id, story_events.c.evidence_start)
)


def _sources(conn: Connection, event_id: str) -> tuple[EventSource, ...]:
    """The stories that report the event, each with its first reporting words."""
    found: dict[str, EventSource] = {}
    for r in conn.execute(_SOURCES_OF_EVENT, {"event": event_id}).mappings():
        source = EventSource(card(r), r["evidence"] or "", r["evidence_start"], r["evidence_end"])
        found.setdefault(r["id"], source)
    return tuple(found.values())
