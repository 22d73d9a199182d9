"""The network's co-participation edges updated from what a batch's events changed
(store/edge_update.py) equal the edges summed again from every event.

Random events of a small tree of entities (a body folded into its parent, a country and a
place that are no nodes of the network) are stored and summed; then random changes are made:
members join and leave, dates move within and across months and to no date, events go and
come, and an entity is merged away into another (`gone`). The updated edges, evidence
included, must be the ones a full sum gives.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, delete, insert

from pressgraph.store import derived, edge_parts
from pressgraph.store.db import Database
from pressgraph.store.edge_parts import edge_sums
from pressgraph.store.edge_update import Key, key_order, members_of, update_co_participation
from pressgraph.store.schema import (
    MEMBER_ORDER,
    edge_months,
    entities,
    event_members,
    events,
    network_edges,
)
from tests import databases

# (id, kind, parent): org:b is a body of org:a, org:c a body of org:b; org:d (a body of
# org:a) and person:e may be merged away into org:b and person:p.
TREE = (
    ("org:a", "organization", None),
    ("org:b", "organization", "org:a"),
    ("org:c", "organization", "org:b"),
    ("org:d", "organization", "org:a"),
    ("person:p", "person", None),
    ("person:q", "person", None),
    ("person:e", "person", None),
    ("country:x", "country", None),
    ("place:y", "place", None),
)
MERGED_INTO = {"org:d": "org:b", "person:e": "person:p"}
DATES = (None, "2019", "2019-05", "2019-05-03", "2019-05-20", "2019-06-01", "2020-01-09")
PARTS = ("participant", "organizer", "place")

Event = tuple[str | None, frozenset[tuple[str, str]]]  # start, (member, part)

members_st = st.frozensets(
    st.tuples(st.sampled_from([r[0] for r in TREE]), st.sampled_from(PARTS)), max_size=6
)
event_st = st.tuples(st.sampled_from(DATES), members_st)
PAIR = frozenset({("org:a", "participant"), ("person:p", "participant")})
events_st = st.dictionaries(st.sampled_from([f"event:{n}" for n in range(9)]), event_st)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    database = Database(databases.fresh_url(tmp_path_factory.mktemp("edges")))
    yield database
    database.close()


def write_tree(conn: Connection) -> None:
    """The entities of TREE."""
    for eid, kind, parent in TREE:
        row = {"id": eid, "kind": kind, "name": eid, "parent_id": parent}
        conn.execute(insert(entities).values(aliases="[]", stage="t", **row))


def write_events(conn: Connection, stored: dict[str, Event]) -> None:
    for event_id, (start, who) in stored.items():
        conn.execute(insert(events).values(id=event_id, kind="meeting", start=start, stage="t"))
        best: dict[str, str] = {}
        for member, part in sorted(who):
            if MEMBER_ORDER.index(part) < MEMBER_ORDER.index(best.get(member, "official")):
                best[member] = part
        for member, part in best.items():
            row = {"entity_id": member, "event_id": event_id, "part": part, "start": start}
            conn.execute(insert(event_members).values(rank=MEMBER_ORDER.index(part), **row))


def _remove(conn: Connection, event_ids: set[str]) -> None:
    conn.execute(delete(event_members).where(event_members.c.event_id.in_(event_ids)))
    conn.execute(delete(events).where(events.c.id.in_(event_ids)))


def _edges(conn: Connection) -> list[tuple[object, ...]]:
    """Every edge as one row: its parts folded (store/edge_parts.py)."""
    return edge_sums(conn)


def _merged(stored: dict[str, Event], gone: set[str]) -> dict[str, Event]:
    return {
        event_id: (start, frozenset((MERGED_INTO.get(m, m), p) for m, p in who))
        if any(m in gone for m, _ in who)
        else (start, who)
        for event_id, (start, who) in stored.items()
    }


# Two batches add parts to an edge of five events: the second part's event comes first by
# date, so the edge's evidence is ranked across its parts.
ACROSS_PARTS: dict[str, Any] = {
    "first": {f"event:{n}": ("2019-05-20", PAIR) for n in range(1, 6)},
    "changed": {"event:6": ("2019-05-21", PAIR)},
    "dropped": set(),
    "gone": set(),
    "unchanged": set(),
    "then": {"event:0": ("2019-05-03", PAIR)},
}


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@example(  # an edge keeps five events; one joins before the last of them, then one after
    first={f"event:{n}": ("2019-05-20", PAIR) for n in range(1, 6)},
    changed={"event:0": ("2019-05-03", PAIR), "event:8": ("2019-05-20", PAIR)},
    dropped=set(),
    gone=set(),
    unchanged=set(),
    then={},
    fold_at=edge_parts.FOLD_AT,
)
@example(**ACROSS_PARTS, fold_at=edge_parts.FOLD_AT)
@example(**ACROSS_PARTS, fold_at=1)  # the same, each month folded as soon as a batch adds to it
@example(  # an event joins an edge as a part, then another leaves it: it is one row again
    first={"event:1": ("2019-05-03", PAIR), "event:2": ("2019-05-20", PAIR)},
    changed={"event:3": ("2019-05-20", PAIR)},
    dropped=set(),
    gone=set(),
    unchanged=set(),
    then={"event:1": ("2019-06-01", PAIR)},
    fold_at=edge_parts.FOLD_AT,
)
@example(  # an edge keeps five events; later ones join it (its evidence stays)
    first={f"event:{n}": ("2019-05-03", PAIR) for n in range(1, 6)},
    changed={"event:6": ("2019-05-20", PAIR), "event:7": ("2019-06-01", PAIR)},
    dropped=set(),
    gone=set(),
    unchanged=set(),
    then={},
    fold_at=edge_parts.FOLD_AT,
)
@example(  # person:e is merged away: its edge goes, event:1 joins person:p's edge, on which
    # event:2 stays unchanged (merged again by the batch) and event:3 was not in the batch
    first={
        "event:1": ("2019-05-03", frozenset({("person:e", "participant"), ("org:a", "organizer")})),
        "event:2": ("2019-05-20", PAIR),
        "event:3": ("2019-05-21", PAIR),
    },
    changed={},
    dropped=set(),
    gone={"person:e"},
    unchanged={"event:2"},
    then={},
    fold_at=edge_parts.FOLD_AT,
)
@given(
    first=events_st,
    changed=events_st,
    dropped=st.sets(st.sampled_from([f"event:{n}" for n in range(9)])),
    gone=st.sets(st.sampled_from(sorted(MERGED_INTO))),
    unchanged=st.sets(st.sampled_from([f"event:{n}" for n in range(9)])),
    then=events_st,
    fold_at=st.sampled_from([1, 3, edge_parts.FOLD_AT]),
)
def test_updated_edges_equal_the_edges_summed_again(
    db: Database,
    first: dict[str, Event],
    changed: dict[str, Event],
    dropped: set[str],
    gone: set[str],
    unchanged: set[str],
    then: dict[str, Event],
    fold_at: int,
) -> None:
    # months folded as they grow (FOLD_AT rows), or not
    with mock.patch.object(edge_parts, "FOLD_AT", fold_at), db.begin() as conn:
        for table in (network_edges, edge_months, event_members, events, entities):
            conn.execute(delete(table))
        write_tree(conn)
        write_events(conn, first)
        derived.fill_network_edges(conn, None)

        later = _merged({**first, **changed}, gone)
        later = {k: v for k, v in later.items() if k not in dropped}
        gone_rows = tuple(r for r in TREE if r[0] in gone)
        conn.execute(delete(entities).where(entities.c.id.in_(gone)))
        _batch(conn, first, later, unchanged, gone_rows)
        assert _edges(conn) == _full_sum(conn)
        # a second batch, on edges the first may have left in parts
        last = {**later, **_merged(then, gone)}
        _batch(conn, later, last, set(), ())
        assert _edges(conn) == _full_sum(conn)


def _batch(
    conn: Connection,
    stored: dict[str, Event],
    later: dict[str, Event],
    unchanged: set[str],
    gone_rows: tuple[tuple[str, str, str | None], ...],
) -> None:
    """Store the events as `later` has them, and update the edges from what changed; the
    events in `unchanged` are merged again unchanged."""
    touched = {k for k in {*stored, *later} if stored.get(k) != later.get(k)}
    touched |= unchanged & set(stored) & set(later)
    before = members_of(conn, touched)
    _remove(conn, touched)
    write_events(conn, {k: v for k, v in later.items() if k in touched})
    update_co_participation(conn, before, members_of(conn, touched), list(gone_rows))


def _full_sum(conn: Connection) -> list[tuple[object, ...]]:
    """The edges summed again from every event; the stored rows are left as they were."""
    savepoint = conn.begin_nested()
    conn.execute(delete(network_edges))
    derived.fill_network_edges(conn, None)
    found = _edges(conn)
    savepoint.rollback()
    return found


def test_an_event_that_loses_its_date_moves_its_edge_to_the_undated_row(tmp_path: Path) -> None:
    db = Database(databases.fresh_url(tmp_path))
    with db.begin() as conn:
        write_tree(conn)
        who = frozenset({("person:p", "participant"), ("org:c", "organizer")})
        write_events(conn, {"event:1": ("2019-05-03", who), "event:2": ("2019-05-20", who)})
        derived.fill_network_edges(conn, None)
        before = members_of(conn, {"event:1"})
        _remove(conn, {"event:1"})
        write_events(conn, {"event:1": (None, who)})
        update_co_participation(conn, before, members_of(conn, {"event:1"}), [])
        folded = [r for r in _edges(conn) if r[0] is False]
    db.close()
    by_month = {r[4]: r[5:] for r in folded if r[1:3] == ("org:a", "person:p")}
    assert by_month == {
        None: (1, None, None, "event:1"),
        "2019-05": (1, "2019-05-20", "2019-05-20", "event:2"),
    }


_ID = st.text(st.characters(min_codepoint=1), max_size=12)  # ids hold no NUL


@given(st.lists(st.tuples(_ID, _ID, _ID, st.none() | _ID), min_size=2, max_size=30))
def test_new_edges_are_in_the_order_of_the_edge_index(keys: list[Key]) -> None:
    by_parts = sorted(keys, key=lambda k: (k[3] or "", k[0], k[1], k[2]))  # month, pair, kind
    assert sorted(keys, key=key_order) == by_parts
