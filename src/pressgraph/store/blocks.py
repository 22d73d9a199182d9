"""Reads and writes of incremental resolution: mentions by blocking key, entities and links
by the ids a batch touches.

A mention whose `block` is None was stored since the last resolution; the stored mentions
sharing a key with it are the only ones resolution reads again (`mentions_in_blocks`, by the
`ix_mentions_block` index). Writes replace only the entities, mention links and role links
the batch changed, in one transaction (see resolve/incremental.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, delete, func, select, update

from pressgraph.store.aliases import Alias, read_aliases, updated_aliases, write_aliases
from pressgraph.store.annotations import (
    EntityRow,
    Links,
    StoredMention,
    _entity_row,
    link_mentions,
    mark_pending,
    read_mentions,
)
from pressgraph.store.chunks import chunked
from pressgraph.store.db import Database
from pressgraph.store.derived import entity_rows
from pressgraph.store.judgements import read_judgements
from pressgraph.store.schema import entities, mentions, pending_stages, roles
from pressgraph.store.spellings import Spellings, read_spellings, write_spellings

REBUILD = "rebuild"  # the pending stage that makes the next resolution a full one
FACTS = "facts"  # entities of a batch written, its facts not yet: a stop in between


def needs_rebuild(db: Database) -> str | None:
    """Why the next resolution must recompute everything, or None when it may go by blocks:
    mentions were replaced or removed, the blocking keys are missing (a database from before
    migration 17), or people's judgements apply (they may move mentions across blocks)."""
    with db.read() as conn:
        if conn.execute(select(pending_stages.c.stage).where(_rebuild())).first():
            return "mentions were replaced or removed, or the blocking keys are missing"
        missing = select(mentions.c.id).where(
            mentions.c.block.is_(None), mentions.c.entity_id.is_not(None)
        )
        if conn.execute(missing.limit(1)).first() is not None:
            return "resolved mentions have no blocking key"
        if read_judgements(conn):
            return "judgements apply"
    return None


def _rebuild() -> ColumnElement[bool]:
    return pending_stages.c.stage.in_((REBUILD, FACTS))


def new_mentions(db: Database) -> list[StoredMention]:
    """The mentions stored since the last resolution (no blocking key yet)."""
    with db.read() as conn:
        return read_mentions(conn, mentions.c.block.is_(None))


def mentions_in_blocks(db: Database, blocks: Iterable[str]) -> list[StoredMention]:
    """The resolved mentions blocked under any of these keys."""
    found: list[StoredMention] = []
    with db.read() as conn:
        for chunk in chunked(sorted(set(blocks))):
            found.extend(read_mentions(conn, mentions.c.block.in_(chunk)))
    return found


def block_spellings(db: Database, blocks: Iterable[str]) -> dict[str, Spellings]:
    """Block -> how often each (spelling, parent key) names its entity, as kept."""
    with db.read() as conn:
        return read_spellings(conn, blocks)


def existing_entities(db: Database, ids: Iterable[str]) -> dict[str, str | None]:
    """Entity id -> its parent, for the ids of `ids` that are entities."""
    found: dict[str, str | None] = {}
    with db.read() as conn:
        for chunk in chunked(sorted(set(ids))):
            query = select(entities.c.id, entities.c.parent_id).where(entities.c.id.in_(chunk))
            found.update((r[0], r[1]) for r in conn.execute(query))
    return found


def entity_tree_rows(db: Database, ids: Iterable[str]) -> tuple[tuple[str, str, str | None], ...]:
    """(id, kind, parent id) of the ids of `ids` that are entities."""
    with db.read() as conn:
        return tuple(entity_rows(conn, entities.c.id, ids))


def is_parent(db: Database, ids: Iterable[str]) -> bool:
    """Whether any stored entity names one of these ids as its parent."""
    with db.read() as conn:
        for chunk in chunked(sorted(set(ids))):
            query = select(entities.c.id).where(entities.c.parent_id.in_(chunk)).limit(1)
            if conn.execute(query).first() is not None:
                return True
    return False


@dataclass(frozen=True)
class EntityChanges:
    """What one batch changes: entity rows written, ids no longer entities, mention links
    of `changed` mentions, old ids made aliases, and the texts whose roles link again."""

    rows: list[EntityRow]
    gone: set[str]
    links: Links
    changed: set[int]
    moved: dict[str, Alias]
    targets: set[str]
    spellings: dict[str, Spellings] = field(default_factory=dict)  # new totals of blocks


def write_changes(db: Database, found: EntityChanges) -> None:
    """Write a batch's entities, links and aliases in one transaction."""
    with db.begin() as conn:
        for chunk in chunked(sorted(found.gone | {r.id for r in found.rows})):
            conn.execute(delete(entities).where(entities.c.id.in_(chunk)))
        if found.rows:
            conn.execute(entities.insert(), [_entity_row(e) for e in found.rows])
        link_mentions(conn, found.links, found.changed)
        write_spellings(conn, found.spellings)
        relink_roles(conn, found.targets)
        mark_pending(conn, FACTS)  # cleared with the facts' transaction (resolve/fact_update)
        if found.moved or found.gone:
            current = set(conn.execute(select(entities.c.id)).scalars())
            write_aliases(conn, updated_aliases(read_aliases(conn), found.moved, current))


def relink_roles(conn: Connection, targets: Iterable[str]) -> None:
    """Copy into the roles of these texts the entities of the mentions they point at."""
    story_ids = sorted(t for t in targets if not t.startswith("removed:"))
    removed_ids = sorted(
        int(t.removeprefix("removed:")) for t in targets if t.startswith("removed:")
    )
    for column, values in ((roles.c.story_id, story_ids), (roles.c.removed_id, removed_ids)):
        same = mentions.c.story_id if column is roles.c.story_id else mentions.c.removed_id
        for chunk in chunked(values):
            conn.execute(
                update(roles)
                .where(column.in_(chunk))
                .values(
                    person_id=_entity_at(same == column, roles.c.person_idx),
                    organization_id=_entity_at(same == column, roles.c.organization_idx),
                    country_id=_entity_at(same == column, roles.c.country_idx),
                )
            )


def _entity_at(same_text: ColumnElement[bool], idx: Any) -> Any:
    """SQL: the entity of the mention of the same text at index `idx` (None if none)."""
    return (
        select(mentions.c.entity_id)
        .where(and_(same_text, mentions.c.idx == idx))
        .limit(1)
        .scalar_subquery()
    )


def facts_done(conn: Connection) -> None:
    """The facts of the batch whose entities were written are written too."""
    conn.execute(delete(pending_stages).where(pending_stages.c.stage == FACTS))


def entity_kinds(db: Database) -> Counter[str]:
    """How many entities of each kind the database has."""
    with db.read() as conn:
        query = select(entities.c.kind, func.count()).group_by(entities.c.kind)
        return Counter({str(k): int(n) for k, n in conn.execute(query)})
