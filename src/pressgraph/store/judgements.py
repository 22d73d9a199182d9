"""Judgements: what people decided about entities and facts, kept apart from the facts.

A judgement is one edge of an append-only list: who, when, why, and what (an action on a
target, with another entity or a value). Nothing here edits a fact: resolution applies the
judgements after it runs (`resolve/judged.py`) and records how each fared in
`judgement_results`; a rejected fact is listed in `rejected_facts`, which every query that
shows facts leaves out through `kept`. An undo is a judgement too, so the log keeps it all.

Facts are named by keys that survive re-annotation (row ids do not): the fact's kind, its
story and its offsets (`claim:<story>#<start>-<end>`); a relation adds its kind and ends
(`relation:<story>#<start>-<end>#memorandum:org:csto>org:un`); an event is its id.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Connection, RowMapping, Table, delete, inspect, select, true

from pressgraph.errors import NotFoundError, PressgraphError
from pressgraph.store.schema import judgement_results, judgements, rejected_facts

ENTITY_ACTIONS = ("merge", "split", "rename", "kind")
FACT_ACTIONS = ("reject", "confirm")
ACTIONS = (*ENTITY_ACTIONS, *FACT_ACTIONS, "note", "undo")
FACTS = ("event", "role", "statement", "claim", "relation")
if TYPE_CHECKING:  # store.db imports the migrations, which import derived, which imports this
    from pressgraph.store.db import Database

_TABLE_FACT = {
    "roles": "role",
    "statements": "statement",
    "claims": "claim",
    "relations": "relation",
}


class JudgementError(PressgraphError):
    """A judgement that cannot be made or read: the message says what to give instead."""

    exit_code = 2


@dataclass(frozen=True)
class NewJudgement:
    """A judgement about to be stored."""

    action: str
    target: str
    why: str
    who: str
    other: str | None = None
    value: str | None = None
    snapshot: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Judgement:
    """A stored judgement, with how it fared at the last resolution (None: not applied yet)."""

    id: int
    action: str
    target: str
    other: str | None
    value: str | None
    why: str
    who: str
    at: str
    snapshot: dict[str, Any]
    status: str | None
    message: str | None

    def describe(self) -> str:
        """One line saying what was decided: `merge person:a into person:b`."""
        name = self.snapshot.get("name") or self.snapshot.get("text")
        what = f"{self.target} ({_short(str(name))})" if name else self.target
        if self.action == "merge":
            return f"merge {what} into {self.other}"
        if self.action == "split":
            how, _, which = (self.other or "").partition(":")
            into = f" as {self.value!r}" if self.value else ""
            return f"split {how} {which!r} off {what}{into}"
        if self.action in ("rename", "kind", "note"):
            return f"{self.action} {what}: {self.value}"
        if self.action == "undo":
            return f"undo judgement {self.target}"
        return f"{self.action} {what}"


def _short(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def now() -> str:
    """The time a judgement is made (UTC, ISO)."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def add_judgement(db: Database, new: NewJudgement, at: str | None = None) -> Judgement:
    """Store one judgement (it takes effect at the next resolution); return it with its id."""
    _check(new)
    row = {
        "action": new.action,
        "target": new.target,
        "other": new.other,
        "value": new.value,
        "why": new.why.strip(),
        "who": new.who.strip()[:100],
        "at": at or now(),
        "snapshot": json.dumps(new.snapshot, ensure_ascii=False, sort_keys=True),
    }
    with db.begin() as conn:
        new_id = conn.execute(judgements.insert().values(**row)).inserted_primary_key
    return get_judgement(db, int(new_id[0]) if new_id else 0)


def _check(new: NewJudgement) -> None:
    if new.action not in ACTIONS:
        raise JudgementError(f"unknown action {new.action!r}; use one of {', '.join(ACTIONS)}")
    if not new.why.strip():
        raise JudgementError("say why (--why): the audit log keeps the reason with the judgement")
    if not new.who.strip():
        raise JudgementError("say who judges (--who or PRESSGRAPH_CURATOR)")
    if new.action == "merge" and new.target == new.other:
        raise JudgementError(f"{new.target} cannot be merged into itself; give two entities")


def list_judgements(db: Database, *, target: str | None = None) -> list[Judgement]:
    """Every judgement in the order it was made (only those about `target`, if given)."""
    with db.read() as conn:
        return judgements_about(conn, target)


def judgements_about(conn: Connection, target: str | None) -> list[Judgement]:
    """The judgements whose target (or other entity) is `target` (all for None), and for an
    entity the judgements of facts that involved it when they were made."""
    query = select(judgements, judgement_results.c.status, judgement_results.c.message)
    query = query.outerjoin(
        judgement_results, judgement_results.c.judgement_id == judgements.c.id
    ).order_by(judgements.c.id)
    found = [_judgement(r) for r in conn.execute(query).mappings()]
    if target is None:
        return found
    return [
        j
        for j in found
        if target in (j.target, j.other) or target in j.snapshot.get("entities", ())
    ]


def get_judgement(db: Database, judgement_id: int) -> Judgement:
    """One judgement by number."""
    found = [j for j in list_judgements(db) if j.id == judgement_id]
    if not found:
        raise NotFoundError(
            f"there is no judgement {judgement_id}; `pressgraph judge list` shows them"
        )
    return found[0]


def read_judgements(conn: Connection) -> list[Judgement]:
    """Every judgement, in order, inside a caller's transaction (for resolution)."""
    rows = conn.execute(select(judgements).order_by(judgements.c.id)).mappings()
    return [_judgement(r) for r in rows]


def _judgement(r: RowMapping) -> Judgement:
    return Judgement(
        id=r["id"],
        action=r["action"],
        target=r["target"],
        other=r["other"],
        value=r["value"],
        why=r["why"],
        who=r["who"],
        at=r["at"],
        snapshot=json.loads(r["snapshot"] or "{}"),
        status=r.get("status"),
        message=r.get("message"),
    )


def undone(found: Iterable[Judgement]) -> set[int]:
    """Ids of the judgements an undo cancels (an undo of an undo brings one back)."""
    cancelled: set[int] = set()
    for j in found:
        if j.action == "undo" and j.target.isdigit():
            cancelled ^= {int(j.target)}
    return cancelled


def write_results(conn: Connection, results: dict[int, tuple[str, str]]) -> None:
    """Replace how the given judgements fared: id -> (status, message)."""
    if not results:
        return
    ids = list(results)
    conn.execute(delete(judgement_results).where(judgement_results.c.judgement_id.in_(ids)))
    conn.execute(
        judgement_results.insert(),
        [{"judgement_id": i, "status": s, "message": m} for i, (s, m) in results.items()],
    )


def replace_rejected(conn: Connection, rows: list[tuple[str, int, int]]) -> None:
    """Replace the list of rejected facts: (fact, row id, judgement id)."""
    conn.execute(delete(rejected_facts))
    if rows:
        conn.execute(
            rejected_facts.insert(),
            [{"fact": f, "row_id": r, "judgement_id": j} for f, r, j in dict.fromkeys(rows)],
        )


def rejected_ids(db: Database, fact: str) -> set[int]:
    """Row ids of the rejected facts of one kind (role, statement, claim, relation)."""
    query = select(rejected_facts.c.row_id).where(rejected_facts.c.fact == fact)
    with db.read() as conn:
        return {int(i) for i in conn.execute(query).scalars()}


# Set only while a logged-in curator's HTML page is queried (`showing_rejected`): the page
# then lists rejected facts in place, struck through, so they can be seen and undone. A
# context variable rather than a parameter threaded through every page query; it is set
# and reset in the one thread that runs the query, so no other request ever sees it.
_SHOW_REJECTED: ContextVar[bool] = ContextVar("pressgraph_show_rejected", default=False)


@contextmanager
def showing_rejected(on: bool = True) -> Iterator[None]:
    """While inside (and `on`), `kept` keeps rejected facts too: for curators' pages only."""
    token = _SHOW_REJECTED.set(on)
    try:
        yield
    finally:
        _SHOW_REJECTED.reset(token)


def rejected_shown() -> bool:
    """Whether this request shows rejected facts (inside `showing_rejected`)."""
    return _SHOW_REJECTED.get()


def kept(table: Table) -> ColumnElement[bool]:
    """A condition on a fact table (roles, statements, claims, relations): not rejected
    (no condition inside `showing_rejected`, for a curator's page)."""
    if _SHOW_REJECTED.get():
        return true()
    return _not_rejected(table)


def _not_rejected(table: Table) -> ColumnElement[bool]:
    fact = _TABLE_FACT[table.name]
    gone = select(rejected_facts.c.row_id).where(rejected_facts.c.fact == fact)
    return table.c.id.not_in(gone)


def kept_in(conn: Connection, table: Table) -> ColumnElement[bool]:
    """`kept(table)`, or no condition while the database has no judgement tables yet
    (migration 6 sums the facts before migration 9 adds them)."""
    if not inspect(conn).has_table(rejected_facts.name):
        return true()
    return _not_rejected(table)  # the sums never count a rejected fact, whoever asks


def merged_into(db: Database, entity_id: str) -> str | None:
    """The entity an applied merge folded `entity_id` into (following chains), or None."""
    with db.read() as conn:
        into = applied_merges(conn)
    found = follow_merges(into, entity_id)
    return None if found == entity_id else found


def applied_merges(conn: Connection) -> dict[str, str]:
    """Entity -> the entity an applied merge judgement folded it into."""
    query = (
        select(judgements.c.target, judgements.c.other)
        .join(judgement_results, judgement_results.c.judgement_id == judgements.c.id)
        .where(judgements.c.action == "merge", judgement_results.c.status == "applied")
        .order_by(judgements.c.id)
    )
    return {str(r[0]): str(r[1]) for r in conn.execute(query)}


def follow_merges(into: dict[str, str], entity_id: str) -> str:
    """Where a chain of merges from `entity_id` ends (a cycle stops where it closes)."""
    seen = {entity_id}
    while entity_id in into and into[entity_id] not in seen:
        entity_id = into[entity_id]
        seen.add(entity_id)
    return entity_id


# --- fact keys ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class FactKey:
    """A fact named so that re-annotation finds it again: kind, story, offsets, and for a
    relation its kind and ends."""

    fact: str
    story: str
    start: int
    end: int
    extra: str = ""

    def __str__(self) -> str:
        base = f"{self.fact}:{self.story}#{self.start}-{self.end}"
        return f"{base}#{self.extra}" if self.extra else base


def relation_extra(kind: str, source: str | None, target: str | None) -> str:
    """The part of a relation's key after its offsets."""
    return f"{kind}:{source or ''}>{target or ''}"


def parse_fact_key(text: str) -> FactKey:
    """A fact key from its text form; a JudgementError says what one looks like."""
    fact, _, rest = text.partition(":")
    story, _, tail = rest.partition("#")
    span, _, extra = tail.partition("#")
    start, _, end = span.partition("-")
    if (
        fact not in FACTS
        or fact == "event"
        or not story
        or not start.isdigit()
        or not end.isdigit()
    ):
        raise JudgementError(
            f"{text!r} is not a fact: give an event id (event:...), a fact key such as "
            "claim:<story>#<start>-<end> (the `key` of an exported record), or claim:<number> "
            "(a row number shown by the pages and the export)"
        )
    return FactKey(fact, story, int(start), int(end), extra)
