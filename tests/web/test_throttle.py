"""Guessing the curation token: after five wrong tokens from one address within a minute,
the login form and the token headers answer 429 with Retry-After, even for the right token,
until the minute is over."""

from __future__ import annotations

from fastapi.testclient import TestClient

from pressgraph.web.throttle import Throttle
from tests.web.test_curation import KHAN, TOKEN, curated

__all__ = ["curated"]


def test_the_window_slides() -> None:
    throttle = Throttle(failures=3, window=60.0)
    for at in (0.0, 10.0):
        throttle.failed("a", now=at)
    assert throttle.wait("a", now=11.0) == 0
    throttle.failed("a", now=20.0)
    assert throttle.wait("a", now=20.0) == 40  # until the first failure is a minute old
    assert throttle.wait("b", now=20.0) == 0  # another address is not held up
    assert throttle.wait("a", now=60.0) == 0  # one failure aged out: two left in the window


def test_wrong_tokens_on_the_login_form_are_throttled(curated: TestClient) -> None:
    for _ in range(5):
        wrong = curated.post("/login", data={"name": "Mallory", "token": "guess"})
        assert wrong.status_code == 403
    held = curated.post("/login", data={"name": "Ann", "token": TOKEN}, follow_redirects=False)
    assert held.status_code == 429
    assert 50 <= int(held.headers["retry-after"]) <= 60
    assert "Too many wrong curation tokens" in held.text
    assert "pressgraph_curator" not in held.headers.get("set-cookie", "")


def test_wrong_tokens_in_headers_are_throttled(curated: TestClient) -> None:
    form = {"action": "note", "target": KHAN, "value": "a note", "why": "x"}
    json = {"Accept": "application/json"}
    for _ in range(5):
        guess = {**json, "X-Pressgraph-Token": "x"}
        wrong = curated.post("/curate/judge", data=form, headers=guess)
        assert wrong.status_code == 403
    right = {**json, "Authorization": f"Bearer {TOKEN}"}
    held = curated.post("/curate/judge", data=form, headers=right)
    assert held.status_code == 429 and held.headers["retry-after"].isdigit()
    assert "wait" in held.json()["error"]["message"]
    page = curated.get(f"/entities/{KHAN}", headers={"X-Pressgraph-Token": TOKEN})
    assert page.status_code == 200 and "Curate this entity" not in page.text


def test_right_tokens_are_not_counted(curated: TestClient) -> None:
    for n in range(7):
        done = curated.post(
            "/login", data={"name": f"Ann {n}", "token": TOKEN}, follow_redirects=False
        )
        assert done.status_code == 303


def test_a_page_counts_a_wrong_token_once(curated: TestClient) -> None:
    for _ in range(4):  # a page asks who its curator is several times
        page = curated.get(f"/entities/{KHAN}", headers={"X-Pressgraph-Token": "guess"})
        assert page.status_code == 200 and "Curate this entity" not in page.text
    form = {"action": "note", "target": KHAN, "value": "a note", "why": "x"}
    made = curated.post("/curate/judge", data=form, headers={"X-Pressgraph-Token": TOKEN})
    assert made.status_code == 201
