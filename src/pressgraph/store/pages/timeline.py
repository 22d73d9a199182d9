"""An entity's facts on one time line, as its page and the page's JSON twin give them.

Marks: the posts a person held (first to last date seen), the events it took part in, the
statements it made and the claims by it, about it or on its authority, each dated and with
its evidence (story, offsets, the sentence). Bars: an organization's or country's officials,
one per person and post, from the first to the last date seen.

The marks come from the lists the entity page has already read, each capped (the newest
events, the latest statements and claims), so the time line costs one more query: the
evidence of at most `EVENTS_SHOWN` events, by the `ix_story_events_event` index.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Connection, func, select

from pressgraph.store.pages.common import (
    ClaimView,
    Ref,
    StatementView,
    around,
    sentence_in,
    shorten,
)
from pressgraph.store.schema import stories, story_events

if TYPE_CHECKING:  # entities.py builds the page and imports this module
    from pressgraph.store.pages.entities import Attended, Evidence, PostView

MARK_KINDS = ("post", "event", "statement", "claim")
BARS_SHOWN = 40  # officials drawn, the most often seen; the table below lists them all
LABEL_WIDTH = 120  # characters of a statement or a name shown in a mark's label


@dataclass(frozen=True)
class Mark:
    """One dated fact: its kind, first and last date (the same for one day), what it says,
    and its evidence (story None for a press signature, which has no story to show)."""

    kind: str  # post | event | statement | claim
    first: str
    last: str
    label: str
    story: str | None
    start: int
    end: int
    sentence: str
    event: str | None = None  # the event's id, for an event
    document: str | None = None  # for a press signature: the document it was removed from


@dataclass(frozen=True)
class Bar:
    """One official: who held which post (and where, when not the entity itself), from the
    first to the last date seen, with the first evidence."""

    person: Ref | None
    title: str
    where: Ref | None
    first: str
    last: str
    seen: int
    story: str | None
    start: int
    end: int
    sentence: str
    document: str | None = None  # for a press signature: the document it was removed from


@dataclass(frozen=True)
class Left:
    """Facts of a kind left off the time line for having no date."""

    kind: str
    count: int


@dataclass(frozen=True)
class Timeline:
    """The marks (dated, oldest first), the officials' bars (oldest first), and what is
    left out: undated facts by kind, undated officials, officials beyond `BARS_SHOWN`."""

    marks: tuple[Mark, ...]
    undated: tuple[Left, ...]
    bars: tuple[Bar, ...] = ()
    bars_undated: int = 0
    bars_more: int = 0


def entity_timeline(
    conn: Connection,
    entity_id: str,
    *,
    posts: Iterable[PostView],
    officials: Iterable[PostView],
    events: Iterable[Attended],
    statements: Iterable[StatementView],
    claims: Iterable[ClaimView],
) -> Timeline:
    """The time line of an entity from the facts its page shows (each list as capped there)."""
    attended = list(events)
    found = [
        *(_post_mark(p) for p in posts),
        *_event_marks(conn, attended),
        *(_statement_mark(s) for s in statements),
        *(_claim_mark(c) for c in claims),
    ]
    dated = sorted((m for m in found if m.first), key=lambda m: (m.first, m.last, m.kind))
    missing = Counter(m.kind for m in found if not m.first)
    undated = tuple(Left(k, missing[k]) for k in MARK_KINDS if missing[k])
    bars, bars_undated, bars_more = _bars(entity_id, list(officials))
    return Timeline(tuple(dated), undated, bars, bars_undated, bars_more)


def _where(p: PostView) -> str:
    place = p.organization or p.country
    return f"{p.title}, {place.name}" if place else p.title


def _first_told(evidence: Iterable[Evidence]) -> Evidence | None:
    """The first evidence with a story, else the first (a press signature)."""
    said = list(evidence)
    return next((e for e in said if e.story), said[0] if said else None)


def _post_mark(p: PostView) -> Mark:
    ev = _first_told(p.evidence)
    return Mark(
        "post",
        p.first or "",
        p.last or p.first or "",
        f"Post: {_where(p)}",
        ev.story if ev else None,
        ev.start if ev else 0,
        ev.end if ev else 0,
        (ev.sentence or ev.text) if ev else "",
        document=ev.document if ev else None,
    )


def _event_marks(conn: Connection, attended: list[Attended]) -> list[Mark]:
    """Events, each with the first story that reports it as evidence."""
    told = event_evidence(conn, [a.event.id for a in attended])
    marks = []
    for a in attended:
        e = a.event
        story, start, end, sentence = told.get(e.id, (None, 0, 0, ""))
        label = f"Event: {e.title} ({a.part.replace('_', ' ')})"
        marks.append(
            Mark("event", e.start or "", e.end or e.start or "", label, story, start, end,
                 sentence or e.title, e.id)
        )  # fmt: skip
    return marks


def event_evidence(conn: Connection, event_ids: list[str]) -> dict[str, tuple[str, int, int, str]]:
    """Event id -> (story, start, end, sentence) of the first story that reports it."""
    if not event_ids:
        return {}
    first = (
        select(func.min(story_events.c.id))
        .where(story_events.c.event_id.in_(event_ids))
        .group_by(story_events.c.event_id)
    )
    query = (
        select(
            story_events.c.event_id,
            story_events.c.story_id,
            story_events.c.evidence_start,
            story_events.c.evidence_end,
            *around(story_events.c.evidence_start, story_events.c.evidence_end),
        )
        .join(stories, stories.c.id == story_events.c.story_id)
        .where(story_events.c.id.in_(first))
    )
    return {
        r["event_id"]: (
            r["story_id"],
            r["evidence_start"],
            r["evidence_end"],
            sentence_in(r, r["evidence_start"], r["evidence_end"]),
        )
        for r in conn.execute(query).mappings()
    }


def _statement_mark(s: StatementView) -> Mark:
    how = "Quote" if s.quote else f"Reported ({s.verb})"
    who = f" — {s.speaker.name}" if s.speaker else ""
    label = f"{how}: “{shorten(s.text, LABEL_WIDTH)}”{who}"
    return Mark("statement", s.date or "", s.date or "", label, s.story, s.start, s.end,
                s.sentence or s.text)  # fmt: skip


def _claim_mark(c: ClaimView) -> Mark:
    about = c.subject.name if c.subject else c.subject_text
    label = f"Claim: {c.figure} × {c.unit or 'unit unknown'}" + (f" ({about})" if about else "")
    return Mark("claim", c.date or "", c.date or "", label, c.story, c.start, c.end,
                c.sentence or c.text)  # fmt: skip


def _bars(entity_id: str, officials: list[PostView]) -> tuple[tuple[Bar, ...], int, int]:
    """The most often seen dated officials as bars (oldest first), how many have no date,
    and how many more dated ones there are."""
    dated = [p for p in officials if p.first]
    chosen = sorted(dated, key=lambda p: -p.seen)[:BARS_SHOWN]
    bars = [_bar(entity_id, p) for p in chosen]
    bars.sort(key=lambda b: (b.first, b.last, b.person.name if b.person else "", b.title))
    return tuple(bars), len(officials) - len(dated), len(dated) - len(chosen)


def _bar(entity_id: str, p: PostView) -> Bar:
    where = p.organization or p.country
    ev = _first_told(p.evidence)
    return Bar(
        person=p.person,
        title=p.title,
        where=where if where and where.id != entity_id else None,
        first=p.first or "",
        last=p.last or p.first or "",
        seen=p.seen,
        story=ev.story if ev else None,
        start=ev.start if ev else 0,
        end=ev.end if ev else 0,
        sentence=(ev.sentence or ev.text) if ev else "",
        document=ev.document if ev else None,
    )
