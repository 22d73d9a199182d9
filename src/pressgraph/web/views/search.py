"""The search page: full-text search over stories, filtered by date, entity and event kind."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from pressgraph.store.pages import SearchPage, search_page
from pressgraph.store.pages.search import ORDERS
from pressgraph.store.search import MAX_PAGE, PAGE_SIZE
from pressgraph.web.errors import ERROR_RESPONSES
from pressgraph.web.params import (
    EntitiesParam,
    EventKind,
    From,
    SortParam,
    To,
    Undated,
    date_range,
    entity_refs,
    sort_order,
)
from pressgraph.web.render import DB, Page, add_page, render
from pressgraph.web.tables import SEARCH_ROWS, page_size, wants_csv

router = APIRouter(tags=["pages"])


def search(
    request: Request,
    db: DB,
    q: Annotated[
        str,
        Query(
            max_length=2000,
            description='Words, "phrases", prefix*, AND/OR/NOT (at most 100 terms, 5 prefixes)',
        ),
    ] = "",
    date_from: From = "",
    date_to: To = "",
    entity: EntitiesParam = [],  # noqa: B006 - FastAPI copies a list default per request
    kind: Annotated[EventKind, Query(description="Stories reporting an event of this kind")] = None,
    undated: Undated = False,
    sort: SortParam = "",
    page: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page of results")] = 1,
) -> Response:
    """Stories matching `q` (best first, or `sort=newest` / `oldest`; no words: newest first)
    within the dates, mentioning every entity named, reporting an event of the kind."""
    start, end = date_range(date_from, date_to)
    order = sort_order(sort, ORDERS, "relevance" if q.strip() else "newest")
    csv = wants_csv(request)
    found = search_page(
        db,
        q,
        date_from=start,
        date_to=end,
        entities=entity_refs(db, entity),
        kind=kind,
        undated=undated,
        sort=order.key,
        facets=not csv,
        page=1 if csv else page,
        page_size=page_size(request, PAGE_SIZE, SEARCH_ROWS),
    )
    title = f"Search: {found.query}" if found.query else "Search"
    return render(request, Page("search.html", title, found))


add_page(
    router,
    "/search",
    search,
    model=SearchPage,
    summary="Search",
    responses=ERROR_RESPONSES,
    csv=True,
)
