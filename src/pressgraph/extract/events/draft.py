"""One event being read: the Draft that collects what the story says of it, and how an event
noun in a sentence finds its event (an earlier one, a new one, or none)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from pressgraph.extract.events.anchors import Anchors, date_hangs, doers, find_anchors, happens
from pressgraph.extract.events.naming import aside, describe, with_doer, with_owner
from pressgraph.extract.events.nouns import (
    Named,
    Noun,
    event_noun,
    find_body,
    find_name,
    in_frame,
    name_head,
    names_event_again,
    norm_name,
    ordinal,
    own_date,
    source_of_document,
    title_line,
)
from pressgraph.extract.events.records import Participant
from pressgraph.extract.events.story import (
    Story,
    fuller,
    identity,
    lead_date,
    sentence_range,
)

_CODE_YEAR = re.compile(r"[A-Za-z][-–]?(?:19|20)\d{2}$")  # "Search-2025", "Rubezh2020"


@dataclass
class Draft:
    """An event while the story is read: its facts so far, filled in sentence by sentence."""

    kind: str
    name: str | None  # the event's own name (a title or a quoted name): who it is
    sentence: tuple[int, int]
    by_verb: bool
    body: Span | None
    label: str | None = None  # its descriptive name, as written
    number: int | None = None  # "the 6th Plenary": 6
    start: str | None = None
    end: str | None = None
    place: Span | None = None
    formats: set[str] = field(default_factory=set)
    organizers: dict[str, Span] = field(default_factory=dict)
    chair: Span | None = None
    parts: dict[tuple[str, str], Participant] = field(default_factory=dict)
    mentions: set[tuple[int, int]] = field(default_factory=set)

    def add(self, story: Story, span: Span, part: str) -> None:
        """Record a participant once per entity and part, by the fullest name written."""
        key = (identity(story, span), part)
        old = self.parts.get(key)
        if old is None or fuller(span, old.entity):
            self.parts[key] = Participant(span, part)

    def credit(self, story: Story, part: str, spans: list[Span]) -> None:
        """Give the spans a verb or cue found the part it names."""
        if part == "chair":
            people = [s for s in spans if s.label_ == "PERSON"]
            chosen = people[:1] or (spans if len(spans) == 1 else [])
            for span in chosen:
                self.chair = self.chair or span
                self.add(story, span, "chair")
            return
        for span in spans:
            if part == "participant":
                self.add(story, span, "participant")
            elif span.label_ == "PERSON":
                self.add(story, span, "host")
            elif span.label_ == "ORG" or part == "organizer":
                self.organizers.setdefault(identity(story, span), span)


def _is_definite(tok: Token) -> bool:
    return any(c.dep_ == "poss" or c.lower_ in ("the", "this", "that") for c in tok.lefts)


def _same_name(drafts: list[Draft], kind: str, name: str) -> Draft | None:
    """An event of the story already told under this name, or a fuller form of it."""
    words = set(norm_name(name))
    for draft in reversed(drafts):
        if draft.kind == kind and draft.name is not None:
            other = set(norm_name(draft.name))
            if words <= other or other <= words:
                return draft
    return None


@dataclass(frozen=True)
class Said:
    """One event noun in one sentence, with its name, body, and what ties it to a verb."""

    noun: Noun
    sent: Span
    head: Token  # the token its verbs govern: the noun, or its quoted name
    named: Named | None
    body: Span | None
    anchors: Anchors
    number: int | None  # "the 2nd meeting" (2), "XXIII session" (23), "the first meeting"
    dated: str | None  # a date of its own: "the meeting of the leaders on May 16"
    singled_out: bool  # an ordinal, its own date, or a frame ("on the margins of the summit")
    title_line: bool = False  # the sentence is only its title ("Meeting of ... - Brussels")
    cited: bool = False  # named as a document's source ("Resolution 1 of the 7th Session")


def said_in_sentence(story: Story, noun: Noun, sent: Span) -> Said:
    """What a sentence says around an event noun: its body, its name, and its anchors."""
    body = None if noun.generic else find_body(story, noun)
    named = None if noun.generic else find_name(story, noun, sent, body)
    head = name_head(noun.token, named)
    number = ordinal(story, noun)
    dated = own_date(story, head, sent, body) or _aside_date(story, noun, sent)
    titled = title_line(story, noun, sent)
    anchors = find_anchors(story.lex, head)
    frame = in_frame(story, noun)
    framed = frame == "frame" or (frame == "within" and _told_as_fact(story, anchors, sent))
    cited = source_of_document(story, noun)
    singled = (number is not None or dated is not None or titled or framed) and not cited
    return Said(noun, sent, head, named, body, anchors, number, dated, singled, titled, cited)


def _told_as_fact(story: Story, anchors: Anchors, sent: Span) -> bool:
    """Whether what happened at the event is the sentence's own news ("X delivered the
    keynote speech at the Chiefs of Police meeting"), or its clause gives a day ("On 11 June,
    at the ministerial sitting ..."): not a participle about something else ("the initiative,
    voiced at the last session")."""
    within = [tok for tok, part in anchors.values() if part == "within"]
    if any(tok.dep_ == "ROOT" for tok in within):
        return True
    if lead_date(story, sent) is not None:
        return True
    return any(date_hangs(span, anchors) for span in _days_and_months(story, sent))


def _days_and_months(story: Story, sent: Span) -> list[Span | None]:
    """The spans of the sentence's dates precise to a day or a month."""
    return [
        story.doc.char_span(m.start, m.end, alignment_mode="expand")
        for m in story.dates
        if sent.start_char <= m.start < sent.end_char and m.precision in ("day", "month")
    ]


def _counted(tok: Token) -> bool:
    """A plural noun with a number of its own ("60 exercises"): how many, not one event."""
    return any(c.dep_ == "nummod" for c in tok.children)


def _code_named(sent: Span) -> bool:
    """Whether the sentence names exercises by code ("drills including Search-2025",
    'exercises "Shield"'): the code names are the events, not the plural."""
    return any(t.is_quote or _CODE_YEAR.search(t.text) for t in sent)


def _placed_or_dated(story: Story, said: Said) -> bool:
    """Whether a place, or a day or month, hangs from the noun or the verb that tells it."""
    sent = said.sent
    places: list[Span | None] = [p for p in story.places if sent.start <= p.start < sent.end]
    return any(date_hangs(s, said.anchors) for s in [*_days_and_months(story, sent), *places])


def _doer(said: Said) -> Token | None:
    """Who had the event, by the verb that says it happened ("X had a meeting with")."""
    for tok, part in said.anchors.values():
        if part in ("participant", "organizer"):
            found = doers(tok, said.head)
            if found is not None:
                return found
    return None


def _aside_date(story: Story, noun: Noun, sent: Span) -> str | None:
    date, _ = aside(story, noun.token, noun.first, sent)
    return None if date is None else date.value


def event_for(story: Story, drafts: list[Draft], said: Said) -> Draft | None:
    """The event a noun speaks of: an earlier one, a new one, or none. A new event needs a
    verb that says it happens, a quoted name ("Combat Brotherhood-2019" trainings), or words
    that single it out (an ordinal, its own date, "on the margins of"): a capitalized title
    alone may be a body ("the Conference on Disarmament adopted ...")."""
    noun, named = said.noun, said.named
    tok = noun.token
    by_verb = happens(said.anchors)
    group = story.lex.kind_group
    earlier = [
        d
        for d in drafts
        if noun.generic or group.get(d.kind, d.kind) == group.get(noun.kind, noun.kind)
    ]
    found: Draft | None = None
    new = False
    if _listed_with(story, said, drafts):
        found = drafts[-1]  # "a joint meeting of the Council and the 15th Plenary Session"
    elif named is not None and named.quoted:
        found = _same_name(drafts, noun.kind, named.text)
        new = found is None and (by_verb or not said.cited or said.singled_out)
    elif named is not None:  # a title: "the Plenary Session" after the 26th Plenary meeting
        found = _same_name(drafts, noun.kind, named.text)
        if found is None and (said.singled_out or _not_told_before(story, said, earlier)):
            new = by_verb or said.singled_out
        elif found is None:
            found = earlier[-1]
    elif noun.generic:
        found = drafts[-1] if drafts and _is_definite(tok) else None
    elif noun.plural:
        found = _named_before(earlier) if _is_definite(tok) else None
        # "the CSTO held exercises in Tajikistan on 17 May": one exercise, placed or dated
        new = found is None and by_verb and noun.kind in story.lex.code_kinds
        new = new and not _counted(tok) and not _code_named(said.sent)
        new = new and _placed_or_dated(story, said)
    elif names_event_again(story, tok):
        return None
    elif _not_told_before(story, said, earlier):
        new = by_verb or said.singled_out
    else:
        found = earlier[-1]
    if new:
        name = None if named is None else named.text
        found = Draft(noun.kind, name, sentence_range(said.sent), by_verb, said.body)
        found.label = describe(story, noun.token, noun.first, named)
        found.label = with_owner(story, found.label, noun.token)
        if noun.kind in story.lex.doer_kinds:
            found.label = with_doer(story, found.label, noun.token, _doer(said))
        found.number = said.number
        drafts.append(found)
    if found is not None:
        found.by_verb = found.by_verb or by_verb
    return found


def _listed_with(story: Story, said: Said, drafts: list[Draft]) -> bool:
    """Whether the noun is listed with an event noun told just before in its sentence, of
    its group of kinds: both name one event."""
    tok = said.noun.token
    if tok.dep_ != "conj" or not drafts or drafts[-1].sentence != sentence_range(said.sent):
        return False
    head = event_noun(story, tok.head)
    if head is None or head.plural or (said.named is not None and said.named.quoted):
        return False
    group = story.lex.kind_group
    return group.get(head.kind, head.kind) == group.get(said.noun.kind, said.noun.kind)


def _named_before(earlier: list[Draft]) -> Draft | None:
    """The event "the exercises" speak of: the last one of their kind told with its own name
    ("the Interaction 2015 drills ... The exercises will be held on August 23-28")."""
    return next((d for d in reversed(earlier) if d.name is not None), None)


def _not_told_before(story: Story, said: Said, earlier: list[Draft]) -> bool:
    """Whether a noun of an event kind speaks of an event not told before: none was, or the
    noun says "a", "another", "the next", or it is another event than the last ("the 2nd
    meeting", "the meeting of the Council of Defense Ministers")."""
    lefts = {c.lower_ for c in said.noun.token.lefts}
    if not earlier or lefts & (story.lex.other_event_words | story.lex.indefinite):
        return True
    return _another(story, said, earlier[-1])


def _outside(date: str | None, before: Draft) -> bool:
    """Whether a date falls outside the dates of an event told before (both known)."""
    if date is None or before.start is None:
        return False
    n = min(len(date), len(before.start))
    first, last = before.start[:n], (before.end or before.start)[:n]
    return not first <= date[:n] <= last


def _another(story: Story, said: Said, before: Draft) -> bool:
    """Whether a definite noun is another event than the one told before: it is numbered
    ("the 2nd meeting"), has a date of its own that is not the earlier one's, or names
    another body ("the meeting of the Council of Defense Ministers" after a meeting of the
    Council of Foreign Ministers)."""
    if said.number is not None or _outside(said.dated, before):
        return True
    if said.body is None:
        return False
    if before.body is None:  # "the SCO summit" after a meeting not said to be the SCO's
        told = f"{before.name or ''} {before.label or ''}"
        return said.body.text not in told
    return identity(story, said.body) != identity(story, before.body)
