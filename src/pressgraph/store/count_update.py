"""Entities' counts after a batch, from what its stories and events changed (issue 10).

An entity's row in `entity_counts` holds its mentions, the stories that mention it and the
events it or one of its bodies attended. A batch rewrites the `entity_stories` rows of its
stories and the `event_members` rows of its events, and nothing else changes those counts.
So an entity with a stored row takes the difference: its rows among the batch's stories and
the events its family attended among the batch's events, before and after. Counting a
hub's tens of thousands of stories and events again for every batch grew with the database.

An entity without a stored row is counted in full, and so is every entity when the tree of
bodies moved (a family's events change then without any of its events changing). An entity
that resolution merged away counts for the parent it had (`gone`), as the events it
attended did before the batch. Mentions are counted from `block_spellings` for the blocks
summed there, and from `mentions` for people.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, func, select

from pressgraph.store import derived
from pressgraph.store.chunks import chunked
from pressgraph.store.schema import (
    SUMMED_BLOCKS,
    block_spellings,
    entities,
    entity_counts,
    entity_stories,
    event_members,
    mentions,
)

Gone = tuple[tuple[str, str, str | None], ...]  # (id, kind, parent) of entities merged away


@dataclass(frozen=True)
class Held:
    """What a batch's stories and events sum for the entities: their `entity_stories` rows
    among those stories, and the (entity, event) member rows they attended among those
    events."""

    stories: Counter[str]
    attended: frozenset[tuple[str, str]]


@dataclass(frozen=True)
class Counted:
    """What the batch's stories and events held before and after it, and whether the tree
    of bodies moved or entities were merged away."""

    before: Held
    after: Held
    tree_changed: bool
    gone: Gone = ()


def counts_held(conn: Connection, story_ids: Sequence[str], event_ids: Iterable[str]) -> Held:
    """What these stories and events sum for the entities now."""
    stories: Counter[str] = Counter()
    for chunk in chunked(sorted(set(story_ids))):
        query = select(entity_stories.c.entity_id).where(entity_stories.c.story_id.in_(chunk))
        stories.update(str(e) for e in conn.execute(query).scalars())
    attended: set[tuple[str, str]] = set()
    m = event_members.c
    for chunk in chunked(sorted(set(event_ids))):
        query = select(m.entity_id, m.event_id).where(m.event_id.in_(chunk), derived.attended())
        attended.update((str(r[0]), str(r[1])) for r in conn.execute(query))
    return Held(stories, frozenset(attended))


def update_entity_counts(conn: Connection, ids: set[str], counted: Counted) -> None:
    """Write the counts of these entities again (inside the caller's transaction): the
    stored ones moved by what the batch changed, the others counted in full."""
    stored = {} if counted.tree_changed else _stored(conn, ids)
    for chunk in chunked(sorted(ids)):
        conn.execute(delete(entity_counts).where(entity_counts.c.entity_id.in_(chunk)))
    before, after = counted.before, counted.after
    members = {e for e, _ in before.attended | after.attended}
    parents = _parents(conn, members, counted.gone)
    was, now = _family_events(before, parents), _family_events(after, parents)
    rows: list[dict[str, object]] = []
    for chunk in chunked(sorted(ids)):
        present = set(conn.execute(select(entities.c.id).where(entities.c.id.in_(chunk))).scalars())
        fresh = sorted(present - set(stored))
        said = _mention_counts(conn, chunk)
        in_stories = _per_entity(conn, entity_stories.c.entity_id, fresh) if fresh else {}
        family = derived.family_event_counts(conn, fresh) if fresh else {}
        for eid in sorted(present):
            if eid in stored:
                held, attended = stored[eid]
                in_stories[eid] = held - before.stories[eid] + after.stories[eid]
                family[eid] = attended - was[eid] + now[eid]
            rows.append(
                {
                    "entity_id": eid,
                    "mentions": said.get(eid, 0),
                    "stories": in_stories.get(eid, 0),
                    "events": family.get(eid, 0),
                }
            )
    derived._insert(conn, entity_counts, rows)


def _stored(conn: Connection, ids: set[str]) -> dict[str, tuple[int, int]]:
    """Entity -> its stored (stories, events) counts."""
    found: dict[str, tuple[int, int]] = {}
    c = entity_counts.c
    for chunk in chunked(sorted(ids)):
        query = select(c.entity_id, c.stories, c.events).where(c.entity_id.in_(chunk))
        found.update((str(r[0]), (int(r[1]), int(r[2]))) for r in conn.execute(query))
    return found


def _parents(conn: Connection, ids: set[str], gone: Gone) -> dict[str, str]:
    """Entity -> its parent, for these entities; one merged away keeps the parent it had."""
    found = {eid: parent for eid, _, parent in gone if parent}
    for chunk in chunked(sorted(ids)):
        query = select(entities.c.id, entities.c.parent_id).where(
            entities.c.id.in_(chunk), entities.c.parent_id.is_not(None)
        )
        found.update((str(r[0]), str(r[1])) for r in conn.execute(query))
    return found


def _family_events(held: Held, parents: dict[str, str]) -> Counter[str]:
    """Entity -> how many of the held events it or one of its bodies attended."""
    families: set[tuple[str, str]] = set()
    for member, event_id in held.attended:
        families.add((member, event_id))
        if member in parents:
            families.add((parents[member], event_id))
    return Counter(family for family, _ in families)


def _mention_counts(conn: Connection, chunk: Sequence[str]) -> dict[str, int]:
    """Entity -> its mentions. Those of an organization, a country or a place are its
    block's, as kept in `block_spellings` (the CSTO has hundreds of thousands: counting them
    grew with the database); a person's are counted. This path runs only without
    judgements (resolve/update.py), so every mention of such a block names its entity."""
    blocks = {f"{prefix}{eid}": eid for eid in chunk for prefix in SUMMED_BLOCKS}
    query = (
        select(block_spellings.c.block, func.sum(block_spellings.c.mentions))
        .where(block_spellings.c.block.in_(sorted(blocks)))
        .group_by(block_spellings.c.block)
    )
    found = {blocks[str(block)]: int(n) for block, n in conn.execute(query)}
    rest = [eid for eid in chunk if eid not in found]
    return {**found, **_per_entity(conn, mentions.c.entity_id, rest)} if rest else found


def _per_entity(conn: Connection, column: Any, chunk: Any) -> dict[str, int]:
    query = select(column, func.count()).where(column.in_(chunk)).group_by(column)
    return {str(r[0]): int(r[1]) for r in conn.execute(query)}
