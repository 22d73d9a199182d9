"""Split a cleaned page into stories: the main story and any sidebar items glued to it.

A new story starts at a bare date line, at a headline with a date glued on, or at a
headline-like paragraph (short, no sentence ending) that follows a story body and opens a
dated lead ("On May 24, 2022, ..."); an undated one is a sub-heading of the story it is in. Each
story gets its date from, in order: its date line, its headline's date, a date at
the start of its lead, the page's metadata. The longest story is the main one,
unless every story is teaser-sized, which is what a page of sidebar items looks like.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from pressgraph.extract.dates import DateMention, find_dates, parse_date, trailing_date
from pressgraph.records import Story

_PARAGRAPH = re.compile(r"[^\n](?:.|\n(?!\n))*")
_HEADLINE_MAX_WORDS = 40
_HEADLINE_MIN_WORDS = 3
_SENTENCE_END = (".", "!", "?", ":", ";", "…", ",")
# A date this close to the start of a story's first paragraph is the story's date.
_LEAD_DATE_WINDOW = 120
# Below this many words every story of a multi-story page looks like a teaser.
_TEASER_MAX_WORDS = 120


@dataclass
class _Draft:
    date: str | None = None
    date_source: str | None = None
    headline: tuple[str, int | None, int | None] | None = None
    body: list[tuple[int, int]] = field(default_factory=list)
    after_body: bool = False  # opened by a bare headline right after another story's body

    @property
    def empty(self) -> bool:
        return self.headline is None and not self.body


def _paragraphs(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]


def _is_dateline(par: str) -> str | None:
    """The ISO date if the paragraph is only a date (with day precision)."""
    found = parse_date(par)
    return found.value if found is not None and found.precision == "day" else None


def _looks_like_headline(par: str) -> bool:
    """Short, one line, starts with a capital or digit, and does not end like a sentence."""
    words = par.split()
    return (
        "\n" not in par
        and _HEADLINE_MIN_WORDS <= len(words) <= _HEADLINE_MAX_WORDS
        and not par.rstrip("\"”»'").endswith(_SENTENCE_END)
        and (par[0].isupper() or par[0].isdigit() or par[0] in '"“«')
    )


def _lead_date(text: str, start: int, end: int, anchor: dt.date | None) -> str | None:
    """A day-precision date at the very start of a story's lead ("On May 24, 2022, ...")."""
    window = text[start : min(end, start + _LEAD_DATE_WINDOW)]
    for found in find_dates(window, anchor=anchor):
        if found.precision == "day" and found.end_value is None:
            return found.value
    return None


def _drafts(text: str) -> list[_Draft]:
    drafts = [_Draft()]
    for start, end in _paragraphs(text):
        par = text[start:end]
        current = drafts[-1]
        date = _is_dateline(par)
        if date is not None:
            if not current.empty:
                drafts.append(current := _Draft())
            current.date, current.date_source = date, "dateline"
            continue
        dated = trailing_date(par)
        if _looks_like_headline(dated[0] if dated else par) and not (
            current.headline is not None and not current.body
        ):
            if current.body:
                drafts.append(current := _Draft(after_body=True))
            current.headline = _headline_span(text, start, end, dated)
            if dated is not None and current.date is None:
                current.date, current.date_source = dated[1].value, "headline"
            continue
        current.body.append((start, end))
    return [d for d in drafts if d.body]


def _join_subheadings(text: str, drafts: list[_Draft], anchor: dt.date | None) -> list[_Draft]:
    """A bare headline after a story body, whose lead does not open with a date, is a
    sub-heading of that story ("Results of the meeting"): its draft joins the one before."""
    joined: list[_Draft] = []
    for d in drafts:
        heading = d.headline
        if (
            joined
            and d.after_body
            and d.date is None
            and heading is not None
            and heading[1] is not None
            and heading[2] is not None
            and _lead_date(text, d.body[0][0], d.body[0][1], anchor) is None
        ):
            joined[-1].body.extend([(heading[1], heading[2]), *d.body])
        else:
            joined.append(d)
    return joined


def _headline_span(
    text: str, start: int, end: int, dated: tuple[str, DateMention] | None
) -> tuple[str, int | None, int | None]:
    """The headline text and span, without a date glued to either end."""
    if dated is None:
        return text[start:end], start, end
    head = dated[0]
    offset = text.find(head, start, end)
    if offset < 0:
        return head, start, end
    return head, offset, offset + len(head)


def _choose_main(sizes: list[int]) -> int | None:
    """Index of the main story, or None when all stories are teaser-sized sidebar items."""
    if not sizes:
        return None
    if len(sizes) == 1:
        return 0
    if max(sizes) < _TEASER_MAX_WORDS:
        return None
    return max(range(len(sizes)), key=lambda i: (sizes[i], -i))


def split_stories(
    text: str, *, published: str | None = None, title: str | None = None
) -> list[Story]:
    """Split a cleaned page text into dated stories with offsets into that text."""
    anchor = _anchor(published)
    drafts = _join_subheadings(text, _drafts(text), anchor)
    sizes = [sum(len(text[s:e].split()) for s, e in d.body) for d in drafts]
    main = _choose_main(sizes)
    stories = []
    for i, d in enumerate(drafts):
        start, end = d.body[0][0], d.body[-1][1]
        date, source = d.date, d.date_source
        if date is None:
            date = _lead_date(text, start, end, anchor)
            source = "lead" if date else None
        if date is None and anchor is not None:
            date, source = anchor.isoformat(), "metadata"
        headline = d.headline
        if headline is None and title and i == main:
            headline = (title, None, None)
        stories.append(
            Story(
                index=i,
                start=start,
                end=end,
                headline=headline[0] if headline else None,
                headline_start=headline[1] if headline else None,
                headline_end=headline[2] if headline else None,
                date=date,
                date_source=source,
                main=i == main,
            )
        )
    return stories


def _anchor(published: str | None) -> dt.date | None:
    """The page date as a `date`, to resolve dates without a year; None when unknown."""
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None
