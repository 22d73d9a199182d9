"""Shared fixtures: a temporary database, a CLI runner bound to it, the seed pages, and a
database of the seed pages annotated once per session (plus a page with injected HTML).

The databases are SQLite files, or with PRESSGRAPH_TEST_DB=postgresql new databases on a
throwaway PostgreSQL server (tests/databases.py); a test that only makes sense on an SQLite
file is marked `sqlite_only` with its reason.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

# The web's 1.5 s budget of queries per request answered 503 to random tests while other work
# loaded the machine; the tests of the budget give theirs. Servers the tests start inherit it.
os.environ.setdefault("PRESSGRAPH_QUERY_BUDGET", "60")

from pressgraph.cli import main
from pressgraph.flow.annotate import annotate_stories
from pressgraph.flow.ingest import ingest, store_page
from pressgraph.ingest.sources import expand
from pressgraph.records import Page
from pressgraph.settings import Settings
from pressgraph.store.db import Database
from pressgraph.store.documents import list_stories
from pressgraph.store.queries import list_events
from tests import databases

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


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On PostgreSQL, skip the tests marked `sqlite_only`, each with the reason it gives."""
    if not databases.on_postgresql():
        return
    for item in items:
        if (marker := item.get_closest_marker("sqlite_only")) is not None:
            reason = marker.kwargs.get("reason") or (marker.args[0] if marker.args else "")
            item.add_marker(pytest.mark.skip(reason=f"SQLite only: {reason}"))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Stop the throwaway PostgreSQL server, if the session started one."""
    databases.stop()


@pytest.fixture(autouse=True)
def _close_connections() -> Iterator[None]:
    """On PostgreSQL, close every engine the test opened: a connection left to the garbage
    collector is a ResourceWarning (an error in this suite), and each holds a server slot."""
    if not databases.on_postgresql():
        yield
        return
    with databases.closing_opened():
        yield


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """A fresh database for one test: an SQLite file, or a PostgreSQL database."""
    return databases.fresh_url(tmp_path)


@pytest.fixture
def empty_db_url(tmp_path: Path) -> str:
    """A new database without even the tables, for the tests of the migrations."""
    return databases.empty_url(tmp_path)


@pytest.fixture
def db(db_url: str) -> Database:
    """The fresh database, opened and migrated."""
    return Database(db_url)


@pytest.fixture
def stored_examples(db_url: str) -> Iterator[Database]:
    """A fresh database with the example pages stored (as `ingest --no-annotate` stores them)."""
    opened = Database(db_url)
    for path in sorted(EXAMPLES.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        store_page(opened, Page(source=str(path), raw=text, text=text, format="text"))
    yield opened
    opened.close()


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
    """examples/ and the injected page, ingested into a fresh database."""
    url = databases.fresh_url(tmp_path_factory.mktemp("web"), "web.db")
    db = Database(url)
    settings = Settings(db_url=url)
    summary = ingest(db, expand([str(EXAMPLES), str(INJECTED)]), settings)
    assert summary.stored == 3 and summary.refused == 0
    annotate_stories(db, settings)
    found = {s.id: s for s in list_stories(db)}
    starts = {e.start: e.id for e in list_events(db)}
    db.close()
    databases.keep(url)  # for the tests that change a copy (tests/resolve/test_judgements.py)

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
