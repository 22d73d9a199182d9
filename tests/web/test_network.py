"""The network page: organizations linked by relations and shared events, by date range."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient


def _graph(client: TestClient, **params: str) -> dict[str, Any]:
    response = client.get("/network.json", params=params)
    assert response.status_code == 200
    data: dict[str, Any] = response.json()
    ids = [n["id"] for n in data["nodes"]]
    assert len(ids) == len(set(ids))
    assert all(e["source"] in ids and e["target"] in ids for e in data["edges"])
    return data


def _links(data: dict[str, Any], a: str, b: str) -> set[str]:
    return {e["kind"] for e in data["edges"] if {e["source"], e["target"]} == {a, b}}


def test_the_csto_links_to_the_un_by_relations_and_shared_events(client: TestClient) -> None:
    data = _graph(client)
    assert {"org:csto", "org:un"} <= {n["id"] for n in data["nodes"]}
    assert _links(data, "org:csto", "org:un") >= {"memorandum", "co-participation"}
    shared = [
        e
        for e in data["edges"]
        if e["kind"] == "co-participation" and {e["source"], e["target"]} == {"org:csto", "org:un"}
    ]
    assert shared[0]["count"] == 2 and len(shared[0]["events"]) == 2  # 2019 and 2021
    assert {n["kind"] for n in data["nodes"]} == {"organization"}


def test_bodies_count_as_their_organization_unless_asked(client: TestClient) -> None:
    folded = _graph(client)
    assert ("org:csto", "org:nato") in {
        (e["source"], e["target"]) for e in folded["edges"] if e["kind"] == "appeal"
    }
    assert "org:csto-secretariat" not in {n["id"] for n in folded["nodes"]}
    apart = _graph(client, bodies="true")
    appeal = [e for e in apart["edges"] if e["kind"] == "appeal"]
    assert appeal[0]["source"] == "org:csto-council-foreign-ministers"


def test_the_date_range_filters_events_and_relations(client: TestClient) -> None:
    only_2019 = _graph(client, **{"from": "2019-01-01", "to": "2019-12-31"})
    shared = [
        e
        for e in only_2019["edges"]
        if e["kind"] == "co-participation" and {e["source"], e["target"]} == {"org:csto", "org:un"}
    ]
    assert shared[0]["count"] == 1 and shared[0]["first"] == "2019-10-30"
    after = _graph(client, **{"from": "2019-06-01"})
    assert "appeal" not in {e["kind"] for e in after["edges"]}  # dated 2019-05
    nothing = _graph(client, **{"from": "2030-01-01"})
    assert nothing["nodes"] == [] and nothing["edges"] == []
    assert "No links in this date range." in client.get("/network?from=2030-01-01").text


def test_people_are_shown_when_asked(client: TestClient) -> None:
    data = _graph(client, people="true")
    people = {n["id"] for n in data["nodes"] if n["kind"] == "person"}
    assert "person:valery-semerikov" in people
    assert _links(data, "person:valery-semerikov", "person:vladimir-voronkov") == {
        "co-participation"
    }


def test_the_page_ships_its_graph_library_and_lists_every_link(client: TestClient) -> None:
    html = client.get("/network").text
    assert '<script src="/static/vendor/cytoscape.min.js" defer></script>' in html
    assert 'id="__________cytoscape_stylesheet"' in html
    assert "cdn" not in html.lower() and "https://" not in html.split("<main", 1)[1]
    library = client.get("/static/vendor/cytoscape.min.js")
    assert library.status_code == 200 and len(library.content) > 100_000
    assert client.get("/static/vendor/cytoscape.LICENSE").status_code == 200
    assert 'href="/entities/org:un"' in html and "memorandum" in html
