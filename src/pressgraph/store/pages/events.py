"""The event pages: events filtered by date, entity and kind; one event with who took part,
in what part, what was said at it, and the stories that report it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Literal, get_args

from sqlalchemy import (
    ColumnElement,
    Connection,
    RowMapping,
    Select,
    and_,
    case,
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
    events_in,
    newest_events,
    overlapping,
    ref,
    refs,
    statement_views,
)
from pressgraph.store.pages.listing import (
    FACET_VALUES,
    Facet,
    Sort,
    facet,
    ordered,
    undated,
)
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
BY_DATE = Sort("date")


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


@dataclass(frozen=True)
class EventFilter:
    """What the events page filters by."""

    date_from: str | None = None
    date_to: str | None = None
    entities: tuple[Ref, ...] = ()
    kind: str | None = None
    undated: bool = False

    def query(self, *, dates: bool = True, kind: bool = True) -> Select[Any]:
        """The events selected (by id), with or without the dates and the kind."""
        query = select(events.c.id, events.c.start)
        if self.undated:
            query = query.where(events.c.start.is_(None))
        elif dates:
            query = events_in(query, self.date_from, self.date_to)
        if kind and self.kind:
            query = query.where(events.c.kind == self.kind)
        for entity in self.entities:
            query = query.where(_involving(entity.id))
        return query


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
    ids = where.query().subquery()
    with db.read() as conn:
        total = int(conn.execute(select(func.count()).select_from(ids)).scalar() or 0)
        page_ids = _sorted(select(events).where(events.c.id.in_(select(ids.c.id))), sort)
        shown = event_cards(conn, page_ids.limit(size).offset((page - 1) * size))
        facets = _facets(conn, where, total)
        dated = date_from or date_to
        left_out = undated_events(conn, where) if dated and not undated else None
    pages = max(1, -(-total // size))
    return EventList(
        date_from, date_to, chosen[0] if chosen else None, kind, page, size, total, pages,
        tuple(shown), chosen, undated, left_out, sort.param, facets,
    )  # fmt: skip


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


def undated_events(conn: Connection, where: EventFilter) -> int:
    """How many events the filters other than the dates select that have no date."""
    return undated(conn, where.query(dates=False), events.c.start)


def _facets(conn: Connection, where: EventFilter, total: int) -> tuple[Facet, ...]:
    """Kinds (whatever the kind filter), years (whatever the dates), and the organizations
    and countries most often taking part in the events selected."""
    kinds, years_counted = _kinds_and_years(conn, where)
    unfiltered = where == EventFilter()
    # Who takes part is read from every member row of the chosen events: for a large
    # selection, from those of its newest FACET_EVENTS events (the label says so).
    chosen = newest_events(where.query().with_only_columns(events.c.id)).limit(FACET_EVENTS)
    by_kind = _taking_part(conn, None if unfiltered else chosen)
    names = {r.id: r.name for r in refs(conn, [e for v in by_kind.values() for e, _ in v]).values()}
    among = f" (in the newest {FACET_EVENTS:,})" if not unfiltered and total > FACET_EVENTS else ""
    return (
        facet("kind", "Kind", kinds, {}),
        facet("year", "Year", years_counted, {}),
        facet(
            "entity",
            "Organization taking part" + among,
            by_kind["organization"],
            names,
            adds=True,
        ),
        facet("entity", "Country taking part" + among, by_kind["country"], names, adds=True),
    )


def _kinds_and_years(
    conn: Connection, where: EventFilter
) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """Events per kind (within the dates) and per year (of the kind), in one pass."""
    in_range = (
        overlapping(where.date_from, where.date_to)
        if not where.undated
        else events.c.start.is_(None)
    )
    year = func.substr(events.c.start, 1, 4)
    # One expression in both places: PostgreSQL groups by it only if its parameters are the
    # same ones (two copies bind the dates twice, and it sees two expressions).
    inside = case((in_range, 1), else_=0)
    query = (
        where.query(dates=False, kind=False)
        .with_only_columns(events.c.kind, year, inside, func.count())
        .group_by(events.c.kind, year, inside)
    )
    kinds: Counter[str] = Counter()
    years: Counter[str] = Counter()
    for kind, starts, inside, n in conn.execute(query):
        if inside:
            kinds[kind] += n
        if starts and (where.kind is None or kind == where.kind):
            years[starts] += n
    by_count = sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0]))
    return by_count, sorted(years.items(), reverse=True)


KINDS_PRESENT = ("organization", "country")
FACET_EVENTS = 500


def _taking_part(conn: Connection, chosen: Select[Any] | None) -> dict[str, list[tuple[str, int]]]:
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
        select(
            stories,
            said.label("evidence"),
            story_events.c.evidence_start,
            story_events.c.evidence_end,
        )
        .join(story_events, story_events.c.story_id == stories.c.id)
        .where(story_events.c.event_id == event_id)
        .order_by(stories.c.date, stories.c.id, story_events.c.evidence_start)
    )
    found: dict[str, EventSource] = {}
    for r in conn.execute(query).mappings():
        source = EventSource(card(r), r["evidence"] or "", r["evidence_start"], r["evidence_end"])
        found.setdefault(r["id"], source)
    return tuple(found.values())
