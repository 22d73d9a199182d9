"""The date glued to the end (or start) of a headline ("... States 30.06.2021"), split off so
the page cleaner can keep the title and the date apart."""

from __future__ import annotations

from pressgraph.extract.dates.find import DateMention, find_dates
from pressgraph.extract.dates.lexicon import LEX
from pressgraph.extract.dates.rules import word_before

_GLUE = " \t\r\n|·•,;:-–—/"


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
        if word_before(head + " ", len(head) + 1) not in LEX.words["date_links"]:
            return head, last
    if not line[: first.start].strip(_GLUE):
        return line[first.end :].lstrip(_GLUE + "."), first
    return None
