"""An id that stopped being an entity (merged by resolution as pages arrived) redirects to
the entity it stands for, on every per-entity address, and the JSON export records it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from pressgraph.cli import main
from pressgraph.store.db import Database
from pressgraph.web.app import create_app
from tests import databases
from tests.resolve.test_identity import VOLKOV

LOSER, WINNER = "person:volkov", "person:a-volkov"


@pytest.fixture(scope="module")
def merged(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A database where "Volkov" and "A. Volkov" became one person with the third page."""
    url = databases.fresh_url(tmp_path_factory.mktemp("merged"), "merged.db")
    for page in VOLKOV:
        assert CliRunner().invoke(main, ["--db", url, "ingest", str(page)]).exit_code == 0
    return url


@pytest.fixture(scope="module")
def client(merged: str) -> Iterator[TestClient]:
    db = Database(merged)
    with TestClient(create_app(db), raise_server_exceptions=False) as test_client:
        yield test_client
    db.close()


@pytest.mark.parametrize("tail", ["", ".json", ".atom", "/posts.csv", "?sort=name"])
def test_an_old_id_redirects_to_the_entity_now(client: TestClient, tail: str) -> None:
    moved = client.get(f"/entities/{LOSER}{tail}", follow_redirects=False)
    assert moved.status_code == 301
    assert moved.headers["location"] == f"/entities/{WINNER}{tail}"
    assert client.get(moved.headers["location"]).status_code == 200


def test_an_unknown_id_is_still_not_found(client: TestClient) -> None:
    assert client.get("/entities/person:nobody-at-all", follow_redirects=False).status_code == 404


def test_the_json_export_lists_the_former_ids(merged: str, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    exported = CliRunner().invoke(main, ["--db", merged, "export", "--format", "jsonl", str(out)])
    assert exported.exit_code == 0, exported.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    people = {r["id"]: r for r in records if r["type"] == "entity" and r["kind"] == "person"}
    assert set(people) == {WINNER}
    assert people[WINNER]["former_ids"] == [LOSER]
    assert all(r.get("entity") != LOSER for r in records if r["type"] == "mention")
