"""A throwaway PostgreSQL server for the tests that check the store on PostgreSQL too.

`make test` installs the server (Debian's postgresql) with the other system packages; the
fixture makes a cluster in a temporary folder, listening on 127.0.0.1 only, and removes it.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from pressgraph.store.search import is_index_table


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


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """The URL of a fresh PostgreSQL cluster's server for this test session."""
    binaries = _pg_bin()
    root = Path(tempfile.mkdtemp(prefix="pressgraph-pg-"))
    as_postgres = os.geteuid() == 0
    if as_postgres:
        shutil.chown(root, user="postgres")
    data, port = root / "data", _free_port()
    _run([str(binaries / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"], as_postgres)
    options = f"-k {root} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off"
    _run(
        [
            str(binaries / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-l",
            str(root / "log"),
            "-w",
            "start",
        ],
        as_postgres,
    )
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}"
    finally:
        _run([str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"], as_postgres)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server: str) -> str:
    """A new, empty database on the session's PostgreSQL server."""
    import uuid

    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{pg_server.replace('+psycopg', '')}/postgres", autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    return f"{pg_server}/{name}"


def described_by_schema(name: str | None, type_: str, _parent: object) -> bool:
    """Leave out the full-text index (made by a migration's on_create, not by schema.py)."""
    return not (type_ == "table" and name is not None and is_index_table(name))
