"""The search page: full-text search over stories, filtered by date, entity and event kind."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from pressgraph.store.pages import SearchPage, search_page
from pressgraph.store.search import MAX_PAGE, PAGE_SIZE
from pressgraph.web.errors import ERROR_RESPONSES
from pressgraph.web.params import EntityParam, EventKind, From, To, date_range, entity_ref
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
    entity: EntityParam = "",
    kind: Annotated[EventKind, Query(description="Stories reporting an event of this kind")] = None,
    page: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page of results")] = 1,
) -> Response:
    """Stories matching `q` (best first), or all newest first, within the dates and filters."""
    start, end = date_range(date_from, date_to)
    found = search_page(
        db,
        q,
        date_from=start,
        date_to=end,
        entity=entity_ref(db, entity),
        kind=kind,
        page=1 if wants_csv(request) else page,
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
