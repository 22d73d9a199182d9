"""The word lists of data/units.yml (number words, multipliers, hedges, range words, units),
checked and turned into lookup tables once at import; a malformed file is a DataError."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from pressgraph.datafiles import load_yaml
from pressgraph.errors import DataError

_DATA_NAME = "pressgraph/extract/data/units.yml"
_APPROX = ("about", "over", "under")


@dataclass(frozen=True)
class Lexicon:
    """The words of units.yml, checked and lower-cased."""

    numbers: dict[str, int]
    multipliers: dict[str, float]
    vague: dict[str, float]
    hedges: dict[str, str]
    ranges: dict[str, tuple[str, ...]]
    bare_links: tuple[str, ...]
    prefixes: frozenset[str]
    partitive: tuple[str, ...]
    unit_phrases: dict[str, str]
    currency: dict[str, str]
    irregular: dict[str, str]
    count_nouns: frozenset[str]


def _fail(what: str) -> DataError:
    """A DataError saying which part of units.yml is wrong and how to fix it."""
    return DataError(f"{_DATA_NAME}: {what}; fix the file (see the comments at its top)")


def _norm(words: object) -> str:
    """Lower-case a phrase and collapse its spaces, the form every lookup uses."""
    return " ".join(str(words).lower().split())


def _mapping(raw: object, key: str) -> Mapping[object, object]:
    """A non-empty mapping from the file, or a DataError naming the key."""
    if not isinstance(raw, dict) or not raw:
        raise _fail(f"'{key}' must be a non-empty mapping")
    return raw


def _str_list(raw: object, key: str) -> tuple[str, ...]:
    """A non-empty list of non-empty strings from the file, or a DataError naming the key."""
    if not isinstance(raw, list) or not raw:
        raise _fail(f"'{key}' must be a non-empty list of strings")
    if not all(isinstance(w, str) and w.strip() for w in raw):
        raise _fail(f"'{key}' must be a list of non-empty strings")
    return tuple(_norm(w) for w in raw)


def _num_map(raw: object, key: str) -> dict[str, float]:
    """A mapping of words to positive numbers (number words, multipliers)."""
    out: dict[str, float] = {}
    for word, num in _mapping(raw, key).items():
        value = float(num) if isinstance(num, int | float) and not isinstance(num, bool) else 0.0
        if not isinstance(word, str) or not word.strip() or not 0 < value < math.inf:
            raise _fail(f"'{key}' must map words to positive numbers, not {word!r}: {num!r}")
        out[_norm(word)] = value
    return out


def _str_map(raw: object, key: str) -> dict[str, str]:
    """A mapping of words to words (units)."""
    out: dict[str, str] = {}
    for word, value in _mapping(raw, key).items():
        if not isinstance(word, str) or not isinstance(value, str) or not value.strip():
            raise _fail(f"'{key}' must map words to words, not {word!r}: {value!r}")
        out[_norm(word)] = _norm(value)
    return out


def _number_words(raw: object) -> dict[str, int]:
    """Number words -> values, each a whole number from 1 to 19 or a ten up to 90."""
    out: dict[str, int] = {}
    for word, num in _num_map(raw, "number_words").items():
        if num != int(num) or not (num < 20 or (num < 100 and num % 10 == 0)):
            raise _fail(f"'number_words' values must be 1-19 or 20, 30 .. 90, not {num!r}")
        out[word] = int(num)
    return out


def _hedges(raw: object) -> dict[str, str]:
    """Hedge phrase -> approx (about, over, under)."""
    table = _mapping(raw, "hedges")
    if set(table) != set(_APPROX):
        raise _fail(f"'hedges' must have exactly the keys {', '.join(_APPROX)}")
    return {w: str(kind) for kind in _APPROX for w in _str_list(table[kind], f"hedges.{kind}")}


def _ranges(raw: object) -> dict[str, tuple[str, ...]]:
    """Range opening word -> the words that may join its two numbers."""
    return {_norm(k): _str_list(v, f"ranges.{k}") for k, v in _mapping(raw, "ranges").items()}


def parse_lexicon(raw: object) -> Lexicon:
    """Check the parsed units.yml and turn it into lookup tables; DataError if malformed."""
    top = _mapping(raw, "the top level")
    return Lexicon(
        numbers=_number_words(top.get("number_words")),
        multipliers=_num_map(top.get("multipliers"), "multipliers"),
        vague=_num_map(top.get("vague"), "vague"),
        hedges=_hedges(top.get("hedges")),
        ranges=_ranges(top.get("ranges")),
        bare_links=_str_list(top.get("bare_range_links"), "bare_range_links"),
        prefixes=frozenset(_str_list(top.get("number_prefixes"), "number_prefixes")),
        partitive=_str_list(top.get("partitive"), "partitive"),
        unit_phrases=_str_map(top.get("unit_phrases"), "unit_phrases"),
        currency=_str_map(top.get("currency_signs"), "currency_signs"),
        irregular=_str_map(top.get("irregular"), "irregular"),
        count_nouns=frozenset(_str_list(top.get("count_nouns"), "count_nouns")),
    )


def load_lexicon() -> Lexicon:
    """Read the bundled units.yml once, at import; a malformed file is a DataError."""
    return parse_lexicon(load_yaml("pressgraph.extract", "units.yml"))


LEXICON = load_lexicon()  # the bundled word lists every other module of the finder reads
