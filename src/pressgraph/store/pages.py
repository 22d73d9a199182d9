"""Queries behind the web pages: what each page shows, read in as few queries as it needs.

Each function returns one frozen dataclass; the web view renders it as HTML and its JSON twin
is the same dataclass encoded, so a page and its `.json` always agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, RowMapping, func, select

from pressgraph.errors import NotFoundError
from pressgraph.records import Removed
from pressgraph.store.db import Database
from pressgraph.store.schema import documents, removed, stories

LATEST = 10
_PARAGRAPH = re.compile(r"[^\n]+")
_TITLE_WIDTH = 90
_WEB = re.compile(r"https?://", re.IGNORECASE)


@dataclass(frozen=True)
class Counts:
    """How much the knowledge base holds; None means that stage has not been built yet."""

    documents: int
    stories: int
    # Filled in as their tables land: people and organizations (issue 3), events and claims
    # (issue 4). Until then the home page says "not yet extracted".
    people: int | None = None
    organizations: int | None = None
    events: int | None = None
    claims: int | None = None


@dataclass(frozen=True)
class StoryCard:
    """A story in a list: enough to show it and link to it."""

    id: str
    document: str
    title: str  # the headline, or the first words of a story that has none
    headline: str | None
    date: str | None
    main: bool
    lead: str


@dataclass(frozen=True)
class StoryBody:
    """A story with its text cut into paragraphs ((start, end) offsets into `text`)."""

    id: str
    document: str
    index: int
    title: str
    headline: str | None
    date: str | None
    date_source: str | None
    main: bool
    start: int  # offsets of the story in the document's cleaned text
    end: int
    text: str
    paragraphs: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class DocumentInfo:
    """Where a document came from and when; no text."""

    id: str
    title: str  # the page title, or the source's file name when the page gave none
    source: str
    url: str | None
    link: str | None  # the url when it is http(s): the only kind a page may link to
    published: str | None
    language: str | None
    format: str
    version: int
    fetched_at: str
    content_hash: str
    story_count: int
    image_count: int


@dataclass(frozen=True)
class HomePage:
    """The home page: counts and the latest stories."""

    counts: Counts
    latest: tuple[StoryCard, ...]


@dataclass(frozen=True)
class StoryPage:
    """One story, the document it came from, its sibling stories and the removed furniture."""

    story: StoryBody
    document: DocumentInfo
    others: tuple[StoryCard, ...]  # the other stories of the same page, in page order
    images: tuple[str, ...]
    removed: tuple[Removed, ...]


@dataclass(frozen=True)
class DocumentPage:
    """One document with all its stories and the furniture the cleaner removed."""

    document: DocumentInfo
    stories: tuple[StoryBody, ...]
    images: tuple[str, ...]
    removed: tuple[Removed, ...]


def home_page(db: Database, latest: int = LATEST) -> HomePage:
    """Counts of what is stored and the newest stories (by story date)."""
    with db.read() as conn:
        counts = Counts(documents=_count(conn, documents), stories=_count(conn, stories))
        query = (
            select(stories).order_by(stories.c.date.desc().nulls_last(), stories.c.id).limit(latest)
        )
        cards = tuple(_card(r) for r in conn.execute(query).mappings())
    return HomePage(counts, cards)


def story_page(db: Database, story_id: str) -> StoryPage:
    """The page of one story, by its exact id (`<document id>-<index>`)."""
    with db.read() as conn:
        row = conn.execute(select(stories).where(stories.c.id == story_id)).mappings().first()
        if row is None:
            raise NotFoundError(
                f"there is no story with id {story_id!r}; story ids look like "
                "8a488d8fca91047a-0 — search for the story at /search"
            )
        doc = _document_row(conn, row["document_id"])
        siblings = _stories_of(conn, row["document_id"])
        gone = _removed_of(conn, row["document_id"])
    others = tuple(_card(s) for s in siblings if s["id"] != story_id)
    return StoryPage(_body(row), _info(doc), others, _images(gone), gone)


def document_page(db: Database, doc_id: str) -> DocumentPage:
    """The page of one document, by its exact id or an unambiguous prefix of it."""
    with db.read() as conn:
        doc = _document_row(conn, doc_id)
        bodies = tuple(_body(s) for s in _stories_of(conn, doc["id"]))
        gone = _removed_of(conn, doc["id"])
    return DocumentPage(_info(doc), bodies, _images(gone), gone)


# --- queries -----------------------------------------------------------------------------------

# The columns a page shows; leaves out `raw`, `text` and `cleaned`, which can be large.
_INFO = (
    documents.c.id,
    documents.c.title,
    documents.c.source,
    documents.c.url,
    documents.c.published,
    documents.c.language,
    documents.c.format,
    documents.c.version,
    documents.c.fetched_at,
    documents.c.content_hash,
    documents.c.story_count,
    documents.c.image_count,
)


def _count(conn: Connection, table: Any) -> int:
    return int(conn.execute(select(func.count()).select_from(table)).scalar() or 0)


def _document_row(conn: Connection, doc_id: str) -> RowMapping:
    row = conn.execute(select(*_INFO).where(documents.c.id == doc_id)).mappings().first()
    if row is not None:
        return row
    # A prefix (as the CLI accepts) is slower: LIKE cannot use the primary key index.
    query = select(*_INFO).where(documents.c.id.startswith(doc_id, autoescape=True)).limit(2)
    rows = list(conn.execute(query).mappings()) if len(doc_id) >= 4 else []
    if len(rows) == 1:
        return rows[0]
    what = "more than one document" if rows else "no document"
    raise NotFoundError(
        f"there is {what} with id {doc_id!r}; use the full 16-character id shown on a story's "
        "page, or search for the document at /search"
    )


def _stories_of(conn: Connection, doc_id: str) -> list[RowMapping]:
    query = select(stories).where(stories.c.document_id == doc_id).order_by(stories.c.idx)
    return list(conn.execute(query).mappings())


def _removed_of(conn: Connection, doc_id: str) -> tuple[Removed, ...]:
    query = select(removed).where(removed.c.document_id == doc_id).order_by(removed.c.start)
    return tuple(
        Removed(r["kind"], r["text"], r["start"], r["end"]) for r in conn.execute(query).mappings()
    )


# --- building records --------------------------------------------------------------------------


def paragraphs(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each non-empty line of `text`: the paragraphs of cleaned text."""
    return tuple(m.span() for m in _PARAGRAPH.finditer(text) if m.group().strip())


def shorten(text: str, width: int) -> str:
    """`text` on one line, cut at a word boundary to at most about `width` characters."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    return flat[:width].rsplit(" ", 1)[0] + " …"


def _title(row: RowMapping) -> str:
    return str(row["headline"] or shorten(row["text"], _TITLE_WIDTH))


def _card(row: RowMapping) -> StoryCard:
    return StoryCard(
        id=row["id"],
        document=row["document_id"],
        title=_title(row),
        headline=row["headline"],
        date=row["date"],
        main=bool(row["main"]),
        lead=shorten(row["text"], 240),
    )


def _body(row: RowMapping) -> StoryBody:
    return StoryBody(
        id=row["id"],
        document=row["document_id"],
        index=row["idx"],
        title=_title(row),
        headline=row["headline"],
        date=row["date"],
        date_source=row["date_source"],
        main=bool(row["main"]),
        start=row["start"],
        end=row["end"],
        text=row["text"],
        paragraphs=paragraphs(row["text"]),
    )


def _info(row: RowMapping) -> DocumentInfo:
    name = row["source"].replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    return DocumentInfo(
        id=row["id"],
        title=row["title"] or name or row["source"],
        source=row["source"],
        url=row["url"],
        link=row["url"] if _WEB.match(row["url"] or "") else None,
        published=row["published"],
        language=row["language"],
        format=row["format"],
        version=row["version"],
        fetched_at=row["fetched_at"],
        content_hash=row["content_hash"],
        story_count=row["story_count"],
        image_count=row["image_count"],
    )


def _images(gone: tuple[Removed, ...]) -> tuple[str, ...]:
    return tuple(r.text for r in gone if r.kind == "image")


def document_source(db: Database, doc_id: str) -> str:
    """What was read for a document (HTML, a JSON line or text), for its "source" link."""
    with db.read() as conn:
        found = _document_row(conn, doc_id)
        query = select(documents.c.raw).where(documents.c.id == found["id"])
        return str(conn.execute(query).scalar_one())
