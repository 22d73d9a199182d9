"""What each pattern match means: the handlers that turn one match into a date value (or reject
it as a quantity or an impossible date), and the table pairing every pattern with its handler."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from pressgraph.extract.dates.lexicon import LEX, norm
from pressgraph.extract.dates.patterns import (
    BARE_YEAR,
    DAY_FIRST,
    ISO,
    MONTH_ALONE,
    MONTH_FIRST,
    MONTH_YEAR,
    NUMERIC,
    RANGE_DAY_FIRST,
    RANGE_MONTH_FIRST,
    RELATIVE_DAY,
    RELATIVE_UNIT,
    SUFFIXED_YEAR,
    WEEKDAY,
    YEAR_RANGE,
    YEAR_RANGE_FROM,
    YEAR_RANGE_SUFFIXED,
)

_MIN_YEAR, _MAX_YEAR = 1000, 2999  # a year written next to a day or a month
_MIN_BARE, _MAX_BARE = 1900, 2100  # a year standing alone: only plausible modern years
_NEXT_WORD = re.compile(r"[^\S\n]+([A-Za-z]+)")
_PREV_WORD = re.compile(r"(\w+)[^\S\n]+$")

# ---------------------------------------------------------------- values


Value = tuple[str, str | None, str, bool]  # value, end_value, precision, relative


def _date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when it does not exist (31.02, month 13, year 0)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _day_value(day: dt.date | None, relative: bool) -> Value | None:
    """A day-precision value."""
    return None if day is None else (day.isoformat(), None, "day", relative)


def _month_value(year: int, month: int, relative: bool) -> Value | None:
    """A month-precision value, None outside years 1-9999."""
    if not 1 <= year <= 9999:
        return None
    return f"{year:04d}-{month:02d}", None, "month", relative


def _year_value(year: int, relative: bool) -> Value | None:
    """A year-precision value, None outside years 1-9999."""
    return (f"{year:04d}", None, "year", relative) if 1 <= year <= 9999 else None


def _range_value(d1: int, m1: int, y1: int | None, end: dt.date, relative: bool) -> Value | None:
    """A day range ending on `end`; a missing start year is end's (or the one before)."""
    if y1 is None:
        y1 = end.year - (1 if m1 > end.month else 0)
    start = _date(y1, m1, d1)
    if start is None or end <= start:
        return None
    return start.isoformat(), end.isoformat(), "day", relative


def _month(form: str) -> int:
    """The number of a matched month form ("Oct." -> 10, "июня" -> 6)."""
    key = norm(form.rstrip("."))
    return LEX.en_months.get(key) or LEX.en_short.get(key) or LEX.ru_months[key]


def _explicit_year(digits: str | None) -> int | None:
    """A written year if it is plausible next to a day or month (1000-2999)."""
    if digits is None:
        return None
    year = int(digits)
    return year if _MIN_YEAR <= year <= _MAX_YEAR else None


def _year_of(m: re.Match[str], name: str, anchor: dt.date | None) -> tuple[int, bool] | None:
    """(year, relative) of a year part: written, "of last year", or else the anchor's."""
    if m.group(name) is not None:
        year = _explicit_year(m.group(name))
        return None if year is None else (year, False)
    if anchor is None:
        return None
    rel = m.group(f"{name}_rel")
    return anchor.year + (LEX.shifts[norm(rel)] if rel else 0), True


def _has_year(m: re.Match[str], name: str) -> bool:
    """Whether a year part (digits or relative) was written."""
    return m.group(name) is not None or m.group(f"{name}_rel") is not None


# ---------------------------------------------------------------- context checks


def _quantity_follows(text: str, end: int) -> bool:
    """Whether a lower-case English word that is not a function word follows `end`."""
    nxt = _NEXT_WORD.match(text, end)
    if nxt is None or not nxt.group(1)[0].islower():
        return False
    return nxt.group(1).lower() not in LEX.words["year_followers"]


def word_before(text: str, start: int) -> str:
    """The word right before `start` (lower-case), or ''."""
    prev = _PREV_WORD.search(text, max(0, start - 40), start)
    return prev.group(1).lower() if prev else ""


def _is_quantity(m: re.Match[str]) -> bool:
    """Whether a bare number read as a year is a quantity ("increased by 2000 people")."""
    if _quantity_follows(m.string, m.end("span")):
        return True
    if "ctx" not in m.re.groupindex:
        return False
    cues = LEX.quantity_cues.get(norm(m.group("ctx")), frozenset())
    return word_before(m.string, m.start("ctx")) in cues


# ---------------------------------------------------------------- handlers


_Handler = Callable[[re.Match[str], dt.date | None], Value | None]


def _h_day(m: re.Match[str], anchor: dt.date | None) -> Value | None:
    """'30 October 2019', 'October 30th, 2019', '25 July' (anchor's year)."""
    year = _year_of(m, "y", anchor)
    if year is None:
        return None
    return _day_value(_date(year[0], _month(m.group("m")), int(m.group("d"))), year[1])


def _h_month_day(m: re.Match[str], anchor: dt.date | None) -> Value | None:
    """'October 30, 2019'; without a year, not before a noun ('In June 30 countries')."""
    if not _has_year(m, "y") and _quantity_follows(m.string, m.end()):
        return None
    return _h_day(m, anchor)


def _range_end_year(
    m: re.Match[str], anchor: dt.date | None, m1: int, m2: int
) -> tuple[int, bool] | None:
    """(year, relative) of a range's end: written, taken from its start, or the anchor's."""
    if not _has_year(m, "y2") and m.group("y1") is not None:
        y1 = _explicit_year(m.group("y1"))
        return None if y1 is None else (y1 + (1 if m2 < m1 else 0), False)
    return _year_of(m, "y2", anchor)


def _h_range(m: re.Match[str], anchor: dt.date | None) -> Value | None:
    """'June 28-30, 2021', '28 June - 2 July 2021', 'From 25 to 27 July', 'с 28 по 30 июня'."""
    m2 = _month(m.group("m2") or m.group("m1"))
    m1 = _month(m.group("m1") or m.group("m2"))
    if m.group("y1") is not None and _explicit_year(m.group("y1")) is None:
        return None
    year = _range_end_year(m, anchor, m1, m2)
    if year is None:
        return None
    end = _date(year[0], m2, int(m.group("d2")))
    if end is None:
        return None
    return _range_value(int(m.group("d1")), m1, _explicit_year(m.group("y1")), end, year[1])


def _h_month_first_range(m: re.Match[str], anchor: dt.date | None) -> Value | None:
    """A month-first range; without a year, not before a noun ('June 20-30 thousand')."""
    if not _has_year(m, "y2") and _quantity_follows(m.string, m.end()):
        return None
    return _h_range(m, anchor)


_MONTHS = 12


def _h_numeric(m: re.Match[str], anchor: dt.date | None) -> Value | None:
    """'30.06.2021', '1.7.2021', '30/06/2021' (day first), '28-30.06.2021'; month first only
    where nothing else can be meant: '09/23/2019' (a slash, and no 23rd month)."""
    year = _explicit_year(m.group("y"))
    day, month = int(m.group("d")), int(m.group("m"))
    if m.group("s") == "/" and month > _MONTHS >= day and m.group("d1") is None:
        day, month = month, day
    end = None if year is None else _date(year, month, day)
    if end is None or m.group("d1") is None:
        return _day_value(end, False)
    y1 = _explicit_year(m.group("y1"))
    if m.group("y1") is not None and y1 is None:
        return None
    m1 = int(m.group("m1") or m.group("m"))
    return None if not 1 <= m1 <= 12 else _range_value(int(m.group("d1")), m1, y1, end, False)


def _h_iso(m: re.Match[str], anchor: dt.date | None) -> Value | None:
    """'2021-06-30'."""
    year = _explicit_year(m.group("y"))
    if year is None:
        return None
    return _day_value(_date(year, int(m.group("m")), int(m.group("d"))), False)


def _h_month_year(m: re.Match[str], anchor: dt.date | None) -> Value | None:
    """'July 2020', 'июня 2021 года', 'May of this year' (anchor)."""
    year = _year_of(m, "y", anchor)
    return None if year is None else _month_value(year[0], _month(m.group("m")), year[1])


def _h_month_alone(m: re.Match[str], anchor: dt.date | None) -> Value | None:
    """'in May' -> that month of the anchor's year."""
    return None if anchor is None else _month_value(anchor.year, _month(m.group("m")), True)


def bare_year(digits: str) -> int | None:
    """A year standing without day or month, if plausible (1900-2100)."""
    year = int(digits)
    return year if _MIN_BARE <= year <= _MAX_BARE else None


def _h_year(m: re.Match[str], anchor: dt.date | None) -> Value | None:
    """'in 2018', 'until 2025', '2021 года', unless the number is a quantity."""
    year = bare_year(m.group("y"))
    return None if year is None or _is_quantity(m) else _year_value(year, False)


def _h_year_range(m: re.Match[str], anchor: dt.date | None) -> Value | None:
    """'for 2019-2021', 'from 2019 to 2021', '2019-2021 годы'."""
    y1, y2 = bare_year(m.group("y1")), bare_year(m.group("y2"))
    if y1 is None or y2 is None or y2 <= y1 or _is_quantity(m):
        return None
    return f"{y1:04d}", f"{y2:04d}", "year", False


def _h_relative_day(m: re.Match[str], anchor: dt.date | None) -> Value | None:
    """'today', 'yesterday', 'tomorrow', 'сегодня'."""
    if anchor is None:
        return None
    try:
        return _day_value(anchor + dt.timedelta(days=LEX.days[norm(m.group("w"))]), True)
    except OverflowError:
        return None


def _h_weekday(m: re.Match[str], anchor: dt.date | None) -> Value | None:
    """'on Monday': the last Monday on or before the anchor, or the next one after a word of
    the future earlier in the sentence ('will meet on Monday')."""
    if anchor is None:
        return None
    day = LEX.weekdays[norm(m.group("wd"))]
    if _future_before(m.string, m.start()):
        ahead = (day - anchor.weekday()) % 7 or 7
        when = anchor + dt.timedelta(days=ahead)
    else:
        when = anchor - dt.timedelta(days=(anchor.weekday() - day) % 7)
    return _day_value(when, True)


def _future_before(text: str, at: int) -> bool:
    """Whether a word of the future stands earlier in the sentence that `at` is in."""
    start = max(text.rfind(stop, 0, at) for stop in (". ", "! ", "? ", "\n")) + 1
    before = " " + " ".join(text[start:at].lower().split()) + " "
    return any(f" {cue} " in before for cue in LEX.words["future_cues"])


def _week(anchor: dt.date, shift: int) -> Value | None:
    """Monday to Sunday of the anchor's week moved by `shift` weeks."""
    try:
        monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=shift)
        sunday = monday + dt.timedelta(days=6)
    except OverflowError:
        return None
    return monday.isoformat(), sunday.isoformat(), "day", True


def _h_relative_unit(m: re.Match[str], anchor: dt.date | None) -> Value | None:
    """'this year', 'last year', 'last month', 'last week', 'в прошлом году'."""
    if anchor is None or word_before(m.string, m.start()) in LEX.words["shift_not_after"]:
        return None
    shift = LEX.shifts[norm(m.group("shift"))]
    unit = LEX.units[norm(m.group("unit"))]
    if unit == "week":
        return _week(anchor, shift)
    if unit == "month":
        year, month0 = divmod(anchor.year * 12 + anchor.month - 1 + shift, 12)
        return _month_value(year, month0 + 1, True)
    return _year_value(anchor.year + shift, True)


RULES: tuple[tuple[re.Pattern[str], _Handler], ...] = (
    (RANGE_DAY_FIRST, _h_range),
    (RANGE_MONTH_FIRST, _h_month_first_range),
    (DAY_FIRST, _h_day),
    (MONTH_FIRST, _h_month_day),
    (MONTH_YEAR, _h_month_year),
    (MONTH_ALONE, _h_month_alone),
    (NUMERIC, _h_numeric),
    (ISO, _h_iso),
    (BARE_YEAR, _h_year),
    (SUFFIXED_YEAR, _h_year),
    (YEAR_RANGE, _h_year_range),
    (YEAR_RANGE_FROM, _h_year_range),
    (YEAR_RANGE_SUFFIXED, _h_year_range),
    (RELATIVE_DAY, _h_relative_day),
    (WEEKDAY, _h_weekday),
    (RELATIVE_UNIT, _h_relative_unit),
)
