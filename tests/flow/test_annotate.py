"""The flow's writer (flow/annotate.py `Grouped`): stories that came back wait for a full
group or for their time, then are stored in one transaction; nothing waits unstored at the
end of a run."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pressgraph.flow import annotate
from pressgraph.flow.annotate import GROUP_SECONDS, Grouped, annotate_stories
from pressgraph.records import Annotated, NotReturned
from pressgraph.settings import Settings
from pressgraph.store.annotations import stories_to_annotate
from pressgraph.store.db import Database
from pressgraph.store.schema import annotated

MODEL = "test-model"


@pytest.fixture
def db(stored_examples: Database) -> Database:
    """The example pages stored, not annotated (tests/conftest.py)."""
    return stored_examples


def _done(db: Database) -> list[str]:
    with db.read() as conn:
        return sorted(conn.execute(select(annotated.c.target)).scalars())


def test_stories_wait_for_a_full_group_or_for_their_time(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(annotate, "GROUP_STORIES", 2)
    texts = [t.id for t in stories_to_annotate(db)]
    assert len(texts) == 4
    now = [100.0]
    writer = Grouped(db, MODEL, clock=lambda: now[0])
    assert writer.add(Annotated(texts[0], (), ())) == []
    assert _done(db) == []  # waits for the group
    stored = writer.add(Annotated(texts[1], (), ()))
    assert [f.story for f in stored] == texts[:2] and _done(db) == sorted(texts[:2])
    monkeypatch.setattr(annotate, "GROUP_STORIES", 10)
    assert writer.add(Annotated(texts[2], (), ())) == []
    now[0] += GROUP_SECONDS / 2
    assert writer.add(NotReturned(texts[3], "the worker died")) == []
    now[0] += GROUP_SECONDS / 2  # the first of those waiting came back GROUP_SECONDS ago
    stored = writer.add(Annotated(texts[0], (), ()))  # annotated again
    assert [f.story for f in stored] == [texts[2], texts[3], texts[0]]
    assert _done(db) == sorted(texts[:3])  # the one not returned is left
    assert writer.flush() == []


def test_a_run_stores_every_story_it_annotated(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(annotate, "GROUP_STORIES", 10_000)  # one group, stored at the end
    texts = sorted(t.id for t in stories_to_annotate(db))
    summary = annotate_stories(db, Settings(db_url=db.url))
    assert _done(db) == texts and stories_to_annotate(db) == []
    assert summary.stories == 3 and summary.mentions > 0 and not summary.failed
