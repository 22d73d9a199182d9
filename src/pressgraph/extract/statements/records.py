"""The records the statement finder passes between its steps: a reporting cue, the attribution
it makes, the content said, and the FoundStatement it returns in `doc._.statements`."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span


@dataclass(frozen=True)
class FoundStatement:
    """What a person said, by which verb, quoted or reported, with the content's offsets."""

    speaker: Span  # the person span the statement is attributed to
    cue: Span | None  # the words that attribute it when not the speaker span ("He")
    verb: str  # lemma of the reporting verb or phrase ("say", "point out", "according to")
    quote: bool  # True when the content is inside quotation marks
    start: int  # character offsets of the content in doc.text
    end: int
    text: str  # the content; an interjected attribution is cut out of it


@dataclass(frozen=True)
class Cue:
    """A reporting verb or phrase matched in the doc ("said", "pointed out", "according to")."""

    lemma: str
    start: int  # token indices of the verb or phrase
    end: int
    continuing: bool  # an "-ing" form: only a second verb of a speaker already named


@dataclass(frozen=True)
class Attribution:
    """A cue with its speaker (or the pronoun standing for one) and where its content starts."""

    cue: Cue
    speaker: Span | None  # None until a pronoun is resolved
    pronoun: Span | None  # "He", "according to him"
    start: int  # token range of speaker + verb (or verb + speaker)
    end: int
    content_from: int  # first token the content after it may start at
    previous: int | None = None  # for a second verb: the attribution it continues
    co_speakers: tuple[Span, ...] = ()  # "X and Y discussed": Y besides X
    document: bool = False  # "the statement reads": the author of the statement just before


@dataclass(frozen=True)
class Content:
    """The words said: character offsets, the text (an interjection cut out), quoted or not."""

    start: int
    end: int
    text: str
    quote: bool
