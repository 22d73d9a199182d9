"""A chart of one figure over time, by speaker: geometry for an inline SVG the template draws.

Only numbers and labels are computed here; the template writes the SVG elements and escapes
every label. No script and no library: the chart is part of the page, printable and fast.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass

from pressgraph.store.pages.common import ClaimView, number

WIDTH, HEIGHT = 720, 320
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 16, 40  # margins around the plot
COLOURS = 8  # speakers get classes s0..s7 (the stylesheet's palette), then share them
_SAME_DAY_GAP = 12  # pixels between points of one date, so none hides another


@dataclass(frozen=True)
class Point:
    """One claim: where it is drawn (a bar from low to high when it is a range)."""

    x: float
    y: float  # the low figure
    y_high: float
    colour: int
    label: str


@dataclass(frozen=True)
class Tick:
    """A labelled position on an axis."""

    at: float
    label: str


@dataclass(frozen=True)
class Chart:
    """Everything the SVG needs: size, plot box, axes, points and a legend."""

    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    unit: str
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    points: tuple[Point, ...]
    legend: tuple[tuple[int, str], ...]  # (colour, speaker)
    undated: int  # claims left out for having no date


def day(value: str) -> dt.date:
    """A claim's date as a day; "2019-05" and "2019" count as their first day."""
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def nice_top(value: float) -> float:
    """The smallest 1, 2, 2.5 or 5 times a power of ten at or above `value`."""
    if value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= value)


def claim_chart(claims: tuple[ClaimView, ...], unit: str | None) -> Chart | None:
    """The chart of the claims counting `unit`, or None when none of them is dated."""
    dated = [c for c in claims if c.unit == unit and c.date]
    if unit is None or not dated:
        return None
    speakers = list(
        dict.fromkeys(c.speaker.name if c.speaker else "speaker unknown" for c in dated)
    )
    colour = {s: n % COLOURS for n, s in enumerate(speakers)}
    days = [day(c.date or "").toordinal() for c in dated]
    low, high = min(days) - 15, max(days) + 15  # a margin, and room when all share a date
    top = nice_top(max(c.high for c in dated))
    x = _Scale(low, high, LEFT, WIDTH - RIGHT)
    y = _Scale(0, top, HEIGHT - BOTTOM, TOP)
    points = _points(dated, days, x, y, colour)
    every = sum(1 for c in claims if c.unit == unit) - len(dated)
    return Chart(
        WIDTH,
        HEIGHT,
        LEFT,
        WIDTH - RIGHT,
        TOP,
        HEIGHT - BOTTOM,
        unit,
        _date_ticks(sorted(set(days)), x),
        tuple(Tick(y(top * n / 4), number(top * n / 4)) for n in range(5)),
        points,
        tuple((colour[s], s) for s in speakers),
        every,
    )


@dataclass(frozen=True)
class _Scale:
    lo: float
    hi: float
    out_lo: float
    out_hi: float

    def __call__(self, value: float) -> float:
        span = (self.hi - self.lo) or 1
        return round(self.out_lo + (value - self.lo) / span * (self.out_hi - self.out_lo), 1)


def _points(
    dated: list[ClaimView], days: list[int], x: _Scale, y: _Scale, colour: dict[str, int]
) -> tuple[Point, ...]:
    """One point per claim; claims of one date are spread side by side."""
    same_day: dict[int, list[int]] = defaultdict(list)
    for n, d in enumerate(days):
        same_day[d].append(n)
    points = []
    for n, (claim, d) in enumerate(zip(dated, days, strict=True)):
        group = same_day[d]
        shift = (group.index(n) - (len(group) - 1) / 2) * _SAME_DAY_GAP
        who = claim.speaker.name if claim.speaker else "speaker unknown"
        about = claim.subject.name if claim.subject else claim.subject_text
        label = f"{claim.date} · {who}: {claim.figure} × {claim.unit}" + (
            f" ({about})" if about else ""
        )
        points.append(Point(x(d) + shift, y(claim.low), y(claim.high), colour[who], label))
    return tuple(points)


def _date_ticks(days: list[int], x: _Scale) -> tuple[Tick, ...]:
    """The date when all claims share one, else five dates evenly along the axis."""
    if len(days) > 1:
        step = (days[-1] - days[0]) / 4
        days = [round(days[0] + step * n) for n in range(5)]
    return tuple(Tick(x(d), dt.date.fromordinal(d).isoformat()) for d in days)
