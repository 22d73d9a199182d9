"""Many rows through one statement (store/bulk.py): the rows stored are those SQLAlchemy's own
`executemany` stores, values through their types' processors, defaults filled, on every
database the suite runs on."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    bindparam,
    insert,
    select,
    update,
)

from pressgraph.store.bulk import execute_many
from pressgraph.store.db import Database

_META = MetaData()
_TABLES = [
    Table(
        f"bulk_{name}",
        _META,
        Column("id", Integer, primary_key=True, autoincrement=False),
        Column("flag", Boolean),
        Column("at", DateTime),
        Column("name", String(40)),
    )
    for name in ("fast", "plain")
]
_DEFAULTS = Table(
    "bulk_defaults",
    _META,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("kind", String(10), default="filled"),  # a default SQLAlchemy fills in Python
)


def _rows(n: int) -> list[dict[str, object]]:
    return [
        {
            "id": i,
            "flag": [True, False, None][i % 3],
            "at": dt.datetime(2024, 1, 1 + i % 28, i % 24, 30) if i % 5 else None,
            "name": ["Шойгу", "d'Arcy", None, "x" * 40][i % 4],
        }
        for i in range(n)
    ]


def _stored(conn: Connection, table: Table) -> list[tuple[object, ...]]:
    return [tuple(r) for r in conn.execute(select(table).order_by(table.c.id))]


def _raw(conn: Connection, table: Table) -> list[tuple[object, ...]]:
    """The values as the database holds them (SQLite: dates as SQLAlchemy writes them)."""
    return [tuple(r) for r in conn.exec_driver_sql(f"SELECT * FROM {table.name} ORDER BY id")]


def test_bulk_writes_store_what_sqlalchemy_stores(db: Database) -> None:
    fast, plain = _TABLES
    with db.begin() as conn:
        _META.create_all(conn)
        execute_many(conn, insert(fast), _rows(200))
        conn.execute(insert(plain), _rows(200))
        changes = [{"row_id": i, "flag": i % 2 == 0, "name": f"n{i}"} for i in range(0, 200, 3)]
        for table, run in ((fast, execute_many), (plain, Connection.execute)):
            run(conn, update(table).where(table.c.id == bindparam("row_id")), changes)
        got, expected = _stored(conn, fast), _stored(conn, plain)
        held = _raw(conn, fast) == _raw(conn, plain)
        _META.drop_all(conn)
    assert got == expected and len(got) == 200 and held
    assert got[3] == (3, False, dt.datetime(2024, 1, 4, 3, 30), "n3")  # a date read back whole
    assert got[5][2] is None and got[2][1] is None  # NULLs stay NULL


def test_a_default_filled_in_python_is_filled_for_every_row(db: Database) -> None:
    with db.begin() as conn:
        _META.create_all(conn)
        execute_many(conn, insert(_DEFAULTS), [{"id": i} for i in range(100)])
        got = _stored(conn, _DEFAULTS)
        _META.drop_all(conn)
    assert got == [(i, "filled") for i in range(100)]


def test_few_rows_and_none_are_written_too(db: Database) -> None:
    fast, _ = _TABLES
    with db.begin() as conn:
        _META.create_all(conn)
        execute_many(conn, insert(fast), [])
        execute_many(conn, insert(fast), _rows(3))
        got = _stored(conn, fast)
        _META.drop_all(conn)
    assert [row[0] for row in got] == [0, 1, 2]
