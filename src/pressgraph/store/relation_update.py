"""The network's typed relation edges after a batch, from what its stories' relations
changed (issue 10).

A typed edge (two nodes, a relation kind, a month, bodies kept apart or folded) sums the
relations between its nodes: how many, the first and last dates, the first few stories in
the order of their first relation (undated first, then by date and id). Summing a month's
edges again read every relation of the month, and the undated ones (month None) are a
month that grows with the database. Instead the relations of the batch's stories are read
before and after their entities are linked again, and each edge they touch is handled by
what happened to it:

- relations joined it (a new story's, or one linked to other entities): the stored row
  gains them: count up, dates widened, their stories ranked in with the stored evidence;
- a relation left it (its entity was merged away or linked to another): the edge is summed
  again from the relations between its two nodes in that month.

Either way the row is what `derived.fill_network_edges` would give. Only `relink_facts`
sets a relation's entities, in the transaction that calls this, so what the stories held
before is what the stored edges sum. Like the rest of the batch's path, this runs only
without judgements (resolve/update.py): every relation counts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import ColumnElement, Connection, and_, select

from pressgraph.store.chunks import chunked
from pressgraph.store.derived import (
    EVIDENCE,
    Folder,
    Link,
    ancestry,
    edge_row,
    in_months,
    links,
    month,
    node_folder,
)
from pressgraph.store.edge_update import (
    Key,
    Tree,
    folded_into,
    split_changes,
    stored_edges,
    with_gone,
    write_edges,
)
from pressgraph.store.schema import relations

# (relation id, source, target, kind, date, story) of stored relations
StatedRow = tuple[int, str | None, str | None, str, str | None, str]
Stated = tuple[StatedRow, ...]
Held = dict[Key, dict[int, tuple[str | None, str]]]  # edge -> relation id -> (date, story)
Rank = tuple[str, int]  # where a relation comes in an edge's evidence: (date or "", id)


def stated_in(conn: Connection, story_ids: Iterable[str]) -> Stated:
    """The relations of these stories, as stored now."""
    found: list[StatedRow] = []
    for chunk in chunked(sorted(set(story_ids))):
        found += _stated(conn, relations.c.story_id.in_(chunk))
    return tuple(found)


def _stated(conn: Connection, where: ColumnElement[bool]) -> list[StatedRow]:
    r = relations.c
    query = select(r.id, r.source_id, r.target_id, r.kind, r.date, r.story_id).where(where)
    return [(int(x[0]), x[1], x[2], str(x[3]), x[4], str(x[5])) for x in conn.execute(query)]


def update_relation_edges(conn: Connection, before: Stated, after: Stated, gone: Tree) -> None:
    """Bring the typed edges from the relations `before` to the same stories' relations
    `after` (inside the caller's transaction; the tree of bodies has not moved)."""
    ids = {e for row in (*before, *after) for e in row[1:3] if e}
    now = ancestry(conn, ids | {parent for _, _, parent in gone if parent})
    then = with_gone(now, gone)
    for bodies in (False, True):
        old = _held(before, node_folder(then, bodies))
        new = _held(after, node_folder(now, bodies))
        left, joined = split_changes(old, new)
        stored = stored_edges(conn, bodies, left | set(joined))
        rows = _stated_again(conn, bodies, left) + _added(conn, bodies, joined, stored)
        write_edges(conn, {k: i for k, (i, _) in stored.items()}, rows)


def _held(stated: Stated, node: Folder) -> Held:
    """Edge -> the relations summed in it, as `derived.links` sums them."""
    found: Held = defaultdict(dict)
    for rid, source, target, kind, date, story in stated:
        head, tail = node(source), node(target)
        if head and tail and head != tail:
            found[(head, tail, kind, month(date))][rid] = (date, story)
    return found


def _added(
    conn: Connection, bodies: bool, joined: Held, stored: dict[Key, tuple[int, Link]]
) -> list[dict[str, object]]:
    """The rows of edges that relations joined: the stored sums with the new relations."""
    shown = {story for _, link in stored.values() for story in link.evidence}
    firsts = _first_ranks(conn, bodies, shown)
    rows = []
    for key, got in joined.items():  # in any order: `write_edges` orders the rows
        _, link = stored.get(key, (0, Link()))
        ranked = {story: firsts[(key, story)] for story in link.evidence}
        for rid, (date, story) in got.items():
            rank = (date or "", rid)
            if story not in ranked or rank < ranked[story]:
                ranked[story] = rank
        evidence = sorted(ranked, key=lambda story: ranked[story])[:EVIDENCE]
        dates = [*link.dates, *(d for d, _ in got.values() if d)]
        rows.append(edge_row(bodies, key, Link(link.count + len(got), dates, evidence)))
    return rows


def _first_ranks(
    conn: Connection, bodies: bool, story_ids: set[str]
) -> dict[tuple[Key, str], Rank]:
    """(edge, story) -> the rank of the story's first relation in that edge, for these
    stories: where the stories an edge keeps as evidence come."""
    stated = stated_in(conn, story_ids)
    tree = ancestry(conn, {e for row in stated for e in row[1:3] if e})
    found: dict[tuple[Key, str], Rank] = {}
    for key, held in _held(stated, node_folder(tree, bodies)).items():
        for rid, (date, story) in held.items():
            rank = (date or "", rid)
            if (key, story) not in found or rank < found[(key, story)]:
                found[(key, story)] = rank
    return found


def _stated_again(conn: Connection, bodies: bool, keys: set[Key]) -> list[dict[str, object]]:
    """The rows of these edges summed from the relations between their nodes (none for an
    edge no relation sums any more)."""
    if not keys:
        return []
    node, folded = folded_into(conn, keys, bodies)
    among, months = set(folded), in_months(relations.c.date, {m for *_, m in keys})
    rows: list[StatedRow] = []
    for chunk in chunked(folded):
        where = and_(relations.c.source_id.in_(chunk), months)
        rows += [x for x in _stated(conn, where) if x[2] in among]
    rows.sort(key=lambda x: (x[4] or "", x[0]))
    found = links([], [x[1:] for x in rows], node)
    return [edge_row(bodies, key, found[key]) for key in keys if key in found]
