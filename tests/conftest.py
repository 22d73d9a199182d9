"""Shared fixtures: a temporary database, a CLI runner bound to it, the seed pages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from pressgraph.cli import main
from pressgraph.store.db import Database

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
