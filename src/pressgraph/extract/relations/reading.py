"""Reading the cues of one masked sentence into candidate edges: the actor before a cue, the
targets after it, hedges and topics that cancel it, and which kind wins a place."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span

from pressgraph.extract.relations.lexicon import Cue, Kind, RelationData
from pressgraph.extract.relations.organizations import related, speaker_org
from pressgraph.extract.relations.patterns import (
    ACTOR,
    CLAUSE_BREAK,
    RELATIVE_CLAUSE,
    is_star,
    listed_items,
    plain_words,
)
from pressgraph.extract.relations.sentence import Item, Sentence

_DETERMINERS = frozenset({"the", "a", "an"})
# A framing document that names its own parties: "under the 2017 Memorandum between ⟦O⟧ ..."
_OWN_PARTIES = re.compile(r"(?:\s+[^\s⟦⟧,;:.]+){0,4}?\s+(?:between|with)\s+(?:the\s+)?⟦O")
_MODIFIER_POS = frozenset({"NOUN", "PROPN", "NUM", "ADJ"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_MONTH_MAY = re.compile(r"\bMay\b(?=\s+\d)|(?<=\d\s)May\b|(?<=\b(?:in|of)\s)May\b")
# "the Secretariat of X", and the agent of a passive ("organized by X in consultation with Y")
_ACTOR_PREPOSITIONS = frozenset({"of", "by"})


def _says_any(text: str, phrases: Iterable[str]) -> bool:
    words = plain_words(text)
    return any(f" {p} " in words for p in phrases)


def is_topic(pre: str, data: RelationData) -> bool:
    """The cue is named as a topic: "As regards (the) cooperation with ..."."""
    words = plain_words(pre).split()
    return any(_says_any(" ".join(words[-len(t.split()) - 2 :]), (t,)) for t in data.topics)


def hedged(region: str, kind: Kind, data: RelationData) -> bool:
    """A negation or hedge in the region; the month May is no modal ("in May 2015")."""
    return _says_any(_MONTH_MAY.sub(" ", region), (*data.negations, *data.hedges, *kind.hedges))


def _follows_as_modifier(item: Item, doc: Doc, *, possessive_ok: bool) -> bool:
    """The mention qualifies a noun after it: "the CSTO member states", "the UN leading role"."""
    if item.end >= len(doc):
        return False
    nxt = doc[item.end]
    if nxt.text in _POSSESSIVE:
        return not possessive_ok
    return nxt.pos_ in _MODIFIER_POS


def _in_object_position(item: Item, sent: Span, data: RelationData) -> bool:
    """After a preposition ("in the CSTO"; not "of" or a passive's "by") or a verb that is not a
    reporting verb."""
    i = item.start - 1
    while i >= sent.start and sent.doc[i].lower_ in _DETERMINERS:
        i -= 1
    if i < sent.start:
        return False
    prev = sent.doc[i]
    if prev.pos_ == "ADP":
        return prev.lower_ not in _ACTOR_PREPOSITIONS
    return prev.pos_ in {"VERB", "AUX"} and prev.lower_ not in data.reporting_verbs


def _blank(m: re.Match[str]) -> str:
    """A comma and spaces in place of a relative clause, so offsets stay as they were."""
    return "," + " " * (len(m.group()) - 1)


@dataclass(frozen=True)
class _Actor:
    orgs: tuple[Span, ...]
    start: int  # offset in the sentence text where the actor list starts
    end: int  # and where it ends


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
        """The organizations of a list, without those that qualify a noun and without an
        acronym in parentheses that names the organization before it again."""
        found: list[Span] = []
        for listed_item in listed_items(listed):
            item = self.sentence.item(listed_item.placeholder)
            entity = item.entity
            if item.tag != "O" or entity is None:
                continue
            if _follows_as_modifier(item, self.doc, possessive_ok=False):
                continue
            if listed_item.bracketed and found and related(found[-1], entity):
                continue
            found.append(entity)
        return found

    def actor(self, pre: str, kind: Kind) -> _Actor | None:
        """The organization(s) doing what the cue says: the nearest actor before it."""
        m = ACTOR.search(RELATIVE_CLAUSE.sub(_blank, pre))
        if m is None or CLAUSE_BREAK.search(m.group("rest")):
            return None
        if len(m.group("rest").split()) > self.max_words:
            return None
        listed = listed_items(m.group("list"))
        items = [self.sentence.item(i.placeholder) for i in listed]
        if _in_object_position(items[0], self.sentence.sent, self.data):
            return None
        if _follows_as_modifier(items[-1], self.doc, possessive_ok=True):
            return None
        nearest = self.org_of(items[-1], kind)
        if nearest is None:
            return None
        orgs: list[Span] = []
        for listed_item, item in zip(listed, items, strict=True):
            org = nearest if item is items[-1] else self.org_of(item, kind)
            if org is None or (listed_item.bracketed and orgs and related(orgs[-1], org)):
                continue  # "⟦O⟧ (⟦O⟧)": a name and its acronym are one actor
            orgs.append(org)
        return _Actor(tuple(orgs), m.start("list"), m.end("list"))


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
    if is_topic(pre, data):
        return
    before = cue.before is None or cue.before.search(pre) is not None
    if cue.between is not None and (m := cue.between.match(text, head.start())):
        # "an agreement signed today between X and Y": the signing word may follow the head
        if before or _says_any(m.group("gap"), cue.before_words):
            yield from _read_between(reader, cue, pre, m)
        return
    if not before:
        return
    kind = cue.kind if cue.people else replace(cue.kind, speaker=False)
    if cue.linked is not None and (m := cue.linked.match(text, head.start())):
        yield from _read_linked(reader, replace(cue, kind=kind), head, m)
        return
    if cue.joint:
        actor = reader.actor(pre, kind)
        if actor is not None and not hedged(text[actor.start : head.end()], cue.kind, data):
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
        if actor is None or (cue.adjacent and text[actor.end : head.start()].strip(" ,")):
            return
        sources, region = actor.orgs, text[actor.start : gap_end]
    if hedged(region, cue.kind, reader.data):
        return
    if cue.unless_after is not None and cue.unless_after.match(text, m.end("list")):
        return
    for source in sources:
        for target in reader.targets(m.group("list")):
            yield Candidate(cue.kind, source, target, m.start("list"))


def _read_between(reader: Reader, cue: Cue, pre: str, m: re.Match[str]) -> Iterator[Candidate]:
    """ "between X and Y" relates X and Y; "between X, Y and Z" every two of them; "between X
    and A, B, and C" and "between X and UN entities, such as A and B" relate X with each."""
    text = reader.sentence.text
    region = " ".join([*pre.split()[-4:], text[m.start() : m.end("gap")]])
    if hedged(region, cue.kind, reader.data):
        return
    orgs = reader.targets(m.group("list"))
    if m.group("more") is not None and orgs:
        examples = reader.targets(m.group("more"))
        yield from (Candidate(cue.kind, orgs[0], t, m.start("list")) for t in examples)
    elif is_star(listed_items(m.group("list"))) and orgs:
        yield from (Candidate(cue.kind, orgs[0], t, m.start("list")) for t in orgs[1:])
    else:
        yield from _pairs(cue.kind, orgs, m.start("list"))


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
    """Cooperation framed by memoranda in the same sentence is a memorandum relation; the
    cooperation right after "since the signing of the Declaration" is an agreement."""
    for upgrade in data.upgrades:
        framing = upgrade.framing.search(text)
        if framing is None or _says_any(framing.group(), data.hedges):
            continue
        if _OWN_PARTIES.match(text, framing.end()):
            continue  # "under the Memorandum between X and Y": a memorandum cue of its own
        kind = data.kinds[upgrade.target]
        anchors = {c.anchor for c in candidates if c.kind.name in upgrade.sources}
        if upgrade.nearest:
            anchors = {min((a for a in anchors if a > framing.end()), default=-1)}
        candidates = [
            replace(c, kind=kind) if c.kind.name in upgrade.sources and c.anchor in anchors else c
            for c in candidates
        ]
    return candidates
