"""The CSV twins of the table pages (same view and query as the HTML and JSON), their download
links, and the Atom feeds (parsed with feedparser)."""

from __future__ import annotations

import csv
import io
from typing import Any

import feedparser
import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import Seeded


def rows(client: TestClient, address: str) -> list[dict[str, str]]:
    """The CSV twin at `address`, checked for type, name and byte order mark, as dicts."""
    response = client.get(address)
    assert response.status_code == 200, address
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"].startswith("attachment; filename=")
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    ("page", "key", "field"),
    [
        ("/events?kind=conference", "events", "id"),
        ("/events?entity=Semerikov", "events", "id"),
        ("/claims?unit=militant", "claims", "id"),
        ("/entities?kind=person&q=Sem", "entities", "entity.id"),
        ("/search?q=Semerikov", "hits", "story"),
    ],
)
def test_a_table_page_and_its_csv_twin_hold_the_same_rows(
    client: TestClient, page: str, key: str, field: str
) -> None:
    path, _, query = page.partition("?")
    twin = client.get(f"{path}.json?{query}").json()

    def pick(item: dict[str, Any]) -> str:
        for part in field.split("."):
            item = item[part]
        return str(item)

    shown = [pick(item) for item in twin[key]]
    assert shown, page
    first = {"entities": "id", "hits": "story"}.get(key, "id")
    assert [r[first] for r in rows(client, f"{path}.csv?{query}")] == shown
    html = client.get(page).text
    assert f'href="{path}.csv?{query.replace("&", "&amp;")}" download' in html


def test_the_csv_twin_holds_every_row_not_one_page(client: TestClient) -> None:
    everyone = client.get("/entities.json?page=1").json()
    assert everyone["total"] > 60
    listed = rows(client, "/entities.csv?page=2")
    assert len(listed) == everyone["total"]


def test_the_posts_and_officials_of_an_entity_as_csv(client: TestClient) -> None:
    posts = rows(client, "/entities/person:valery-semerikov/posts.csv")
    page = client.get("/entities/person:valery-semerikov.json").json()
    assert [(p["title"], p["first"]) for p in posts] == [
        (p["title"], p["first"]) for p in page["posts"]
    ]
    assert {"Acting Secretary General", "Deputy Secretary General"} <= {p["title"] for p in posts}
    officials = rows(client, "/entities/org:csto/officials.csv")
    assert "person:valery-semerikov" in {o["person"] for o in officials}
    html = client.get("/entities/org:csto").text
    assert 'href="/entities/org:csto/officials.csv" download' in html


def test_a_cell_that_looks_like_a_formula_is_defused(client: TestClient, seeded: Seeded) -> None:
    found = rows(client, "/search.csv?q=alert")
    assert found and all(not v.startswith(("=", "+", "@")) for r in found for v in r.values())


def feed(client: TestClient, address: str) -> Any:
    response = client.get(address)
    assert response.status_code == 200, address
    assert response.headers["content-type"] == "application/atom+xml; charset=utf-8"
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, (address, parsed.get("bozo_exception"))
    assert parsed.version == "atom10"
    return parsed


def test_every_entity_has_a_valid_atom_feed(client: TestClient) -> None:
    everyone = client.get("/entities.json?page=1").json()["entities"]
    everyone += client.get("/entities.json?page=2").json()["entities"]
    for item in everyone:
        parsed = feed(client, f"/entities/{item['entity']['id']}.atom")
        dates = [e.updated for e in parsed.entries]
        assert dates == sorted(dates, reverse=True), item["entity"]["id"]  # newest first


def test_a_person_feed_has_events_posts_statements_and_claims(client: TestClient) -> None:
    parsed = feed(client, "/entities/person:valery-semerikov.atom")
    assert parsed.feed.title.startswith("Valery Semerikov")
    ids = [e.id for e in parsed.entries]
    for kind in ("event/", "post/", "statement/", "claim/"):
        assert any(kind in i for i in ids), kind
    for entry in parsed.entries:
        assert entry.link.startswith("http://testserver/stories/") or "/events/" in entry.link
    assert len(set(ids)) == len(ids)
    page = client.get("/entities/person:valery-semerikov").text
    assert 'type="application/atom+xml" href="/entities/person:valery-semerikov.atom"' in page


def test_the_events_feed_per_kind_and_the_search_feed(client: TestClient, seeded: Seeded) -> None:
    conferences = feed(client, "/events.atom?kind=conference")
    assert [e.link.rsplit("/", 1)[-1] for e in conferences.entries][-1] == seeded.conference_2019
    assert all("conference" in e.summary for e in conferences.entries)
    found = feed(client, "/search.atom?q=Semerikov")
    assert [e.link.rsplit("/", 1)[-1] for e in found.entries] == [
        seeded.seed_004_main,
        seeded.seed_000,
    ]  # newest first
    assert feed(client, "/search.atom?q=nothing-like-this").entries == []
