"""Where the tests' databases live: SQLite files, or fresh databases on a throwaway PostgreSQL.

`PRESSGRAPH_TEST_DB=postgresql` runs the suite on PostgreSQL (`make test` runs it on both):
every database a test asks for through `fresh_url` is then a new database on one throwaway
server per session, copied from a template database already migrated (a copy takes tens of
milliseconds; migrating takes a second). The server is a cluster made in a temporary folder by
Debian's postgresql binaries, listening on 127.0.0.1 only, removed when the session ends.
"""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

BACKENDS = ("sqlite", "postgresql")
TEMPLATE = "pressgraph_template"


def backend() -> str:
    """The database the suite runs on: PRESSGRAPH_TEST_DB, `sqlite` by default."""
    chosen = os.environ.get("PRESSGRAPH_TEST_DB", "") or "sqlite"
    if chosen not in BACKENDS:
        raise RuntimeError(f"PRESSGRAPH_TEST_DB={chosen!r}: give one of {', '.join(BACKENDS)}")
    return chosen


def on_postgresql() -> bool:
    """True when the suite runs on PostgreSQL."""
    return backend() == "postgresql"


def fresh_url(folder: Path, name: str = "test.db") -> str:
    """A new, empty database's URL: an SQLite file `name` in `folder`, or on PostgreSQL a new
    database (already migrated: the migrations find nothing to do)."""
    if not on_postgresql():
        return f"sqlite:///{folder / name}"
    return server().copy_of(TEMPLATE)


def empty_url(folder: Path, name: str = "empty.db") -> str:
    """A new database with nothing in it, not even the tables (to test the migrations)."""
    if not on_postgresql():
        return f"sqlite:///{folder / name}"
    return server().empty()


def keep(url: str) -> None:
    """Keep a copy of this database as it is now, for `copy` (on PostgreSQL a database is
    copied only while nothing is connected to it: call this before anything reconnects)."""
    if on_postgresql():
        name = url.rsplit("/", 1)[1]
        server().execute(f'CREATE DATABASE "{name}_kept" TEMPLATE "{name}" STRATEGY FILE_COPY')


def copy(url: str, target: Path) -> str:
    """A new database holding what `url` held when it was kept: on SQLite a copy at
    `target` through SQLite's backup (the WAL comes along), on PostgreSQL a new database."""
    if on_postgresql():
        return server().copy_of(url.rsplit("/", 1)[1] + "_kept")
    source = sqlite3.connect(url.removeprefix("sqlite:///"))
    copied = sqlite3.connect(target)
    source.backup(copied)
    source.close()
    copied.close()
    return f"sqlite:///{target}"


def _pg_bin() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if not found:
        raise RuntimeError(
            "PostgreSQL is not installed: run `make sysdeps` (Debian: apt-get install postgresql)"
        )
    return found[-1].parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run(args: list[str], as_postgres: bool) -> None:
    if as_postgres:  # initdb and postgres refuse to run as root
        args = ["runuser", "-u", "postgres", "--", *args]
    subprocess.run(args, check=True, capture_output=True, timeout=120)


@dataclass
class Server:
    """A running throwaway PostgreSQL cluster."""

    root: Path
    binaries: Path
    port: int
    as_postgres: bool
    template: bool = False

    @property
    def url(self) -> str:
        """The server's SQLAlchemy URL, without a database name."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}"

    def execute(self, statement: str) -> None:
        """Run one statement outside a transaction, as CREATE DATABASE must be."""
        import psycopg

        with psycopg.connect(f"{self.url.replace('+psycopg', '')}/postgres", autocommit=True) as c:
            c.execute(statement)

    def empty(self) -> str:
        """A new, empty database on this server."""
        name = f"t_{uuid.uuid4().hex[:12]}"
        self.execute(f'CREATE DATABASE "{name}"')
        return f"{self.url}/{name}"

    def copy_of(self, template: str) -> str:
        """A new database copied from the migrated template (made on first use)."""
        if template == TEMPLATE and not self.template:
            self._make_template(template)
        name = f"t_{uuid.uuid4().hex[:12]}"
        # FILE_COPY copies the template's files at once; fsync is off, so it costs no flush.
        self.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY FILE_COPY')
        return f"{self.url}/{name}"

    def _make_template(self, template: str) -> None:
        from pressgraph.store.db import Database

        self.execute(f'CREATE DATABASE "{template}"')
        Database(f"{self.url}/{template}").close()  # migrated, every connection closed
        self.template = True

    def stop(self) -> None:
        """Stop the server and remove its folder."""
        pg_ctl = str(self.binaries / "pg_ctl")
        _run([pg_ctl, "-D", str(self.root / "data"), "-m", "immediate", "stop"], self.as_postgres)
        shutil.rmtree(self.root, ignore_errors=True)


def start() -> Server:
    """Make a cluster in a temporary folder and start its server on 127.0.0.1."""
    binaries = _pg_bin()
    root = Path(tempfile.mkdtemp(prefix="pressgraph-pg-"))
    as_postgres = os.geteuid() == 0
    if as_postgres:
        shutil.chown(root, user="postgres")
    data, port = root / "data", _free_port()
    _run([str(binaries / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"], as_postgres)
    # A database per test, each with a few pooled connections until the test ends.
    options = (
        f"-k {root} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300"
    )
    pg_ctl = str(binaries / "pg_ctl")
    log = str(root / "log")
    _run([pg_ctl, "-D", str(data), "-o", options, "-l", log, "-w", "start"], as_postgres)
    return Server(root, binaries, port, as_postgres)


_server: Server | None = None


def server() -> Server:
    """The session's server, started on first use."""
    global _server
    if _server is None:
        _server = start()
    return _server


def stop() -> None:
    """Stop the session's server if one was started."""
    global _server
    if _server is not None:
        _server.stop()
        _server = None


@contextmanager
def closing_opened() -> Iterator[None]:
    """Close every Database opened inside: an open PostgreSQL connection left to the garbage
    collector is a ResourceWarning (an error in this suite), and each holds a server slot."""
    from pressgraph.store.db import Database  # as the template is made: when first needed

    opened: list[Database] = []
    original = Database.__init__

    def tracking(self: Database, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        opened.append(self)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Database, "__init__", tracking)
        yield
    for db in opened:
        db.close()
