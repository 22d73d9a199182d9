"""The first stages of the flow: read each input, clean it, split it into stories, store it.

Every input is queued as a job when the run begins; each page is stored in its own
transaction with its job's new state, so a crash or a kill leaves only whole pages and jobs
that say so. A page that cannot be read is recorded as a refusal (its job refused) and the
batch goes on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from pressgraph.clean.page import clean_page, page_line_keys
from pressgraph.clean.stories import split_stories
from pressgraph.clean.text import language_of
from pressgraph.errors import PressgraphError
from pressgraph.flow.runs import running
from pressgraph.ingest.addresses import is_url, strip_credentials
from pressgraph.ingest.files import Input
from pressgraph.ingest.sources import read_input
from pressgraph.records import IngestSummary, Page, Refusal
from pressgraph.settings import Settings
from pressgraph.store.db import Database
from pressgraph.store.documents import WriteResult, record_refusal, write_document
from pressgraph.store.jobs import JobRef, mark_empty, queue_inputs
from pressgraph.store.sitelines import furniture_keys, host_of

if TYPE_CHECKING:
    from pressgraph.ingest.fetch import Fetcher

Progress = Callable[[str], None]
Result = WriteResult | Refusal


def content_hash(page: Page) -> str:
    """Identity of a page: SHA-256 of its text, so the same page from anywhere is stored once."""
    return hashlib.sha256(page.text.encode("utf-8")).hexdigest()


def job_key(path: str) -> str:
    """What names an input's job: a URL without credentials, a file by its absolute path (the
    same file ingested from another folder is the same job)."""
    return strip_credentials(path) if is_url(path) else str(Path(path).absolute())


def store_page(db: Database, page: Page, job: JobRef | None = None) -> Result:
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
        job=job,
    )


def ingest(
    db: Database,
    items: Iterable[str | Input],
    settings: Settings,
    progress: Progress | None = None,
    run: int | None = None,
) -> IngestSummary:
    """Ingest every input as jobs of run `run` (a run of its own if None); return counts of
    pages read, stored, duplicated and refused."""
    inputs = list(items)
    if run is None:
        with running(db, "ingest", len(inputs)) as own:
            return ingest(db, inputs, settings, progress, own)
    paths = [item.path if isinstance(item, Input) else item for item in inputs]
    keys = [job_key(path) for path in paths]
    queue_inputs(db, run, keys)
    summary = IngestSummary()
    # One fetcher (connections, robots.txt rules) for the run, made only if something is fetched.
    with _fetcher(settings) if any(map(is_url, paths)) else nullcontext() as fetcher:
        for item, path, key in zip(inputs, paths, keys, strict=True):
            pages = 0
            for pages, result in enumerate(_results(db, item, settings, fetcher, run, key), 1):
                _count(db, summary, result, JobRef(run, key, pages - 1))
            if not pages:
                mark_empty(db, JobRef(run, key, 0))
            if progress is not None:
                progress(path)
    return summary


def _fetcher(settings: Settings) -> Fetcher:
    """The HTTP fetcher of a run that reads web addresses (the client is imported then)."""
    from pressgraph.ingest.fetch import Fetcher

    return Fetcher(settings)


def _results(
    db: Database,
    item: str | Input,
    settings: Settings,
    fetcher: Fetcher | None,
    run: int,
    key: str,
) -> Iterator[Result]:
    """What reading and storing each page of one input gave (the n-th page as job n of the
    input). An error no refusal foresaw is refused too (reason "internal"), so one input never
    stops the batch; an error of the database itself (StoreError) does stop it: no later page
    could be stored either."""
    source = strip_credentials(item.path if isinstance(item, Input) else item)
    page = 0
    try:
        for got in read_input(item, settings, fetcher):
            page += 1
            if isinstance(got, Refusal):
                yield got
                continue
            try:
                yield store_page(db, got, JobRef(run, key, page - 1))
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


def _count(db: Database, summary: IngestSummary, result: Result, job: JobRef) -> None:
    summary.read += 1
    if isinstance(result, Refusal):
        record_refusal(db, result, job)
        summary.refusals.append(result)
        summary.refused += 1
    elif result.status == "duplicate":
        summary.duplicates += 1
    else:
        summary.stored += 1
        summary.versions += result.status == "version"
        summary.stories += result.stories
