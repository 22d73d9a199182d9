"""Make a judgement: check that its target exists now, store it, and resolve again so it
takes effect; the CLI (`pressgraph judge`) and the curators' web forms both come here.

Entity judgements and undos run the whole resolution again (seconds on a large base); a
reject, confirm or note on a fact only matches the facts again and re-sums the pages' tables.
Judgements are also read from and written to JSON lines, so a team can share them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import func, select

from pressgraph.errors import NotFoundError
from pressgraph.store import derived
from pressgraph.store.db import Database
from pressgraph.store.entities import find_entity
from pressgraph.store.fact_keys import find_fact
from pressgraph.store.judgements import (
    ACTIONS,
    FACTS,
    Judgement,
    JudgementError,
    NewJudgement,
    add_judgement,
    get_judgement,
    list_judgements,
)
from pressgraph.store.schema import mentions

KINDS = ("person", "organization", "country", "place")


def judge(
    db: Database,
    action: str,
    target: str,
    *,
    why: str,
    who: str,
    other: str | None = None,
    value: str | None = None,
) -> Judgement:
    """Check, store and apply one judgement; return it with how it fared."""
    new = prepare(db, action, target, why=why, who=who, other=other, value=value)
    made = add_judgement(db, new)
    apply_again(db, full=action == "undo" or not _names_fact(new.target))
    return get_judgement(db, made.id)


def prepare(
    db: Database,
    action: str,
    target: str,
    *,
    why: str,
    who: str,
    other: str | None = None,
    value: str | None = None,
) -> NewJudgement:
    """The judgement with its target named canonically and a snapshot of it."""
    if action not in ACTIONS:
        raise JudgementError(f"unknown action {action!r}; use one of {', '.join(ACTIONS)}")
    if action in ("reject", "confirm") or (action == "note" and _names_fact(target)):
        key, shot = find_fact(db, target)
        return NewJudgement(action, key, why or (value or ""), who, None, value, shot)
    if action == "undo":
        get_judgement(db, int(target) if target.isdigit() else -1)
        return NewJudgement(action, target, why, who)
    entity = find_entity(db, target)
    shot = {"name": entity.name, "kind": entity.kind, "aliases": list(entity.aliases)}
    if action == "merge":
        other = find_entity(db, other or "").id
    elif action == "split":
        other = _split_target(db, entity.id, other or "")
    elif action == "kind" and value not in KINDS:
        raise JudgementError(f"kind {value!r} is not one of {', '.join(KINDS)}")
    elif action in ("rename", "note") and not (value or "").strip():
        raise JudgementError(f"give the {'new name' if action == 'rename' else 'note'}")
    return NewJudgement(action, entity.id, why or (value or ""), who, other, value, shot)


def _names_fact(target: str) -> bool:
    return target.split(":", 1)[0] in FACTS


def _split_target(db: Database, entity_id: str, other: str) -> str:
    """`mention:<story>#<start>-<end>` or `form:<text>`, checked against the mentions."""
    how, _, which = other.partition(":")
    query = select(func.count()).select_from(mentions).where(mentions.c.entity_id == entity_id)
    if how == "form" and which.strip():
        query = query.where(func.lower(mentions.c.text) == which.strip().lower())
    elif how == "mention" and "#" in which:
        story, _, span = which.partition("#")
        start, _, end = span.partition("-")
        if not (start.isdigit() and end.isdigit()):
            raise JudgementError(f"{which!r}: a mention is <story>#<start>-<end>")
        column = mentions.c.removed_id if story.startswith("removed:") else mentions.c.story_id
        place = int(story.split(":")[1]) if story.startswith("removed:") else story
        query = query.where(
            column == place, mentions.c.start == int(start), mentions.c.end == int(end)
        )
    else:
        raise JudgementError("split by --form TEXT (a spelling) or --mention STORY#START-END")
    with db.read() as conn:
        if not conn.execute(query).scalar():
            raise NotFoundError(f"{entity_id} has no mention matching {other!r}")
    return f"{how}:{which.strip()}"


def apply_again(db: Database, *, full: bool = True) -> None:
    """Resolve again so the judgements take effect (only the facts' part unless `full`)."""
    from pressgraph.resolve.entities import resolve
    from pressgraph.resolve.facts import resolve_facts
    from pressgraph.resolve.judged import apply_to_facts

    if full:
        resolve(db)
        resolve_facts(db)
        return
    with db.begin() as conn:
        apply_to_facts(conn)
        derived.refresh(conn)


# --- sharing -----------------------------------------------------------------------------------

FIELDS = ("id", "action", "target", "other", "value", "why", "who", "at", "snapshot")


def judgement_records(db: Database) -> Iterator[dict[str, Any]]:
    """Every judgement as a JSON-able record (`type` judgement), in order."""
    for j in list_judgements(db):
        yield {"type": "judgement", **{f: getattr(j, f) for f in FIELDS}, "status": j.status}


def import_records(db: Database, lines: Iterable[str]) -> tuple[int, int]:
    """Add the judgements of a JSONL export not already here (same action, target, other,
    value, who and time); an undo is renumbered to the judgement it undoes here. Returns
    (added, already here); resolves again once if anything was added."""
    have = {_identity(j.__dict__): j.id for j in list_judgements(db)}
    numbers: dict[int, int] = {}
    added = skipped = 0
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        record = _record(line, n)
        if record["action"] == "undo":
            record["target"] = str(numbers.get(int(record["target"]), record["target"]))
        if _identity(record) in have:
            numbers[int(record["id"])] = have[_identity(record)]
            skipped += 1
            continue
        new = NewJudgement(
            record["action"], record["target"], record["why"], record["who"],
            record.get("other"), record.get("value"), record.get("snapshot") or {},
        )  # fmt: skip
        made = add_judgement(db, new, at=record["at"])
        numbers[int(record["id"])] = made.id
        have[_identity(record)] = made.id
        added += 1
    if added:
        apply_again(db)
    return added, skipped


def _identity(r: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(r.get(f) for f in ("action", "target", "other", "value", "who", "at"))


def _record(line: str, n: int) -> dict[str, Any]:
    try:
        record = json.loads(line)
        if record.get("type") == "judgement" and all(f in record for f in FIELDS):
            return dict(record)
    except (json.JSONDecodeError, AttributeError):
        pass
    raise JudgementError(
        f"line {n} is not a judgement record; give a file written by `pressgraph judge export`"
    )
