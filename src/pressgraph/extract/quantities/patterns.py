"""The regular expressions that find numbers, ranges, hedges and unit phrases, built once from the
lexicon's words in every case form; `canonical` maps a matched form back to its data word."""

from __future__ import annotations

import re
from collections.abc import Iterable

from pressgraph import regexes
from pressgraph.extract.quantities.lexicon import LEXICON

_SP = r"[^\S\n]+"  # spaces within a line
_DASH = r"[^\S\n]*[-–—][^\S\n]*"


_CANON: dict[str, str] = {}  # every case form of every data word -> the word as in the file


def _case_forms(word: str) -> set[str]:
    """A word as in the file, capitalised, title-cased and upper-cased; remembered in _CANON."""
    forms = {word, word.capitalize(), word.title(), word.upper()}
    _CANON.update(dict.fromkeys(forms, word))
    return forms


def canonical(text: str) -> str:
    """The data word a matched form stands for ('More  than' -> 'more than')."""
    return _CANON[" ".join(text.split())]


def _alt(words: Iterable[str]) -> str:
    """A non-capturing alternation of the words in their case forms, longest first."""
    forms = {form for word in words for form in _case_forms(word)}
    parts = {
        _SP.join(map(re.escape, f.split())) + (r"(?!\w)" if f[-1:].isalnum() else "") for f in forms
    }
    return "(?:" + ("|".join(sorted(parts, key=lambda p: (-len(p), p))) or "(?!)") + ")"


def _words_between(low: int, high: int, *, tens: bool = False) -> str:
    """An alternation of the number words with values in [low, high] (tens: only 20..90)."""
    return _alt(w for w, n in LEXICON.numbers.items() if low <= n <= high and (not tens or n >= 20))


_GROUPED = r"[0-9]{1,3}(?:(?:,|[ \u00a0\u202f])[0-9]{3})+(?:\.[0-9]+)?(?![0-9])"
_DIGITS = rf"(?:{_GROUPED}|[0-9]+(?:[.,][0-9]+)?)"
_MULT = _alt(LEXICON.multipliers)
_WORD_NUM = (
    rf"(?:{_words_between(20, 90, tens=True)}(?:(?:-|{_SP}){_words_between(1, 9)}|(?!-\w))"
    rf"|{_words_between(1, 19)})"
)
_BASE = rf"(?:{_DIGITS}|{_WORD_NUM}|{_alt(['a'])}(?={_SP}{_MULT}))"  # "a" only in "a dozen"
_NUMBER_BODY = rf"{_BASE}(?:{_SP}{_MULT})*"
NUMBER = regexes.compile(rf"(?<!\w)(?P<base>{_BASE})(?P<mults>(?:{_SP}{_MULT})*)")
GROUPED_RE = regexes.compile(_GROUPED)
MULT_RE = regexes.compile(_MULT)
_PARTITIVE = _alt(LEXICON.partitive)
_VAGUE_WORD = _alt(LEXICON.vague)
VAGUE_RE = regexes.compile(_VAGUE_WORD)
_VAGUE = rf"{_VAGUE_WORD}(?:{_SP}{_PARTITIVE}{_SP}{_VAGUE_WORD})*{_SP}{_PARTITIVE}"
_OPENED = "|".join(
    rf"{_alt([opener])}{_SP}{_NUMBER_BODY}(?:{_DASH}|{_SP}{_alt(links)}{_SP}){_NUMBER_BODY}"
    for opener, links in LEXICON.ranges.items()
)
_PLAIN = rf"{_NUMBER_BODY}(?:(?:{_DASH}|{_SP}{_alt(LEXICON.bare_links)}{_SP}){_NUMBER_BODY})?"
_CURRENCY = _alt(LEXICON.currency)
_SIGNS = re.escape("".join(sorted({c for sign in LEXICON.currency for c in sign})))
CANDIDATE = regexes.compile(
    rf"(?<![\w.,:/+\-–—#№{_SIGNS}])"  # not the tail of a word, code, name, number ("COVID-19")
    rf"(?:(?P<vague>{_VAGUE})|(?:(?P<cur>{_CURRENCY})[^\S\n]?)?(?P<body>{_OPENED}|{_PLAIN}))"
    r"(?![0-9]|[.,:/][0-9]|[-–—]?\w)",  # not "10:30", "1.2.3", "20th", "20-member"
)
HEDGE_BEFORE = regexes.compile(rf"(?<!\w)(?P<h>{_alt(LEXICON.hedges)}){_SP}$")
UNIT_AFTER = regexes.compile(rf"[^\S\n]*(?P<u>{_alt(LEXICON.unit_phrases)})")
