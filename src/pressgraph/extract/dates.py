"""Find dates in press-release text (English and Russian) with exact offsets, for every stage.

Explicit, conservative patterns only: a wrong date is worse than none, so a bare number is a
year only where the text says it is one, a month name needs a day, a year or a context word,
and every date is checked by ``datetime``. Relative dates ("today", "in May of this year", a
day without a year) are resolved against an anchor (the page's date) and dropped without one.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from pressgraph.datafiles import load_yaml
from pressgraph.errors import DataError

__all__ = ["DateMention", "find_dates", "parse_date", "trailing_date"]

_DATA_NAME = "pressgraph/extract/data/months.yml"
_MIN_YEAR, _MAX_YEAR = 1000, 2999  # a year written next to a day or a month
_MIN_BARE, _MAX_BARE = 1900, 2100  # a year standing alone: only plausible modern years
_UNITS = frozenset({"year", "month", "week"})


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


# ---------------------------------------------------------------- the word lists


@dataclass(frozen=True)
class _Lexicon:
    """The words of months.yml, checked and lower-cased."""

    en_months: dict[str, int]
    en_short: dict[str, int]
    ru_months: dict[str, int]
    days: dict[str, int]
    shifts: dict[str, int]
    units: dict[str, str]
    words: dict[str, tuple[str, ...]]
    quantity_cues: dict[str, frozenset[str]]


_WORD_LISTS = (
    "shift_not_after",
    "range_from",
    "range_to",
    "year_context",
    "year_modifiers",
    "year_suffixes",
    "year_range_suffixes",
    "month_context",
    "year_followers",
    "date_links",
)


def _fail(what: str) -> DataError:
    """A DataError saying which part of months.yml is wrong and how to fix it."""
    return DataError(f"{_DATA_NAME}: {what}; fix the file (see the comments at its top)")


def _norm(words: str) -> str:
    """Lower-case a phrase and collapse its spaces, the form every lookup uses."""
    return " ".join(words.lower().split())


def _str_list(raw: object, key: str) -> tuple[str, ...]:
    """A list of non-empty strings from the file, or a DataError naming the key."""
    if not isinstance(raw, list) or not all(isinstance(w, str) and w.strip() for w in raw):
        raise _fail(f"'{key}' must be a list of non-empty strings")
    return tuple(_norm(w) for w in raw)


def _mapping(raw: object, key: str) -> Mapping[object, object]:
    """A mapping from the file, or a DataError naming the key."""
    if not isinstance(raw, dict):
        raise _fail(f"'{key}' must be a mapping")
    return raw


def _int_map(raw: object, key: str) -> dict[str, int]:
    """A mapping of words to whole numbers (days or units from the anchor)."""
    out: dict[str, int] = {}
    for word, num in _mapping(raw, key).items():
        if not isinstance(word, str) or type(num) is not int:
            raise _fail(f"'{key}' must map words to whole numbers, not {word!r}: {num!r}")
        out[_norm(word)] = num
    return out


def _units(raw: object) -> dict[str, str]:
    """The unit words and the unit (year, month or week) each one names."""
    out: dict[str, str] = {}
    for word, unit in _mapping(raw, "units").items():
        if not isinstance(word, str) or not isinstance(unit, str) or unit not in _UNITS:
            raise _fail(f"'units' must map words to year, month or week, not {word!r}: {unit!r}")
        out[_norm(word)] = unit
    return out


def _months(raw: object) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """Month forms by language and kind (English full, English short, Russian) -> number."""
    table = _mapping(raw, "months")
    if set(table) != set(range(1, 13)):
        raise _fail("'months' must have exactly the keys 1 to 12")
    kinds: tuple[dict[str, int], dict[str, int], dict[str, int]] = ({}, {}, {})
    for num in range(1, 13):
        entry = _mapping(table[num], f"months.{num}")
        for kind, out in zip(("en", "en_short", "ru"), kinds, strict=True):
            out.update(dict.fromkeys(_str_list(entry.get(kind), f"months.{num}.{kind}"), num))
    return kinds


def _quantity_cues(raw: object) -> dict[str, frozenset[str]]:
    """Context word -> the words before it that make the following number a quantity."""
    return {
        _norm(str(ctx)): frozenset(_str_list(words, f"quantity_cues.{ctx}"))
        for ctx, words in _mapping(raw, "quantity_cues").items()
    }


def _parse_lexicon(raw: object) -> _Lexicon:
    """Check the parsed months.yml and turn it into lookup tables; DataError if malformed."""
    top = _mapping(raw, "the top level")
    en, short, ru = _months(top.get("months"))
    return _Lexicon(
        en_months=en,
        en_short=short,
        ru_months=ru,
        days=_int_map(top.get("relative_days"), "relative_days"),
        shifts=_int_map(top.get("shifts"), "shifts"),
        units=_units(top.get("units")),
        words={key: _str_list(top.get(key), key) for key in _WORD_LISTS},
        quantity_cues=_quantity_cues(top.get("quantity_cues")),
    )


def _load_lexicon() -> _Lexicon:
    """Read the bundled months.yml once, at import; a malformed file is a DataError."""
    return _parse_lexicon(load_yaml("pressgraph.extract", "months.yml"))


_LEX = _load_lexicon()


# ---------------------------------------------------------------- regular expressions


_S = r"[^\S\n]*(?:\n[^\S\n]*)?"  # optional spaces, at most one line break
_S1 = r"(?:[^\S\n]+(?:\n[^\S\n]*)?|\n[^\S\n]*)"  # some spaces, at most one line break


def _any_case(word: str) -> set[str]:
    """A word as written, lower-cased, capitalised, title-cased and upper-cased."""
    return {word, word.lower(), word.capitalize(), word.title(), word.upper()}


def _upper_cases(word: str) -> set[str]:
    """A name only capitalised or upper-cased (English month names are never lower-case)."""
    return {word.capitalize(), word.title(), word.upper()}


def _alt(words: Iterable[str], cases: Callable[[str], set[str]] = _any_case) -> str:
    """A non-capturing alternation of the words in their cases, longest first (never empty)."""
    forms = {form for word in words for form in cases(word)}
    parts = [_S1.join(map(re.escape, form.split())) for form in forms]
    return "(?:" + ("|".join(sorted(parts, key=lambda p: (-len(p), p))) or "(?!)") + ")"


def _words(key: str) -> str:
    """An alternation of one word list of months.yml."""
    return _alt(_LEX.words[key])


_LB = r"(?<![\w.,/+\-])"  # a number that does not continue another number or code
_DASH = rf"{_S}[-–—]{_S}"
_OF = rf"(?:{_alt(['of'])}{_S1})?"
_EN_MONTHS = _alt(_LEX.en_months, _upper_cases)
_MONTH_FULL = rf"(?:{_EN_MONTHS}|{_alt(_LEX.ru_months)})(?!\w)"  # for a month alone: no "Jan."
_MONTH = (
    rf"(?:{_EN_MONTHS}|{_alt(_LEX.en_short, _upper_cases)}\.?"
    rf"|{_alt(_LEX.ru_months)})(?!\w)"
)
_SHIFT = _alt(_LEX.shifts)
_UNIT_YEAR = _alt(word for word, unit in _LEX.units.items() if unit == "year")
_SUFFIX = rf"(?:{_S}{_words('year_suffixes')}(?!\w))"
_RANGE_SUFFIX = rf"(?:{_S}{_words('year_range_suffixes')}(?!\w))"
_FROM = rf"(?:(?P<fr>(?<!\w){_words('range_from')}){_S1})?"
_DASH_OR_WORD = rf"(?:{_DASH}|{_S1}{_words('range_to')}{_S1})"
_SEP = rf"(?(fr){_DASH_OR_WORD}|{_DASH})"  # "25 to 27 July" only after "from"
_YEAR_CTX = rf"(?<!\w)(?P<ctx>{_words('year_context')}){_S1}"
_YEAR_END = r"(?!\w|%|[.,/:][0-9])"  # "2019" but not "2019s", "2019%", "2019.5"


def _day(name: str) -> str:
    """A day number with an optional ordinal suffix: 30, 30th, 1st."""
    return rf"(?P<{name}>[0-9]{{1,2}})(?:st|nd|rd|th)?(?!\w|[.,:/][0-9])"


def _year(name: str) -> str:
    """A year written after a day or month: ', 2019', ' 2021 года', ' of this year'."""
    digits = rf"(?:,{_S}|{_S1})(?P<{name}>[0-9]{{4}})(?![0-9]|[.,][0-9]){_SUFFIX}?"
    rel = rf"{_S1}{_OF}(?P<{name}_rel>{_SHIFT}){_S1}{_UNIT_YEAR}(?!\w)"
    return rf"(?:{digits}|{rel})"


_RANGE_DAY_FIRST = re.compile(
    rf"(?P<span>{_FROM}{_LB}{_day('d1')}"
    rf"(?:{_S1}{_OF}(?P<m1>{_MONTH})(?:(?:,{_S}|{_S1})(?P<y1>[0-9]{{4}})(?![0-9]){_SUFFIX}?)?)?"
    rf"(?(m1){_DASH_OR_WORD}|{_SEP}){_day('d2')}{_S1}{_OF}(?P<m2>{_MONTH}){_year('y2')}?)"
)
_RANGE_MONTH_FIRST = re.compile(
    rf"(?P<span>{_FROM}(?<!\w)(?P<m1>{_MONTH}){_S1}{_day('d1')}"
    rf"(?:(?:,{_S}|{_S1})(?P<y1>[0-9]{{4}})(?![0-9]))?"
    rf"{_DASH_OR_WORD}(?:(?P<m2>{_MONTH}){_S1})?{_day('d2')}{_year('y2')}?)"
)
_DAY_FIRST = re.compile(rf"(?P<span>{_LB}{_day('d')}{_S1}{_OF}(?P<m>{_MONTH}){_year('y')}?)")
_MONTH_FIRST = re.compile(rf"(?P<span>(?<!\w)(?P<m>{_MONTH}){_S1}{_day('d')}{_year('y')}?)")
_MONTH_YEAR = re.compile(rf"(?P<span>(?<!\w)(?P<m>{_MONTH})(?:{_S1}{_alt(['of'])})?{_year('y')})")
_MONTH_ALONE = re.compile(rf"(?<!\w){_words('month_context')}{_S1}(?P<span>(?P<m>{_MONTH_FULL}))")
_NUMERIC = re.compile(
    rf"(?P<span>{_LB}(?:(?P<d1>[0-9]{{1,2}})"
    rf"(?:(?P<s1>[./])(?P<m1>[0-9]{{1,2}})(?:(?P=s1)(?P<y1>[0-9]{{4}}))?)?{_DASH})?"
    rf"(?P<d>[0-9]{{1,2}})(?P<s>[./])(?P<m>[0-9]{{1,2}})(?P=s)(?P<y>[0-9]{{4}})"
    rf"(?![0-9]|[.,/:\-][0-9]){_SUFFIX}?)(?!\w)"
)
_ISO = re.compile(
    rf"(?P<span>{_LB}(?P<y>[0-9]{{4}})-(?P<m>[0-9]{{2}})-(?P<d>[0-9]{{2}}))(?![0-9]|[-./,:][0-9])"
)
_BARE_YEAR = re.compile(
    rf"{_YEAR_CTX}(?:{_words('year_modifiers')}(?:-|{_S1}))?(?P<span>(?P<y>[0-9]{{4}}))"
    rf"(?!\w|%|[.,/:][0-9]|[-–—]\w|{_DASH}[0-9]|{_S1}{_words('range_to')}{_S1}[0-9])"
)
_SUFFIXED_YEAR = re.compile(rf"(?P<span>{_LB}(?P<y>[0-9]{{4}}){_SUFFIX})")
_YEAR_RANGE = re.compile(
    rf"{_YEAR_CTX}(?P<span>(?P<y1>[0-9]{{4}}){_DASH}(?P<y2>[0-9]{{4}})){_YEAR_END}(?![-–—][0-9])"
)
_YEAR_RANGE_FROM = re.compile(
    rf"(?P<span>(?<!\w)(?P<ctx>{_words('range_from')}){_S1}(?P<y1>[0-9]{{4}})"
    rf"(?:{_DASH}|{_S1}{_words('range_to')}{_S1})(?P<y2>[0-9]{{4}}){_YEAR_END}{_RANGE_SUFFIX}?)"
)
_YEAR_RANGE_SUFFIXED = re.compile(
    rf"(?P<span>{_LB}(?P<y1>[0-9]{{4}}){_DASH}(?P<y2>[0-9]{{4}}){_RANGE_SUFFIX})"
)
_RELATIVE_DAY = re.compile(rf"(?P<span>(?<!\w)(?P<w>{_alt(_LEX.days)})(?!\w))")
_RELATIVE_UNIT = re.compile(
    rf"(?P<span>(?<!\w)(?P<shift>{_SHIFT}){_S1}(?P<unit>{_alt(_LEX.units)})(?!\w))"
)
_NEXT_WORD = re.compile(r"[^\S\n]+([A-Za-z]+)")
_PREV_WORD = re.compile(r"(\w+)[^\S\n]+$")
_BARE_NUMBER = re.compile(r"[0-9]{4}")
_LEAD = re.compile(r"(?:(?:[Oo][Nn]|[Ii][Nn])[^\S\n]+)?")
_GLUE = " \t\r\n|·•,;:-–—/"


# ---------------------------------------------------------------- values


_Value = tuple[str, str | None, str, bool]  # value, end_value, precision, relative


def _date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when it does not exist (31.02, month 13, year 0)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _day_value(day: dt.date | None, relative: bool) -> _Value | None:
    """A day-precision value."""
    return None if day is None else (day.isoformat(), None, "day", relative)


def _month_value(year: int, month: int, relative: bool) -> _Value | None:
    """A month-precision value, None outside years 1-9999."""
    if not 1 <= year <= 9999:
        return None
    return f"{year:04d}-{month:02d}", None, "month", relative


def _year_value(year: int, relative: bool) -> _Value | None:
    """A year-precision value, None outside years 1-9999."""
    return (f"{year:04d}", None, "year", relative) if 1 <= year <= 9999 else None


def _range_value(d1: int, m1: int, y1: int | None, end: dt.date, relative: bool) -> _Value | None:
    """A day range ending on `end`; a missing start year is end's (or the one before)."""
    if y1 is None:
        y1 = end.year - (1 if m1 > end.month else 0)
    start = _date(y1, m1, d1)
    if start is None or end <= start:
        return None
    return start.isoformat(), end.isoformat(), "day", relative


def _month(form: str) -> int:
    """The number of a matched month form ("Oct." -> 10, "июня" -> 6)."""
    key = _norm(form.rstrip("."))
    return _LEX.en_months.get(key) or _LEX.en_short.get(key) or _LEX.ru_months[key]


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
    return anchor.year + (_LEX.shifts[_norm(rel)] if rel else 0), True


def _has_year(m: re.Match[str], name: str) -> bool:
    """Whether a year part (digits or relative) was written."""
    return m.group(name) is not None or m.group(f"{name}_rel") is not None


# ---------------------------------------------------------------- context checks


def _quantity_follows(text: str, end: int) -> bool:
    """Whether a lower-case English word that is not a function word follows `end`."""
    nxt = _NEXT_WORD.match(text, end)
    if nxt is None or not nxt.group(1)[0].islower():
        return False
    return nxt.group(1).lower() not in _LEX.words["year_followers"]


def _word_before(text: str, start: int) -> str:
    """The word right before `start` (lower-case), or ''."""
    prev = _PREV_WORD.search(text, max(0, start - 40), start)
    return prev.group(1).lower() if prev else ""


def _is_quantity(m: re.Match[str]) -> bool:
    """Whether a bare number read as a year is a quantity ("increased by 2000 people")."""
    if _quantity_follows(m.string, m.end("span")):
        return True
    if "ctx" not in m.re.groupindex:
        return False
    cues = _LEX.quantity_cues.get(_norm(m.group("ctx")), frozenset())
    return _word_before(m.string, m.start("ctx")) in cues


# ---------------------------------------------------------------- handlers


_Handler = Callable[[re.Match[str], dt.date | None], _Value | None]


def _h_day(m: re.Match[str], anchor: dt.date | None) -> _Value | None:
    """'30 October 2019', 'October 30th, 2019', '25 July' (anchor's year)."""
    year = _year_of(m, "y", anchor)
    if year is None:
        return None
    return _day_value(_date(year[0], _month(m.group("m")), int(m.group("d"))), year[1])


def _h_month_day(m: re.Match[str], anchor: dt.date | None) -> _Value | None:
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


def _h_range(m: re.Match[str], anchor: dt.date | None) -> _Value | None:
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


def _h_month_first_range(m: re.Match[str], anchor: dt.date | None) -> _Value | None:
    """A month-first range; without a year, not before a noun ('June 20-30 thousand')."""
    if not _has_year(m, "y2") and _quantity_follows(m.string, m.end()):
        return None
    return _h_range(m, anchor)


def _h_numeric(m: re.Match[str], anchor: dt.date | None) -> _Value | None:
    """'30.06.2021', '1.7.2021', '30/06/2021' (day first, never mm/dd), '28-30.06.2021'."""
    year = _explicit_year(m.group("y"))
    end = None if year is None else _date(year, int(m.group("m")), int(m.group("d")))
    if end is None or m.group("d1") is None:
        return _day_value(end, False)
    y1 = _explicit_year(m.group("y1"))
    if m.group("y1") is not None and y1 is None:
        return None
    m1 = int(m.group("m1") or m.group("m"))
    return None if not 1 <= m1 <= 12 else _range_value(int(m.group("d1")), m1, y1, end, False)


def _h_iso(m: re.Match[str], anchor: dt.date | None) -> _Value | None:
    """'2021-06-30'."""
    year = _explicit_year(m.group("y"))
    if year is None:
        return None
    return _day_value(_date(year, int(m.group("m")), int(m.group("d"))), False)


def _h_month_year(m: re.Match[str], anchor: dt.date | None) -> _Value | None:
    """'July 2020', 'июня 2021 года', 'May of this year' (anchor)."""
    year = _year_of(m, "y", anchor)
    return None if year is None else _month_value(year[0], _month(m.group("m")), year[1])


def _h_month_alone(m: re.Match[str], anchor: dt.date | None) -> _Value | None:
    """'in May' -> that month of the anchor's year."""
    return None if anchor is None else _month_value(anchor.year, _month(m.group("m")), True)


def _bare_year(digits: str) -> int | None:
    """A year standing without day or month, if plausible (1900-2100)."""
    year = int(digits)
    return year if _MIN_BARE <= year <= _MAX_BARE else None


def _h_year(m: re.Match[str], anchor: dt.date | None) -> _Value | None:
    """'in 2018', 'until 2025', '2021 года', unless the number is a quantity."""
    year = _bare_year(m.group("y"))
    return None if year is None or _is_quantity(m) else _year_value(year, False)


def _h_year_range(m: re.Match[str], anchor: dt.date | None) -> _Value | None:
    """'for 2019-2021', 'from 2019 to 2021', '2019-2021 годы'."""
    y1, y2 = _bare_year(m.group("y1")), _bare_year(m.group("y2"))
    if y1 is None or y2 is None or y2 <= y1 or _is_quantity(m):
        return None
    return f"{y1:04d}", f"{y2:04d}", "year", False


def _h_relative_day(m: re.Match[str], anchor: dt.date | None) -> _Value | None:
    """'today', 'yesterday', 'tomorrow', 'сегодня'."""
    if anchor is None:
        return None
    try:
        return _day_value(anchor + dt.timedelta(days=_LEX.days[_norm(m.group("w"))]), True)
    except OverflowError:
        return None


def _week(anchor: dt.date, shift: int) -> _Value | None:
    """Monday to Sunday of the anchor's week moved by `shift` weeks."""
    try:
        monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=shift)
        sunday = monday + dt.timedelta(days=6)
    except OverflowError:
        return None
    return monday.isoformat(), sunday.isoformat(), "day", True


def _h_relative_unit(m: re.Match[str], anchor: dt.date | None) -> _Value | None:
    """'this year', 'last year', 'last month', 'last week', 'в прошлом году'."""
    if anchor is None or _word_before(m.string, m.start()) in _LEX.words["shift_not_after"]:
        return None
    shift = _LEX.shifts[_norm(m.group("shift"))]
    unit = _LEX.units[_norm(m.group("unit"))]
    if unit == "week":
        return _week(anchor, shift)
    if unit == "month":
        year, month0 = divmod(anchor.year * 12 + anchor.month - 1 + shift, 12)
        return _month_value(year, month0 + 1, True)
    return _year_value(anchor.year + shift, True)


_RULES: tuple[tuple[re.Pattern[str], _Handler], ...] = (
    (_RANGE_DAY_FIRST, _h_range),
    (_RANGE_MONTH_FIRST, _h_month_first_range),
    (_DAY_FIRST, _h_day),
    (_MONTH_FIRST, _h_month_day),
    (_MONTH_YEAR, _h_month_year),
    (_MONTH_ALONE, _h_month_alone),
    (_NUMERIC, _h_numeric),
    (_ISO, _h_iso),
    (_BARE_YEAR, _h_year),
    (_SUFFIXED_YEAR, _h_year),
    (_YEAR_RANGE, _h_year_range),
    (_YEAR_RANGE_FROM, _h_year_range),
    (_YEAR_RANGE_SUFFIXED, _h_year_range),
    (_RELATIVE_DAY, _h_relative_day),
    (_RELATIVE_UNIT, _h_relative_unit),
)


# ---------------------------------------------------------------- public API


class _Candidate(NamedTuple):
    """A pattern match: its span and value, or None when it looked like a date but is not."""

    start: int
    end: int
    value: _Value | None


def _candidates(text: str, anchor: dt.date | None) -> list[_Candidate]:
    """Every match of every pattern, rejected ones included (they block shorter matches)."""
    found = []
    for pattern, handler in _RULES:
        for m in pattern.finditer(text):
            found.append(_Candidate(m.start("span"), m.end("span"), handler(m, anchor)))
    return found


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
    return [
        DateMention(c.start, c.end, text[c.start : c.end], *c.value)
        for c in _choose(_candidates(text, anchor))
        if c.value is not None
    ]


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
    year = _bare_year(text[start:end])
    if year is None:
        return None
    return DateMention(start, end, text[start:end], f"{year:04d}", None, "year", False)


def _is_glued(mention: DateMention) -> bool:
    """Whether a mention can be a date glued to a headline: a written day or day range."""
    return mention.precision == "day" and not mention.relative


def trailing_date(line: str) -> tuple[str, DateMention] | None:
    """Split a headline from a date glued on its end ('... States 30.06.2021') or start."""
    found = [m for m in find_dates(line) if _is_glued(m)]
    if not found:
        return None
    last, first = found[-1], found[0]
    if not line[last.end :].strip(_GLUE + "."):
        head = line[: last.start].rstrip(_GLUE)
        if _word_before(head + " ", len(head) + 1) not in _LEX.words["date_links"]:
            return head, last
    if not line[: first.start].strip(_GLUE):
        return line[first.end :].lstrip(_GLUE + "."), first
    return None
