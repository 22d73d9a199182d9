"""The shape of a line or paragraph: does it end a sentence, is it headline-like, is it a date
line. The cleaner and the story splitter read a page by these shapes, never by its words."""

from __future__ import annotations

import datetime as dt
import re

from pressgraph.extract.dates import DateMention, find_dates

HEADLINE_MIN_WORDS = 3
HEADLINE_MAX_WORDS = 80
# A line of at most this many words, not ending a sentence, is "short": a menu item, a label.
SHORT_MAX_WORDS = 6
# At most this many words besides its date (a place, a source) and a date line is still one.
_DATE_LINE_REST_WORDS = 2
_DATE_LINE_MAX_WORDS = 12

_SENTENCE_END = re.compile(r"[.!?…:;,][\"'”»’)\]]*$")
_STRONG_END = re.compile(r"[.!?…][\"'”»’)\]]*$")
_BULLETS = " \t•·▪●◦‣∙*|-–—>»›/\\"
_TIME = re.compile(
    r"(?<!\w)\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*(?:[AaPp]\.?[Mm]\.?))?"
    r"(?:\s*\(?(?:UTC|GMT|MSK|CET|CEST|EET|EEST)\s*(?:[+-]\s*\d{1,2}(?::?\d{2})?)?\)?)?(?!\w)"
)
_ZONE = re.compile(r"(?<!\w)(?:UTC|GMT|MSK|CET|CEST|EET|EEST)(?:\s*[+-]\s*\d{1,2})?(?!\w)")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")


def words(text: str) -> list[str]:
    """The white-space separated words of a text."""
    return text.split()


def ends_sentence(text: str) -> bool:
    """Whether the text ends like a sentence or a clause (., !, ?, …, :, ;, a comma)."""
    return bool(_SENTENCE_END.search(text.rstrip()))


def ends_strongly(text: str) -> bool:
    """Whether the text ends like a full sentence (., !, ?, …), closing quotes allowed."""
    return bool(_STRONG_END.search(text.rstrip()))


def starts_lower(text: str) -> bool:
    """Whether the text begins with a lower-case letter (a line that continues a sentence)."""
    first = text.lstrip(" \"'“«(")[:1]
    return first.isalpha() and first.islower()


def is_short(text: str) -> bool:
    """A menu item or a label: a few words, not a sentence (one or two words may end in '.')."""
    n = len(text.split())
    if n == 0:
        return False
    return n <= SHORT_MAX_WORDS and (not ends_strongly(text) or n <= 2)


def looks_like_headline(text: str) -> bool:
    """Short, one line, starts with a capital, a digit or a quote, and does not end like a
    sentence."""
    n = len(text.split())
    return (
        "\n" not in text
        and HEADLINE_MIN_WORDS <= n <= HEADLINE_MAX_WORDS
        and not ends_sentence(text.rstrip("\"”»'"))
        and (text[0].isupper() or text[0].isdigit() or text[0] in "\"“«'‘")
    )


def date_line(
    text: str,
    anchor: dt.date | None = None,
    labels: frozenset[str] = frozenset(),
    weekdays: frozenset[str] = frozenset(),
) -> DateMention | None:
    """The date of a line that is only a date, with what sites put around one: bullets, a
    label ("Publishing date:"), a weekday, a time and time zone, a place or source of at most
    two words ("Moscow, 26 May 2025", "• 27 Aug. 2020 -", "14 июня 2011, 16:04")."""
    if "\n" in text or len(text.split()) > _DATE_LINE_MAX_WORDS:
        return None
    found = [m for m in find_dates(text, anchor=anchor) if m.precision == "day"]
    if len(found) != 1:
        return None
    date = found[0]
    rest = text[: date.start] + " " + text[date.end :]
    rest = _ZONE.sub(" ", _TIME.sub(" ", rest))
    folded = " ".join(rest.casefold().replace(":", " ").split())
    for label in sorted(labels, key=len, reverse=True):
        folded = re.sub(rf"(?<!\w){re.escape(label)}(?!\w)", " ", folded)
    left = [w for w in _WORD.findall(folded) if w.strip(".") not in weekdays]
    if len(left) > _DATE_LINE_REST_WORDS:
        return None
    return date


def strip_bullets(text: str) -> str:
    """The text without the bullets, dashes and bars that lists put around it."""
    return text.strip(_BULLETS)
