"""The masked sentence: mentions become placeholders (``⟦O3⟧``, ``⟦P1⟧``, ...) and speech tags
are set aside, so the cue patterns read words and placeholders only."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.attrs import ORTH
from spacy.tokens import Doc, Span, Token

from pressgraph.extract.relations.lexicon import RelationData
from pressgraph.extract.relations.organizations import (
    Organizations,
    last_distinct,
    pronoun_person,
)
from pressgraph.nlp.spans import COUNTRIES, ORGS, PEOPLE, PLACES, positions

_SUBJECT = frozenset({"nsubj", "nsubjpass"})


@dataclass(frozen=True)
class Item:
    """One placeholder: O organization, P person, H he/she, C country or place, X a pronoun
    or "the Organization" that stands for nobody known."""

    tag: str
    start: int  # token indices
    end: int
    entity: Span | None  # O: the organization span; P, H: the person span
    group: tuple[Span, ...] = ()  # "the two organizations": the organizations they are


def placeholder_items(doc: Doc, text: str, data: RelationData) -> dict[int, Item]:
    """Every placeholder of the story by its first token; longer mentions win overlaps."""
    orgs, people = list(doc.spans.get(ORGS, [])), list(doc.spans.get(PEOPLE, []))
    found = [Item("O", s.start, s.end, s) for s in orgs]
    found += [Item("P", s.start, s.end, s) for s in people]
    found += [
        Item("C", s.start, s.end, None)
        for group in (COUNTRIES, PLACES)
        for s in doc.spans.get(group, [])
    ]
    people.sort(key=lambda s: s.start_char)
    # the few tokens each rule wants, from the doc's arrays: a Token is costly to make
    speakers = [_pronoun(doc[i], people, text, data) for i in positions(doc, data.speaker_pronouns)]
    blocking = [Item("X", i, i + 1, None) for i in positions(doc, data.blocking_pronouns)]
    the_organization = [
        Item("O", i, i + 1, None)
        for i in positions(doc, data.organization_words, ORTH)
        if _is_the_organization(doc[i], data)
    ]
    found += speakers
    found += _they(doc, orgs, data)  # before the blocking pronouns: the first item wins a token
    found += blocking
    found += the_organization
    found += _groups(doc, orgs, data)
    chosen: dict[int, Item] = {}
    last_end = 0
    for item in sorted(found, key=lambda i: (i.start, i.start - i.end)):
        if item.start >= last_end:
            chosen[item.start] = item
            last_end = item.end
    context = Organizations(orgs, data)
    for start, item in chosen.items():
        if item.tag == "O" and item.entity is None and not item.group:
            entity = context.antecedent(doc[start].idx, doc[start].text)
            chosen[start] = replace(item, tag="O" if entity else "X", entity=entity)
    return chosen


def _groups(doc: Doc, orgs: list[Span], data: RelationData) -> list[Item]:
    """ "the two organizations", "both organisations": the organizations last named before."""
    found = []
    for i in positions(doc, data.group_numbers):
        if i + 1 == len(doc):
            break
        tok, noun = doc[i], doc[i + 1]
        count = data.group_numbers[tok.lower_]
        if noun.lower_ not in data.group_nouns:
            continue
        if tok.lower_ not in data.group_numbers_alone and (
            tok.i == 0 or doc[tok.i - 1].lower_ not in data.group_determiners
        ):
            continue  # "two organizations signed": not the ones named before
        group = last_distinct(orgs, tok.idx, count)
        found.append(Item("O" if group else "X", tok.i, tok.i + 2, None, group))
    return found


def _they(doc: Doc, orgs: list[Span], data: RelationData) -> list[Item]:
    """ "they" as a subject stands for the organizations that were the subject before it:
    "The CSTO, the CIS and the SCO play a role. These are key organizations, and they have
    observer status with the UN General Assembly"."""
    by_token = {i: span for span in orgs for i in range(span.start, span.end)}
    found = []
    for tok in (doc[i] for i in positions(doc, data.plural_pronouns)):
        if tok.dep_ in _SUBJECT:
            group = _subject_organizations(doc, tok, by_token)
            if group:
                found.append(Item("O", tok.i, tok.i + 1, None, group))
    return found


def _subject_organizations(doc: Doc, they: Token, by_token: dict[int, Span]) -> tuple[Span, ...]:
    """The organizations of the last subject before `they` in its sentence or the one before,
    when that subject lists two or more of them; pronoun subjects ("These are ...") are passed."""
    first = max(doc[they.i].sent.start - 1, 0)
    start = doc[first].sent.start if first < they.i else they.i
    for tok in reversed(doc[start : they.i]):
        if tok.dep_ not in _SUBJECT or tok.pos_ == "PRON":
            continue
        spans = [by_token.get(t.i) for t in (tok, *tok.conjuncts)]
        named = tuple(dict.fromkeys(sp for sp in spans if sp is not None))
        return named if len(named) >= 2 and len(named) == len(spans) else ()
    return ()


def _pronoun(token: Token, people: Sequence[Span], text: str, data: RelationData) -> Item:
    person = pronoun_person(people, text, token.idx)
    return Item("H" if person is not None else "X", token.i, token.i + 1, person)


def _is_the_organization(token: Token, data: RelationData) -> bool:
    """ "the Organization" standing alone (not "the Organization of American States")."""
    doc = token.doc
    if token.text not in data.organization_words or token.i == 0:
        return False
    follower = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
    return doc[token.i - 1].lower_ == "the" and follower not in {"of", "for"}


class Sentence:
    """A sentence with its mentions as placeholders and its speech tags set aside."""

    def __init__(self, sent: Span, items: dict[int, Item], data: RelationData) -> None:
        self.sent = sent
        self.items: list[Item] = []
        parts: list[str] = []
        i = sent.start
        while i < sent.end:
            item = items.get(i)
            if item is not None and item.end <= sent.end:
                members = [replace(item, entity=e, group=()) for e in item.group] or [item]
                marks = [f"⟦{m.tag}{len(self.items) + k}⟧" for k, m in enumerate(members)]
                parts.append(" and ".join(marks) + sent.doc[item.end - 1].whitespace_)
                self.items.extend(members)
                i = item.end
            else:
                parts.append(sent.doc[i].text_with_ws)
                i += 1
        self.text = data.interjection.sub(_keep_lead, "".join(parts))

    def item(self, placeholder: str) -> Item:
        """The item behind a placeholder text like "⟦O3⟧"."""
        return self.items[int(placeholder[2:-1])]


def _keep_lead(m: re.Match[str]) -> str:
    return m.group("lead") + " " if m.group("lead") else ""
