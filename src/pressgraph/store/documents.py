"""Write and read documents, their stories, removed furniture and refused inputs."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import Connection, RowMapping, func, select
from sqlalchemy.exc import IntegrityError

from pressgraph.clean.text import story_hash
from pressgraph.errors import NotFoundError
from pressgraph.records import (
    CLEAN_STAGE,
    STORIES_STAGE,
    CleanedPage,
    Page,
    Refusal,
    Removed,
    StoredDocument,
    StoredStory,
    Story,
)
from pressgraph.store.bulk import execute_many
from pressgraph.store.db import Database
from pressgraph.store.jobs import JobRef, mark_page, mark_refused
from pressgraph.store.schema import documents, refusals, removed, stories
from pressgraph.store.sitelines import count_page
from pressgraph.store.waiting import set_waiting


@dataclass(frozen=True)
class WriteResult:
    """What storing one page did: stored new, stored as a new version, or was a duplicate."""

    document: str
    status: str  # "stored" | "version" | "duplicate"
    version: int
    stories: int = 0


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def find_by_hash(conn: Connection, content_hash: str) -> RowMapping | None:
    """The stored document with this content hash, if any."""
    query = select(documents.c.id, documents.c.version).where(
        documents.c.content_hash == content_hash
    )
    return conn.execute(query).mappings().first()


def _next_version(conn: Connection, source: str) -> int:
    latest = conn.execute(
        select(func.max(documents.c.version)).where(documents.c.source == source)
    ).scalar()
    return int(latest or 0) + 1


def write_document(
    db: Database,
    page: Page,
    cleaned: CleanedPage,
    found: list[Story],
    *,
    content_hash: str,
    language: str | None,
    site: tuple[str, list[str]] | None = None,
    job: JobRef | None = None,
) -> WriteResult:
    """Store one page, its stories and removed furniture in one transaction; with `site`
    (host, line keys), the page's lines are counted for its site in the same transaction,
    and with `job` the page's job becomes stored (store/jobs.py) in it too.

    Another process storing the same page at the same moment makes this one a duplicate: on
    SQLite the write lock orders the two (db.py), elsewhere the unique hash refuses the second
    insert and the page is looked up again."""
    try:
        return _write_document(db, page, cleaned, found, content_hash, language, site, job)
    except IntegrityError:
        with db.begin() as conn:
            existing = find_by_hash(conn, content_hash)
            if existing is None:
                raise
            if job is not None:
                mark_page(conn, job, page.source, existing["id"], duplicate=True)
        return WriteResult(existing["id"], "duplicate", existing["version"])


def _write_document(
    db: Database,
    page: Page,
    cleaned: CleanedPage,
    found: list[Story],
    content_hash: str,
    language: str | None,
    site: tuple[str, list[str]] | None,
    job: JobRef | None,
) -> WriteResult:
    doc_id = content_hash[:16]
    with db.begin() as conn:
        existing = find_by_hash(conn, content_hash)
        if existing is not None:
            if job is not None:
                mark_page(conn, job, page.source, existing["id"], duplicate=True)
            return WriteResult(existing["id"], "duplicate", existing["version"])
        version = _next_version(conn, page.source)
        row = _document_row(page, cleaned, found, doc_id)
        row.update(version=version, content_hash=content_hash, language=language)
        conn.execute(documents.insert().values(**row))
        rows = [_story_row(doc_id, cleaned.text, s) for s in found]
        if rows:
            _link_duplicates(conn, rows)
            execute_many(conn, stories.insert(), rows)
        if cleaned.removed:
            execute_many(conn, removed.insert(), [_removed_row(doc_id, r) for r in cleaned.removed])
        if site is not None:
            count_page(conn, *site)
        # a new page waits for annotation if it has texts to annotate
        signed = any(r.kind == "signature" for r in cleaned.removed)
        waiting = signed or any(r["duplicate_of"] is None for r in rows)
        if waiting:
            set_waiting(conn, doc_id, True)
        if job is not None:
            mark_page(conn, job, page.source, doc_id, duplicate=False, waiting=waiting)
    return WriteResult(doc_id, "version" if version > 1 else "stored", version, len(found))


def _document_row(
    page: Page, cleaned: CleanedPage, found: list[Story], doc_id: str
) -> dict[str, object]:
    segments = [[s.clean_start, s.clean_end, s.raw_start, s.raw_end] for s in cleaned.segments]
    return {
        "id": doc_id,
        "source": page.source,
        "path": page.path,
        "format": page.format,
        "url": page.url,
        "title": page.title,
        "published": page.published,
        "raw": page.raw,
        "text": page.text,
        "cleaned": cleaned.text,
        "segments": json.dumps(segments),
        "image_count": len(cleaned.images),
        "story_count": len(found),
        "fetched_at": _now(),
        "stage": CLEAN_STAGE,
    }


def _story_row(doc_id: str, text: str, story: Story) -> dict[str, object]:
    return {
        "id": f"{doc_id}-{story.index}",
        "document_id": doc_id,
        "idx": story.index,
        "start": story.start,
        "end": story.end,
        "headline": story.headline,
        "headline_start": story.headline_start,
        "headline_end": story.headline_end,
        "date": story.date,
        "date_source": story.date_source,
        "main": story.main,
        "text": text[story.start : story.end],
        "stage": STORIES_STAGE,
        "text_hash": story_hash(text[story.start : story.end]),
    }


def _link_duplicates(conn: Connection, rows: list[dict[str, object]]) -> None:
    """Point each story whose text is already stored (a sidebar repeated across pages, the
    same release on two sites) to its first copy, so its facts are not counted twice."""
    seen: dict[str, str] = {}
    for row in rows:
        digest = str(row["text_hash"])
        earlier = (
            seen.get(digest)
            or conn.execute(
                select(stories.c.id)
                .where(stories.c.text_hash == digest, stories.c.duplicate_of.is_(None))
                .limit(1)
            ).scalar()
        )
        row["duplicate_of"] = earlier
        seen.setdefault(digest, str(row["id"]))


def _removed_row(doc_id: str, item: Removed) -> dict[str, object]:
    return {
        "document_id": doc_id,
        "kind": item.kind,
        "text": item.text,
        "start": item.start,
        "end": item.end,
        "stage": CLEAN_STAGE,
    }


def record_refusal(db: Database, refusal: Refusal, job: JobRef | None = None) -> None:
    """Remember an input that could not be ingested, and why (its job refused with it)."""
    with db.begin() as conn:
        if job is not None:
            mark_refused(conn, job, refusal.source, refusal.reason, refusal.message)
        conn.execute(
            refusals.insert().values(
                source=refusal.source,
                reason=refusal.reason,
                message=refusal.message,
                size=refusal.size,
                at=_now(),
            )
        )


def list_refusals(db: Database) -> list[tuple[str, Refusal]]:
    """Every refused input, oldest first, with the time it was refused."""
    with db.read() as conn:
        rows = conn.execute(select(refusals).order_by(refusals.c.id)).mappings()
        return [(r["at"], Refusal(r["source"], r["reason"], r["message"], r["size"])) for r in rows]


def _stored_story(row: RowMapping) -> StoredStory:
    return StoredStory(
        id=row["id"],
        document=row["document_id"],
        index=row["idx"],
        headline=row["headline"],
        date=row["date"],
        date_source=row["date_source"],
        main=bool(row["main"]),
        start=row["start"],
        end=row["end"],
        text=row["text"],
        duplicate_of=row["duplicate_of"],
    )


def list_stories(db: Database, document: str | None = None) -> list[StoredStory]:
    """Stories in document order (all documents, or one)."""
    query = select(stories).order_by(stories.c.document_id, stories.c.idx)
    if document is not None:
        query = query.where(stories.c.document_id == document)
    with db.read() as conn:
        return [_stored_story(r) for r in conn.execute(query).mappings()]


def document_ids(db: Database) -> list[str]:
    """Ids of all stored documents, in the order they were stored."""
    with db.read() as conn:
        query = select(documents.c.id).order_by(documents.c.fetched_at, documents.c.id)
        return list(conn.execute(query).scalars())


def get_document(db: Database, doc_id: str) -> StoredDocument:
    """One stored document with its stories and removed furniture; id prefixes work."""
    with db.read() as conn:
        row = find_document(conn, doc_id)
        gone = conn.execute(
            select(removed).where(removed.c.document_id == row["id"]).order_by(removed.c.start)
        ).mappings()
        kept = conn.execute(
            select(stories).where(stories.c.document_id == row["id"]).order_by(stories.c.idx)
        ).mappings()
        return StoredDocument(
            id=row["id"],
            source=row["source"],
            version=row["version"],
            content_hash=row["content_hash"],
            format=row["format"],
            url=row["url"],
            title=row["title"],
            published=row["published"],
            language=row["language"],
            fetched_at=row["fetched_at"],
            cleaned=row["cleaned"],
            removed=tuple(
                Removed(r["kind"], r["text"], r["start"], r["end"], r["id"]) for r in gone
            ),
            stories=tuple(_stored_story(s) for s in kept),
        )


def find_document(conn: Connection, doc_id: str) -> RowMapping:
    """The document row with this id or unique id prefix; NotFoundError otherwise."""
    rows = list(
        conn.execute(
            select(documents).where(documents.c.id.startswith(doc_id, autoescape=True)).limit(2)
        ).mappings()
    )
    if len(rows) != 1:
        what = "no document" if not rows else "more than one document"
        raise NotFoundError(
            f"{what} with id {doc_id!r}; run `pressgraph stories` to see document ids"
        )
    return rows[0]


def iter_documents(db: Database) -> Iterator[StoredDocument]:
    """Every stored document, in the order stored."""
    for doc_id in document_ids(db):
        yield get_document(db, doc_id)


def counts(db: Database) -> dict[str, int]:
    """How many documents, stories, removed items and refusals the store holds."""
    with db.read() as conn:
        return {
            name: int(conn.execute(select(func.count()).select_from(table)).scalar() or 0)
            for name, table in (
                ("documents", documents),
                ("stories", stories),
                ("removed", removed),
                ("refusals", refusals),
            )
        }
