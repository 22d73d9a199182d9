"""Later mentions of a post ("the CSTO Acting Secretary General") as the person holding it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Span

from pressgraph.extract.roles.grammar import title_data
from pressgraph.extract.roles.masked import Masked
from pressgraph.extract.roles.records import FoundRole
from pressgraph.nlp.spans import char_span
from pressgraph.regexes import matches_from
from pressgraph.resolve.names import parse_person_name, same_person

_THE = re.compile(r"\b[Tt]he\s")  # where every pattern of `_reference_spans` starts


def references(masked: Masked, roles: list[FoundRole]) -> Iterator[Span]:
    """Later mentions of a post ("the CSTO Acting Secretary General") as the person holding it."""
    holders: dict[tuple[str, str | None], set[str]] = {}
    for role in roles:
        org_key = role.organization._.key if role.organization is not None else None
        for title in title_data().synonyms.get(role.title.casefold(), (role.title,)):
            holders.setdefault((title.casefold(), org_key), set()).add(role.person._.key)
    evidence = [(r.start, r.end) for r in roles]
    doc = masked.doc
    thes = [m.start() for m in _THE.finditer(masked.text)]
    for role in roles:
        org_key = role.organization._.key if role.organization is not None else None
        if not _one_person(holders[(role.title.casefold(), org_key)]):
            continue  # two people of the story hold the post: a reference would be a guess
        for start, end in _reference_spans(masked, role, org_key, thes):
            if any(s <= start < e for s, e in evidence):
                continue
            span = char_span(doc, start, end, "PERSON", role.person._.key, "reference")
            if span is not None:
                span._.refers_to = (role.person.start_char, role.person.end_char)
                yield span


def _one_person(names: set[str]) -> bool:
    """True when the names can all be one person ("Zhang Ming" and "Zhang")."""
    parsed = [parse_person_name(n) for n in sorted(names)]
    if any(p is None for p in parsed):
        return len(names) == 1
    return all(same_person(a, b) for i, a in enumerate(parsed) for b in parsed[i + 1 :] if a and b)


def _reference_spans(
    masked: Masked, role: FoundRole, org_key: str | None, thes: list[int]
) -> Iterator[tuple[int, int]]:
    """Where the post is named again after "the" (`thes`: where a "the" opens in the masked
    text; each pattern is tried there only, as a search would find its matches)."""
    same = masked.organizations(org_key)
    ref = "(?:" + "|".join(f"⟦O{i}⟧" for i in same) + ")" if same else None
    titles = title_data().synonyms.get(role.title.casefold(), (role.title,))
    words = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in titles)
    patterns = []
    if ref is not None:
        patterns.append(
            rf"\b[Tt]he\s+(?P<t>{ref}\s+(?i:{words})|(?i:{words})\s+of\s+(?:the\s+)?{ref})"
        )
    if len(role.title.split()) > 1:  # "the Acting Secretary General" alone; never a bare "the head"
        patterns.append(rf"\b[Tt]he\s+(?P<t>(?i:{words}))\b(?!\s+of\b)")
    for pattern in patterns:
        compiled = re.compile(pattern + r"(?!\s*,?\s*(?:Mr\.?\s+)?⟦P)")
        for m in matches_from(compiled, masked.text, thes):
            yield masked.to_doc(m.start("t")), masked.to_doc(m.end("t"), end=True)
