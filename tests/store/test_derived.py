"""The derived tables (store/derived.py): what resolution sums from the facts for the pages,
checked against the facts themselves on the annotated seed pages."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import ColumnElement, and_, func, select, text, true

from pressgraph.store import derived, schema
from pressgraph.store.db import Database
from pressgraph.store.edge_parts import edge_sums
from pressgraph.store.pages.common import events_in
from pressgraph.store.pages.network import network_page
from pressgraph.store.schema import (
    entity_counts,
    entity_stories,
    event_members,
    events,
    mentions,
    network_edges,
    posts,
    relations,
    roles,
)
from tests.conftest import SEED_000, SEED_004, Cli, Seeded
from tests.store.conftest import described_by_schema

CONFERENCE = "event:2019-10-30-conference-international-conference-on-the-role-and-charact"
_DERIVED = ("entity_stories", "entity_counts", "event_members", "posts", "network_edges")


def _snapshot(db: Database) -> dict[str, list[tuple[object, ...]]]:
    """Every derived row (without surrogate ids), sorted, an edge's parts folded
    (store/edge_parts.py): what a rebuild must reproduce."""
    with db.read() as conn:
        found = {
            table.name: sorted(
                (tuple(r[c.name] for c in table.c if c.name != "id") for r in rows),
                key=repr,
            )
            for table in (entity_stories, entity_counts, event_members, posts)
            for rows in [conn.execute(select(table)).mappings().all()]
        }
        found["network_edges"] = edge_sums(conn)
        return found


def test_entity_counts_and_stories_agree_with_the_mentions(seed_db: Database) -> None:
    with seed_db.read() as conn:
        said = {
            str(r[0]): int(r[1])
            for r in conn.execute(
                select(mentions.c.entity_id, func.count())
                .where(mentions.c.entity_id.is_not(None))
                .group_by(mentions.c.entity_id)
            )
        }
        stories_of = Counter(
            entity
            for entity, _ in conn.execute(
                select(mentions.c.entity_id, mentions.c.story_id)
                .where(mentions.c.entity_id.is_not(None), mentions.c.story_id.is_not(None))
                .distinct()
            )
        )
        counted = {r.entity_id: r for r in conn.execute(select(entity_counts))}
        pairs = conn.execute(select(entity_stories.c.entity_id, entity_stories.c.mentions)).all()
        entity_ids = set(conn.execute(select(schema.entities.c.id)).scalars())
    assert set(counted) == entity_ids  # every entity has its row, mentioned or not
    assert {e: r.mentions for e, r in counted.items() if r.mentions} == said
    assert {e: r.stories for e, r in counted.items() if r.stories} == dict(stories_of)
    # each (entity, story) row counts that story's mentions; the rest are in press signatures
    assert sum(n for _, n in pairs) == sum(said.values()) - _in_removed_furniture(seed_db)
    assert counted["org:csto"].mentions > counted["org:un"].mentions > 0


def _in_removed_furniture(db: Database) -> int:
    with db.read() as conn:
        query = select(func.count()).where(
            mentions.c.removed_id.is_not(None), mentions.c.entity_id.is_not(None)
        )
        return int(conn.execute(query).scalar_one())


def test_event_members_keep_each_entitys_strongest_part(seed_db: Database, seeded: Seeded) -> None:
    with seed_db.read() as conn:
        rows = conn.execute(
            select(event_members.c.entity_id, event_members.c.part, event_members.c.rank).where(
                event_members.c.event_id == seeded.conference_2019
            )
        ).all()
        start = conn.execute(
            select(events.c.start).where(events.c.id == seeded.conference_2019)
        ).scalar()
    part = {entity: p for entity, p, _ in rows}
    assert len(part) == len(rows)  # one row per entity
    assert all(schema.MEMBER_ORDER[rank] == p for _, p, rank in rows)
    speakers = {e for e, p in part.items() if p == "speaker" and e.startswith("person:")}
    assert len(speakers) == 11 and "person:valery-semerikov" in speakers
    assert part["place:moscow"] == "place"
    assert part["org:csto-secretariat"] == "organizer"
    # Anatoly Sidorov speaks as Head of the CSTO Joint Staff: the Joint Staff is there through him
    assert part["org:csto-joint-staff"] == "official"
    assert start == "2019-10-30"


def test_counted_events_include_the_bodies_and_leave_out_officials(seed_db: Database) -> None:
    with seed_db.read() as conn:
        counted = {
            str(r[0]): int(r[1])
            for r in conn.execute(select(entity_counts.c.entity_id, entity_counts.c.events))
        }
        attended = conn.execute(
            select(event_members.c.entity_id, event_members.c.event_id).where(derived.attended())
        ).all()
        bodies = set(
            conn.execute(
                select(schema.entities.c.id).where(schema.entities.c.parent_id == "org:csto")
            ).scalars()
        )
    own = {e for entity, e in attended if entity == "org:csto"}
    family = {e for entity, e in attended if entity in {"org:csto", *bodies}}
    assert "org:csto-secretariat" in bodies
    assert counted["org:csto"] == len(family) > len(own)
    # the Joint Staff only ever appears through its Head: no event of its own
    assert counted["org:csto-joint-staff"] == 0
    assert not any(entity == "org:csto-joint-staff" for entity, _ in attended)


def test_posts_sum_the_phrases_that_name_them(seed_db: Database) -> None:
    with seed_db.read() as conn:
        held = conn.execute(select(posts).where(posts.c.person_id == "person:anatoly-sidorov"))
        (post,) = held.mappings().all()
        said = conn.execute(
            select(roles.c.id, roles.c.date)
            .where(roles.c.person_id == "person:anatoly-sidorov")
            .order_by(roles.c.date)
        ).all()
        total = conn.execute(select(func.sum(posts.c.seen))).scalar()
        phrases = conn.execute(select(func.count()).select_from(roles)).scalar()
    assert (post["title"], post["organization_id"]) == ("Head", "org:csto-joint-staff")
    assert (post["first"], post["last"], post["seen"]) == ("2019-10-30", "2022-05-24", 2)
    assert post["evidence"].split() == [str(row_id) for row_id, _ in said]  # oldest first
    assert total == phrases  # every phrase counts in exactly one post


def test_stored_edges_are_the_co_participation_and_relations_of_each_month(
    seed_db: Database,
) -> None:
    with seed_db.read() as conn:
        edges = {
            (r["bodies"], r["source"], r["target"], r["kind"], r["month"]): r
            for r in conn.execute(select(network_edges)).mappings()
        }
    folded = edges[(False, "org:csto", "org:un", derived.CO_PARTICIPATION, "2019-10")]
    assert (folded["count"], folded["first"], folded["last"]) == (1, "2019-10-30", "2019-10-30")
    assert folded["evidence"].split() == [CONFERENCE]
    # bodies kept apart: the Secretariat meets the UN in 2019 and 2021, the CSTO only through it
    kept = {k[1:] for k in edges if k[0]}
    assert ("org:csto-secretariat", "org:un", derived.CO_PARTICIPATION, "2021-06") in kept
    # folded, a body is its organization: no node of its own
    folded_nodes = {n for bodies, a, b, *_ in edges if not bodies for n in (a, b)}
    assert "org:csto" in folded_nodes and "org:csto-secretariat" not in folded_nodes
    # the appeal is dated "2019-05": not a day, so not summed into a month (see derived.month)
    appeal = edges[(False, "org:csto", "org:nato", "appeal", None)]
    assert (appeal["first"], appeal["last"]) == ("2019-05", "2019-05")


def _reference(
    db: Database, date_from: str | None, date_to: str | None, people: bool, bodies: bool
) -> dict[tuple[str, str, str], tuple[int, str | None, str | None]]:
    """The network computed straight from every event and relation in the range."""
    with db.read() as conn:
        tree = derived.entity_tree(conn)
        node = derived.node_folder(tree, bodies)
        kinds = {eid: kind for eid, kind, _ in tree}
        in_range = events_in(select(events.c.id), date_from, date_to)
        stated: list[ColumnElement[bool]] = [true()]
        if date_from or date_to:
            stated.append(relations.c.date.is_not(None))
        if date_from:
            stated.append(relations.c.date >= date_from)
        if date_to:
            stated.append(relations.c.date <= date_to)
        found = derived.links(
            derived.event_members_of(conn, events.c.id.in_(in_range)),
            derived.relations_of(conn, and_(*stated)),
            node,
        )
    shown = ("organization", "person") if people else ("organization",)
    summed: dict[tuple[str, str, str], derived.Link] = {}
    for (a, b, kind, _), link in found.items():
        if kinds[a] in shown and kinds[b] in shown:
            summed.setdefault((a, b, kind), derived.Link()).add(link.count, link.dates, ())
    return {
        k: (v.count, min(v.dates, default=None), max(v.dates, default=None))
        for k, v in summed.items()
    }


# Days anywhere, and days at the edges of the seeds' events (2019-10-30, 2021-06-28 and
# 2022-05-24) and relations (2019-05, 2019-10-30) and of their months.
_EDGES = [
    f"{month}-{day}"
    for month in ("2019-05", "2019-10", "2021-06", "2022-05")
    for day in ("01", "23", "24", "25", "27", "28", "29", "30", "31")
    if not (month == "2021-06" and day == "31")
]
_DAYS = st.sampled_from(_EDGES) | st.dates(dt.date(2019, 4, 1), dt.date(2022, 7, 31)).map(
    dt.date.isoformat
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    date_from=st.none() | _DAYS,
    date_to=st.none() | _DAYS,
    people=st.booleans(),
    bodies=st.booleans(),
)
def test_any_date_range_gives_the_network_its_events_and_relations_make(
    seed_db: Database, date_from: str | None, date_to: str | None, people: bool, bodies: bool
) -> None:
    """Whole months come from the stored sums, the partial ones from the facts: together
    they are exactly the network of the range (here ranges that cut October 2019 in two)."""
    page = network_page(seed_db, date_from=date_from, date_to=date_to, people=people, bodies=bodies)
    got = {(e.source, e.target, e.kind): (e.count, e.first, e.last) for e in page.edges}
    assert got == _reference(seed_db, date_from, date_to, people, bodies)


@pytest.mark.parametrize(
    ("date_from", "date_to", "first", "last"),
    [
        ("2019-10-01", "2019-10-31", "2019-10", "2019-10"),
        ("2019-10-02", "2019-10-30", "2019-11", "2019-09"),  # no whole month
        ("2020-02-01", "2020-02-29", "2020-02", "2020-02"),  # a leap February
        ("2019-12-31", "2020-01-31", "2020-01", "2020-01"),
        ("not a date", "2020", "9999-99", "0000-00"),  # nothing whole: all from the facts
    ],
)
def test_whole_months_are_those_inside_the_range(
    date_from: str, date_to: str, first: str, last: str
) -> None:
    assert derived._first_full_month(date_from) == first
    assert derived._last_full_month(date_to) == last


def test_links_fold_bodies_and_keep_the_first_evidence() -> None:
    parents = {"org:a-body": "org:a"}

    def node(entity: str | None) -> str | None:
        return parents.get(entity or "", entity) if entity and entity.startswith("org:") else None

    members = [
        (f"event:{n}", f"2020-0{1 + n // 4}-1{n % 4}", ["org:a-body", "org:b", "place:x"])
        for n in range(8)
    ]
    stated = [("org:a-body", "org:a", "cooperation", "2020-03-01", "s1")]  # itself: no edge
    found = derived.links(members, stated, node)
    assert set(found) == {
        ("org:a", "org:b", derived.CO_PARTICIPATION, "2020-01"),
        ("org:a", "org:b", derived.CO_PARTICIPATION, "2020-02"),
    }
    january = found[("org:a", "org:b", derived.CO_PARTICIPATION, "2020-01")]
    assert january.count == 4 and january.evidence == [f"event:{n}" for n in range(4)]
    assert (min(january.dates), max(january.dates)) == ("2020-01-10", "2020-01-13")


def test_a_rebuild_reproduces_every_row(db_url: str, cli: Cli) -> None:
    cli("ingest", str(SEED_000), str(SEED_004))
    db = Database(db_url)
    before = _snapshot(db)
    assert all(before[name] for name in _DERIVED)
    with db.begin() as conn:
        summary = derived.refresh(conn)
    assert _snapshot(db) == before
    assert summary.event_members == len(before["event_members"])
    assert summary.network_edges == len(before["network_edges"])


def test_an_older_database_gets_the_derived_tables_filled(db_url: str, cli: Cli) -> None:
    """A database annotated before migration 6 is summed when it is next opened."""
    cli("ingest", str(SEED_000), str(SEED_004))
    db = Database(db_url)
    expected = _snapshot(db)
    with db.begin() as conn:  # turn the database back into what migration 5 left
        for name in _DERIVED:
            conn.execute(text(f"DROP TABLE {name}"))
        for index in (
            "ix_claims_speaker",
            "ix_claims_subject",
            "ix_claims_authority",
            "ix_relations_source",
            "ix_relations_target",
            "ix_mentions_story",
        ):
            conn.execute(text(f"DROP INDEX {index}"))
        conn.execute(text("CREATE INDEX ix_mentions_story ON mentions (story_id)"))
        conn.execute(text("DELETE FROM schema_migrations WHERE id = 6"))
    db.close()
    upgraded = Database(db_url)
    assert upgraded.applied == ["derived"]
    with upgraded.read() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": described_by_schema})
        assert compare_metadata(context, schema.metadata) == []
    assert _snapshot(upgraded) == expected
