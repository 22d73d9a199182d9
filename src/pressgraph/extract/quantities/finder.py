"""The quantity finder: candidates in a doc or span, each given its unit ('%', a currency sign,
a counted noun, or one implied before it) and subject; a figure that counts nothing, or is a
year, is dropped."""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from pressgraph.extract.measures import is_measure
from pressgraph.extract.quantities.candidates import Candidate, find_candidates
from pressgraph.extract.quantities.counting import (
    counted_before,
    looks_like_year,
    unit_name,
    unit_token,
)
from pressgraph.extract.quantities.lexicon import LEXICON
from pressgraph.extract.quantities.patterns import UNIT_AFTER, canonical
from pressgraph.extract.quantities.reading import Figure, read_body, uses_decimal_comma
from pressgraph.extract.quantities.records import Found, Quantity
from pressgraph.extract.quantities.subjects import find_subject
from pressgraph.nlp.spans import doc_text

# After a figure, words that show it counts nothing written after it: "more than 4,350 were
# injured", "rose to 44,000.", "4,350 in total".
_NOTHING_COUNTED = frozenset({"AUX", "VERB", "PUNCT", "ADP", "CCONJ", "PART"})


def _unit(cand: Candidate, num: Span) -> tuple[Found | None, Token | None]:
    """The unit of a candidate ('%', a currency sign or a counted noun) and its noun token."""
    text = doc_text(num.doc)
    phrase = UNIT_AFTER.match(text, cand.num_end)
    if phrase is not None and not cand.vague:
        unit = LEXICON.unit_phrases[canonical(phrase.group("u"))]
        written = num.doc.char_span(phrase.start("u"), phrase.end("u"), alignment_mode="expand")
        return Found(unit, phrase.start("u"), phrase.end("u")), written[-1] if written else None
    if cand.currency is not None:
        return Found(*cand.currency), None
    tok = unit_token(num, cand.vague, cand.figure.high <= 1)
    if tok is None:
        return None, None
    return Found(unit_name(tok), tok.idx, tok.idx + len(tok.text)), tok


def _implied(cand: Candidate, num: Span, previous: Quantity | None) -> Found | None:
    """The unit of a figure that names none after it: 'the number of X' before it ("rose to
    nearly 44,000"), or the unit of the figure before it in the sentence when nothing follows
    it that it could count ("225 people were killed and more than 4,350 were injured")."""
    if cand.vague or cand.currency is not None:
        return None
    before = counted_before(num)
    if before is not None:
        return Found(unit_name(before), before.idx, before.idx + len(before.text))
    doc = num.doc
    nxt = doc[num.end] if num.end < len(doc) else None
    if nxt is None or nxt.pos_ not in _NOTHING_COUNTED or nxt.lower_ in LEXICON.partitive:
        return None  # "one of the member states" counts none of them
    if num.start > 0 and doc[num.start - 1].pos_ == "DET":
        return None  # "cooperation between the two": they were named before
    if previous is None or previous.unit is None or previous.unit_start is None:
        return None
    if previous.unit_end is None or previous.start < num.sent.start_char:
        return None
    return Found(previous.unit, previous.unit_start, previous.unit_end)


def _whole_count(cand: Candidate, unit: str, decimal_comma: bool) -> Figure:
    """The figure, but "2,000 people" is 2000 people even in a text that writes decimal commas:
    things counted one by one come in whole numbers; amounts ("48,988 tons") keep decimals."""
    fig = cand.figure
    if not decimal_comma or not cand.body or is_measure(unit) or unit in LEXICON.currency.values():
        return fig
    whole = read_body(cand.body)  # a comma before three digits separates thousands here
    return fig._replace(low=whole.low, high=whole.high) if whole is not None else fig


def _quantity(
    doc: Doc, cand: Candidate, previous: Quantity | None, decimal_comma: bool
) -> Quantity | None:
    """The quantity a candidate is, or None when it counts nothing or is a year."""
    num = doc.char_span(cand.num_start, cand.num_end, alignment_mode="expand")
    if num is None or len(num) == 0:
        return None
    unit, tok = _unit(cand, num)
    if unit is None and not (cand.figure.year_like and not cand.hedged):
        unit = _implied(cand, num, previous)
    if unit is None:
        return None  # a claim needs something counted
    if cand.figure.year_like and not cand.hedged and looks_like_year(num, tok):
        return None
    subject = find_subject(num, tok, measure=is_measure(unit.text))
    start, end = cand.start, max(cand.num_end, unit.end)
    fig = _whole_count(cand, unit.text, decimal_comma)
    said, said_start, said_end = subject if subject is not None else (None, None, None)
    return Quantity(
        start=start,
        end=end,
        text=doc_text(doc)[start:end],
        low=fig.low,
        high=fig.high,
        approx=fig.approx,
        unit=unit.text,
        unit_start=unit.start,
        unit_end=unit.end,
        subject=said,
        subject_start=said_start,
        subject_end=said_end,
        vague=cand.vague,
    )


def find_quantities(doc: Doc | Span) -> list[Quantity]:
    """Every counted figure in a parsed doc or span, sorted, offsets into the doc's text."""
    if isinstance(doc, Doc):
        whole, start, end = doc, 0, len(doc_text(doc))
    else:
        whole, start, end = doc.doc, doc.start_char, doc.end_char
    found: list[Quantity] = []
    text = doc_text(whole)
    decimal_comma = uses_decimal_comma(text)  # one decision for the whole text
    for cand in find_candidates(text, start, end, decimal_comma=decimal_comma):
        quantity = _quantity(whole, cand, found[-1] if found else None, decimal_comma)
        if quantity is not None and (not found or found[-1].end <= quantity.start):
            found.append(quantity)
    return found
