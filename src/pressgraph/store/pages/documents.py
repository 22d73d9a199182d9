"""The documents page: every stored page (source, site, title, date, stories), sorted and
paged, and the inputs that were refused with why. A document's title is the page's own (its
title, else its main story's headline), never a file path; a local file is shown by its path
relative to what was ingested."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Connection, RowMapping, func, select

from pressgraph.store.db import Database
from pressgraph.store.pages.common import TITLE_WIDTH, shorten
from pressgraph.store.pages.listing import Sort, ordered
from pressgraph.store.schema import documents, refusals, stories

DOCUMENT_PAGE_SIZE = 50
REFUSALS_SHOWN = 50
SORTS = ("date", "title", "site", "stories", "fetched")
LONG_TITLE = 160  # a headline is kept whole up to this; opening words are cut to TITLE_WIDTH
NEWEST = Sort("fetched", descending=True)


@dataclass(frozen=True)
class DocumentRow:
    """A document in the list: where it came from, what it is called, when, how much."""

    id: str
    title: str
    source: str  # the web address, or the path relative to what was ingested
    site: str  # the web site's host, or the folder the file was in
    published: str | None
    fetched_at: str
    stories: int
    version: int


@dataclass(frozen=True)
class RefusalRow:
    """An input that was refused: what, why, how to fix it, when."""

    source: str
    reason: str
    message: str
    at: str


@dataclass(frozen=True)
class DocumentList:
    """One page of documents, sorted as asked, and the latest refusals."""

    sort: str
    page: int
    page_size: int
    total: int
    pages: int
    documents: tuple[DocumentRow, ...]
    refused: int
    refusals: tuple[RefusalRow, ...]


def document_list(
    db: Database, *, sort: Sort = NEWEST, page: int = 1, size: int = DOCUMENT_PAGE_SIZE
) -> DocumentList:
    """Documents sorted by date, title, site, stories or when they were fetched."""
    headline = main_headline()
    site = func.coalesce(documents.c.url, documents.c.path, documents.c.source)
    columns = {
        "date": documents.c.published,
        "title": func.coalesce(documents.c.title, headline),
        "site": site,
        "stories": documents.c.story_count,
        "fetched": documents.c.fetched_at,
    }
    # The page's ids first: the headline of every document is read only to sort by title.
    ids = ordered(select(documents.c.id), sort, columns, documents.c.id)
    query = select(
        documents.c.id, documents.c.title, documents.c.source, documents.c.url,
        documents.c.path, documents.c.published, documents.c.fetched_at,
        documents.c.story_count, documents.c.version, headline.label("headline"),
    )  # fmt: skip
    with db.read() as conn:
        total = int(conn.execute(select(func.count()).select_from(documents)).scalar() or 0)
        order = list(conn.execute(ids.limit(size).offset((page - 1) * size)).scalars())
        rows = {r["id"]: r for r in conn.execute(query.where(documents.c.id.in_(order))).mappings()}
        shown = tuple(_row(rows[i]) for i in order)
        refused, latest = _refusals(conn)
    pages = max(1, -(-total // size))
    return DocumentList(sort.param, page, size, total, pages, shown, refused, latest)


def main_headline() -> Any:
    """SQL: the headline of a document's main story (else of its first headed story, else
    the opening words of its main or first story)."""
    opening = func.coalesce(stories.c.headline, func.substr(stories.c.text, 1, 200))
    return (
        select(opening)
        .where(stories.c.document_id == documents.c.id)
        .order_by(stories.c.main.desc(), stories.c.headline.is_(None), stories.c.idx)
        .limit(1)
        .scalar_subquery()
    )


def shown_source(source: str, url: str | None, path: str | None) -> str:
    """How a document's source is shown: its web address, or its path relative to what was
    ingested; never an absolute local path (only its file name, for one stored before)."""
    if url:
        return url
    if path:
        return path
    if source.startswith("/") or source[1:3] == ":\\":
        return source.replace("\\", "/").rsplit("/", 1)[-1]
    return source


def document_title(title: str | None, headline: str | None, source: str) -> str:
    """The page's title, else its main story's headline or opening words; where it came
    from only for a page without any text."""
    if title:
        return title
    if not headline:
        return source
    return headline if len(headline) <= LONG_TITLE else shorten(headline, TITLE_WIDTH)


def _row(r: RowMapping) -> DocumentRow:
    source = shown_source(r["source"], r["url"], r["path"])
    site = urlsplit(r["url"]).hostname if r["url"] else None
    folder = source.rsplit("/", 1)[0] if "/" in source and not r["url"] else ""
    return DocumentRow(
        id=r["id"],
        title=document_title(r["title"], r["headline"], source),
        source=source,
        site=site or folder,
        published=r["published"],
        fetched_at=r["fetched_at"],
        stories=r["story_count"],
        version=r["version"],
    )


def _refusals(conn: Connection) -> tuple[int, tuple[RefusalRow, ...]]:
    total = int(conn.execute(select(func.count()).select_from(refusals)).scalar() or 0)
    query = select(refusals).order_by(refusals.c.id.desc()).limit(REFUSALS_SHOWN)
    return total, tuple(_refusal(r) for r in conn.execute(query).mappings())


def _refusal(r: RowMapping) -> RefusalRow:
    """A refusal with its local folders left out of the source and the message."""
    source, message = r["source"], r["message"]
    if source.startswith("/"):
        folder = source.split("#", 1)[0].rsplit("/", 1)[0] + "/"
        source, message = source.replace(folder, ""), message.replace(folder, "")
    return RefusalRow(source, r["reason"], message, r["at"])
