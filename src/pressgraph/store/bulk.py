"""Many rows through one statement, as fast as the database's driver takes them.

SQLAlchemy builds the parameters of an `executemany` row by row in Python (`construct_params`):
for the tens of thousands of rows a batch writes (network edges, mentions) that cost more than
SQLite's own work. On SQLite the statement is compiled once here and the driver gets plain
tuples, each value through its type's bind processor as SQLAlchemy would give it. PostgreSQL
keeps SQLAlchemy's path, which batches the rows into multi-row statements for its driver.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection
from sqlalchemy.sql.dml import UpdateBase

# Below this many rows compiling the statement again costs more than it saves.
_FEW = 20


def execute_many(
    conn: Connection, statement: UpdateBase, rows: Sequence[Mapping[str, object]]
) -> None:
    """Run `statement` (an INSERT, UPDATE or DELETE with bound parameters) once per row; every
    row has the keys of the first."""
    if not rows:
        return
    if conn.dialect.name != "sqlite" or len(rows) < _FEW:
        conn.execute(statement, list(rows))
        return
    keys = list(rows[0])
    compiled = statement.compile(dialect=conn.dialect, column_keys=keys)
    names = list(compiled.positiontup or ())
    if any(name not in rows[0] for name in names):  # a column default SQLAlchemy would fill
        conn.execute(statement, list(rows))
        return
    getter = itemgetter(*names)
    params = [getter(row) for row in rows] if len(names) > 1 else [(getter(r),) for r in rows]
    processors = [
        (i, process)
        for i, name in enumerate(names)
        if (process := _processor(compiled.binds[name].type, conn)) is not None
    ]
    if processors:
        params = [_processed(values, processors) for values in params]
    conn.exec_driver_sql(str(compiled), params)


def _processor(kind: Any, conn: Connection) -> Callable[[Any], Any] | None:
    """What SQLAlchemy passes a value of this type through on this database (the dialect's
    own type: SQLite's dates are strings), or None."""
    processor: Callable[[Any], Any] | None = kind.dialect_impl(conn.dialect).bind_processor(
        conn.dialect
    )
    return processor


def _processed(
    values: tuple[object, ...], processors: list[tuple[int, Callable[[Any], Any]]]
) -> tuple[object, ...]:
    """The row's values as SQLAlchemy binds them: each through its type's processor."""
    out = list(values)
    for i, process in processors:
        out[i] = process(out[i])
    return tuple(out)
