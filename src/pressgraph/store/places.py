"""The `places` table: every place and country entity with coordinates, for the map.

Rebuilt with the other derived tables (store/derived.py calls `refresh_places`), from the
entities and the stories that mention them; the gazetteer work is in resolve/geocode.py. A
place the gazetteer does not know as a city (a region, a building, "Central Asia") gets no
row, and the map page says how many events it cannot draw.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from typing import Any

from sqlalchemy import ColumnElement, Connection, delete, func, insert, select, true

from pressgraph.store.schema import entities, entity_stories, places

COUNTRY = "country:"


def refresh_places(conn: Connection, only: set[str] | None = None) -> int:
    """Geocode every place and country entity again (those of `only`); return how many
    have coordinates."""
    chosen = _only(only)
    conn.execute(delete(places).where(chosen(places.c.entity_id)))
    wanted = list(
        conn.execute(
            select(entities.c.id, entities.c.kind, entities.c.name, entities.c.aliases).where(
                entities.c.kind.in_(("place", "country")), chosen(entities.c.id)
            )
        )
    )
    if not wanted:
        return 0
    from pressgraph.resolve import geocode  # the gazetteer loads only when there are places

    around = _countries_around(conn, chosen)
    counts = _story_counts(conn, chosen)
    rows = []
    for entity_id, kind, name, aliases in wanted:
        if kind == "country":
            geo = geocode.country_point(entity_id.removeprefix(COUNTRY))
        else:
            seen = around.get(entity_id, Counter())
            geo = geocode.geocode([name, *_names(aliases)], seen, counts.get(entity_id, 0))
        if geo is not None:
            rows.append(
                {
                    "entity_id": entity_id,
                    "name": name if kind == "country" else geo.name,
                    "country": geo.country,
                    "latitude": geo.latitude,
                    "longitude": geo.longitude,
                    "precision": geo.precision,
                    "geonameid": geo.geonameid,
                    "population": geo.population,
                    "stories": counts.get(entity_id, 0),
                    "stage": geocode.STAGE,
                }
            )
    if rows:
        conn.execute(insert(places), rows)
    return len(rows)


def _names(aliases: str) -> list[str]:
    import json

    found = json.loads(aliases or "[]")
    return [a for a in found if isinstance(a, str)]


def _only(ids: set[str] | None) -> Callable[[Any], ColumnElement[bool]]:
    """A condition maker: the column is one of `ids` (any value with None)."""
    wanted = sorted(i for i in ids or () if i.startswith(("place:", COUNTRY)))
    return lambda column: true() if ids is None else column.in_(wanted)


def _countries_around(
    conn: Connection, chosen: Callable[[Any], ColumnElement[bool]]
) -> dict[str, Counter[str]]:
    """Place entity -> how many of its stories mention each country (alpha-3 code)."""
    place = entity_stories.alias("place")
    country = entity_stories.alias("country")
    query = (
        select(place.c.entity_id, country.c.entity_id, func.count())
        .join(country, country.c.story_id == place.c.story_id)
        .where(
            place.c.entity_id.startswith("place:"),
            country.c.entity_id.startswith(COUNTRY),
            chosen(place.c.entity_id),
        )
        .group_by(place.c.entity_id, country.c.entity_id)
    )
    found: dict[str, Counter[str]] = defaultdict(Counter)
    for place_id, country_id, n in conn.execute(query):
        found[place_id][country_id.removeprefix(COUNTRY)] += int(n)
    return found


def _story_counts(conn: Connection, chosen: Callable[[Any], ColumnElement[bool]]) -> dict[str, int]:
    query = (
        select(entity_stories.c.entity_id, func.count())
        .where(
            entity_stories.c.entity_id.startswith("place:")
            | entity_stories.c.entity_id.startswith(COUNTRY),
            chosen(entity_stories.c.entity_id),
        )
        .group_by(entity_stories.c.entity_id)
    )
    return {str(e): int(n) for e, n in conn.execute(query)}
