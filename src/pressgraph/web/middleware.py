"""ASGI middleware of the site: a time budget per request, cancelled when the client goes
away; security headers on every response; an answer for every error.

Order, outermost first: `SecurityHeaders` (so even the last-resort 500 has them),
`Unexpected` (turns any exception into the one error shape, so the server never drops the
connection), `RequestBudget` (the queries of the request run within `seconds`, and stop when
the client hangs up: store/budget.py), then FastAPI's own handlers and the views.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
from collections.abc import Awaitable, Callable

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from pressgraph.store import budget as budgets

log = logging.getLogger("pressgraph.web")

# Defence in depth behind the escaping of every template: no inline script, no outside origin.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


class SecurityHeaders:
    """Adds `SECURITY_HEADERS` to every response (pages, JSON, errors, files)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Pass the request on; add the headers to the response as it starts."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message).update(SECURITY_HEADERS)
            await send(message)

        await self.app(scope, receive, send_with_headers)


Render = Callable[[Request, Exception], Awaitable[Response]]


class Unexpected:
    """Any exception the handlers let through becomes a 500 in the one error shape."""

    def __init__(self, app: ASGIApp, render: Render) -> None:
        self.app = app
        self.render = render

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Run the request; answer its error if it fails before its response started."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking)
        except Exception as exc:
            if started:
                raise  # half a response is out: nothing better than closing it
            response = await self.render(Request(scope), exc)
            await response(scope, receive, send)


class RequestBudget:
    """Runs each request within a time budget, cancelled when the client disconnects."""

    def __init__(self, app: ASGIApp, seconds: float) -> None:
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Read the request body, watch for the client going away, run the app."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        budget = budgets.Budget(self.seconds)
        body = [await receive()]
        while body[-1].get("more_body"):
            body.append(await receive())
        gone = asyncio.Event()

        async def watch() -> None:
            message = await receive()  # for a GET, nothing comes but the disconnect
            if message["type"] == "http.disconnect":
                budget.cancel()
                gone.set()

        async def replay() -> Message:
            if body:
                return body.pop(0)
            await gone.wait()
            return {"type": "http.disconnect"}

        watcher = asyncio.create_task(watch())
        token = budgets.active.set(budget)
        try:
            await self.app(scope, replay, send)
        finally:
            budgets.active.reset(token)
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher


def _no_delay(transport: asyncio.BaseTransport) -> None:
    """Turn Nagle's algorithm off on a connection.

    asyncio turns it off only for sockets whose protocol number says TCP, which a listening
    socket passed to worker processes (`serve --workers N`) no longer has: its answers, written
    as headers then body, then waited for the client's delayed acknowledgement (40 ms each)."""
    sock = transport.get_extra_info("socket")
    if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class NoDelayH11Protocol(H11Protocol):
    """uvicorn's pure-Python HTTP/1.1 protocol, Nagle's algorithm off."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Set TCP_NODELAY, then start as uvicorn does."""
        _no_delay(transport)
        super().connection_made(transport)


class NoDelayHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools HTTP/1.1 protocol (the faster parser), Nagle's algorithm off."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        """Set TCP_NODELAY, then start as uvicorn does."""
        _no_delay(transport)
        super().connection_made(transport)
