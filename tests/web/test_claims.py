"""The claims page: table and filters on the seed pages; the chart's geometry; figures in words."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from pressgraph.store.pages.common import ClaimView, Ref, figure, number
from pressgraph.web.chart import claim_chart, day, nice_top


def test_the_table_lists_every_claim_and_the_units(client: TestClient) -> None:
    data = client.get("/claims.json").json()
    assert data["total"] == len(data["claims"]) >= 9
    units = {u["unit"]: u["claims"] for u in data["units"]}
    assert units["country"] == 2 and units["militant"] == 1
    assert data["chart_unit"] == data["units"][0]["unit"]  # the most claimed unit
    dates = [c["date"] for c in data["claims"]]
    assert dates == sorted(dates)


def test_a_unit_and_an_entity_filter_the_claims(client: TestClient) -> None:
    militants = client.get("/claims.json", params={"unit": "militant"}).json()
    (claim,) = militants["claims"]
    assert claim["figure"] == "20,000–30,000" and claim["speaker"]["name"] == "Jehangir Khan"
    sidorov = client.get("/claims.json", params={"entity": "Anatoly Sidorov"}).json()
    assert sidorov["entity"]["id"] == "person:anatoly-sidorov"
    assert {c["figure"] for c in sidorov["claims"]} == {
        "18,000",
        "5,000",
        "over 60,000",
        "about 11,000",
    }
    isil = client.get("/claims.json", params={"entity": "org:isil"}).json()
    assert [c["subject"]["id"] for c in isil["claims"]] == ["org:isil"]


def test_the_page_draws_the_chart_with_one_point_per_claim(client: TestClient) -> None:
    html = client.get("/claims", params={"unit": "person"}).text
    svg = html.split('<svg class="chart"', 1)[1].split("</svg>", 1)[0]
    assert len(re.findall(r'<g class="point s\d">', svg)) == 2
    assert "<title>2019-10-30 · Anatoly Sidorov: 18,000 × person</title>" in svg
    assert "Anatoly Sidorov" in html.split('class="legend speakers"', 1)[1]


def test_an_unknown_unit_is_an_empty_page_not_an_error(client: TestClient) -> None:
    data = client.get("/claims.json", params={"unit": "spaceship"}).json()
    assert data["total"] == 0 and data["claims"] == [] and data["chart_unit"] == "spaceship"
    assert '<svg class="chart"' not in client.get("/claims?unit=spaceship").text


@pytest.mark.parametrize(
    ("low", "high", "approx", "words"),
    [
        (11000, 11000, "about", "about 11,000"),
        (80, 80, "over", "over 80"),
        (20000, 30000, "range", "20,000–30,000"),
        (67.6, 67.6, "exact", "67.6"),
        (1.25, 1.25, "under", "under 1.25"),
    ],
)
def test_figures_read_as_people_write_them(
    low: float, high: float, approx: str, words: str
) -> None:
    assert figure(low, high, approx) == words


def test_numbers_and_scales() -> None:
    assert (number(2000), number(1.6)) == ("2,000", "1.6")
    assert [nice_top(v) for v in (0, 7, 11, 180, 30000)] == [1.0, 10.0, 20.0, 200.0, 50000.0]
    assert day("2019-05").isoformat() == "2019-05-01" and day("2019").isoformat() == "2019-01-01"


def _claim(n: int, date: str | None, low: float, high: float, who: str | None) -> ClaimView:
    speaker = Ref(f"person:{who}", who, "person") if who else None
    approx = "range" if low != high else "exact"
    return ClaimView(
        n, "s-0", date, low, high, approx, "fighter", figure(low, high, approx), None, None,
        speaker, None, None, "text", 0, 4,
    )  # fmt: skip


def test_the_chart_places_points_by_date_and_figure() -> None:
    claims = (
        _claim(1, "2019-10-30", 11000, 11000, "Sidorov"),
        _claim(2, "2021-06-30", 20000, 30000, "Khan"),
        _claim(3, "2021-06-30", 5000, 5000, None),
        _claim(4, None, 9000, 9000, "Sidorov"),
    )
    chart = claim_chart(claims, "fighter")
    assert chart is not None and chart.undated == 1
    first, ranged, unknown = chart.points
    assert first.x < ranged.x and abs(ranged.x - unknown.x) < 30  # same day, side by side
    assert chart.bottom > first.y > ranged.y_high >= chart.top  # up is more
    assert ranged.y_high < ranged.y  # a range is a bar
    assert [label for _, label in chart.legend] == ["Sidorov", "Khan", "speaker unknown"]
    assert chart.y_ticks[-1].label == "50,000" and chart.y_ticks[0].label == "0"
    assert claim_chart(claims, "ton") is None and claim_chart(claims, None) is None
