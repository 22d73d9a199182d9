"""The stored rows of a batch's edges (store/edge_rows.py): an edge that only grows at its
end is counted up in place, every other one is read. That the edges then equal a full sum
is tested with random batches in tests/store/test_edge_update.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from pressgraph.store import derived
from pressgraph.store.db import Database
from pressgraph.store.edge_rows import Key, read_or_count
from pressgraph.store.schema import CO_PARTICIPATION
from tests import databases
from tests.store.test_edge_update import PAIR, _edges, _write, write_tree

MAY: Key = ("org:a", "person:p", CO_PARTICIPATION, "2019-05")


def _stored(tmp_path: Path, count: int, day: str | None) -> Database:
    """A database whose org:a and person:p met `count` times on `day`."""
    db = Database(databases.fresh_url(tmp_path))
    with db.begin() as conn:
        write_tree(conn)
        _write(conn, {f"event:{n}": (day, PAIR) for n in range(count)})
        derived.fill_network_edges(conn, None)
    return db


def _folded(db: Database, key: Key) -> tuple[object, ...]:
    with db.read() as conn:
        rows = [
            r for r in _edges(conn) if r[0] is False and (*r[1:3], CO_PARTICIPATION, r[4]) == key
        ]
    assert len(rows) == 1
    return tuple(rows[0][5:])


def test_a_full_edge_counts_later_events_in_place(tmp_path: Path) -> None:
    db = _stored(tmp_path, 5, "2019-05-03")
    with db.begin() as conn:
        got = {"event:8": "2019-05-20", "event:9": "2019-05-11"}
        stored, counted = read_or_count(conn, False, set(), {MAY: got})
    assert (stored, counted) == ({}, {MAY})
    evidence = "\n".join(f"event:{n}" for n in range(5))
    assert _folded(db, MAY) == (7, "2019-05-03", "2019-05-20", evidence)
    db.close()


@pytest.mark.parametrize(
    ("count", "day", "key", "joining"),
    [
        (4, "2019-05-03", MAY, "2019-05-20"),  # the evidence has room: the new event is in it
        (5, "2019-05-03", MAY, "2019-05-03"),  # the same day: ranked by id among the evidence
        (5, "2019-05-20", MAY, "2019-05-03"),  # earlier than the evidence
        (5, "2019-05", (*MAY[:3], None), "2019-05"),  # undated edges are read
    ],
)
def test_every_other_edge_is_read(
    tmp_path: Path, count: int, day: str, key: Key, joining: str
) -> None:
    db = _stored(tmp_path, count, day)
    before = _folded(db, key)
    with db.begin() as conn:
        stored, counted = read_or_count(conn, False, set(), {key: {"event:9": joining}})
    assert counted == set()
    assert stored[key][1].count == count
    assert _folded(db, key) == before  # left for the caller to sum
    db.close()


def test_an_edge_summed_again_is_read_even_with_later_events(tmp_path: Path) -> None:
    db = _stored(tmp_path, 5, "2019-05-03")
    with db.begin() as conn:
        stored, counted = read_or_count(conn, False, {MAY}, {})
    assert counted == set()
    assert set(stored) == {MAY}
    db.close()
