"""The events page counts its selection in SQL when no entity filters it, and from one read
of the events when entities do: both ways must give the same counts, facets, undated count,
newest events and page, on events with ties, year- and month-only dates and no dates."""

from __future__ import annotations

from itertools import count

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, delete, select

from pressgraph.store.db import Database
from pressgraph.store.derived import member_rank
from pressgraph.store.pages.common import Ref
from pressgraph.store.pages.event_selection import (
    BY_DATE,
    NEWEST,
    EventFilter,
    _counted_here,
    counted_in_sql,
)
from pressgraph.store.pages.events import event_list
from pressgraph.store.pages.listing import Sort
from pressgraph.store.schema import entities, event_members, events

ANN = Ref("person:ann", "Ann", "person")
ORG = Ref("org:top", "Top Organization", "organization")
STARTS = st.sampled_from(
    [None, "2019", "2019-06", "2019-06-01", "2019-06-30", "2020-01-15", "2020-01-15", "2021-12"]
)
EVENT = st.tuples(
    STARTS,
    st.sampled_from(["conference", "meeting", "exercise"]),
    st.sampled_from([None, "2019-06-02", "2020-02-01"]),  # end
    st.sets(st.sampled_from([ANN.id, ORG.id])),  # who took part
    st.sampled_from(["participant", "chair", "official"]),  # their part
)
FILTER = st.builds(
    EventFilter,
    date_from=st.sampled_from([None, "2019", "2019-06-15", "2020-01-15"]),
    date_to=st.sampled_from([None, "2019-12-31", "2020-01-15"]),
    entities=st.sampled_from([(ANN,), (ORG,), (ANN, ORG)]),
    kind=st.sampled_from([None, "meeting", "exercise"]),
    undated=st.booleans(),
)
_ids = count()


def _store(db: Database, drawn: list[tuple[str | None, str, str | None, set[str], str]]) -> None:
    with db.begin() as conn:
        conn.execute(delete(event_members))
        conn.execute(delete(events))
        conn.execute(delete(entities))
        for ref in (ANN, ORG):
            conn.execute(
                entities.insert().values(
                    id=ref.id, kind=ref.kind, name=ref.name, aliases="[]", stage="test"
                )
            )
        for start, kind, end, members, part in drawn:
            # ids not in date order, so the ties are broken by id, not by insertion
            event_id = f"event:{next(_ids) * 7919 % 1000:03d}-{next(_ids)}"
            conn.execute(
                events.insert().values(id=event_id, kind=kind, start=start, end=end, stage="test")
            )
            for entity_id in members:
                conn.execute(
                    event_members.insert().values(
                        entity_id=entity_id,
                        event_id=event_id,
                        part=part,
                        rank=member_rank(part),
                        start=start,
                    )
                )


def _ids_of(conn: Connection, query: object) -> list[str]:
    return [str(i) for i in conn.execute(query).scalars()]  # type: ignore[call-overload]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    drawn=st.lists(EVENT, max_size=14),
    where=FILTER,
    descending=st.booleans(),
    offset=st.integers(0, 4),
)
def test_counting_here_agrees_with_counting_in_sql(
    db: Database, drawn: list[tuple[str | None, str, str | None, set[str], str]],
    where: EventFilter, descending: bool, offset: int,
) -> None:  # fmt: skip
    _store(db, drawn)
    sort = NEWEST if descending else BY_DATE
    with db.read() as conn:
        here = _counted_here(conn, where, sort, offset, 3)
        there = counted_in_sql(conn, where)
        assert (here.total, here.kinds, here.years, here.left_out) == (
            there.total, there.kinds, there.years, there.left_out,
        )  # fmt: skip
        assert here.newest == _ids_of(conn, there.newest)
    found = event_list(
        db, date_from=where.date_from, date_to=where.date_to, kind=where.kind, page=1, size=1000,
        entities=where.entities, undated=where.undated, sort=Sort("kind"),
    )  # fmt: skip
    assert found.total == here.total
    # The page by date, counted here, is the slice of what SQL sorts by date.
    in_sql = select(events.c.id).where(events.c.id.in_(select(where.query().subquery().c.id)))
    first = events.c.start.desc() if descending else events.c.start.asc()
    ordered = in_sql.order_by(first.nulls_last(), events.c.start.nulls_last(), events.c.id)
    with db.read() as conn:
        assert here.page == _ids_of(conn, ordered.limit(3).offset(offset))


def test_an_entity_filter_reads_the_page_its_facets_and_the_undated_count(db: Database) -> None:
    _store(
        db,
        [
            ("2020-01-15", "meeting", None, {ANN.id}, "participant"),
            ("2019-06-01", "meeting", None, {ANN.id, ORG.id}, "chair"),
            (None, "meeting", None, {ANN.id}, "participant"),
            ("2021-12", "exercise", None, {ANN.id}, "participant"),
            ("2019", "meeting", None, {ANN.id}, "official"),  # an official's: not attended
            ("2018-01-01", "conference", None, {ORG.id}, "participant"),
        ],
    )
    found = event_list(db, date_from="2019", date_to=None, entity=ANN, kind="meeting", page=1)
    assert [e.start for e in found.events] == ["2019-06-01", "2020-01-15"]
    assert found.total == 2
    assert found.left_out == 1  # the undated meeting
    facets = {f.label: [(v.value, v.count) for v in f.values] for f in found.facets}
    assert facets["Kind"] == [("meeting", 2), ("exercise", 1)]
    assert facets["Year"] == [("2020", 1), ("2019", 1)]
    assert facets["Organization taking part"] == [(ORG.id, 1)]
