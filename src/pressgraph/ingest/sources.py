"""Find inputs (files, directories, JSONL files, feeds, URLs) and read each into `Page` records.

Every failure becomes a `Refusal` with a reason, never an exception that stops a batch.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from pressgraph.errors import InputError
from pressgraph.ingest.addresses import is_url, strip_credentials
from pressgraph.ingest.decode import decode
from pressgraph.ingest.feeds import FEED_SUFFIXES, FeedItem, is_feed, parse_feed
from pressgraph.ingest.files import Input, check_link, read_capped, read_lines, walk
from pressgraph.ingest.formats import from_fragment, from_html, from_markdown, parsed
from pressgraph.records import Page, Refusal
from pressgraph.settings import Settings

if TYPE_CHECKING:  # fetching imports the HTTP client: only when an address is read
    from pressgraph.ingest.fetch import Fetcher
    from pressgraph.ingest.robots import Robots

TEXT_SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
SUPPORTED = sorted([*TEXT_SUFFIXES, *HTML_SUFFIXES, *FEED_SUFFIXES, ".jsonl"])
_SURROGATE = re.compile("[\ud800-\udfff]")


def list_inputs(inputs: list[str]) -> list[Input]:
    """Each input as given, and every supported file of each folder (recursively, sorted,
    hidden files skipped, a folder that cannot be listed kept with its problem)."""
    out: list[Input] = []
    for item in inputs:
        path = Path(item)
        if not is_url(item) and path.is_dir() and not path.is_symlink():
            out.extend(walk(path, SUPPORTED))
        elif not is_url(item) and path.is_dir():  # a link to a folder, given by name
            out.extend(walk(Path(item).resolve(), SUPPORTED))
        else:
            out.append(Input(item))
    return out


def expand(inputs: list[str]) -> list[str]:
    """The paths and URLs `list_inputs` finds (without the folders it could not list)."""
    return [i.path for i in list_inputs(inputs) if i.problem is None]


def read_input(
    item: str | Input, settings: Settings, fetcher: Fetcher | None = None
) -> Iterator[Page | Refusal]:
    """Read one file or URL: one page, several (JSONL, a feed's items), or refusals with
    their reasons. Any error of a parser becomes a refusal, never an exception."""
    found = item if isinstance(item, Input) else Input(item)
    source = strip_credentials(found.path)
    try:
        if found.problem is not None:
            raise found.problem
        if is_url(found.path):
            yield from _read_url(found.path, settings, fetcher)
            return
        path = Path(found.path)
        check_link(path, found.root, settings.follow_links)
        for got in _read_local(path, settings, fetcher):
            yield _with_path(got, found)
    except InputError as exc:
        yield Refusal(source, exc.reason, strip_credentials(str(exc)))


def _read_local(
    path: Path, settings: Settings, fetcher: Fetcher | None
) -> Iterator[Page | Refusal]:
    if path.suffix.lower() == ".jsonl":
        yield from _read_jsonl(path, settings)
    elif path.suffix.lower() in FEED_SUFFIXES:
        yield from _read_feed(path, settings, fetcher)
    else:
        yield _read_file(path, settings)


def _with_path(got: Page | Refusal, found: Input) -> Page | Refusal:
    """A page read from a local file, with its path as shown (`shown_path`)."""
    if isinstance(got, Refusal) or is_url(got.source):
        return got
    return replace(got, path=shown_path(got.source, found))


def shown_path(source: str, found: Input) -> str:
    """A local source as shown: relative to the parent of the folder that was ingested
    (`examples/000_8a48.txt`), or the file's name when a file was named; a JSONL record or a
    feed item keeps its `#...` part. Never absolute."""
    file, hash_, fragment = source.partition("#")
    base = Path(found.root or found.path).resolve().parent
    try:
        shown = Path(file).relative_to(base).as_posix()
    except ValueError:
        shown = Path(file).name
    return shown + hash_ + fragment


def _read_url(url: str, settings: Settings, fetcher: Fetcher | None) -> Iterator[Page | Refusal]:
    with _fetcher(settings, fetcher) as http:
        page = http.fetch(url)
        if is_feed(page.raw):
            yield from _feed_pages(page.raw, page.source, settings, http, fetched=True)
        else:
            yield page


@contextmanager
def _fetcher(settings: Settings, given: Fetcher | None) -> Iterator[Fetcher]:
    """The run's fetcher, or one for this input alone."""
    if given is not None:
        yield given
        return
    from pressgraph.ingest.fetch import Fetcher

    with Fetcher(settings) as own:
        yield own


def _read_file(path: Path, settings: Settings) -> Page:
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES and suffix not in HTML_SUFFIXES:
        raise InputError(
            "unsupported",
            f"{path}: files of type {suffix or '(none)'} are not read; "
            f"supported: {', '.join(SUPPORTED)}",
        )
    text = decode(read_capped(path, settings.max_bytes), str(path))
    source = str(path.resolve())
    if suffix in HTML_SUFFIXES:
        found = parsed(from_html, text, where=str(path))
        return Page(source, text, found.text, "html", found.title, found.published, found.url)
    if TEXT_SUFFIXES[suffix] == "markdown":
        md = from_markdown(text)
        return Page(source, text, md.text, "markdown", md.title)
    return Page(source, text, text, "text")


def _read_feed(path: Path, settings: Settings, fetcher: Fetcher | None) -> Iterator[Page | Refusal]:
    text = decode(read_capped(path, settings.max_bytes), str(path))
    if not is_feed(text):
        raise InputError(
            "unsupported",
            f"{path}: an XML file that is not an RSS or Atom feed; give the feed, or save the "
            "pages themselves as .html",
        )
    with _fetcher(settings, fetcher) as http:
        yield from _feed_pages(text, str(path.resolve()), settings, http, fetched=False)


def _feed_pages(
    text: str, where: str, settings: Settings, http: Fetcher, *, fetched: bool
) -> Iterator[Page | Refusal]:
    """Each item of a feed as a page: its link fetched (if robots.txt allows), or the content
    the item carries. An item that cannot be read is refused on its own; the other items go
    on, all within the feed's deadline."""
    items = parse_feed(text, where)
    from pressgraph.ingest.robots import Robots

    robots = Robots(http) if settings.robots else None
    outer = http.outer_deadline
    http.outer_deadline = time.monotonic() + settings.feed_timeout
    try:
        for item in items:
            try:
                yield _item_page(item, where, http, robots, fetched=fetched)
            except InputError as exc:
                yield Refusal(_item_source(item, where, fetched), exc.reason, str(exc))
    finally:
        http.outer_deadline = outer


def _item_source(item: FeedItem, where: str, fetched: bool) -> str:
    """The item's link (made absolute against a feed that was fetched), or feed#id."""
    if item.link and (is_url(item.link) or fetched):
        return strip_credentials(urljoin(where, item.link))
    return f"{where}#{item.key}"


def _item_page(
    item: FeedItem, where: str, http: Fetcher, robots: Robots | None, *, fetched: bool
) -> Page:
    source = _item_source(item, where, fetched)
    if is_url(source):
        if robots is not None:
            robots.check(source)
        page = http.fetch(source)
        return replace(
            page, title=page.title or item.title, published=page.published or item.published
        )
    if item.content:
        text = parsed(from_fragment, item.content, where=source)
        return Page(source, item.content, text, "html", item.title, item.published, item.link)
    raise InputError(
        "bad_record",
        f"{where}: item {item.key!r} has neither a web link nor any content; nothing to read",
    )


def _read_jsonl(path: Path, settings: Settings) -> Iterator[Page | Refusal]:
    """Each record of a JSONL file, read line by line: the size cap applies to each record."""
    where = str(path.resolve())
    for number, line in read_lines(path, settings.max_bytes):
        at = f"{where}#L{number}"
        try:
            if isinstance(line, InputError):
                raise line
            if line.strip():
                yield _jsonl_page(_record_text(line, at, first=number == 1), at)
        except InputError as exc:
            yield Refusal(at, exc.reason, str(exc))


def _record_text(line: bytes, where: str, *, first: bool) -> str:
    """A JSONL line as text: UTF-8 (as JSON is), else the encoding `decode` finds."""
    if first and line.startswith(b"\xef\xbb\xbf"):
        line = line[3:]
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return decode(line, where)


def _jsonl_page(line: str, where: str) -> Page:
    """One JSONL record: {"text" or "html", optional "url", "title", "published"}."""
    record = _json(line, where)
    text, html = _string(record, "text"), _string(record, "html")
    if text is None and html is None:
        raise InputError("bad_record", f'{where}: a record needs a string field "text" or "html"')
    url = _string(record, "url")
    url = strip_credentials(url) if url else None
    source = url or where
    published = _iso_date(record.get("published"), where)
    title = _string(record, "title")
    if html is not None:
        found = parsed(from_html, html, url=url, where=where)
        return Page(
            source,
            line,
            found.text,
            "html",
            title or found.title,
            published or found.published,
            url,
        )
    return Page(source, line, text or "", "jsonl", title, published, url)


def _string(record: dict[str, object], key: str) -> str | None:
    value = record.get(key)
    return value if isinstance(value, str) else None


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


def _json(line: str, where: str) -> dict[str, object]:
    """A record parsed, refusing bad JSON, nesting too deep to read, and lone surrogates
    (`"\\ud800"`), which are not characters and cannot be stored."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(
            "bad_record", f"{where}: not valid JSON ({exc.msg}); fix the line"
        ) from exc
    except RecursionError as exc:
        raise InputError(
            "bad_record", f"{where}: JSON nested too deeply to read; a record is one flat object"
        ) from exc
    if not isinstance(record, dict):
        raise InputError("bad_record", f'{where}: a record needs a string field "text" or "html"')
    for key, value in record.items():
        if isinstance(value, str) and _SURROGATE.search(value):
            raise InputError(
                "bad_record",
                f'{where}: field "{key}" holds a lone surrogate (an escape such as \\ud800 '
                "that is half of a character); fix the text's encoding",
            )
    return record
