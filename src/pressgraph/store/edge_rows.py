"""The stored rows of the network edges a batch touches: read, or counted up where they are.

A batch looks its edges up in one temporary table of their keys, joined to `network_edges`
by its index (`ix_network_edges_key`). Most edges a feed's batch finds stored only grow at
their end: an edge keeps the first EVIDENCE events by date (`derived.by_date`), and once it
has them, events dated after the last it sums change its count and last date, nothing else.
Reading each such row into Python, adding the events and writing it back was most of what a
batch at 50,000 pages cost more than the first (about a hundred thousand rows a batch;
issue 10). `read_or_count` tells them apart as it looks the keys up, and counts those up
by their row ids (count and last date: one statement for them all) instead of reading them.

Only edges of a month qualify: their events' dates are whole days of that month, and two of
them compare as text alike on every database and collation (the same digits in the same
places), so the database decides "after" as `by_date` would.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    ColumnElement,
    Connection,
    Integer,
    MetaData,
    String,
    Table,
    and_,
    bindparam,
    func,
    insert,
    select,
    update,
)

from pressgraph.store.bulk import execute_many
from pressgraph.store.derived import EVIDENCE, Link
from pressgraph.store.schema import network_edges

Key = tuple[str, str, str, str | None]  # (source, target, kind, month)
Stored = dict[Key, tuple[int, Link]]  # key -> (row id, what it sums)
_DAY = 10  # len("2019-10-05")

_KEYS = Table(  # the edges a batch touches, joined to the stored rows by their index
    "edge_keys",
    MetaData(),
    Column("bodies", Boolean),
    Column("source", String(96)),
    Column("target", String(96)),
    Column("kind", String(24)),
    Column("month", String(10)),
    # the events joining the edge (none for an edge summed again): how many, first, last
    Column("joined", Integer),
    Column("low", String(10)),
    Column("high", String(10)),
    prefixes=["TEMPORARY"],
)


def key_order(key: Key) -> str:
    """Edges in the order of their index (month, then pair; undated first): new rows get their
    ids in the same order whatever the batch, and a batch's reads and writes go through the
    index page after page instead of all over it (a database of millions of edges is far
    larger than the pages SQLite keeps). One string sorts as the tuple of its parts would (the
    separator is below every character of an id) and compares in one step."""
    a, b, kind, month = key
    return f"{month or ''}\0{a}\0{b}\0{kind}"


def stored_edges(conn: Connection, bodies: bool, keys: set[Key]) -> Stored:
    """The stored rows of these edges: key -> (row id, what it sums)."""
    stored, _ = read_or_count(conn, bodies, keys, {})
    return stored


def read_or_count(
    conn: Connection, bodies: bool, again: set[Key], joined: dict[Key, dict[str, str | None]]
) -> tuple[Stored, set[Key]]:
    """The stored rows of the edges to sum `again` and of those events `joined` (edge ->
    event -> date), except the joined edges counted up in place: full evidence, and every
    joining event dated after the edge's last date. Returns the rows read and the keys
    counted up."""
    keys = again | set(joined)
    if not keys:
        return {}, set()
    _KEYS.create(conn)  # a failure rolls the transaction back, the table with it
    ordered = sorted(keys, key=key_order)  # looked up in the index's order
    rows = [_key_row(bodies, key, None if key in again else joined[key]) for key in ordered]
    execute_many(conn, insert(_KEYS), rows)
    stored, grown = _read(conn)
    _KEYS.drop(conn)
    e = network_edges.c
    count_up = (
        update(network_edges)
        .where(e.id == bindparam("row_id"))
        .values(count=e.count + bindparam("joined"), last=bindparam("high"))
    )
    counts = sorted(grown.values())  # in the order of the rows
    execute_many(conn, count_up, [{"row_id": i, "joined": n, "high": h} for i, n, h in counts])
    return stored, set(grown)


def _key_row(bodies: bool, key: Key, got: dict[str, str | None] | None) -> dict[str, object]:
    """The temporary table's row of an edge; `got`: the events joining it, if it may be
    counted up in place (dated edges only, each event a whole day)."""
    a, b, kind, month = key
    row: dict[str, object] = {"bodies": bodies, "source": a, "target": b, "kind": kind}
    row.update(month=month, joined=None, low=None, high=None)
    dates = [d for d in (got or {}).values() if d and len(d) == _DAY]
    if month is not None and got and len(dates) == len(got):
        row.update(joined=len(got), low=min(dates), high=max(dates))
    return row


def _same_key() -> ColumnElement[bool]:
    e, k = network_edges.c, _KEYS.c
    return and_(e.bodies == k.bodies, e.source == k.source, e.target == k.target, e.kind == k.kind)


def _grows_at_end() -> ColumnElement[bool]:
    """The stored edge only grows at its end: its evidence is full and every joining event
    comes after its last date (both whole days of its month)."""
    e, k = network_edges.c, _KEYS.c
    # each condition false (not NULL) where one before it is: never NULL
    return and_(
        k.joined.is_not(None),
        e.last.is_not(None),
        e.count >= EVIDENCE,
        func.length(e.last) == _DAY,
        e.last < k.low,
    )


def _read(conn: Connection) -> tuple[Stored, dict[Key, tuple[int, int, str]]]:
    """The stored rows of the keys (key -> row id, what it sums), and the parameters that
    count up those that only grow at their end (key -> row id, events, last date), which
    are not read."""
    e, k = network_edges.c, _KEYS.c
    grows = _grows_at_end().label("grows")
    columns = (e.id, e.source, e.target, e.kind, e.month, e.count, e.first, e.last, e.evidence)
    found: Stored = {}
    grown: dict[Key, tuple[int, int, str]] = {}
    # Dated and undated edges apart: each condition is one the index can seek on every
    # database (PostgreSQL does not seek on IS NOT DISTINCT FROM).
    for same_month in (e.month == k.month, and_(e.month.is_(None), k.month.is_(None))):
        query = select(*columns, grows, k.joined, k.high)
        query = query.join(_KEYS, and_(_same_key(), same_month))
        # plain tuples: a batch reads a hundred thousand stored edges at 50,000 pages
        for row in conn.execute(query):
            row_id, a, b, kind, in_month, count, first, last, evidence, up, n, high = row
            if up:
                grown[(a, b, kind, in_month)] = (row_id, n, high)
            else:
                dates = [d for d in (first, last) if d]
                found[(a, b, kind, in_month)] = (row_id, Link(count, dates, evidence.split()))
    return found, grown
