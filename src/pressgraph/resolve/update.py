"""Resolution after annotation: what new stories touch, or everything again (issue 10).

`resolve_changes` is the flow's step after each annotation run: the new mentions resolve
against the stored entities by blocking keys (resolve/incremental.py), their facts, events
and derived rows follow (resolve/fact_update.py). It falls back to `rebuild` when a batch
cannot go by blocks (`store.blocks.needs_rebuild`: replaced or removed mentions, keys
missing in a database from before migration 17, judgements). `rebuild` recomputes every
entity, fact and derived row from the stored annotations: `pressgraph rebuild`, after a
model or gazetteer change.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from pressgraph.resolve.entities import ResolveSummary, resolve
from pressgraph.resolve.fact_update import update_facts
from pressgraph.resolve.facts import FactsSummary, resolve_facts
from pressgraph.resolve.incremental import update_entities
from pressgraph.store.annotations import clear_pending, pending_time
from pressgraph.store.blocks import FACTS, REBUILD, entity_kinds, needs_rebuild
from pressgraph.store.db import Database


@dataclass(frozen=True)
class RebuildSummary:
    """What a full recomputation made."""

    resolved: ResolveSummary
    facts: FactsSummary


def resolve_changes(db: Database, *, fresh_ids: bool = False) -> ResolveSummary:
    """Resolve what was annotated since the last resolution (in full when it must be, or
    with `fresh_ids`); the summary counts every entity."""
    if fresh_ids or needs_rebuild(db):
        return rebuild(db, fresh_ids=fresh_ids).resolved
    began = pending_time()
    with collector_paused():
        changed = update_entities(db)
        update_facts(db, changed.touched, changed.ids, changed.tree_changed, changed.gone)
    clear_pending(db, "resolve", began=began)
    return ResolveSummary(changed.mentions, entity_kinds(db))


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while a batch is resolved. A batch makes
    millions of small objects (the edges its events touch, before and after) that form
    almost no cycles: a batch of 1,000 pages leaves ~4,000 objects in cycles. Each full
    collection walks every live object again, and a batch meeting stored rows holds more:
    in the growth bench the collector took 1.5 s of the first batch and 3.0 s of the
    seventh. Objects in cycles wait for the next collection after the batch."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def rebuild(
    db: Database,
    *,
    fresh_ids: bool = False,
    progress: Callable[[str], None] | None = None,
) -> RebuildSummary:
    """Recompute every entity, fact and derived row from the stored annotations, keeping
    entity ids (made anew with `fresh_ids`); `progress` hears each step's name."""
    began = pending_time()
    if progress is not None:
        progress("entities")
    resolved = resolve(db, fresh_ids=fresh_ids)
    if progress is not None:
        progress("facts, events and derived tables")
    facts = resolve_facts(db)
    for stage in ("resolve", REBUILD, FACTS):
        clear_pending(db, stage, began=began)
    return RebuildSummary(resolved, facts)
