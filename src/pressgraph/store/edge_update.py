"""The network's co-participation edges after a batch, from what its events changed (issue 10).

An edge (two nodes, a month, bodies kept apart or folded into their top organization) sums
the events both nodes took part in: how many, the first and last dates, the first few event
ids by date (`derived.links`). Summing every edge of the months a batch touched again cost
a batch more as the database grew (a backfill touches every month). Instead the members of
the batch's events are read before and after they are summed again, and each edge they
touch is handled by what happened to it:

- events joined it (new events, or new members) and none left: what they bring is stored as
  a part of the edge, a row of its own (store/edge_parts.py), without reading the stored
  rows: at 50,000 pages a batch joined a hundred thousand stored edges, and reading,
  merging and rewriting them cost it about 2 s more than the first batch;
- an event left it, or its date changed: its parts are read and the edge is summed again,
  into one row, from the batch's events alone when the parts count only events of the batch
  (an entity merged away leaves such edges), else from the stored members of its two nodes
  in that month.

Events the batch merged again without changing their date or members are set aside first:
they sum the same edges before and after.

Either way the parts sum to what `derived.fill_network_edges` would give. An entity that
resolution merged away folds as it did before (`gone`: its kind and parent).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from itertools import combinations
from operator import itemgetter
from typing import Any, TypeVar

from sqlalchemy import (
    Boolean,
    Column,
    ColumnElement,
    Connection,
    MetaData,
    String,
    Table,
    and_,
    bindparam,
    delete,
    insert,
    select,
    true,
    update,
)

from pressgraph.store.bulk import execute_many
from pressgraph.store.chunks import chunked
from pressgraph.store.derived import (
    EVIDENCE,
    Folder,
    Link,
    ancestry,
    by_date,
    edge_row,
    entity_rows,
    in_months,
    month,
    node_folder,
)
from pressgraph.store.edge_parts import note_added
from pressgraph.store.schema import CO_PARTICIPATION, entities, event_members, network_edges

Members = list[tuple[str, str | None, list[str]]]  # (event, start, members), as derived reads
Tree = list[tuple[str, str, str | None]]  # (id, kind, parent), as `derived.entity_tree`
Key = tuple[str, str, str, str | None]  # (source, target, kind, month)
Sources = dict[Key, dict[str, str | None]]  # edge -> the events summed in it, with their dates
_SUMS = ("count", "first", "last", "evidence")
T = TypeVar("T")
V = TypeVar("V")

_KEYS = Table(  # the edges a batch touches, joined to the stored rows by their index
    "edge_keys",
    MetaData(),
    Column("bodies", Boolean),
    Column("source", String(96)),
    Column("target", String(96)),
    Column("kind", String(24)),
    Column("month", String(10)),
    prefixes=["TEMPORARY"],
)


def members_of(conn: Connection, event_ids: Iterable[str]) -> Members:
    """(event, start, members) of these events from `event_members` (the place where an
    event was held is not a member)."""
    return _members(conn, event_members.c.event_id, event_ids, true())


def _members(
    conn: Connection, column: Any, values: Iterable[str], where: ColumnElement[bool]
) -> Members:
    """(event, start, members) of the `event_members` rows whose `column` is one of
    `values` and that `where` keeps (without places): what `derived.links` pairs."""
    found: dict[str, tuple[str, str | None, list[str]]] = {}
    m = event_members.c
    for chunk in chunked(sorted(set(values))):
        query = select(m.event_id, m.start, m.entity_id).where(
            column.in_(chunk), m.part != "place", where
        )
        for event_id, start, entity_id in conn.execute(query):
            found.setdefault(event_id, (event_id, start, []))[2].append(entity_id)
    return list(found.values())


def update_co_participation(conn: Connection, before: Members, after: Members, gone: Tree) -> None:
    """Bring the co-participation edges from the events `before` to the same events `after`
    (inside the caller's transaction; the tree of bodies has not moved)."""
    before, after = changed_events(before, after)
    ids = {m for _, _, who in [*before, *after] for m in who}
    now = tree_around(conn, ids | {parent for _, _, parent in gone if parent})
    then = with_gone(now, gone)
    for bodies in (False, True):
        old = _sources(before, node_folder(then, bodies))
        new = _sources(after, node_folder(now, bodies))
        left, joined = split_changes(old, new)
        stored = stored_parts(conn, bodies, left)
        known, unknown = within(left, old, stored)
        rows = [edge_row(bodies, k, _link(new.get(k, {}))) for k in known if k in new]
        rows += _summed_again(conn, bodies, unknown)
        # what joined an edge no event left is a part of its own: no stored row is read
        rows += [edge_row(bodies, k, _link(got)) for k, got in joined.items()]
        extra = sorted(i for row_ids, _ in stored.values() for i in row_ids[1:])
        for chunk in chunked(extra):
            conn.execute(delete(network_edges).where(network_edges.c.id.in_(chunk)))
        write_edges(conn, {k: row_ids[0] for k, (row_ids, _) in stored.items()}, rows)
        note_added(conn, bodies, Counter(in_month for *_, in_month in joined))


def changed_events(before: Members, after: Members) -> tuple[Members, Members]:
    """The events whose date or members the batch changed, as they were and as they are: an
    event the same on both sides (a stored one its batch merged again without change) sums
    the same edges before and after, so it neither leaves nor joins one."""
    was = {event_id: (start, frozenset(who)) for event_id, start, who in before}
    same = {e for e, start, who in after if was.get(e) == (start, frozenset(who))}
    return [m for m in before if m[0] not in same], [m for m in after if m[0] not in same]


def within(
    left: set[Key], old: Sources, stored: dict[Key, tuple[list[int], Link]]
) -> tuple[set[Key], set[Key]]:
    """The edges an event left, split: those whose stored events all were the batch's (its
    count is theirs), summed from the batch's events alone; the others, summed again from
    the store."""
    known = {k for k in left if k in stored and stored[k][1].count == len(old[k])}
    return known, left - known


def _link(events_in: dict[str, str | None]) -> Link:
    """The sums of an edge over these events (id -> date)."""
    ranked = sorted(events_in, key=lambda i: by_date(events_in[i], i))[:EVIDENCE]
    return Link(len(events_in), [d for d in events_in.values() if d], ranked)


def write_edges(conn: Connection, stored: dict[Key, int], rows: list[dict[str, object]]) -> None:
    """Update the stored rows in place (their key, so every index, stays as it is), add the
    new edges, delete the stored edges no event sums any more. Rows are updated in the
    order of their ids and added in the order of their keys (`key_order`)."""
    changed: list[tuple[int, dict[str, object]]] = []
    added: list[tuple[str, dict[str, object]]] = []
    for row in rows:
        month = row["month"]
        key = (str(row["source"]), str(row["target"]), str(row["kind"]), _text(month))
        row_id = stored.pop(key, None)
        if row_id is None:
            added.append((key_order(key), row))
        else:
            # only the sums: SQLite then leaves the key's indexes alone
            changed.append((row_id, {"row_id": row_id, **{c: row[c] for c in _SUMS}}))
    statement = update(network_edges).where(network_edges.c.id == bindparam("row_id"))
    execute_many(conn, statement, [row for _, row in sorted(changed, key=itemgetter(0))])
    execute_many(conn, insert(network_edges), [row for _, row in sorted(added, key=itemgetter(0))])
    for chunk in chunked(sorted(stored.values())):
        conn.execute(delete(network_edges).where(network_edges.c.id.in_(chunk)))


def key_order(key: Key) -> str:
    """Edges in the order of their index (month, then pair; undated first): new rows get their
    ids in the same order whatever the batch, and a batch's reads and writes go through the
    index page after page instead of all over it (a database of millions of edges is far
    larger than the pages SQLite keeps). One string sorts as the tuple of its parts would (the
    separator is below every character of an id) and compares in one step."""
    a, b, kind, month = key
    return f"{month or ''}\0{a}\0{b}\0{kind}"


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def tree_around(conn: Connection, ids: Iterable[str]) -> Tree:
    """`derived.entity_tree` rows of these entities, their ancestors and their descendants:
    enough to fold them, and to find every entity that folds into one of them."""
    found = {row[0]: row for row in ancestry(conn, ids)}
    parents = set(found)
    while parents:  # their descendants
        rows = [r for r in entity_rows(conn, entities.c.parent_id, parents) if r[0] not in found]
        found.update((r[0], r) for r in rows)
        parents = {r[0] for r in rows}
    return sorted(found.values())


def folded_into(conn: Connection, keys: Iterable[Key], bodies: bool) -> tuple[Folder, list[str]]:
    """How these edges' nodes fold, and every entity that folds into one of them (sorted):
    whose facts an edge is summed again from."""
    nodes = {n for a, b, _, _ in keys for n in (a, b)}
    tree = tree_around(conn, nodes)
    node = node_folder(tree, bodies)
    return node, sorted(eid for eid, _, _ in tree if node(eid) in nodes)


def _sources(members: Members, node: Folder) -> Sources:
    """Edge -> the events summed in it (id -> date), as `derived.links` pairs them."""
    found: Sources = defaultdict(dict)
    for event_id, start, who in members:
        shown = sorted({n for m in who if (n := node(m))})
        for a, b in combinations(shown, 2):
            found[(a, b, CO_PARTICIPATION, month(start))][event_id] = start
    return found


def with_gone(now: Tree, gone: Tree) -> Tree:
    """The tree as it was before the batch: now's, with the entities merged away in it."""
    there = {row[0] for row in now}
    return now + [row for row in gone if row[0] not in there]


def split_changes(
    old: dict[Key, dict[T, V]], new: dict[Key, dict[T, V]]
) -> tuple[set[Key], dict[Key, dict[T, V]]]:
    """What a batch did to the edges, from what each summed before and after (source ->
    what it brings: an event's date, a relation's date and story): the edges a source left
    or changed in, to sum again, and for the others the sources that joined them."""
    left = {
        k
        for k, was in old.items()
        if any(i not in new.get(k, {}) or new[k][i] != v for i, v in was.items())
    }
    joined = {
        k: fresh
        for k, got in new.items()
        if k not in left and (fresh := {i: v for i, v in got.items() if i not in old.get(k, {})})
    }
    return left, joined


def stored_edges(conn: Connection, bodies: bool, keys: set[Key]) -> dict[Key, tuple[int, Link]]:
    """The stored rows of these edges, one row each (typed relations' edges): key -> (row
    id, what it sums)."""
    return {key: (row_id, link) for row_id, key, link in _stored_rows(conn, bodies, keys)}


def stored_parts(
    conn: Connection, bodies: bool, keys: set[Key]
) -> dict[Key, tuple[list[int], Link]]:
    """The stored parts of these edges (store/edge_parts.py): key -> (their row ids, in
    order, and their count and dates summed; not their evidence)."""
    found: dict[Key, tuple[list[int], Link]] = {}
    for row_id, key, link in _stored_rows(conn, bodies, keys):
        row_ids, summed = found.setdefault(key, ([], Link()))
        row_ids.append(row_id)
        summed.add(link.count, link.dates, ())
    for row_ids, _ in found.values():
        row_ids.sort()
    return found


def _stored_rows(conn: Connection, bodies: bool, keys: set[Key]) -> Iterator[tuple[int, Key, Link]]:
    """(row id, key, what it sums) of the stored rows of these edges."""
    if not keys:
        return
    _KEYS.create(conn)  # a failure rolls the transaction back, the table with it
    execute_many(
        conn,
        insert(_KEYS),
        [
            {"bodies": bodies, "source": a, "target": b, "kind": k, "month": m}
            for a, b, k, m in sorted(keys, key=key_order)  # looked up in the index's order
        ],
    )
    e, k = network_edges.c, _KEYS.c
    pair = and_(e.bodies == k.bodies, e.source == k.source, e.target == k.target, e.kind == k.kind)
    columns = (e.id, e.source, e.target, e.kind, e.month, e.count, e.first, e.last, e.evidence)
    found = []
    # Dated and undated edges apart: each condition is one the index can seek on every
    # database (PostgreSQL does not seek on IS NOT DISTINCT FROM).
    for same_month in (e.month == k.month, and_(e.month.is_(None), k.month.is_(None))):
        query = select(*columns).join(_KEYS, and_(pair, same_month))
        # plain tuples: a batch may read a hundred thousand stored edges
        for row_id, a, b, kind, in_month, count, first, last, evidence in conn.execute(query):
            dates = [d for d in (first, last) if d]
            found.append((row_id, (a, b, kind, in_month), Link(count, dates, evidence.split())))
    _KEYS.drop(conn)
    yield from found


def _summed_again(conn: Connection, bodies: bool, keys: set[Key]) -> list[dict[str, object]]:
    """The rows of these edges summed from the stored members of their nodes (none for an
    edge no event sums any more)."""
    if not keys:
        return []
    node, folded = folded_into(conn, keys, bodies)
    members: Members = []
    for in_month in sorted({m for *_, m in keys}, key=lambda m: m or ""):
        # a month at a time: one range of the index of members by date per entity
        where = in_months(event_members.c.start, {in_month})
        members += _members(conn, event_members.c.entity_id, folded, where)
    found = _sources(members, node)
    # in any order: `write_edges` orders the rows
    return [edge_row(bodies, key, _link(found[key])) for key in keys if found.get(key)]
