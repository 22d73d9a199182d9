"""Which events the events page's filters select, and what the page counts of them: how
many, per kind and per year, the undated ones a date filter leaves out, the newest ones (whose
members the facets count) and, sorted by date, the ids of one page.

Two ways to count, with the same answers (tests/store/pages/test_event_selection.py compares
them): in SQL, one aggregate each, which the indexes on the events table keep cheap when no
entity filters them; and, when entities filter them, from one read of the events they take
part in (a few thousand at most), counted and sorted here. In SQL each aggregate read the
same member rows and events again: 63 ms of queries for an organization in 6,667 events of
the 10,000-story benchmark database, 40 ms of work in all this way.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, case, func, select

from pressgraph.store.derived import attended
from pressgraph.store.pages.common import Ref, events_in, newest_events, overlapping
from pressgraph.store.pages.listing import Sort, undated
from pressgraph.store.schema import event_members, events

BY_DATE = Sort("date")
NEWEST = Sort("date", descending=True)
FACET_EVENTS = 500  # the facets of who takes part count the members of the newest this many


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
            query = query.where(events_involving(entity.id))
        return query

    def in_range(self) -> ColumnElement[bool]:
        """What the dates keep (for the undated filter: the undated events)."""
        if self.undated:
            return events.c.start.is_(None)
        return overlapping(self.date_from, self.date_to)


def events_involving(entity_id: str) -> ColumnElement[bool]:
    """Events the entity took part in, chaired, organized or hosted (as their place); the
    export's scope and the feeds filter events the same way."""
    return events.c.id.in_(
        select(event_members.c.event_id).where(event_members.c.entity_id == entity_id, attended())
    )


def undated_events(conn: Connection, where: EventFilter) -> int:
    """How many events the filters other than the dates select that have no date."""
    return undated(conn, where.query(dates=False), events.c.start)


@dataclass(frozen=True)
class Selection:
    """What the events page counts of the events its filters select."""

    total: int
    kinds: list[tuple[str, int]]  # events per kind within the dates, most first
    years: list[tuple[str, int]]  # events of the kind per year, whatever the dates, newest first
    left_out: int | None  # undated events the dates leave out (None: no date filter)
    newest: Select[Any] | list[str] | None  # the newest FACET_EVENTS selected (None: every event)
    page: list[str] | None = None  # ids of the page asked, when counted here and sorted by date


def selection(
    conn: Connection, where: EventFilter, sort: Sort, offset: int, size: int
) -> Selection:
    """The counts, from one read of the events when entities filter them, else in SQL."""
    if where.entities:
        return _counted_here(conn, where, sort, offset, size)
    return counted_in_sql(conn, where)


def counted_in_sql(conn: Connection, where: EventFilter) -> Selection:
    """The counts, one query each."""
    ids = where.query().subquery()
    total = int(conn.execute(select(func.count()).select_from(ids)).scalar() or 0)
    # One expression in both places: PostgreSQL groups by it only if its parameters are the
    # same ones (two copies bind the dates twice, and it sees two expressions).
    inside = case((where.in_range(), 1), else_=0)
    year = func.substr(events.c.start, 1, 4)
    query = (
        where.query(dates=False, kind=False)
        .with_only_columns(events.c.kind, year, inside, func.count())
        .group_by(events.c.kind, year, inside)
    )
    kinds: Counter[str] = Counter()
    years: Counter[str] = Counter()
    for kind, starts, within, n in conn.execute(query):
        if within:
            kinds[kind] += n
        if starts and _of_kind(kind, where.kind):
            years[starts] += n
    left_out = undated_events(conn, where) if _dated(where) else None
    newest = None if where == EventFilter() else where.query().with_only_columns(events.c.id)
    chosen = None if newest is None else newest_events(newest).limit(FACET_EVENTS)
    return Selection(total, _most_first(kinds), _newest_first(years), left_out, chosen)


# The columns of a row `_counted_here` reads: the event's id, kind, start, and 1 if the dates
# keep it (rows of the database's own, not copied into records: there are thousands).
ID, KIND, START, INSIDE = range(4)


def _counted_here(
    conn: Connection, where: EventFilter, sort: Sort, offset: int, size: int
) -> Selection:
    """The counts, from one read of the events the filters other than the dates and the kind
    select, in the database's order of start and id."""
    query = (
        where.query(dates=False, kind=False)
        .with_only_columns(
            events.c.id, events.c.kind, events.c.start, case((where.in_range(), 1), else_=0)
        )
        .order_by(events.c.start, events.c.id)
    )
    found = conn.execute(query).all()
    kind = where.kind
    chosen = [e for e in found if e[INSIDE] and _of_kind(e[KIND], kind)]
    kinds = Counter(e[KIND] for e in found if e[INSIDE])
    years = Counter(e[START][:4] for e in found if e[START] and _of_kind(e[KIND], kind))
    undated_here = sum(1 for e in found if e[START] is None and _of_kind(e[KIND], kind))
    newest = [e[ID] for e in by_date(chosen, NEWEST)[:FACET_EVENTS]]
    page = [e[ID] for e in by_date(chosen, sort)[offset : offset + size]]
    return Selection(
        len(chosen),
        _most_first(kinds),
        _newest_first(years),
        undated_here if _dated(where) else None,
        newest,
        page if sort.key == BY_DATE.key else None,
    )


def by_date(found: Sequence[Any], sort: Sort) -> list[Any]:
    """Rows read in the database's order of start and id, oldest first (newest first when
    descending), undated last, ties by id: the order the events page and `newest_events`
    give in SQL."""
    dated = [e for e in found if e[START] is not None]
    if sort.descending:
        dated.sort(key=itemgetter(START), reverse=True)  # stable: ties stay by id
    return dated + [e for e in found if e[START] is None]


def _of_kind(kind: str, wanted: str | None) -> bool:
    return not wanted or kind == wanted


def _dated(where: EventFilter) -> bool:
    return bool(where.date_from or where.date_to) and not where.undated


def _most_first(counts: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def _newest_first(counts: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counts.items(), reverse=True)
