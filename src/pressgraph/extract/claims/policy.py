"""Which figures are claims: not a duration, an age or a frequency ("20 years ago", "grew 50
times"), not a definite count that refers back ("the two organizations"), not an idiom ("on the
one hand"), not a vague plural ("thousands of cases"). The word lists are data/claims.yml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc

from pressgraph.datafiles import load_yaml
from pressgraph.errors import DataError
from pressgraph.extract.quantities import Quantity
from pressgraph.nlp.spans import doc_text

_DATA = "pressgraph/extract/data/claims.yml"
_SUPERLATIVE = "JJS"
_OPENING = frozenset("“\"«‘'")
_CLOSING = frozenset("”\"»’'")


@dataclass(frozen=True)
class ClaimWords:
    """The word lists of claims.yml, checked and lower-cased."""

    authority_nouns: tuple[str, ...]
    not_counted: frozenset[str]
    anaphoric_determiners: frozenset[str]
    anaphoric_nouns: frozenset[str]
    idioms: re.Pattern[str]
    same_units: dict[str, str]  # unit -> the first unit of its group


def _words(raw: dict[str, object], key: str) -> tuple[str, ...]:
    value = raw.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise DataError(f"{_DATA}: '{key}' must be a non-empty list of strings; fix the file")
    return tuple(" ".join(v.lower().split()) for v in value)


def _groups(raw: dict[str, object], key: str) -> dict[str, str]:
    value = raw.get(key)
    if not isinstance(value, list) or not all(isinstance(g, list) and g for g in value):
        raise DataError(f"{_DATA}: '{key}' must be a list of lists of units; fix the file")
    return {str(unit).lower(): str(group[0]).lower() for group in value for unit in group}


def parse_claim_words(raw: object) -> ClaimWords:
    """Check the parsed claims.yml and turn it into lookup tables; DataError if malformed."""
    if not isinstance(raw, dict):
        raise DataError(f"{_DATA} must be a mapping; fix the file")
    idioms = sorted(_words(raw, "idioms"), key=len, reverse=True)
    alternation = "|".join(re.escape(i).replace(r"\ ", r"\s+") for i in idioms)
    return ClaimWords(
        authority_nouns=_words(raw, "authority_nouns"),
        not_counted=frozenset(_words(raw, "not_counted")),
        anaphoric_determiners=frozenset(_words(raw, "anaphoric_determiners")),
        anaphoric_nouns=frozenset(_words(raw, "anaphoric_nouns")),
        idioms=re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE),
        same_units=_groups(raw, "same_units"),
    )


@lru_cache(maxsize=1)
def claim_words() -> ClaimWords:
    """The bundled claims.yml, read once; a malformed file is a DataError."""
    return parse_claim_words(load_yaml("pressgraph.extract", "claims.yml"))


def is_claim(doc: Doc, quantity: Quantity, words: ClaimWords) -> bool:
    """Whether a figure the quantity finder read is a claim: "thousands of cases" gives no
    figure, so it is not one either."""
    if quantity.vague or quantity.unit in words.not_counted:
        return False
    return not (
        _refers_back(doc, quantity, words)
        or _in_idiom(doc, quantity, words)
        or _is_label(doc, quantity)
        or _is_cut(doc, quantity)
    )


def _is_label(doc: Doc, quantity: Quantity) -> bool:
    """The figure and its noun are a quoted name: the “three evils”, the "Big Five"."""
    text = doc_text(doc)
    before, after = text[quantity.start - 1 : quantity.start], text[quantity.end : quantity.end + 1]
    return bool(before) and before in _OPENING and after in _CLOSING


def _is_cut(doc: Doc, quantity: Quantity) -> bool:
    """The noun is the last word of a text cut off mid-sentence ("on 28 Apri"): what the figure
    counted is lost with the rest of the sentence."""
    text = doc_text(doc)
    return quantity.unit_end is not None and not text[quantity.unit_end :].strip()


def _refers_back(doc: Doc, quantity: Quantity, words: ClaimWords) -> bool:
    """A definite count right before its noun: "the two organizations", "these three states"."""
    if quantity.approx != "exact" or quantity.unit not in words.anaphoric_nouns:
        return False
    span = doc.char_span(quantity.start, quantity.end, alignment_mode="expand")
    if span is None or span.start == 0 or len(span) < 2:
        return False
    noun = span[-1]
    if noun.idx != quantity.unit_start:
        return False
    if doc[span.start - 1].lower_ not in words.anaphoric_determiners:
        return False
    between = [t for t in span[:-1] if not (t.like_num or t.text == "-")]
    # A word between the figure and its noun makes it a fact ("the six CSTO countries"),
    # unless it ranks what was named ("the two largest international organizations").
    return not between or between[0].tag_ == _SUPERLATIVE


def _in_idiom(doc: Doc, quantity: Quantity, words: ClaimWords) -> bool:
    """The figure is written inside a fixed phrase: "on the one hand"."""
    text = doc_text(doc)
    lo, hi = max(0, quantity.start - 40), min(len(text), quantity.end + 40)
    return any(
        m.start() < quantity.end and quantity.start < m.end()
        for m in words.idioms.finditer(text, lo, hi)
    )
