"""Regex building blocks over masked sentences (placeholders like ``⟦O3⟧``): actor lists, the
cue patterns the data file is compiled into, and speech tags, kept apart from the data itself."""

from __future__ import annotations

import re
from collections.abc import Iterable

_PH = r"⟦[OPHCX]\d+⟧"
PLACEHOLDER = re.compile(r"⟦([OPHCX])(\d+)⟧")
_ITEM = rf"(?:[Tt]he\s+)?{_PH}(?:\s*\(\s*{_PH}\s*\))?"  # "the ⟦O⟧ (⟦O⟧)": a name and acronym
_SEP = r"(?:\s*,\s*(?:and\s+|as\s+well\s+as\s+)?|\s+and\s+|\s+as\s+well\s+as\s+)"
_LIST = rf"{_ITEM}(?:{_SEP}{_ITEM})*"
WORD = r"[^\s⟦⟧,;:.()“”\"«»]+"  # a word of a gap: no placeholder, no punctuation
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


def between_pattern(heads: str, gap: int) -> re.Pattern[str]:
    """head [gap words] "between" list: both ends of the relation follow the cue."""
    words = rf"(?:\s+(?!between\b){WORD}){{0,{gap}}}?"
    return re.compile(rf"{heads}(?P<gap>{words})\s+between\s+(?P<list>{_LIST})")


def interjection_pattern(verbs: tuple[str, ...]) -> re.Pattern[str]:
    """A speech tag between commas (or at the start): ", emphasized Mr. ⟦P⟧,", ", he said,",
    ", said the ⟦O⟧ Secretary General ⟦P⟧,", ", as ⟦P⟧ noted,", ", according to him,"."""
    who = r"(?:⟦[PHX]\d+⟧|him|her)"
    said = rf"(?i:{whole(verbs)})"  # "According to him, ..." starts a sentence
    words = r"(?:[^\s,;:⟦⟧]+|⟦[OC]\d+⟧)"  # title words and the organizations in them
    tag = rf"(?:{said}(?:\s+{words}){{0,8}}?\s+{who}|(?:{words}\s+){{0,8}}?{who}\s+{said})"
    return re.compile(rf"(?P<lead>^|,)\s*{tag}\s*,")
