"""`serve --workers N`: N server processes sharing one listening socket, connections spread.

Processes that share one listening socket do not share its connections evenly by themselves:
a new connection wakes every process, the first one back accepts everything pending, and a
client that opens its connections at once (a browser's six, a load tool's 32) lands mostly on
one process while the other idles (bench/load.py counted 70% of the requests on one of two).
One socket per process (SO_REUSEPORT) spread them by address hash, unevenly (19/13 and 22/10
as often as 16/16). So each process accepts only while it holds no more connections than the
others (`web.balance`).

The parent binds the socket (so a process that dies leaves it bound, and its replacement
accepts on the same one), starts the processes, restarts a process that dies, and stops them
all on Ctrl+C or SIGTERM. A process that could not start, or exited
with an error within seconds of starting (the application or the database is broken), stops
the parent: every restart would fail the same. One killed by a signal is replaced.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import socket
import threading
import time
from multiprocessing.process import BaseProcess
from types import FrameType
from typing import Any

import uvicorn
from uvicorn.config import STARTUP_FAILURE

from pressgraph.errors import SettingsError
from pressgraph.web.balance import BalancedServer, Board

_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)
_WAIT = 0.5  # seconds between two checks that every process is alive
_GRACE = 10.0  # seconds a process has to finish its requests when told to stop
_QUICK = 5.0  # a process that dies this soon after it started is broken, not unlucky


def listening_socket(host: str, port: int, backlog: int) -> socket.socket:
    """A socket listening on `host`:`port` (port 0: one the system chooses)."""
    family, kind, proto, _, address = socket.getaddrinfo(
        host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
    )[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(backlog)
        sock.set_inheritable(True)
    except OSError as exc:
        sock.close()
        raise SettingsError(
            f"cannot listen on {host}:{port}: {exc.strerror or exc}; choose another --port or "
            "stop what is using it"
        ) from exc
    return sock


def _run(config: uvicorn.Config, sock: socket.socket, cells: Any, index: int) -> None:
    """One server process: serve on the shared socket until told to stop."""
    BalancedServer(config, Board(cells, index)).run(sockets=[sock])


class Supervisor:
    """`workers` server processes on one socket, kept alive until the parent is told to stop."""

    def __init__(self, config: uvicorn.Config, sock: socket.socket, workers: int) -> None:
        self.config = config
        self.sock = sock
        self.workers = workers
        self.stop = threading.Event()
        self.failed = False
        self._context = multiprocessing.get_context("spawn")
        self.cells = self._context.RawArray("d", 2 * workers)  # the balance's board
        self.processes: list[BaseProcess] = []
        self.started: list[float] = []

    def _start(self, index: int) -> None:
        process = self._context.Process(
            target=_run, args=(self.config, self.sock, self.cells, index)
        )
        process.start()
        if index < len(self.processes):
            self.processes[index], self.started[index] = process, time.monotonic()
        else:
            self.processes.append(process)
            self.started.append(time.monotonic())

    def _on_signal(self, _signum: int, _frame: FrameType | None) -> None:
        self.stop.set()

    def run(self) -> None:
        """Start the processes, restart any that dies, stop them all when told to."""
        for sig in _STOP_SIGNALS:
            signal.signal(sig, self._on_signal)
        for index in range(self.workers):
            self._start(index)
        try:
            while not self.stop.wait(_WAIT):
                self._keep_alive()
        finally:
            self._stop_all()

    def _keep_alive(self) -> None:
        for index, process in enumerate(self.processes):
            if process.is_alive():
                continue
            process.join()
            # An error soon after starting (not a signal: exit code < 0) is a broken start.
            quick = time.monotonic() - self.started[index] < _QUICK
            if process.exitcode == STARTUP_FAILURE or (quick and (process.exitcode or 0) > 0):
                self.failed = True  # the application cannot start: restarting would loop
                self.stop.set()
                return
            self._start(index)

    def _stop_all(self) -> None:
        for process in self.processes:
            if process.is_alive():
                process.terminate()  # SIGTERM: uvicorn finishes the requests under way
        for process in self.processes:
            process.join(_GRACE)
            if process.is_alive():
                process.kill()
                process.join()
        with contextlib.suppress(OSError):
            self.sock.close()


def serve_processes(config: uvicorn.Config, workers: int) -> None:
    """Serve `config`'s application from `workers` processes until Ctrl+C or SIGTERM."""
    sock = listening_socket(config.host, config.port, config.backlog)
    supervisor = Supervisor(config, sock, workers)
    supervisor.run()
    if supervisor.failed:
        raise SettingsError(
            "a server process could not start; run `pressgraph serve --workers 1` to see why"
        )
