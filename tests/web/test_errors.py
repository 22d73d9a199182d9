"""One JSON error shape for every error (pinned here), and a friendly HTML page for each."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import APIRouter, FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text
from starlette.responses import Response

from pressgraph.store.db import Database
from pressgraph.web.app import create_app
from pressgraph.web.render import add_page
from tests import databases
from tests.web.conftest import Seeded


def assert_error_shape(body: object, status: int, title: str) -> str:
    """The one shape: exactly {"error": {"status", "title", "message"}}; returns the message."""
    assert isinstance(body, dict) and list(body) == ["error"]
    error = body["error"]
    assert list(error) == ["status", "title", "message"]
    assert error["status"] == status and error["title"] == title
    assert isinstance(error["message"], str) and error["message"]
    return str(error["message"])


def test_the_error_shape_is_pinned(client: TestClient) -> None:
    response = client.get("/stories/no-such-story.json")
    assert response.status_code == 404
    assert response.json() == {
        "error": {
            "status": 404,
            "title": "Not Found",
            "message": "There is no story with id 'no-such-story'; story ids look like "
            "8a488d8fca91047a-0 — search for the story at /search",
        }
    }


@pytest.mark.parametrize(
    ("path", "status", "title", "hint"),
    [
        ("/no/such/page.json", 404, "Not Found", "Start from the home page"),
        ("/documents/ffffffffffffffff.json", 404, "Not Found", "use the full 16-character id"),
        ("/search.json?q=%22unbalanced", 400, "Bad Request", "unbalanced quote"),
        ("/search.json?q=AND%20OR", 400, "Bad Request", "combine terms with AND, OR and NOT"),
        ("/search.json?page=0", 400, "Bad Request", "page: Input should be greater"),
        ("/search.json?page=x", 422, "Unprocessable Entity", "page: Input should be a valid"),
        (
            "/search.json?from=30.06.2021",
            400,
            "Bad Request",
            "The from date '30.06.2021' is not a date",
        ),
        ("/events.json?to=2021-13", 400, "Bad Request", "write a date as YYYY, YYYY-MM or"),
        ("/events.json?sort=colour", 400, "Bad Request", "sort by one of date, kind, name"),
    ],
)
def test_every_client_error_has_the_shape_and_says_how_to_fix_it(
    client: TestClient, path: str, status: int, title: str, hint: str
) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert hint in assert_error_shape(response.json(), status, title)


def test_accept_json_gets_the_json_error_and_a_browser_gets_a_page(client: TestClient) -> None:
    as_json = client.get("/stories/none", headers={"Accept": "application/json"})
    assert as_json.status_code == 404
    assert_error_shape(as_json.json(), 404, "Not Found")
    as_page = client.get("/stories/none", headers={"Accept": "text/html,*/*;q=0.8"})
    assert as_page.status_code == 404
    assert as_page.headers["content-type"].startswith("text/html")
    assert "<h1>Not Found" in as_page.text and "Go to the home page" in as_page.text


def test_a_write_method_is_refused_in_the_shape(client: TestClient) -> None:
    response = client.post("/index.json")
    assert response.status_code == 405
    assert "read-only" in assert_error_shape(response.json(), 405, "Method Not Allowed")


def _failing_app(seeded: Seeded) -> FastAPI:
    app = create_app(Database(seeded.url))

    def boom() -> Response:
        """Fails the way a bug would."""
        raise RuntimeError("a bug")

    router = APIRouter()
    add_page(router, "/boom", boom, model=dict, summary="boom")
    app.include_router(router)
    return app


def test_an_unexpected_error_is_a_500_in_the_shape_and_a_page(seeded: Seeded) -> None:
    with TestClient(_failing_app(seeded), raise_server_exceptions=False) as failing:
        response = failing.get("/boom.json")
        assert response.status_code == 500
        message = assert_error_shape(response.json(), 500, "Internal Server Error")
        assert "RuntimeError" in message and "a bug" not in message
        page = failing.get("/boom")
        assert page.status_code == 500 and "Something went wrong" in page.text


def test_a_broken_database_is_a_500_in_the_shape(tmp_path: Path) -> None:
    db = Database(databases.fresh_url(tmp_path, "broken.db"))
    with db.begin() as conn:
        if db.dialect == "postgresql":
            conn.execute(text("ALTER TABLE stories DROP COLUMN search_vector"))
        else:
            conn.execute(text("DROP TABLE story_search"))
    with TestClient(create_app(db), raise_server_exceptions=False) as broken:
        response = broken.get("/search.json?q=CSTO")
    assert response.status_code == 500
    message = assert_error_shape(response.json(), 500, "Internal Server Error")
    assert "no such table" in message or "search_vector" in message


def test_openapi_documents_every_json_twin_and_the_error_shape(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    paths = set(schema["paths"])
    assert {
        "/index.json",
        "/search.json",
        "/stories/{story_id}.json",
        "/documents/{doc_id}.json",
        "/documents/{doc_id}/source",
        "/entities.json",
        "/entities/{entity_id}.json",
        "/events.json",
        "/events/{event_id}.json",
        "/network.json",
        "/claims.json",
    } <= paths
    for path in ("/index.json", "/search.json", "/stories/{story_id}.json"):
        responses = schema["paths"][path]["get"]["responses"]
        assert {"200", "400", "404", "422", "500"} <= set(responses)
        ref = responses["404"]["content"]["application/json"]["schema"]["$ref"]
        assert ref.endswith("/ErrorBody")
    assert schema["components"]["schemas"]["ErrorDetail"]["required"] == [
        "status",
        "title",
        "message",
    ]
