"""Write the export contract as JSON lines: one object per record, `type` naming it."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from typing import Any, TextIO

from pressgraph.records import StoredDocument
from pressgraph.store.db import Database
from pressgraph.store.documents import iter_documents


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
            {"kind": r.kind, "text": r.text, "start": r.start, "end": r.end} for r in doc.removed
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
        }


def records(db: Database) -> Iterator[dict[str, Any]]:
    """Every exportable record, document by document."""
    for doc in iter_documents(db):
        yield document_record(doc)
        yield from story_records(doc)


def write_jsonl(db: Database, out: TextIO) -> Counter[str]:
    """Write all records to `out`; return how many of each type were written."""
    written: Counter[str] = Counter()
    for record in records(db):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        written[record["type"]] += 1
    return written
