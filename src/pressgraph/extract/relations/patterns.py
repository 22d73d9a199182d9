"""Regex building blocks over masked sentences (placeholders like ``⟦O3⟧``): actor lists, the
cue patterns the data file is compiled into, and speech tags, kept apart from the data itself."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

_PH = r"⟦[OPHCX]\d+⟧"
PLACEHOLDER = re.compile(r"⟦([OPHCX])(\d+)⟧")
# "the ⟦O⟧ (⟦O⟧)": a name and its acronym; "⟦O⟧ (⟦O⟧/⟦O⟧)": and the acronyms of its parts
_ITEM = rf"(?:[Tt]he\s+)?{_PH}(?:\s*\(\s*{_PH}(?:\s*/\s*{_PH})*\s*\))?"
_SEP = r"(?:\s*,\s*(?:and\s+|as\s+well\s+as\s+)?|\s+and\s+|\s+as\s+well\s+as\s+)"
_LIST = rf"{_ITEM}(?:{_SEP}{_ITEM})*"
WORD = r"[^\s⟦⟧,;:.()“”\"«»]+"  # a word of a gap: no placeholder, no punctuation
# Examples after "such as": an item may run on for a few words ("the ⟦O⟧ Office of Counter-
# Terrorism", where the organization only qualifies the name the model missed).
_EXAMPLES = rf"{_ITEM}(?:(?:\s+{WORD}){{0,3}}{_SEP}{_ITEM})*"
# The actor list at the end of the text before a cue, and the words after it up to the cue.
ACTOR = re.compile(rf"(?P<list>{_LIST})(?P<rest>[^⟦⟧]*)$")
CLAUSE_BREAK = re.compile(r"[;:“”\"«»]")
# A relative clause closed before the cue is set aside when the source is sought: in "the SCO,
# which the CSTO had welcomed, received observer status" the SCO is the subject.
RELATIVE_CLAUSE = re.compile(r",\s*(?:which|who|whom|whose|where)\b[^,;:]*,")


def plain_words(text: str) -> str:
    """Lower-case words between single spaces, "n't" as "not", placeholders dropped."""
    text = PLACEHOLDER.sub(" ", text.lower().replace("n’t", " not").replace("n't", " not"))
    return " " + " ".join(re.findall(r"[\w-]+", text)) + " "


def alternation(phrases: Iterable[str]) -> str:
    """One regex alternative per phrase, longest first; a space matches any white space."""
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


def whole(phrases: Iterable[str]) -> str:
    """A regex matching any of the phrases as whole words (not inside a longer word)."""
    return rf"(?<![\w-])(?:{alternation(phrases)})(?![\w-])"


def linked_pattern(
    heads: str, links: tuple[str, ...], gap: int, lead_ins: tuple[str, ...]
) -> re.Pattern[str]:
    """head [of ⟦O⟧] [gap words] link [lead-in] list; no link: the list follows the head."""
    lead = rf"(?:(?:{alternation(lead_ins)})\s+)?"
    if not links:
        return re.compile(rf"{heads}\s+{lead}(?P<list>{_LIST})")
    link = alternation(links)
    of_source = "" if "of" in links else r"(?:\s+of\s+(?:[Tt]he\s+)?(?P<of>⟦O\d+⟧))?"
    words = rf"(?:\s+(?!(?:{link})\b){WORD}){{0,{gap}}}?"
    return re.compile(rf"{heads}{of_source}(?P<gap>{words})\s+(?:{link})\s+{lead}(?P<list>{_LIST})")


def between_pattern(heads: str, gap: int, lead_ins: tuple[str, ...]) -> re.Pattern[str]:
    """head [gap words] "between" list: both ends of the relation follow the cue. A list that
    ends in a class of organizations named by example ("between X and UN entities, such as A,
    B and C") has the examples in `more`."""
    words = rf"(?:\s+(?!between\b){WORD}){{0,{gap}}}?"
    lead = alternation(lead_ins)
    more = rf"(?:(?:\s+{WORD}){{1,4}}?\s*,?\s+(?:{lead})\s+(?P<more>{_EXAMPLES}))?"
    return re.compile(rf"{heads}(?P<gap>{words})\s+between\s+(?P<list>{_LIST}){more}")


def signed_by_pattern(heads: str, signing: tuple[str, ...]) -> re.Pattern[str]:
    """head [up to 3 words] signing word [a word] "by" rest: "Protocol signed today by ..."."""
    return re.compile(
        rf"{heads}(?P<gap>(?:\s+{WORD}){{0,3}}?)\s+(?:{alternation(signing)})(?:\s+{WORD})?"
        rf"\s+by\s+(?P<rest>[\s\S]*)$"
    )


def compound_pattern(heads: tuple[str, ...]) -> re.Pattern[str]:
    """ "⟦O⟧-⟦O⟧ (two words) head": "the SCO-UNODC anti-drug cooperation"."""
    return re.compile(
        rf"(?P<a>⟦O\d+⟧)\s*[-–—]\s*(?P<b>⟦O\d+⟧)(?:\s+{WORD}){{0,2}}?\s+"
        rf"(?i:{alternation(heads)})(?![\w-])"
    )


def roster_pattern(
    heads: tuple[str, ...],
    words: tuple[str, ...],
    opens: tuple[str, ...],
    lead_ins: tuple[str, ...],
) -> re.Pattern[str]:
    """head [words] [of ⟦O⟧] opener list: "observer states and organizations (⟦O⟧, ⟦O⟧)",
    "observers of the ⟦O⟧: ⟦O⟧ and ⟦O⟧", "member organizations such as ⟦O⟧"."""
    opener = rf"(?:\s*(?:{alternation(opens)})|,?\s+(?:{alternation(lead_ins)}))"
    # after words like "states and organizations" the list may follow with no opener at all
    named = rf"(?:\s+(?i:{alternation(words)}))"
    return re.compile(
        rf"(?<![\w-])(?i:{alternation(heads)})(?:{named}*(?:\s+of\s+(?:[Tt]he\s+)?"
        rf"(?P<of>⟦O\d+⟧))?{opener}|{named}+\s)\s*(?P<list>{_LIST})"
    )


class Listed(NamedTuple):
    """One placeholder of a matched list: its text, the words before it since the item before
    (lower-case, without "the"), and whether it is in parentheses after a name (an acronym)."""

    placeholder: str
    separator: str
    bracketed: bool


def listed_items(listed: str) -> list[Listed]:
    """The items of a matched list: "the ⟦O0⟧ (⟦O1⟧) and the ⟦O2⟧" has ⟦O1⟧ bracketed and
    " and " before ⟦O2⟧."""
    items, last, depth = [], 0, 0
    for m in PLACEHOLDER.finditer(listed):
        between = listed[last : m.start()]
        depth += between.count("(") - between.count(")")
        words = " ".join(w for w in between.lower().split() if w != "the")
        items.append(Listed(m.group(), words, depth > 0))
        last = m.end()
    return items


def is_star(items: list[Listed]) -> bool:
    """ "between X and A, B, and C": X with each of the others, not every pair. The first two
    names are joined by "and", the later ones by commas."""
    named = [i for i in items if not i.bracketed]
    if len(named) < 3:
        return False
    joins = [i.separator.lstrip(")").strip() for i in named[1:]]
    return joins[0] == "and" and all(j.startswith(",") for j in joins[1:])


def interjection_pattern(verbs: tuple[str, ...]) -> re.Pattern[str]:
    """A speech tag between commas (or at the start): ", emphasized Mr. ⟦P⟧,", ", he said,",
    ", said the ⟦O⟧ Secretary General ⟦P⟧,", ", as ⟦P⟧ noted,", ", according to him,"."""
    who = r"(?:⟦[PHX]\d+⟧|him|her)"
    said = rf"(?i:{whole(verbs)})"  # "According to him, ..." starts a sentence
    words = r"(?:[^\s,;:⟦⟧]+|⟦[OC]\d+⟧)"  # title words and the organizations in them
    tag = rf"(?:{said}(?:\s+{words}){{0,8}}?\s+{who}|(?:{words}\s+){{0,8}}?{who}\s+{said})"
    return re.compile(rf"(?P<lead>^|,)\s*{tag}\s*,")
