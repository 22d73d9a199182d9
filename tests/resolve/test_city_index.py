"""The cities by every name: made from the gazetteer's records, kept in the user's cache
folder, read back by the next process; a broken or unwritable cache only costs the time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pressgraph.resolve import city_index
from pressgraph.store.db import fold

CITIES: list[dict[str, Any]] = [
    {
        "name": "Bogotá",
        "countrycode": "CO",
        "latitude": 4.6,
        "longitude": -74.08,
        "geonameid": 1,
        "population": 7_000_000,
        "alternatenames": ["Santa Fe de Bogota", "Богота", "波哥大", "BOGOTÁ"],
    },
    {
        "name": "Bogota",
        "countrycode": "US",
        "latitude": 40.87,
        "longitude": -74.03,
        "geonameid": 2,
        "population": 8_000,
        "alternatenames": [],
    },
]


CAPITALS = {"CO": "Bogota", "US": "Washington"}


def test_a_city_is_filed_under_its_names_in_latin_and_cyrillic() -> None:
    rows, keys, _ = city_index.build(CITIES, CAPITALS, fold)
    assert rows[0] == ("Bogotá", "CO", 4.6, -74.08, 1, 7_000_000)
    assert keys["bogota"] == (0, 1)  # its own name without the accent, then the other city
    assert keys["богота"] == (0,) and keys["santa fe de bogota"] == (0,)
    assert keys["bogotá"] == (0,)  # another name, by its case alone
    assert "波哥大" not in keys  # a script the sources do not use


def _city(name: str, country: str, population: int, *others: str) -> dict[str, Any]:
    return {
        "name": name,
        "countrycode": country,
        "latitude": 1.0,
        "longitude": 2.0,
        "geonameid": population,
        "population": population,
        "alternatenames": list(others),
    }


def test_a_country_is_placed_at_its_capital_else_at_its_largest_city() -> None:
    cities = [
        _city("Big Town", "AA", 900),
        _city("Capital City", "AA", 100),
        _city("Capital", "AA", 300, "Capital City"),  # the capital's name as another name
        _city("Small", "BB", 10),
        _city("Larger", "BB", 20),
        _city("Twin", "BB", 20),  # as populous as the one before: the first stays
    ]
    rows, _, points = city_index.build(cities, {"AA": "Capital City", "BB": "Nowhere"}, fold)
    assert rows[points["AA"]][0] == "Capital"  # the larger of the two known by that name
    assert rows[points["BB"]][0] == "Larger"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path


def _never() -> city_index.Index:
    raise AssertionError("the kept index should have been read")


def test_the_index_is_kept_and_read_back(cache: Path) -> None:
    made = city_index.load(lambda: city_index.build(CITIES, CAPITALS, fold))
    path = city_index.cache_file()
    assert path.parent == cache / "pressgraph" and path.exists()
    assert city_index.load(_never) == made
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left


def test_a_broken_cache_file_is_made_again(cache: Path) -> None:
    path = city_index.cache_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00not marshal")
    made = city_index.load(lambda: city_index.build(CITIES, CAPITALS, fold))
    assert made[1]["bogota"] == (0, 1)
    assert city_index.load(_never) == made  # replaced by a sound one


def test_a_cache_folder_that_cannot_be_made_costs_only_the_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken = tmp_path / "a-file"
    taken.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(taken))
    made = city_index.load(lambda: city_index.build(CITIES, CAPITALS, fold))
    assert made[1]["bogota"] == (0, 1)
    assert taken.read_text(encoding="utf-8") == "not a folder"


def test_the_countries_cities_are_kept_apart_and_read_without_the_index(cache: Path) -> None:
    made = city_index.load_points(lambda: city_index.build(CITIES, CAPITALS, fold))
    assert made == {
        "CO": ("Bogotá", "CO", 4.6, -74.08, 1, 7_000_000),
        "US": ("Bogota", "US", 40.87, -74.03, 2, 8_000),  # no Washington: the largest city
    }
    assert city_index.points_file().exists() and not city_index.cache_file().exists()
    assert city_index.load_points(_never) == made
    city_index.points_file().write_bytes(b"\x00not marshal")
    assert city_index.load_points(lambda: city_index.build(CITIES, CAPITALS, fold)) == made
