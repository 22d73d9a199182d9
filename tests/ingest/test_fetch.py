"""URLs: fetched from a real local HTTP server (127.0.0.1) and from canned responses."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from pressgraph.errors import InputError
from pressgraph.ingest.fetch import fetch
from pressgraph.settings import Settings
from pressgraph.store.db import Database
from pressgraph.store.documents import iter_documents, list_refusals
from tests.conftest import PAGES, Cli


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output clean."""


@pytest.fixture
def server() -> Iterator[str]:
    """Serve the test pages on 127.0.0.1 at a free port."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(PAGES)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_urls_are_fetched_and_failures_recorded(cli: Cli, db_url: str, server: str) -> None:
    result = cli(
        "ingest",
        "--allow-private",
        "127.0.0.1",
        f"{server}/press_release.html",
        f"{server}/navigation.txt",
        f"{server}/missing.html",
        "http://127.0.0.1:9/refused.html",
    )
    assert result.exit_code == 0
    assert "Pages read: 4, stored: 2, duplicates: 0, refused: 2" in result.output
    db = Database(db_url)
    docs = {d.source: d for d in iter_documents(db)}
    html = docs[f"{server}/press_release.html"]
    assert html.title == "CSTO Secretary General met with the OSCE Secretary General"
    assert html.published == "2021-03-18" and html.url == f"{server}/press_release.html"
    assert docs[f"{server}/navigation.txt"].stories[0].date == "2020-03-03"
    refusals = {r.source: r for _, r in list_refusals(db)}
    assert "HTTP 404" in refusals[f"{server}/missing.html"].message
    assert refusals["http://127.0.0.1:9/refused.html"].reason == "fetch"
    assert "could not fetch (ConnectError" in refusals["http://127.0.0.1:9/refused.html"].message


def _canned(body: bytes, content_type: str = "text/html", status: int = 200) -> httpx.Client:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(status, content=body, headers={"content-type": content_type})

    client = httpx.Client(transport=httpx.MockTransport(handler))
    client.seen = seen  # type: ignore[attr-defined]
    return client


def test_fetch_caps_the_size() -> None:
    client = _canned(b"<p>x</p>" * 1000)
    with pytest.raises(InputError) as caught:
        fetch("https://example.org/big", Settings(max_bytes=500), client)
    assert caught.value.reason == "too_large"
    assert "over the 500-byte limit" in str(caught.value)


def test_fetch_sends_a_clear_user_agent_and_reads_plain_text() -> None:
    body = b"On March 3, 2020, the CIS ATC met in Minsk."
    settings = Settings()
    client = httpx.Client(
        transport=httpx.MockTransport(
            lambda request: httpx.Response(
                200,
                text=request.headers["user-agent"] + "\n\n" + body.decode(),
                headers={"content-type": "text/plain; charset=utf-8"},
            )
        ),
        headers={"User-Agent": settings.user_agent},
    )
    page = fetch("https://example.org/a.txt", settings, client)
    assert page.format == "text"
    assert page.text.startswith("pressgraph/")
    assert page.text.endswith("the CIS ATC met in Minsk.")
