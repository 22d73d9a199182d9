"""What is left to annotate: the stories and press signatures of the pages not done, found
without reading every annotated id of the database; failures only on retry; all on redo."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import delete, insert, select

from pressgraph.store.annotations import removed_target, stories_to_annotate, unfinished
from pressgraph.store.db import Database
from pressgraph.store.schema import annotated, annotation_errors, removed, stories
from tests import databases
from tests.conftest import Seeded


@pytest.fixture
def db(seeded: Seeded, tmp_path: Path) -> Iterator[Database]:
    opened = Database(databases.copy(seeded.url, tmp_path / "todo.db"))
    yield opened
    opened.close()


def _targets(db: Database) -> tuple[list[str], str]:
    """The annotated stories (main ones first) and one press signature's target."""
    with db.read() as conn:
        ids = list(conn.execute(select(stories.c.id).order_by(stories.c.id)).scalars())
        signature = conn.execute(
            select(removed.c.id).where(removed.c.kind == "signature").limit(1)
        ).scalar_one()
    return ids, removed_target(signature)


def test_only_what_is_not_done_comes_back(db: Database) -> None:
    assert stories_to_annotate(db) == [] and not unfinished(db)
    ids, signature = _targets(db)
    waiting, failed = ids[0], ids[1]
    with db.begin() as conn:
        conn.execute(delete(annotated).where(annotated.c.target.in_([waiting, failed, signature])))
        row = {"target": failed, "stage": "roles", "message": "broken", "at": "2026-12-06"}
        conn.execute(insert(annotation_errors).values(row))
    left = stories_to_annotate(db)
    assert {s.id for s in left} == {waiting, signature} and len(left) == 2
    assert [s.document for s in left] == sorted(s.document for s in left)  # in page order
    assert unfinished(db)
    retried = {s.id for s in stories_to_annotate(db, retry=True)}
    assert retried == {waiting, failed, signature}
    redone = {s.id for s in stories_to_annotate(db, redo=True)}
    assert {waiting, failed, signature} < redone and len(redone) > len(ids)
