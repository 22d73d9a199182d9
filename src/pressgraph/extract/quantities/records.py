"""The records the quantity finder hands out: a Quantity, and the Found pieces of text (a unit
or a subject with its offsets) it is built from; kept apart so every stage can share them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


@dataclass(frozen=True)
class Quantity:
    """One figure: where it is, its bounds and hedge, what it counts and whom it is about."""

    start: int
    end: int
    text: str
    low: float
    high: float
    approx: str
    unit: str | None
    unit_start: int | None
    unit_end: int | None
    subject: str | None
    subject_start: int | None
    subject_end: int | None
    vague: bool = False  # "thousands of": a lower bound read from a plural, not a figure


class Found(NamedTuple):
    """A piece of text: a unit or subject and its offsets."""

    text: str
    start: int
    end: int
