"""Reading the value of a matched number or range: digits with separators or decimal commas,
number words, multipliers, both ends of a range, and vague "thousands of" as a lower bound."""

from __future__ import annotations

import math
import re
from typing import NamedTuple

from pressgraph.extract.quantities.lexicon import LEXICON
from pressgraph.extract.quantities.patterns import GROUPED_RE, MULT_RE, NUMBER, VAGUE_RE, canonical

_MIN_YEAR, _MAX_YEAR = 1900, 2100  # a bare four-digit number in this range may be a year
_SEPARATORS = re.compile(r"[, \u00a0\u202f]")
_WORD_SPLIT = re.compile(r"[-\s]+")
_YEAR_LIKE = re.compile(r"[0-9]{4}(?:[-–—][0-9]{4})?")


class Figure(NamedTuple):
    """A number read from text: its bounds, whether it is a range, a lower bound, or a year."""

    low: float
    high: float
    approx: str
    year_like: bool


_ONE_COMMA_GROUP = re.compile(r"[0-9]{1,3},[0-9]{3}")
# How a text writes its numbers: a decimal comma no thousands separator could be ("67,6"),
# a thousands separator no decimal comma could be ("1,250,000", "1,250.5"), a decimal point.
_DECIMAL_COMMA = re.compile(r"(?<![0-9.,])[0-9]+,[0-9]{1,2}(?![0-9]|,[0-9])")
_THOUSANDS_COMMA = re.compile(r"[0-9],[0-9]{3}(?:,[0-9]{3}|\.[0-9])")
_DECIMAL_POINT = re.compile(r"(?<![0-9.])[0-9]+\.[0-9]+(?![0-9.])")


def uses_decimal_comma(text: str) -> bool:
    """Whether a text writes decimals with a comma, so that "48,988" is 48.988: it has a comma
    that can only be decimal ("67,6") and neither a comma that can only separate thousands nor
    a decimal point. Machine translations from Russian write numbers this way."""
    return (
        _DECIMAL_COMMA.search(text) is not None
        and _THOUSANDS_COMMA.search(text) is None
        and _DECIMAL_POINT.search(text) is None
    )


def _digits_value(text: str, decimal_comma: bool) -> float:
    """'2,000' and '2 000' -> 2000; '67,6' -> 67.6 (a comma not before 3 digits is decimal);
    '48,988' -> 48.988 in a text that writes decimal commas."""
    if decimal_comma and _ONE_COMMA_GROUP.fullmatch(text):
        return float(text.replace(",", "."))
    if GROUPED_RE.fullmatch(text):
        return float(_SEPARATORS.sub("", text))
    return float(text.replace(",", "."))


def _base_value(base: str, decimal_comma: bool) -> float:
    """The value of a number before its multipliers: digits, 'twenty-five', or 'a'."""
    if base[0].isdigit():
        return _digits_value(base, decimal_comma)
    return float(sum(LEXICON.numbers.get(canonical(w), 1) for w in _WORD_SPLIT.split(base)))


def _number_value(m: re.Match[str], decimal_comma: bool) -> tuple[float, float]:
    """(value before multipliers, product of the multipliers) of one number."""
    mult = math.prod(LEXICON.multipliers[canonical(w)] for w in MULT_RE.findall(m.group("mults")))
    return _base_value(m.group("base"), decimal_comma), mult


def _range_bounds(first: tuple[float, float], second: tuple[float, float]) -> tuple[float, float]:
    """Low and high of a range; '20-30 thousand' multiplies both ends, '500-2 thousand' not."""
    (b1, m1), (b2, m2) = first, second
    if m1 == 1 and m2 > 1 and b1 < b2:
        m1 = m2
    low, high = b1 * m1, b2 * m2
    return min(low, high), max(low, high)


def _figure(low: float, high: float, approx: str, year_like: bool = False) -> Figure | None:
    """A figure, or None when a bound is too large to be a float."""
    return Figure(low, high, approx, year_like) if math.isfinite(high) else None


def read_body(body: str, *, decimal_comma: bool = False) -> Figure | None:
    """The figure written in a matched number or range (`decimal_comma`: see
    `uses_decimal_comma`)."""
    nums = list(NUMBER.finditer(body))
    if not 1 <= len(nums) <= 2:
        return None
    values = [_number_value(n, decimal_comma) for n in nums]
    year_like = _YEAR_LIKE.fullmatch(body) is not None and all(
        _MIN_YEAR <= b <= _MAX_YEAR and m == 1 for b, m in values
    )
    if len(values) == 1:
        value = values[0][0] * values[0][1]
        return _figure(value, value, "exact", year_like)
    return _figure(*_range_bounds(values[0], values[1]), "range", year_like)


def read_vague(text: str) -> Figure | None:
    """'tens of thousands of' -> over 20000: at least two of the product of the words."""
    value = 2 * math.prod(LEXICON.vague[canonical(w)] for w in VAGUE_RE.findall(text))
    return _figure(value, value, "over")
