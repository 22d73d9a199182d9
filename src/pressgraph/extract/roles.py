"""Pipeline component: posts held ("title + name") and later references to the post holder.

The story text is masked: every person, organization and country mention becomes a
placeholder (`⟦P3⟧`, `⟦O1⟧`, `⟦C2⟧`), so the title grammar is a few readable regular
expressions over words and placeholders. Patterns (each tested on its own page):

- title before name:  "the Acting Secretary General of ⟦O⟧, Mr. ⟦P⟧", "the ⟦O⟧ Deputy
  Secretary General ⟦P⟧", "Head of the ⟦O⟧ - Colonel General ⟦P⟧", several titles: "the ⟦O⟧
  Under-Secretary-General, the head of ⟦O⟧, Mr. ⟦P⟧", compound: "Deputy Chairman of ... -
  Executive Secretary of ⟦O⟧ ⟦P⟧"
- title after name:   "⟦P⟧, Director of the ⟦O⟧", "⟦P⟧, the head of the ⟦O⟧"
- a list:             "the defense ministers of ⟦C⟧ (Lieutenant General ⟦P⟧), of ⟦C⟧ (...)"
- a reference:        "the ⟦O⟧ Acting Secretary General" later in the story, when one person
  of the story holds that post, becomes a mention of that person.

A name the model missed right after a title ("... of ⟦C⟧ Suren Papikian") is added as a person.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span

from pressgraph.datafiles import load_yaml
from pressgraph.nlp import gazetteer
from pressgraph.nlp.people import name_run, person_span
from pressgraph.nlp.spans import (
    COUNTRIES,
    ORGS,
    PEOPLE,
    char_span,
    doc_text,
    keep_longest,
    taken,
)

_CAP = r"[A-ZА-Я][\w’'-]*"
_REF = r"⟦[OC]\d+⟧"
_PERSON = r"⟦P(?P<person>\d+)⟧"
_PLACEHOLDER = re.compile(r"⟦([OCP])(\d+)⟧")
_LETTER = {"PERSON": "P", "ORG": "O", "GPE": "C"}
# Model entities whose words are never taken as a missed personal name.
_NOT_PEOPLE = {"GPE", "LOC", "FAC", "NORP", "DATE", "TIME", "EVENT", "LAW", "PRODUCT"}


@dataclass(frozen=True)
class FoundRole:
    """A post as the text shows it: who, which title, of which organization or country, where."""

    person: Span
    title: str
    organization: Span | None
    country: Span | None
    start: int  # character offsets of the evidence phrase in the story
    end: int


@dataclass(frozen=True)
class _TitleData:
    rewrite: dict[str, str]
    synonyms: dict[str, tuple[str, ...]]
    list_qualifiers: tuple[str, ...]
    group_nouns: tuple[str, ...]
    delegation_head: str


@lru_cache(maxsize=1)
def _title_data() -> _TitleData:
    data = load_yaml("pressgraph.extract", "role_titles.yml")
    synonyms: dict[str, tuple[str, ...]] = {}
    for group in data["synonyms"]:
        for title in group:
            synonyms[title.casefold()] = tuple(group)
    return _TitleData(
        rewrite={k.casefold(): v for k, v in data["rewrite"].items()},
        synonyms=synonyms,
        list_qualifiers=tuple(data["list_qualifiers"]),
        group_nouns=tuple(data["group_nouns"]),
        delegation_head=data["delegation_head"],
    )


_Trie = dict[str, "_Trie"]


def _alternation(words: tuple[str, ...]) -> str:
    """One regex for many phrases, as a prefix tree: "Deputy Minister|Deputy Secretary General"
    becomes "Deputy\\s+(?:Minister|Secretary\\s+General)", so the engine does not try every
    phrase at every position. Longer phrases win because each branch is greedy."""
    trie: _Trie = {}
    for phrase in words:
        node = trie
        for char in phrase:
            node = node.setdefault(char, {})
        node[""] = {}
    return _trie_regex(trie)


def _trie_regex(node: _Trie) -> str:
    ends = "" in node
    branches = [_char(c) + _trie_regex(child) for c, child in sorted(node.items()) if c]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body


def _char(char: str) -> str:
    return r"\s+" if char == " " else re.escape(char)


@dataclass(frozen=True)
class _Grammar:
    before: re.Pattern[str]  # titles, then a person placeholder
    before_name: re.Pattern[str]  # titles, then a capitalized word (a name the model missed)
    name_before: re.Pattern[str]  # capitalized words, a comma, then a title
    after: re.Pattern[str]  # a person placeholder, then titles
    listed: re.Pattern[str]  # "the defense ministers of"
    delegation: re.Pattern[str]  # "the delegation of ⟦O⟧ was headed by ... ⟦P⟧"
    item: re.Pattern[str]  # "of ⟦C⟧ (Rank ⟦P⟧)"
    title: re.Pattern[str]  # one title
    rank: re.Pattern[str]


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    titles = gazetteer.titles()
    head = rf"(?i:{_alternation(titles.post_heads)})"
    mod = rf"(?i:{_alternation(titles.post_modifiers)})"
    rank = _alternation(titles.ranks)
    hon = _alternation(titles.honorifics)

    # A capitalized word in a title is never a rank or an honorific: "of the ⟦C⟧ Army General
    # ⟦P⟧" is a country, then the person's rank.
    cap = rf"(?!(?:{rank}|{hon})\b){_CAP}"
    group = rf"(?:{cap}|(?:{_alternation(_title_data().group_nouns)})\b)"

    def title_re(lazy: str) -> str:
        of_part = (
            rf"\s+(?:of|for|on|in|to)\s+(?:the\s+)?"
            rf"(?:{_REF}(?:\s+{group})*{lazy}|{cap}(?:\s+(?:and\s+)?{cap})*{lazy})"
            rf"(?:\s*,\s*{_REF})*(?:\s+and\s+{_REF})?"
        )
        core = rf"(?:{_REF}\s+)?(?:(?:{mod})\s+)*(?:{_REF}\s+)?(?:{head})\b(?:{of_part})*"
        return rf"{core}(?:\s*[-–—]\s*{core})?"

    title = title_re("")
    titles_re = rf"(?:[Tt]he\s+)?{title}(?:\s*,\s*(?:the\s+)?{title})*"
    # Before a name the model missed, words after an organization stay out of the title:
    # "of the ⟦C⟧ Suren Papikian" is a country and then a name.
    lazy_title = title_re("?")
    lazy_titles = rf"(?:[Tt]he\s+)?{lazy_title}(?:\s*,\s*(?:the\s+)?{lazy_title})*"
    pre = rf"(?:(?P<rank>{rank})\s+)?(?:(?:{hon})\s+)?(?:(?:{rank})\s+)?"
    sep = r"(?:\s*,\s*|\s*[-–—]\s*|\s+)"
    plural = rf"(?:(?i:{_alternation(_title_data().list_qualifiers)})\s+)?(?:{head})s"
    return _Grammar(
        before=re.compile(rf"(?P<titles>{titles_re}){sep}{pre}{_PERSON}"),
        before_name=re.compile(rf"(?P<titles>{lazy_titles}){sep}{pre}(?P<name>{_CAP})"),
        name_before=re.compile(
            rf"(?<![\w⟧])(?P<name>{_CAP}(?:\s+{_CAP}){{1,3}})\s*,\s*(?:the\s+)?{title}"
        ),
        after=re.compile(
            rf"{_PERSON}\s*,\s*(?:the\s+)?(?P<titles>{title}(?:\s*,\s*(?:the\s+)?{title})*)"
        ),
        listed=re.compile(rf"\b[Tt]he\s+(?P<head>{plural})(?=\s+of\s)"),
        delegation=re.compile(
            rf"\b[Tt]he\s+delegation\s+of\s+(?:the\s+)?(?P<ref>{_REF})\s+(?:was|were)\s+"
            rf"(?:headed|led)\s+by\s+(?:[^.⟦]|⟦[OC]\d+⟧){{0,150}}?{_PERSON}"
        ),
        item=re.compile(
            rf"\s*,?\s*(?:and\s+|as well as\s+)?(?P<of>of)\s+(?:the\s+)?(?P<ref>{_REF})"
            rf"\s*\(\s*{pre}{_PERSON}\s*\)"
        ),
        title=re.compile(title),
        rank=re.compile(rank),
    )


@dataclass(frozen=True)
class _Piece:
    masked_start: int
    masked_end: int
    doc_start: int
    doc_end: int
    marker: bool


class _Masked:
    """The story text with mentions replaced by placeholders, and the way back to offsets."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.spans: list[Span] = sorted(
            [*doc.spans.get(PEOPLE, []), *doc.spans.get(ORGS, []), *doc.spans.get(COUNTRIES, [])],
            key=lambda s: s.start_char,
        )
        self.pieces: list[_Piece] = []
        parts: list[str] = []
        cursor = 0
        text = doc_text(doc)
        for i, span in enumerate(self.spans):
            if span.start_char < cursor:
                continue
            self._add(parts, text[cursor : span.start_char], cursor, span.start_char, False)
            self._add(parts, f"⟦{_LETTER[span.label_]}{i}⟧", span.start_char, span.end_char, True)
            cursor = span.end_char
        self._add(parts, text[cursor:], cursor, len(text), False)
        self.text = "".join(parts)
        self._starts = [p.masked_start for p in self.pieces]

    def _add(self, parts: list[str], text: str, start: int, end: int, marker: bool) -> None:
        at = self.pieces[-1].masked_end if self.pieces else 0
        self.pieces.append(_Piece(at, at + len(text), start, end, marker))
        parts.append(text)

    def to_doc(self, masked: int, *, end: bool = False) -> int:
        """Doc character offset of a masked offset (a placeholder maps to its whole span)."""
        probe = masked - 1 if end and masked > 0 else masked
        piece = self.pieces[max(0, bisect.bisect_right(self._starts, probe) - 1)]
        if piece.marker:
            return piece.doc_end if end else piece.doc_start
        return min(piece.doc_start + (masked - piece.masked_start), piece.doc_end)

    def span(self, index: int) -> Span:
        """The mention behind placeholder number `index`."""
        return self.spans[index]

    def unmask(self, text: str) -> str:
        """Masked text with placeholders replaced by the words they stand for."""
        return _PLACEHOLDER.sub(lambda m: self.spans[int(m.group(2))].text, text)


class RoleFinder:
    """Finds posts held and references to post holders; sets `doc._.roles`."""

    def __call__(self, doc: Doc) -> Doc:
        self._add_missed_names(doc)
        masked = _Masked(doc)
        roles = [
            *self._before(masked),
            *self._after(masked),
            *self._listed(masked),
            *self._delegations(masked),
        ]
        roles = _dedupe(roles)
        doc._.roles = roles
        references = list(_references(masked, roles))
        if references:
            doc.spans[PEOPLE] = keep_longest([*doc.spans[PEOPLE], *references])
        return doc

    def _add_missed_names(self, doc: Doc) -> None:
        """A name right before or after a title that the model did not tag becomes a person."""
        masked = _Masked(doc)
        claimed = taken(doc) | {
            i for e in doc.ents if e.label_ in _NOT_PEOPLE for i in range(e.start, e.end)
        }
        grammar = _grammar()
        starts = [
            (m.start("name"), m.group("rank")) for m in grammar.before_name.finditer(masked.text)
        ]
        starts += [(m.start("name"), None) for m in grammar.name_before.finditer(masked.text)]
        added = []
        for at, rank in starts:
            start_char = masked.to_doc(at)
            token = doc.char_span(start_char, start_char + 1, alignment_mode="expand")
            if token is None or token.start in claimed:
                continue
            end = name_run(doc, token.start, claimed)
            span = person_span(doc, token.start, end, "title", rank)
            if span is not None and span.end - span.start >= 2:
                added.append(span)
        if added:
            doc.spans[PEOPLE] = keep_longest([*doc.spans.get(PEOPLE, []), *added])

    def _before(self, masked: _Masked) -> Iterator[FoundRole]:
        for m in _grammar().before.finditer(masked.text):
            person = masked.span(int(m.group("person")))
            _set_rank(person, m.group("rank"))
            yield from _titles(masked, m.group("titles"), m.start("titles"), person, m.end())

    def _after(self, masked: _Masked) -> Iterator[FoundRole]:
        for m in _grammar().after.finditer(masked.text):
            person = masked.span(int(m.group("person")))
            yield from _titles(
                masked,
                m.group("titles"),
                m.start("titles"),
                person,
                m.end(),
                evidence_start=m.start(),
            )

    def _delegations(self, masked: _Masked) -> Iterator[FoundRole]:
        for m in _grammar().delegation.finditer(masked.text):
            person = masked.span(int(m.group("person")))
            ref = masked.span(int(m.group("ref")[2:-1]))
            org, country = (ref, None) if ref.label_ == "ORG" else (None, ref)
            yield FoundRole(
                person,
                _title_data().delegation_head,
                org,
                country,
                masked.to_doc(m.start()),
                masked.to_doc(m.end(), end=True),
            )

    def _listed(self, masked: _Masked) -> Iterator[FoundRole]:
        grammar = _grammar()
        for m in grammar.listed.finditer(masked.text):
            title = _tidy(m.group("head"))
            pos = m.end()
            while (item := grammar.item.match(masked.text, pos)) is not None:
                person = masked.span(int(item.group("person")))
                _set_rank(person, item.group("rank"))
                ref = masked.span(int(item.group("ref")[2:-1]))
                org, country = (ref, None) if ref.label_ == "ORG" else (None, ref)
                first = item.start("of")
                yield FoundRole(
                    person,
                    title,
                    org,
                    country,
                    masked.to_doc(first),
                    masked.to_doc(item.end(), end=True),
                )
                pos = item.end()


def _set_rank(person: Span, rank: str | None) -> None:
    if rank and not person._.rank:
        person._.rank = rank


def _split_titles(text: str) -> Iterator[tuple[str, int]]:
    """Each title of "T1, the T2" with its offset in `text`."""
    for m in _grammar().title.finditer(text):
        yield m.group(), m.start()


def _titles(
    masked: _Masked,
    text: str,
    offset: int,
    person: Span,
    end: int,
    evidence_start: int | None = None,
) -> Iterator[FoundRole]:
    start = masked.to_doc(evidence_start if evidence_start is not None else offset)
    stop = masked.to_doc(end, end=True)
    for title, _ in _split_titles(text):
        refs = [masked.span(int(m.group(2))) for m in _PLACEHOLDER.finditer(title)]
        orgs = [r for r in refs if r.label_ == "ORG"]
        countries = [r for r in refs if r.label_ == "GPE"]
        org = orgs[-1] if orgs else None
        country = countries[-1] if countries and org is None else None
        chosen = org or country
        written = _without(title, masked, chosen)
        if written:
            yield FoundRole(person, _tidy(written), org, country, start, stop)


def _without(title: str, masked: _Masked, chosen: Span | None) -> str:
    """The title in words, without the organization or country it names (kept separately)."""
    if chosen is not None:
        index = masked.spans.index(chosen)
        marker = re.escape(f"⟦{_LETTER[chosen.label_]}{index}⟧")
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


def _tidy(title: str) -> str:
    """One spelling of a title: no leading "the", single spaces, capitalized, known rewrites."""
    words = " ".join(title.split())
    if words.lower().startswith("the "):
        words = words[4:]
    rewritten = _title_data().rewrite.get(words.casefold())
    if rewritten is not None:
        return rewritten
    return words[:1].upper() + words[1:]


def _dedupe(roles: list[FoundRole]) -> list[FoundRole]:
    seen: set[tuple[int, str]] = set()
    out = []
    for role in sorted(roles, key=lambda r: (r.start, r.end)):
        key = (role.person.start_char, role.title.casefold())
        if key not in seen:
            seen.add(key)
            out.append(role)
    return out


def _references(masked: _Masked, roles: list[FoundRole]) -> Iterator[Span]:
    """Later mentions of a post ("the CSTO Acting Secretary General") as the person holding it."""
    holders: dict[tuple[str, str | None], set[str]] = {}
    for role in roles:
        org_key = role.organization._.key if role.organization is not None else None
        for title in _title_data().synonyms.get(role.title.casefold(), (role.title,)):
            holders.setdefault((title.casefold(), org_key), set()).add(role.person._.key)
    evidence = [(r.start, r.end) for r in roles]
    doc = masked.doc
    for role in roles:
        org_key = role.organization._.key if role.organization is not None else None
        if len(holders[(role.title.casefold(), org_key)]) != 1:
            continue  # two people of the story hold the post: a reference would be a guess
        for start, end in _reference_spans(masked, role, org_key):
            if any(s <= start < e for s, e in evidence):
                continue
            span = char_span(doc, start, end, "PERSON", role.person._.key, "reference")
            if span is not None:
                span._.refers_to = (role.person.start_char, role.person.end_char)
                yield span


def _reference_spans(
    masked: _Masked, role: FoundRole, org_key: str | None
) -> Iterator[tuple[int, int]]:
    same = [i for i, s in enumerate(masked.spans) if s.label_ == "ORG" and s._.key == org_key]
    ref = "(?:" + "|".join(f"⟦O{i}⟧" for i in same) + ")" if same else None
    titles = _title_data().synonyms.get(role.title.casefold(), (role.title,))
    words = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in titles)
    patterns = []
    if ref is not None:
        patterns.append(
            rf"\b[Tt]he\s+(?P<t>{ref}\s+(?i:{words})|(?i:{words})\s+of\s+(?:the\s+)?{ref})"
        )
    if len(role.title.split()) > 1:  # "the Acting Secretary General" alone; never a bare "the head"
        patterns.append(rf"\b[Tt]he\s+(?P<t>(?i:{words}))\b(?!\s+of\b)")
    for pattern in patterns:
        for m in re.finditer(pattern + r"(?!\s*,?\s*(?:Mr\.?\s+)?⟦P)", masked.text):
            yield masked.to_doc(m.start("t")), masked.to_doc(m.end("t"), end=True)


@Language.factory(
    "pressgraph_roles",
    requires=["doc.spans"],
    assigns=["doc._.roles", "doc.spans"],
)
def make_roles(nlp: Language, name: str) -> RoleFinder:
    """Factory of the role finder."""
    return RoleFinder()
