"""An edge stored in parts (store/edge_parts.py): a batch that only adds events to stored
edges adds rows of its own, and every reader sees the edge as one sum."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Connection, delete, select

from pressgraph.store import derived, edge_parts
from pressgraph.store.db import Database
from pressgraph.store.edge_parts import edge_sums
from pressgraph.store.edge_update import members_of, update_co_participation
from pressgraph.store.pages.network import NetworkPage, network_page
from pressgraph.store.schema import edge_months, network_edges
from tests import databases
from tests.store.test_edge_update import PAIR, write_events, write_tree

STORED = {f"event:{n}": ("2019-05-20", PAIR) for n in range(1, 6)}


def _rows(conn: Connection) -> list[tuple[object, ...]]:
    e = network_edges.c
    query = select(e.id, e.month, e.count, e.first, e.last, e.evidence).where(
        e.bodies.is_(False), e.source == "org:a", e.target == "person:p"
    )
    return sorted(tuple(r) for r in conn.execute(query))


def _add(conn: Connection, added: dict[str, tuple[str | None, frozenset[tuple[str, str]]]]) -> None:
    """A batch of new events: stored, and the edges brought up to date."""
    before = members_of(conn, added)
    write_events(conn, added)
    update_co_participation(conn, before, members_of(conn, added), [])


def test_a_batch_that_only_adds_events_leaves_the_stored_row_and_adds_a_part(
    tmp_path: Path,
) -> None:
    db = Database(databases.fresh_url(tmp_path))
    with db.begin() as conn:
        write_tree(conn)
        write_events(conn, STORED)
        derived.fill_network_edges(conn, None)
        (stored,) = _rows(conn)
        _add(conn, {"event:6": ("2019-05-21", PAIR), "event:0": ("2019-05-03", PAIR)})
        rows = _rows(conn)
        summed = [r for r in edge_sums(conn) if r[:3] == (False, "org:a", "person:p")]
    db.close()
    assert rows[0] == stored  # read by no one, written by no one
    assert [r[1:5] for r in rows[1:]] == [("2019-05", 2, "2019-05-03", "2019-05-21")]
    # the sum: the new early event comes first in the evidence, the later one not at all
    evidence = ["event:0", "event:1", "event:2", "event:3", "event:4"]
    key = (False, "org:a", "person:p", "co-participation", "2019-05")
    assert summed == [(*key, 7, "2019-05-03", "2019-05-21", "\n".join(evidence))]


def test_the_network_page_shows_an_edge_in_parts_as_its_full_sum(tmp_path: Path) -> None:
    db = Database(databases.fresh_url(tmp_path))
    with db.begin() as conn:
        write_tree(conn)
        write_events(conn, STORED)
        derived.fill_network_edges(conn, None)
        _add(conn, {"event:0": ("2019-05-03", PAIR)})
        _add(conn, {"event:7": ("2019-06-01", PAIR)})
    ranges = [(None, None), ("2019-05-01", "2019-06-30"), ("2019-05-01", "2019-05-31")]
    in_parts = [
        network_page(db, date_from=a, date_to=b, people=True, bodies=False) for a, b in ranges
    ]
    with db.begin() as conn:
        conn.execute(delete(network_edges))
        derived.fill_network_edges(conn, None)
    summed = [
        network_page(db, date_from=a, date_to=b, people=True, bodies=False) for a, b in ranges
    ]
    db.close()
    assert in_parts == summed
    (edge,) = in_parts[2].edges
    assert (edge.count, edge.first, edge.last) == (6, "2019-05-03", "2019-05-20")
    assert edge.events[0] == "event:0"


def _page(db: Database, dates: tuple[str | None, str | None]) -> NetworkPage:
    return network_page(db, date_from=dates[0], date_to=dates[1], people=True, bodies=False)


def test_a_month_is_folded_once_batches_have_added_as_many_rows_as_it_had(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(edge_parts, "FOLD_AT", 2)
    trio = PAIR | {("person:q", "participant")}  # three edges in the month
    db = Database(databases.fresh_url(tmp_path))
    with db.begin() as conn:
        write_tree(conn)
        write_events(conn, {"event:1": ("2019-05-20", trio)})
        derived.fill_network_edges(conn, None)
        seen = []
        for n in range(2, 7):  # each batch adds one row: to org:a and person:p's edge
            _add(conn, {f"event:{n}": (f"2019-05-2{n}", PAIR)})
            m = edge_months.c
            held = select(m.added, m.kept).where(m.bodies.is_(False), m.month == "2019-05")
            seen.append((len(_month(conn)), tuple(conn.execute(held).one())))
        summed = [r for r in edge_sums(conn) if r[:3] == (False, "org:a", "person:p")]
    db.close()
    # folded once FOLD_AT rows were added; then only once as many rows as it had (three)
    assert seen == [(4, (1, 0)), (3, (0, 3)), (4, (1, 3)), (5, (2, 3)), (3, (0, 3))]
    assert [r[5:8] for r in summed] == [(6, "2019-05-20", "2019-05-26")]


def _month(conn: Connection) -> list[tuple[object, ...]]:
    e = network_edges.c
    query = select(e.id).where(e.bodies.is_(False), e.month == "2019-05")
    return list(conn.execute(query))
