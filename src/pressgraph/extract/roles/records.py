"""The record the role finder leaves on the Doc for the converter."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span


@dataclass(frozen=True)
class FoundRole:
    """A post as the text shows it: who, which title, of which organization or country, where."""

    person: Span
    title: str
    organization: Span | None
    country: Span | None
    start: int  # character offsets of the evidence phrase in the story
    end: int
