"""Read a JSONL export (the export contract, as `pressgraph export` writes it) into the
lookups the scorer needs. Records stay the JSON objects they are: the scorer reads them the
way the shared scorer does, field by field with defaults."""

from __future__ import annotations

import json
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pressgraph.errors import EvaluationError

Record = dict[str, Any]


@dataclass
class Export:
    """The records of one export by type, with entities and stories by id, documents by
    file name and mentions by story."""

    by_type: defaultdict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    entities: dict[Any, Record] = field(default_factory=dict)
    stories: dict[Any, Record] = field(default_factory=dict)
    docs_by_file: defaultdict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    stories_by_document: defaultdict[Any, list[Record]] = field(
        default_factory=lambda: defaultdict(list)
    )
    mentions_by_story: defaultdict[Any, list[Record]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def of(self, kind: str) -> list[Record]:
        """Every record of one type ("role", "event", ...), in export order."""
        return self.by_type.get(kind, [])

    def add(self, record: Record) -> None:
        """File one record under its type and in the lookups."""
        kind = record.get("type")
        self.by_type[str(kind)].append(record)
        if kind == "entity":
            self.entities[record["id"]] = record
        elif kind == "story":
            self.stories[record["id"]] = record
            self.stories_by_document[record.get("document")].append(record)
        elif kind == "document":
            # os.path.basename, not Path.name, as the shared scorer pairs: a source ending
            # in "/" (https://example.org/news/12/) has the empty name there, not "12"
            source = str(record.get("source", ""))
            self.docs_by_file[os.path.basename(source)].append(record)  # noqa: PTH119
        elif kind == "mention":
            self.mentions_by_story[record.get("story")].append(record)


def _record(line: str, where: str) -> Record:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise EvaluationError(
            f"{where}: not valid JSON ({exc.msg}); give an export written by "
            "`pressgraph export` or fix the line"
        ) from exc
    if not isinstance(record, dict) or not isinstance(record.get("type"), str):
        raise EvaluationError(
            f'{where}: every line of an export is a JSON object with a "type"; fix the line'
        )
    if record["type"] in ("entity", "story", "event") and "id" not in record:
        raise EvaluationError(f'{where}: every {record["type"]} record needs an "id"; fix the line')
    return record


def read_export(path: str | Path) -> Export:
    """The export at `path`; a missing file or a bad line is an EvaluationError."""
    path = Path(path)
    found = Export()
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if line.strip():
                    found.add(_record(line.strip(), f"{path}, line {number}"))
    except FileNotFoundError:
        raise EvaluationError(
            f"{path}: no such export; write one with `pressgraph export OUT.jsonl` or let "
            "`pressgraph evaluate` ingest the pages"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError(f"{path}: cannot read the export ({exc}); check the path") from exc
    return found
