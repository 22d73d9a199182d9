"""The search page: full-text search over stories (store/search.py), also filtered to stories
that mention an entity or report an event of a kind.

Without those filters this is `search_stories` itself. With them it runs the same three
queries (ranked full text, browse newest first, portable LIKE) with one more condition on
the story; it reuses search.py's query pieces so ranking, snippets and marks stay the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, func, literal_column, or_, select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.sql.expression import ColumnClause

from pressgraph.store import search as fts
from pressgraph.store.db import Database
from pressgraph.store.pages.common import Ref
from pressgraph.store.schema import events, mentions, stories, story_events

Found = tuple[int, list[fts.SearchHit]]


@dataclass(frozen=True)
class SearchPage:
    """One page of results for a query, date range, entity and event kind."""

    query: str
    date_from: str | None
    date_to: str | None
    entity: Ref | None
    kind: str | None  # event kind
    page: int
    page_size: int
    total: int
    pages: int  # at least 1, so "page 1 of 1" reads right
    hits: tuple[fts.SearchHit, ...]


def search_page(
    db: Database,
    query: str,
    *,
    date_from: str | None,
    date_to: str | None,
    entity: Ref | None,
    kind: str | None,
    page: int,
    page_size: int = fts.PAGE_SIZE,
) -> SearchPage:
    """Stories matching `query` (best first; all newest first) within the dates and filters."""
    query = query.strip()
    if entity is None and kind is None:
        found = fts.search_stories(
            db, query, date_from=date_from, date_to=date_to, page=page, page_size=page_size
        )
        total, hits = found.total, list(found.hits)
    else:
        within = _within(entity, kind)
        with db.read() as conn:
            total, hits = _filtered(conn, query, within, (date_from, date_to), page, page_size)
    pages = max(1, -(-total // page_size))
    return SearchPage(
        query, date_from, date_to, entity, kind, page, page_size, total, pages, tuple(hits)
    )


def _within(entity: Ref | None, kind: str | None) -> ColumnElement[bool]:
    """Stories mentioning the entity and reporting an event of the kind (a repeated story
    counts through its first copy, which holds the annotations)."""
    conditions = []
    if entity is not None:
        conditions.append(mentions.c.entity_id == entity.id)
    found = [select(mentions.c.story_id).where(c) for c in conditions]
    if kind is not None:
        found.append(
            select(story_events.c.story_id)
            .join(events, events.c.id == story_events.c.event_id)
            .where(events.c.kind == kind)
        )
    return and_(*(or_(stories.c.id.in_(f), stories.c.duplicate_of.in_(f)) for f in found))


def _filtered(
    conn: Connection,
    query: str,
    within: ColumnElement[bool],
    dates: tuple[str | None, str | None],
    page: int,
    size: int,
) -> Found:
    if not query:
        return _browse(conn, within, dates, page, size)
    if conn.dialect.name == "sqlite":
        return _ranked(conn, query, within, dates, page, size)
    return _like(conn, query, within, dates, page, size)


def _browse(
    conn: Connection,
    within: ColumnElement[bool],
    dates: tuple[str | None, str | None],
    page: int,
    size: int,
) -> Found:
    found = fts._dated(select(stories.c.id).where(within), *dates)
    rows = found.with_only_columns(*fts._CARD).order_by(
        stories.c.date.desc().nulls_last(), stories.c.id
    )
    total, fetched = fts._run(conn, found, rows, page, size)
    return total, [
        fts._hit(r, fts._plain(r["plain_headline"]), fts.Marked(fts._lead(r["opening"])))
        for r in fetched
    ]


def _ranked(
    conn: Connection,
    query: str,
    within: ColumnElement[bool],
    dates: tuple[str | None, str | None],
    page: int,
    size: int,
) -> Found:
    """Full-text matches within the filter, best first, with matches marked (as search.py)."""
    name: ColumnClause[Any] = literal_column(fts.INDEX)
    match = text(f"{fts.INDEX} MATCH :match").bindparams(match=fts.to_fts(query))
    found = fts._dated(
        select(stories.c.id).select_from(fts._JOINED).where(match, within),
        *dates,
        fts._MAP.c.date,
    )
    shown = fts._dated(
        select(
            *fts._CARD,
            func.highlight(name, 0, fts._OPEN, fts._CLOSE).label("headline"),
            func.snippet(name, 1, fts._OPEN, fts._CLOSE, "…", fts.SNIPPET_TOKENS).label("snippet"),
        )
        .select_from(fts._JOINED)
        .where(match, within, text(f"{fts.INDEX}.rank MATCH :rank").bindparams(rank=fts._RANK))
        .order_by(fts._INDEX.c.rank),
        *dates,
        fts._MAP.c.date,
    )
    try:
        total, rows = fts._run(conn, found, shown, page, size)
    except OperationalError as exc:
        raise fts._syntax_error(query, exc) from exc
    return total, [fts._hit(r, fts._marked(r["headline"]), fts._marked(r["snippet"])) for r in rows]


def _like(
    conn: Connection,
    query: str,
    within: ColumnElement[bool],
    dates: tuple[str | None, str | None],
    page: int,
    size: int,
) -> Found:
    """The portable fallback (no FTS5): every word in the headline or the text."""
    words = [w for w in fts._WORD.findall(query) if w.upper() not in fts._OPERATORS]
    found = fts._dated(select(stories.c.id).where(within), *dates).where(
        *(fts._contains(stories.c.headline, w) | fts._contains(stories.c.text, w) for w in words)
    )
    rows = found.with_only_columns(*fts._CARD, stories.c.headline, stories.c.text).order_by(
        stories.c.date.desc().nulls_last(), stories.c.id
    )
    total, fetched = fts._run(conn, found, rows, page, size)
    return total, [
        fts._hit(r, fts._found_in(r["headline"], words), fts._around(r["text"], words))
        for r in fetched
    ]
