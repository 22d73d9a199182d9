"""Fetch pages over HTTP(S): public addresses only, a size cap, a deadline, a clear user agent.

A `Fetcher` holds one HTTP client over the guarded network backend (ingest/guard.py): every
connection, redirects included, is checked against the private ranges, and every page must
arrive whole within `fetch_timeout` seconds (a feed and all of its items within
`feed_timeout`). Credentials in an address are used for the request but never stored or shown.
"""

from __future__ import annotations

import time
from types import TracebackType

import httpx

from pressgraph.errors import InputError
from pressgraph.ingest.addresses import is_url as is_url
from pressgraph.ingest.decode import decode
from pressgraph.ingest.formats import from_html
from pressgraph.ingest.guard import (
    AllowList,
    GuardedBackend,
    GuardedTransport,
    strip_credentials,
)
from pressgraph.records import Page
from pressgraph.settings import Settings

MAX_REDIRECTS = 5


class Fetcher:
    """Fetches pages for one ingest run (or one feed), reusing connections."""

    def __init__(self, settings: Settings, client: httpx.Client | None = None) -> None:
        self.settings = settings
        self.own = client is None
        self.backend = GuardedBackend(AllowList.parse(settings.allow_private))
        # A client given by a caller (tests with canned responses) is used as it is.
        self.client = client or httpx.Client(
            transport=GuardedTransport(self.backend),
            timeout=settings.fetch_timeout,
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
            headers={"User-Agent": settings.user_agent},
        )
        self.outer_deadline: float | None = None  # a feed's, when fetching its items

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the connections (of a client this fetcher made)."""
        if self.own:
            self.client.close()

    def get(self, url: str, limit: int, seconds: float) -> tuple[int, str, bytes]:
        """(status, content type, body) of one GET, within `seconds` and `limit` bytes."""
        shown = strip_credentials(url)
        deadline = time.monotonic() + seconds
        if self.outer_deadline is not None:
            deadline = min(deadline, self.outer_deadline)
        self.backend.deadline = deadline
        try:
            with self.client.stream("GET", url) as response:
                if response.status_code >= 400:
                    return response.status_code, "", b""
                data = _read_capped(response, shown, limit, deadline)
                return response.status_code, response.headers.get("content-type", ""), data
        except InputError as exc:
            raise InputError(exc.reason, f"{shown}: {exc}") from exc
        except httpx.InvalidURL as exc:
            raise InputError(
                "bad_url", f"{shown}: not a valid web address ({exc}); check how it is written"
            ) from exc
        except httpx.HTTPError as exc:
            raise InputError(
                "fetch",
                f"{shown}: could not fetch ({type(exc).__name__}: {strip_credentials(str(exc))}); "
                "check the address and the network, or raise PRESSGRAPH_FETCH_TIMEOUT",
            ) from exc
        finally:
            self.backend.deadline = None

    def fetch(self, url: str) -> Page:
        """Download one page; any failure raises InputError ("fetch", "too_large",
        "private_address")."""
        shown = strip_credentials(url)
        status, kind, data = self.get(url, self.settings.max_bytes, self.settings.fetch_timeout)
        if status >= 400:
            raise InputError(
                "fetch",
                f"{shown}: the server answered HTTP {status}; check the address or try again later",
            )
        text = decode(data, shown)
        if "html" in kind or text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
            found = from_html(text, url=shown)
            return Page(shown, text, found.text, "html", found.title, found.published, shown)
        return Page(shown, text, text, "text", url=shown)


def _read_capped(response: httpx.Response, url: str, limit: int, deadline: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise InputError(
                "too_large",
                f"page is over the {limit:,}-byte limit; raise it with --max-bytes "
                "or PRESSGRAPH_MAX_BYTES if the page is genuine",
            )
        if time.monotonic() > deadline:
            raise httpx.ReadTimeout(f"{url}: the page did not arrive whole within its deadline")
        chunks.append(chunk)
    return b"".join(chunks)


def fetch(url: str, settings: Settings, client: httpx.Client | None = None) -> Page:
    """Download one page with a fetcher of its own (or over `client`)."""
    with Fetcher(settings, client) as fetcher:
        return fetcher.fetch(url)
