"""A page's JSON twin is what FastAPI's `jsonable_encoder` made of the page's data, on every
page of the seeded database; and values it does not know itself go to `jsonable_encoder`."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.encoders import jsonable_encoder
from fastapi.testclient import TestClient

from pressgraph.store.db import Database
from pressgraph.web import render
from pressgraph.web.app import create_app
from pressgraph.web.encode import plain
from tests.web.conftest import Seeded
from tests.web.test_pages import PAGE_NAMES, pages, twin


@pytest.fixture(scope="module")
def uncached(seeded: Seeded) -> Iterator[TestClient]:
    """A client whose every page is made (no response cache: a kept page makes no data)."""
    db = Database(seeded.url, read_only=True)
    with TestClient(create_app(db, cache=0)) as client:
        yield client
    db.close()


@pytest.mark.parametrize("name", PAGE_NAMES)
def test_every_json_twin_encodes_its_data_as_jsonable_encoder_did(
    uncached: TestClient, seeded: Seeded, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[Any] = []

    def keeping(data: Any) -> Any:
        seen.append(data)
        return plain(data)

    monkeypatch.setattr(render, "plain", keeping)
    response = uncached.get(twin(pages(seeded)[name]))
    assert response.status_code == 200
    (data,) = seen
    assert plain(data) == jsonable_encoder(data)
    assert response.json() == jsonable_encoder(data)


class Colour(enum.StrEnum):
    RED = "red"


@dataclass(frozen=True)
class Inner:
    day: dt.date
    colour: Colour
    tags: frozenset[str]


@dataclass(frozen=True)
class Outer:
    name: str
    score: float
    flag: bool
    nothing: None
    inner: Inner
    items: tuple[Inner, ...]
    counts: dict[str, int]


def test_values_beyond_the_plain_ones_are_encoded_as_fastapi_does() -> None:
    inner = Inner(dt.date(2021, 6, 1), Colour.RED, frozenset({"a"}))
    value = Outer("x", 1.5, True, None, inner, (inner, inner), {"k": 2})
    encoded = plain(value)
    assert encoded == jsonable_encoder(value)
    assert encoded["inner"] == {"day": "2021-06-01", "colour": "red", "tags": ["a"]}
    assert type(encoded["inner"]["colour"]) is str
