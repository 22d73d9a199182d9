"""A response cache per server process, valid only while the database is unchanged.

The site is read-only and the knowledge base changes only when a pressgraph command writes
it, so a page made once can be sent again until the next write. Each cached response is kept
with the database's version stamp taken before it was made (`Database.version_stamp`: on
SQLite, the size and modification time of the database file and its write-ahead log, which
every commit changes); a request whose stamp differs makes the page again. A database without a
stamp (PostgreSQL, an in-memory SQLite) is never cached. Only complete 200 answers to GET and
HEAD up to `MAX_BODY` bytes are kept, at most `entries` of them (least recently used go first).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

MAX_BODY = 1_000_000
ENTRIES = 2_000
Stamp = Callable[[], Hashable | None]


@dataclass(frozen=True)
class _Entry:
    stamp: Hashable
    start: Message
    body: bytes


class ResponseCache:
    """ASGI middleware: answers a repeated GET from memory while the database is unchanged."""

    def __init__(self, app: ASGIApp, stamp: Stamp, entries: int = ENTRIES) -> None:
        self.app = app
        self.stamp = stamp
        self.entries = entries
        self.kept: OrderedDict[tuple[object, ...], _Entry] = OrderedDict()
        self.hits = self.misses = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Send the kept answer, or make it and keep it."""
        stamp = self.stamp() if self.entries and scope["type"] == "http" else None
        if stamp is None or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        accept = dict(scope["headers"]).get(b"accept", b"")[:200]
        key = (scope["method"], scope["path"], scope["query_string"], accept)
        kept = self.kept.get(key)
        if kept is not None and kept.stamp == stamp:
            self.hits += 1
            self.kept.move_to_end(key)
            await send(dict(kept.start))
            await send({"type": "http.response.body", "body": kept.body})
            return
        self.misses += 1
        await self._make(scope, receive, send, key, stamp)

    async def _make(
        self, scope: Scope, receive: Receive, send: Send, key: tuple[object, ...], stamp: Hashable
    ) -> None:
        start: Message | None = None
        chunks: list[bytes] = []
        size = 0

        async def keeping(message: Message) -> None:
            nonlocal start, size
            if message["type"] == "http.response.start":
                start = message if message["status"] == 200 else None
            elif message["type"] == "http.response.body" and start is not None:
                chunks.append(message.get("body", b""))
                size += len(chunks[-1])
                if not message.get("more_body") and size <= MAX_BODY:
                    self._keep(key, _Entry(stamp, dict(start), b"".join(chunks)))
            await send(message)

        await self.app(scope, receive, keeping)

    def _keep(self, key: tuple[object, ...], entry: _Entry) -> None:
        self.kept[key] = entry
        self.kept.move_to_end(key)
        while len(self.kept) > self.entries:
            self.kept.popitem(last=False)
