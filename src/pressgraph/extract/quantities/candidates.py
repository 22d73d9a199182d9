"""Candidate figures in a stretch of text, before their unit is looked for: each number with its
hedge and currency sign, without dates, document numbers ("resolution 2178", "No. 15") and
list item numbers ("1.Manage ...")."""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from pressgraph.extract.dates import find_dates
from pressgraph.extract.quantities.lexicon import LEXICON
from pressgraph.extract.quantities.patterns import CANDIDATE, HEDGE_BEFORE, canonical
from pressgraph.extract.quantities.reading import Figure, read_body, read_vague

# Any date will do: find_dates needs an anchor to report day-month dates without a year
# ("25 July"), and here only where dates are matters, not what they resolve to.
_DATE_ANCHOR = dt.date(2000, 1, 1)
_WORD_BEFORE = re.compile(r"(?P<w>\S+)[^\S\n]+$")
_OPEN_PUNCT = "([«\"'“‘"
_ITEM_MARKS = frozenset(".)")  # after a list item's number


class Candidate(NamedTuple):
    """A number found in the text before its unit is looked for."""

    start: int  # the hedge, range opener or currency sign included
    num_start: int
    num_end: int
    figure: Figure
    vague: bool
    currency: tuple[str, int, int] | None  # unit, start, end of a currency sign
    hedged: bool
    body: str = ""  # the number or range as written (empty for a vague plural)


def _hedge(text: str, start: int, floor: int) -> tuple[str, int] | None:
    """(approx, start) of a hedge written right before `start` and after `floor`, if any."""
    m = HEDGE_BEFORE.search(text, max(floor, start - 40), start)
    return None if m is None else (LEXICON.hedges[canonical(m.group("h"))], m.start("h"))


def _word_before(text: str, start: int) -> str:
    """The whitespace-separated word right before `start`, lower-cased, opening marks cut."""
    m = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return m.group("w").lower().lstrip(_OPEN_PUNCT) if m else ""


def _is_document_number(text: str, start: int) -> bool:
    """Whether a number is a document or item number ('resolution 2178', 'No. 15')."""
    return _word_before(text, start) in LEXICON.prefixes


def _is_list_number(text: str, start: int, end: int) -> bool:
    """Whether a number opens its line as an item number: "1.Manage ...", "2) Legal ..."."""
    line = text.rfind("\n", 0, start) + 1
    return not text[line:start].strip() and text[end : end + 1] in _ITEM_MARKS


def _candidate(m: re.Match[str], floor: int, decimal_comma: bool) -> Candidate | None:
    """A candidate from a match: its figure with hedge, range and currency sign read."""
    text = m.string
    if _is_list_number(text, m.start(), m.end()):
        return None
    vague = m.group("vague") is not None
    if vague:
        figure = read_vague(m.group("vague"))
    else:
        figure = read_body(m.group("body"), decimal_comma=decimal_comma)
    if figure is None or _is_document_number(text, m.start()):
        return None
    currency = None
    if m.group("cur"):
        currency = (LEXICON.currency[canonical(m.group("cur"))], m.start("cur"), m.end("cur"))
    hedge = _hedge(text, m.start(), floor)
    body = m.group("body") or ""
    if hedge is None:
        return Candidate(m.start(), m.start(), m.end(), figure, vague, currency, False, body)
    approx = figure.approx if figure.approx == "range" else hedge[0]  # "about 20-30": a range
    return Candidate(
        hedge[1], m.start(), m.end(), figure._replace(approx=approx), vague, currency, True, body
    )


def _in_dates(start: int, end: int, dates: list[tuple[int, int]]) -> bool:
    """Whether [start, end) overlaps one of the date spans."""
    return any(s < end and start < e for s, e in dates)


def find_candidates(
    text: str, start: int, end: int, *, decimal_comma: bool = False
) -> list[Candidate]:
    """Every number in text[start:end] that is not inside a date (the dates are looked for
    only in a stretch with a number: most sentences have none)."""
    found = [
        cand
        for m in CANDIDATE.finditer(text, start, end)
        if (cand := _candidate(m, start, decimal_comma)) is not None
    ]
    if not found:
        return found
    dates = [
        (d.start + start, d.end + start) for d in find_dates(text[start:end], anchor=_DATE_ANCHOR)
    ]
    return [c for c in found if not _in_dates(c.num_start, c.num_end, dates)]
