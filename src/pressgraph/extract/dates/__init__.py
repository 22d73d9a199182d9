"""Find dates in press-release text (English and Russian) with exact offsets, for every stage;
relative dates are resolved against an anchor (the page's date)."""

# Explicit, conservative patterns only: a wrong date is worse than none, so a bare number is a
# year only where the text says it is one, a month name needs a day, a year or a context word,
# and every date is checked by ``datetime``. Relative dates ("today", "in May of this year", a
# day without a year) are resolved against an anchor (the page's date) and dropped without one.
#
# The modules, in the order they build on each other: lexicon (the word lists of
# data/months.yml), patterns (the regular expressions built from them), rules (what one match
# means), find (find_dates, parse_date and the DateMention record), headline (trailing_date).

from __future__ import annotations

from pressgraph.extract.dates.find import DateMention, find_dates, parse_date
from pressgraph.extract.dates.headline import trailing_date
from pressgraph.extract.dates.lexicon import WORD_LISTS, parse_lexicon
from pressgraph.extract.dates.patterns import alternation

__all__ = [
    "WORD_LISTS",
    "DateMention",
    "alternation",
    "find_dates",
    "parse_date",
    "parse_lexicon",
    "trailing_date",
]
