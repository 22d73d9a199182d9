"""Write the export contract as JSON lines: one object per record, `type` naming it."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TextIO

from pressgraph.extract.measures import normalized
from pressgraph.records import StoredDocument
from pressgraph.store.aliases import former_ids
from pressgraph.store.annotations import all_mentions, all_roles, load_entities
from pressgraph.store.db import Database
from pressgraph.store.documents import iter_documents
from pressgraph.store.judgements import FactKey, rejected_ids, relation_extra
from pressgraph.store.queries import list_claims, list_events, list_relations, list_statements


def document_record(doc: StoredDocument) -> dict[str, Any]:
    """The contract's `document` record (plus version, url and hash, which tools may use)."""
    return {
        "type": "document",
        "id": doc.id,
        "source": doc.source,
        "title": doc.title,
        "published": doc.published,
        "language": doc.language,
        "images": list(doc.images),
        "removed": [
            {"id": r.id, "kind": r.kind, "text": r.text, "start": r.start, "end": r.end}
            for r in doc.removed
        ],
        "stories": [s.id for s in doc.stories],
        "version": doc.version,
        "url": doc.url,
        "content_hash": doc.content_hash,
    }


def story_records(doc: StoredDocument) -> Iterator[dict[str, Any]]:
    """The contract's `story` records of one document."""
    for story in doc.stories:
        yield {
            "type": "story",
            "id": story.id,
            "document": story.document,
            "headline": story.headline,
            "date": story.date,
            "main": story.main,
            "text": story.text,
            "date_source": story.date_source,
            "duplicate_of": story.duplicate_of,
        }


def entity_records(db: Database) -> Iterator[dict[str, Any]]:
    """The contract's `entity` records; `former_ids` lists the old ids that stand for the
    entity now (merged into it or renamed to it), which pages redirect from."""
    former = former_ids(db)
    for e in load_entities(db):
        yield {
            "type": "entity",
            "id": e.id,
            "kind": e.kind,
            "name": e.name,
            "aliases": list(e.aliases),
            "acronym": e.acronym,
            "parent": e.parent,
            "rank": e.rank,
            "gazetteer": e.gazetteer_id,
            "former_ids": former.get(e.id, []),
        }


def mention_records(db: Database) -> Iterator[dict[str, Any]]:
    """The contract's `mention` records; `story` is null for a mention in a press signature,
    which `removed` (the id of the removed furniture item) then locates."""
    for m in all_mentions(db):
        story, removed = _evidence(m.story)
        yield {
            "type": "mention",
            "entity": m.entity,
            "story": story,
            "start": m.mention.start,
            "end": m.mention.end,
            "text": m.mention.text,
            "kind": m.mention.kind,
            "source": m.mention.source,
            "removed": removed,
        }


def role_records(db: Database) -> Iterator[dict[str, Any]]:
    """The contract's `role` records (posts held), with the evidence phrase; `key` names the
    fact for judgements (`pressgraph judge reject KEY`). Rejected posts are left out."""
    rejected = rejected_ids(db, "role")
    for r in all_roles(db):
        if r.id in rejected:
            continue
        story, removed = _evidence(r.role.story)
        key = FactKey("role", r.role.story, r.role.start, r.role.end)
        yield {
            "type": "role",
            "person": r.person,
            "title": r.role.title,
            "organization": r.organization,
            "country": r.country,
            "date": r.role.date,
            "story": story,
            "start": r.role.start,
            "end": r.role.end,
            "text": r.role.text,
            "removed": removed,
            "key": str(key),
        }


def _evidence(target: str) -> tuple[str | None, int | None]:
    if target.startswith("removed:"):
        return None, int(target.removeprefix("removed:"))
    return target, None


def event_records(db: Database) -> Iterator[dict[str, Any]]:
    """The contract's `event` records: one per real event, with every story that reports it."""
    for e in list_events(db):
        yield {
            "type": "event",
            "id": e.id,
            "kind": e.kind,
            "name": e.name,
            "start": e.start,
            "end": e.end,
            "place": e.place,
            "format": e.format,
            "organizers": list(e.organizers),
            "chair": e.chair,
            "participants": [{"entity": p, "role": part} for p, part in e.participants],
            "stories": list(e.stories),
        }


def statement_records(db: Database) -> Iterator[dict[str, Any]]:
    """The contract's `statement` records."""
    for s in list_statements(db):
        yield {
            "type": "statement",
            "id": s.id,
            "speaker": s.speaker,
            "story": s.story,
            "event": s.event,
            "verb": s.verb,
            "quote": s.quote,
            "text": s.text,
            "start": s.start,
            "end": s.end,
            "key": str(FactKey("statement", s.story, s.start, s.end)),
        }


def claim_records(db: Database) -> Iterator[dict[str, Any]]:
    """The contract's `claim` records; `source` is the vouching organization's entity id and
    `source_text` the phrase ("according to the estimates of the Joint Staff"); `dimension`,
    `base_unit`, `base_low` and `base_high` put amounts in one unit per dimension (790
    kilograms and 0.79 tons are both 790 kilogram of mass; a count is its own unit)."""
    for c in list_claims(db):
        base = normalized(c.low, c.high, c.unit)  # kilograms and tons compare in one unit
        yield {
            "type": "claim",
            "id": c.id,
            "speaker": c.speaker,
            "source": c.authority,
            "source_text": c.authority_text,
            "story": c.story,
            "statement": c.statement,
            "low": c.low,
            "high": c.high,
            "approx": c.approx,
            "unit": c.unit,
            "dimension": base.dimension,
            "base_unit": base.unit,
            "base_low": base.low,
            "base_high": base.high,
            "subject": c.subject,
            "subject_text": c.subject_text,
            "date": c.date,
            "text": c.text,
            "start": c.start,
            "end": c.end,
            "key": str(FactKey("claim", c.story, c.start, c.end)),
        }


def relation_records(db: Database) -> Iterator[dict[str, Any]]:
    """The contract's `relation` records."""
    for r in list_relations(db):
        extra = relation_extra(r.kind, r.source, r.target)
        yield {
            "type": "relation",
            "source": r.source,
            "target": r.target,
            "kind": r.kind,
            "date": r.date,
            "story": r.story,
            "start": r.start,
            "end": r.end,
            "key": str(FactKey("relation", r.story, r.start, r.end, extra)),
        }


def records(db: Database) -> Iterator[dict[str, Any]]:
    """Every exportable record: documents with their stories, then entities, mentions, roles,
    events, statements, claims and relations.

    A story stored on several pages (the same release at two addresses, a repeated sidebar)
    is annotated once; its facts are written for its first copy and, marked `copy_of` (the
    first copy's record), for every later copy with the same text, so each page's records
    carry what the page says. Tools that count facts skip the records with `copy_of`."""
    digests: dict[str, bytes] = {}
    later: list[tuple[str, str, bytes]] = []
    for doc in iter_documents(db):
        yield document_record(doc)
        yield from story_records(doc)
        for story in doc.stories:
            digest = hashlib.sha256(story.text.encode("utf-8")).digest()
            if story.duplicate_of is None:
                digests[story.id] = digest
            else:
                later.append((story.duplicate_of, story.id, digest))
    copies: dict[str, list[str]] = {}
    for first, copy, digest in later:
        if digests.get(first) == digest:  # the same text: the same offsets
            copies.setdefault(first, []).append(copy)
    yield from entity_records(db)
    for facts in (mention_records, role_records, statement_records, claim_records):
        yield from _with_copies(facts(db), copies)
    for event in event_records(db):
        event["stories"] += [c for s in event["stories"] for c in copies.get(s, [])]
        yield event
    yield from _with_copies(relation_records(db), copies)


def _with_copies(
    found: Iterator[dict[str, Any]], copies: dict[str, list[str]]
) -> Iterator[dict[str, Any]]:
    """Each record, then a copy of it for every later copy of its story."""
    for record in found:
        yield record
        for story in copies.get(record.get("story") or "", []):
            copy = {**record, "story": story, "copy_of": record.get("id", record["story"])}
            if "id" in record:
                copy["id"] = f"{record['id']}@{story}"
            yield copy


def write_jsonl(db: Database, out: TextIO) -> Counter[str]:
    """Write all records to `out`; return how many of each type were written."""
    return write_records(records(db), out)


def write_records(
    found: Iterable[dict[str, Any]],
    out: TextIO,
    progress: Callable[[int], None] = lambda _n: None,
) -> Counter[str]:
    """Write `found` records as JSON lines; `progress(n)` every thousand records."""
    written: Counter[str] = Counter()
    for n, record in enumerate(found, start=1):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        written[record["type"]] += 1
        if n % 1000 == 0:
            progress(n)
    return written
