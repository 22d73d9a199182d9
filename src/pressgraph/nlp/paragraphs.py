"""Pipeline component: a paragraph break is a sentence break, and so is the end of an
agency dateline run into the text ("TASHKENT. AGENCY The Council met ...").

The cleaner separates paragraphs with a blank line (clean/page.py). A headline, a date line or
a label that lost its final stop must not be read as the start of the next paragraph's
sentence, so the first token after a blank line starts a sentence, and the parser, which runs
after this component, keeps that boundary.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

_DASHES = frozenset({"-", "–", "—"})
_MIN_CAPS = 3  # "MINSK", "TASS": not "A" or "US" alone


def mark_paragraphs(doc: Doc) -> Doc:
    """Set `is_sent_start` on the first token after every run of white space with a blank line."""
    after_break = False
    for token in doc:
        if token.is_space:
            after_break = after_break or token.text.count("\n") >= 2
            continue
        if after_break and token.i > 0:
            token.is_sent_start = True
        if after_break or token.i == 0:
            _mark_dateline(doc, token.i)
        after_break = token.whitespace_.count("\n") >= 2
    return doc


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
