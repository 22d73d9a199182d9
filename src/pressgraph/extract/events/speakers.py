"""Speakers and delegations: people the story reports speaking are speakers at its first
conference, meeting, session or ceremony; a head of delegation takes part with its body."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from pressgraph.extract.events.draft import Draft
from pressgraph.extract.events.lexicon import Lexicon
from pressgraph.extract.events.story import Story, sentence_range
from pressgraph.nlp.spans import positions


def _says(lex: Lexicon, tok: Token) -> bool:
    doc = tok.doc
    for tail in lex.speech_verbs.get(tok.lower_, ()):
        if tuple(t.lower_ for t in doc[tok.i + 1 : tok.i + 1 + len(tail)]) == tail:
            return True
    return False


def _speech_subjects(lex: Lexicon, tok: Token) -> list[Token]:
    """The phrase naming who speaks: the subject of "said", the object of "according to"."""
    if tok.lower_ == "according":
        return [g for c in tok.children if c.lower_ == "to" for g in c.children if g.dep_ == "pobj"]
    if not _says(lex, tok):
        return []
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    if not subjects and tok.dep_ == "acl":
        return [tok.head]  # "acting Marie Dubot, head of ..., dwelled on": parsed as her clause
    return subjects


def _main_person(story: Story, top: Token) -> Span | None:
    """The person a phrase is about: the one nearest its head ("the Acting Secretary General
    of the CSTO, Mr. Valery Semerikov")."""
    lo, hi = top.left_edge.i, top.right_edge.i + 1
    people = [s for s in story.actors if s.label_ == "PERSON" and lo <= s.start and s.end <= hi]
    return min(people, key=lambda s: (_depth(s.root, top), s.start), default=None)


def _depth(tok: Token, top: Token) -> int:
    steps = 0
    while tok.i != top.i and tok.head.i != tok.i:
        tok = tok.head
        steps += 1
    return steps


def _speeches(story: Story) -> Iterator[tuple[Span, Span]]:
    """(speaker, sentence) for every person the story reports speaking: at the speech verbs
    and "according", found from the doc's array of lowercase forms."""
    doc = story.doc
    for i in positions(doc, {"according", *story.lex.speech_verbs}):
        tok = doc[i]
        for top in _speech_subjects(story.lex, tok):
            person = _main_person(story, top)
            if person is not None:
                yield person, tok.sent


def _first(drafts: list[Draft], kinds: frozenset[str] | None = None) -> Draft | None:
    """The story's first event that happens (not one named in passing), of the given kinds."""
    return next((d for d in drafts if d.by_verb and (kinds is None or d.kind in kinds)), None)


def add_speakers(story: Story, drafts: list[Draft]) -> None:
    """Everyone the story reports speaking is a speaker at its first event of a speech kind."""
    draft = _first(drafts, story.lex.speech_kinds)
    if draft is None:
        return
    for person, sent in _speeches(story):
        draft.add(story, person, "speaker")
        draft.mentions.add(sentence_range(sent))


def add_delegations(story: Story, drafts: list[Draft]) -> None:
    """A head of delegation takes part as such, and so does the delegation's organization."""
    for role in story.doc._.roles or []:
        if role.title.casefold() != story.lex.delegation_head:
            continue
        sent = sentence_range(role.person.sent)
        draft = next((d for d in drafts if sent in d.mentions), None) or _first(drafts)
        if draft is None:
            continue
        draft.add(story, role.person, "delegation_head")
        for span in (role.organization, role.country):
            if span is not None:
                draft.add(story, span, "participant")
        draft.mentions.add(sent)
