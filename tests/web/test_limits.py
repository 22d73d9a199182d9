"""Issue 11, failures 2 and 8: a search has a bounded cost (terms, prefixes, a time budget the
database enforces, cancelled when the client goes away); out-of-range parameters answer 400;
every response, errors included, has the security headers; HEAD works (`serve --workers`:
tests/web/test_processes.py)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text

from pressgraph.errors import PressgraphError, SettingsError, StoreError
from pressgraph.store.budget import Budget, QueryTimeoutError, active
from pressgraph.store.db import Database
from pressgraph.web.app import QUERY_BUDGET, create_app, query_budget
from pressgraph.web.middleware import SECURITY_HEADERS
from tests.conftest import SEED_000, SEED_004, Cli, Seeded

ENDLESS = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"


def _has_headers(response: httpx.Response) -> bool:
    return all(response.headers.get(k) == v for k, v in SECURITY_HEADERS.items())


def test_the_reported_500s_are_gone(client: TestClient) -> None:
    for path in ("/network?from=9999-12-31", "/network.json?to=0001-01-01", "/search?q=%00"):
        response = client.get(path)
        assert response.status_code == 200, (path, response.text[:300])
        assert _has_headers(response)
    marks = client.get("/search.json", params={"q": "\x02CSTO\x03"}).json()
    assert marks["query"] == "CSTO" and marks["total"] > 0


@pytest.mark.parametrize(
    ("query", "hint"),
    [
        (" ".join(f"w{n}" for n in range(101)), "it has 101 terms; at most 100"),
        ("ab* cd* ef* gh* ij* kl*", "6 prefix* terms; at most 5"),
        ("c* CSTO", "the prefix 'c*' is too short"),
    ],
)
def test_a_search_of_unbounded_cost_is_a_400(client: TestClient, query: str, hint: str) -> None:
    response = client.get("/search.json", params={"q": query})
    assert response.status_code == 400 and _has_headers(response)
    assert hint in response.json()["error"]["message"]


def test_repeated_words_are_searched_once(client: TestClient) -> None:
    once = client.get("/search.json", params={"q": "CSTO"}).json()
    many = client.get("/search.json", params={"q": "the " * 100 + "CSTO"}).json()
    both = client.get("/search.json", params={"q": "the CSTO"}).json()
    assert many["total"] == both["total"] and 0 < both["total"] <= once["total"]


def test_out_of_range_parameters_are_400(client: TestClient) -> None:
    for path in (
        "/search.json?page=0",
        "/search.json?page=99999999999999999999",
        "/events.json?page=0",
    ):
        response = client.get(path)
        assert response.status_code == 400, path
        assert response.json()["error"]["status"] == 400


def test_the_database_stops_a_query_over_its_budget(seed_db: Database) -> None:
    token = active.set(Budget(0.3))
    started = time.monotonic()
    try:
        with (
            pytest.raises(QueryTimeoutError, match=r"longer than its 0\.3 s budget"),
            seed_db.read() as conn,
        ):
            conn.execute(text(ENDLESS)).scalar()
    finally:
        active.reset(token)
    assert time.monotonic() - started < 5  # without the budget: never


def test_a_cancelled_budget_stops_the_running_query(seed_db: Database) -> None:
    budget = Budget(60)
    threading.Timer(0.3, budget.cancel).start()
    token = active.set(budget)
    try:
        with (
            pytest.raises(QueryTimeoutError, match="the client went away"),
            seed_db.read() as conn,
        ):
            conn.execute(text(ENDLESS)).scalar()
    finally:
        active.reset(token)


def test_a_search_over_budget_is_a_503_in_the_one_shape(seeded: Seeded) -> None:
    app = create_app(Database(seeded.url), budget=0.0)
    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/search.json", params={"q": "CSTO"})
    assert response.status_code == 503 and response.headers["Retry-After"] == "1"
    assert _has_headers(response)
    assert "budget" in response.json()["error"]["message"]


def _boom_app(seeded: Seeded) -> FastAPI:
    app = create_app(Database(seeded.url))

    def boom() -> None:
        raise RuntimeError("a bug")

    app.add_api_route("/boom", boom, methods=["GET"])
    return app


def test_an_unexpected_error_has_the_shape_and_the_headers(seeded: Seeded) -> None:
    with TestClient(_boom_app(seeded), raise_server_exceptions=False) as client:
        response = client.get("/boom", headers={"Accept": "application/json"})
    assert response.status_code == 500 and _has_headers(response)
    assert response.json()["error"]["message"].startswith("Something went wrong")


def test_head_works_and_other_methods_are_405_with_headers(client: TestClient) -> None:
    for path in ("/", "/index.json", "/search?q=CSTO", "/static/app.css"):
        head, get = client.head(path), client.get(path)
        assert head.status_code == 200 and head.content == b"", path
        assert head.headers["content-type"] == get.headers["content-type"]
        assert _has_headers(head)
    post = client.post("/search")
    assert post.status_code == 405 and _has_headers(post)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def live(seeded: Seeded) -> Iterator[tuple[str, list[str]]]:
    """A real server on 127.0.0.1 whose /slow runs an endless query within a 30 s budget;
    what happened to each such query is appended to the list."""
    app = create_app(Database(seeded.url), budget=30)
    db = Database(seeded.url)
    outcomes: list[str] = []

    def slow() -> None:
        try:
            with db.read() as conn:
                conn.execute(text(ENDLESS)).scalar()
        except PressgraphError as exc:
            outcomes.append(str(exc))
            raise

    def boom() -> None:
        raise RuntimeError("a bug")

    app.add_api_route("/slow", slow, methods=["GET"])
    app.add_api_route("/boom", boom, methods=["GET"])
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    yield f"127.0.0.1:{port}", outcomes
    server.should_exit = True
    thread.join(10)


def test_a_query_stops_when_its_client_goes_away(live: tuple[str, list[str]]) -> None:
    address, outcomes = live
    host, port = address.split(":")
    with socket.create_connection((host, int(port))) as conn:
        conn.sendall(f"GET /slow HTTP/1.1\r\nHost: {address}\r\n\r\n".encode())
        time.sleep(0.5)
    started = time.monotonic()
    while not outcomes and time.monotonic() - started < 10:
        time.sleep(0.05)
    assert outcomes == ["the request was cancelled: the client went away"]
    assert httpx.get(f"http://{address}/index.json").status_code == 200  # and it serves on


def test_a_500_keeps_the_connection_and_has_the_headers(live: tuple[str, list[str]]) -> None:
    address, _ = live
    with httpx.Client(base_url=f"http://{address}") as client:
        failed = client.get("/boom", headers={"Accept": "application/json"})
        assert failed.status_code == 500 and _has_headers(failed)
        assert failed.headers.get("connection") != "close"
        assert client.get("/index.json").status_code == 200
    host, port = address.split(":")
    with socket.create_connection((host, int(port))) as conn:  # one connection, two requests
        request = f"GET /boom HTTP/1.1\r\nHost: {address}\r\n\r\n".encode()
        conn.sendall(request)
        first = _response(conn)
        conn.sendall(request.replace(b"/boom", b"/index.json"))
        second = _response(conn)
    assert first.startswith(b"HTTP/1.1 500") and second.startswith(b"HTTP/1.1 200")


def _response(conn: socket.socket) -> bytes:
    """One whole HTTP response (headers and a Content-Length body) read from the socket."""
    data = b""
    while b"\r\n\r\n" not in data and (chunk := conn.recv(65536)):
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
    while len(body) < length and (chunk := conn.recv(65536)):
        body += chunk
    return head + b"\r\n\r\n" + body


def test_a_read_only_database_refuses_writes(seeded: Seeded) -> None:
    reader = Database(seeded.url, read_only=True)
    with pytest.raises(StoreError, match="opened read-only"), reader.begin():
        pass
    refused = "readonly|read-only transaction"  # as SQLite and PostgreSQL say it
    with pytest.raises(StoreError, match=refused), reader.read() as conn:
        conn.execute(text("DELETE FROM refusals"))


def test_the_response_cache_follows_every_write(cli: Cli, db_url: str) -> None:
    cli("ingest", "--no-annotate", str(SEED_000))
    app = create_app(Database(db_url, read_only=True))
    with TestClient(app) as client:
        first = client.get("/index.json").json()["counts"]["documents"]
        assert client.get("/index.json").json()["counts"]["documents"] == first == 1
        cli("ingest", "--no-annotate", str(SEED_004))
        assert client.get("/index.json").json()["counts"]["documents"] == 2


def test_the_query_budget_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRESSGRAPH_QUERY_BUDGET", "4.5")
    assert query_budget() == 4.5
    monkeypatch.delenv("PRESSGRAPH_QUERY_BUDGET")
    assert query_budget() == QUERY_BUDGET == 1.5
    monkeypatch.setenv("PRESSGRAPH_QUERY_BUDGET", "soon")
    with pytest.raises(SettingsError, match="give seconds"):
        query_budget()
