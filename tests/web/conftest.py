"""Web fixtures: a database of the seed pages plus a page with injected HTML, and clients for it.

The database is built once per session as `pressgraph ingest` builds it (ingest, then annotate:
entities, posts, events, statements, claims, relations); the tests only read it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from pressgraph.ingest.pipeline import ingest
from pressgraph.ingest.sources import expand
from pressgraph.nlp.annotate import annotate_stories
from pressgraph.settings import Settings
from pressgraph.store.db import Database
from pressgraph.store.documents import list_stories
from pressgraph.store.queries import list_events
from pressgraph.web.app import create_app
from tests.conftest import EXAMPLES

INJECTED = Path(__file__).resolve().parent / "fixtures" / "injected.jsonl"
SCRIPT = "<script>alert(1)</script>"


@dataclass(frozen=True)
class Seeded:
    """The seeded database and the ids the tests look things up by."""

    url: str
    seed_000: str  # story id of examples/000 (one main story, eleven images)
    seed_004_side: str  # the sidebar story of examples/004
    seed_004_main: str  # the main story of examples/004 (Semerikov in the headline)
    injected: str  # story id of the page with <script> in its headline and text
    conference_2019: str  # event id of the 2019-10-30 conference in Moscow (examples/000)
    meeting_2022: str  # event id of the 2022-05-24 meeting by video (examples/004 sidebar)


@pytest.fixture(scope="session")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Seeded:
    """examples/ and the injected page, ingested into a fresh SQLite database."""
    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'web.db'}"
    db = Database(url)
    settings = Settings(db_url=url)
    summary = ingest(db, expand([str(EXAMPLES), str(INJECTED)]), settings)
    assert summary.stored == 3 and summary.refused == 0
    annotate_stories(db, settings)
    found = {s.id: s for s in list_stories(db)}
    starts = {e.start: e.id for e in list_events(db)}
    db.close()

    def story(where: str, main: bool) -> str:
        (only,) = [i for i, s in found.items() if where in s.text and s.main == main]
        return only

    return Seeded(
        url=url,
        seed_000=story("Moscow hosted the International Conference", True),
        seed_004_side=story("Council of Defense Ministers", False),
        seed_004_main=story("Second Conference of the Heads", True),
        injected=story("a test page said", True),
        conference_2019=starts.get("2019-10-30", "no-event-yet"),
        meeting_2022=starts.get("2022-05-24", "no-event-yet"),
    )


@pytest.fixture(scope="session")
def seed_db(seeded: Seeded) -> Iterator[Database]:
    """The seeded database, opened for direct store calls."""
    opened = Database(seeded.url)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def app(seeded: Seeded) -> Iterator[FastAPI]:
    """The application over the seeded database."""
    db = Database(seeded.url)
    yield create_app(db)
    db.close()


@pytest.fixture(scope="session")
def client(app: FastAPI) -> Iterator[TestClient]:
    """An in-process client; server errors come back as responses, as a browser would see them."""
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client
