"""Curation on the web: off by default; with `serve --curate`, only a curator with the token
(header, or the login form's session with its CSRF token) may judge; merged entities redirect;
rejected facts leave the pages and show struck through to curators."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from pressgraph.store.db import Database
from pressgraph.web.app import create_app
from tests.resolve.test_judgements import copy_of
from tests.web.conftest import Seeded

TOKEN = "a-curation-token-for-tests-only"
KHAN, VORONKOV = "person:jehangir-khan", "person:vladimir-voronkov"


@pytest.fixture
def curated(seeded: Seeded, tmp_path: Path) -> Iterator[TestClient]:
    """A client of a curated site over a copy of the seeded database."""
    db = Database(copy_of(seeded, tmp_path / "curated.db"))
    with TestClient(create_app(db, curate_token=TOKEN), raise_server_exceptions=False) as c:
        yield c
    db.close()


def logged_in(client: TestClient, name: str = "Ann") -> str:
    """Log in through the form; return the CSRF token the entity page's forms carry."""
    response = client.post(
        "/login",
        data={"name": name, "token": TOKEN, "next": "/entities/org:csto"},
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == "/entities/org:csto"
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    page = client.get("/entities/org:csto").text
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
    assert found is not None
    return found.group(1)


def test_the_site_is_read_only_without_curate(client: TestClient) -> None:
    form = {"action": "merge", "target": KHAN, "other": VORONKOV, "why": "x"}
    headers = {"Accept": "application/json", "X-Pressgraph-Token": TOKEN}
    response = client.post("/curate/judge", data=form, headers=headers)
    assert response.status_code == 403
    assert "serve --curate" in response.json()["error"]["message"]
    assert client.get("/login").status_code == 404
    assert "Curate this entity" not in client.get(f"/entities/{KHAN}").text


def test_a_judgement_needs_the_token(curated: TestClient) -> None:
    form = {"action": "merge", "target": KHAN, "other": VORONKOV, "why": "one man"}
    refused = curated.post("/curate/judge", data=form, headers={"Accept": "application/json"})
    assert refused.status_code == 403
    assert "log in at /login" in refused.json()["error"]["message"]
    wrong = curated.post("/curate/judge", data=form, headers={"X-Pressgraph-Token": "guess"})
    assert wrong.status_code == 403
    made = curated.post(
        "/curate/judge",
        data=form,
        headers={"Authorization": f"Bearer {TOKEN}", "X-Pressgraph-Curator": "Bot"},
    )
    assert made.status_code == 201
    judgement = made.json()["judgement"]
    assert (judgement["status"], judgement["who"], judgement["action"]) == (
        "applied",
        "Bot",
        "merge",
    )


def test_the_login_form_and_csrf(curated: TestClient) -> None:
    bad = curated.post("/login", data={"name": "Ann", "token": "nope"})
    assert bad.status_code == 403 and "Wrong token" in bad.text
    assert curated.get("/login?token=" + TOKEN).status_code == 200  # a URL never logs in
    assert "Curate this entity" not in curated.get(f"/entities/{KHAN}").text
    csrf = logged_in(curated)
    form = {"action": "note", "target": KHAN, "value": "UN CTED", "why": "x", "next": "/x"}
    stale = curated.post("/curate/judge", data=form, follow_redirects=False)
    assert stale.status_code == 403 and "reload the page" in stale.text
    foreign = curated.post(
        "/curate/judge",
        data={**form, "csrf": csrf},
        headers={"Origin": "https://evil.example"},
        follow_redirects=False,
    )
    assert foreign.status_code == 403
    done = curated.post("/curate/judge", data={**form, "csrf": csrf}, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/x"
    page = curated.get(f"/entities/{KHAN}").text
    assert "UN CTED" in page and "note by Ann" in page
    assert "curating as Ann" in page


def test_a_merge_redirects_and_a_reject_is_struck_through(curated: TestClient) -> None:
    csrf = logged_in(curated)
    merge = {"action": "merge", "target": KHAN, "other": VORONKOV, "why": "one man", "csrf": csrf}
    done = curated.post("/curate/judge", data=merge, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == f"/entities/{VORONKOV}"
    moved = curated.get(f"/entities/{KHAN}?x=1", follow_redirects=False)
    assert moved.status_code == 301 and moved.headers["location"] == f"/entities/{VORONKOV}?x=1"
    assert curated.get(f"/entities/{KHAN}.json", follow_redirects=False).headers["location"] == (
        f"/entities/{VORONKOV}.json"
    )
    assert curated.get(f"/entities/{KHAN}.atom", follow_redirects=False).status_code == 301

    claim = next(c for c in curated.get("/claims.json?unit=militant").json()["claims"])
    key = f"claim:{claim['story']}#{claim['start']}-{claim['end']}"
    page = curated.get(f"/entities/{VORONKOV}").text
    assert f'value="{key}"' in page  # the reject form of the claim
    reject = {"action": "reject", "target": key, "why": "wrong figure", "csrf": csrf}
    assert curated.post("/curate/judge", data=reject, follow_redirects=False).status_code == 303
    assert curated.get("/claims.json?unit=militant").json()["total"] == 0
    page = curated.get(f"/entities/{VORONKOV}").text
    assert f"<del>{claim['text']}</del>" in page
    log = curated.get("/judgements.json").json()
    assert [j["action"] for j in log["judgements"]] == ["reject", "merge"]  # newest first
    assert "wrong figure" in curated.get("/judgements").text
    table = curated.get("/judgements.csv").content.decode("utf-8-sig").splitlines()
    assert table[0].startswith("id,at,who,action,target") and len(table) == 3
    assert ",Ann,reject,claim:" in table[1] and ",Ann,merge,person:jehangir-khan," in table[2]


def test_rejecting_an_event_from_its_page(curated: TestClient, seeded: Seeded) -> None:
    csrf = logged_in(curated)
    page = curated.get(f"/events/{seeded.meeting_2022}").text
    assert f'name="target" value="{seeded.meeting_2022}"' in page  # the event's own form
    form = {"action": "reject", "target": seeded.meeting_2022, "why": "not held", "csrf": csrf}
    done = curated.post("/curate/judge", data=form, follow_redirects=False)
    assert done.status_code == 303 and done.headers["location"] == "/events"
    assert curated.get(f"/events/{seeded.meeting_2022}").status_code == 404
    assert seeded.meeting_2022 not in curated.get("/events.csv").text
    undo = {"action": "undo", "target": "1", "why": "it was", "csrf": csrf, "next": "/events"}
    assert curated.post("/curate/judge", data=undo, follow_redirects=False).status_code == 303
    assert curated.get(f"/events/{seeded.meeting_2022}").status_code == 200
