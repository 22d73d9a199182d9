"""Shared fixtures: a temporary database, a CLI runner bound to it, the seed pages, and a
database of the seed pages annotated once per session (plus a page with injected HTML)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from pressgraph.cli import main
from pressgraph.flow.annotate import annotate_stories
from pressgraph.flow.ingest import ingest
from pressgraph.ingest.sources import expand
from pressgraph.settings import Settings
from pressgraph.store.db import Database
from pressgraph.store.documents import list_stories
from pressgraph.store.queries import list_events

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
SEED_000 = EXAMPLES / "000_8a488d8fca91047a.txt"
SEED_004 = EXAMPLES / "004_99e82e53ceebd7d5.txt"

Cli = Callable[..., Result]

# The eleven people who speak at the conference of seed page 000 (read from the page).
SPEAKERS_000 = frozenset(
    {
        "Valery Semerikov",
        "Alexander Pankin",
        "Vladimir Voronkov",
        "Jehangir Khan",
        "Marcel Peško",
        "Xie Xiaoyong",
        "Sergey Ivanov",
        "Anatoly Sidorov",
        "Sergei Pospelov",
        "Jurgen Stock",
        "Marie Dubot",
    }
)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """A fresh SQLite database file for one test."""
    return f"sqlite:///{tmp_path / 'test.db'}"


@pytest.fixture
def db(db_url: str) -> Database:
    """The fresh database, opened and migrated."""
    return Database(db_url)


@pytest.fixture
def cli(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Cli:
    """Run `pressgraph ARGS...` in-process against the test database."""
    monkeypatch.delenv("PRESSGRAPH_DB", raising=False)

    def run(*args: str) -> Result:
        return CliRunner().invoke(main, ["--db", db_url, *args], catch_exceptions=False)

    return run


INJECTED = Path(__file__).resolve().parent / "web" / "fixtures" / "injected.jsonl"
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
