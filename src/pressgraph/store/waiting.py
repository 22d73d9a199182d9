"""Which documents still have a text to annotate (issue 10).

A document waits while one of the texts the annotation stage reads (its stories that are
not copies, its press signatures) is neither annotated nor failed. `waiting_documents` keeps
them, written in the transactions that change it: storing the page, annotating or failing
one of its texts (`jobs.settle`), promoting a copy of a removed story. Finding the work of a
run then reads this table, not every story against every annotated target; the query that
did (`texts_waiting`) fills the table when migration 23 adds it.
"""

from __future__ import annotations

from sqlalchemy import (
    ColumnElement,
    CompoundSelect,
    Connection,
    String,
    cast,
    delete,
    insert,
    literal,
    select,
)

from pressgraph.store.chunks import chunked
from pressgraph.store.schema import (
    annotated,
    annotation_errors,
    removed,
    stories,
    waiting_documents,
)

SIGNATURE = "removed:"  # the target prefix of a press signature


def set_waiting(conn: Connection, document: str, waiting: bool) -> None:
    """Record whether this document has a text still to annotate."""
    w = waiting_documents.c
    there = conn.execute(select(w.document_id).where(w.document_id == document)).first()
    if waiting and there is None:
        conn.execute(insert(waiting_documents).values(document_id=document))
    elif not waiting and there is not None:
        conn.execute(delete(waiting_documents).where(w.document_id == document))


def forget_waiting(conn: Connection, documents: list[str]) -> None:
    """In the transaction that removes these documents."""
    for chunk in chunked(sorted(documents)):
        conn.execute(delete(waiting_documents).where(waiting_documents.c.document_id.in_(chunk)))


def documents_waiting(conn: Connection, retry: bool) -> list[str]:
    """The documents with a text still to annotate, in id order; with `retry`, those with a
    text that failed too."""
    found = set(conn.execute(select(waiting_documents.c.document_id)).scalars())
    if retry:
        found |= _failed_documents(conn)
    return sorted(found)


def any_waiting(conn: Connection) -> bool:
    return conn.execute(select(waiting_documents.c.document_id).limit(1)).first() is not None


def _failed_documents(conn: Connection) -> set[str]:
    """The documents of the texts that failed (few: read whole)."""
    targets = list(conn.execute(select(annotation_errors.c.target)).scalars())
    signed = [int(t.removeprefix(SIGNATURE)) for t in targets if t.startswith(SIGNATURE)]
    found: set[str] = set()
    for chunk in chunked(sorted(t for t in targets if not t.startswith(SIGNATURE))):
        query = select(stories.c.document_id).where(stories.c.id.in_(chunk))
        found.update(conn.execute(query).scalars())
    for ids in chunked(sorted(signed)):
        query = select(removed.c.document_id).where(removed.c.id.in_(ids))
        found.update(conn.execute(query).scalars())
    return found


def signature_target() -> ColumnElement[str]:
    """SQL: the target of a removed row ("removed:<id>"), as the annotation stage names it."""
    return literal(SIGNATURE, String) + cast(removed.c.id, String)


def texts_waiting() -> CompoundSelect[tuple[str]]:
    """SQL: the documents with a story or a signature neither annotated nor failed, found by
    comparing every one with the annotated and failed targets."""
    skip = select(annotated.c.target).union_all(select(annotation_errors.c.target))
    with_stories = select(stories.c.document_id).where(
        stories.c.duplicate_of.is_(None), stories.c.id.not_in(skip)
    )
    with_signatures = select(removed.c.document_id).where(
        removed.c.kind == "signature", signature_target().not_in(skip)
    )
    return with_stories.union(with_signatures)


def fill_waiting(conn: Connection) -> None:
    """Write the table from every text (migration 23)."""
    documents = sorted(set(conn.execute(texts_waiting()).scalars()))
    if documents:
        conn.execute(insert(waiting_documents), [{"document_id": d} for d in documents])
