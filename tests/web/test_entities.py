"""The entity pages on the seed pages: the list with mention counts, a person, an organization."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import SCRIPT, Seeded
from tests.web.test_errors import assert_error_shape

SEMERIKOV = "person:valery-semerikov"


@pytest.fixture(scope="module")
def semerikov(client: TestClient) -> dict[str, Any]:
    """Valery Semerikov's page as JSON."""
    response = client.get(f"/entities/{SEMERIKOV}.json")
    assert response.status_code == 200
    data: dict[str, Any] = response.json()
    return data


def test_the_list_counts_mentions_most_mentioned_first(client: TestClient) -> None:
    data = client.get("/entities.json", params={"kind": "person"}).json()
    assert data["kind"] == "person" and data["total"] == len(data["entities"])
    counts = [e["mentions"] for e in data["entities"]]
    assert counts == sorted(counts, reverse=True) and counts[0] > 1
    assert {e["entity"]["kind"] for e in data["entities"]} == {"person"}
    names = {e["entity"]["name"] for e in data["entities"]}
    assert {"Valery Semerikov", "Vladimir Voronkov", "Suren Papikian"} <= names


def test_the_list_filters_by_a_spelling_and_links_each_entity(client: TestClient) -> None:
    found = client.get("/entities.json", params={"q": "Peshko"}).json()
    assert [e["entity"]["id"] for e in found["entities"]] == ["person:marcel-pesko"]
    html = client.get("/entities", params={"q": "semerikov"}).text
    assert f'href="/entities/{SEMERIKOV}"' in html
    assert "V. Semerikov" in html  # the spellings column


def test_a_bad_kind_is_a_422_naming_the_kinds(client: TestClient) -> None:
    response = client.get("/entities.json", params={"kind": "ship"})
    message = assert_error_shape(response.json(), 422, "Unprocessable Entity")
    assert "'person', 'organization', 'country' or 'place'" in message
    assert client.get("/entities.json", params={"kind": ""}).status_code == 200  # form: any


def test_a_persons_posts_over_time(semerikov: dict[str, Any]) -> None:
    posts = {(p["title"], p["organization"]["id"], p["first"]) for p in semerikov["posts"]}
    assert ("Acting Secretary General", "org:csto", "2019-10-30") in posts
    assert ("Deputy Secretary General", "org:csto", "2021-06-30") in posts
    firsts = [p["first"] for p in semerikov["posts"]]
    assert firsts == sorted(firsts)
    evidence = semerikov["posts"][0]["evidence"][0]
    assert "Acting Secretary General" in evidence["text"] and evidence["story"]


def test_a_persons_names_events_statements_claims_and_companions(
    semerikov: dict[str, Any], seeded: Seeded
) -> None:
    entity = semerikov["entity"]
    assert entity["aliases"] == ["Valery Semerikov", "Semerikov", "V. Semerikov"]
    spellings = {s["text"] for s in semerikov["spellings"]}
    assert {"Valery Semerikov", "V. Semerikov", "Semerikov"} <= spellings
    attended = {a["event"]["id"]: a["part"] for a in semerikov["events"]}
    assert attended[seeded.conference_2019] == "speaker"
    assert semerikov["events_total"] == len(attended) >= 2
    quotes = [s for s in semerikov["statements"] if s["quote"]]
    assert any(q["text"].startswith("In 2022 the CSTO will celebrate") for q in quotes)
    assert semerikov["statements_total"] >= 10
    claims = {(c["figure"], c["unit"]) for c in semerikov["claims"]}
    assert ("over 80", "country") in claims
    people = [(c["entity"]["id"], c["stories"]) for c in semerikov["people"]]
    orgs = [(c["entity"]["id"], c["stories"]) for c in semerikov["organizations"]]
    assert len(people) == 8 and SEMERIKOV not in dict(people)  # the top eight
    assert orgs[0] == ("org:csto", 2)  # in both his stories, so first
    assert [n for _, n in orgs] == sorted((n for _, n in orgs), reverse=True)


def test_the_person_page_shows_a_timeline_and_marks_quotes(client: TestClient) -> None:
    html = client.get(f"/entities/{SEMERIKOV}").text
    timeline = html.split('<ol class="timeline">', 1)[1].split("</ol>", 1)[0]
    acting = timeline.index("Acting Secretary General")
    deputy = timeline.index("Deputy Secretary General")
    assert timeline.index('datetime="2019-10-30"') < acting < deputy
    assert timeline.index('datetime="2021-06-30"') < deputy
    assert '<blockquote class="quote">' in html and "badge-quote" in html
    assert 'href="/claims?entity=person:valery-semerikov"' not in html  # few claims: no "see all"


def test_a_name_or_spelling_finds_the_same_page(client: TestClient) -> None:
    by_name = client.get("/entities/V. Semerikov.json").json()
    assert by_name["entity"]["id"] == SEMERIKOV


def test_an_unknown_entity_is_a_404_that_says_where_to_look(client: TestClient) -> None:
    response = client.get("/entities/person:nobody.json")
    message = assert_error_shape(response.json(), 404, "Not Found")
    assert "/entities?q=person%3Anobody" in message
    page = client.get("/entities/person:nobody")
    assert page.status_code == 404 and "Go to the home page" in page.text


def test_an_organization_has_bodies_officials_relations_and_its_bodies_events(
    client: TestClient, seeded: Seeded
) -> None:
    data = client.get("/entities/org:csto.json").json()
    bodies = {b["id"] for b in data["bodies"]}
    assert {"org:csto-secretariat", "org:csto-joint-staff"} <= bodies
    officials = {(p["person"]["name"], p["title"], p["first"]) for p in data["officials"]}
    assert ("Stanislav Zas", "Secretary General", "2022-05-24") in officials
    assert ("Valery Semerikov", "Acting Secretary General", "2019-10-30") in officials
    firsts = [p["first"] for p in data["officials"]]
    assert firsts == sorted(firsts)
    kinds = {(r["source"]["id"], r["kind"], r["target"]["id"]) for r in data["relations"]}
    assert ("org:csto", "memorandum", "org:un") in kinds
    assert any(k == "appeal" for _, k, _ in kinds)  # made by its Council of Foreign Ministers
    events = {a["event"]["id"]: a["part"] for a in data["events"]}
    assert events.get(seeded.conference_2019) == "organizer"  # through its Secretariat
    claims = {(c["figure"], c["authority"]["id"]) for c in data["claims"] if c["authority"]}
    assert ("about 11,000", "org:csto-joint-staff") in claims


def test_an_organizations_events_are_newest_first_with_the_undated_last(
    client: TestClient, seeded: Seeded
) -> None:
    data = client.get("/entities/org:csto.json").json()
    starts = [a["event"]["start"] for a in data["events"]]
    dated = [s for s in starts if s]
    assert dated == sorted(dated, reverse=True) and starts[: len(dated)] == dated
    # the Combat Brotherhood training has no date in its story: it comes last
    assert starts[-1] is None and data["events"][-1]["event"]["kind"] == "training"
    # its own events and its bodies': the 2019 conference is there through the Secretariat,
    # the 2022 meeting through the Council of Defence Ministers
    assert data["events_total"] == len(data["events"]) == 4
    assert seeded.meeting_2022 in {a["event"]["id"] for a in data["events"]}


def test_the_organization_page_shows_its_sections(client: TestClient) -> None:
    html = client.get("/entities/org:csto").text
    for heading in ("Officials by date", "Relations with other organizations", "Bodies"):
        assert heading in html
    assert "Posts held over time" not in html
    assert 'href="/entities/org:csto-secretariat"' in html


def test_every_entity_page_escapes_document_text(client: TestClient) -> None:
    html = client.get("/entities/org:csto-secretariat").text
    main = html.split('<main id="main"', 1)[1]
    assert SCRIPT not in main and "<script" not in main
    assert "<mark>CSTO Secretariat</mark> &amp; the &#34;press service&#34; reviewed it." in main
