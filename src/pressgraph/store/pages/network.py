"""The network page: organizations (and optionally people) linked by typed relations and by
taking part in the same events, within a date range.

An organization takes part in an event when a story names it among the event's participants
or organizers, or names one of its officials there (the post the story gives that person).
Bodies count as their top organization unless `bodies` is asked for (the CSTO Secretariat
is the CSTO). Resolution stores the edges summed per month (store/derived.py); the page adds
up the months wholly inside the range and sums the events and relations of the partial
months at its ends from the facts, so any range gives exact counts without reading every
event.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Connection, and_, not_, select

from pressgraph.store.db import Database
from pressgraph.store.derived import (
    Folder,
    Link,
    event_members_of,
    in_full_months,
    links,
    month_of,
    node_folder,
    relations_of,
)
from pressgraph.store.edge_parts import COLUMNS, folded
from pressgraph.store.pages.common import events_in
from pressgraph.store.schema import CO_PARTICIPATION, entities, events, network_edges, relations

MAX_NODES = 120  # the busiest nodes; a bigger graph is unreadable, narrow the dates instead


@dataclass(frozen=True)
class Node:
    """An organization or person in the graph; `weight` is how many links it has."""

    id: str
    label: str  # the acronym, or the name
    name: str
    kind: str
    weight: int


@dataclass(frozen=True)
class Edge:
    """A link: a relation kind (source to target) or co-participation (both ways), how often."""

    source: str
    target: str
    kind: str
    count: int
    first: str | None
    last: str | None
    events: tuple[str, ...]  # for co-participation: the first few shared events
    stories: tuple[str, ...]  # for a relation: the first few stories that state it


@dataclass(frozen=True)
class NetworkPage:
    """The graph in a date range: nodes and edges, and how many nodes were left out."""

    date_from: str | None
    date_to: str | None
    people: bool
    bodies: bool
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    left_out: int  # nodes beyond MAX_NODES


@dataclass(frozen=True)
class _Entity:
    name: str
    kind: str
    acronym: str | None
    parent: str | None


def network_page(
    db: Database,
    *,
    date_from: str | None,
    date_to: str | None,
    people: bool,
    bodies: bool,
    kind: str | None = None,
    max_nodes: int | None = MAX_NODES,
) -> NetworkPage:
    """The network of organizations (and people) over the events and relations in the range;
    with an event `kind`, only co-participation in events of that kind (summed from the
    facts). `max_nodes=None` keeps every node (the export)."""
    kinds = ("organization", "person") if people else ("organization",)
    with db.read() as conn:
        known = _entities(conn)
        tree = [(eid, e.kind, e.parent) for eid, e in known.items()]
        if kind is None:
            found = _stored(conn, date_from, date_to, bodies)
            partial = _partial_months(conn, date_from, date_to, node_folder(tree, bodies))
        else:
            found = defaultdict(Link)
            partial = _of_kind(conn, date_from, date_to, kind, node_folder(tree, bodies))
        for key, link in partial:
            found[key].add(link.count, link.dates, link.evidence)
    shown = {
        key: link
        for key, link in found.items()
        if known[key[0]].kind in kinds and known[key[1]].kind in kinds
    }
    return _graph(shown, known, date_from, date_to, people, bodies, max_nodes)


def _of_kind(
    conn: Connection, date_from: str | None, date_to: str | None, kind: str, node: Folder
) -> Iterator[tuple[tuple[str, str, str], Link]]:
    """The co-participation edges of the events of one kind in the range."""
    chosen = events_in(select(events.c.id), date_from, date_to).where(events.c.kind == kind)
    found = links(event_members_of(conn, events.c.id.in_(chosen)), [], node)
    for (a, b, edge_kind, _), link in found.items():
        yield (a, b, edge_kind), link


def _entities(conn: Connection) -> dict[str, _Entity]:
    query = select(entities.c.id, entities.c.name, entities.c.kind, entities.c.acronym)
    rows = conn.execute(query.add_columns(entities.c.parent_id))
    return {r.id: _Entity(r.name, r.kind, r.acronym, r.parent_id) for r in rows}


def _stored(
    conn: Connection, date_from: str | None, date_to: str | None, bodies: bool
) -> dict[tuple[str, str, str], Link]:
    """The stored edges of the months wholly inside the range, summed over the months (an
    edge's parts folded first: store/edge_parts.py)."""
    e = network_edges.c
    query = (
        select(*(e[c] for c in COLUMNS))
        .where(e.bodies == bodies, in_full_months(e.month, date_from, date_to))
        .order_by(e.month.nulls_last(), e.id)
    )
    found: dict[tuple[str, str, str], Link] = defaultdict(Link)
    for (_, a, b, kind, _), link in folded(conn, conn.execute(query)).items():
        found[(a, b, kind)].add(link.count, link.dates, link.evidence)
    return found


def _partial_months(
    conn: Connection, date_from: str | None, date_to: str | None, node: Folder
) -> Iterator[tuple[tuple[str, str, str], Link]]:
    """The edges of the events and relations in the range but outside its whole months."""
    if not date_from and not date_to:
        return
    in_range = events_in(select(events.c.id), date_from, date_to).where(
        not_(in_full_months(month_of(events.c.start), date_from, date_to))
    )
    stated: list[ColumnElement[bool]] = [relations.c.date.is_not(None)]
    if date_from:
        stated.append(relations.c.date >= date_from)
    if date_to:
        stated.append(relations.c.date <= date_to)
    outside = not_(in_full_months(month_of(relations.c.date), date_from, date_to))
    found = links(
        event_members_of(conn, events.c.id.in_(in_range)),
        relations_of(conn, and_(*stated, outside)),
        node,
    )
    for (a, b, kind, _), link in found.items():
        yield (a, b, kind), link


def _graph(
    found: dict[tuple[str, str, str], Link],
    known: dict[str, _Entity],
    date_from: str | None,
    date_to: str | None,
    people: bool,
    bodies: bool,
    max_nodes: int | None = MAX_NODES,
) -> NetworkPage:
    """Keep the `max_nodes` busiest nodes (all for None) and the edges between them."""
    weight: Counter[str] = Counter()
    for (a, b, _), link in found.items():
        weight[a] += link.count
        weight[b] += link.count
    ranked = sorted(weight, key=lambda n: (-weight[n], known[n].name))
    kept = set(ranked[:max_nodes])
    nodes = tuple(
        Node(n, known[n].acronym or known[n].name, known[n].name, known[n].kind, weight[n])
        for n in sorted(kept, key=lambda n: known[n].name)
    )
    edges = tuple(
        Edge(
            source=a,
            target=b,
            kind=kind,
            count=link.count,
            first=min(link.dates, default=None),
            last=max(link.dates, default=None),
            events=tuple(link.evidence) if kind == CO_PARTICIPATION else (),
            stories=() if kind == CO_PARTICIPATION else tuple(link.evidence),
        )
        for (a, b, kind), link in sorted(found.items())
        if a in kept and b in kept
    )
    return NetworkPage(date_from, date_to, people, bodies, nodes, edges, len(weight) - len(kept))
