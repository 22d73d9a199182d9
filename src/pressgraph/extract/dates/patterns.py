"""The regular expressions that find date-like spans, built once from the word lists: each one
captures the parts (day, month, year, range start) that rules.py turns into a value."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from pressgraph import regexes
from pressgraph.extract.dates.lexicon import LEX

_S = r"[^\S\n]*(?:\n[^\S\n]*)?"  # optional spaces, at most one line break
_S1 = r"(?:[^\S\n]+(?:\n[^\S\n]*)?|\n[^\S\n]*)"  # some spaces, at most one line break


def _any_case(word: str) -> set[str]:
    """A word as written, lower-cased, capitalised, title-cased and upper-cased."""
    return {word, word.lower(), word.capitalize(), word.title(), word.upper()}


def _upper_cases(word: str) -> set[str]:
    """A name only capitalised or upper-cased (English month names are never lower-case)."""
    return {word.capitalize(), word.title(), word.upper()}


def alternation(words: Iterable[str], cases: Callable[[str], set[str]] = _any_case) -> str:
    """A non-capturing alternation of the words in their cases, longest first, as a prefix
    tree (never empty); the words of a phrase are apart by spaces and at most one line break."""
    forms = {" ".join(form.split()) for word in words for form in cases(word)}
    return "(?:" + regexes.trie(forms, _S1) + ")"


def _words(key: str) -> str:
    """An alternation of one word list of months.yml."""
    return alternation(LEX.words[key])


_LB = r"(?<![\w.,/+\-])"  # a number that does not continue another number or code
_DASH = rf"{_S}[-–—]{_S}"
_OF = rf"(?:{_words('month_links')}{_S1})?"
_YEAR_LINK = rf"(?:{_words('year_links')}{_S1})?"
_EN_MONTHS = alternation(LEX.en_months, _upper_cases)
# for a month alone: no "Jan."
_MONTH_FULL = rf"(?:{_EN_MONTHS}|{alternation(LEX.ru_months)})(?!\w)"
_MONTH = (
    rf"(?:{_EN_MONTHS}(?:\.(?=[^\S\n]*[0-9]{{4}}))?|{alternation(LEX.en_short, _upper_cases)}\.?"
    rf"|{alternation(LEX.ru_months)})(?!\w)"
)
_SHIFT = alternation(LEX.shifts)
_UNIT_YEAR = alternation(word for word, unit in LEX.units.items() if unit == "year")
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
    digits = rf"(?:,{_S}|{_S1}){_YEAR_LINK}(?P<{name}>[0-9]{{4}})(?![0-9]|[.,][0-9]){_SUFFIX}?"
    rel = rf"{_S1}{_OF}(?P<{name}_rel>{_SHIFT}){_S1}{_UNIT_YEAR}(?!\w)"
    return rf"(?:{digits}|{rel})"


RANGE_DAY_FIRST = regexes.compile(
    rf"(?P<span>{_FROM}{_LB}{_day('d1')}"
    rf"(?:{_S1}{_OF}(?P<m1>{_MONTH})(?:(?:,{_S}|{_S1})(?P<y1>[0-9]{{4}})(?![0-9]){_SUFFIX}?)?)?"
    rf"(?(m1){_DASH_OR_WORD}|{_SEP}){_day('d2')}{_S1}{_OF}(?P<m2>{_MONTH}){_year('y2')}?)"
)
RANGE_MONTH_FIRST = regexes.compile(
    rf"(?P<span>{_FROM}(?<!\w)(?P<m1>{_MONTH}){_S1}{_day('d1')}"
    rf"(?:(?:,{_S}|{_S1})(?P<y1>[0-9]{{4}})(?![0-9]))?"
    rf"{_DASH_OR_WORD}(?:(?P<m2>{_MONTH}){_S1})?{_day('d2')}{_year('y2')}?)"
)
DAY_FIRST = regexes.compile(rf"(?P<span>{_LB}{_day('d')}{_S1}{_OF}(?P<m>{_MONTH}){_year('y')}?)")
MONTH_FIRST = regexes.compile(rf"(?P<span>(?<!\w)(?P<m>{_MONTH}){_S1}{_day('d')}{_year('y')}?)")
MONTH_YEAR = regexes.compile(
    rf"(?P<span>(?<!\w)(?P<m>{_MONTH})(?:{_S1}{alternation(['of'])})?{_year('y')})"
)
MONTH_ALONE = regexes.compile(
    rf"(?<!\w){_words('month_context')}{_S1}(?P<span>(?P<m>{_MONTH_FULL}))"
)
NUMERIC = regexes.compile(
    rf"(?P<span>{_LB}(?:(?P<d1>[0-9]{{1,2}})"
    rf"(?:(?P<s1>[./])(?P<m1>[0-9]{{1,2}})(?:(?P=s1)(?P<y1>[0-9]{{4}}))?)?{_DASH})?"
    rf"(?P<d>[0-9]{{1,2}})(?P<s>[./])(?P<m>[0-9]{{1,2}})(?P=s)(?P<y>[0-9]{{4}})"
    rf"(?![0-9]|[.,/:\-][0-9]){_SUFFIX}?)(?!\w)"
)
ISO = regexes.compile(
    rf"(?P<span>{_LB}(?P<y>[0-9]{{4}})-(?P<m>[0-9]{{2}})-(?P<d>[0-9]{{2}}))(?![0-9]|[-./,:][0-9])"
)
BARE_YEAR = regexes.compile(
    rf"{_YEAR_CTX}(?:{_words('year_modifiers')}(?:-|{_S1}))?(?P<span>(?P<y>[0-9]{{4}}))"
    rf"(?!\w|%|[.,/:][0-9]|[-–—]\w|{_DASH}[0-9]|{_S1}{_words('range_to')}{_S1}[0-9])"
)
SUFFIXED_YEAR = regexes.compile(rf"(?P<span>{_LB}(?P<y>[0-9]{{4}}){_SUFFIX})")
YEAR_RANGE = regexes.compile(
    rf"{_YEAR_CTX}(?P<span>(?P<y1>[0-9]{{4}}){_DASH}(?P<y2>[0-9]{{4}})){_YEAR_END}(?![-–—][0-9])"
)
YEAR_RANGE_FROM = regexes.compile(
    rf"(?P<span>(?<!\w)(?P<ctx>{_words('range_from')}){_S1}(?P<y1>[0-9]{{4}})"
    rf"(?:{_DASH}|{_S1}{_words('range_to')}{_S1})(?P<y2>[0-9]{{4}}){_YEAR_END}{_RANGE_SUFFIX}?)"
)
YEAR_RANGE_SUFFIXED = regexes.compile(
    rf"(?P<span>{_LB}(?P<y1>[0-9]{{4}}){_DASH}(?P<y2>[0-9]{{4}}){_RANGE_SUFFIX})"
)
RELATIVE_DAY = regexes.compile(rf"(?P<span>(?<!\w)(?P<w>{alternation(LEX.days)})(?!\w))")
WEEKDAY = regexes.compile(  # not "on Tuesday, 20 May 2025": the date itself follows
    rf"(?<!\w){_words('weekday_links')}{_S1}(?P<span>(?P<wd>{alternation(LEX.weekdays)}))(?!\w)"
    rf"(?![,\s]*(?:[0-9]|{_MONTH}))"
)
RELATIVE_UNIT = regexes.compile(
    rf"(?P<span>(?<!\w)(?P<shift>{_SHIFT}){_S1}(?P<unit>{alternation(LEX.units)})(?!\w))"
)
