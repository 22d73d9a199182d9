"""Find numeric quantities ("about 11 thousand ISIS fighters") in parsed text: the core of claims.
Regular expressions read the number; the spaCy parse finds what it counts and whom it is about;
years, dates, ordinals, times, phone and document numbers, and uncounted numbers are dropped."""

# How the work is split: lexicon (units.yml word lists) -> patterns (regular expressions) ->
# reading (values of numbers and ranges) -> candidates (hedges, currency signs; no dates or
# document numbers) -> counting (the noun a number counts) and subjects (whom it is about, or
# what an amount measures: "tons of heroin") -> finder (Quantity records); extract/measures.py
# puts amounts in one base unit per dimension (kilograms and tons compare). Choices: a hedge before
# a range leaves it a "range"; "thousands of" and "tens of thousands of" are lower bounds
# ("over" 2000, 20000); a plain four-digit number from 1900 to 2100 counts only a plural noun
# with no determiner before it ("2000 people", not "the 2019 exercises"); a noun must be plural
# unless the figure is at most one, and then singular ("500 yesterday" and a template's "1
# pages" count nothing); the noun is on the number's line (a ranking number on its own line
# counts nothing); names with numbers ("COVID-19") are not figures; a text that writes decimal
# commas ("67,6 tons") has "48,988 tons" read as 48.988.

from __future__ import annotations

from pressgraph.extract.quantities.finder import find_quantities
from pressgraph.extract.quantities.lexicon import load_lexicon, parse_lexicon
from pressgraph.extract.quantities.records import Quantity

__all__ = ["Quantity", "find_quantities", "load_lexicon", "parse_lexicon"]
