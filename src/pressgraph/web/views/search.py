"""The search page: full-text search over stories, filtered by date, paginated, with snippets."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from pydantic import BeforeValidator
from starlette.responses import Response

from pressgraph.store.search import MAX_PAGE, PAGE_SIZE, SearchResults, search_stories
from pressgraph.web.errors import ERROR_RESPONSES
from pressgraph.web.render import DB, Page, add_page, render

router = APIRouter(tags=["pages"])


def _blank_is_none(value: object) -> object:
    """A form sends an empty date field as `from=`; that means no limit, not a bad date."""
    return None if value == "" else value


Day = Annotated[dt.date | None, BeforeValidator(_blank_is_none)]


def search(
    request: Request,
    db: DB,
    q: Annotated[
        str, Query(max_length=500, description='Words, "phrases", prefix*, AND/OR/NOT')
    ] = "",
    date_from: Annotated[Day, Query(alias="from", description="Earliest story date")] = None,
    date_to: Annotated[Day, Query(alias="to", description="Latest story date")] = None,
    page: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page of results")] = 1,
) -> Response:
    """Stories matching `q` (best first), or all stories newest first, within the date range."""
    if date_from and date_to and date_from > date_to:
        raise HTTPException(
            400, f"the date range is reversed: from {date_from} is after to {date_to}; swap them"
        )
    found = search_stories(
        db,
        q,
        date_from=date_from.isoformat() if date_from else None,
        date_to=date_to.isoformat() if date_to else None,
        page=page,
        page_size=PAGE_SIZE,
    )
    title = f"Search: {found.query}" if found.query else "Search"
    return render(request, Page("search.html", title, found))


add_page(
    router, "/search", search, model=SearchResults, summary="Search", responses=ERROR_RESPONSES
)
