"""Entity aliases: ids entities had and no longer have, so old addresses still lead somewhere.

Resolution keeps an entity's id when more documents arrive; when two entities become one (a
merge, by resolution or by a judgement) or an id gives way to another (a fresh rebuild, a
gazetteer entry found for an organization), the old id is kept here pointing at the entity
that holds its mentions now. Resolution rewrites the table in the same transaction as the
entities: an alias pointing at an id that becomes an alias is pointed on, and an id that is
an entity again stops being an alias, so no id is both. (An alias whose entity lost every
mention, its documents removed, is kept: it leads to a 404 until the entity comes back.)
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Connection, delete, select

from pressgraph.store.judgements import applied_merges, follow_merges
from pressgraph.store.schema import entities, entity_aliases

if TYPE_CHECKING:  # the database module runs the migrations, which use this module
    from pressgraph.store.db import Database


@dataclass(frozen=True)
class Alias:
    """An old id, the entity it stands for now, why (merged|renamed), and since when."""

    old_id: str
    entity_id: str
    reason: str
    created: str


def now() -> str:
    """The time an alias is made, to the second (UTC)."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def read_aliases(conn: Connection) -> dict[str, Alias]:
    """Every alias by its old id."""
    rows = conn.execute(select(entity_aliases)).mappings()
    return {
        r["old_id"]: Alias(r["old_id"], r["entity_id"], r["reason"], r["created"]) for r in rows
    }


def write_aliases(conn: Connection, found: dict[str, Alias]) -> None:
    """Replace every alias (inside the caller's transaction, with the entities)."""
    conn.execute(delete(entity_aliases))
    if found:
        conn.execute(entity_aliases.insert(), [a.__dict__ for a in found.values()])


def updated_aliases(
    stored: Mapping[str, Alias], moved: Mapping[str, Alias], current: Iterable[str]
) -> dict[str, Alias]:
    """The aliases after a resolution: the stored ones less those that are entities again,
    the new ones added, and any pointing at a moved id pointed on (chains resolved)."""
    present = set(current)
    out = {old: a for old, a in stored.items() if old not in present}
    out.update(moved)
    for old, alias in out.items():
        if alias.entity_id in moved:
            out[old] = Alias(old, moved[alias.entity_id].entity_id, alias.reason, alias.created)
    return {old: a for old, a in out.items() if old != a.entity_id}


def taken_ids(conn: Connection) -> set[str]:
    """Every id an entity or an alias has: what a new entity may not take."""
    found = set(conn.execute(select(entities.c.id)).scalars())
    return found | set(conn.execute(select(entity_aliases.c.old_id)).scalars())


def alias_of(db: Database, entity_id: str) -> Alias | None:
    """The alias an old id is, or None when it is not one."""
    with db.read() as conn:
        row = (
            conn.execute(select(entity_aliases).where(entity_aliases.c.old_id == entity_id))
            .mappings()
            .first()
        )
    return None if row is None else Alias(**row)


def current_id(db: Database, entity_id: str) -> str | None:
    """The entity an old id stands for now, or None when it is not an alias."""
    found = alias_of(db, entity_id)
    return None if found is None else found.entity_id


def former_ids(db: Database) -> dict[str, list[str]]:
    """Entity id -> the old ids that stand for it, sorted."""
    with db.read() as conn:
        rows = conn.execute(select(entity_aliases.c.entity_id, entity_aliases.c.old_id)).all()
    out: dict[str, list[str]] = defaultdict(list)
    for entity, old in sorted(rows, key=lambda r: (r[0], r[1])):
        out[str(entity)].append(str(old))
    return dict(out)


def seed_from_merges(conn: Connection) -> None:
    """Aliases for the entities applied merge judgements folded away (chains followed), so a
    database judged before migration 13 keeps redirecting them."""
    into = applied_merges(conn)
    present = set(conn.execute(select(entities.c.id)).scalars())
    found: dict[str, Alias] = {}
    for old in sorted(into):
        target = follow_merges(into, old)
        if old not in present and target in present:
            found[old] = Alias(old, target, "merged", now())
    write_aliases(conn, found)
