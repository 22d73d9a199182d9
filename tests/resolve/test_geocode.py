"""Places on the map: a city by its names and the countries its stories name; a country at
its capital, found without indexing every city name of the world."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from pressgraph.resolve import geocode


def test_a_country_is_placed_at_its_capital() -> None:
    kazakhstan = geocode.country_point("KAZ")
    assert kazakhstan is not None
    assert (kazakhstan.name, kazakhstan.country, kazakhstan.precision) == (
        "Kazakhstan",
        "KAZ",
        "country",
    )
    astana = geocode.geocode(["Astana"], Counter({"KAZ": 1}), 1)
    assert astana is not None and astana.country == "KAZ"
    assert (kazakhstan.latitude, kazakhstan.longitude) == (astana.latitude, astana.longitude)
    assert geocode.country_point("XXX") is None


def _forget() -> None:
    for cached in (
        geocode.country_point,
        geocode._country_cities,
        geocode._index,
        geocode._city,
        geocode._geonames,
    ):
        cached.cache_clear()


def test_placing_a_country_reads_its_kept_city_not_the_index_nor_the_gazetteer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    _forget()
    assert geocode.country_point("KAZ") is not None  # the index is made, and kept, once
    assert list((tmp_path / "pressgraph").glob("cities-*.marshal"))
    assert list((tmp_path / "pressgraph").glob("country-cities-*.marshal"))
    _forget()
    tajikistan = geocode.country_point("TJK")
    assert tajikistan is not None and 38 < tajikistan.latitude < 39  # Dushanbe
    assert geocode._geonames.cache_info().currsize == 0  # its JSON files: not read
    assert geocode._index.cache_info().currsize == 0  # nor the 34,000 cities


@pytest.mark.parametrize(
    ("name", "countries", "country"),
    [
        ("Moscow", Counter({"RUS": 3}), "RUS"),
        ("Bogota", Counter(), "COL"),  # the accent folded away
        ("Moscow", Counter({"USA": 5}), "USA"),  # Moscow, Idaho, when the stories are American
    ],
)
def test_a_city_is_the_one_its_stories_point_to(
    name: str, countries: Counter[str], country: str
) -> None:
    found = geocode.geocode([name], countries, 5)
    assert found is not None and found.country == country and found.precision == "city"
