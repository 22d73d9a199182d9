"""Work done with partners, read from the parse: "the UNOCT project ... is being implemented
with UNOWAS and the G5 Sahel Secretariat" relates the organization named in the subject (the
project's owner) with each partner after "with"."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Span, Token

from pressgraph.extract.relations.lexicon import RelationData
from pressgraph.extract.relations.reading import Candidate, hedged
from pressgraph.nlp.lemmas import lemma
from pressgraph.nlp.spans import within

_SUBJECT = frozenset({"nsubj", "nsubjpass"})
_OWNER = frozenset({"compound", "nmod", "poss"})  # "the UNOCT project", "the OSCE's project"


def read_joint_work(
    sent: Span, by_token: dict[int, Span], data: RelationData, withs: Sequence[int]
) -> Iterator[Candidate]:
    """Edges from the verbs of joint work (`joint_work_verbs`) in one sentence. The partners
    follow the verb's "with", so only the heads of the sentence's "with"s are read (`withs`:
    the doc's, as `positions` gives them)."""
    kind = data.kinds["cooperation"]
    doc = sent.doc
    heads = {w.head.i for w in within(doc, withs, sent) if w.dep_ == "prep"}
    for verb in (doc[i] for i in sorted(heads) if sent.start <= i < sent.end):
        if lemma(verb).lower() not in data.joint_work_verbs or hedged(sent.text, kind, data):
            continue
        subject = next((c for c in verb.children if c.dep_ in _SUBJECT), None)
        owners = _owners(subject, by_token) if subject is not None else []
        for partner in _partners(verb, by_token):
            for owner in owners:
                yield Candidate(kind, owner, partner, verb.idx - sent.start_char)


def _owners(subject: Token, by_token: dict[int, Span]) -> list[Span]:
    """The organizations that own the subject ("UNOCT" in "the UNOCT/UNCCT project"): the first
    one named, an acronym after it being the same organization or its body."""
    if subject.i in by_token:
        return []  # the organization itself is the subject: the usual cues read it
    named = [by_token[c.i] for c in subject.lefts if c.dep_ in _OWNER and c.i in by_token]
    return named[:1]


def _partners(verb: Token, by_token: dict[int, Span]) -> list[Span]:
    """The organizations after the verb's "with": "with UNOWAS and the G5 Sahel Secretariat"."""
    found: list[Span] = []
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ != "with":
            continue
        for obj in prep.children:
            if obj.dep_ != "pobj":
                continue
            for tok in (obj, *obj.conjuncts):
                span = by_token.get(tok.i)
                if span is not None and span not in found:
                    found.append(span)
    return found
