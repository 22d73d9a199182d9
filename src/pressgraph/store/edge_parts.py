"""The network's edges as their readers see them: a co-participation edge stored in parts,
folded into one sum (issue 10).

A batch adds what its new events bring to the co-participation edges they join as a new row,
a part, instead of reading and rewriting the stored row (store/edge_update.py): at 50,000
pages a batch met a hundred thousand stored edges, and reading, merging and updating them
was most of what a batch cost more than the first. So an edge (bodies, pair, kind, month)
may have several rows. Its sum is theirs: the counts added, the first of the firsts, the last
of the lasts, and the first few events of all the parts by date (each part keeps the first
few of its own, so the first few of the edge are among them). An edge a batch sums again
(an event left it), and every edge of a `rebuild`, is one row again.

A month's parts are folded once the rows batches added to it (`edge_months`) reach the rows
it had when it was last folded, and at least FOLD_AT: its readers then read at most twice its
edges, or FOLD_AT rows more, and each added row is folded about once (the fold reads the
month's edges in parts, found through the index of edges by month).

Typed relations' edges are always one row (store/relation_update.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    and_,
    bindparam,
    delete,
    func,
    insert,
    select,
    update,
)

from pressgraph.store.bulk import execute_many
from pressgraph.store.chunks import chunked
from pressgraph.store.derived import EVIDENCE, Link, by_date, edge_row
from pressgraph.store.schema import CO_PARTICIPATION, edge_months, events, network_edges

EdgeKey = tuple[bool, str, str, str, str | None]  # (bodies, source, target, kind, month)
FOLD_AT = 10_000  # the fewest rows added to a month's edges that fold it
COLUMNS = ("bodies", "source", "target", "kind", "month", "count", "first", "last", "evidence")


def folded(conn: Connection, rows: Iterable[Sequence[Any]]) -> dict[EdgeKey, Link]:
    """Each edge's sum from its rows (`COLUMNS`, in any order), in the order its first row
    came. Parts are ranked by the dates of their events, read for the edges with more than
    one row."""
    parts: dict[EdgeKey, list[Sequence[Any]]] = {}
    for row in rows:
        parts.setdefault((bool(row[0]), row[1], row[2], row[3], row[4]), []).append(row)
    several = [p for p in parts.values() if len(p) > 1]
    dates = starts(conn, {i for p in several for row in p for i in row[8].split()})
    return {key: _sum(found, dates) for key, found in parts.items()}


def _sum(parts: list[Sequence[Any]], dates: dict[str, str | None]) -> Link:
    if len(parts) == 1:
        (row,) = parts
        return Link(row[5], [d for d in (row[6], row[7]) if d], row[8].split())
    ids = {i for row in parts for i in row[8].split()}
    ranked = sorted(ids, key=lambda i: by_date(dates.get(i), i))[:EVIDENCE]
    found = [d for row in parts for d in (row[6], row[7]) if d]
    return Link(sum(row[5] for row in parts), found, ranked)


def starts(conn: Connection, event_ids: set[str]) -> dict[str, str | None]:
    """The start of each of these events (id -> date)."""
    found: dict[str, str | None] = {}
    for chunk in chunked(sorted(event_ids)):
        query = select(events.c.id, events.c.start).where(events.c.id.in_(chunk))
        found.update((r[0], r[1]) for r in conn.execute(query))
    return found


def edge_sums(conn: Connection) -> list[tuple[Any, ...]]:
    """Every edge as one row (`COLUMNS`), sorted: what a full sum (`rebuild`) stores."""
    query = select(*(network_edges.c[c] for c in COLUMNS))
    found = folded(conn, conn.execute(query))
    rows = (edge_row(key[0], key[1:], link) for key, link in found.items())
    return sorted((tuple(row[c] for c in COLUMNS) for row in rows), key=repr)


def note_added(conn: Connection, bodies: bool, added: Counter[str | None]) -> None:
    """Count the rows a batch added to the co-participation edges of these months (month ->
    rows), and fold the months that have grown enough."""
    m = edge_months.c
    months = {month or "" for month in added}
    held: dict[str, tuple[int, int]] = {}
    for chunk in chunked(sorted(months)):
        query = select(m.month, m.added, m.kept).where(m.bodies == bodies, m.month.in_(chunk))
        held.update((r[0], (r[1], r[2])) for r in conn.execute(query))
    grown = {(month or ""): held.get(month or "", (0, 0))[0] + n for month, n in added.items()}
    fresh = [{"bodies": bodies, "month": k, "added": n, "kept": 0} for k, n in grown.items()]
    execute_many(conn, insert(edge_months), [row for row in fresh if row["month"] not in held])
    statement = update(edge_months).where(m.bodies == bodies, m.month == bindparam("key"))
    rows = [{"key": k, "grown": n} for k, n in sorted(grown.items()) if k in held]
    execute_many(conn, statement.values(added=bindparam("grown")), rows)
    for month, n in sorted(grown.items()):
        if n >= max(FOLD_AT, held.get(month, (0, 0))[1]):
            fold_month(conn, bodies, month or None)


def fold_month(conn: Connection, bodies: bool, month: str | None) -> None:
    """Fold the co-participation edges of a month stored in parts into one row each."""
    e = network_edges.c
    where = and_(e.bodies == bodies, _same_month(e.month, month), e.kind == CO_PARTICIPATION)
    several = (
        select(e.source, e.target)
        .where(where)
        .group_by(e.source, e.target)
        .having(func.count() > 1)
        .subquery()
    )
    pair = and_(e.source == several.c.source, e.target == several.c.target)
    query = select(e.id, *(e[c] for c in COLUMNS)).join(several, pair).where(where)
    found = list(conn.execute(query))
    for chunk in chunked(sorted(r[0] for r in found)):
        conn.execute(delete(network_edges).where(e.id.in_(chunk)))
    sums = folded(conn, (r[1:] for r in found))
    # in the order of the index: one month, then the pair
    ordered = sorted(sums.items(), key=lambda item: item[0][1:4])
    rows = [edge_row(bodies, (a, b, kind, at), link) for (_, a, b, kind, at), link in ordered]
    execute_many(conn, insert(network_edges), rows)
    in_month = and_(e.bodies == bodies, _same_month(e.month, month))
    kept = conn.execute(select(func.count()).select_from(network_edges).where(in_month))
    m = edge_months.c
    conn.execute(
        update(edge_months)
        .where(m.bodies == bodies, m.month == (month or ""))
        .values(added=0, kept=int(kept.scalar_one()))
    )


def _same_month(column: ColumnElement[str | None], month: str | None) -> ColumnElement[bool]:
    return column.is_(None) if month is None else column == month
