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


# "of ⟦C1⟧ to ⟦C2⟧" or "⟦C1⟧ ... to ⟦C2⟧": the sending country of an envoy, then where the
# envoy is accredited.
_SENDING = re.compile(
    r"\s+of\s+(?:the\s+)?⟦C(?P<sender>\d+)⟧(?=\s+(?:to|in|at)\s+(?:the\s+)?⟦[OC]\d+⟧)"
    r"|^(?:the\s+)?⟦C(?P<owner>\d+)⟧(?:['’]s)?(?=[^⟦]*\s(?:to|in|at)\s+(?:the\s+)?⟦[OC]\d+⟧)"
)
# A title that starts with its country or organization ("the Kazakh Deputy Prime Minister"):
# a title joined to it by "and" shares it.
_OWNED = re.compile(r"^(?:the\s+)?⟦[OC]\d+⟧")
# An acronym in brackets after the name it stands for ("⟦O1⟧ (⟦O2⟧)", "Collective Treaty
# Organization (⟦O2⟧)"): the acronym's placeholder stands for both.
_ACRONYM = re.compile(
    r"(?:⟦O\d+⟧\s+)?(?:[A-ZА-Я][\w’'-]*\s+(?:(?:and|on|for|against|in)\s+)*)*"
    r"(?:⟦O\d+⟧|[A-ZА-Я][\w’'-]*)\s*\(\s*(⟦O\d+⟧)\s*\)"
)
_BRACKETS = re.compile(r"\s*\([^()⟦]*\)")


def _split_titles(text: str) -> list[tuple[str, str]]:
    """Each title of "T1, the T2 and T3" with the words that join it to the one before."""
    out = []
    cursor = 0
    for m in grammar().title.finditer(text):
        out.append((m.group(), text[cursor : m.start()]))
        cursor = m.end()
    return out


def read_titles(
    masked: Masked,
    text: str,
    offset: int,
    person: Span,
    end: int,
    evidence_start: int | None = None,
    *,
    drop_last: bool = False,
) -> Iterator[FoundRole]:
    """The posts of `person` in a run of titles. A title without an organization or country
    shares the next one's when "and" or a slash joins them ("Deputy Prime Minister and
    Minister of Interior of ⟦C⟧"), or a comma and the next names a country. With `drop_last`
    the last title belongs to the next person of a list ("⟦P1⟧, T1, T2 ⟦P2⟧")."""
    start = masked.to_doc(evidence_start if evidence_start is not None else offset)
    stop = masked.to_doc(end, end=True)
    titles = _split_titles(_ACRONYM.sub(r"\1", _BRACKETS.sub("", text)))
    if drop_last:
        titles = titles[:-1]
    read: list[tuple[str, Span | None, Span | None]] = [
        _read_title(masked, title) for title, _ in titles
    ]
    for i in range(len(read) - 2, -1, -1):
        written, org, country = read[i]
        _, next_org, next_country = read[i + 1]
        join = titles[i + 1][1]
        if org is None and country is None and ("and" in join or "/" in join or next_country):
            read[i] = (written, next_org, next_country)
    for i in range(1, len(read)):
        written, org, country = read[i]
        joined = "and" in titles[i][1] or "/" in titles[i][1]
        if org is None and country is None and joined and _OWNED.match(titles[i - 1][0]):
            read[i] = (written, read[i - 1][1], read[i - 1][2])
    for written, org, country in read:
        if written:
            yield FoundRole(person, tidy(written), org, country, start, stop)


def _read_title(masked: Masked, title: str) -> tuple[str, Span | None, Span | None]:
    """A title's words, organization and country."""
    sending = _SENDING.search(title)
    if sending is not None:  # "Ambassador of ⟦C1⟧ to ⟦C2⟧": country C1, the rest in words
        sender = masked.span(int(sending.group("sender") or sending.group("owner")))
        rest = title[: sending.start()] + title[sending.end() :]
        receiving = [masked.span(int(m.group(2))) for m in PLACEHOLDER.finditer(rest)]
        to_orgs = [r for r in receiving if r.label_ == "ORG"]
        return masked.unmask(rest).strip(" ,-–—"), (to_orgs[-1] if to_orgs else None), sender
    refs = [masked.span(int(m.group(2))) for m in PLACEHOLDER.finditer(title)]
    orgs = [r for r in refs if r.label_ == "ORG"]
    countries = [r for r in refs if r.label_ == "GPE"]
    org = orgs[-1] if orgs else None
    country = countries[-1] if countries and org is None else None
    return _without(title, masked, org or country), org, country


def _without(title: str, masked: Masked, chosen: Span | None) -> str:
    """The title in words, without the organization or country it names (kept separately)."""
    if chosen is not None:
        index = masked.spans.index(chosen)
        marker = re.escape(f"⟦{LETTER[chosen.label_]}{index}⟧")
        # "of the ⟦O⟧" at the end goes whole; "⟦O⟧" before the post ("⟦O⟧ Deputy Secretary
        # General") goes alone; before the words of a unit ("of the ⟦O⟧ Drugs and Crime
        # Office") it stays in words, since the unit is named by both.
        # "of the ⟦O⟧ of ⟦C⟧" at the end goes whole: the country qualifies the organization.
        title = re.sub(
            rf"\s+(?:of|for|in|at)\s+(?:the\s+)?{marker}(?:\s+(?:of|in)\s+(?:the\s+)?⟦C\d+⟧)*"
            rf"(?=\s*$|\s*[-–—])",
            "",
            title,
        )
        if not re.search(rf"\s(?:of|for|in|at|to)\s+(?:the\s+)?{marker}\s+[A-ZА-Я]", title):
            title = re.sub(rf"{marker}(?:['’]s)?\s*", "", title)
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
