"""One event told twice in a story: "About the 6th EAG Plenary meeting ... the 6th Plenary of
the EAG took place ..." are one event. Two events of a story are one when they are of one
kind (or of one group of kinds: a plenary meeting is also a session), their dates and places
do not disagree, and they carry the same number ("6th"), or the words of one name are all
among the words of the other's ("the Channel operation", "the anti-drug operation Channel")."""

from __future__ import annotations

import re

from spacy.tokens import Span

from pressgraph.extract.events.draft import Draft
from pressgraph.extract.events.lexicon import Lexicon
from pressgraph.extract.events.nouns import norm_name
from pressgraph.extract.events.story import Story, identity

_WORD = re.compile(r"\w+")
_MIN_WORDS = 2  # a name of one word ("meeting") says too little to join two events


def merge_repeats(story: Story, drafts: list[Draft]) -> list[Draft]:
    """The drafts with every repeated event joined into its first telling."""
    kept: list[Draft] = []
    for draft in drafts:
        same = next((k for k in kept if _same_event(story, k, draft)), None)
        if same is None:
            kept.append(draft)
        else:
            _absorb(story, same, draft)
    return kept


def _kind(lex: Lexicon, kind: str) -> str:
    return lex.kind_group.get(kind, kind)


def _same_event(story: Story, a: Draft, b: Draft) -> bool:
    if _kind(story.lex, a.kind) != _kind(story.lex, b.kind):
        return False
    if a.start and b.start and a.start != b.start:
        return False
    if _disagree(story, a.place, b.place) or _disagree(story, a.body, b.body):
        return False
    if a.number is not None or b.number is not None:
        return a.number == b.number and _share_word(story, a, b)
    if a.name is not None and b.name is not None:
        return set(norm_name(a.name)) == set(norm_name(b.name))
    named = a.name is not None or b.name is not None
    return _contained(_words(a), _words(b), 1 if named else _MIN_WORDS)


def _disagree(story: Story, a: Span | None, b: Span | None) -> bool:
    """Whether two places (or bodies), both known, are different."""
    return a is not None and b is not None and identity(story, a) != identity(story, b)


def _words(draft: Draft) -> set[str]:
    """The words of an event's names (its own name and its noun phrase)."""
    text = f"{draft.name or ''} {draft.label or ''}"
    return {w.casefold() for w in _WORD.findall(text)} - {"the", "a", "an", "of"}


def _contained(a: set[str], b: set[str], least: int) -> bool:
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small) >= least and small <= large


def _share_word(story: Story, a: Draft, b: Draft) -> bool:
    """Whether two numbered events share a word besides their kind and number."""
    kinds = {a.kind, b.kind, *story.lex.ordinals}
    common = {w for w in _words(a) & _words(b) if not w[:1].isdigit() and w not in kinds}
    return bool(common)


def _absorb(story: Story, into: Draft, other: Draft) -> None:
    """Add what the second telling says to the first."""
    if into.start is None:
        into.start, into.end = other.start, other.end
    into.place = into.place or other.place
    into.body = into.body or other.body
    if into.name is None and other.name is not None:
        into.name, into.label = other.name, other.label  # its own name says most
    into.formats |= other.formats
    for key, org in other.organizers.items():
        into.organizers.setdefault(key, org)
    into.chair = into.chair or other.chair
    for part in other.parts.values():
        into.add(story, part.entity, part.part)
    into.mentions |= other.mentions
    into.by_verb = into.by_verb or other.by_verb
