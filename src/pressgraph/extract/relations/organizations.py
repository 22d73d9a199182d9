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


@lru_cache(maxsize=1024)
def _ancestors(org_id: str) -> tuple[str, ...]:
    try:
        return tuple(f"org:{a}" for a in gazetteer.ancestors(org_id))
    except NotFoundError:
        return ()


def _lineage(span: Span) -> tuple[str, ...]:
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
    return a.kb_id_ in _lineage(b) or b.kb_id_ in _lineage(a)


def _stands_for(span: Span, data: RelationData) -> str | None:
    """The key "the Organization" would mean right after this mention, or None."""
    words = data.organization_words
    if span.kb_id_.startswith("org~") and span.text.endswith(words):
        return str(span.kb_id_)
    orgs = gazetteer.organizations()
    for key in _lineage(span):
        org = orgs.get(key[4:]) if key.startswith("org:") else None
        if org is not None and org.kind in data.organization_kinds:
            return key if org.name.endswith(words) else None
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

    def antecedent(self, at: int) -> Span | None:
        """The span of the organization "the Organization" at character `at` stands for."""
        earlier = [s for s in self.spans if s.end_char <= at]
        for span in reversed(earlier):
            key = _stands_for(span, self.data)
            if key is not None:
                same = [s for s in earlier if s.kb_id_ == key]
                return same[-1] if same else self._first(key)
        return self.most_mentioned


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
        if all(org.kb_id_ in _lineage(other) for other in orgs):
            return org
    return None


def pronoun_person(people: Sequence[Span], text: str, at: int) -> Span | None:
    """The one person named before character `at` in its paragraph, or None."""
    paragraph = text.rfind("\n", 0, at) + 1
    named = [p for p in people if paragraph <= p.start_char and p.end_char <= at]
    if named and all(_same_person(p, named[-1]) for p in named):
        return named[-1]
    return None
