"""The records the event finder leaves on `doc._.events`: one FoundEvent per event, with its
Participants. Kept apart so readers of the results need not import the rules."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span


@dataclass(frozen=True)
class Participant:
    """Who took part in an event, and how."""

    entity: Span  # a PERSON, ORG or GPE span
    part: str  # chair | host | speaker | participant | delegation_head


@dataclass(frozen=True)
class FoundEvent:
    """One event of a story with what the story says about it and where it says it."""

    kind: str  # conference | meeting | session | exercise | visit | ceremony | operation | ...
    name: str | None  # as written, quotes included: '"Combat Brotherhood-2019"'
    start: str | None  # ISO date (or YYYY-MM); a one-day event has start == end
    end: str | None
    place: Span | None  # a LOC or GPE span
    format: str | None  # in_person | video | mixed
    organizers: tuple[Span, ...]
    chair: Span | None
    participants: tuple[Participant, ...]
    start_char: int  # evidence: the sentence that introduces the event
    end_char: int
    mentions: tuple[tuple[int, int], ...]  # every sentence that speaks of the event
    body: Span | None = None  # the organization whose event it is: "a meeting of the Council"
