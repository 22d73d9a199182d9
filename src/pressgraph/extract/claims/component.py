"""The spaCy component: the figures of a story that are claims, each with its speaker, subject
and authority; registers the factory "pressgraph_claims" on import."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from pressgraph.extract.claims.authority import authority_for, paragraph_start
from pressgraph.extract.claims.policy import claim_words, is_claim
from pressgraph.extract.claims.restated import without_restated
from pressgraph.extract.quantities import Quantity, find_quantities
from pressgraph.nlp.spans import COUNTRIES, ORGS, doc_text

if not Doc.has_extension("claims"):
    Doc.set_extension("claims", default=None)


@dataclass(frozen=True)
class FoundClaim:
    """A figure with what it counts, its subject, speaker and authority."""

    quantity: Quantity
    speaker: Span | None
    statement: Any | None  # the FoundStatement it was said in, when there is one
    subject: Span | None  # an organization or country span
    authority: str | None  # "according to the estimates of the Joint Staff"
    authority_org: Span | None


class ClaimFinder:
    """Finds numeric claims and sets `doc._.claims`."""

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        words = claim_words()
        statements = sorted(doc._.statements or [], key=lambda s: s.start)
        orgs = [*doc.spans.get(ORGS, []), *doc.spans.get(COUNTRIES, [])]
        claims = []
        for quantity in find_quantities(doc):
            if not is_claim(doc, quantity, words):
                continue
            statement = _statement_for(text, statements, quantity.start)
            authority, authority_org = authority_for(doc, text, quantity.start, orgs)
            claims.append(
                FoundClaim(
                    quantity=quantity,
                    speaker=statement.speaker if statement is not None else None,
                    statement=statement,
                    subject=_subject(quantity, orgs),
                    authority=authority,
                    authority_org=authority_org,
                )
            )
        doc._.claims = without_restated(claims, words.same_units)
        return doc


def _statement_for(text: str, statements: list[Any], pos: int) -> Any | None:
    """The statement containing `pos`, else the last one before it in its paragraph."""
    for statement in statements:
        if statement.start <= pos < statement.end:
            return statement
    floor = paragraph_start(text, pos)
    before = [s for s in statements if floor <= s.start < pos]
    return before[-1] if before else None


def _subject(quantity: Quantity, spans: list[Span]) -> Span | None:
    if quantity.subject_start is None or quantity.subject_end is None:
        return None
    for span in spans:
        if span.start_char < quantity.subject_end and quantity.subject_start < span.end_char:
            return span
    return None


@Language.factory(
    "pressgraph_claims",
    requires=["doc.spans", "doc.sents", "doc._.statements"],
    assigns=["doc._.claims"],
)
def make_claims(nlp: Language, name: str) -> ClaimFinder:
    """Factory of the numeric claim finder."""
    return ClaimFinder()
