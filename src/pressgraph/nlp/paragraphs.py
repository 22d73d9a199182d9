"""Pipeline component: a paragraph break is a sentence break, and so is the end of an
agency dateline run into the text ("TASHKENT. AGENCY The Council met ...").

The cleaner separates paragraphs with a blank line (clean/page.py). A headline, a date line or
a label that lost its final stop must not be read as the start of the next paragraph's
sentence, so the first token after a blank line starts a sentence, and the parser, which runs
after this component, keeps that boundary.
"""

from __future__ import annotations

from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc, Token

from pressgraph.nlp.spans import flagged

_DASHES = frozenset({"-", "–", "—"})
_MIN_CAPS = 3  # "MINSK", "TASS": not "A" or "US" alone


def mark_paragraphs(doc: Doc) -> Doc:
    """Set `is_sent_start` on the first token after every run of white space with a blank line
    (a space token holding two line breaks). Only the space tokens are visited: making a
    Token for each of a story's words cost more than the rest of this component."""
    if len(doc) and not doc[0].is_space:
        _mark_dateline(doc, 0)
    last, broken = -2, False
    for i in flagged(doc, IS_SPACE):
        if i != last + 1:  # a new run of white space: the one before it ended
            _after_run(doc, last, broken)
            broken = False
        broken = broken or doc[i].text.count("\n") >= 2
        last = i
    _after_run(doc, last, broken)
    return doc


def _after_run(doc: Doc, last: int, broken: bool) -> None:
    """After a run of white space ending at token `last`: a paragraph starts if it broke one."""
    if broken and last + 1 < len(doc):
        doc[last + 1].is_sent_start = True
        _mark_dateline(doc, last + 1)


def _mark_dateline(doc: Doc, i: int) -> None:
    """ "CITY. AGENCY The ..." or "CITY. AGENCY – The ...": the agency's name is no word of
    the first sentence."""
    words = doc[i : i + 5]
    if len(words) < 4 or words[1].text != ".":
        return
    city, agency = words[0], words[2]
    dash = words[3].text in _DASHES
    first = words[4] if dash and len(words) == 5 else words[3]
    if _caps(city) and _caps(agency) and first.is_title:
        agency.is_sent_start = True
        first.is_sent_start = True


def _caps(token: Token) -> bool:
    return token.is_upper and len(token.text) >= _MIN_CAPS and token.text.replace("-", "").isalpha()


class ParagraphBreaks:
    """Starts a sentence at every paragraph."""

    def __call__(self, doc: Doc) -> Doc:
        return mark_paragraphs(doc)


@Language.factory("pressgraph_paragraphs", assigns=["token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str) -> ParagraphBreaks:
    """Factory of the paragraph-break marker (it runs before the parser)."""
    return ParagraphBreaks()
