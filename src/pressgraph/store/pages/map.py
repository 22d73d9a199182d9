"""The map page: events by where they were held, and the stories that mention each place,
within a date range and of a kind. Points are places and countries with coordinates (the
`places` table, store/places.py); what cannot be drawn is counted, so the page can say so.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, func, select

from pressgraph.store.db import Database
from pressgraph.store.pages.common import Ref, event_title
from pressgraph.store.pages.event_selection import EventFilter, undated_events
from pressgraph.store.pages.listing import Facet, facet
from pressgraph.store.schema import entities, entity_stories, events, places

LATEST = 5  # events listed with each point, newest first


@dataclass(frozen=True)
class MapEvent:
    """An event as a point's popup lists it."""

    id: str
    title: str
    kind: str
    start: str | None


@dataclass(frozen=True)
class MapPoint:
    """A place (or a country, drawn at its capital) with its events and stories in range."""

    place: Ref
    name: str  # the gazetteer's name ("New York City")
    country: str | None  # ISO 3166 alpha-3 code
    latitude: float
    longitude: float
    precision: str  # city | country
    events: int
    stories: int
    latest: tuple[MapEvent, ...]


@dataclass(frozen=True)
class MapPage:
    """Points to draw, and what the filters select that the map cannot show."""

    date_from: str | None
    date_to: str | None
    kind: str | None
    undated: bool
    points: tuple[MapPoint, ...]  # most events first
    events: int  # events the filters select
    drawn: int  # of them, at a point of the map
    no_place: int  # with no place given
    not_found: int  # with a place the gazetteer does not know
    left_out: int | None  # undated events the dates leave out (None: no date filter)
    facets: tuple[Facet, ...] = ()


def map_page(
    db: Database,
    *,
    date_from: str | None,
    date_to: str | None,
    kind: str | None,
    undated: bool = False,
) -> MapPage:
    """The points of the events and stories in range; counts of what is not drawn."""
    where = EventFilter(date_from, date_to, (), kind, undated)
    chosen = where.query().with_only_columns(events.c.id, events.c.place_id).subquery()
    with db.read() as conn:
        per_place: dict[str | None, int] = {
            p: int(n)
            for p, n in conn.execute(
                select(chosen.c.place_id, func.count()).group_by(chosen.c.place_id)
            )
        }
        known = _known(conn)
        latest = _latest(conn, chosen, set(known) & set(per_place))
        stories = _stories(conn, date_from, date_to, undated)
        kinds = _kinds(conn, EventFilter(date_from, date_to, (), None, undated))
        left_out = undated_events(conn, where) if (date_from or date_to) and not undated else None
    points = [
        MapPoint(
            Ref(eid, row["entity_name"], row["kind"]), row["name"], row["country"],
            row["latitude"], row["longitude"], row["precision"], per_place.get(eid, 0),
            stories.get(eid, 0), tuple(latest.get(eid, ())),
        )
        for eid, row in known.items()
        if per_place.get(eid) or stories.get(eid)
    ]  # fmt: skip
    points.sort(key=lambda p: (-p.events, -p.stories, p.name))
    total = sum(per_place.values())
    drawn = sum(n for p, n in per_place.items() if p in known)
    no_place = per_place.get(None, 0)
    return MapPage(
        date_from, date_to, kind, undated, tuple(points), total, drawn, no_place,
        total - drawn - no_place, left_out, (facet("kind", "Kind", kinds, {}),),
    )  # fmt: skip


def _known(conn: Connection) -> dict[str, Any]:
    """Entity id -> its coordinates and names, for every place and country on the map."""
    query = select(places, entities.c.name.label("entity_name"), entities.c.kind).join(
        entities, entities.c.id == places.c.entity_id
    )
    return {r["entity_id"]: r for r in conn.execute(query).mappings()}


def _latest(conn: Connection, chosen: Any, wanted: set[str]) -> dict[str, list[MapEvent]]:
    """The newest LATEST events of each wanted place among the chosen ones."""
    rank = (
        func.row_number()
        .over(partition_by=events.c.place_id, order_by=(events.c.start.desc(), events.c.id))
        .label("rank")
    )
    ranked = (
        select(events.c.id, events.c.kind, events.c.name, events.c.start, events.c.place_id, rank)
        .where(events.c.id.in_(select(chosen.c.id)), events.c.place_id.in_(sorted(wanted)))
        .subquery()
    )
    found: dict[str, list[MapEvent]] = defaultdict(list)
    for r in conn.execute(select(ranked).where(ranked.c.rank <= LATEST)).mappings():
        title = event_title(r["kind"], r["name"], None)
        found[r["place_id"]].append(MapEvent(r["id"], title, r["kind"], r["start"]))
    return found


def _stories(
    conn: Connection, date_from: str | None, date_to: str | None, undated: bool
) -> dict[str, int]:
    """Place or country -> stories in the date range that mention it."""
    dated: list[ColumnElement[bool]] = [entity_stories.c.entity_id.in_(select(places.c.entity_id))]
    if undated:
        dated.append(entity_stories.c.date.is_(None))
    if date_from:
        dated.append(entity_stories.c.date >= date_from)
    if date_to:
        dated.append(entity_stories.c.date <= date_to)
    query = (
        select(entity_stories.c.entity_id, func.count())
        .where(and_(*dated))
        .group_by(entity_stories.c.entity_id)
    )
    return {str(e): int(n) for e, n in conn.execute(query)}


def _kinds(conn: Connection, where: EventFilter) -> list[tuple[str, int]]:
    query = (
        where.query()
        .with_only_columns(events.c.kind, func.count())
        .group_by(events.c.kind)
        .order_by(func.count().desc())
    )
    return [(str(k), int(n)) for k, n in conn.execute(query)]
