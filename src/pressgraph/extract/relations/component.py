"""The spaCy component: runs the cue reader over every sentence, dates and de-duplicates the
edges, sets `doc._.relations`; registers the factory "pressgraph_relations" on import."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from pressgraph.extract.relations.dating import sentence_date, story_date
from pressgraph.extract.relations.joint_work import read_joint_work
from pressgraph.extract.relations.lexicon import RelationData, relation_data
from pressgraph.extract.relations.organizations import Organizations, internal, lineage
from pressgraph.extract.relations.reading import (
    Candidate,
    Reader,
    best_per_place,
    read_cue,
    upgraded,
)
from pressgraph.extract.relations.rosters import Owners, read_rosters
from pressgraph.extract.relations.sentence import Item, Sentence, placeholder_items
from pressgraph.extract.relations.signers import read_signers
from pressgraph.nlp.spans import ORGS, doc_text, positions


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
        orgs = list(doc.spans.get(ORGS, []))
        owners = Owners(Organizations(orgs, data).most_mentioned)
        by_token = {i: span for span in orgs if span.kb_id_ for i in range(span.start, span.end)}
        withs = positions(doc, ("with",))
        found: dict[tuple[str, str, str], FoundRelation] = {}
        for sent in doc.sents:
            for relation in self._sentence(sent, items, anchor, data, owners, by_token, withs):
                key = _edge_key(relation, data)
                kept = found.get(key)
                if kept is None:
                    found[key] = relation
                elif kept.date is None and relation.date is not None:
                    found[key] = replace(kept, date=relation.date)  # the same edge, dated later
        doc._.relations = most_specific(list(found.values()), data)
        return doc

    def _sentence(
        self,
        sent: Span,
        items: dict[int, Item],
        anchor: dt.date | None,
        data: RelationData,
        owners: Owners,
        by_token: dict[int, Span],
        withs: Sequence[int],
    ) -> Iterator[FoundRelation]:
        sentence = Sentence(sent, items, data)
        reader = Reader(sentence, data, self.max_actor_words)
        if data.any_cue.search(sentence.text):
            folded = sentence.text.casefold()
            cues = tuple(cue for cue in data.cues if cue.may_match(folded))
        else:
            cues = ()
        candidates = [
            c
            for cue in cues
            for head in cue.head.finditer(sentence.text)
            for c in read_cue(reader, cue, head)
        ]
        candidates += read_rosters(reader, owners)
        candidates += read_joint_work(sent, by_token, data, withs)
        candidates += [
            c
            for cue in cues
            if cue.signed_by is not None
            for head in cue.head.finditer(sentence.text)
            for c in read_signers(reader, cue, head)
        ]
        candidates = upgraded(best_per_place(candidates), sentence.text, data)
        date = sentence_date(sent, anchor, data) if candidates else None
        for c in sorted(candidates, key=lambda c: (c.anchor, c.target.start_char)):
            if (
                c.source.kb_id_
                and c.target.kb_id_
                and not internal(c.source, c.target, data.systems)
            ):
                yield _relation(c, date, sent)


def _relation(c: Candidate, date: str | None, sent: Span) -> FoundRelation:
    source, target = c.source, c.target
    if not c.kind.directed and target.start_char < source.start_char:
        source, target = target, source  # undirected: the one written first is the source
    text = sent.text
    start = sent.start_char + len(text) - len(text.lstrip())
    end = sent.start_char + len(text.rstrip())  # a paragraph's last sentence ends before "\n\n"
    return FoundRelation(source, target, c.kind.name, date, start, end)


def most_specific(relations: list[FoundRelation], data: RelationData) -> list[FoundRelation]:
    """One agreement told at two levels is one edge, between the most specific ends: "an
    agreement between the UN and the CSTO" and "a protocol signed by the heads of UNODC and
    the CSTO" keep UNODC-CSTO; the SCO and its Secretariat signing with UNODC keep the
    Secretariat."""
    return [r for r in relations if not any(_refines(o, r, data) for o in relations if o is not r)]


def _refines(finer: FoundRelation, coarser: FoundRelation, data: RelationData) -> bool:
    """Whether `finer` is `coarser` with one end or both a body of the other's end."""
    if finer.kind != coarser.kind:
        return False
    ends = [(finer.source, finer.target)]
    if not data.kinds[finer.kind].directed:
        ends.append((finer.target, finer.source))
    return any(
        _within(a, coarser.source)
        and _within(b, coarser.target)
        and not (_same(a, coarser.source) and _same(b, coarser.target))
        for a, b in ends
    )


def _within(inner: Span, outer: Span) -> bool:
    """The same organization or a body of it."""
    return _same(inner, outer) or outer.kb_id_ in lineage(inner)


def _same(a: Span, b: Span) -> bool:
    return bool(a.kb_id_) and a.kb_id_ == b.kb_id_


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
