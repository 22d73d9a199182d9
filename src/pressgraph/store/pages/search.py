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
from pressgraph.store.pages.listing import Facet, facet
from pressgraph.store.schema import entity_stories, events, stories, story_events

ORDERS = ("relevance", "newest", "oldest")


@dataclass(frozen=True)
class SearchPage:
    """One page of results for a query, date range, entities and event kind."""

    query: str
    date_from: str | None
    date_to: str | None
    entity: Ref | None  # the first of `entities`
    kind: str | None  # event kind
    page: int
    page_size: int
    total: int
    pages: int  # at least 1, so "page 1 of 1" reads right
    hits: tuple[fts.SearchHit, ...]
    entities: tuple[Ref, ...] = ()  # stories mentioning every one of them
    undated: bool = False
    left_out: int | None = None  # undated stories the dates leave out (None: no date filter)
    sort: str = "relevance"
    facets: tuple[Facet, ...] = ()


def search_page(
    db: Database,
    query: str,
    *,
    date_from: str | None,
    date_to: str | None,
    entity: Ref | None = None,
    kind: str | None,
    page: int,
    page_size: int = fts.PAGE_SIZE,
    entities: tuple[Ref, ...] = (),
    undated: bool = False,
    sort: str = "relevance",
    facets: bool = False,
) -> SearchPage:
    """Stories matching `query` (best first, or by date; all newest first) within the dates
    and filters; with `facets`, the years of the matches and the undated ones left out."""
    chosen = entities or ((entity,) if entity else ())
    within = _within(chosen, kind)
    order = sort if query.strip() or sort != "relevance" else "newest"
    found = fts.search_stories(
        db,
        query,
        date_from=None if undated else date_from,
        date_to=None if undated else date_to,
        within=within,
        page=page,
        page_size=page_size,
        order=order,
        undated=undated,
    )
    left_out: int | None = None
    counted: tuple[Facet, ...] = ()
    if facets and (query.strip() or date_from or date_to or undated):
        years = fts.dates_of(db, query, within)
        if (date_from or date_to) and not undated:
            left_out = sum(n for y, n in years if y is None)
        dated = sorted(((y, n) for y, n in years if y), reverse=True)
        counted = (facet("year", "Year", dated, {}),)
    return SearchPage(
        found.query, date_from, date_to, chosen[0] if chosen else None, kind, page, page_size,
        found.total, found.pages, found.hits, chosen, undated, left_out, sort, counted,
    )  # fmt: skip


def _within(entities: tuple[Ref, ...], kind: str | None) -> ColumnElement[bool] | None:
    """Stories mentioning every entity and reporting an event of the kind (a repeated story
    counts through its first copy, which holds the annotations); None without filters."""
    found = [
        select(entity_stories.c.story_id).where(entity_stories.c.entity_id == entity.id)
        for entity in entities
    ]
    if kind is not None:
        found.append(
            select(story_events.c.story_id)
            .join(events, events.c.id == story_events.c.event_id)
            .where(events.c.kind == kind)
        )
    if not found:
        return None
    return and_(*(or_(stories.c.id.in_(f), stories.c.duplicate_of.in_(f)) for f in found))


def stories_within(entity: Ref | None, kind: str | None) -> ColumnElement[bool] | None:
    """The export's scope (export/scope.py) filters stories as the search page does."""
    return _within((entity,) if entity else (), kind)
