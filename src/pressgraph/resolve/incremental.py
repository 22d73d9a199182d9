"""Resolve only what a new batch of stories touches (issue 10), with the result of a full
resolution.

Every resolved mention keeps the blocking key it was compared under (`mentions.block`: a
person's surname key, an organization's, country's or place's entity id). People are
clustered inside surname blocks only, and the other kinds group by that id, so a block
resolves alone: reading the new mentions and the stored mentions of their blocks, and
resolving them with `build_entities`, gives for them exactly what resolving every mention
gives, ids included (a cluster keeps the id most of its mentions had, a new one takes a
fresh id no entity or alias has: `identity`). Mentions of other blocks keep their entities.
The blocks of organizations, countries and places (`SUMMED_BLOCKS`: the CSTO is in most stories)
are not read at all: a new mention links to the block's entity, whose row depends only on
how often each spelling occurs (and, for an organization the gazetteer does not know, each
parent), which the store counts.

A full resolution (`rebuild`) is still needed when mentions were replaced or removed, when
the keys are missing (a database from before migration 17) and while people's judgements
apply (a merge or split moves mentions across blocks): `needs_rebuild` says when.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from pressgraph.resolve.entities import (
    build_entities,
    mention_blocks,
    parent_counts,
    summed_row,
    with_missing_parents,
)
from pressgraph.resolve.identity import Previous, moved_ids
from pressgraph.store.aliases import taken_ids
from pressgraph.store.annotations import EntityRow, Links, StoredMention
from pressgraph.store.blocks import (
    EntityChanges,
    block_spellings,
    entity_tree_rows,
    existing_entities,
    is_parent,
    mentions_in_blocks,
    new_mentions,
    write_changes,
)
from pressgraph.store.db import Database
from pressgraph.store.schema import SUMMED_BLOCKS
from pressgraph.store.spellings import Spellings


@dataclass(frozen=True)
class EntityUpdate:
    """What a batch changed: mentions read, entities written by kind, texts whose links
    changed, entity ids written, gone or left, whether the tree of bodies changed, and
    the entities merged away as they were (id, kind, parent)."""

    mentions: int
    entities: Counter[str]
    touched: frozenset[str]
    ids: frozenset[str]
    tree_changed: bool
    gone: tuple[tuple[str, str, str | None], ...] = ()


NOTHING = EntityUpdate(0, Counter(), frozenset(), frozenset(), False)


def update_entities(db: Database) -> EntityUpdate:
    """Resolve the mentions stored since the last resolution with the stored mentions that
    share a blocking key with them; write only what changed."""
    new = new_mentions(db)
    if not new:
        return NOTHING
    new_blocks = mention_blocks(new)  # new mentions come whole stories at a time
    summed = {b for b in new_blocks.values() if b.startswith(SUMMED_BLOCKS)}
    read = {b for b in new_blocks.values() if b != "-"} - summed
    stored = mentions_in_blocks(db, read)
    subset = sorted([*stored, *(m for m in new if new_blocks[m.id] not in summed)], key=_text_order)
    blocks = {**{m.id: m.block or "-" for m in stored}, **new_blocks}
    with db.read() as conn:
        reserved = frozenset(taken_ids(conn))
    previous = Previous({m.id: m.cluster for m in subset if m.cluster}, reserved)
    rows, links = build_entities(subset, previous, blocks)
    counted = _summed(db, [m for m in new if new_blocks[m.id] in summed], new_blocks)
    rows += counted.rows
    links.update(counted.links)
    rows, tree_changed = _with_ancestors(db, rows)
    subset += counted.mentions
    changes = replace(
        _changes(subset, rows, links, blocks, {m.id for m in new}), spellings=counted.totals
    )
    gone = entity_tree_rows(db, changes.gone)
    write_changes(db, changes)
    old = {m.entity for m in subset if m.entity}
    return EntityUpdate(
        len(subset),
        Counter(r.kind for r in rows),
        frozenset(changes.targets),
        frozenset(old | {r.id for r in rows}),
        tree_changed,
        gone,
    )


@dataclass(frozen=True)
class _Summed:
    mentions: list[StoredMention]
    rows: list[EntityRow]
    links: dict[int, str]
    totals: dict[str, Spellings]  # the blocks' counts with the new mentions


def _summed(db: Database, new: list[StoredMention], blocks: dict[int, str]) -> _Summed:
    """The entities of the `SUMMED_BLOCKS` blocks of these new mentions, from the counts of their
    stored mentions' spellings and parents, kept in the store, and of the new ones."""
    totals = block_spellings(db, {blocks[m.id] for m in new})
    for m in new:
        key = (m.mention.text, m.mention.parent or "")
        totals.setdefault(blocks[m.id], Counter())[key] += 1
    rows = [
        summed_row(block, *_spellings_and_parents(counts))
        for block, counts in sorted(totals.items())
    ]
    links = {m.id: blocks[m.id].partition("|")[2] for m in new}
    return _Summed(new, rows, links, totals)


def _spellings_and_parents(counts: Spellings) -> tuple[Counter[str], Counter[str]]:
    """How often each spelling names the entity, and each parent (by entity id) is given."""
    spellings: Counter[str] = Counter()
    keys: Counter[str] = Counter()
    for (text, parent), n in counts.items():
        spellings[text] += n
        if parent:
            keys[parent] += n
    return spellings, parent_counts(keys)


def _text_order(m: StoredMention) -> tuple[bool, str, int, int]:
    """The order `all_mentions` gives: stories, then removed signatures, each by index."""
    signature = m.story.startswith("removed:")
    number = int(m.story.removeprefix("removed:")) if signature else 0
    return (signature, "" if signature else m.story, number, m.idx)


def _with_ancestors(db: Database, rows: list[EntityRow]) -> tuple[list[EntityRow], bool]:
    """The rows with the gazetteer ancestors no entity stands for yet; and whether a body
    now folds under another entity than before (a new parent, or one that just appeared)."""
    mine = {r.id for r in rows}
    grown = with_missing_parents(rows)
    known = existing_entities(db, {r.id for r in grown})
    out = [r for r in grown if r.id in mine or r.id not in known]
    reparented = any(r.id in known and known[r.id] != r.parent for r in rows)
    appeared = [r.id for r in out if r.id not in known]
    return out, reparented or is_parent(db, appeared)


def _changes(
    subset: list[StoredMention],
    rows: list[EntityRow],
    links: dict[int, str],
    blocks: dict[int, str],
    new: set[int],
) -> EntityChanges:
    before = {m.id: m.entity for m in subset if m.entity}
    ids = {r.id for r in rows}
    changed = {m.id for m in subset if (links.get(m.id), blocks[m.id]) != (m.entity, m.block)}
    changed |= {m.id for m in subset if links.get(m.id) != m.cluster}
    relinked = {m.story for m in subset if links.get(m.id) != m.entity or m.id in new}
    return EntityChanges(
        rows=rows,
        gone=set(before.values()) - ids,
        links=Links(links, dict(links), {}, blocks),
        changed=changed,
        moved=moved_ids(before, links, ids),
        targets=relinked,
    )
