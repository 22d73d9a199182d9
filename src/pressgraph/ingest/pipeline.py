"""Ingest a batch: read each input, clean it, split it into stories and store it whole.

Each page is stored in its own transaction, so a crash or a kill leaves only whole pages;
a page that cannot be read is recorded as a refusal and the batch goes on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import replace

from pressgraph.clean.page import clean_page, page_line_keys
from pressgraph.clean.stories import split_stories
from pressgraph.clean.text import language_of
from pressgraph.ingest.sources import read_input
from pressgraph.records import IngestSummary, Page, Refusal
from pressgraph.settings import Settings
from pressgraph.store.db import Database
from pressgraph.store.documents import WriteResult, record_refusal, write_document
from pressgraph.store.sitelines import furniture_keys, host_of

Progress = Callable[[str], None]


def content_hash(page: Page) -> str:
    """Identity of a page: SHA-256 of its text, so the same page from anywhere is stored once."""
    return hashlib.sha256(page.text.encode("utf-8")).hexdigest()


def store_page(db: Database, page: Page) -> WriteResult | Refusal:
    """Clean, split and store one page; an empty page becomes a refusal. The lines that most
    pages of the page's site repeat are its furniture there (store/sitelines.py)."""
    host = host_of(page)
    known = furniture_keys(db, host) if host else frozenset()
    cleaned = clean_page(page.text, site_lines=known)
    if page.published is None and cleaned.published is not None:
        page = replace(page, published=cleaned.published)
    found = split_stories(cleaned.text, published=page.published, title=page.title)
    if not found:
        what = "has no text" if not page.text.strip() else "has no story text after cleaning"
        return Refusal(
            page.source,
            "empty",
            f"{page.source}: the page {what}; check that it is the article page and not an "
            "index or an error page",
            len(page.raw),
        )
    site = (host, page_line_keys(page.text)) if host else None
    return write_document(
        db,
        page,
        cleaned,
        found,
        content_hash=content_hash(page),
        language=language_of(page.text),
        site=site,
    )


def ingest(
    db: Database, items: Iterable[str], settings: Settings, progress: Progress | None = None
) -> IngestSummary:
    """Ingest every input; return counts of pages read, stored, duplicated and refused."""
    summary = IngestSummary()
    for item in items:
        for got in read_input(item, settings):
            summary.read += 1
            result = got if isinstance(got, Refusal) else store_page(db, got)
            _count(db, summary, result)
        if progress is not None:
            progress(item)
    return summary


def _count(db: Database, summary: IngestSummary, result: WriteResult | Refusal) -> None:
    if isinstance(result, Refusal):
        record_refusal(db, result)
        summary.refused += 1
        summary.refusals.append(result)
    elif result.status == "duplicate":
        summary.duplicates += 1
    else:
        summary.stored += 1
        summary.versions += result.status == "version"
        summary.stories += result.stories
