"""Turn an annotated Doc into the typed records the store keeps: mentions, and the facts that
point at them by index (posts held, events, statements, numeric claims, relations)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from spacy.tokens import Doc, Span

from pressgraph.nlp.spans import MENTION_GROUPS, doc_text
from pressgraph.records import (
    Annotated,
    Claim,
    Mention,
    Relation,
    Role,
    Statement,
    StoryEvent,
)

_KIND = {"PERSON": "person", "ORG": "organization", "GPE": "country", "LOC": "place"}


class _Index:
    """Mention index of a span, by its character range and label."""

    def __init__(self, spans: list[Span]) -> None:
        self.by_key = {(s.start_char, s.end_char, s.label_): i for i, s in enumerate(spans)}

    def __call__(self, span: Span | None) -> int | None:
        if span is None:
            return None
        return self.by_key.get((span.start_char, span.end_char, span.label_))


def _ext(doc: Doc, name: str) -> Any:
    """A Doc extension's value, or None when no component of this pipeline declares it."""
    return doc._.get(name) if Doc.has_extension(name) else None


def to_records(story: str, date: str | None, doc: Doc) -> Annotated:
    """Mentions in text order, and every fact found in the story pointing at them."""
    spans = sorted(
        (s for group in MENTION_GROUPS for s in doc.spans.get(group, [])),
        key=lambda s: (s.start_char, s.end_char),
    )
    index = _Index(spans)
    text = doc_text(doc)
    found_events = _ext(doc, "events") or []
    events = _events(story, found_events, index)
    statements = _statements(
        story, _ext(doc, "statements") or [], index, text, (events, found_events)
    )
    return Annotated(
        story=story,
        mentions=_mentions(story, spans),
        roles=_roles(story, date, doc._.roles or [], index, text),
        events=events,
        statements=statements,
        claims=_claims(story, date, _ext(doc, "claims") or [], index, _ext(doc, "statements")),
        relations=_relations(story, date, _ext(doc, "relations") or [], index),
    )


def _mentions(story: str, spans: list[Span]) -> tuple[Mention, ...]:
    by_char = {(s.start_char, s.end_char): i for i, s in enumerate(spans) if s.label_ == "PERSON"}
    out = []
    for span in spans:
        mention = Mention(
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
        if span._.refers_to is not None:
            mention = replace(mention, refers_to=by_char.get(span._.refers_to))
        out.append(mention)
    return tuple(out)


def _roles(
    story: str, date: str | None, found: Iterable[Any], index: _Index, text: str
) -> tuple[Role, ...]:
    out = []
    for role in found:
        person = index(role.person)
        if person is not None:
            out.append(
                Role(
                    story,
                    person,
                    role.title,
                    index(role.organization),
                    index(role.country),
                    date,
                    role.start,
                    role.end,
                    text[role.start : role.end],
                )
            )
    return tuple(out)


def _events(story: str, found: Iterable[Any], index: _Index) -> tuple[StoryEvent, ...]:
    out: list[StoryEvent] = []
    for event in found:
        parts = [(index(p.entity), p.part) for p in event.participants]
        parts += [(index(o), "organizer") for o in event.organizers]
        body = getattr(event, "body", None)  # the organization whose meeting it is
        if body is not None and not event.organizers:
            parts.append((index(body), "organizer"))
        out.append(
            StoryEvent(
                story=story,
                index=len(out),
                kind=event.kind,
                name=event.name,
                start=event.start,
                end=event.end,
                place=index(event.place),
                format=event.format,
                chair=index(event.chair),
                parts=tuple((i, part) for i, part in dict.fromkeys(parts) if i is not None),
                evidence_start=event.start_char,
                evidence_end=event.end_char,
            )
        )
    return tuple(out)


def _event_at(events: tuple[StoryEvent, ...], found: Any, pos: int) -> int | None:
    """The story event a statement was made at: the one whose sentences include it, or the
    story's only event."""
    for event, raw in zip(events, found, strict=False):
        if any(s <= pos < e for s, e in getattr(raw, "mentions", ())):
            return event.index
    return events[0].index if len(events) == 1 else None


def _statements(
    story: str,
    found: Iterable[Any],
    index: _Index,
    text: str,
    events: tuple[tuple[StoryEvent, ...], Any],
) -> tuple[Statement, ...]:
    out: list[Statement] = []
    for st in found:
        speaker = index(st.speaker)
        if speaker is None:
            continue
        event = _event_at(events[0], events[1], st.start)
        out.append(
            Statement(
                story,
                len(out),
                speaker,
                st.verb,
                st.quote,
                st.start,
                st.end,
                text[st.start : st.end],
                event,
            )
        )
    return tuple(out)


def _claims(
    story: str, date: str | None, found: Iterable[Any], index: _Index, statements: Any
) -> tuple[Claim, ...]:
    order = {id(s): i for i, s in enumerate(statements or [])}
    out: list[Claim] = []
    for claim in found:
        q = claim.quantity
        out.append(
            Claim(
                story=story,
                index=len(out),
                low=q.low,
                high=q.high,
                approx=q.approx,
                unit=q.unit,
                subject=index(claim.subject),
                subject_text=q.subject,
                speaker=index(claim.speaker),
                statement=order.get(id(claim.statement)) if claim.statement is not None else None,
                authority=claim.authority,
                authority_org=index(claim.authority_org),
                date=date,
                start=q.start,
                end=q.end,
                text=q.text,
            )
        )
    return tuple(out)


def _relations(
    story: str, date: str | None, found: Iterable[Any], index: _Index
) -> tuple[Relation, ...]:
    out = []
    for rel in found:
        source, target = index(rel.source), index(rel.target)
        if source is not None and target is not None:
            out.append(
                Relation(story, source, target, rel.kind, rel.date or date, rel.start, rel.end)
            )
    return tuple(out)
