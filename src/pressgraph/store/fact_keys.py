"""The facts as judgements name them: stable keys for the current rows, and a fact found by
what a person types (a key, an event id, or `claim:123`, the row number pages show)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Table, func, select

from pressgraph.errors import NotFoundError
from pressgraph.store.db import Database
from pressgraph.store.judgements import FactKey, JudgementError, parse_fact_key, relation_extra
from pressgraph.store.schema import (
    claims,
    event_members,
    events,
    relations,
    roles,
    statements,
    stories,
)

TABLES: dict[str, Table] = {
    "role": roles,
    "statement": statements,
    "claim": claims,
    "relation": relations,
}


def row_key(fact: str, row: Any) -> str:
    """The key of a fact row (a mapping with story_id/removed_id, start, end, ...)."""
    story = row["story_id"] or f"removed:{row['removed_id']}"
    extra = ""
    if fact == "relation":
        extra = relation_extra(row["kind"], row["source_id"], row["target_id"])
    return str(FactKey(fact, story, row["start"], row["end"], extra))


def _columns(table: Table) -> list[Any]:
    wanted = ["id", "story_id", "removed_id", "start", "end", "kind", "source_id", "target_id"]
    return [table.c[c] for c in wanted if c in table.c]


def current_keys(conn: Connection) -> dict[str, tuple[str, int]]:
    """Key -> (fact, row id) of every role, statement, claim and relation stored now."""
    found: dict[str, tuple[str, int]] = {}
    for fact, table in TABLES.items():
        for r in conn.execute(select(*_columns(table))).mappings():
            found.setdefault(row_key(fact, _with_defaults(r)), (fact, int(r["id"])))
    return found


def _with_defaults(r: Any) -> dict[str, Any]:
    return {"removed_id": None, "kind": None, "source_id": None, "target_id": None, **r}


def find_fact(db: Database, text: str) -> tuple[str, dict[str, Any]]:
    """(key, snapshot) of the fact `text` names: an event id, a fact key, or `claim:123`."""
    text = text.strip()
    with db.read() as conn:
        if text.startswith("event:"):
            return _event(conn, text)
        fact, _, rest = text.partition(":")
        if fact in TABLES and rest.isdigit():
            row = (
                conn.execute(select(TABLES[fact]).where(TABLES[fact].c.id == int(rest)))
                .mappings()
                .first()
            )
            if row is None:
                raise NotFoundError(f"there is no {fact} number {rest}; check the number")
            return row_key(fact, _with_defaults(row)), snapshot(conn, fact, row)
        key = parse_fact_key(text)
        for found_key, (kind, row_id) in current_keys(conn).items():
            if found_key == str(key):
                table = TABLES[kind]
                row = conn.execute(select(table).where(table.c.id == row_id)).mappings().one()
                return found_key, snapshot(conn, kind, row)
    raise NotFoundError(f"no {key.fact} is stored at {text}; the export lists every fact's key")


def _event(conn: Connection, event_id: str) -> tuple[str, dict[str, Any]]:
    row = conn.execute(select(events).where(events.c.id == event_id)).mappings().first()
    if row is None:
        raise NotFoundError(f"there is no event {event_id}; `pressgraph events` lists them")
    members = select(event_members.c.entity_id).where(event_members.c.event_id == event_id)
    # Who took part, so that each one's page lists the rejection (and its undo) for curators.
    named = [*conn.execute(members.limit(200)).scalars(), row["place_id"], row["chair_id"]]
    shot = {
        "text": row["name"] or row["kind"],
        "kind": row["kind"],
        "start": row["start"],
        "entities": list(dict.fromkeys(e for e in named if e)),
    }
    return event_id, shot


def snapshot(conn: Connection, fact: str, row: Any) -> dict[str, Any]:
    """What the fact says, kept with a judgement so the log reads well after it is gone."""
    text = row.get("text")
    if text is None:  # relations keep only offsets: read the words from the story
        said = func.substr(stories.c.text, row["start"] + 1, row["end"] - row["start"])
        text = conn.execute(select(said).where(stories.c.id == row["story_id"])).scalar()
    people = [row.get(c) for c in ("person_id", "speaker_id", "subject_id", "source_id")]
    others = [row.get(c) for c in ("organization_id", "target_id", "authority_id", "country_id")]
    return {
        "fact": fact,
        "text": text or "",
        "story": row.get("story_id"),
        "entities": [e for e in (*people, *others) if e],
    }


def check_fact_kind(key: str) -> str:
    """The kind of fact a key names (event, role, ...)."""
    if key.startswith("event:"):
        return "event"
    try:
        return parse_fact_key(key).fact
    except JudgementError:
        return "entity"
