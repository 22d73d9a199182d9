"""The one database module: engine, dialect differences, transactions and migrations.

SQLite is the default (`./pressgraph.db`); any SQLAlchemy URL works through
`PRESSGRAPH_DB`. Everything specific to one database dialect lives here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.pool import ConnectionPoolEntry

from pressgraph.errors import SettingsError, StoreError
from pressgraph.store import migrations

DEFAULT_URL = "sqlite:///pressgraph.db"
_SQLITE_BUSY_MS = 30_000


def _sqlite_pragmas(dbapi_conn: Any, _record: ConnectionPoolEntry) -> None:
    """WAL lets readers (the web UI) work while a batch is written; FKs keep rows whole."""
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={_SQLITE_BUSY_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _engine(url: str) -> Engine:
    try:
        engine = create_engine(url)
    except (ArgumentError, ImportError, ValueError) as exc:
        raise SettingsError(
            f"cannot use database URL {url!r}: {exc}. Give an SQLAlchemy URL such as "
            f"{DEFAULT_URL} in PRESSGRAPH_DB or --db."
        ) from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


class Database:
    """An open, migrated database; the store's entry point for every stage."""

    def __init__(self, url: str = DEFAULT_URL, *, migrate: bool = True) -> None:
        self.url = url
        self.engine = _engine(url)
        self.applied: list[str] = []
        if migrate:
            self.applied = self.migrate()

    @property
    def dialect(self) -> str:
        """The SQLAlchemy dialect name ("sqlite", "postgresql", ...)."""
        return self.engine.dialect.name

    def migrate(self) -> list[str]:
        """Apply pending migrations; return their names."""
        try:
            with self.engine.begin() as conn:
                return migrations.upgrade(conn)
        except OperationalError as exc:
            raise StoreError(
                f"cannot open or migrate the database {self.url}: {exc.orig}. Check that the "
                "folder exists and is writable, or point PRESSGRAPH_DB elsewhere."
            ) from exc

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """One transaction: everything inside is stored whole or not at all."""
        try:
            with self.engine.begin() as conn:
                yield conn
        except OperationalError as exc:
            raise StoreError(f"database error on {self.url}: {exc.orig}") from exc

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection for queries."""
        try:
            with self.engine.connect() as conn:
                yield conn
        except SQLAlchemyError as exc:
            raise StoreError(f"database error on {self.url}: {exc}") from exc

    def close(self) -> None:
        """Release the connection pool."""
        self.engine.dispose()


def record_row(record: object, rename: dict[str, str], **extra: object) -> dict[str, object]:
    """A table row from a record dataclass: its fields, some under their column names
    (`rename`), plus `extra` columns (the stage, an id). Fields named None in `rename` are
    left out."""
    row: dict[str, object] = {}
    for field in dataclasses.fields(record):  # type: ignore[arg-type]
        column = rename.get(field.name, field.name)
        if column:
            row[column] = getattr(record, field.name)
    row.update(extra)
    return row
