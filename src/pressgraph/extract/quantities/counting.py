"""What a number counts: the noun it modifies in the spaCy parse (through compounds and
adjectives), its singular unit, and whether a year-like number is a year after all. Units come
from the English parse, so Russian figures are read but rarely find their noun."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from pressgraph.extract.quantities.lexicon import LEXICON

_MAX_GAP = 4  # at most this many modifiers between a number and the noun it counts
_UNIT_POS = frozenset({"NOUN"})
_PLURAL_PROPER = "NNPS"  # "Countries" in a title-cased headline
_PLURAL_TAGS = frozenset({"NNS", _PLURAL_PROPER})
_MODIFIER_DEPS = frozenset({"compound", "nmod", "amod"})
_MODIFIER_POS = frozenset({"NOUN", "PROPN", "ADJ"})
_UNIT_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def _climb(tok: Token, limit: int) -> Token:
    """From a modifier up to the noun it modifies: 'model' -> 'acts' in 'model legal acts'."""
    while tok.dep_ in _MODIFIER_DEPS and tok.i < tok.head.i <= limit:
        tok = tok.head
    return tok


def _is_plural(tok: Token) -> bool:
    """Whether a noun is plural or the same in both numbers ('aircraft', 'personnel')."""
    return tok.tag_ in _PLURAL_TAGS or tok.text.lower() in LEXICON.irregular


def _is_counted_noun(tok: Token, num: Span, single: bool) -> bool:
    """Whether tok can be what num counts: a noun word after it, modifiers between, plural
    unless the figure is at most one."""
    if not (tok.pos_ in _UNIT_POS or tok.tag_ == _PLURAL_PROPER):
        return False
    if _UNIT_WORD.fullmatch(tok.text) is None or not (single or _is_plural(tok)):
        return False
    return all(tok in mod.ancestors for mod in num.doc[num.end : tok.i])


def _start_token(num: Span, vague: bool) -> Token | None:
    """The token the number modifies to its right, or after 'thousands of' the next word."""
    doc = num.doc
    if num.end >= len(doc):
        return None
    if vague:
        nxt = doc[num.end]
        return nxt if nxt.pos_ in _MODIFIER_POS else None
    if doc[num.end].lower_ in LEXICON.partitive:
        return None  # "one of the members", "five of them"
    heads = [t.head for t in num if num.end <= t.head.i <= num.end + _MAX_GAP]
    return heads[-1] if heads else None


def _adjacent_noun(num: Span) -> Token | None:
    """The noun right after a number the parser attached elsewhere ('June 30 countries')."""
    nxt = num.doc[num.end] if num.end < len(num.doc) else None
    if nxt is None or not (nxt.pos_ in _UNIT_POS or nxt.tag_ == _PLURAL_PROPER):
        return None
    return _climb(nxt, num.end + _MAX_GAP)


def unit_token(num: Span, vague: bool, single: bool) -> Token | None:
    """The noun a number counts: its head in the parse, else the noun right after it."""
    start = _start_token(num, vague)
    tok = None if start is None else _climb(start, num.end + _MAX_GAP)
    if tok is None or not _is_counted_noun(tok, num, single):
        tok = None if vague else _adjacent_noun(num)
    return tok if tok is not None and _is_counted_noun(tok, num, single) else None


def unit_name(tok: Token) -> str:
    """The singular lower-case unit of a counted noun ('people' -> 'person')."""
    word = tok.text.lower()
    if word in LEXICON.irregular:
        return LEXICON.irregular[word]
    lemma = str(tok.lemma_).lower() or word
    return LEXICON.irregular.get(lemma, lemma)


def looks_like_year(num: Span, unit: Token | None) -> bool:
    """Whether a bare year-like number ('the 2019 exercise') is a year, not a count: it counts
    only a plural noun with no determiner before it ('2000 people')."""
    if unit is None or unit.tag_ not in _PLURAL_TAGS:
        return True
    return any(c.dep_ in ("det", "poss") and c.i < num.start for c in unit.children)
