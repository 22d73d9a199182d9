"""The least busy server process accepts: the board in shared memory and the accept loop."""

from __future__ import annotations

import asyncio
import socket
import time
from concurrent.futures import ThreadPoolExecutor
from multiprocessing import get_context

import pytest

from pressgraph.web.balance import STALE, Board, accept_connections


def _board(size: int, index: int) -> Board:
    return Board(get_context("spawn").RawArray("d", 2 * size), index)


def test_a_process_accepts_unless_another_live_one_holds_fewer() -> None:
    first = _board(2, 0)
    second = Board(first.cells, 1)
    first.publish(3)
    second.publish(2)
    assert not first.may_accept(3)  # the other holds 2 < 3
    assert second.may_accept(2)
    second.publish(3)
    assert first.may_accept(3) and second.may_accept(3)  # a tie: both may


def test_a_process_that_stopped_looking_is_left_out() -> None:
    first = _board(2, 0)
    dead = Board(first.cells, 1)
    dead.publish(0)
    assert not first.may_accept(5)
    first.cells[3] = time.monotonic() - STALE - 0.01  # it last looked too long ago
    assert first.may_accept(5)


def test_a_process_never_started_is_left_out() -> None:
    assert _board(3, 1).may_accept(100)


@pytest.mark.parametrize("held_by_other", [0, 4])
def test_the_accept_loop_takes_connections_only_while_least_busy(held_by_other: int) -> None:
    """Two loops would balance each other; here the other process is played by the test."""
    mine = _board(2, 0)
    other = Board(mine.cells, 1)
    accepted: list[asyncio.Transport] = []

    class Counting(asyncio.Protocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            accepted.append(transport)  # type: ignore[arg-type]

    async def run() -> int:
        listener = socket.create_server(("127.0.0.1", 0))
        port = listener.getsockname()[1]
        task = asyncio.create_task(accept_connections(listener, Counting, mine, accepted))
        clients = [socket.create_connection(("127.0.0.1", port)) for _ in range(6)]
        for _ in range(100):  # the other process keeps looking, holding `held_by_other`
            other.publish(held_by_other)
            await asyncio.sleep(0.005)
        task.cancel()
        for client in clients:
            client.close()
        for transport in accepted:
            transport.close()
        listener.close()
        return len(accepted)

    # It accepts while the other holds as many as it does or more: one past a tie, then waits
    # (the six clients' other connections stay pending for the other process).
    # (in a thread of its own: the browser tests leave an event loop running in this one)
    with ThreadPoolExecutor(1) as thread:
        assert thread.submit(asyncio.run, run()).result() == held_by_other + 1
