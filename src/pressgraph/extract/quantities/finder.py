"""The quantity finder: candidates in a doc or span, each given its unit ('%', a currency sign
or a counted noun) and subject; a figure that counts nothing, or is a year, is dropped."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from pressgraph.extract.quantities.candidates import Candidate, find_candidates
from pressgraph.extract.quantities.counting import looks_like_year, unit_name, unit_token
from pressgraph.extract.quantities.lexicon import LEXICON
from pressgraph.extract.quantities.patterns import UNIT_AFTER, canonical
from pressgraph.extract.quantities.records import Found, Quantity
from pressgraph.extract.quantities.subjects import find_subject
from pressgraph.nlp.spans import doc_text


def _unit(cand: Candidate, num: Span) -> tuple[Found | None, Token | None]:
    """The unit of a candidate ('%', a currency sign or a counted noun) and its noun token."""
    text = doc_text(num.doc)
    phrase = UNIT_AFTER.match(text, cand.num_end)
    if phrase is not None and not cand.vague:
        unit = LEXICON.unit_phrases[canonical(phrase.group("u"))]
        return Found(unit, phrase.start("u"), phrase.end("u")), None
    if cand.currency is not None:
        return Found(*cand.currency), None
    tok = unit_token(num, cand.vague, cand.figure.high <= 1)
    if tok is None:
        return None, None
    return Found(unit_name(tok), tok.idx, tok.idx + len(tok.text)), tok


def _quantity(doc: Doc, cand: Candidate) -> Quantity | None:
    """The quantity a candidate is, or None when it counts nothing or is a year."""
    num = doc.char_span(cand.num_start, cand.num_end, alignment_mode="expand")
    if num is None or len(num) == 0:
        return None
    unit, tok = _unit(cand, num)
    if unit is None:
        return None  # a claim needs something counted
    if cand.figure.year_like and not cand.hedged and looks_like_year(num, tok):
        return None
    subject = find_subject(num, tok)
    start, end = cand.start, max(cand.num_end, unit.end)
    fig = cand.figure
    return Quantity(
        start,
        end,
        doc_text(doc)[start:end],
        fig.low,
        fig.high,
        fig.approx,
        unit.text,
        unit.start,
        unit.end,
        *(subject if subject is not None else (None, None, None)),
    )


def find_quantities(doc: Doc | Span) -> list[Quantity]:
    """Every counted figure in a parsed doc or span, sorted, offsets into the doc's text."""
    if isinstance(doc, Doc):
        whole, start, end = doc, 0, len(doc_text(doc))
    else:
        whole, start, end = doc.doc, doc.start_char, doc.end_char
    found: list[Quantity] = []
    for cand in find_candidates(whole.text, start, end):
        quantity = _quantity(whole, cand)
        if quantity is not None and (not found or found[-1].end <= quantity.start):
            found.append(quantity)
    return found
