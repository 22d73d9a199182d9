"""Word-level tests for personal names in a spaCy Doc: which tokens can stand in a name, how far
a name runs, and which words are titles rather than names.

The vocabulary is data: `data/person_words.yml` (particles, words that are never names,
patronymic endings, title words) and `data/titles.yml` (honorifics, ranks, posts), whose words
are title words too ("Counselor" after "Minister" is a post, not a surname).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from pressgraph.nlp import gazetteer

__all__ = [
    "MAX_NAME_TOKENS",
    "hyphened_particle",
    "initials_before",
    "is_name_word",
    "is_patronymic",
    "is_title_word",
    "line_end",
    "name_run",
    "words",
]

MAX_NAME_TOKENS = 5
_POSSESSIVES = frozenset({"'s", "’s", "'", "’"})
# Initials written without spaces before a surname: "Sh.J.Karimzoda", "A.B.Ivanov".
_GLUED_INITIALS = re.compile(r"(?:[A-ZА-ЯЁ][a-zа-яё]?\.)+[A-ZА-ЯЁ][\w’'-]+")
_ENDS_IN_INITIAL = re.compile(r"(?:^|\.)[A-ZА-ЯЁ][a-zа-яё]?$")


@dataclass(frozen=True)
class Words:
    """The vocabulary of names and of the words around them."""

    particles: frozenset[str]
    not_names: frozenset[str]
    patronymic_endings: tuple[str, ...]
    org_heads: frozenset[str]  # "council", "centre": a name with one is an organization's
    title_words: frozenset[str]  # lower-cased words of titles, ranks and honorifics


@lru_cache(maxsize=1)
def words() -> Words:
    """The vocabulary, loaded once."""
    data = gazetteer.load_data_file("person_words.yml")
    org_words = gazetteer.load_data_file("org_words.yml")
    titles = gazetteer.titles()
    phrases = [*titles.honorifics, *titles.ranks, *titles.post_heads, *titles.post_modifiers]
    split = (w.casefold().rstrip(".") for p in phrases for w in re.split(r"[\s-]+", p))
    title_words = {w for w in split if len(w) > 1}  # "mr" of "Mr.", as is_title_word reads it
    title_words |= {w.casefold() for w in data["title_words"]}
    return Words(
        frozenset(data["particles"]),
        frozenset(data["not_names"]),
        tuple(data["patronymic_endings"]),
        frozenset(org_words["heads"]),
        frozenset(title_words - {"the", "and", "of"}),
    )


def is_title_word(text: str) -> bool:
    """A word of a title, rank or honorific, also in the plural ("Secretaries", "Observers")."""
    word = text.casefold().rstrip(".")
    title_words = words().title_words
    if word in title_words:
        return True
    if word.endswith("ies") and word[:-3] + "y" in title_words:
        return True
    return word.endswith("s") and word[:-1] in title_words


def is_patronymic(text: str) -> bool:
    """A capitalized word with a patronymic ending ("Viktorovich", "Nurgalievna")."""
    return (
        len(text) >= 6 and is_name_word(text) and text.lower().endswith(words().patronymic_endings)
    )


def is_name_word(text: str) -> bool:
    """A capitalized word or an initial ("V.", "J.-P.") that can stand in a name."""
    if text in words().not_names:
        return False
    if _GLUED_INITIALS.fullmatch(text):
        return True
    core = text.replace("-", "").replace("'", "").replace("’", "").rstrip(".")
    return bool(core) and core[0].isupper() and core.isalpha()


def _glued(doc: Doc, i: int) -> bool:
    """True when token i is written with no space on either side."""
    return i > 0 and doc[i - 1].whitespace_ == "" and doc[i].whitespace_ == ""


def _bridge(doc: Doc, end: int, start: int) -> bool:
    """A hyphen or an initial's dot glued between two name words: "Kassym-Jomart",
    "Sh.J.Karimzoda"."""
    if end <= start or end + 1 >= len(doc) or not _glued(doc, end):
        return False
    text, before = doc[end].text, doc[end - 1].text
    if not is_name_word(doc[end + 1].text):
        return False
    return text in {"-", "‐"} or (text == "." and _ends_in_initial(before))


def _ends_in_initial(text: str) -> bool:
    """ "Sh", "R.Sh": the last piece is an initial of one or two letters."""
    return _ENDS_IN_INITIAL.search(text) is not None


def initials_before(doc: Doc, start: int) -> int:
    """Start of the initials glued before a name word ("R.Sh." + "Sharifzoda"), else `start`."""
    i = start
    while i >= 2 and doc[i - 1].text == "." and _glued(doc, i - 1):
        if not _ends_in_initial(doc[i - 2].text):
            break
        i -= 2
    return i


def name_run(doc: Doc, start: int, claimed: set[int]) -> int:
    """End (exclusive) of the longest name-like token run starting at `start`; `start` if none.

    Hyphened given names ("Kassym-Jomart") and glued initials ("Sh.J.Karimzoda") count as
    one word; a possessive ("’s") ends the run.
    """
    end = start
    used = 0
    particles = words().particles
    while end < len(doc) and used < MAX_NAME_TOKENS and end not in claimed:
        text = doc[end].text
        if _bridge(doc, end, start) and end + 1 not in claimed:
            end += 2
        elif is_name_word(text) or (text.lower().rstrip("-") in particles and end > start):
            end += 1
            used += 1
        else:
            break
    while end > start and doc[end - 1].text.lower().rstrip("-") in particles:
        end -= 1
    return end


def trim_name(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """A name's token range without a possessive at its end ("Ivanov’s") or words of address
    and titles at its start ("Dear Ivan Petrovich", "Extraordinary Zhang Wei")."""
    while end > start and doc[end - 1].text in _POSSESSIVES:
        end -= 1
    while start < end and (doc[start].text in words().not_names or is_title_word(doc[start].text)):
        start += 1
    return start, end


def line_end(doc: Doc, start: int, end: int) -> int:
    """`end`, or the end of the first line of tokens start..end: a name never runs across a
    line break ("Viktor Lapin" + newline + "Website")."""
    for i in range(start, end):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            return i if "\n" in doc[i].text else i + 1
    return end


def hyphened_particle(doc: Doc, i: int) -> bool:
    """A particle joined by a hyphen to the name word after it: the "al-" of "al-Zawahiri"."""
    return (
        doc[i].text.lower() in words().particles
        and i + 2 < len(doc)
        and doc[i + 1].text == "-"
        and is_name_word(doc[i + 2].text)
    )
