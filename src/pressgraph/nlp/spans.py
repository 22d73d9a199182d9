"""Span groups and span attributes shared by our pipeline components.

Each component writes its finds to its own `doc.spans` group; `taken()` tells a later
component which characters are already claimed, so one piece of text is one mention.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence

import numpy as np
from spacy.attrs import LOWER
from spacy.tokens import Doc, Span, Token

ORGS = "pg_orgs"
COUNTRIES = "pg_countries"
PLACES = "pg_places"
PEOPLE = "pg_people"
TOPICS = "pg_topics"
MENTION_GROUPS = (ORGS, COUNTRIES, PLACES, PEOPLE)
CLAIMING_GROUPS = (*MENTION_GROUPS, TOPICS)

# Span attributes our components read and write. spaCy keeps custom span attributes per
# character range, so two candidate spans over the same words would share them; ours are
# kept per (label, range) instead, and the key is the span's own `kb_id`, so a rejected
# candidate ("Tajik" tried as a person) never changes an accepted one ("Tajik", a country).
_ATTRIBUTES = {
    "source": None,  # which rule found it: gazetteer, model, acronym, title, leftover, reference
    "rank": None,  # a person's rank written before the name
    "parent": None,  # an organization's parent key
    "refers_to": None,  # a reference span's (start_char, end_char) of the person it names
}


def _slot(span: Span, name: str) -> str:
    return f"pressgraph.{name}:{span.label_}:{span.start_char}:{span.end_char}"


def _getter(name: str) -> Callable[[Span], object]:
    return lambda span: span.doc.user_data.get(_slot(span, name))


def _setter(name: str) -> Callable[[Span, object], None]:
    def set_value(span: Span, value: object) -> None:
        span.doc.user_data[_slot(span, name)] = value

    return set_value


def register_extensions() -> None:
    """Declare the `span._.*` attributes once per process."""
    if not Span.has_extension("key"):
        Span.set_extension("key", getter=lambda span: span.kb_id_ or None)
    for name in _ATTRIBUTES:
        if not Span.has_extension(name):
            Span.set_extension(name, getter=_getter(name), setter=_setter(name))
    if not Doc.has_extension("roles"):
        Doc.set_extension("roles", default=None)


def make_span(doc: Doc, start: int, end: int, label: str, key: str, source: str) -> Span | None:
    """A span over token indices with its key and source set; None for an empty range."""
    if end <= start:
        return None
    span = Span(doc, start, end, label=label, kb_id=key)
    span._.source = source
    return span


def char_span(doc: Doc, start: int, end: int, label: str, key: str, source: str) -> Span | None:
    """A span over character offsets (snapped outward to tokens) with its key and source set."""
    span = doc.char_span(start, end, label=label, kb_id=key, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    span._.source = source
    return span


def taken(doc: Doc, groups: Iterable[str] = CLAIMING_GROUPS) -> set[int]:
    """Token indices already inside a mention of the given groups."""
    claimed: set[int] = set()
    for group in groups:
        for span in doc.spans.get(group, []):
            claimed.update(range(span.start, span.end))
    return claimed


def is_free(span: Span, claimed: set[int]) -> bool:
    """True when no token of `span` is claimed yet."""
    return not any(i in claimed for i in range(span.start, span.end))


def keep_longest(spans: Iterable[Span]) -> list[Span]:
    """Non-overlapping spans, longest first, then leftmost; returned in text order."""
    chosen: list[Span] = []
    used: set[int] = set()
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if not any(i in used for i in range(span.start, span.end)):
            chosen.append(span)
            used.update(range(span.start, span.end))
    return sorted(chosen, key=lambda s: s.start)


def strip_determiner(doc: Doc, start: int, end: int) -> int:
    """Move a span start past a leading "the"/"The" (and a possessive is left to callers)."""
    while start < end and doc[start].lower_ in {"the", "a", "an"}:
        start += 1
    return start


_TEXT_KEY = "pressgraph.text"


def doc_text(doc: Doc) -> str:
    """`doc.text`, built once per Doc: spaCy joins every token anew on each access, which
    costs a whole pass over the story each time a component asks."""
    text = doc.user_data.get(_TEXT_KEY)
    if not isinstance(text, str):
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def keep_text(doc: Doc, text: str) -> Doc:
    """Give `doc` the text it was made from, for `doc_text` to return without joining its
    tokens (3-4 ms for a story of a thousand words). `text` is the Doc's own: the tokenizer
    keeps every character of its input."""
    doc.user_data[_TEXT_KEY] = text
    return doc


def positions(doc: Doc, words: Iterable[str], attr: int = LOWER) -> list[int]:
    """The indices of the tokens whose `attr` (the lowercase form, else e.g. ORTH) is one of
    `words`, in order, read from the doc's array: no Token is made for the other words, which
    cost more than what a component then does with the few it wants."""
    wanted = np.array([doc.vocab.strings[word] for word in words], dtype=np.uint64)
    found: list[int] = np.flatnonzero(np.isin(doc.to_array(attr), wanted)).tolist()
    return found


def flagged(doc: Doc, attr: int) -> list[int]:
    """The indices of the tokens whose boolean `attr` (IS_SPACE, IS_UPPER...) is set, in
    order, read from the doc's array as `positions` reads words."""
    found: list[int] = np.flatnonzero(doc.to_array(attr)).tolist()
    return found


def within(doc: Doc, found: Sequence[int], span: Span) -> list[Token]:
    """The tokens of `found` (sorted indices, as `positions` gives) inside `span`."""
    return [doc[i] for i in found[bisect_left(found, span.start) : bisect_left(found, span.end)]]
