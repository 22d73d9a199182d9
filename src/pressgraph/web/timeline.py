"""An entity's time line and its officials' bars as inline SVGs: geometry only.

The template writes the elements and escapes every text; the drawing is complete without a
script (at `WIDTH` user units, scaled to the window). static/timeline.js then fits it to the
window's width in pixels and zooms and pans: every mark carries its first and last day as
days from the start of the range (`a`, `b`), which is all the script needs to place it again.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import quote

from pressgraph.store.pages.common import shorten
from pressgraph.store.pages.entities import EntityPage
from pressgraph.store.pages.timeline import Bar, Mark, Timeline
from pressgraph.web.marks import entity_url, event_url, evidence_url

WIDTH = 960  # user units before the script fits the drawing to the window
PAD = 14  # left and right margin inside the drawing
AXIS = 30  # the date axis along the top
LANE_HEAD = 22  # a lane's name, above its marks
ROW = 18  # one row of marks in a lane
LANE_GAP = 8
MAX_ROWS = 6  # rows of marks in a lane; more marks share the least crowded row
ROOM = 14  # user units a point needs to stand apart from the next
BAR_ROW = 40  # an official: the name, then the bar
TICK_ROOM = 70  # user units between tick labels
NAME_WIDTH = 90  # characters of an official's name and post
LANES = {
    "post": "Posts held",
    "event": "Events",
    "statement": "Statements",
    "claim": "Figures claimed",
}
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
Dated = TypeVar("Dated", Mark, Bar)
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


@dataclass(frozen=True)
class Tick:
    """A date on the axis: days from the range's start, where, and its label."""

    a: int
    x: float
    label: str


@dataclass(frozen=True)
class Drawn:
    """A mark as drawn: a point (one day) or a bar (first to last day) at height `y`."""

    kind: str
    a: int
    b: int
    x: float
    x2: float
    y: float
    href: str | None
    label: str  # what it is and when: the link's accessible name
    title: str  # the sentence it comes from: what hovering shows

    @property
    def point(self) -> bool:
        """Drawn as a dot: one day."""
        return self.a == self.b


@dataclass(frozen=True)
class Lane:
    """A lane of one kind of fact: its name, the top of it, how many marks it holds."""

    kind: str
    name: str
    y: float
    count: int


@dataclass(frozen=True)
class Name:
    """An official's name and post over the bar, linked to the person's page."""

    text: str
    href: str | None
    y: float


@dataclass(frozen=True)
class Drawing:
    """What the SVG needs: size, the range (first day, number of days), ticks, lanes or
    names, marks, and the years the zoom controls offer."""

    width: int
    height: int
    pad: int
    lo: str  # ISO date of day 0
    days: int
    ticks: tuple[Tick, ...]
    lanes: tuple[Lane, ...]
    names: tuple[Name, ...]
    marks: tuple[Drawn, ...]
    years: tuple[int, ...]


def period(value: str) -> tuple[dt.date, dt.date]:
    """The first and last day a date means: "2019" is the whole year, "2019-05" the month."""
    found = _DATE.match(value)
    if not found:
        raise ValueError(f"not a date: {value!r}")
    year, month, day = (int(g) if g else 0 for g in found.groups())
    if day:
        one = dt.date(year, month, day)
        return one, one
    if month:
        after = dt.date(year + month // 12, month % 12 + 1, 1)
        return dt.date(year, month, 1), after - dt.timedelta(days=1)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def span(first: str, last: str) -> tuple[int, int]:
    """Ordinal days from the start of `first` to the end of `last`."""
    return period(first)[0].toordinal(), period(last or first)[1].toordinal()


def when(first: str, last: str) -> str:
    """The dates in words: "2019-10-30" or "2019-10-30 to 2021-06-30"."""
    return first if not last or last == first else f"{first} to {last}"


@dataclass(frozen=True)
class _Range:
    lo: int  # ordinal day at x = PAD
    days: int

    def x(self, ordinal: int) -> float:
        return round(PAD + (ordinal - self.lo) / self.days * (WIDTH - 2 * PAD), 1)


def _range(spans: list[tuple[int, int]]) -> _Range:
    """The days of every span, with a margin on both sides (and some room for one day)."""
    first, last = min(a for a, _ in spans), max(b for _, b in spans)
    margin = max(10, (last - first) // 25)
    return _Range(first - margin, last - first + 2 * margin)


def timeline_drawing(timeline: Timeline | None) -> Drawing | None:
    """The marks of the time line in lanes by kind, or None when none is dated."""
    found = _spans(timeline.marks if timeline else ())
    if not found:
        return None
    scale = _range([s for _, s in found])
    lanes: list[Lane] = []
    drawn: list[Drawn] = []
    y = float(AXIS)
    for kind, name in LANES.items():
        mine = [(m, s) for m, s in found if m.kind == kind]
        if not mine:
            continue
        lanes.append(Lane(kind, f"{name} ({len(mine)})", y, len(mine)))
        rows = _stack([(scale.x(a), scale.x(b)) for _, (a, b) in mine])
        for (mark, (a, b)), row in zip(mine, rows, strict=True):
            drawn.append(_drawn(mark, a, b, scale, y + LANE_HEAD + row * ROW + ROW / 2))
        y += LANE_HEAD + (max(rows) + 1) * ROW + LANE_GAP
    return _drawing(scale, round(y), tuple(lanes), (), tuple(drawn))


def officials_drawing(timeline: Timeline | None) -> Drawing | None:
    """The officials as bars, one row per person and post, or None when none is dated."""
    found = _spans(timeline.bars if timeline else ())
    if not found:
        return None
    scale = _range([s for _, s in found])
    names: list[Name] = []
    drawn: list[Drawn] = []
    for n, (bar, (a, b)) in enumerate(found):
        top = AXIS + n * BAR_ROW
        href = entity_url(bar.person.id) if bar.person else None
        names.append(Name(shorten(_official(bar), NAME_WIDTH), href, top + 14))
        drawn.append(_bar(bar, a, b, scale, top + 27))
    height = AXIS + len(found) * BAR_ROW
    return _drawing(scale, height, (), tuple(names), tuple(drawn))


def _spans(items: Iterable[Dated]) -> list[tuple[Dated, tuple[int, int]]]:
    """Each item with the days it covers; an item whose date cannot be read is not drawn (the
    extractors write ISO dates, so this is defence against a hand-edited database)."""
    found = []
    for item in items:
        try:
            found.append((item, span(item.first, item.last)))
        except ValueError:
            continue
    return found


def _drawing(
    scale: _Range,
    height: int,
    lanes: tuple[Lane, ...],
    names: tuple[Name, ...],
    marks: tuple[Drawn, ...],
) -> Drawing:
    lo = dt.date.fromordinal(scale.lo)
    hi = dt.date.fromordinal(scale.lo + scale.days)
    return Drawing(
        WIDTH,
        height,
        PAD,
        lo.isoformat(),
        scale.days,
        _ticks(scale),
        lanes,
        names,
        marks,
        tuple(range(lo.year, hi.year + 1)),
    )


def _stack(extents: list[tuple[float, float]]) -> list[int]:
    """A row for each mark (in order of its start), so that marks in one row stand apart;
    past MAX_ROWS rows, a mark goes where the row ends soonest."""
    ends: list[float] = []
    rows = []
    for x, x2 in extents:
        free = next((n for n, end in enumerate(ends) if end <= x), None)
        if free is None and len(ends) < MAX_ROWS:
            free = len(ends)
            ends.append(0.0)
        if free is None:
            free = min(range(len(ends)), key=lambda n: ends[n])
        ends[free] = max(x2, x) + ROOM
        rows.append(free)
    return rows


def _drawn(mark: Mark, a: int, b: int, scale: _Range, y: float) -> Drawn:
    href = _evidence(mark.story, mark.start, mark.end, mark.document)
    if href is None and mark.event:
        href = event_url(mark.event)
    label = f"{mark.label}, {when(mark.first, mark.last)}" + _signed(mark.story, mark.document)
    return Drawn(mark.kind, a - scale.lo, b - scale.lo, scale.x(a), scale.x(b + 1), y, href,
                 label, mark.sentence)  # fmt: skip


def _evidence(story: str | None, start: int, end: int, document: str | None) -> str | None:
    """The evidence in its story, or a press signature among what its document's cleaner
    removed (no story holds it)."""
    if story:
        return evidence_url(story, start, end)
    return f"/documents/{quote(document, safe='')}#removed-heading" if document else None


def _signed(story: str | None, document: str | None) -> str:
    return " (press signature)" if document and not story else ""


def _official(bar: Bar) -> str:
    who = bar.person.name if bar.person else "person not resolved"
    where = f", {bar.where.name}" if bar.where else ""
    return f"{who} — {bar.title}{where}"


def _bar(bar: Bar, a: int, b: int, scale: _Range, y: float) -> Drawn:
    href = _evidence(bar.story, bar.start, bar.end, bar.document)
    seen = f"seen {bar.seen} time{'s' if bar.seen != 1 else ''}"
    label = f"{_official(bar)}, {when(bar.first, bar.last)} ({seen})" + _signed(
        bar.story, bar.document
    )
    return Drawn("official", a - scale.lo, b - scale.lo, scale.x(a), scale.x(b + 1), y, href,
                 label, bar.sentence)  # fmt: skip


def _ticks(scale: _Range) -> tuple[Tick, ...]:
    """Dates on the axis at least TICK_ROOM apart: years, else months, else days (the script
    chooses them again for the range it shows)."""
    room = TICK_ROOM * scale.days / (WIDTH - 2 * PAD)  # days between labels
    lo = dt.date.fromordinal(scale.lo)
    hi = dt.date.fromordinal(scale.lo + scale.days)
    found: list[dt.date]
    if room > 40:
        step = next((s for s in (1, 2, 5, 10, 20, 50) if s * 365 >= room), 100)
        found = [dt.date(y, 1, 1) for y in range(lo.year + 1, hi.year + 1) if y % step == 0]
    elif room > 2:
        step = next(s for s in (1, 2, 3, 6) if s * 30 >= room or s == 6)
        months = range(lo.year * 12 + lo.month, hi.year * 12 + hi.month)
        found = [dt.date(m // 12, m % 12 + 1, 1) for m in months if m % step == 0]
    else:
        step = max(1, math.ceil(room))
        found = [lo + dt.timedelta(days=n) for n in range(1, scale.days) if n % step == 0]
    return tuple(Tick(d.toordinal() - scale.lo, scale.x(d.toordinal()), _label(d, room))
                 for d in found)  # fmt: skip


def _label(day: dt.date, room: float) -> str:
    if room > 40:
        return str(day.year)
    if room > 2:
        return f"{MONTHS[day.month - 1]} {day.year}"
    return f"{day.day} {MONTHS[day.month - 1]}"


WORDS = {
    "post": ("post held", "posts held"),
    "event": ("event", "events"),
    "statement": ("statement", "statements"),
    "claim": ("figure claimed", "figures claimed"),
}


def left_out(timeline: Timeline | None) -> str:
    """The undated facts left off the time line, in words ("" when none): "Left out for
    having no date: 1 event and 2 figures claimed." """
    if timeline is None or not timeline.undated:
        return ""
    parts = [f"{n.count:,} {WORDS[n.kind][n.count != 1]}" for n in timeline.undated]
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"Left out for having no date: {listed}."


def capped(page: EntityPage) -> str:
    """The lists the time line draws only part of, in words ("" when it draws them all):
    "Drawn: the newest 20 of 34 events; the latest 50 of 120 statements." """
    lists = (
        ("newest", len(page.events), page.events_total, "events"),
        ("latest", len(page.statements), page.statements_total, "statements"),
        ("latest", len(page.claims), page.claims_total, "figures claimed"),
    )
    parts = [f"the {how} {n:,} of {total:,} {what}" for how, n, total, what in lists if total > n]
    if not parts:
        return ""
    return f"Drawn: {'; '.join(parts)}. The lists below link to them all."
