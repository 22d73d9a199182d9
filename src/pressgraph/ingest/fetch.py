"""Fetch pages over HTTP(S) with a timeout, a size cap and a clear user agent."""

from __future__ import annotations

import httpx

from pressgraph.errors import InputError
from pressgraph.ingest.decode import decode
from pressgraph.ingest.formats import from_html
from pressgraph.records import Page
from pressgraph.settings import Settings


def is_url(text: str) -> bool:
    """True for an http(s) address, which ingest fetches instead of reading a file."""
    return text.startswith(("http://", "https://"))


def _read_capped(response: httpx.Response, url: str, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise InputError(
                "too_large",
                f"{url}: page is over the {limit:,}-byte limit; raise it with --max-bytes "
                "or PRESSGRAPH_MAX_BYTES if the page is genuine",
            )
        chunks.append(chunk)
    return b"".join(chunks)


def client_for(settings: Settings) -> httpx.Client:
    """An HTTP client with the settings' timeout and user agent, following redirects."""
    return httpx.Client(
        timeout=settings.fetch_timeout,
        follow_redirects=True,
        headers={"User-Agent": settings.user_agent},
    )


def fetch(url: str, settings: Settings, client: httpx.Client | None = None) -> Page:
    """Download one page; any failure raises InputError("fetch" or "too_large")."""
    own = client is None
    http = client or client_for(settings)
    try:
        with http.stream("GET", url) as response:
            if response.status_code >= 400:
                raise InputError(
                    "fetch",
                    f"{url}: the server answered HTTP {response.status_code}; "
                    "check the address or try again later",
                )
            data = _read_capped(response, url, settings.max_bytes)
            kind = response.headers.get("content-type", "")
    except httpx.HTTPError as exc:
        raise InputError(
            "fetch",
            f"{url}: could not fetch ({type(exc).__name__}: {exc}); check the address "
            "and the network, or raise PRESSGRAPH_FETCH_TIMEOUT",
        ) from exc
    finally:
        if own:
            http.close()
    text = decode(data, url)
    if "html" in kind or text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        found = from_html(text, url=url)
        return Page(url, text, found.text, "html", found.title, found.published, url)
    return Page(url, text, text, "text", url=url)
