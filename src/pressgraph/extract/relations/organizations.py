"""Organizations and people behind relation ends: bodies and what contains them, what "the
Organization" stands for, and the organization a speaker (or "he"/"she") speaks for."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from spacy.tokens import Doc, Span

from pressgraph.errors import NotFoundError
from pressgraph.extract.relations.lexicon import RelationData
from pressgraph.nlp import gazetteer
from pressgraph.resolve.names import parse_person_name, same_person

_NAME_PREPOSITIONS = frozenset({"of", "on", "for", "in", "against"})


@lru_cache(maxsize=1024)
def _ancestors(org_id: str) -> tuple[str, ...]:
    try:
        return tuple(f"org:{a}" for a in gazetteer.ancestors(org_id))
    except NotFoundError:
        return ()


def lineage(span: Span) -> tuple[str, ...]:
    """The span's key and the keys of everything that contains it, nearest first."""
    key: str = span.kb_id_
    if key.startswith("org:"):
        return (key, *_ancestors(key[4:]))
    parent = span._.parent
    if not parent:
        return (key,)
    return (key, parent, *(_ancestors(parent[4:]) if parent.startswith("org:") else ()))


def related(a: Span, b: Span) -> bool:
    """The same organization, or one is a body of the other: no edge between them."""
    return a.kb_id_ in lineage(b) or b.kb_id_ in lineage(a)


def internal(a: Span, b: Span, systems: frozenset[str]) -> bool:
    """Both are the same organization or its bodies ("the CSTO Secretariat together with the
    CSTO Permanent Council"): what they do together is no relation between organizations. The
    bodies of a system of organizations (`systems`: the UN's offices and agencies) are
    organizations of their own."""
    if related(a, b):
        return True
    top = lineage(a)[-1]
    return top == lineage(b)[-1] and top not in systems


def _head(name: str) -> str:
    """The normalized head word of a name: "group" in "Eurasian Group on Combating Money
    Laundering", "organization" in "Organization for Security and Co-operation in Europe"."""
    words = gazetteer.normalize_alias(name).split()
    cut = next((i for i, w in enumerate(words) if i and w in _NAME_PREPOSITIONS), len(words))
    return words[cut - 1] if cut else ""


def _stands_for(span: Span, data: RelationData, word: str) -> str | None:
    """The key "the Organization" (or "the Group", as `word` says) would mean right after this
    mention, or None."""
    head = gazetteer.normalize_alias(word)
    if span.kb_id_.startswith("org~") and _head(span.text) == head:
        return str(span.kb_id_)
    orgs = gazetteer.organizations()
    for key in lineage(span):
        org = orgs.get(key[4:]) if key.startswith("org:") else None
        if org is not None and org.kind in data.organization_kinds:
            return key if _head(org.name) == head else None
    return None


class Organizations:
    """The story's organization mentions, and what "the Organization" stands for."""

    def __init__(self, spans: Sequence[Span], data: RelationData) -> None:
        self.spans = sorted(spans, key=lambda s: s.start_char)
        self.data = data
        counts = Counter(s.kb_id_ for s in self.spans).most_common(2)
        unique = bool(counts) and (len(counts) == 1 or counts[0][1] > counts[1][1])
        self.most_mentioned = self._first(counts[0][0]) if unique else None

    def _first(self, key: str) -> Span | None:
        return next((s for s in self.spans if s.kb_id_ == key), None)

    def antecedent(self, at: int, word: str) -> Span | None:
        """The span of the organization "the Organization" (`word`) at character `at` stands
        for."""
        earlier = [s for s in self.spans if s.end_char <= at]
        for span in reversed(earlier):
            key = _stands_for(span, self.data, word)
            if key is not None:
                same = [s for s in earlier if s.kb_id_ == key]
                return same[-1] if same else self._first(key)
        return self.most_mentioned


def last_distinct(orgs: Sequence[Span], at: int, count: int) -> tuple[Span, ...]:
    """The last `count` organizations named before character `at`, a body and its organization
    counting once (their nearest mentions, in text order); () when fewer are named."""
    chosen: list[Span] = []
    for span in sorted((s for s in orgs if s.end_char <= at), key=lambda s: -s.start_char):
        if span.kb_id_ and not any(related(span, c) for c in chosen):
            chosen.append(span)
            if len(chosen) == count:
                return tuple(reversed(chosen))
    return ()


def _same_person(a: Span, b: Span) -> bool:
    if a.kb_id_ == b.kb_id_:
        return True
    name_a, name_b = parse_person_name(a.kb_id_), parse_person_name(b.kb_id_)
    return name_a is not None and name_b is not None and same_person(name_a, name_b)


def speaker_org(doc: Doc, person: Span) -> Span | None:
    """The organization of the person's posts: the outermost when they nest, else None."""
    orgs: list[Span] = [
        r.organization
        for r in doc._.roles or ()
        if r.organization is not None and _same_person(r.person, person)
    ]
    for org in orgs:
        if all(org.kb_id_ in lineage(other) for other in orgs):
            return org
    return None


def pronoun_person(people: Sequence[Span], text: str, at: int) -> Span | None:
    """The one person named before character `at` in its paragraph, or None."""
    paragraph = text.rfind("\n", 0, at) + 1
    named = [p for p in people if paragraph <= p.start_char and p.end_char <= at]
    if named and all(_same_person(p, named[-1]) for p in named):
        return named[-1]
    return None
