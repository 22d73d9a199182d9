"""The event pages on the seed pages: the list and its filters, one event with who took part."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import Seeded
from tests.web.test_errors import assert_error_shape

SPEAKERS_2019 = {
    "Valery Semerikov",
    "Alexander Pankin",
    "Vladimir Voronkov",
    "Jehangir Khan",
    "Marcel Peško",
    "Xie Xiaoyong",
    "Sergey Ivanov",
    "Anatoly Sidorov",
    "Sergei Pospelov",
    "Jurgen Stock",
    "Marie Dubot",
}


def _starts(client: TestClient, **params: str) -> list[str | None]:
    data = client.get("/events.json", params=params).json()
    assert data["total"] == len(data["events"])
    return [e["start"] for e in data["events"]]


def test_the_list_is_by_date_with_counts(client: TestClient) -> None:
    data = client.get("/events.json").json()
    dated = [e["start"] for e in data["events"] if e["start"]]
    # 2020-07: the UN World Counter-Terrorism Week, planned "in July 2020" on the first page
    assert dated[:4] == ["2019-10-30", "2020-07", "2021-06-28", "2022-05-24"]
    conference = data["events"][0]
    assert conference["kind"] == "conference" and conference["place"]["name"] == "Moscow"
    assert conference["people"] == 11 and conference["sources"] == 1


@pytest.mark.parametrize(
    ("params", "starts"),
    [
        ({"kind": "conference"}, ["2019-10-30", "2021-06-28"]),
        ({"kind": "meeting"}, ["2022-05-24"]),
        ({"from": "2021-01-01"}, ["2021-06-28", "2022-05-24"]),
        ({"from": "2021-06-30", "to": "2021-06-30"}, ["2021-06-28"]),  # overlaps its last day
        ({"to": "2020-01-01"}, ["2019-10-30"]),
        ({"entity": "Papikian"}, ["2022-05-24"]),
        ({"entity": "place:new-york"}, ["2021-06-28"]),
        ({"entity": "person:valery-semerikov", "kind": "conference"}, ["2019-10-30", "2021-06-28"]),
        ({"kind": "", "from": "", "entity": ""}, None),  # an empty form: no filter
    ],
)
def test_filters(client: TestClient, params: dict[str, str], starts: list[str] | None) -> None:
    found = _starts(client, **params)
    if starts is None:
        assert found == _starts(client)
    else:
        assert found == starts


@pytest.mark.parametrize(
    ("params", "status", "hint"),
    [
        ({"from": "2022-01-01", "to": "2021-01-01"}, 400, "swap them"),
        ({"kind": "party"}, 422, "'conference', 'meeting'"),
        ({"entity": "Nobody Atall"}, 404, "/entities?q=Nobody%20Atall"),
    ],
)
def test_bad_filters_say_how_to_fix_them(
    client: TestClient, params: dict[str, str], status: int, hint: str
) -> None:
    response = client.get("/events.json", params=params)
    assert response.status_code == status
    assert hint in response.json()["error"]["message"]


def test_the_2019_conference(client: TestClient, seeded: Seeded) -> None:
    data = client.get(f"/events/{seeded.conference_2019}.json").json()
    event = data["event"]
    assert (event["kind"], event["start"], event["end"]) == (
        "conference",
        "2019-10-30",
        "2019-10-30",
    )
    assert event["place"]["id"] == "place:moscow" and event["format"] == "in_person"
    assert "org:csto-secretariat" in {o["id"] for o in data["organizers"]}
    people = {p["entity"]["name"]: p["part"] for p in data["participants"]}
    people = {n: part for n, part in people.items() if n in SPEAKERS_2019}
    assert set(people) == SPEAKERS_2019 and set(people.values()) == {"speaker"}
    kinds = [p["entity"]["kind"] for p in data["participants"]]
    assert kinds == sorted(kinds, key=lambda k: k != "person")  # people first
    said = {(s["speaker"]["name"], s["quote"]) for s in data["statements"]}
    assert ("Vladimir Voronkov", True) in said
    assert {c["figure"] for c in data["claims"]} >= {"about 11,000", "over 60,000"}
    assert [s["story"]["id"] for s in data["sources"]] == [seeded.seed_000]
    assert "Moscow hosted" in data["sources"][0]["evidence"] or data["sources"][0]["evidence"]


def test_the_event_page_lists_eleven_people(client: TestClient, seeded: Seeded) -> None:
    html = client.get(f"/events/{seeded.conference_2019}").text
    people = html.split('id="participants-people"', 1)[1].split("</table>", 1)[0]
    assert "<caption>People (11)</caption>" in people
    assert people.count("<tr>") == 12  # the header and eleven people
    assert 'href="/entities/place:moscow"' in html and "in person" in html
    assert f'href="/stories/{seeded.seed_000}"' in html


def test_the_2022_meeting_was_chaired_by_video(client: TestClient, seeded: Seeded) -> None:
    data = client.get(f"/events/{seeded.meeting_2022}.json").json()
    assert data["event"]["format"] == "video" and data["chair"]["name"] == "Suren Papikian"
    parts = {p["entity"]["name"]: p["part"] for p in data["participants"]}
    assert parts["Suren Papikian"] == "chair"
    assert "by video" in client.get(f"/events/{seeded.meeting_2022}").text


def test_an_unknown_event_is_a_404_in_the_shape(client: TestClient) -> None:
    response = client.get("/events/no-such-event.json")
    assert "find the event at /events" in assert_error_shape(response.json(), 404, "Not Found")
