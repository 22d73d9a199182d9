"""Web fixtures: the application over the seeded database (tests/conftest.py: the seed pages
plus a page with injected HTML, built once per session), and an in-process client for it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from pressgraph.store.db import Database
from pressgraph.web.app import create_app
from tests.conftest import SCRIPT, Seeded
from tests.web.browsing import browser, page, problems, server  # noqa: F401 - shared fixtures

__all__ = ["SCRIPT", "Seeded"]


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
