"""Incremental resolution gives the knowledge of a full one (issue 10).

The seed and fixture pages, and variants of the seed pages (the same events told again, a
fuller name, other years), are annotated once; each example stores their annotations in a
random order and random batch sizes into three databases:

- one resolved by `resolve_changes` after each batch (the flow: by blocking keys);
- one resolved by `rebuild` after each batch (the full recomputation);
- one with everything in one batch, resolved once.

The first two must hold the same knowledge after every batch, ids included: both follow
the stable-id rules of resolve/identity.py from the same state. Against the one-shot run
ids cannot be equal by design (an id is kept as documents arrive, so it depends on which
came first: "person:valery-semerikov" stays if that spelling came first), so there the
clusters are compared as sets of mentions and the events as sets of story events.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from pressgraph.flow.annotate import _annotated
from pressgraph.flow.ingest import ingest
from pressgraph.ingest.sources import expand
from pressgraph.records import Annotated
from pressgraph.resolve.events import EventCandidate, may_overlap, merge_keys, neighbour_keys
from pressgraph.resolve.update import rebuild, resolve_changes
from pressgraph.settings import Settings
from pressgraph.store import schema
from pressgraph.store.annotation_groups import store_group
from pressgraph.store.annotations import stories_to_annotate
from pressgraph.store.db import Database
from pressgraph.store.edge_parts import edge_sums
from tests import databases
from tests.conftest import EXAMPLES, PAGES

MODEL = Settings().model

# Every table resolution writes, with the columns that are knowledge (not row numbers or
# the time an alias was made).
TABLES: dict[str, tuple[str, ...]] = {
    "entities": ("id", "kind", "name", "acronym", "parent_id", "rank", "aliases", "gazetteer_id"),
    "block_spellings": ("block", "text", "parent_key", "mentions"),
    "entity_aliases": ("old_id", "entity_id", "reason"),
    "mentions": ("story_id", "removed_id", "idx", "entity_id", "cluster_id", "block"),
    "roles": ("story_id", "removed_id", "start", "person_id", "organization_id", "country_id"),
    "events": ("id", "kind", "name", "start", "end", "place_id", "format", "chair_id", "label"),
    "story_events": ("story_id", "idx", "event_id"),
    "statements": ("story_id", "idx", "speaker_id", "event_id"),
    "claims": ("story_id", "idx", "speaker_id", "subject_id", "authority_id"),
    "relations": ("story_id", "start", "kind", "source_id", "target_id"),
    "entity_stories": ("entity_id", "story_id", "mentions", "date"),
    "entity_counts": ("entity_id", "mentions", "stories", "events"),
    "event_members": ("entity_id", "event_id", "part", "rank", "start"),
    "posts": ("person_id", "title", "organization_id", "country_id", "first", "last", "seen"),
    "places": ("entity_id", "name", "country", "latitude", "longitude", "stories"),
    "place_countries": ("place_id", "country_id", "stories"),
}


def _variants(folder: Path) -> None:
    """Pages that make batches meet: the seed pages told again (their events merge with the
    seeds'), with a fuller name (the cluster grows, its id stays), in other years."""
    for seed in sorted(EXAMPLES.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        variants = {
            "again": text + "\n\nThe press service reported this again.\n",
            "fuller": text.replace("Valery Semerikov", "Valeriy Anatolyevich Semerikov"),
            "later": text.replace("2019", "2021").replace("2022", "2023"),
        }
        for name, varied in variants.items():
            (folder / f"{seed.stem}_{name}.txt").write_text(varied, encoding="utf-8")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[Annotated]]:
    """A database of the pages stored but not annotated (SQLite or PostgreSQL, as the suite
    runs), and every text's annotations."""
    root = tmp_path_factory.mktemp("incremental")
    (root / "variants").mkdir()
    _variants(root / "variants")
    template = databases.fresh_url(root, "template.db")
    db = Database(template)
    inputs = [str(EXAMPLES), str(PAGES), str(root / "variants")]
    ingest(db, expand(inputs), Settings(db_url=template))
    records = _annotated(stories_to_annotate(db), MODEL, 1, None)
    found = [a for a in records if isinstance(a, Annotated)]
    db.close()
    databases.keep(template)
    return template, found


def _copy(template: str, folder: Path, name: str) -> Database:
    return Database(databases.copy(template, folder / f"{name}.db"))


def knowledge(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every resolved table's rows (knowledge columns), sorted."""
    out = {}
    with db.read() as conn:
        for name, columns in TABLES.items():
            table = schema.metadata.tables[name]
            rows = conn.execute(select(*(table.c[c] for c in columns))).all()
            out[name] = sorted((tuple(r) for r in rows), key=repr)
        out["network_edges"] = edge_sums(conn)  # an edge's parts folded (store/edge_parts.py)
    return out


def clusters(db: Database) -> set[frozenset[tuple[Any, ...]]]:
    """Entities as sets of mentions, events as sets of story events: what ids name."""
    groups: dict[tuple[str, str], set[tuple[Any, ...]]] = {}
    with db.read() as conn:
        m = schema.mentions
        for story, removed, idx, entity in conn.execute(
            select(m.c.story_id, m.c.removed_id, m.c.idx, m.c.entity_id)
        ):
            if entity:
                groups.setdefault(("entity", entity), set()).add((story, removed, idx))
        e = schema.story_events
        for story, idx, event in conn.execute(select(e.c.story_id, e.c.idx, e.c.event_id)):
            groups.setdefault(("event", event), set()).add((story, idx))
    return {frozenset(g) for g in groups.values()}


def _batches(
    found: list[Annotated], order: list[int], cuts: list[int]
) -> Iterator[list[Annotated]]:
    ordered = [found[i] for i in order]
    edges = sorted({0, *(c % (len(ordered) + 1) for c in cuts), len(ordered)})
    for a, b in pairwise(edges):
        yield ordered[a:b]


def _store(db: Database, batch: list[Annotated]) -> None:
    for record in batch:  # a story a transaction, as the writer stores a slow worker's
        store_group(db, [record], MODEL)


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_batches_in_any_order_give_the_knowledge_of_a_full_resolution(
    corpus: tuple[str, list[Annotated]], data: st.DataObject
) -> None:
    template, found = corpus
    order = data.draw(st.permutations(range(len(found))), label="order")
    cuts = data.draw(st.lists(st.integers(0, len(found)), max_size=6), label="cuts")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        flow, full, once = (_copy(template, folder, n) for n in ("flow", "full", "once"))
        for batch in _batches(found, order, cuts):
            _store(flow, batch)
            resolve_changes(flow)
            _store(full, batch)
            rebuild(full)
            assert knowledge(flow) == knowledge(full)
        _store(once, found)
        rebuild(once)
        assert clusters(flow) == clusters(once)
        for db in (flow, full, once):
            db.close()


def test_the_flow_rebuilds_when_mentions_are_replaced(
    corpus: tuple[str, list[Annotated]], tmp_path: Path
) -> None:
    """Annotating a story again replaces its mentions: the next resolution is a full one,
    and gives what a rebuild gives."""
    template, found = corpus
    flow, full = _copy(template, tmp_path, "flow"), _copy(template, tmp_path, "full")
    for db in (flow, full):
        _store(db, found)
        resolve_changes(db)
        _store(db, found[:3])  # annotated again
    resolve_changes(flow)
    rebuild(full)
    assert knowledge(flow) == knowledge(full)
    with flow.read() as conn:
        assert conn.execute(select(schema.pending_stages)).first() is None


def test_merge_keys_are_the_days_or_months_and_the_name_an_event_is_compared_under() -> None:
    keys = merge_keys("exercise", 'the "Interaction-2023"', "2023-08-30", "2023-09-02")
    assert keys == {
        *(f"day|exercise|2023-08-{d}" for d in ("30", "31")),
        "day|exercise|2023-09-01",
        "day|exercise|2023-09-02",
        "dated|exercise|interaction-2023",
    }
    # a long event (a month, a season) by its months; a day meets them through its month
    assert merge_keys("meeting", None, "2023-08", None) == {"month|meeting|2023-08"}
    assert neighbour_keys({"day|meeting|2023-08-05"}) == {
        "day|meeting|2023-08-05",
        "month|meeting|2023-08",
    }
    assert len(neighbour_keys({"month|meeting|2024-02"})) == 1 + 29  # its days, leap year
    # Undated, a name that identifies an event meets the dated events of that name only.
    undated = merge_keys("exercise", '"Interaction-2023"', None, None)
    assert undated == {"undated|exercise|interaction-2023"}
    assert neighbour_keys(undated) == {"dated|exercise|interaction-2023"}
    assert "undated|exercise|interaction-2023" in neighbour_keys(keys)
    assert merge_keys("summit", "SCO summit", None, None) == set()  # a kind of event: alone


@st.composite
def _written_span(draw: st.DrawFn) -> tuple[str, str | None]:
    """An event's dates as a story writes them: a day or a month, and maybe a later end."""
    first = draw(st.dates(dt.date(2019, 12, 20), dt.date(2020, 1, 15)))
    last = first + dt.timedelta(days=draw(st.integers(0, 40)))
    cut = draw(st.sampled_from([10, 7]))  # a day, or its month only
    end = draw(st.none() | st.just(last.isoformat()[:cut]))
    return first.isoformat()[:cut], end


@given(_written_span(), _written_span(), st.booleans())
def test_two_events_whose_days_overlap_meet_by_their_keys(
    a_dates: tuple[str, str | None], b_dates: tuple[str, str | None], month_keyed: bool
) -> None:
    (a_start, a_end), (b_start, b_end) = a_dates, b_dates
    a, b = (
        EventCandidate(f"k{i}", f"s{i}", "meeting", None, start, end, None, frozenset())
        for i, (start, end) in enumerate((a_dates, b_dates))
    )
    assume(may_overlap(a, b))
    a_keys = merge_keys("meeting", None, a_start, a_end)
    b_keys = merge_keys("meeting", None, b_start, b_end)
    if month_keyed:  # keyed by its months, as every story event was before day keys
        a_keys = {f"month|meeting|{k[-10:-3]}" if k.startswith("day|") else k for k in a_keys}
    assert a_keys & neighbour_keys(b_keys) and b_keys & neighbour_keys(a_keys)
