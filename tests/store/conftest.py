"""The store's fixtures: a PostgreSQL database for the tests that check the store on
PostgreSQL whatever the suite runs on (tests/databases.py starts the session's server).
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pressgraph.store.search import is_index_table
from pressgraph.store.search_pg import is_index_object
from tests import databases


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """The URL of the session's throwaway PostgreSQL server (without a database)."""
    yield databases.server().url


@pytest.fixture
def pg_url(pg_server: str) -> str:
    """A new, empty database on the session's PostgreSQL server (not migrated)."""
    return databases.server().empty()


def described_by_schema(name: str | None, type_: str, _parent: object) -> bool:
    """Leave out the full-text index (made by a migration's on_create, not by schema.py):
    FTS5's tables on SQLite, the search column and its index on PostgreSQL."""
    if name is None:
        return True
    if type_ == "table":
        return not is_index_table(name)
    return not (type_ in ("column", "index") and is_index_object(name))
