"""The applied judgements a page shows are read once per database version: kept while
nothing is written, read again after a judgement (or any write)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pressgraph.resolve.judging import judge
from pressgraph.store.db import Database
from pressgraph.web.judged import applied_judgements
from tests.resolve.test_judgements import copy_of
from tests.web.conftest import Seeded


@pytest.fixture
def db(seeded: Seeded, tmp_path: Path) -> Iterator[Database]:
    opened = Database(copy_of(seeded, tmp_path / "judged.db"))
    yield opened
    opened.close()


def test_judgements_are_read_again_only_after_a_write(db: Database) -> None:
    first = applied_judgements(db)
    again = applied_judgements(db)
    if db.version_stamp() is None:  # PostgreSQL: no version stamp, read every time
        assert again is not first and again == first
    else:
        assert again is first  # nothing written: the same list
    judge(db, "note", "person:valery-semerikov", why="test", who="tester", value="checked")
    after = applied_judgements(db)
    assert after is not first
    assert [(j.action, j.value) for j in after] == [
        *[(j.action, j.value) for j in first],
        ("note", "checked"),
    ]
