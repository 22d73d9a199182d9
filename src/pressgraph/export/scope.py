"""What an export holds: the web pages' filters (dates, entity, event kind) applied to the
records of the export contract.

The filters mean what they mean on the pages that list each record type:

- stories (and the documents holding them): as the search page: dated in the range,
  mentioning the entity, reporting an event of the kind (a repeated story through its
  first copy);
- events: as the events page: overlapping the range, of the kind, with the entity taking
  part, chairing, organizing or hosting;
- mentions, posts held, statements, claims, relations: in a story kept, and with an entity
  only those involving it (its mentions; posts it held or that are in it; what it said;
  claims by, about or on its authority; relations it is on);
- entities: every entity a kept record refers to, with their parents.

With no filter, everything is exported as it streams; with one, the kept records are held
in memory so the entities they refer to can be written with them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from pressgraph.export.jsonl import records
from pressgraph.store.db import Database
from pressgraph.store.pages.common import Ref, events_in
from pressgraph.store.pages.event_selection import events_involving
from pressgraph.store.pages.search import stories_within
from pressgraph.store.schema import events, stories

FACT_ENTITIES: dict[str, tuple[str, ...]] = {
    "mention": ("entity",),
    "role": ("person", "organization", "country"),
    "statement": ("speaker",),
    "claim": ("speaker", "source", "subject"),
    "relation": ("source", "target"),
}
EVENT_ENTITIES = ("place", "chair", "organizers")


@dataclass(frozen=True)
class Scope:
    """The filters of an export: a date range, an entity id, an event kind."""

    date_from: str | None = None
    date_to: str | None = None
    entity: Ref | None = None
    kind: str | None = None

    @property
    def everything(self) -> bool:
        """No filter at all."""
        return not (self.date_from or self.date_to or self.entity or self.kind)

    def describe(self) -> str:
        """The filters in words, for the summary line."""
        parts = []
        if self.date_from or self.date_to:
            parts.append(f"dated {self.date_from or '…'} to {self.date_to or '…'}")
        if self.entity:
            parts.append(f"with {self.entity.name} ({self.entity.id})")
        if self.kind:
            parts.append(f"events of kind {self.kind}")
        return ", ".join(parts) or "everything"


@dataclass(frozen=True)
class Selection:
    """The ids of the stories and events a scope keeps."""

    stories: frozenset[str]
    events: frozenset[str]


def select_ids(db: Database, scope: Scope) -> Selection:
    """The stories (search page) and events (events page) within the scope."""
    query = select(stories.c.id)
    if scope.date_from:
        query = query.where(stories.c.date >= scope.date_from)
    if scope.date_to:
        query = query.where(stories.c.date <= scope.date_to)
    within = stories_within(scope.entity, scope.kind)
    if within is not None:
        query = query.where(within)
    chosen = events_in(select(events.c.id), scope.date_from, scope.date_to)
    if scope.kind:
        chosen = chosen.where(events.c.kind == scope.kind)
    if scope.entity:
        chosen = chosen.where(events_involving(scope.entity.id))
    with db.read() as conn:
        return Selection(
            frozenset(conn.execute(query).scalars()), frozenset(conn.execute(chosen).scalars())
        )


def scoped_records(db: Database, scope: Scope) -> Iterator[dict[str, Any]]:
    """The export contract's records within the scope (all of them, streamed, with none)."""
    if scope.everything:
        yield from records(db)
        return
    ids = select_ids(db, scope)
    kept: list[dict[str, Any]] = []
    entities: dict[str, dict[str, Any]] = {}
    for record in records(db):
        if record["type"] == "entity":
            entities[record["id"]] = record
        elif _keep(record, scope, ids):
            kept.append(record)
    wanted = _parents(_referred(kept), entities)
    for record in kept:
        if record["type"] in ("document", "story"):
            yield record
    yield from (entities[e] for e in entities if e in wanted)
    yield from (r for r in kept if r["type"] not in ("document", "story"))


def _keep(record: dict[str, Any], scope: Scope, ids: Selection) -> bool:
    kind = record["type"]
    if kind == "document":
        return any(s in ids.stories for s in record["stories"])
    if kind == "story":
        return record["id"] in ids.stories
    if kind == "event":
        return record["id"] in ids.events
    if record.get("story") is not None and record["story"] not in ids.stories:
        return False
    if record.get("story") is None and (scope.date_from or scope.date_to or scope.kind):
        return False  # a press signature: no story, so no date or event to filter by
    return scope.entity is None or scope.entity.id in _entities_of(record)


def _entities_of(record: dict[str, Any]) -> set[str]:
    """The entity ids a record refers to."""
    kind = record["type"]
    if kind == "event":
        found = [record.get(f) for f in EVENT_ENTITIES if f != "organizers"]
        found += record["organizers"] + [p["entity"] for p in record["participants"]]
        return {e for e in found if e}
    return {record[f] for f in FACT_ENTITIES.get(kind, ()) if record.get(f)}


def _referred(kept: Iterable[dict[str, Any]]) -> set[str]:
    found: set[str] = set()
    for record in kept:
        found |= _entities_of(record)
    return found


def _parents(wanted: set[str], entities: dict[str, dict[str, Any]]) -> set[str]:
    """`wanted` with the parents of each (a body's organization), so parent ids join."""
    out = set(wanted)
    todo = list(wanted)
    while todo:
        parent = (entities.get(todo.pop()) or {}).get("parent")
        if parent and parent not in out:
            out.add(parent)
            todo.append(parent)
    return out
