"""The home page: how much the knowledge base holds, the latest stories and the latest events."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, select

from pressgraph.store.db import Database
from pressgraph.store.judgements import kept
from pressgraph.store.pages.common import EventCard, StoryCard, card, event_cards, newest_events
from pressgraph.store.schema import claims, documents, entities, events, stories

LATEST = 10
LATEST_EVENTS = 5


@dataclass(frozen=True)
class Counts:
    """How much the knowledge base holds: documents and stories, and what was extracted."""

    documents: int
    stories: int
    people: int
    organizations: int
    events: int
    claims: int


@dataclass(frozen=True)
class HomePage:
    """The home page: counts, the latest stories and the latest events."""

    counts: Counts
    latest: tuple[StoryCard, ...]
    events: tuple[EventCard, ...]


def home_page(db: Database, latest: int = LATEST) -> HomePage:
    """Counts of what is stored, the newest stories and the newest events (by date)."""
    with db.read() as conn:
        counts = Counts(
            documents=_count(conn, documents),
            stories=_count(conn, stories),
            people=_count(conn, entities, entities.c.kind == "person"),
            organizations=_count(conn, entities, entities.c.kind == "organization"),
            events=_count(conn, events),
            claims=_count(conn, claims, kept(claims)),
        )
        query = select(stories).order_by(stories.c.date.desc().nulls_last(), stories.c.id)
        cards = tuple(card(r) for r in conn.execute(query.limit(latest)).mappings())
        newest = event_cards(conn, newest_events(select(events)).limit(LATEST_EVENTS))
    return HomePage(counts, cards, tuple(newest))


def _count(conn: Connection, table: Any, where: Any = None) -> int:
    query = select(func.count()).select_from(table)
    if where is not None:
        query = query.where(where)
    return int(conn.execute(query).scalar() or 0)
