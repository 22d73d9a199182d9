"""Finding dates in running text: every pattern is tried, the longest matches win, and each
becomes a DateMention; parse_date reads a text that is one date and nothing else."""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from pressgraph.extract.dates.rules import RULES, Value, bare_year

_BARE_NUMBER = re.compile(r"[0-9]{4}")
_LEAD = re.compile(r"(?:(?:[Oo][Nn]|[Ii][Nn])[^\S\n]+)?")


@dataclass(frozen=True)
class DateMention:
    """One date found in a text: where it is, what it says, and how sure its year is."""

    start: int
    end: int
    text: str
    value: str
    end_value: str | None
    precision: str
    relative: bool


class _Candidate(NamedTuple):
    """A pattern match: its span and value, or None when it looked like a date but is not."""

    start: int
    end: int
    value: Value | None


def _candidates(text: str, anchor: dt.date | None) -> list[_Candidate]:
    """Every match of every pattern, rejected ones included (they block shorter matches)."""
    return [
        _Candidate(m.start("span"), m.end("span"), RULES[rule][1](m, anchor))
        for rule, m in _matches(text)
    ]


@lru_cache(maxsize=256)
def _matches(text: str) -> tuple[tuple[int, re.Match[str]], ...]:
    """(rule, match) of every pattern in `text`, kept for the texts read last: a story's
    text is read against more than one anchor (its events, its figures), by components that
    each read a batch of stories (and shorter texts: headlines, sentences) before the next."""
    return tuple(
        (rule, m) for rule, (pattern, _) in enumerate(RULES) for m in pattern.finditer(text)
    )


def _overlaps(taken: list[_Candidate], cand: _Candidate) -> bool:
    """Whether cand overlaps one of `taken` (sorted by start, pairwise disjoint)."""
    i = bisect.bisect_left(taken, cand.start, key=lambda c: c.start)
    after = i < len(taken) and taken[i].start < cand.end
    return after or (i > 0 and taken[i - 1].end > cand.start)


def _choose(candidates: list[_Candidate]) -> list[_Candidate]:
    """Non-overlapping candidates, longest first; a rejected long match hides what it covers."""
    taken: list[_Candidate] = []
    for cand in sorted(candidates, key=lambda c: (c.start - c.end, c.start, c.value is None)):
        if not _overlaps(taken, cand):
            bisect.insort(taken, cand, key=lambda c: c.start)
    return taken


def find_dates(text: str, *, anchor: dt.date | None = None) -> list[DateMention]:
    """All dates in text, sorted by start, non-overlapping (longest match wins)."""
    return list(_found(text, anchor))


@lru_cache(maxsize=64)
def _found(text: str, anchor: dt.date | None) -> tuple[DateMention, ...]:
    """find_dates, kept for the texts read last: every component of the pipeline reads the
    dates of the same story."""
    return tuple(
        DateMention(c.start, c.end, text[c.start : c.end], *c.value)
        for c in _choose(_candidates(text, anchor))
        if c.value is not None
    )


def parse_date(text: str, *, anchor: dt.date | None = None) -> DateMention | None:
    """The date if the WHOLE text (stripped, optional leading "On "/trailing ".") is one date."""
    start = len(text) - len(text.lstrip())
    lead = _LEAD.match(text, start)
    start = lead.end() if lead else start
    end = len(text.rstrip())
    ends = {end, end - 1} if text[start:end].endswith(".") else {end}
    found = [m for m in find_dates(text, anchor=anchor) if m.start == start and m.end in ends]
    if found:
        return found[0]
    return _bare_year_mention(text, start, min(ends))


def _bare_year_mention(text: str, start: int, end: int) -> DateMention | None:
    """A text that is nothing but a plausible year ("2019") is that year."""
    if not _BARE_NUMBER.fullmatch(text, start, end):
        return None
    year = bare_year(text[start:end])
    if year is None:
        return None
    return DateMention(start, end, text[start:end], f"{year:04d}", None, "year", False)
