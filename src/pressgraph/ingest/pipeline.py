"""Ingest a batch: read each input, clean it, split it into stories and store it whole.

Each page is stored in its own transaction, so a crash or a kill leaves only whole pages;
a page that cannot be read is recorded as a refusal and the batch goes on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import replace

from pressgraph.clean.page import clean_page, page_line_keys
from pressgraph.clean.stories import split_stories
from pressgraph.clean.text import language_of
from pressgraph.errors import PressgraphError
from pressgraph.ingest.fetch import Fetcher, is_url
from pressgraph.ingest.files import Input
from pressgraph.ingest.guard import strip_credentials
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
    db: Database,
    items: Iterable[str | Input],
    settings: Settings,
    progress: Progress | None = None,
) -> IngestSummary:
    """Ingest every input; return counts of pages read, stored, duplicated and refused."""
    summary = IngestSummary()
    inputs = list(items)
    paths = [item.path if isinstance(item, Input) else item for item in inputs]
    # One fetcher (connections, robots.txt rules) for the run, made only if something is fetched.
    with Fetcher(settings) if any(map(is_url, paths)) else nullcontext() as fetcher:
        for item, path in zip(inputs, paths, strict=True):
            for result in _results(db, item, settings, fetcher):
                summary.read += 1
                _count(db, summary, result)
            if progress is not None:
                progress(path)
    return summary


def _results(
    db: Database, item: str | Input, settings: Settings, fetcher: Fetcher | None
) -> Iterator[WriteResult | Refusal]:
    """What reading and storing each page of one input gave. An error no refusal foresaw is
    refused too (reason "internal"), so one input never stops the batch; an error of the
    database itself (StoreError) does stop it: no later page could be stored either."""
    source = strip_credentials(item.path if isinstance(item, Input) else item)
    try:
        for got in read_input(item, settings, fetcher):
            if isinstance(got, Refusal):
                yield got
                continue
            try:
                yield store_page(db, got)
            except PressgraphError:
                raise
            except Exception as exc:  # the safety net: recorded, the batch goes on
                yield _internal(got.source, exc)
    except PressgraphError:
        raise
    except Exception as exc:  # a reader's error no refusal foresaw
        yield _internal(source, exc)


def _internal(source: str, exc: Exception) -> Refusal:
    return Refusal(
        source,
        "internal",
        f"{source}: pressgraph failed on this input ({type(exc).__name__}: {exc}); the other "
        "inputs went on. Please report it with the input",
    )


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
