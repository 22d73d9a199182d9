"""CSV cells that spreadsheets open cleanly and that read back to the same values.

Files are UTF-8 with a byte order mark: Excel reads a CSV without one in the machine's
legacy code page, which garbles `Peško` and every Cyrillic name; LibreOffice, pandas
(`encoding="utf-8-sig"`) and Python's csv module read it fine. Rows end in CRLF (RFC 4180).

A cell whose text starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be run as
a formula by a spreadsheet (text scraped from the web can start with anything), so it gets a
leading apostrophe, which spreadsheets hide; a cell that already started with an apostrophe
followed by one of those gets one more, so `uncell` undoes `cell` exactly.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import TextIO

ENCODING = "utf-8-sig"
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = " | "


def cell(value: object) -> str:
    """One value as a CSV cell: empty for None, true/false, whole floats without `.0`,
    lists joined by ` | `, formula-like text defused."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, list | tuple):
        return defuse(LIST_SEPARATOR.join(str(v) for v in value))
    if isinstance(value, int):
        return str(value)
    return defuse(str(value))


def defuse(text: str) -> str:
    """Text that no spreadsheet runs as a formula (see the module note)."""
    if text.startswith(TRIGGERS) or (text.startswith("'") and text[1:].startswith(TRIGGERS)):
        return "'" + text
    return text


def uncell(text: str) -> str:
    """The text `defuse` was given."""
    if text.startswith("'") and (
        text[1:].startswith(TRIGGERS) or (text[1:2] == "'" and text[2:].startswith(TRIGGERS))
    ):
        return text[1:]
    return text


def write_rows(out: TextIO, header: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """Write the header and the rows to `out` (opened with newline=""); return the row count."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    n = 0
    for row in rows:
        writer.writerow([cell(v) for v in row])
        n += 1
    return n


def to_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """A whole CSV file as text, with its byte order mark."""
    out = io.StringIO()
    out.write("\ufeff")
    write_rows(out, header, rows)
    return out.getvalue()
