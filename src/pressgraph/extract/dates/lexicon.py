"""The word lists of ``data/months.yml`` (month names, relative words, context cues), read and
checked once at import, so a broken file fails loudly as a DataError naming what is wrong."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pressgraph.datafiles import load_yaml
from pressgraph.errors import DataError

_DATA_NAME = "pressgraph/extract/data/months.yml"
_UNITS = frozenset({"year", "month", "week"})


@dataclass(frozen=True)
class _Lexicon:
    """The words of months.yml, checked and lower-cased."""

    en_months: dict[str, int]
    en_short: dict[str, int]
    ru_months: dict[str, int]
    days: dict[str, int]
    weekdays: dict[str, int]
    shifts: dict[str, int]
    units: dict[str, str]
    words: dict[str, tuple[str, ...]]
    quantity_cues: dict[str, frozenset[str]]


WORD_LISTS = (
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
    "month_links",
    "year_links",
    "weekday_links",
    "future_cues",
)


def _fail(what: str) -> DataError:
    """A DataError saying which part of months.yml is wrong and how to fix it."""
    return DataError(f"{_DATA_NAME}: {what}; fix the file (see the comments at its top)")


def norm(words: str) -> str:
    """Lower-case a phrase and collapse its spaces, the form every lookup uses."""
    return " ".join(words.lower().split())


def _str_list(raw: object, key: str) -> tuple[str, ...]:
    """A list of non-empty strings from the file, or a DataError naming the key."""
    if not isinstance(raw, list) or not all(isinstance(w, str) and w.strip() for w in raw):
        raise _fail(f"'{key}' must be a list of non-empty strings")
    return tuple(norm(w) for w in raw)


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
        out[norm(word)] = num
    return out


def _units(raw: object) -> dict[str, str]:
    """The unit words and the unit (year, month or week) each one names."""
    out: dict[str, str] = {}
    for word, unit in _mapping(raw, "units").items():
        if not isinstance(word, str) or not isinstance(unit, str) or unit not in _UNITS:
            raise _fail(f"'units' must map words to year, month or week, not {word!r}: {unit!r}")
        out[norm(word)] = unit
    return out


def _months(raw: object) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """Month forms by kind (English full, English short, any case: Russian and the other
    languages) -> number."""
    table = _mapping(raw, "months")
    if set(table) != set(range(1, 13)):
        raise _fail("'months' must have exactly the keys 1 to 12")
    kinds: tuple[dict[str, int], dict[str, int], dict[str, int]] = ({}, {}, {})
    for num in range(1, 13):
        entry = _mapping(table[num], f"months.{num}")
        for kind, out in zip(("en", "en_short", "ru"), kinds, strict=True):
            out.update(dict.fromkeys(_str_list(entry.get(kind), f"months.{num}.{kind}"), num))
        other = _str_list(entry.get("other", []), f"months.{num}.other")
        kinds[2].update(dict.fromkeys(other, num))
    return kinds


def _quantity_cues(raw: object) -> dict[str, frozenset[str]]:
    """Context word -> the words before it that make the following number a quantity."""
    return {
        norm(str(ctx)): frozenset(_str_list(words, f"quantity_cues.{ctx}"))
        for ctx, words in _mapping(raw, "quantity_cues").items()
    }


def parse_lexicon(raw: object) -> _Lexicon:
    """Check the parsed months.yml and turn it into lookup tables; DataError if malformed."""
    top = _mapping(raw, "the top level")
    en, short, ru = _months(top.get("months"))
    return _Lexicon(
        en_months=en,
        en_short=short,
        ru_months=ru,
        days=_int_map(top.get("relative_days"), "relative_days"),
        weekdays=_int_map(top.get("weekdays"), "weekdays"),
        shifts=_int_map(top.get("shifts"), "shifts"),
        units=_units(top.get("units")),
        words={key: _str_list(top.get(key), key) for key in WORD_LISTS},
        quantity_cues=_quantity_cues(top.get("quantity_cues")),
    )


def _load_lexicon() -> _Lexicon:
    """Read the bundled months.yml once, at import; a malformed file is a DataError."""
    return parse_lexicon(load_yaml("pressgraph.extract", "months.yml"))


LEX = _load_lexicon()
