"""Apply people's judgements to what resolution made, every time it runs.

Entity judgements (merge, split, rename, kind) change the entities and mention links that
`resolve` computed, before they are stored; fact judgements (reject, confirm) are matched to
the facts by their keys inside `resolve_facts`' transaction, before the derived tables are
summed, so a rejected fact is gone from every page, sum and export. The judgements
themselves are never changed: one whose target no longer exists is kept and reported
(`missing`), and applies again if the target comes back.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from sqlalchemy import Connection, delete, select, update

from pressgraph.resolve.entities import slug
from pressgraph.store import judgements as store
from pressgraph.store.annotations import EntityRow, StoredMention
from pressgraph.store.db import Database
from pressgraph.store.fact_keys import current_keys
from pressgraph.store.judgements import Judgement
from pressgraph.store.schema import events, statements, story_events

Result = tuple[str, str]  # (status, message)
APPLIED: Result = ("applied", "")
PREFIX = {"person": "person:", "organization": "org~", "country": "country~", "place": "place:"}


@dataclass
class Entities:
    """Resolution's output while judgements change it: entities by id, mention links, and
    the ids a fresh rebuild renamed (old -> new), which judgements naming them follow."""

    rows: dict[str, EntityRow]
    links: dict[int, str]
    mentions: list[StoredMention]
    renamed: Mapping[str, str] = field(default_factory=dict)

    def row(self, entity_id: str | None) -> EntityRow | None:
        """The entity a judgement names, by its id or the id it had before a rebuild."""
        if entity_id is None:
            return None
        return self.rows.get(entity_id) or self.rows.get(self.renamed.get(entity_id, ""))


def apply_to_entities(
    db: Database,
    rows: list[EntityRow],
    links: dict[int, str],
    mentions: list[StoredMention],
    renamed: Mapping[str, str] | None = None,
) -> tuple[list[EntityRow], dict[int, str]]:
    """Entities and mention links after every entity judgement; how each fared is stored.
    `renamed` maps the ids a fresh rebuild changed to the new ones."""
    with db.read() as conn:
        found = store.read_judgements(conn)
    cancelled = store.undone(found)
    state = Entities({r.id: r for r in rows}, dict(links), mentions, renamed or {})
    results: dict[int, Result] = {}
    for j in found:
        if j.action not in (*store.ENTITY_ACTIONS, "undo") and not _entity_note(j):
            continue
        if j.id in cancelled:
            results[j.id] = ("undone", "an undo cancels it")
        elif j.action == "undo":
            results[j.id] = _undo(j, {x.id for x in found})
        else:
            results[j.id] = _ENTITY[j.action](state, j)
    with db.begin() as conn:
        store.write_results(conn, results)
    return list(state.rows.values()), state.links


def _entity_note(j: Judgement) -> bool:
    return j.action == "note" and not _is_fact(j.target)


def _is_fact(target: str) -> bool:
    return target.split(":", 1)[0] in store.FACTS


def _undo(j: Judgement, ids: set[int]) -> Result:
    if j.target.isdigit() and int(j.target) in ids:
        return APPLIED
    return ("missing", f"there is no judgement {j.target} to undo")


def _gone(entity_id: str | None) -> Result:
    return (
        "missing",
        f"entity {entity_id} does not exist after this resolution (renamed or gone); the "
        "judgement is kept and applies again if it comes back",
    )


def _merge(state: Entities, j: Judgement) -> Result:
    gone, kept = state.row(j.target), state.row(j.other)
    if gone is None or kept is None:
        return _gone(j.target if gone is None else j.other)
    if gone.id == kept.id:
        return ("missing", f"{j.target} and {j.other} are one entity already; nothing to merge")
    names = (*kept.aliases, gone.name, *gone.aliases)
    state.rows[kept.id] = replace(
        kept,
        aliases=tuple(dict.fromkeys(names)),
        acronym=kept.acronym or gone.acronym,
        rank=kept.rank or gone.rank,
    )
    del state.rows[gone.id]
    _relink(state, lambda _mid, entity: entity == gone.id, kept.id)
    for eid, row in list(state.rows.items()):
        if row.parent == gone.id:
            state.rows[eid] = replace(row, parent=kept.id if eid != kept.id else None)
    return APPLIED


def _relink(state: Entities, moved: Callable[[int, str], bool], into: str) -> int:
    """Link the mentions `moved` picks to `into`; return how many moved."""
    ids = [mid for mid, entity in state.links.items() if moved(mid, entity)]
    for mid in ids:
        state.links[mid] = into
    return len(ids)


def _split(state: Entities, j: Judgement) -> Result:
    whole = state.row(j.target)
    if whole is None:
        return _gone(j.target)
    how, _, which = (j.other or "").partition(":")
    picked = _picked(state, whole.id, how, which)
    if not picked:
        return ("missing", f"no mention of {whole.id} matches {j.other}; nothing to split off")
    if len(picked) == sum(1 for e in state.links.values() if e == whole.id):
        return ("missing", f"{j.other} is every mention of {whole.id}: rename it instead")
    texts = [m.mention.text for m in state.mentions if m.id in picked]
    name = (j.value or "").strip() or texts[0]
    new_id = PREFIX.get(whole.kind, "entity:") + slug(name)
    if new_id in state.rows:
        new_id = f"{new_id}-j{j.id}"
    _relink(state, lambda mid, _entity: mid in picked, new_id)
    forms = set(dict.fromkeys(texts)) - {name}
    state.rows[new_id] = EntityRow(
        new_id, whole.kind, name, None, whole.parent, None, (name, *forms), None
    )
    remaining = {m.mention.text for m in state.mentions if state.links.get(m.id) == whole.id}
    aliases = tuple(a for a in whole.aliases if a not in set(texts) or a in remaining)
    state.rows[whole.id] = replace(whole, aliases=aliases or (whole.name,))
    return APPLIED


def _picked(state: Entities, entity_id: str, how: str, which: str) -> set[int]:
    """Ids of the mentions of `entity_id` a split names, with the references to them."""
    mine = [m for m in state.mentions if state.links.get(m.id) == entity_id]
    if how == "mention":
        picked = {m.id for m in mine if f"{m.story}#{m.mention.start}-{m.mention.end}" == which}
    elif how == "form":
        picked = {m.id for m in mine if m.mention.text.casefold() == which.casefold()}
    else:
        return set()
    at = {(m.story, m.idx) for m in mine if m.id in picked}
    references = {
        m.id
        for m in mine
        if m.mention.source == "reference" and (m.story, m.mention.refers_to) in at
    }
    return picked | references


def _rename(state: Entities, j: Judgement) -> Result:
    row = state.row(j.target)
    if row is None:
        return _gone(j.target)
    name = (j.value or "").strip()
    state.rows[row.id] = replace(row, name=name, aliases=tuple(dict.fromkeys((name, *row.aliases))))
    return APPLIED


def _kind(state: Entities, j: Judgement) -> Result:
    row = state.row(j.target)
    if row is None:
        return _gone(j.target)
    state.rows[row.id] = replace(row, kind=j.value or row.kind)
    return APPLIED


def _note(state: Entities, j: Judgement) -> Result:
    return APPLIED if state.row(j.target) is not None else _gone(j.target)


_ENTITY: dict[str, Callable[[Entities, Judgement], Result]] = {
    "merge": _merge,
    "split": _split,
    "rename": _rename,
    "kind": _kind,
    "note": _note,
}


# --- facts -------------------------------------------------------------------------------------


def apply_to_facts(conn: Connection) -> None:
    """Match reject, confirm and note judgements to the facts stored now (inside the
    caller's transaction): rejected facts are listed, rejected events taken out."""
    found = store.read_judgements(conn)
    cancelled = store.undone(found)
    keys = current_keys(conn)
    event_ids = set(conn.execute(select(events.c.id)).scalars())
    rejected: list[tuple[str, int, int]] = []
    gone_events: set[str] = set()
    results: dict[int, Result] = {}
    for j in found:
        if j.action not in store.FACT_ACTIONS and not (j.action == "note" and _is_fact(j.target)):
            continue
        if j.id in cancelled:
            results[j.id] = ("undone", "an undo cancels it")
        elif j.target in event_ids:
            results[j.id] = APPLIED
            if j.action == "reject":
                gone_events.add(j.target)
        elif j.target in keys:
            results[j.id] = APPLIED
            if j.action == "reject":
                rejected.append((*keys[j.target], j.id))
        else:
            results[j.id] = ("missing", f"no fact {j.target} after this resolution; kept")
    store.replace_rejected(conn, rejected)
    _drop_events(conn, gone_events)
    store.write_results(conn, results)


def _drop_events(conn: Connection, gone: set[str]) -> None:
    """Take rejected events out of resolution's events (the story events stay as facts)."""
    if not gone:
        return
    conn.execute(delete(events).where(events.c.id.in_(gone)))
    conn.execute(
        update(story_events).where(story_events.c.event_id.in_(gone)).values(event_id=None)
    )
    conn.execute(update(statements).where(statements.c.event_id.in_(gone)).values(event_id=None))
