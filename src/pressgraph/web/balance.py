"""Connections spread evenly over the server processes: the least busy one accepts.

Every server process shares one listening socket. A process accepts a new connection only
while no other live process holds fewer open connections than it does; each publishes its
count, and when it last looked, on a board in shared memory. A client's connections stay with
the process that accepted them (keep-alive), so how they are first spread decides how the
requests are: with one socket per process (SO_REUSEPORT), the kernel spread them by address
hash, and 32 connections split 19/13 or 22/10 as often as 16/16; the busier process's
requests waited twice as long (bench/load.py, timed inside the server: 292 ms against 92).
A process that has not looked for `STALE` seconds (dead, or stuck) is left out of the
comparison, so it never stops the others from accepting.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import time
from collections.abc import Callable, Sized
from multiprocessing.sharedctypes import SynchronizedArray
from typing import Any

import uvicorn

POLL = 0.002  # seconds before the first look again while another process should accept
LONGEST_POLL = 0.064  # ... doubling up to this while nothing lets this one accept
IDLE = 0.1  # seconds a process waits for a connection before saying again what it holds
STALE = 0.25  # seconds after which a process that has not looked is left out
_BACKOFF = 0.05  # seconds to wait after an accept fails (out of file descriptors, ...)
log = logging.getLogger("pressgraph.serve")


class Board:
    """Open connections per process and when each last looked: (count, time) pairs."""

    def __init__(self, cells: SynchronizedArray[float] | Any, index: int) -> None:
        self.cells = cells
        self.index = index
        self.size = len(cells) // 2

    def publish(self, connections: int) -> None:
        """Say how many connections this process holds, now."""
        self.cells[2 * self.index] = float(connections)
        self.cells[2 * self.index + 1] = time.monotonic()

    def may_accept(self, connections: int) -> bool:
        """True unless another live process holds fewer connections than `connections`."""
        now = time.monotonic()
        for other in range(self.size):
            if other == self.index:
                continue
            count, seen = self.cells[2 * other], self.cells[2 * other + 1]
            if now - seen < STALE and count < connections:
                return False
        return True


async def _readable(loop: asyncio.AbstractEventLoop, sock: socket.socket, timeout: float) -> None:
    """Wait until `sock` has a connection to accept, or `timeout` seconds."""
    ready = loop.create_future()

    def wake() -> None:
        if not ready.done():
            ready.set_result(None)

    loop.add_reader(sock.fileno(), wake)
    try:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(ready, timeout)
    finally:
        loop.remove_reader(sock.fileno())


async def accept_connections(
    sock: socket.socket,
    protocol: Callable[[], asyncio.Protocol],
    board: Board,
    connections: Sized,
) -> None:
    """Accept connections on `sock` for this process while it is among the least busy."""
    loop = asyncio.get_running_loop()
    sock.setblocking(False)
    wait = POLL
    while True:
        board.publish(len(connections))
        if not board.may_accept(len(connections)):
            # Another process accepts meanwhile; look again soon after a change, and seldom
            # when nothing changes (an idle server holding a browser's connection or two).
            await asyncio.sleep(wait)
            wait = min(wait * 2, LONGEST_POLL)
            continue
        wait = POLL
        try:
            conn, _ = sock.accept()
        except (BlockingIOError, InterruptedError):
            await _readable(loop, sock, IDLE)  # another process may have taken it
            continue
        except OSError as exc:  # out of file descriptors, a connection reset before accept
            log.warning("accepting a connection failed: %s", exc)
            await asyncio.sleep(_BACKOFF)
            continue
        conn.setblocking(False)
        try:
            await loop.connect_accepted_socket(protocol, conn)
        except OSError as exc:  # the client went away at once: its connection only is lost
            log.warning("a new connection failed: %s", exc)
            conn.close()


class BalancedServer(uvicorn.Server):
    """A uvicorn server that accepts on a shared socket only when it is among the least busy
    of the processes on the board."""

    def __init__(self, config: uvicorn.Config, board: Board) -> None:
        super().__init__(config)
        self.board = board
        self._accepting: asyncio.Task[None] | None = None

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        """Start the application (its lifespan), then accept on the one shared socket."""
        await super().startup(sockets=[])  # the application, no listener of uvicorn's own
        if not sockets:
            raise ValueError("a balanced server needs the shared listening socket")
        config, loop = self.config, asyncio.get_running_loop()

        def protocol() -> asyncio.Protocol:
            return config.http_protocol_class(  # type: ignore[call-arg]
                config=config,
                server_state=self.server_state,
                app_state=self.lifespan.state,
                _loop=loop,
            )

        self._accepting = loop.create_task(
            accept_connections(sockets[0], protocol, self.board, self.server_state.connections)
        )

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        """Stop accepting, then let uvicorn finish the requests under way."""
        if self._accepting is not None:
            self._accepting.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._accepting
        self.board.publish(1 << 30)  # busy: the others accept while this one stops
        await super().shutdown(sockets)
