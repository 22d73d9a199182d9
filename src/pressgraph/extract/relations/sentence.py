"""The masked sentence: mentions become placeholders (``⟦O3⟧``, ``⟦P1⟧``, ...) and speech tags
are set aside, so the cue patterns read words and placeholders only."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from pressgraph.extract.relations.lexicon import RelationData
from pressgraph.extract.relations.organizations import Organizations, pronoun_person
from pressgraph.nlp.spans import COUNTRIES, ORGS, PEOPLE, PLACES


@dataclass(frozen=True)
class Item:
    """One placeholder: O organization, P person, H he/she, C country or place, X a pronoun
    or "the Organization" that stands for nobody known."""

    tag: str
    start: int  # token indices
    end: int
    entity: Span | None  # O: the organization span; P, H: the person span


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
    found += [_pronoun(t, people, text, data) for t in doc if t.lower_ in data.speaker_pronouns]
    found += [Item("X", t.i, t.i + 1, None) for t in doc if t.lower_ in data.blocking_pronouns]
    found += [Item("O", t.i, t.i + 1, None) for t in doc if _is_the_organization(t, data)]
    chosen: dict[int, Item] = {}
    last_end = 0
    for item in sorted(found, key=lambda i: (i.start, i.start - i.end)):
        if item.start >= last_end:
            chosen[item.start] = item
            last_end = item.end
    context = Organizations(orgs, data)
    for start, item in chosen.items():
        if item.tag == "O" and item.entity is None:
            entity = context.antecedent(doc[start].idx)
            chosen[start] = replace(item, tag="O" if entity else "X", entity=entity)
    return chosen


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
                parts.append(f"⟦{item.tag}{len(self.items)}⟧{sent.doc[item.end - 1].whitespace_}")
                self.items.append(item)
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
