"""Pipeline component: a paragraph break is a sentence break.

The cleaner separates paragraphs with a blank line (clean/page.py). A headline, a date line or
a label that lost its final stop must not be read as the start of the next paragraph's
sentence, so the first token after a blank line starts a sentence, and the parser, which runs
after this component, keeps that boundary.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


def mark_paragraphs(doc: Doc) -> Doc:
    """Set `is_sent_start` on the first token after every run of white space with a blank line."""
    after_break = False
    for token in doc:
        if token.is_space:
            after_break = after_break or token.text.count("\n") >= 2
            continue
        if after_break and token.i > 0:
            token.is_sent_start = True
        after_break = token.whitespace_.count("\n") >= 2
    return doc


class ParagraphBreaks:
    """Starts a sentence at every paragraph."""

    def __call__(self, doc: Doc) -> Doc:
        return mark_paragraphs(doc)


@Language.factory("pressgraph_paragraphs", assigns=["token.is_sent_start"])
def make_paragraphs(nlp: Language, name: str) -> ParagraphBreaks:
    """Factory of the paragraph-break marker (it runs before the parser)."""
    return ParagraphBreaks()
