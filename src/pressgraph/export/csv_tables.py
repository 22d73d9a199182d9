"""`export --format csv`: one CSV file per record type, in a folder or a zip file.

The columns are the export contract's fields (docs in the README), in the same order, so a
column means what the JSONL field means; ids join the files (`mentions.entity` is an
`entities.id`, `claims.story` a `stories.id`, ...). Lists are joined by ` | `; an event's
participants get a file of their own (`event_participants.csv`: event, entity, role), as do
the furniture removed from documents (`removed.csv`). See `cells.py` for the encoding.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any, TextIO

from pressgraph.errors import PressgraphError
from pressgraph.export.cells import ENCODING, cell, uncell

COLUMNS: dict[str, tuple[str, ...]] = {
    "document": (
        "id", "source", "title", "published", "language", "images", "stories", "version", "url",
        "content_hash",
    ),
    "story": ("id", "document", "headline", "date", "main", "text", "date_source", "duplicate_of"),
    "entity": (
        "id", "kind", "name", "aliases", "acronym", "parent", "rank", "gazetteer", "former_ids"
    ),
    "mention": ("entity", "story", "start", "end", "text", "kind", "source", "removed", "copy_of"),
    "role": (
        "person", "title", "organization", "country", "date", "story", "start", "end", "text",
        "removed", "key", "copy_of",
    ),
    "event": (
        "id", "kind", "name", "start", "end", "place", "format", "organizers", "chair", "stories",
    ),
    "event_participant": ("event", "entity", "role"),
    "statement": (
        "id", "speaker", "story", "event", "verb", "quote", "text", "start", "end", "key",
        "copy_of",
    ),
    "claim": (
        "id", "speaker", "source", "source_text", "story", "statement", "low", "high", "approx",
        "unit", "dimension", "base_unit", "base_low", "base_high", "subject", "subject_text",
        "date", "text", "start", "end", "key", "copy_of",
    ),
    "relation": ("source", "target", "kind", "date", "story", "start", "end", "key", "copy_of"),
    "removed": ("document", "id", "kind", "text", "start", "end"),
}  # fmt: skip
FILES = {kind: f"{kind}s.csv" for kind in COLUMNS} | {
    "story": "stories.csv",
    "entity": "entities.csv",
    "removed": "removed.csv",
}


class ExportError(PressgraphError):
    """An export cannot be written where it was asked to go."""

    exit_code = 2


def rows_of(record: dict[str, Any]) -> Iterator[tuple[str, list[Any]]]:
    """(record type, row) for a record of the contract, and the rows of its sub-tables."""
    kind = record["type"]
    yield kind, [record.get(c) for c in COLUMNS[kind]]
    if kind == "event":
        for p in record["participants"]:
            yield "event_participant", [record["id"], p["entity"], p["role"]]
    if kind == "document":
        for r in record["removed"]:
            yield "removed", [record["id"], r["id"], r["kind"], r["text"], r["start"], r["end"]]


def write_csv(
    found: Iterable[dict[str, Any]], out: str, progress: Callable[[int], None]
) -> Counter[str]:
    """Write the records as CSV files into the folder `out` (or the zip file `out.zip`);
    return how many rows each file got."""
    target = Path(out)
    if out == "-":
        raise ExportError("CSV is one file per record type: give a folder or a .zip, not -")
    if target.suffix.lower() == ".zip":
        return _write_zip(found, target, progress)
    if target.exists() and not target.is_dir():
        raise ExportError(f"{out} is a file: give a folder (made if missing) or a .zip path")
    target.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:

        def opener(kind: str) -> TextIO:
            handle = (target / FILES[kind]).open("w", encoding=ENCODING, newline="")
            return stack.enter_context(handle)

        return _write(found, opener, progress)


def _write_zip(
    found: Iterable[dict[str, Any]], target: Path, progress: Callable[[int], None]
) -> Counter[str]:
    buffers: dict[str, io.StringIO] = {}

    def opener(kind: str) -> TextIO:
        return buffers.setdefault(kind, io.StringIO())

    written = _write(found, opener, progress)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for kind, buffer in buffers.items():
            archive.writestr(FILES[kind], buffer.getvalue().encode(ENCODING))
    return written


def _write(
    found: Iterable[dict[str, Any]],
    opener: Callable[[str], TextIO],
    progress: Callable[[int], None],
) -> Counter[str]:
    """Every file gets its header, even when no record of its type is exported."""
    writers = {kind: csv.writer(opener(kind), lineterminator="\r\n") for kind in COLUMNS}
    for kind, writer in writers.items():
        writer.writerow(COLUMNS[kind])
    written: Counter[str] = Counter()
    for n, record in enumerate(found, start=1):
        for kind, row in rows_of(record):
            writers[kind].writerow([cell(v) for v in row])
            written[kind] += 1
        if n % 1000 == 0:
            progress(n)
    return written


def read_csv(path: Path) -> list[dict[str, str]]:
    """The rows of one exported CSV file as dicts of text (formula guards undone)."""
    with path.open(encoding=ENCODING, newline="") as handle:
        return [{k: uncell(v) for k, v in row.items()} for row in csv.DictReader(handle)]
