"""Web addresses as ingest reads them: whether an input is one, and how it is shown.

Kept apart from the fetching code (fetch.py, guard.py) so that reading files never imports
the HTTP client (httpx, a fifth of a second of every fresh process).
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit


def is_url(text: str) -> bool:
    """True for an http(s) address, which ingest fetches instead of reading a file."""
    return text.startswith(("http://", "https://"))


def strip_credentials(url: str) -> str:
    """The address without a user name or password (`https://user:pw@host/` -> `https://host/`),
    which must never be stored or shown."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))
