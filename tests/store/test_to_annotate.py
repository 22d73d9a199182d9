"""What is left to annotate: the stories and press signatures of the pages not done, found
from the documents still waiting (store/waiting.py), not by reading every annotated id of
the database; failures only on retry; all on redo. The pages are stored, annotated and failed
through the store's own writes, which keep the waiting documents."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pressgraph.records import Annotated, AnnotationFailure
from pressgraph.store.annotation_groups import store_group
from pressgraph.store.annotations import (
    stories_to_annotate,
    unfinished,
)
from pressgraph.store.db import Database
from pressgraph.store.schema import waiting_documents
from pressgraph.store.waiting import fill_waiting, texts_waiting


@pytest.fixture
def db(stored_examples: Database) -> Database:
    """The example pages stored, not annotated (tests/conftest.py)."""
    return stored_examples


def _waiting(db: Database) -> list[str]:
    with db.read() as conn:
        return sorted(conn.execute(select(waiting_documents.c.document_id)).scalars())


def _as_found_again(db: Database) -> list[str]:
    """The waiting documents as migration 23 finds them, from every text."""
    with db.read() as conn:
        return sorted(set(conn.execute(texts_waiting()).scalars()))


def test_only_what_is_not_done_comes_back(db: Database) -> None:
    texts = stories_to_annotate(db)
    pages = sorted({t.document for t in texts})
    assert len(pages) == 2 and _waiting(db) == pages == _as_found_again(db) and unfinished(db)
    assert any(t.id.startswith("removed:") for t in texts)  # a press signature is a text
    first = [t for t in texts if t.document == pages[0]]
    assert len(first) >= 2
    done, failed = first[0], first[1]
    store_group(db, [Annotated(done.id, (), ())], "test-model")
    store_group(db, [AnnotationFailure(failed.id, "roles", "broken")], "test-model")
    left = stories_to_annotate(db)
    assert {t.id for t in left} == {t.id for t in texts} - {done.id, failed.id}
    assert [t.document for t in left] == sorted(t.document for t in left)  # in page order
    retried = {t.id for t in stories_to_annotate(db, retry=True)}
    assert retried == {t.id for t in texts} - {done.id}
    for text in left:  # the rest of the texts annotated: nothing waits any more
        store_group(db, [Annotated(text.id, (), ())], "test-model")
    assert stories_to_annotate(db) == []
    assert _waiting(db) == [] == _as_found_again(db)  # unfinished: resolution is still due
    assert {t.id for t in stories_to_annotate(db, retry=True)} == {failed.id}
    redone = {t.id for t in stories_to_annotate(db, redo=True)}
    assert redone == {t.id for t in texts}


def test_the_migration_finds_the_documents_that_wait(db: Database) -> None:
    texts = stories_to_annotate(db)
    store_group(db, [Annotated(texts[0].id, (), ())], "test-model")
    for text in texts:
        if text.document != texts[0].document:
            store_group(db, [Annotated(text.id, (), ())], "test-model")
    kept = _waiting(db)
    with db.begin() as conn:
        conn.execute(waiting_documents.delete())
        fill_waiting(conn)
    assert _waiting(db) == kept == [texts[0].document]
