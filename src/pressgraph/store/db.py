"""The one database module: engine, dialect differences, transactions and migrations.

SQLite is the default (`./pressgraph.db`); any SQLAlchemy URL works through
`PRESSGRAPH_DB`. Everything specific to one database dialect lives here.

On SQLite, a write transaction starts with `BEGIN IMMEDIATE`: it waits (up to the busy
timeout) for any other writer, then reads and writes alone, so two processes ingesting the same
pages cannot both find a page missing and both store it. A read transaction starts with a plain
`BEGIN` and reads one consistent snapshot (WAL). A read-only database (`read_only=True`, the web
workers') refuses every write; a query run while a time budget is active (store/budget.py)
stops when the budget is spent.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Text, create_engine, event
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError, SQLAlchemyError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.pool import ConnectionPoolEntry
from sqlalchemy.sql.functions import FunctionElement

from pressgraph.errors import SettingsError, StoreError
from pressgraph.store import budget as budgets
from pressgraph.store import migrations

DEFAULT_URL = "sqlite:///pressgraph.db"
_SQLITE_BUSY_MS = 30_000


_WRITE = "pressgraph_write"


class StoreBusyError(StoreError):
    """Every connection is busy; the web answers 503 (try again in a moment)."""


_SQLITE_CACHE_KIB = 64 * 1024


def _sqlite_pragmas(dbapi_conn: Any, _record: ConnectionPoolEntry) -> None:
    """WAL lets readers (the web UI) work while a batch is written; FKs keep rows whole."""
    # The driver's own transaction handling off: `_sqlite_begin` starts every transaction.
    dbapi_conn.isolation_level = None
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={_SQLITE_BUSY_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
    dbapi_conn.create_function("pg_fold", 1, _fold_or_none, deterministic=True)


def fold(text: str) -> str:
    """Text as name search compares it: case folded (Cyrillic too), accents dropped
    ("Peško" is "pesko", "ОДКБ" is "одкб")."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _fold_or_none(value: object) -> str | None:
    return fold(value) if isinstance(value, str) else None


class folded(FunctionElement[str]):  # noqa: N801 - an SQL function, named as SQL names them
    """SQL: a text column as `fold` folds it. SQLite runs `fold` itself (registered on every
    connection); PostgreSQL lowers the case (Unicode-aware), keeping accents."""

    type = Text()
    name = "folded"
    inherit_cache = True


@compiles(folded, "sqlite")
def _folded_sqlite(element: folded, compiler: Any, **kw: Any) -> str:
    return f"pg_fold({compiler.process(element.clauses, **kw)})"


@compiles(folded)
def _folded_other(element: folded, compiler: Any, **kw: Any) -> str:
    return f"lower({compiler.process(element.clauses, **kw)})"


def _sqlite_read_only(dbapi_conn: Any, _record: ConnectionPoolEntry) -> None:
    dbapi_conn.execute("PRAGMA query_only=ON")


def _sqlite_writer_cache(dbapi_conn: Any, _record: ConnectionPoolEntry) -> None:
    """64 MiB of pages for a connection that writes (SQLite's default is 2 MiB): a batch's
    writes land on index pages all over a database of gigabytes, read again from the OS on
    every miss. Read-only connections (the web's threads, many) keep the default."""
    dbapi_conn.execute(f"PRAGMA cache_size=-{_SQLITE_CACHE_KIB}")


def _sqlite_begin(conn: Connection) -> None:
    """BEGIN IMMEDIATE for a write transaction (it takes the write lock first), else BEGIN."""
    write = conn.get_execution_options().get(_WRITE, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def _engine(url: str, read_only: bool) -> Engine:
    options: dict[str, Any] = {}
    if url.startswith("postgresql") and read_only:
        options["connect_args"] = {"options": "-c default_transaction_read_only=on"}
    try:
        engine = create_engine(url, **options)
    except (ArgumentError, ImportError, ValueError) as exc:
        raise SettingsError(
            f"cannot use database URL {url!r}: {exc}. Give an SQLAlchemy URL such as "
            f"{DEFAULT_URL} in PRESSGRAPH_DB or --db."
        ) from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        if read_only:
            event.listen(engine, "connect", _sqlite_read_only)
        else:
            event.listen(engine, "connect", _sqlite_writer_cache)
    return engine


class Database:
    """An open, migrated database; the store's entry point for every stage."""

    def __init__(
        self, url: str = DEFAULT_URL, *, migrate: bool = True, read_only: bool = False
    ) -> None:
        self.url = url
        self.read_only = read_only
        self.engine = _engine(url, read_only)
        self.applied: list[str] = []
        if migrate and not read_only:
            self.applied = self.migrate()

    @property
    def dialect(self) -> str:
        """The SQLAlchemy dialect name ("sqlite", "postgresql", ...)."""
        return self.engine.dialect.name

    def migrate(self) -> list[str]:
        """Apply pending migrations; return their names."""
        try:
            with self._writing() as conn:
                return migrations.upgrade(conn)
        except OperationalError as exc:
            raise StoreError(
                f"cannot open or migrate the database {self.url}: {exc.orig}. Check that the "
                "folder exists and is writable, or point PRESSGRAPH_DB elsewhere."
            ) from exc

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """One transaction: everything inside is stored whole or not at all."""
        if self.read_only:
            raise StoreError(
                f"the database {self.url} was opened read-only (as the web workers open it); "
                "write with a pressgraph command instead"
            )
        try:
            with self._writing() as conn:
                yield conn
        except OperationalError as exc:
            raise StoreError(f"database error on {self.url}: {exc.orig}") from exc

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            conn.execution_options(**{_WRITE: True})
            with conn.begin():
                yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection for queries; within a time budget when one is active."""
        budget = budgets.active.get()
        try:
            with self.engine.connect() as conn:
                if budget is None:
                    yield conn
                else:
                    with self._budgeted(conn, budget):
                        yield conn
        except PoolTimeoutError as exc:
            raise StoreBusyError(
                f"every connection to {self.url} is busy; try again in a moment"
            ) from exc
        except DBAPIError as exc:
            if budget is not None and budget.spent():
                raise budget.error() from exc
            raise StoreError(f"database error on {self.url}: {exc}") from exc
        except SQLAlchemyError as exc:
            raise StoreError(f"database error on {self.url}: {exc}") from exc

    @contextmanager
    def _budgeted(self, conn: Connection, budget: budgets.Budget) -> Iterator[None]:
        """Stop this connection's queries once the budget is spent (or cancelled)."""
        if budget.spent():
            raise budget.error()
        dbapi = conn.connection.dbapi_connection
        if self.dialect == "sqlite":
            with budgets.sqlite_budget(dbapi, budget):
                yield
        elif self.dialect == "postgresql":
            conn.exec_driver_sql(budgets.postgres_timeout(budget))
            with budget.cancellable(getattr(dbapi, "cancel", lambda: None)):
                yield
        else:
            yield

    def version_stamp(self) -> tuple[int, ...] | None:
        """Something that changes with every commit, cheap to read: on an SQLite file, the
        size and modification time of the file and of its write-ahead log. None where there
        is no such thing (PostgreSQL, an in-memory database): nothing may then be cached."""
        name = self.engine.url.database
        if self.dialect != "sqlite" or not name or name == ":memory:":
            return None
        stamp: list[int] = []
        for path in (name, name + "-wal"):
            try:
                found = Path(path).stat()
            except OSError:
                stamp += [0, 0, 0]
            else:
                stamp += [found.st_ino, found.st_size, found.st_mtime_ns]
        return tuple(stamp)

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
