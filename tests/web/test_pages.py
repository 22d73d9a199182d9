"""Every page and its JSON twin, through the in-process client, on the seeded database."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from pressgraph.store.db import Database
from pressgraph.store.entities import list_entities
from pressgraph.store.queries import list_claims, list_events
from pressgraph.web.render import HOME_JSON
from tests.web.conftest import Seeded


def pages(seeded: Seeded) -> dict[str, str]:
    """Every page type at one address each: name -> path."""
    return {
        "home": "/",
        "search": "/search?q=Semerikov",
        "browse": "/search?from=2021-01-01&to=2022-12-31",
        "search-filtered": "/search?q=terrorism&entity=org:csto&kind=conference",
        "story": f"/stories/{seeded.seed_004_main}",
        "document": f"/documents/{seeded.seed_004_main.split('-')[0]}",
        "entities": "/entities?kind=person",
        "person": "/entities/person:valery-semerikov",
        "organization": "/entities/org:csto",
        "country": "/entities/country:RUS",
        "place": "/entities/place:moscow",
        "events": "/events?kind=conference",
        "event": f"/events/{seeded.conference_2019}",
        "network": "/network?people=true",
        "claims": "/claims?unit=person",
    }


def twin(path: str) -> str:
    """The JSON twin's address of a page."""
    plain, _, query = path.partition("?")
    json_path = HOME_JSON if plain == "/" else plain + ".json"
    return f"{json_path}?{query}" if query else json_path


PAGE_NAMES = [
    "home",
    "search",
    "browse",
    "search-filtered",
    "story",
    "document",
    "entities",
    "person",
    "organization",
    "country",
    "place",
    "events",
    "event",
    "network",
    "claims",
]


class _Landmarks(HTMLParser):
    """Collects the tags and ids an accessible page needs."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.ids += [v for k, v in attrs if k == "id" and v]


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_each_page_is_html_with_a_skip_link_and_one_h1(
    client: TestClient, seeded: Seeded, name: str
) -> None:
    response = client.get(pages(seeded)[name])
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert '<a class="skip-link" href="#main">' in response.text
    parsed = _Landmarks()
    parsed.feed(response.text)
    assert parsed.tags.count("h1") == 1
    assert "main" in parsed.ids
    assert len(parsed.ids) == len(set(parsed.ids)), "ids must be unique"
    assert f'href="{twin(pages(seeded)[name])}"'.replace("&", "&amp;") in response.text


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_each_json_twin_equals_the_page_asked_for_json(
    client: TestClient, seeded: Seeded, name: str
) -> None:
    path = pages(seeded)[name]
    by_suffix = client.get(twin(path))
    by_accept = client.get(path, headers={"Accept": "application/json"})
    assert by_suffix.status_code == by_accept.status_code == 200
    assert by_suffix.headers["content-type"] == "application/json"
    assert by_suffix.json() == by_accept.json()
    assert by_suffix.headers["vary"] == "Accept"


def test_home_counts_what_every_stage_stored(client: TestClient, seed_db: Database) -> None:
    data = client.get("/index.json").json()
    assert data["counts"] == {
        "documents": 3,
        "stories": 4,
        "people": len(list_entities(seed_db, "person")),
        "organizations": len(list_entities(seed_db, "organization")),
        "events": len(list_events(seed_db)),
        "claims": len(list_claims(seed_db)),
    }
    assert data["counts"]["people"] >= 11 and data["counts"]["events"] >= 3
    assert [s["date"] for s in data["latest"]] == [
        "2024-03-12",
        "2022-05-24",
        "2021-06-30",
        "2019-10-30",
    ]
    assert [e["start"] for e in data["events"]][:3] == ["2022-05-24", "2021-06-28", "2020-07"]
    html = client.get("/").text
    assert "none found yet" not in html
    assert '<input id="q" name="q" type="search"' in html
    assert 'href="/events/' in html


def test_every_page_is_in_the_navigation_and_marks_where_you_are(client: TestClient) -> None:
    html = client.get("/entities?kind=organization").text
    nav = html.split('<nav aria-label="Main">', 1)[1].split("</nav>", 1)[0]
    for href in ("/search", "/entities?kind=person", "/events", "/network", "/claims"):
        assert f'href="{href}"' in nav
    assert '<a href="/entities?kind=organization" aria-current="page">' in nav
    assert nav.count("aria-current") == 1
    assert client.get("/events.json").status_code == 200  # the twin of a nav page


def test_the_story_page_has_text_headline_date_kind_source_and_removed_details(
    client: TestClient, seeded: Seeded
) -> None:
    data = client.get(f"/stories/{seeded.seed_004_main}.json").json()
    story = data["story"]
    assert story["headline"].startswith("The CSTO Deputy Secretary General V. Semerikov")
    assert story["date"] == "2021-06-30" and story["main"] is True
    first_start, first_end = story["paragraphs"][0]
    assert story["text"][first_start:first_end].startswith("The Second Conference of the Heads")
    assert [o["id"] for o in data["others"]] == [seeded.seed_004_side]
    assert {r["kind"] for r in data["removed"]} == {
        "contact",
        "navigation",
        "repeated",
        "signature",
    }
    html = client.get(f"/stories/{seeded.seed_004_main}").text
    assert "<h1>The CSTO Deputy Secretary General V. Semerikov" in html
    assert '<time datetime="2021-06-30">' in html and "main story" in html
    assert '<details class="removed">' in html and "Back to the all news" in html
    assert f'href="/documents/{data["document"]["id"]}/source"' in html


def test_a_story_without_a_headline_is_titled_by_its_first_words(
    client: TestClient, seeded: Seeded
) -> None:
    data = client.get(f"/stories/{seeded.seed_000}.json").json()
    assert data["story"]["headline"] is None
    assert data["story"]["title"].startswith("On October 30, 2019, Moscow hosted")
    assert len(data["images"]) == 11 and data["images"][0] == "DSC_8507.JPG"
    html = client.get(f"/stories/{seeded.seed_000}").text
    assert "(no headline)" in html and "including 11 images" in html


def test_the_document_page_lists_its_stories_in_page_order(
    client: TestClient, seeded: Seeded
) -> None:
    doc_id = seeded.seed_004_main.split("-")[0]
    data = client.get(f"/documents/{doc_id}.json").json()
    assert [s["id"] for s in data["stories"]] == [seeded.seed_004_side, seeded.seed_004_main]
    assert [s["main"] for s in data["stories"]] == [False, True]
    # The title is the page's own (its main story's headline), never a file path (issue 13).
    assert data["document"]["title"].startswith("The CSTO Deputy Secretary General V. Semerikov")
    assert data["document"]["source"] == "004_99e82e53ceebd7d5.txt"  # a file named: its name
    assert data["document"]["story_count"] == 2
    html = client.get(f"/documents/{doc_id}").text
    assert html.count('<article class="story"') == 2


def test_a_document_prefix_works_and_the_source_is_plain_text(
    client: TestClient, seeded: Seeded
) -> None:
    doc_id = seeded.seed_000.split("-")[0]
    assert client.get(f"/documents/{doc_id[:6]}.json").json()["document"]["id"] == doc_id
    source = client.get(f"/documents/{doc_id}/source")
    assert source.headers["content-type"].startswith("text/plain")
    assert source.headers["x-content-type-options"] == "nosniff"
    assert "DSC_8507.JPG" in source.text


def test_static_files_are_served_from_the_package(client: TestClient) -> None:
    css = client.get("/static/app.css")
    assert css.status_code == 200 and ":focus-visible" in css.text
    assert client.get("/static/favicon.svg").status_code == 200


def test_every_response_forbids_outside_and_inline_scripts(client: TestClient) -> None:
    policy = client.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in policy and "default-src 'self'" in policy
