"""Sum the derived tables again for what one batch touched (issue 10), with the rows
`derived.refresh` would give.

Every derived row depends on a few facts: an (entity, story) row on that story's mentions,
an event's members on its story events, roles and row, an entity's counts on its mentions,
stories and events and on its bodies' events, a post on its person's roles, an edge of a
month on that month's events and relations (and on the tree of bodies, which folds them),
a place on its stories. So the rows of the stories, events and entities the batch touched
are deleted and summed again; the rest stay. An entity's counts take the difference the
batch's stories and events make (store/count_update.py). The co-participation edges take
what the batch's events changed (store/edge_update.py), the typed relations' edges what its
stories' relations changed (store/relation_update.py). A change in the tree of bodies sums
every edge again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    delete,
    func,
    insert,
    select,
)

from pressgraph.store import derived
from pressgraph.store.chunks import chunked
from pressgraph.store.count_update import Counted, counts_held, update_entity_counts
from pressgraph.store.edge_update import members_of, update_co_participation
from pressgraph.store.judgements import kept_in
from pressgraph.store.places import add_place_countries, pairs_in, refresh_places
from pressgraph.store.relation_update import Stated, stated_in, update_relation_edges
from pressgraph.store.schema import (
    MEMBER_ORDER,
    edge_months,
    entities,
    entity_stories,
    event_members,
    events,
    mentions,
    network_edges,
    posts,
    roles,
    stories,
    story_events,
)


@dataclass(frozen=True)
class Scope:
    """What a batch touched: texts (story ids, "removed:<id>"), event ids (before and
    after), entity ids (before and after), whether bodies moved, and the entities that
    resolution merged away (id, kind, parent), which the edges they had still fold by, and
    the relations of the batch's stories before their entities were linked again."""

    stories: frozenset[str]
    events: frozenset[str]
    entities: frozenset[str]
    tree_changed: bool
    gone: tuple[tuple[str, str, str | None], ...] = ()
    stated: Stated = ()  # the relations of the stories as they were before the batch


def update_derived(conn: Connection, scope: Scope) -> None:
    """Sum again the derived rows `scope` touches (inside the caller's transaction)."""
    story_ids = sorted(s for s in scope.stories if not s.startswith("removed:"))
    held = counts_held(conn, story_ids, scope.events)
    _entity_stories(conn, story_ids)
    before = members_of(conn, scope.events)
    members = _event_members(conn, sorted(scope.events))
    touched = _with_parents(conn, set(scope.entities) | members | _role_people(conn, story_ids))
    after = counts_held(conn, story_ids, scope.events)
    update_entity_counts(conn, touched, Counted(held, after, scope.tree_changed, scope.gone))
    _posts(conn, touched)
    if scope.tree_changed:
        conn.execute(delete(network_edges))
        conn.execute(delete(edge_months))  # every edge is one row again
        derived.fill_network_edges(conn, None)
    else:
        update_co_participation(conn, before, members_of(conn, scope.events), list(scope.gone))
        update_relation_edges(conn, scope.stated, stated_in(conn, story_ids), list(scope.gone))
    refresh_places(conn, only=touched | _entities_in(conn, story_ids))


def _in(column: Any, values: Iterable[Any]) -> Iterable[ColumnElement[bool]]:
    for chunk in chunked(sorted(set(values))):
        yield column.in_(chunk)


def _entity_stories(conn: Connection, story_ids: list[str]) -> None:
    """Sum these stories' rows again, and the places' counts of countries with them."""
    before = pairs_in(conn, story_ids)
    _story_rows(conn, story_ids)
    add_place_countries(conn, before, pairs_in(conn, story_ids))


def _story_rows(conn: Connection, story_ids: list[str]) -> None:
    for where in _in(entity_stories.c.story_id, story_ids):
        conn.execute(delete(entity_stories).where(where))
    for where in _in(mentions.c.story_id, story_ids):
        counted = (
            select(mentions.c.entity_id, mentions.c.story_id, func.count().label("n"))
            .where(mentions.c.entity_id.is_not(None), where)
            .group_by(mentions.c.entity_id, mentions.c.story_id)
            .subquery()
        )
        rows = select(counted.c.entity_id, counted.c.story_id, counted.c.n, stories.c.date).join(
            stories, stories.c.id == counted.c.story_id
        )
        columns = ["entity_id", "story_id", "mentions", "date"]
        conn.execute(insert(entity_stories).from_select(columns, rows))


def _event_members(conn: Connection, event_ids: list[str]) -> set[str]:
    """Sum the members of these events again; return the entities they had or have. Only
    the events whose rows change are rewritten: most stored events a batch merges again
    keep their members."""
    m = event_members.c
    had: dict[str, set[tuple[object, ...]]] = defaultdict(set)
    for where in _in(m.event_id, event_ids):
        query = select(m.event_id, m.entity_id, m.part, m.rank, m.start).where(where)
        for stored in conn.execute(query):
            had[stored[0]].add(tuple(stored))
    now: dict[str, set[tuple[object, ...]]] = defaultdict(set)
    for summed in _summed_members(conn, event_ids):
        now[str(summed[0])].add(summed)
    changed = sorted(e for e in {*had, *now} if had.get(e) != now.get(e))
    for where in _in(m.event_id, changed):
        conn.execute(delete(event_members).where(where))
    columns = ("event_id", "entity_id", "part", "rank", "start")
    rows = [dict(zip(columns, row, strict=True)) for e in changed for row in sorted(now.get(e, ()))]
    derived._insert(conn, event_members, rows)
    return {str(row[1]) for rows_of in [*had.values(), *now.values()] for row in rows_of}


def _summed_members(conn: Connection, event_ids: list[str]) -> list[tuple[object, ...]]:
    """The `event_members` rows of these events as their facts give them now."""
    best: dict[tuple[str, str], int] = {}
    for chunk in chunked(event_ids):
        for event_id, entity_id, part in _member_rows(conn, chunk):
            rank = derived.member_rank(part)
            if best.get((event_id, entity_id), len(MEMBER_ORDER)) > rank:
                best[(event_id, entity_id)] = rank
    starts: dict[str, str | None] = {}
    for where in _in(events.c.id, event_ids):
        starts.update(
            (r[0], r[1]) for r in conn.execute(select(events.c.id, events.c.start).where(where))
        )
    return [
        (e, member, MEMBER_ORDER[r], r, starts[e])
        for (e, member), r in sorted(best.items())
        if e in starts
    ]


def _member_rows(conn: Connection, event_ids: Any) -> Iterable[tuple[str, str, str]]:
    """`derived._member_rows` for these events only."""
    for event_id, entity_id, part in conn.execute(
        derived.parts_of(story_events.c.event_id.in_(event_ids))
    ):
        yield event_id, entity_id, part
    officials = (
        select(story_events.c.event_id, roles.c.organization_id)
        .select_from(derived._parts_pointing_at(roles, roles.c.person_idx))
        .where(story_events.c.event_id.in_(event_ids), roles.c.organization_id.is_not(None))
        .where(kept_in(conn, roles))
    )
    for event_id, organization_id in conn.execute(officials):
        yield event_id, organization_id, "official"
    query = select(events.c.id, events.c.chair_id, events.c.place_id).where(
        events.c.id.in_(event_ids)
    )
    for event_id, chair_id, place_id in conn.execute(query):
        if chair_id:
            yield event_id, chair_id, "chair"
        if place_id:
            yield event_id, place_id, "place"


def _role_people(conn: Connection, story_ids: list[str]) -> set[str]:
    found: set[str] = set()
    for where in _in(roles.c.story_id, story_ids):
        query = select(roles.c.person_id).where(where, roles.c.person_id.is_not(None))
        found.update(conn.execute(query).scalars())
    return found


def _with_parents(conn: Connection, ids: set[str]) -> set[str]:
    """The ids with their parents: a body's events count for its parent too."""
    found = set(ids)
    for where in _in(entities.c.id, ids):
        query = select(entities.c.parent_id).where(where, entities.c.parent_id.is_not(None))
        found.update(conn.execute(query).scalars())
    return found


def _posts(conn: Connection, people: set[str]) -> None:
    """Sum again the posts of these people, and those of nobody resolved."""
    conn.execute(delete(posts).where(posts.c.person_id.is_(None)))
    for where in _in(posts.c.person_id, people):
        conn.execute(delete(posts).where(where))
    derived.fill_posts(conn, roles.c.person_id.is_(None))
    for where in _in(roles.c.person_id, people):
        derived.fill_posts(conn, where)


def _entities_in(conn: Connection, story_ids: list[str]) -> set[str]:
    found: set[str] = set()
    for where in _in(entity_stories.c.story_id, story_ids):
        found.update(conn.execute(select(entity_stories.c.entity_id).where(where)).scalars())
    return found
