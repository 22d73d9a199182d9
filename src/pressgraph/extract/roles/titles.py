"""From a matched run of titles to posts held: one title each, with its organization or
country, tidied to one spelling."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Span

from pressgraph.extract.roles.grammar import LETTER, PLACEHOLDER, grammar, title_data
from pressgraph.extract.roles.masked import Masked
from pressgraph.extract.roles.records import FoundRole


def set_rank(person: Span, rank: str | None) -> None:
    if rank and not person._.rank:
        person._.rank = rank


def _split_titles(text: str) -> Iterator[tuple[str, int]]:
    """Each title of "T1, the T2" with its offset in `text`."""
    for m in grammar().title.finditer(text):
        yield m.group(), m.start()


def read_titles(
    masked: Masked,
    text: str,
    offset: int,
    person: Span,
    end: int,
    evidence_start: int | None = None,
) -> Iterator[FoundRole]:
    start = masked.to_doc(evidence_start if evidence_start is not None else offset)
    stop = masked.to_doc(end, end=True)
    for title, _ in _split_titles(text):
        refs = [masked.span(int(m.group(2))) for m in PLACEHOLDER.finditer(title)]
        orgs = [r for r in refs if r.label_ == "ORG"]
        countries = [r for r in refs if r.label_ == "GPE"]
        org = orgs[-1] if orgs else None
        country = countries[-1] if countries and org is None else None
        chosen = org or country
        written = _without(title, masked, chosen)
        if written:
            yield FoundRole(person, tidy(written), org, country, start, stop)


def _without(title: str, masked: Masked, chosen: Span | None) -> str:
    """The title in words, without the organization or country it names (kept separately)."""
    if chosen is not None:
        index = masked.spans.index(chosen)
        marker = re.escape(f"⟦{LETTER[chosen.label_]}{index}⟧")
        # "of the ⟦O⟧" at the end goes whole; "⟦O⟧" before words ("the ⟦O⟧ Regional
        # Delegation", "⟦O⟧ Deputy Secretary General") goes alone.
        # "of the ⟦O⟧ of ⟦C⟧" at the end goes whole: the country qualifies the organization.
        title = re.sub(
            rf"\s+(?:of|for)\s+(?:the\s+)?{marker}(?:\s+(?:of|in)\s+(?:the\s+)?⟦C\d+⟧)*"
            rf"(?=\s*$|\s*[-–—])",
            "",
            title,
        )
        title = re.sub(rf"{marker}\s*", "", title)
    return masked.unmask(title).strip(" ,-–—")


def tidy(title: str) -> str:
    """One spelling of a title: no leading "the", single spaces, capitalized, known rewrites."""
    words = " ".join(title.split())
    if words.lower().startswith("the "):
        words = words[4:]
    rewritten = title_data().rewrite.get(words.casefold())
    if rewritten is not None:
        return rewritten
    return words[:1].upper() + words[1:]
