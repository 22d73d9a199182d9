"""The network page: organizations (and optionally people) linked by typed relations and by
taking part in the same events, within a date range.

Co-participation is derived from the events, never stored: an organization takes part in an
event when a story names it among the event's participants or organizers, or names one of
its officials there (the post the story gives that person). Bodies count as their top
organization unless `bodies` is asked for (the CSTO Secretariat is the CSTO).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from sqlalchemy import Connection, Select, select

from pressgraph.store.db import Database
from pressgraph.store.pages.common import events_in, mention_entities, story_parts
from pressgraph.store.schema import (
    entities,
    events,
    relations,
    roles,
    story_events,
)

MAX_NODES = 120  # the busiest nodes; a bigger graph is unreadable, narrow the dates instead
CO_PARTICIPATION = "co-participation"
EVIDENCE = 5


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


@dataclass
class _Link:
    count: int = 0
    dates: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Entity:
    name: str
    kind: str
    acronym: str | None
    parent: str | None


def network_page(
    db: Database, *, date_from: str | None, date_to: str | None, people: bool, bodies: bool
) -> NetworkPage:
    """The network of organizations (and people) over the events and relations in the range."""
    kinds = ("organization", "person") if people else ("organization",)
    with db.read() as conn:
        known = _entities(conn)
        node = _folder(known, kinds, bodies)
        links: dict[tuple[str, str, str], _Link] = defaultdict(_Link)
        for event, start, members in _participation(conn, date_from, date_to):
            shown = sorted({n for m in members if (n := node(m))})
            for a, b in combinations(shown, 2):
                _add(links[(a, b, CO_PARTICIPATION)], start, event)
        for source, target, kind, date, story in _relations(conn, date_from, date_to):
            a, b = node(source), node(target)
            if a and b and a != b:
                _add(links[(a, b, kind)], date, story)
    return _graph(links, known, date_from, date_to, people, bodies)


def _entities(conn: Connection) -> dict[str, _Entity]:
    query = select(entities.c.id, entities.c.name, entities.c.kind, entities.c.acronym)
    rows = conn.execute(query.add_columns(entities.c.parent_id))
    return {r.id: _Entity(r.name, r.kind, r.acronym, r.parent_id) for r in rows}


def _folder(known: dict[str, _Entity], kinds: tuple[str, ...], bodies: bool) -> Any:
    """A function: entity id -> its node id (its top organization unless `bodies`), or None."""

    def node(entity_id: str | None) -> str | None:
        found = known.get(entity_id or "")
        if found is None or found.kind not in kinds:
            return None
        seen = {entity_id}
        while not bodies and found.parent in known and found.parent not in seen:
            entity_id, found = found.parent, known[found.parent]
            seen.add(entity_id)
        return entity_id

    return node


def _participation(
    conn: Connection, date_from: str | None, date_to: str | None
) -> Iterable[tuple[str, str | None, set[str]]]:
    """(event, start date, entity ids taking part) for each event in the range."""
    in_range = events_in(select(events.c.id), date_from, date_to)
    rows = conn.execute(
        events_in(select(events.c.id, events.c.start, events.c.chair_id), date_from, date_to)
    ).all()
    starts = {r.id: r.start for r in rows}
    members: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        if r.chair_id:
            members[r.id].add(r.chair_id)
    parts = story_parts(conn, story_events.c.event_id.in_(in_range))
    who = mention_entities(conn, parts)
    posts = _posts_in(conn, in_range)
    for event_id, story, idx, _ in parts:
        if (story, idx) in who:
            members[event_id].add(who[(story, idx)])
        if (story, idx) in posts:
            members[event_id].add(posts[(story, idx)])
    return ((e, starts.get(e), m) for e, m in members.items())


def _posts_in(conn: Connection, in_range: Select[Any]) -> dict[tuple[str, int], str]:
    """(story, person mention index) -> the organization of the post the story gives them."""
    reporting = select(story_events.c.story_id).where(story_events.c.event_id.in_(in_range))
    query = select(roles.c.story_id, roles.c.person_idx, roles.c.organization_id).where(
        roles.c.story_id.in_(reporting), roles.c.organization_id.is_not(None)
    )
    return {(r[0], r[1]): r[2] for r in conn.execute(query)}


def _relations(
    conn: Connection, date_from: str | None, date_to: str | None
) -> list[tuple[str | None, str | None, str, str | None, str]]:
    query = select(
        relations.c.source_id,
        relations.c.target_id,
        relations.c.kind,
        relations.c.date,
        relations.c.story_id,
    ).order_by(relations.c.date, relations.c.id)
    if date_from:
        query = query.where(relations.c.date >= date_from)
    if date_to:
        query = query.where(relations.c.date <= date_to)
    return [(r[0], r[1], r[2], r[3], r[4]) for r in conn.execute(query)]


def _add(link: _Link, date: str | None, evidence: str) -> None:
    link.count += 1
    if date:
        link.dates.append(date)
    if len(link.evidence) < EVIDENCE and evidence not in link.evidence:
        link.evidence.append(evidence)


def _graph(
    links: dict[tuple[str, str, str], _Link],
    known: dict[str, _Entity],
    date_from: str | None,
    date_to: str | None,
    people: bool,
    bodies: bool,
) -> NetworkPage:
    """Keep the MAX_NODES busiest nodes and the edges between them."""
    weight: Counter[str] = Counter()
    for (a, b, _), link in links.items():
        weight[a] += link.count
        weight[b] += link.count
    ranked = sorted(weight, key=lambda n: (-weight[n], known[n].name))
    kept = set(ranked[:MAX_NODES])
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
        for (a, b, kind), link in sorted(links.items())
        if a in kept and b in kept
    )
    return NetworkPage(date_from, date_to, people, bodies, nodes, edges, len(weight) - len(kept))
