"""Pipeline component: numeric claims — a figure, what it counts, about whom, said by whom,
on whose authority.

The figure comes from `quantities.find_quantities`; the speaker from the statement that
contains it, or the last statement before it in the same paragraph (reported speech goes on
until someone else speaks); the subject from the organization or country the quantity names
("11 thousand ISIS fighters"); the authority from "according to the estimates of X" or
"according to reports" earlier in the sentence, preferring one that names an organization.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from pressgraph.datafiles import load_yaml
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


@lru_cache(maxsize=1)
def _authority() -> re.Pattern[str]:
    nouns = load_yaml("pressgraph.extract", "claims.yml")["authority_nouns"]
    words = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(nouns, key=len)[::-1])
    return re.compile(
        rf"\b[Aa]ccording\s+to\s+(?:the\s+)?(?:{words})\b(?:\s+(?:of|from|by)\s+(?:the\s+)?"
        rf"[^,;.]{{1,80}})?"
    )


class ClaimFinder:
    """Finds numeric claims and sets `doc._.claims`."""

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        statements = sorted(doc._.statements or [], key=lambda s: s.start)
        orgs = [*doc.spans.get(ORGS, []), *doc.spans.get(COUNTRIES, [])]
        claims = []
        for quantity in find_quantities(doc):
            statement = _statement_for(text, statements, quantity.start)
            authority, authority_org = _authority_for(doc, text, quantity.start, orgs)
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
        doc._.claims = claims
        return doc


def _paragraph_start(text: str, pos: int) -> int:
    found = text.rfind("\n\n", 0, pos)
    return 0 if found < 0 else found + 2


def _statement_for(text: str, statements: list[Any], pos: int) -> Any | None:
    """The statement containing `pos`, else the last one before it in its paragraph."""
    for statement in statements:
        if statement.start <= pos < statement.end:
            return statement
    floor = _paragraph_start(text, pos)
    before = [s for s in statements if floor <= s.start < pos]
    return before[-1] if before else None


def _subject(quantity: Quantity, spans: list[Span]) -> Span | None:
    if quantity.subject_start is None or quantity.subject_end is None:
        return None
    for span in spans:
        if span.start_char < quantity.subject_end and quantity.subject_start < span.end_char:
            return span
    return None


def _authority_for(
    doc: Doc, text: str, pos: int, orgs: list[Span]
) -> tuple[str | None, Span | None]:
    """The authority phrase of the sentence before `pos`; one naming an organization wins."""
    sentence = doc.char_span(pos, pos + 1, alignment_mode="expand")
    start = sentence.sent.start_char if sentence is not None else _paragraph_start(text, pos)
    found: list[tuple[str, Span | None]] = []
    for m in _authority().finditer(text, start, pos):
        org = next((o for o in orgs if m.start() <= o.start_char and o.end_char <= m.end()), None)
        found.append((m.group().strip(), org))
    with_org = [f for f in found if f[1] is not None]
    chosen = with_org or found
    if not chosen:
        return None, None
    return chosen[-1]


@Language.factory(
    "pressgraph_claims",
    requires=["doc.spans", "doc.sents", "doc._.statements"],
    assigns=["doc._.claims"],
)
def make_claims(nlp: Language, name: str) -> ClaimFinder:
    """Factory of the numeric claim finder."""
    return ClaimFinder()
