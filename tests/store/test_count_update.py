"""Entities' counts moved by what a batch changed (store/count_update.py) equal the counts
summed again from every story and event.

Random events and stories of a small tree of entities are stored and counted; then random
changes are made: members join and leave events, events go and come, stories name other
entities, an entity is merged away into another (`gone`: a body of the top organization into
a body of a body, or a person into a person), and a body moves to another parent. Every
entity's stories and its family's events must be what a full count gives.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, delete, insert, select, update

from pressgraph.store import derived
from pressgraph.store.count_update import Counted, counts_held, update_entity_counts
from pressgraph.store.db import Database
from pressgraph.store.schema import entities, entity_counts, entity_stories, event_members, events
from tests import databases
from tests.store.test_edge_update import (
    MERGED_INTO,
    TREE,
    Event,
    _merged,
    _remove,
    write_events,
    write_tree,
)
from tests.store.test_edge_update import events_st as events_st

STORIES = [f"story:{n}" for n in range(5)]
Stories = dict[str, frozenset[str]]  # story -> the entities it mentions
stories_st = st.dictionaries(
    st.sampled_from(STORIES), st.frozensets(st.sampled_from([r[0] for r in TREE]), max_size=4)
)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    database = Database(databases.fresh_url(tmp_path_factory.mktemp("counts")))
    yield database
    database.close()


def _write_stories(conn: Connection, stored: Stories) -> None:
    rows = [
        {"entity_id": e, "story_id": s, "mentions": 1, "date": None}
        for s, who in stored.items()
        for e in sorted(who)
    ]
    if rows:
        conn.execute(insert(entity_stories), rows)


def _counts(conn: Connection) -> list[tuple[object, ...]]:
    c = entity_counts.c
    query = select(c.entity_id, c.mentions, c.stories, c.events).order_by(c.entity_id)
    return [tuple(r) for r in conn.execute(query)]


def _story_merged(stored: Stories, gone: set[str]) -> Stories:
    return {
        s: frozenset(MERGED_INTO[e] if e in gone else e for e in who) for s, who in stored.items()
    }


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    first=events_st,
    changed=events_st,
    dropped=st.sets(st.sampled_from([f"event:{n}" for n in range(9)])),
    said=stories_st,
    resaid=stories_st,
    gone=st.sets(st.sampled_from(sorted(MERGED_INTO))),
    moved=st.booleans(),
)
def test_counts_moved_by_a_batch_equal_the_counts_summed_again(
    db: Database,
    first: dict[str, Event],
    changed: dict[str, Event],
    dropped: set[str],
    said: Stories,
    resaid: Stories,
    gone: set[str],
    moved: bool,
) -> None:
    with db.begin() as conn:
        for table in (entity_counts, entity_stories, event_members, events, entities):
            conn.execute(delete(table))
        write_tree(conn)
        write_events(conn, first)
        _write_stories(conn, said)
        derived._fill_entity_counts(conn)

        later = _merged({**first, **changed}, gone)
        later = {k: v for k, v in later.items() if k not in dropped}
        touched = {k for k in {*first, *later} if first.get(k) != later.get(k)}
        told = _story_merged({**said, **resaid}, gone)
        retold = sorted({s for s in {*said, *told} if said.get(s) != told.get(s)})
        before = counts_held(conn, retold, touched)
        _remove(conn, touched)
        conn.execute(delete(entity_stories).where(entity_stories.c.story_id.in_(retold)))
        conn.execute(delete(entities).where(entities.c.id.in_(gone)))
        if moved:  # a body of a body becomes a body of the top
            conn.execute(update(entities).where(entities.c.id == "org:c").values(parent_id="org:a"))
        write_events(conn, {k: v for k, v in later.items() if k in touched})
        _write_stories(conn, {s: told[s] for s in retold})
        after = counts_held(conn, retold, touched)
        gone_rows = tuple(r for r in TREE if r[0] in gone)
        ids = {r[0] for r in TREE}
        update_entity_counts(conn, ids, Counted(before, after, moved, gone_rows))
        updated = _counts(conn)

        conn.execute(delete(entity_counts))
        derived._fill_entity_counts(conn)
        assert updated == _counts(conn)
