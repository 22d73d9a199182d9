"""Issue 11, failures 6 and 7: no fetch reaches a private address (in any notation, after any
redirect) unless allowed; credentials are never stored; a page and a feed end by their
deadlines; robots.txt is respected for a feed's items. Real servers on 127.0.0.x."""

from __future__ import annotations

import ipaddress
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from fastapi.testclient import TestClient

from pressgraph.ingest.guard import AllowList, address_kind, strip_credentials
from pressgraph.store.db import Database
from pressgraph.store.documents import iter_documents, list_refusals
from pressgraph.web.app import create_app
from tests.conftest import Cli

PAGE = (
    "<html><head><title>Meeting in Minsk</title></head><body><article><p>On May 5, 2021, the "
    "CSTO Secretary General met the OSCE Secretary General in Minsk. They discussed the "
    "security of the region and agreed to meet again in the autumn.</p></article></body></html>"
)
Routes = dict[str, Callable[[BaseHTTPRequestHandler], None]]


def _send(status: int, body: str, kind: str = "text/html", **headers: str) -> Callable[..., None]:
    def answer(handler: BaseHTTPRequestHandler) -> None:
        data = body.encode()
        handler.send_response(status)
        handler.send_header("Content-Type", kind)
        handler.send_header("Content-Length", str(len(data)))
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(data)

    return answer


def _drip(handler: BaseHTTPRequestHandler) -> None:
    """One byte every 0.2 s, for a minute: each read well within any per-read timeout."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    try:
        for _ in range(300):
            handler.wfile.write(b"x")
            handler.wfile.flush()
            time.sleep(0.2)
    except OSError:
        pass  # the client gave up, as it must


@pytest.fixture
def serve() -> Iterator[Callable[[str, Routes], str]]:
    """Start servers on loopback addresses; each answers its routes (404 elsewhere)."""
    servers: list[ThreadingHTTPServer] = []

    def start(host: str, routes: Routes) -> str:
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                routes.get(self.path.split("?")[0], _send(404, "not here"))(self)

            def log_message(self, format: str, *args: object) -> None:
                """Quiet."""

        httpd = ThreadingHTTPServer((host, 0), Handler)
        httpd.daemon_threads = True
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        servers.append(httpd)
        return f"{host}:{httpd.server_address[1]}"

    yield start
    for httpd in servers:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "10.1.2.3", "169.254.169.254", "::1", "::ffff:127.0.0.1", "0.0.0.0", "fe80::1"],
)
def test_non_public_addresses_are_named(address: str) -> None:
    assert address_kind(ipaddress.ip_address(address)) is not None
    assert address_kind(ipaddress.ip_address("93.184.216.34")) is None


def test_the_allow_list_takes_networks_addresses_and_hosts() -> None:
    allow = AllowList.parse(["10.0.0.0/8,127.0.0.1", "intranet.local"])
    assert allow.allows("x", ipaddress.ip_address("10.9.9.9"))
    assert allow.allows("intranet.local", ipaddress.ip_address("192.168.1.1"))
    assert not allow.allows("x", ipaddress.ip_address("127.0.0.2"))
    assert AllowList.parse(["all"]).allows("x", ipaddress.ip_address("::1"))


def test_private_addresses_are_refused_in_any_notation(
    cli: Cli, db_url: str, serve: Callable[[str, Routes], str]
) -> None:
    port = serve("127.0.0.1", {"/token": _send(200, '{"token": "s3cret"}', "application/json")})
    port = port.rsplit(":", 1)[1]
    hosts = ["127.0.0.1", "localhost", "127.1", "2130706433", "0x7f000001", "0177.0.0.1"]
    urls = [f"http://{host}:{port}/token" for host in hosts] + [f"http://[::1]:{port}/token"]
    result = cli("ingest", "--no-annotate", *urls)
    assert result.exit_code == 1 and f"refused: {len(urls)}" in result.output
    refusals = [r for _, r in list_refusals(Database(db_url))]
    reasons = [r.reason for r in refusals]
    assert reasons == ["private_address"] * 5 + ["bad_url", "private_address"]  # httpx: no octal
    assert "a loopback address; pressgraph fetches only public addresses" in refusals[2].message
    assert "--allow-private 127.0.0.1" in refusals[2].message


def test_every_redirect_is_checked_again(
    cli: Cli, db_url: str, serve: Callable[[str, Routes], str]
) -> None:
    inner = serve("127.0.0.2", {"/token": _send(200, '{"token": "s3cret"}', "application/json")})
    outer = serve(
        "127.0.0.1",
        {"/page": _send(302, "", Location=f"http://{inner}/token"), "/ok": _send(200, PAGE)},
    )
    result = cli("ingest", "--no-annotate", "--allow-private", "127.0.0.1", f"http://{outer}/page")
    assert "refused: 1" in result.output
    ((_at, refusal),) = list_refusals(Database(db_url))
    assert refusal.reason == "private_address" and "127.0.0.2" in refusal.message
    allowed = cli(
        "ingest", "--no-annotate", "--allow-private", "127.0.0.0/8", f"http://{outer}/page"
    )
    assert "stored: 1," in allowed.output


def test_credentials_are_never_stored_or_shown(
    cli: Cli, db_url: str, serve: Callable[[str, Routes], str]
) -> None:
    server = serve("127.0.0.1", {"/page": _send(200, PAGE), "/gone": _send(404, "")})
    urls = [f"http://reader:pa55word@{server}/page", f"http://reader:pa55word@{server}/gone"]
    result = cli("ingest", "--no-annotate", "--allow-private", "127.0.0.1", *urls)
    assert "stored: 1," in result.output and "pa55word" not in result.output
    db = Database(db_url)
    (doc,) = iter_documents(db)
    assert doc.source == doc.url == f"http://{server}/page"
    assert all("pa55word" not in r.source + r.message for _, r in list_refusals(db))
    with TestClient(create_app(db)) as client:
        assert "pa55word" not in client.get(f"/documents/{doc.id}").text
    assert (
        strip_credentials("https://u:p@example.org:8443/a?b=1") == "https://example.org:8443/a?b=1"
    )


def test_a_slow_page_ends_at_its_deadline(
    cli: Cli, db_url: str, serve: Callable[[str, Routes], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    server = serve("127.0.0.1", {"/slow": _drip})
    monkeypatch.setenv("PRESSGRAPH_FETCH_TIMEOUT", "1")
    started = time.monotonic()
    result = cli("ingest", "--no-annotate", "--allow-private", "127.0.0.1", f"http://{server}/slow")
    assert time.monotonic() - started < 10  # the drip goes on for 60 s
    assert "refused: 1" in result.output
    ((_at, refusal),) = list_refusals(Database(db_url))
    assert refusal.reason == "fetch" and "Timeout" in refusal.message


def test_a_feed_ends_at_its_deadline_and_respects_robots_txt(
    cli: Cli, db_url: str, serve: Callable[[str, Routes], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    routes: Routes = {
        "/robots.txt": _send(200, "User-agent: *\nDisallow: /private/\n", "text/plain"),
        "/a.html": _send(200, PAGE),
        "/private/b.html": _send(200, PAGE.replace("Minsk", "Astana")),
        "/slow.html": _drip,
        "/c.html": _send(200, PAGE.replace("Minsk", "Bishkek")),
    }
    server = serve("127.0.0.1", routes)
    items = "".join(
        f"<item><title>{p}</title><link>http://{server}{p}</link></item>"
        for p in ("/a.html", "/private/b.html", "/slow.html", "/c.html")
    )
    feed = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>{items}</channel></rss>'
    )
    routes["/rss.xml"] = _send(200, feed, "application/rss+xml")
    monkeypatch.setenv("PRESSGRAPH_FEED_TIMEOUT", "2")
    result = cli(
        "ingest", "--no-annotate", "--allow-private", "127.0.0.1", f"http://{server}/rss.xml"
    )
    assert "Pages read: 4, stored: 1," in result.output  # /c.html comes after the deadline
    reasons = {r.source.rsplit("/", 1)[1]: r.reason for _, r in list_refusals(Database(db_url))}
    assert reasons == {"b.html": "robots", "slow.html": "fetch", "c.html": "fetch"}
    ignored = cli(
        "ingest", "--no-annotate", "--allow-private", "127.0.0.1", "--ignore-robots",
        f"http://{server}/rss.xml",
    )  # fmt: skip
    assert "stored: 1," in ignored.output  # b.html now; slow.html and c.html still too late
