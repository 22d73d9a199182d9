"""The network's typed edges updated from what a batch's stories changed
(store/relation_update.py) equal the edges summed again from every relation.

Random relations between a small tree of entities (a body folded into its parent, a body of
a body, people, a country that is no node of the network) are stored in a few stories and
summed; then a batch changes them as resolution does: new relations come (in new stories or
old ones), relations are linked to other entities, and an entity is merged away into
another (`gone`), which links every relation naming it again. The updated edges, evidence
and its order included, must be the ones a full sum gives.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, delete, insert, select, update

from pressgraph.store import derived
from pressgraph.store.db import Database
from pressgraph.store.relation_update import stated_in, update_relation_edges
from pressgraph.store.schema import documents, entities, network_edges, relations, stories
from tests import databases
from tests.store.test_edge_update import DATES, MERGED_INTO, TREE, _edges, write_tree

STORIES = [f"s{n}" for n in range(4)]
KINDS = ("cooperation", "agreement")
NAMES = [r[0] for r in TREE if r[0] != "place:y"]  # few names: relations share edges

# (story, source, target, kind, date)
Stated = tuple[str, str | None, str | None, str, str | None]
stated_st = st.tuples(
    st.sampled_from(STORIES),
    st.sampled_from([*NAMES, None]),
    st.sampled_from(NAMES),
    st.sampled_from(KINDS),
    st.sampled_from(DATES[:4]),
)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    database = Database(databases.fresh_url(tmp_path_factory.mktemp("relations")))
    text = dict.fromkeys(("raw", "text", "cleaned"), "")
    with database.begin() as conn:
        conn.execute(
            insert(documents).values(
                id="d1",
                url="file:///d1",
                source="test",
                version=1,
                content_hash="h1",
                format="text",
                segments="[]",
                image_count=0,
                story_count=len(STORIES),
                fetched_at="2020-01-01",
                stage="t",
                **text,
            )
        )
        for n, story in enumerate(STORIES):
            row = {"id": story, "document_id": "d1", "idx": n, "start": 0, "end": 0}
            conn.execute(insert(stories).values(main=n == 0, text="", stage="t", **row))
    yield database
    database.close()


def _write(conn: Connection, stated: list[Stated]) -> None:
    for n, (story, source, target, kind, date) in enumerate(stated):
        conn.execute(
            insert(relations).values(
                story_id=story,
                source_idx=n,
                target_idx=n + 1,
                kind=kind,
                date=date,
                start=n,
                end=n + 1,
                source_id=source,
                target_id=target,
                stage="t",
            )
        )


def _story_ids(conn: Connection, ids: list[int]) -> set[str]:
    query = select(relations.c.story_id).where(relations.c.id.in_(ids))
    return {str(s) for s in conn.execute(query).scalars()}


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@example(  # a story's later relation is dated earlier: the story ranks by it
    first=[],
    added=[
        ("s0", "org:c", "person:p", "cooperation", "2019"),
        ("s0", "org:c", "person:p", "cooperation", None),
        ("s1", "org:c", "person:p", "cooperation", None),
    ],
    relinked={},
    gone=set(),
)
@given(
    first=st.lists(stated_st, max_size=12),
    added=st.lists(stated_st, min_size=1, max_size=6),
    relinked=st.dictionaries(st.integers(0, 9), st.sampled_from(NAMES), max_size=3),
    gone=st.sets(st.sampled_from(sorted(MERGED_INTO))),
)
def test_updated_typed_edges_equal_the_edges_summed_again(
    db: Database,
    first: list[Stated],
    added: list[Stated],
    relinked: dict[int, str],
    gone: set[str],
) -> None:
    r = relations.c
    with db.begin() as conn:
        for table in (network_edges, relations, entities):
            conn.execute(delete(table))
        write_tree(conn)
        _write(conn, first)
        derived.fill_network_edges(conn, None)

        ids = list(conn.execute(select(r.id).order_by(r.id)).scalars())
        moved = [ids[n] for n in relinked if n < len(ids)]
        named = select(r.id).where(r.source_id.in_(gone) | r.target_id.in_(gone))
        touched = _story_ids(conn, [*moved, *conn.execute(named).scalars()])
        touched |= {s for s, *_ in added}
        before = stated_in(conn, touched)
        _write(conn, added)  # new relations, linked in the batch
        for n, entity in relinked.items():
            if n < len(ids):
                conn.execute(update(relations).where(r.id == ids[n]).values(source_id=entity))
        for old in gone:  # merged away: every relation naming it names the other now
            for column in ("source_id", "target_id"):
                query = update(relations).where(r[column] == old)
                conn.execute(query.values({column: MERGED_INTO[old]}))
        conn.execute(delete(entities).where(entities.c.id.in_(gone)))
        gone_rows = tuple(row for row in TREE if row[0] in gone)
        update_relation_edges(conn, before, stated_in(conn, touched), list(gone_rows))
        updated = _edges(conn)

        conn.execute(delete(network_edges))
        derived.fill_network_edges(conn, None)
        assert updated == _edges(conn)
