"""Whom a figure is about: a name next to the counted noun in the parse, between the number and
the noun ("11 thousand ISIS fighters") or after it ("60 thousand members of the Taliban")."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from pressgraph.extract.quantities.lexicon import LEXICON
from pressgraph.extract.quantities.records import Found

_SUBJECT_LABELS = frozenset({"ORG", "NORP", "GPE", "LOC", "PERSON"})
_NOUN_MODIFIERS = frozenset({"amod", "compound", "nmod"})


def _is_name(tok: Token) -> bool:
    """Whether a token names an organization, group or country ('ISIS', 'Taliban')."""
    if tok.ent_type_:
        return tok.ent_type_ in _SUBJECT_LABELS  # not a date, number or law ("of May")
    return bool(tok.pos_ == "PROPN")


def _entity_bounds(tok: Token) -> tuple[int, int]:
    """Token indexes [start, end) of the named entity around tok, or of tok alone."""
    doc = tok.doc
    if not tok.ent_type_:
        return tok.i, tok.i + 1
    start, end = tok.i, tok.i + 1
    while doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return start, end


def _found(doc: Doc, start: int, end: int) -> Found | None:
    """The text of tokens [start, end) without leading determiners or edge punctuation."""
    while start < end and (doc[start].pos_ in ("DET", "PUNCT")):
        start += 1
    while end > start and doc[end - 1].pos_ == "PUNCT":
        end -= 1
    if start >= end:
        return None
    span = doc[start:end]
    return Found(span.text, span.start_char, span.end_char)


def _subject_before(num: Span, unit: Token) -> Found | None:
    """A name between the number and its noun: 'ISIS' in '11 thousand ISIS fighters'."""
    doc = num.doc
    first = next((t for t in doc[num.end : unit.i] if _is_name(t)), None)
    if first is None:
        return None
    ent_start, ent_end = _entity_bounds(first)
    end = first.i + 1
    while end < unit.i and not first.ent_type_ and _is_name(doc[end]):
        end += 1  # a run of names; a named entity ends where the model ends it ("CEMAC Member")
    return _found(doc, max(ent_start, num.end), min(max(end, ent_end), unit.i))


def _subject_after(unit: Token) -> Found | None:
    """A name the noun belongs to: 'Taliban' in '60 thousand members of the Taliban'."""
    for prep in unit.rights:
        if prep.dep_ != "prep" or prep.lower_ not in LEXICON.partitive:
            continue
        for obj in prep.children:
            if obj.dep_ == "pobj" and _is_name(obj):
                ent_start, ent_end = _entity_bounds(obj)
                start = max(prep.i + 1, min(ent_start, obj.left_edge.i))
                return _found(unit.doc, start, max(ent_end, obj.i + 1))
    return None


def _substance(unit: Token) -> Found | None:
    """What an amount measures: 'heroin' in '790 kilograms of heroin', 'narcotic drugs' in
    '67 tons of narcotic drugs and psychotropic substances' (the first of coordinated nouns)."""
    for prep in unit.rights:
        if prep.dep_ != "prep" or prep.lower_ not in LEXICON.partitive:
            continue
        for obj in prep.children:
            if obj.dep_ == "pobj" and obj.pos_ in ("NOUN", "PROPN"):
                start = min([obj.i, *(c.i for c in obj.lefts if c.dep_ in _NOUN_MODIFIERS)])
                return _found(unit.doc, start, obj.i + 1)
    return None


def find_subject(num: Span, unit: Token | None, measure: bool = False) -> Found | None:
    """What the figure is about, when the text names it next to the counted noun, or what it
    measures when its unit is a measure ("tons of heroin")."""
    if unit is None:
        return None
    if measure:
        return _subject_before(num, unit) or _substance(unit)
    return _subject_before(num, unit) or _subject_after(unit)
