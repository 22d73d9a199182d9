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

from pressgraph.store.chunks import chunked
from pressgraph.store.schema import entities, entity_counts, entity_stories, place_countries, places

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

    around = _countries_around(conn, chosen) if only is None else _kept_around(conn, chosen)
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


def fill_place_countries(conn: Connection) -> None:
    """Count again, for every place, the stories that mention it with each country."""
    conn.execute(delete(place_countries))
    rows = [
        {"place_id": place_id, "country_id": COUNTRY + code, "stories": n}
        for place_id, counted in _countries_around(conn, lambda _: true()).items()
        for code, n in counted.items()
    ]
    if rows:
        conn.execute(insert(place_countries), rows)


def pairs_in(conn: Connection, story_ids: list[str]) -> Counter[tuple[str, str]]:
    """(place, country) -> how many of these stories mention both, from `entity_stories`."""
    found: Counter[tuple[str, str]] = Counter()
    for chunk in chunked(story_ids):
        query = select(entity_stories.c.story_id, entity_stories.c.entity_id).where(
            entity_stories.c.story_id.in_(chunk),
            entity_stories.c.entity_id.startswith("place:")
            | entity_stories.c.entity_id.startswith(COUNTRY),
        )
        per_story: dict[str, list[str]] = defaultdict(list)
        for story_id, entity_id in conn.execute(query):
            per_story[story_id].append(entity_id)
        for ids in per_story.values():
            found.update(
                (p, c) for p in ids if p.startswith("place:") for c in ids if c.startswith(COUNTRY)
            )
    return found


def add_place_countries(
    conn: Connection, before: Counter[tuple[str, str]], after: Counter[tuple[str, str]]
) -> None:
    """Take the counts of stories `before` out of the kept ones and add those `after`."""
    change = {k: after[k] - before[k] for k in {*before, *after} if after[k] != before[k]}
    if not change:
        return
    kept: dict[tuple[str, str], int] = {}
    for chunk in chunked(sorted({p for p, _ in change})):
        query = select(place_countries).where(place_countries.c.place_id.in_(chunk))
        kept.update(((r[0], r[1]), r[2]) for r in conn.execute(query))
    for (place_id, country_id), delta in sorted(change.items()):
        key = place_countries.c.place_id == place_id, place_countries.c.country_id == country_id
        n = kept.get((place_id, country_id), 0) + delta
        if (place_id, country_id) in kept:
            conn.execute(delete(place_countries).where(*key))
        if n > 0:
            conn.execute(
                insert(place_countries).values(place_id=place_id, country_id=country_id, stories=n)
            )


def _kept_around(
    conn: Connection, chosen: Callable[[Any], ColumnElement[bool]]
) -> dict[str, Counter[str]]:
    """`_countries_around` from the kept counts."""
    query = select(place_countries).where(chosen(place_countries.c.place_id))
    found: dict[str, Counter[str]] = defaultdict(Counter)
    for place_id, country_id, n in conn.execute(query):
        found[place_id][country_id.removeprefix(COUNTRY)] += int(n)
    return found


def _story_counts(conn: Connection, chosen: Callable[[Any], ColumnElement[bool]]) -> dict[str, int]:
    """The stories of each place and country, as kept in `entity_counts` (filled, or moved by
    a batch, before the places are): counting a country's rows of `entity_stories` read
    tens of thousands for every page that named it."""
    c = entity_counts.c
    query = select(c.entity_id, c.stories).where(
        c.entity_id.startswith("place:") | c.entity_id.startswith(COUNTRY), chosen(c.entity_id)
    )
    return {str(e): int(n) for e, n in conn.execute(query)}
