"""Resolve the facts of issue 4 after entities: entity ids on statements, claims and
relations, and story events merged into events (one event reported by several stories is
one event with several sources).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, Table, bindparam, delete, select, update

from pressgraph.records import RESOLVE_STAGE, StoryEvent
from pressgraph.resolve.entities import slug
from pressgraph.resolve.events import EventCandidate, merge_events, merge_keys
from pressgraph.resolve.judged import apply_to_facts
from pressgraph.store import derived
from pressgraph.store.annotations import all_mentions
from pressgraph.store.db import Database
from pressgraph.store.fact_blocks import link_story_events, write_events, write_merge_keys
from pressgraph.store.facts import StoryEventRow, story_event_rows
from pressgraph.store.schema import claims, events, relations, statements, story_event_keys

Entities = dict[tuple[str, int], str]  # (story, mention index) -> entity id


@dataclass(frozen=True)
class FactsSummary:
    """How many events resolution made from how many story events."""

    story_events: int
    events: int


def resolve_facts(db: Database) -> FactsSummary:
    """Fill entity ids on every fact, rebuild the events table and the sums pages read
    (store/derived.py), in one transaction."""
    entities: Entities = {
        (m.story, m.idx): m.entity for m in all_mentions(db) if m.entity is not None
    }
    rows = story_event_rows(db)
    merged, labels = merged_events(rows, entities)
    with db.begin() as conn:
        _write_events(conn, rows, merged, labels, entities)
        _link_statements(
            conn, entities, {(r.event.story, r.event.index): merged[str(r.id)] for r in rows}
        )
        _link(
            conn,
            claims,
            entities,
            ("speaker_idx", "speaker_id"),
            ("subject_idx", "subject_id"),
            ("authority_idx", "authority_id"),
        )
        _link(conn, relations, entities, ("source_idx", "source_id"), ("target_idx", "target_id"))
        apply_to_facts(conn)  # people's rejections, before the sums (issue 12)
        derived.refresh(conn)
    return FactsSummary(len(rows), len(set(merged.values())))


def merged_events(
    rows: list[StoryEventRow], entities: Entities
) -> tuple[dict[str, str], dict[str, str]]:
    """Story event row id (as text) -> event id, and event id -> its label: the events
    these story events make, named by what they are."""
    merged = merge_events([candidate(r, entities) for r in rows])
    labels = _labels(merged, rows, entities)
    readable = _readable_ids(merged, labels, rows)
    return readable, {readable[key]: labels[group] for key, group in merged.items()}


def _labels(
    merged: dict[str, str], rows: list[StoryEventRow], entities: Entities
) -> dict[str, str]:
    """Each group's label: start, kind and what the event is."""
    by_key = {str(r.id): r.event for r in rows}
    groups: dict[str, list[str]] = {}
    for key, group in merged.items():
        groups.setdefault(group, []).append(key)
    labels: dict[str, str] = {}
    for group, keys in groups.items():
        es = [by_key[k] for k in keys]
        start = min((e.start for e in es if e.start), default="undated")
        kind = _most_common(e.kind for e in es) or "event"
        what = (
            max((e.name for e in es if e.name), key=len, default=None)
            or _most_common(
                _entity(entities, e.story, i)
                for e in es
                for i in (e.place, *(i for i, part in e.parts if part == "organizer"))
            )
            or ""
        )
        what = re.split(r"[:~]", what, maxsplit=1)[-1]
        labels[group] = "-".join(p for p in (start, kind, slug(what)[:48].strip("-")) if p)
    return labels


def _readable_ids(
    merged: dict[str, str], labels: dict[str, str], rows: list[StoryEventRow]
) -> dict[str, str]:
    """Event ids from what the event is, not from row numbers: the same corpus gives the same
    ids in any order ("event:2019-10-30-conference-international-conference-on-the-role");
    events sharing a label are numbered by their first story."""
    by_key = {str(r.id): r.event for r in rows}
    groups: dict[str, list[str]] = {}
    for key, group in merged.items():
        groups.setdefault(group, []).append(key)
    used: Counter[str] = Counter()
    readable: dict[str, str] = {}
    for group in sorted(groups, key=lambda g: (labels[g], min(_story_keys(groups[g], by_key)))):
        used[labels[group]] += 1
        suffix = f"-{used[labels[group]]}" if used[labels[group]] > 1 else ""
        readable[group] = f"event:{labels[group]}{suffix}"
    return {key: readable[group] for key, group in merged.items()}


def _story_keys(keys: list[str], by_key: dict[str, StoryEvent]) -> list[tuple[str, int]]:
    return [(by_key[k].story, by_key[k].index) for k in keys]


def _entity(entities: Entities, story: str, idx: int | None) -> str | None:
    return None if idx is None else entities.get((story, idx))


def candidate(row: StoryEventRow, entities: Entities) -> EventCandidate:
    """The story event as the merge compares it, its place and people as entity ids."""
    e = row.event
    people = {_entity(entities, e.story, i) for i, _ in e.parts}
    return EventCandidate(
        key=str(row.id),
        story=e.story,
        kind=e.kind,
        name=e.name,
        start=e.start,
        end=e.end,
        place=_entity(entities, e.story, e.place),
        participants=frozenset(p for p in people if p is not None),
    )


def _most_common(values: Iterable[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    return min(counts, key=lambda v: (-counts[v], v)) if counts else None


def _write_events(
    conn: Connection,
    rows: list[StoryEventRow],
    merged: dict[str, str],
    labels: dict[str, str],
    entities: Entities,
) -> None:
    conn.execute(delete(events))
    conn.execute(delete(story_event_keys))
    write_events(conn, event_rows(rows, merged, labels, entities))
    link_story_events(conn, {r.id: merged[str(r.id)] for r in rows})
    write_merge_keys(conn, {r.id: _keys(r) for r in rows})


def _keys(row: StoryEventRow) -> set[str]:
    e = row.event
    return merge_keys(e.kind, e.name, e.start, e.end)


def event_rows(
    rows: list[StoryEventRow], merged: dict[str, str], labels: dict[str, str], entities: Entities
) -> list[dict[str, object]]:
    """The events table's rows for these story events, merged as `merged` says."""
    groups: dict[str, list[StoryEventRow]] = {}
    for row in rows:
        groups.setdefault(merged[str(row.id)], []).append(row)
    found: list[dict[str, object]] = []
    for event_id, members in sorted(groups.items()):
        es = [m.event for m in members]
        starts = sorted(e.start for e in es if e.start is not None)
        ends = sorted(d for e in es if (d := e.end or e.start) is not None)
        found.append(
            {
                "id": event_id,
                "kind": _most_common(e.kind for e in es) or "other",
                "name": max((e.name for e in es if e.name), key=len, default=None),
                "start": starts[0] if starts else None,
                "end": ends[-1] if ends else None,
                "place_id": _most_common(_entity(entities, e.story, e.place) for e in es),
                "format": _most_common(e.format for e in es),
                "chair_id": _most_common(_entity(entities, e.story, e.chair) for e in es),
                "stage": RESOLVE_STAGE,
                "label": labels[event_id],
            }
        )
    return found


def _link_statements(
    conn: Connection, entities: Entities, event_of: dict[tuple[str, int], str]
) -> None:
    rows = conn.execute(
        select(
            statements.c.id,
            statements.c.story_id,
            statements.c.speaker_idx,
            statements.c.story_event_idx,
        )
    ).all()
    values = [
        {
            "row_id": r.id,
            "speaker": _entity(entities, r.story_id, r.speaker_idx),
            "event": event_of.get((r.story_id, r.story_event_idx))
            if r.story_event_idx is not None
            else None,
        }
        for r in rows
    ]
    if values:
        conn.execute(
            update(statements)
            .where(statements.c.id == bindparam("row_id"))
            .values(speaker_id=bindparam("speaker"), event_id=bindparam("event")),
            values,
        )


def _link(conn: Connection, table: Table, entities: Entities, *pairs: tuple[str, str]) -> None:
    """Copy the entity of each `<x>_idx` mention into `<x>_id` for every row of `table`."""
    columns = [table.c.id, table.c.story_id, *(table.c[idx] for idx, _ in pairs)]
    values = [
        {
            "row_id": r[0],
            **{f"v_{out}": _entity(entities, r[1], r[2 + n]) for n, (_, out) in enumerate(pairs)},
        }
        for r in conn.execute(select(*columns)).all()
    ]
    if values:
        conn.execute(
            update(table)
            .where(table.c.id == bindparam("row_id"))
            .values(**{out: bindparam(f"v_{out}") for _, out in pairs}),
            values,
        )
