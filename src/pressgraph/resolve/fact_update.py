"""Resolve the facts a batch touches (issue 10), with the result of `resolve_facts`.

Story events meet only those sharing a merge key (`events.merge_keys`: a kind and a day, or
a month for a long event, or a kind and a name), and groups join only along pairs that may
merge (`may_merge`), so the story events linked to the batch's by a chain of such pairs,
with the other members of the events they were in, merge alone as they merge among all.
Events sharing a label are numbered together, so the stored events with a label the batch's
events have join too.
Facts of the touched stories take their entities again, and the derived tables are summed
again for the stories, events and entities touched (store/derived_update.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from sqlalchemy import Connection

from pressgraph.resolve.events import (
    EventCandidate,
    may_merge,
    may_overlap,
    merge_keys,
    neighbour_keys,
)
from pressgraph.resolve.facts import candidate, event_rows, merged_events
from pressgraph.store.blocks import facts_done
from pressgraph.store.db import Database
from pressgraph.store.derived_update import Scope, update_derived
from pressgraph.store.fact_blocks import (
    delete_events,
    entities_at,
    events_labelled,
    link_story_events,
    relink_facts,
    story_events_in,
    story_events_keyed,
    story_events_of_events,
    unmerged_story_events,
    write_events,
    write_merge_keys,
)
from pressgraph.store.facts import StoryEventRow, read_story_events
from pressgraph.store.relation_update import stated_in


@dataclass(frozen=True)
class FactsUpdate:
    """How many story events were merged again into how many events."""

    story_events: int
    events: int


@dataclass(frozen=True)
class _Merged:
    rows: list[StoryEventRow]
    event_of: dict[str, str]
    labels: dict[str, str]
    entities: dict[tuple[str, int], str]


def update_facts(
    db: Database,
    touched: frozenset[str],
    entity_ids: frozenset[str],
    tree_changed: bool,
    gone: tuple[tuple[str, str, str | None], ...] = (),
) -> FactsUpdate:
    """Merge again the story events of the `touched` texts with the stored ones they may
    merge with, link their facts, and sum the derived rows they change, in one transaction."""
    with db.begin() as conn:
        unmerged = unmerged_story_events(conn)  # new stories with events and no mention
        touched = touched | frozenset(unmerged.values())
        stories = {t for t in touched if not t.startswith("removed:")}
        done = _remerged(conn, story_events_in(conn, stories))
        old = {r.event_id for r in done.rows if r.event_id}
        new_rows = event_rows(done.rows, done.event_of, done.labels, done.entities)
        delete_events(conn, old | set(done.event_of.values()))
        write_events(conn, new_rows)
        link_story_events(conn, {r.id: done.event_of[str(r.id)] for r in done.rows})
        write_merge_keys(conn, {r.id: _keys(r) for r in done.rows})
        stated = stated_in(conn, stories)
        relink_facts(conn, stories, stories | {r.event.story for r in done.rows})
        scope = Scope(
            stories=frozenset(touched),
            events=frozenset(old | set(done.event_of.values())),
            entities=entity_ids,
            tree_changed=tree_changed,
            gone=gone,
            stated=stated,
        )
        update_derived(conn, scope)
        facts_done(conn)
    return FactsUpdate(len(done.rows), len(set(done.event_of.values())))


def _keys(row: StoryEventRow) -> set[str]:
    e = row.event
    return merge_keys(e.kind, e.name, e.start, e.end)


def _remerged(conn: Connection, seeds: set[int]) -> _Merged:
    """Merge the seeds with every story event linked to them by pairs that may merge, with
    the other members of the events they were in, and with the story events of the stored
    events sharing a label with theirs."""
    entities = _Entities(conn)
    component = _closure(conn, seeds, set(), entities)
    while True:
        rows = read_story_events(conn, component)
        event_of, labels = merged_events(rows, entities.of(r.event.story for r in rows))
        mine = {r.event_id for r in rows if r.event_id}
        # The other members of the events these were in, and the events sharing a label.
        others = events_labelled(conn, set(labels.values())) | mine
        more = story_events_of_events(conn, others) - component
        if not more:
            return _Merged(rows, event_of, labels, entities.found)
        component = _closure(conn, more, component, entities)


class _Entities:
    """(story, mention index) -> entity of the resolved mentions of the stories asked for so
    far, each story read once: the closure and the merge ask for the same stories again, and
    a batch's mentions keep their entities while its facts are merged."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.found: dict[tuple[str, int], str] = {}
        self.read: set[str] = set()

    def of(self, stories: Iterable[str]) -> dict[tuple[str, int], str]:
        """What is known so far, these stories' mentions included."""
        new = set(stories) - self.read
        if new:
            self.found.update(entities_at(self.conn, new))
            self.read |= new
        return self.found


def _closure(conn: Connection, seeds: set[int], known: set[int], entities: _Entities) -> set[int]:
    """`known` with the seeds and every story event linked to them by a chain of pairs that
    share a merge key and may merge (`may_merge`): groups only join along such pairs, so
    what lies beyond a pair that cannot merge does not change how these merge."""
    found = known | seeds
    frontier = read_story_events(conn, seeds)
    while frontier:
        probes: dict[str, list[StoryEventRow]] = {}
        for row in frontier:
            for key in neighbour_keys(_keys(row)):
                probes.setdefault(key, []).append(row)
        near = read_story_events(conn, story_events_keyed(conn, set(probes)) - found)
        near = [r for r in near if _links(r, probes, {}, may_overlap)]  # no entity read yet
        mentioned = entities.of(r.event.story for r in [*frontier, *near])
        linked = [r for r in near if _links(r, probes, mentioned, may_merge)]
        found |= {r.id for r in linked}
        frontier = linked
    return found


def _links(
    row: StoryEventRow,
    probes: dict[str, list[StoryEventRow]],
    entities: dict[tuple[str, int], str],
    test: Callable[[EventCandidate, EventCandidate], bool],
) -> bool:
    """Whether `test` holds for the story event and one of the frontier's sharing a key."""
    mine = candidate(row, entities)
    return any(
        test(mine, candidate(other, entities))
        for key in _keys(row)
        for other in probes.get(key, ())
    )
