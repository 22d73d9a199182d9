"""The spaCy component: runs the cue reader over every sentence, dates and de-duplicates the
edges, sets `doc._.relations`; registers the factory "pressgraph_relations" on import."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from pressgraph.extract.relations.dating import sentence_date, story_date
from pressgraph.extract.relations.lexicon import RelationData, relation_data
from pressgraph.extract.relations.organizations import related
from pressgraph.extract.relations.reading import (
    Candidate,
    Reader,
    best_per_place,
    read_cue,
    upgraded,
)
from pressgraph.extract.relations.sentence import Item, Sentence, placeholder_items
from pressgraph.nlp.spans import doc_text


@dataclass(frozen=True)
class FoundRelation:
    """A relation between two organizations as one sentence states it."""

    source: Span  # ORG span (for "the Organization", the span of the organization it stands for)
    target: Span  # ORG span
    kind: str  # cooperation|agreement|memorandum|appeal|membership|observer|partnership
    date: str | None  # ISO date, YYYY-MM or YYYY when the sentence dates it
    start: int  # character offsets of the evidence sentence in the story
    end: int


class RelationFinder:
    """Finds relations between organizations; sets `doc._.relations`."""

    def __init__(self, *, max_actor_words: int) -> None:
        self.max_actor_words = max_actor_words

    def __call__(self, doc: Doc) -> Doc:
        data = relation_data()
        items = placeholder_items(doc, doc_text(doc), data)
        anchor = story_date(doc)
        found: list[FoundRelation] = []
        seen: set[tuple[str, str, str]] = set()
        for sent in doc.sents:
            for relation in self._sentence(sent, items, anchor, data):
                key = _edge_key(relation, data)
                if key not in seen:
                    seen.add(key)
                    found.append(relation)
        doc._.relations = found
        return doc

    def _sentence(
        self, sent: Span, items: dict[int, Item], anchor: dt.date | None, data: RelationData
    ) -> Iterator[FoundRelation]:
        sentence = Sentence(sent, items, data)
        reader = Reader(sentence, data, self.max_actor_words)
        candidates = [
            c
            for cue in data.cues
            for head in cue.head.finditer(sentence.text)
            for c in read_cue(reader, cue, head)
        ]
        candidates = upgraded(best_per_place(candidates), sentence.text, data)
        date = sentence_date(sent, anchor, data) if candidates else None
        for c in sorted(candidates, key=lambda c: (c.anchor, c.target.start_char)):
            if c.source.kb_id_ and c.target.kb_id_ and not related(c.source, c.target):
                yield _relation(c, date, sent)


def _relation(c: Candidate, date: str | None, sent: Span) -> FoundRelation:
    source, target = c.source, c.target
    if not c.kind.directed and target.start_char < source.start_char:
        source, target = target, source  # undirected: the one written first is the source
    text = sent.text
    start = sent.start_char + len(text) - len(text.lstrip())
    end = sent.start_char + len(text.rstrip())  # a paragraph's last sentence ends before "\n\n"
    return FoundRelation(source, target, c.kind.name, date, start, end)


def _edge_key(relation: FoundRelation, data: RelationData) -> tuple[str, str, str]:
    """One edge per kind and pair of organizations (in either order when undirected)."""
    first, second = relation.source.kb_id_, relation.target.kb_id_
    if not data.kinds[relation.kind].directed and second < first:
        first, second = second, first
    return (relation.kind, first, second)


if not Doc.has_extension("relations"):
    Doc.set_extension("relations", default=None)


@Language.factory(
    "pressgraph_relations",
    requires=["doc.spans", "doc.sents", "doc._.roles"],
    assigns=["doc._.relations"],
    default_config={"max_actor_words": 30},
)
def make_relations(nlp: Language, name: str, *, max_actor_words: int) -> RelationFinder:
    """Factory of the relation finder; `max_actor_words` bounds the words between source and cue."""
    return RelationFinder(max_actor_words=max_actor_words)
