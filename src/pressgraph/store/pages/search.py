"""The search page: full-text search over stories (store/search.py), also filtered to stories
that mention an entity or report an event of a kind.

The filters become one condition on the story for `search_stories`, so ranking, snippets and
marks stay those of the query. Which stories mention an entity is read from the derived
`entity_stories` table (store/derived.py), not from the mentions.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, or_, select

from pressgraph.store import search as fts
from pressgraph.store.db import Database
from pressgraph.store.pages.common import Ref
from pressgraph.store.schema import entity_stories, events, stories, story_events


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
    found = fts.search_stories(
        db,
        query,
        date_from=date_from,
        date_to=date_to,
        within=_within(entity, kind),
        page=page,
        page_size=page_size,
    )
    return SearchPage(
        found.query,
        date_from,
        date_to,
        entity,
        kind,
        page,
        page_size,
        found.total,
        found.pages,
        found.hits,
    )


def _within(entity: Ref | None, kind: str | None) -> ColumnElement[bool] | None:
    """Stories mentioning the entity and reporting an event of the kind (a repeated story
    counts through its first copy, which holds the annotations); None without filters."""
    found = []
    if entity is not None:
        found.append(
            select(entity_stories.c.story_id).where(entity_stories.c.entity_id == entity.id)
        )
    if kind is not None:
        found.append(
            select(story_events.c.story_id)
            .join(events, events.c.id == story_events.c.event_id)
            .where(events.c.kind == kind)
        )
    if not found:
        return None
    return and_(*(or_(stories.c.id.in_(f), stories.c.duplicate_of.in_(f)) for f in found))


stories_within = _within  # the export's scope (export/scope.py) filters stories the same way
