"""Reading the cues of one masked sentence into candidate edges: the actor before a cue, the
targets after it, hedges and topics that cancel it, and which kind wins a place."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span

from pressgraph.extract.relations.lexicon import Cue, Kind, RelationData
from pressgraph.extract.relations.organizations import speaker_org
from pressgraph.extract.relations.patterns import (
    ACTOR,
    CLAUSE_BREAK,
    PLACEHOLDER,
    RELATIVE_CLAUSE,
    plain_words,
)
from pressgraph.extract.relations.sentence import Item, Sentence

_DETERMINERS = frozenset({"the", "a", "an"})
_MODIFIER_POS = frozenset({"NOUN", "PROPN", "NUM", "ADJ"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})


def _says_any(text: str, phrases: Iterable[str]) -> bool:
    words = plain_words(text)
    return any(f" {p} " in words for p in phrases)


def _is_topic(pre: str, data: RelationData) -> bool:
    """The cue is named as a topic: "As regards (the) cooperation with ..."."""
    words = plain_words(pre).split()
    return any(_says_any(" ".join(words[-len(t.split()) - 2 :]), (t,)) for t in data.topics)


def _hedged(region: str, kind: Kind, data: RelationData) -> bool:
    return _says_any(region, (*data.negations, *data.hedges, *kind.hedges))


def _follows_as_modifier(item: Item, doc: Doc, *, possessive_ok: bool) -> bool:
    """The mention qualifies a noun after it: "the CSTO member states", "the UN leading role"."""
    if item.end >= len(doc):
        return False
    nxt = doc[item.end]
    if nxt.text in _POSSESSIVE:
        return not possessive_ok
    return nxt.pos_ in _MODIFIER_POS


def _in_object_position(item: Item, sent: Span, data: RelationData) -> bool:
    """After a preposition ("in the CSTO") or a verb that is not a reporting verb."""
    i = item.start - 1
    while i >= sent.start and sent.doc[i].lower_ in _DETERMINERS:
        i -= 1
    if i < sent.start:
        return False
    prev = sent.doc[i]
    if prev.pos_ == "ADP":
        return prev.lower_ != "of"
    return prev.pos_ in {"VERB", "AUX"} and prev.lower_ not in data.reporting_verbs


def _blank(m: re.Match[str]) -> str:
    """A comma and spaces in place of a relative clause, so offsets stay as they were."""
    return "," + " " * (len(m.group()) - 1)


@dataclass(frozen=True)
class _Actor:
    orgs: tuple[Span, ...]
    start: int  # offset in the sentence text where the actor list starts


class Reader:
    """Reads the cues of one sentence into candidate edges."""

    def __init__(self, sentence: Sentence, data: RelationData, max_words: int) -> None:
        self.sentence = sentence
        self.doc = sentence.sent.doc
        self.data = data
        self.max_words = max_words

    def org_of(self, item: Item, kind: Kind) -> Span | None:
        """The organization an item stands for as a source."""
        if item.tag == "O":
            return item.entity
        if item.tag in "PH" and kind.speaker and item.entity is not None:
            return speaker_org(self.doc, item.entity)
        return None

    def targets(self, listed: str) -> list[Span]:
        """The organizations of a list, without those that qualify a noun."""
        items = [self.sentence.item(m.group()) for m in PLACEHOLDER.finditer(listed)]
        return [
            i.entity
            for i in items
            if i.tag == "O"
            and i.entity is not None
            and not _follows_as_modifier(i, self.doc, possessive_ok=False)
        ]

    def actor(self, pre: str, kind: Kind) -> _Actor | None:
        """The organization(s) doing what the cue says: the nearest actor before it."""
        m = ACTOR.search(RELATIVE_CLAUSE.sub(_blank, pre))
        if m is None or CLAUSE_BREAK.search(m.group("rest")):
            return None
        if len(m.group("rest").split()) > self.max_words:
            return None
        items = [self.sentence.item(p.group()) for p in PLACEHOLDER.finditer(m.group("list"))]
        if _in_object_position(items[0], self.sentence.sent, self.data):
            return None
        if _follows_as_modifier(items[-1], self.doc, possessive_ok=True):
            return None
        nearest = self.org_of(items[-1], kind)
        if nearest is None:
            return None
        orgs = [self.org_of(i, kind) for i in items[:-1]]
        return _Actor((*(o for o in orgs if o is not None), nearest), m.start("list"))


@dataclass(frozen=True)
class Candidate:
    """A possible edge read from one cue, before kinds compete and related ends are dropped."""

    kind: Kind
    source: Span
    target: Span
    anchor: int  # where the related organizations are listed: one cue per place wins


def read_cue(reader: Reader, cue: Cue, head: re.Match[str]) -> Iterator[Candidate]:
    """The candidate edges of one cue at one head match, unless a topic or hedge cancels it."""
    text, data = reader.sentence.text, reader.data
    pre = text[: head.start()]
    if _is_topic(pre, data) or (cue.before is not None and not cue.before.search(pre)):
        return
    if cue.between is not None and (m := cue.between.match(text, head.start())):
        region = " ".join([*pre.split()[-4:], text[head.start() : m.end("gap")]])
        if not _hedged(region, cue.kind, data):
            yield from _pairs(cue.kind, reader.targets(m.group("list")), m.start("list"))
        return
    if cue.linked is not None and (m := cue.linked.match(text, head.start())):
        yield from _read_linked(reader, cue, head, m)
        return
    if cue.joint:
        actor = reader.actor(pre, cue.kind)
        if actor is not None and not _hedged(text[actor.start : head.end()], cue.kind, data):
            yield from _pairs(cue.kind, list(actor.orgs), actor.start)


def _read_linked(
    reader: Reader, cue: Cue, head: re.Match[str], m: re.Match[str]
) -> Iterator[Candidate]:
    text, sentence = reader.sentence.text, reader.sentence
    gap_end = m.end("gap") if "gap" in m.re.groupindex else head.end()
    of = m.groupdict().get("of")
    if of is not None:
        entity = sentence.item(of).entity
        sources: tuple[Span, ...] = (entity,) if entity is not None else ()
        region = text[head.start() : gap_end]
    else:
        actor = reader.actor(text[: head.start()], cue.kind)
        if actor is None:
            return
        sources, region = actor.orgs, text[actor.start : gap_end]
    if _hedged(region, cue.kind, reader.data):
        return
    if cue.unless_after is not None and cue.unless_after.match(text, m.end("list")):
        return
    for source in sources:
        for target in reader.targets(m.group("list")):
            yield Candidate(cue.kind, source, target, m.start("list"))


def _pairs(kind: Kind, orgs: list[Span], anchor: int) -> Iterator[Candidate]:
    for i, source in enumerate(orgs):
        for target in orgs[i + 1 :]:
            yield Candidate(kind, source, target, anchor)


def best_per_place(candidates: list[Candidate]) -> list[Candidate]:
    """Where two kinds name the same organizations, the kind listed first in the data wins."""
    best: dict[int, int] = {}
    for c in candidates:
        best[c.anchor] = min(best.get(c.anchor, c.kind.priority), c.kind.priority)
    return [c for c in candidates if c.kind.priority == best[c.anchor]]


def upgraded(candidates: list[Candidate], text: str, data: RelationData) -> list[Candidate]:
    """Cooperation framed by memoranda in the same sentence is a memorandum relation."""
    for upgrade in data.upgrades:
        framing = upgrade.framing.search(text)
        if framing is None or _says_any(framing.group(), data.hedges):
            continue
        kind = data.kinds[upgrade.target]
        candidates = [
            replace(c, kind=kind) if c.kind.name in upgrade.sources else c for c in candidates
        ]
    return candidates
