"""Stories stored a group at a time (store/annotation_groups.py): one transaction for the
group, a story that cannot be stored fails alone, an error of the database itself loses the
whole group (its stories are annotated again by the next run), and nothing half stored."""

from __future__ import annotations

import dataclasses
import sqlite3
from typing import Any

import pytest
from sqlalchemy import Connection, func, select
from sqlalchemy.exc import OperationalError

from pressgraph.errors import StoreError
from pressgraph.records import Annotated, AnnotationFailure, Mention, NotReturned
from pressgraph.store import annotation_groups, annotations
from pressgraph.store.annotation_groups import store_group
from pressgraph.store.annotations import StoryText, stories_to_annotate
from pressgraph.store.db import Database
from pressgraph.store.schema import annotated, annotation_errors, mentions

MODEL = "test-model"


@pytest.fixture
def db(stored_examples: Database) -> Database:
    """The example pages stored, not annotated (tests/conftest.py)."""
    return stored_examples


def _stories(db: Database) -> list[StoryText]:
    return [t for t in stories_to_annotate(db) if not t.id.startswith("removed:")]


def _found(story: str, text: str) -> Annotated:
    """A story's records: its first word as an organization named."""
    word = text.split()[0]
    start = text.index(word)
    mention = Mention(story, start, start + len(word), word, "organization", "org~x", word, "model")
    return Annotated(story, (mention,), ())


def _stored(db: Database) -> tuple[list[str], dict[str, int], dict[str, str]]:
    """Annotated targets, mentions per story, failed stage per target."""
    with db.read() as conn:
        done = sorted(conn.execute(select(annotated.c.target)).scalars())
        counted = select(mentions.c.story_id, func.count()).group_by(mentions.c.story_id)
        per_story = {str(s): int(n) for s, n in conn.execute(counted) if s is not None}
        errors = select(annotation_errors.c.target, annotation_errors.c.stage)
        failed = {str(t): str(s) for t, s in conn.execute(errors)}
    return done, per_story, failed


def test_a_story_that_cannot_be_stored_fails_alone_and_the_group_is_kept(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    good, broken, later = _stories(db)[:3]
    lost = next(t for t in stories_to_annotate(db) if t.id.startswith("removed:"))
    # the records of a story no longer stored (its page removed while it was annotated)
    records = _found(good.id, good.text)
    orphan = Annotated(
        "gone-0", tuple(dataclasses.replace(m, story="gone-0") for m in records.mentions), ()
    )
    real = annotations.write_facts

    def failing(conn: Connection, found: Annotated) -> None:  # after the story's mentions
        if found.story == later.id:
            raise ValueError("a fact the store cannot take")
        real(conn, found)

    monkeypatch.setattr(annotations, "write_facts", failing)
    group = [
        _found(good.id, good.text),
        orphan,
        AnnotationFailure(broken.id, "roles", "broken"),
        NotReturned(lost.id, "the worker died"),
        _found(later.id, later.text),
    ]
    outcomes = store_group(db, group, MODEL)
    assert outcomes[0] is group[0] and outcomes[2:4] == group[2:4]
    failures = [outcomes[1], outcomes[4]]
    assert all(isinstance(f, AnnotationFailure) and f.stage == "store" for f in failures)
    assert [f.story for f in failures] == ["gone-0", later.id]
    assert [f.message.split(":")[0] for f in failures] == ["IntegrityError", "ValueError"]  # type: ignore[union-attr]
    done, per_story, failed = _stored(db)
    assert done == [good.id]
    assert per_story == {good.id: 1}  # nothing of the orphan, the later story's rolled back
    assert failed == {broken.id: "roles", "gone-0": "store", later.id: "store"}
    left = {t.id for t in stories_to_annotate(db)}
    assert lost.id in left and good.id not in left


def test_an_error_of_the_database_loses_the_whole_group(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = _stories(db)[:2]
    real = annotation_groups.write_annotations

    def failing(conn: Connection, found: Annotated, model: str) -> None:
        if found.story == second.id:
            raise OperationalError("INSERT", {}, sqlite3.OperationalError("disk I/O error"))
        real(conn, found, model)

    monkeypatch.setattr(annotation_groups, "write_annotations", failing)
    group: list[Any] = [_found(first.id, first.text), _found(second.id, second.text)]
    with pytest.raises(StoreError, match="disk I/O error"):
        store_group(db, group, MODEL)
    assert _stored(db) == ([], {}, {})  # the first story was written, then rolled back
    left = {t.id for t in stories_to_annotate(db)}
    assert {first.id, second.id} <= left


def test_an_empty_group_opens_no_transaction(db: Database) -> None:
    assert store_group(db, [], MODEL) == []
    assert _stored(db) == ([], {}, {})
