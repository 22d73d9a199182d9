"""Derived tables: sums of the facts that pages read instead of aggregating per request.

Which stories mention an entity and how often, how many mentions, stories and events each
entity has, who took part in each event with their strongest part, and the edges of the
network (co-participation and typed relations) summed per month. They are rebuilt from the
facts in the transaction in which resolution rewrites the events, so they always agree with
them, and by the migration that adds them. They hold no evidence of their own: every row
sums rows of the fact tables, which keep the stories, offsets and stage versions.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Join,
    Select,
    Table,
    and_,
    case,
    delete,
    distinct,
    false,
    func,
    insert,
    inspect,
    or_,
    select,
    true,
    union_all,
)

from pressgraph.store.bulk import execute_many
from pressgraph.store.chunks import chunked
from pressgraph.store.judgements import kept_in
from pressgraph.store.places import fill_place_countries, refresh_places
from pressgraph.store.schema import (
    ATTENDED,
    CO_PARTICIPATION,
    MEMBER_ORDER,
    edge_months,
    entities,
    entity_counts,
    entity_stories,
    event_members,
    events,
    mentions,
    network_edges,
    place_countries,
    places,
    posts,
    relations,
    roles,
    stories,
    story_event_parts,
    story_events,
)

NODE_KINDS = ("organization", "person")
EVIDENCE = 5  # event or story ids kept per edge
_CHUNK = 5000

Folder = Callable[[str | None], str | None]


@dataclass(frozen=True)
class DerivedSummary:
    """How many rows each derived table got."""

    entity_stories: int
    event_members: int
    posts: int
    network_edges: int


@dataclass
class Link:
    """An edge being summed: how often, the dates seen, the first few evidence ids."""

    count: int = 0
    dates: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)

    def add(self, count: int, dates: Iterable[str | None], evidence: Iterable[str]) -> None:
        """Add `count` more events or statements, their dates and evidence ids."""
        self.count += count
        self.dates.extend(d for d in dates if d)
        for item in evidence:
            if len(self.evidence) < EVIDENCE and item not in self.evidence:
                self.evidence.append(item)


def refresh(conn: Connection) -> DerivedSummary:
    """Rebuild every derived table from the facts (inside the caller's transaction)."""
    for table in (network_edges, posts, event_members, entity_counts, entity_stories):
        conn.execute(delete(table))
    if inspect(conn).has_table(edge_months.name):  # migration 26 adds it: every edge is one row
        conn.execute(delete(edge_months))
    stories_n = _fill_entity_stories(conn)
    members_n = _fill_event_members(conn)
    _fill_entity_counts(conn)
    posts_n = fill_posts(conn, true())
    edges_n = fill_network_edges(conn, None)
    if inspect(conn).has_table(place_countries.name):  # migration 19 adds it
        fill_place_countries(conn)
    if inspect(conn).has_table(places.name):  # migration 10 adds it after migration 6
        refresh_places(conn)
    return DerivedSummary(stories_n, members_n, posts_n, edges_n)


# --- entities: stories and counts --------------------------------------------------------------


def _fill_entity_stories(conn: Connection) -> int:
    counted = (
        select(mentions.c.entity_id, mentions.c.story_id, func.count().label("n"))
        .where(mentions.c.entity_id.is_not(None), mentions.c.story_id.is_not(None))
        .group_by(mentions.c.entity_id, mentions.c.story_id)
        .subquery()
    )
    rows = select(counted.c.entity_id, counted.c.story_id, counted.c.n, stories.c.date).join(
        stories, stories.c.id == counted.c.story_id
    )
    columns = ["entity_id", "story_id", "mentions", "date"]
    conn.execute(insert(entity_stories).from_select(columns, rows))
    return _rows(conn, entity_stories)


def family_event_counts(conn: Connection, ids: Sequence[str] | None = None) -> dict[str, int]:
    """Entity -> how many events it and its bodies attended (as its page counts them), for
    the entities of `ids` (None: every entity); counted in SQL, as the CSTO's family attends
    tens of thousands."""
    own = select(entities.c.id.label("member"), entities.c.id.label("family"))
    bodies = select(entities.c.id, entities.c.parent_id).where(entities.c.parent_id.is_not(None))
    if ids is not None:
        own = own.where(entities.c.id.in_(ids))
        bodies = bodies.where(entities.c.parent_id.in_(ids))
    family = union_all(own, bodies).subquery()
    query = (
        select(family.c.family, func.count(distinct(event_members.c.event_id)))
        .join(event_members, event_members.c.entity_id == family.c.member)
        .where(attended())
        .group_by(family.c.family)
    )
    return {str(r[0]): int(r[1]) for r in conn.execute(query)}


def _fill_entity_counts(conn: Connection) -> None:
    def per_entity(query: Any) -> dict[str, int]:
        return {str(r[0]): int(r[1]) for r in conn.execute(query)}

    said = per_entity(
        select(mentions.c.entity_id, func.count())
        .where(mentions.c.entity_id.is_not(None))
        .group_by(mentions.c.entity_id)
    )
    in_stories = per_entity(
        select(entity_stories.c.entity_id, func.count()).group_by(entity_stories.c.entity_id)
    )
    attended_events = family_event_counts(conn)
    rows = [
        {
            "entity_id": eid,
            "mentions": said.get(eid, 0),
            "stories": in_stories.get(eid, 0),
            "events": attended_events.get(eid, 0),
        }
        for eid in conn.execute(select(entities.c.id)).scalars()
    ]
    _insert(conn, entity_counts, rows)


# --- events: members ---------------------------------------------------------------------------


def _parts_pointing_at(table: Table, index: Any) -> Join:
    """Story event parts joined to their story event and to the row of `table` (mentions,
    roles) in the same story at the mention index the part points at (`index`)."""
    return story_event_parts.join(
        story_events, story_events.c.id == story_event_parts.c.story_event_id
    ).join(
        table,
        and_(
            table.c.story_id == story_events.c.story_id,
            index == story_event_parts.c.mention_idx,
        ),
    )


def parts_of(*where: Any) -> Select[Any]:
    """(event id, entity id, part) of every resolved participant, where the conditions hold."""
    return (
        select(story_events.c.event_id, mentions.c.entity_id, story_event_parts.c.part)
        .select_from(_parts_pointing_at(mentions, mentions.c.idx))
        .where(mentions.c.entity_id.is_not(None), *where)
    )


def attended() -> ColumnElement[bool]:
    """The member rows of events an entity took part in, chaired, organized or hosted; not
    those where only one of its officials took part."""
    return event_members.c.rank < ATTENDED


def member_rank(part: str) -> int:
    """The place of a part in MEMBER_ORDER (a part not listed there ranks as a participant)."""
    return MEMBER_ORDER.index(part if part in MEMBER_ORDER else "participant")


def _fill_event_members(conn: Connection) -> int:
    best: dict[tuple[str, str], int] = {}
    for event_id, entity_id, part in _member_rows(conn):
        rank = member_rank(part)
        if best.get((event_id, entity_id), len(MEMBER_ORDER)) > rank:
            best[(event_id, entity_id)] = rank
    starts = {r[0]: r[1] for r in conn.execute(select(events.c.id, events.c.start))}
    rows = [
        {"event_id": e, "entity_id": m, "part": MEMBER_ORDER[r], "rank": r, "start": starts[e]}
        for (e, m), r in sorted(best.items())
        if e in starts
    ]
    _insert(conn, event_members, rows)
    return len(rows)


def _member_rows(conn: Connection) -> Iterable[tuple[str, str, str]]:
    """(event, entity, part) as the stories report them, the officials' organizations, and
    each event's chair and place."""
    for event_id, entity_id, part in conn.execute(parts_of(story_events.c.event_id.is_not(None))):
        yield event_id, entity_id, part
    officials = (
        select(story_events.c.event_id, roles.c.organization_id)
        .select_from(_parts_pointing_at(roles, roles.c.person_idx))
        .where(story_events.c.event_id.is_not(None), roles.c.organization_id.is_not(None))
        .where(kept_in(conn, roles))
    )
    for event_id, organization_id in conn.execute(officials):
        yield event_id, organization_id, "official"
    for event_id, chair_id, place_id in conn.execute(
        select(events.c.id, events.c.chair_id, events.c.place_id)
    ):
        if chair_id:
            yield event_id, chair_id, "chair"
        if place_id:
            yield event_id, place_id, "place"


# --- posts held ----------------------------------------------------------------------------------


def fill_posts(conn: Connection, where: ColumnElement[bool]) -> int:
    """Posts grouped by (person, title, organization, country): dates seen, first evidence;
    of the roles `where` selects (whole people: a post groups one person's roles)."""
    key = (roles.c.person_id, roles.c.title, roles.c.organization_id, roles.c.country_id)
    groups: dict[tuple[Any, ...], list[tuple[str, int]]] = defaultdict(list)
    for *post, row_id, date in conn.execute(
        select(*key, roles.c.id, roles.c.date).where(kept_in(conn, roles), where)
    ):
        groups[tuple(post)].append((date or "", row_id))
    rows: list[dict[str, object]] = []
    for (person, title, organization, country), seen in groups.items():
        seen.sort()  # undated first, then by date
        dates = [date for date, _ in seen if date]
        rows.append(
            {
                "person_id": person,
                "title": title,
                "organization_id": organization,
                "country_id": country,
                "first": dates[0] if dates else None,
                "last": dates[-1] if dates else None,
                "seen": len(seen),
                "evidence": " ".join(str(row_id) for _, row_id in seen[:EVIDENCE]),
            }
        )
    _insert(conn, posts, rows)
    return len(rows)


# --- the network -------------------------------------------------------------------------------


def entity_tree(conn: Connection) -> list[tuple[str, str, str | None]]:
    """(id, kind, parent id) of every entity: what the network folds bodies by."""
    query = select(entities.c.id, entities.c.kind, entities.c.parent_id)
    return [(r[0], r[1], r[2]) for r in conn.execute(query)]


def entity_rows(
    conn: Connection, column: Any, values: Iterable[str]
) -> list[tuple[str, str, str | None]]:
    """`entity_tree` rows of the entities whose `column` (id, parent id) is one of `values`."""
    rows: list[tuple[str, str, str | None]] = []
    query = select(entities.c.id, entities.c.kind, entities.c.parent_id)
    for chunk in chunked(sorted(set(values))):
        rows.extend((r[0], r[1], r[2]) for r in conn.execute(query.where(column.in_(chunk))))
    return rows


def node_folder(tree: list[tuple[str, str, str | None]], bodies: bool) -> Folder:
    """A function: entity id -> its node in the network (its top organization unless
    `bodies`; None for kinds the network does not show), over `entity_tree` rows."""
    kinds = {eid: kind for eid, kind, _ in tree}
    parents = {eid: parent for eid, _, parent in tree if parent in kinds}

    def node(entity_id: str | None) -> str | None:
        if entity_id is None or kinds.get(entity_id) not in NODE_KINDS:
            return None
        seen = {entity_id}
        while not bodies and entity_id in parents and parents[entity_id] not in seen:
            entity_id = parents[entity_id]
            seen.add(entity_id)
        return entity_id

    return node


def month(date: str | None) -> str | None:
    """The month a day falls in ("2019-10"). None for a date known only to the month or the
    year: whether "2019-05" is inside a range is decided by comparing it with the range's
    ends, so its edges are always summed from the facts when a range is given."""
    return date[:7] if date and len(date) >= 10 else None


def links(
    members: Iterable[tuple[str, str | None, Iterable[str]]],
    stated: Iterable[tuple[str | None, str | None, str, str | None, str]],
    node: Folder,
) -> dict[tuple[str, str, str, str | None], Link]:
    """Edges summed per month: co-participation from (event, start, members), and typed
    relations from (source, target, kind, date, story)."""
    found: dict[tuple[str, str, str, str | None], Link] = defaultdict(Link)
    for event_id, start, who in members:
        shown = sorted({n for m in who if (n := node(m))})
        for a, b in combinations(shown, 2):
            found[(a, b, CO_PARTICIPATION, month(start))].add(1, [start], [event_id])
    for source, target, kind, date, story in stated:
        head, tail = node(source), node(target)
        if head and tail and head != tail:
            found[(head, tail, kind, month(date))].add(1, [date], [story])
    return found


def event_members_of(
    conn: Connection, where: ColumnElement[bool]
) -> list[tuple[str, str | None, list[str]]]:
    """(event, start, members) of the events `where` selects, earliest first; the place
    where an event was held is not a member."""
    query = (
        select(events.c.id, events.c.start, event_members.c.entity_id)
        .join(event_members, event_members.c.event_id == events.c.id)
        .where(event_members.c.part != "place", where)
    )
    found: dict[str, tuple[str, str | None, list[str]]] = {}
    for event_id, start, entity_id in conn.execute(query):
        found.setdefault(event_id, (event_id, start, []))[2].append(entity_id)
    return sorted(found.values(), key=lambda m: by_date(m[1], m[0]))


def by_date(date: str | None, ident: str) -> tuple[str, str]:
    """The order evidence is kept in: by date (undated first), then id. Sorted in Python,
    not by the database, so stored edges and the sums added to them agree on every
    database and collation."""
    return (date or "", ident)


def relations_of(
    conn: Connection, where: ColumnElement[bool]
) -> list[tuple[str | None, str | None, str, str | None, str]]:
    """(source, target, kind, date, story) of the relations `where` selects, earliest first
    (undated first, then by id: sorted in Python, as `by_date`, so that an edge's evidence
    is the same on every database and when a batch adds to it)."""
    query = select(
        relations.c.id,
        relations.c.source_id,
        relations.c.target_id,
        relations.c.kind,
        relations.c.date,
        relations.c.story_id,
    ).where(where, kept_in(conn, relations))
    rows = sorted(conn.execute(query), key=lambda r: (r[4] or "", r[0]))
    return [(r[1], r[2], r[3], r[4], r[5]) for r in rows]


def fill_network_edges(conn: Connection, months: set[str | None] | None) -> int:
    """Sum the edges of these months (None: of every month) from the events and relations."""
    members = event_members_of(conn, in_months(events.c.start, months))
    stated = relations_of(conn, in_months(relations.c.date, months))
    return _fill_edges(conn, members, stated)


def ancestry(conn: Connection, ids: Iterable[str]) -> list[tuple[str, str, str | None]]:
    """`entity_tree` rows of these entities and of all their ancestors."""
    found: dict[str, tuple[str, str, str | None]] = {}
    wanted = set(ids)
    while wanted:
        rows = entity_rows(conn, entities.c.id, wanted)
        found.update((row[0], row) for row in rows)
        wanted = {parent for _, _, parent in rows if parent and parent not in found}
    return list(found.values())


def _fill_edges(
    conn: Connection,
    members: list[tuple[str, str | None, list[str]]],
    stated: list[tuple[str | None, str | None, str, str | None, str]],
    tree: list[tuple[str, str, str | None]] | None = None,
) -> int:
    """Insert the edges summed from `members` and `stated`; `tree`: entity_tree rows of at
    least their entities and their ancestors (default: every entity)."""
    rows: list[dict[str, object]] = []
    tree = entity_tree(conn) if tree is None else tree
    for bodies in (False, True):
        node = node_folder(tree, bodies)
        rows.extend(
            edge_row(bodies, key, link) for key, link in links(members, stated, node).items()
        )
    _insert(conn, network_edges, rows)
    return len(rows)


def edge_row(bodies: bool, key: tuple[str, str, str, str | None], link: Link) -> dict[str, object]:
    """The `network_edges` row of an edge summed under `key` (source, target, kind, month)."""
    a, b, kind, in_month = key
    return {
        "bodies": bodies,
        "source": a,
        "target": b,
        "kind": kind,
        "month": in_month,
        "count": link.count,
        "first": min(link.dates, default=None),
        "last": max(link.dates, default=None),
        "evidence": "\n".join(link.evidence),
    }


def in_months(column: Any, months: set[str | None] | None) -> ColumnElement[bool]:
    """A condition on a date column: its `month` is one of `months` (None: any). A month's
    days are a range of the column's index; no month (None) is undated or a partial date."""
    if months is None:
        return true()
    conditions = [column.between(f"{m}-01", f"{m}-31") for m in sorted(m for m in months if m)]
    if None in months:
        conditions.append(month_of(column).is_(None))
    return or_(*conditions) if conditions else false()


def in_full_months(column: Any, date_from: str | None, date_to: str | None) -> ColumnElement[bool]:
    """A condition on a month `column`: the months wholly inside the date range (every month,
    and undated rows, when there is no range). Stored edges of these months are read as they
    are; events and relations in other months of the range are summed again from the facts."""
    if not date_from and not date_to:
        return true()
    conditions = [column.is_not(None)]
    if date_from:
        conditions.append(column >= _first_full_month(date_from))
    if date_to:
        conditions.append(column <= _last_full_month(date_to))
    return and_(*conditions)


def month_of(date: Any) -> Any:
    """SQL: the month of a date column, as `month` computes it."""
    return case((func.length(date) >= 10, func.substr(date, 1, 7)), else_=None)


def _first_full_month(date_from: str) -> str:
    """The first month starting on or after `date_from` ("9999-99" for a date not understood:
    no month is then covered, and everything is summed from the facts)."""
    try:
        day = dt.date.fromisoformat(date_from)
        if day.day != 1:
            day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    except (ValueError, OverflowError):  # December 9999 has no month after it
        return "9999-99"
    return f"{day:%Y-%m}"


def _last_full_month(date_to: str) -> str:
    """The last month ending on or before `date_to` ("0000-00" for a date not understood)."""
    try:
        day = dt.date.fromisoformat(date_to)
        if day != dt.date.max and (day + dt.timedelta(days=1)).day != 1:
            day = day.replace(day=1) - dt.timedelta(days=1)
    except (ValueError, OverflowError):  # January of year 1 has no month before it
        return "0000-00"
    return f"{day:%Y-%m}"


# --- writing -----------------------------------------------------------------------------------


def _insert(conn: Connection, table: Any, rows: list[dict[str, object]]) -> None:
    for n in range(0, len(rows), _CHUNK):
        execute_many(conn, insert(table), rows[n : n + _CHUNK])


def _rows(conn: Connection, table: Any) -> int:
    return int(conn.execute(select(func.count()).select_from(table)).scalar_one())
