"""Find inputs (files, directories, JSONL files, feeds, URLs) and read each into `Page` records.

Every failure becomes a `Refusal` with a reason, never an exception that stops a batch.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from urllib.parse import urljoin

import httpx

from pressgraph.errors import InputError
from pressgraph.ingest.decode import decode
from pressgraph.ingest.feeds import FEED_SUFFIXES, FeedItem, is_feed, parse_feed
from pressgraph.ingest.fetch import client_for, fetch, is_url
from pressgraph.ingest.formats import from_fragment, from_html, from_markdown
from pressgraph.records import Page, Refusal
from pressgraph.settings import Settings

TEXT_SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
SUPPORTED = sorted([*TEXT_SUFFIXES, *HTML_SUFFIXES, *FEED_SUFFIXES, ".jsonl"])


def expand(inputs: list[str]) -> list[str]:
    """Expand directories (recursively, sorted, hidden files skipped) into file paths; keep URLs."""
    out: list[str] = []
    for item in inputs:
        path = Path(item)
        if not is_url(item) and path.is_dir():
            out.extend(
                str(p)
                for p in sorted(path.rglob("*"))
                if (p.is_file() or p.is_symlink())
                and p.suffix.lower() in SUPPORTED
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
        else:
            out.append(item)
    return out


def read_input(item: str, settings: Settings) -> Iterator[Page | Refusal]:
    """Read one file or URL: one page, several (JSONL, a feed's items), or refusals with
    their reasons."""
    try:
        if is_url(item):
            page = fetch(item, settings)
            if is_feed(page.raw):
                yield from _feed_pages(page.raw, item, settings)
            else:
                yield page
        elif Path(item).suffix.lower() == ".jsonl":
            yield from _read_jsonl(Path(item), settings)
        elif Path(item).suffix.lower() in FEED_SUFFIXES:
            yield from _read_feed(Path(item), settings)
        else:
            yield _read_file(Path(item), settings)
    except InputError as exc:
        yield Refusal(item, exc.reason, str(exc))


def _read_bytes(path: Path, settings: Settings) -> bytes:
    try:
        size = path.stat().st_size
        if size > settings.max_bytes:
            raise InputError(
                "too_large",
                f"{path}: {size:,} bytes is over the {settings.max_bytes:,}-byte limit; raise it "
                "with --max-bytes or PRESSGRAPH_MAX_BYTES if the page is genuine",
            )
        return path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise InputError(
            "unreadable", f"{path}: cannot read it ({reason}); check the path and permissions"
        ) from exc


def _read_file(path: Path, settings: Settings) -> Page:
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES and suffix not in HTML_SUFFIXES:
        raise InputError(
            "unsupported",
            f"{path}: files of type {suffix or '(none)'} are not read; "
            f"supported: {', '.join(SUPPORTED)}",
        )
    text = decode(_read_bytes(path, settings), str(path))
    source = str(path.resolve())
    if suffix in HTML_SUFFIXES:
        found = from_html(text)
        return Page(source, text, found.text, "html", found.title, found.published, found.url)
    if TEXT_SUFFIXES[suffix] == "markdown":
        md = from_markdown(text)
        return Page(source, text, md.text, "markdown", md.title)
    return Page(source, text, text, "text")


def _read_feed(path: Path, settings: Settings) -> Iterator[Page | Refusal]:
    text = decode(_read_bytes(path, settings), str(path))
    if not is_feed(text):
        raise InputError(
            "unsupported",
            f"{path}: an XML file that is not an RSS or Atom feed; give the feed, or save the "
            "pages themselves as .html",
        )
    yield from _feed_pages(text, str(path.resolve()), settings)


def _feed_pages(text: str, where: str, settings: Settings) -> Iterator[Page | Refusal]:
    """Each item of a feed as a page: its link fetched, or the content the item carries.
    An item that cannot be read is refused on its own; the other items go on."""
    items = parse_feed(text, where)
    with client_for(settings) as client:
        for item in items:
            try:
                yield _item_page(item, where, settings, client)
            except InputError as exc:
                yield Refusal(_item_source(item, where), exc.reason, str(exc))


def _item_source(item: FeedItem, where: str) -> str:
    """The item's link (made absolute against a feed that was fetched), or feed#id."""
    if item.link and (is_url(item.link) or is_url(where)):
        return urljoin(where, item.link)
    return f"{where}#{item.key}"


def _item_page(item: FeedItem, where: str, settings: Settings, client: httpx.Client) -> Page:
    source = _item_source(item, where)
    if is_url(source):
        page = fetch(source, settings, client)
        return replace(
            page, title=page.title or item.title, published=page.published or item.published
        )
    if item.content:
        text = from_fragment(item.content)
        return Page(source, item.content, text, "html", item.title, item.published, item.link)
    raise InputError(
        "bad_record",
        f"{where}: item {item.key!r} has neither a web link nor any content; nothing to read",
    )


def _read_jsonl(path: Path, settings: Settings) -> Iterator[Page | Refusal]:
    text = decode(_read_bytes(path, settings), str(path))
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path.resolve()}#L{number}"
        try:
            yield _jsonl_page(line, where, settings)
        except InputError as exc:
            yield Refusal(where, exc.reason, str(exc))


def _jsonl_page(line: str, where: str, settings: Settings) -> Page:
    """One JSONL record: {"text" or "html", optional "url", "title", "published"}."""
    if len(line.encode()) > settings.max_bytes:
        raise InputError(
            "too_large",
            f"{where}: record is over the {settings.max_bytes:,}-byte "
            "limit; raise it with --max-bytes or PRESSGRAPH_MAX_BYTES",
        )
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(
            "bad_record", f"{where}: not valid JSON ({exc.msg}); fix the line"
        ) from exc
    if not isinstance(record, dict) or not (
        isinstance(record.get("text"), str) or isinstance(record.get("html"), str)
    ):
        raise InputError("bad_record", f'{where}: a record needs a string field "text" or "html"')
    url = record.get("url") if isinstance(record.get("url"), str) else None
    source = url or where
    published = _iso_date(record.get("published"), where)
    title = record.get("title") if isinstance(record.get("title"), str) else None
    if isinstance(record.get("html"), str):
        found = from_html(record["html"], url=url)
        return Page(
            source,
            line,
            found.text,
            "html",
            title or found.title,
            published or found.published,
            url,
        )
    return Page(source, line, record["text"], "jsonl", title, published, url)


def _iso_date(value: object, where: str) -> str | None:
    """The date part of an ISO date or timestamp; a malformed one is refused, not guessed."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10]).isoformat()
        except ValueError:
            pass
    raise InputError(
        "bad_record", f'{where}: "published" must be an ISO date like 2021-06-30, not {value!r}'
    )
