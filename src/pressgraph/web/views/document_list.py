"""The documents page: every stored page, sortable, with the inputs that were refused."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from pressgraph.store.pages.documents import (
    DOCUMENT_PAGE_SIZE,
    SORTS,
    DocumentList,
    document_list,
)
from pressgraph.web.errors import ERROR_RESPONSES
from pressgraph.web.params import SortParam, sort_order
from pressgraph.web.render import DB, Page, add_page, render
from pressgraph.web.tables import TABLES, Rows, page_size, wants_csv

router = APIRouter(tags=["pages"])
MAX_PAGE = 1000


def documents_index(
    request: Request,
    db: DB,
    sort: SortParam = "",
    page: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page of the list")] = 1,
) -> Response:
    """Every document: source, site, title, date, stories; sorted by `date`, `title`, `site`,
    `stories` or `fetched` (`-` for descending; newest fetched first by default)."""
    found = document_list(
        db,
        sort=sort_order(sort, SORTS, "-fetched"),
        page=1 if wants_csv(request) else page,
        size=page_size(request, DOCUMENT_PAGE_SIZE),
    )
    return render(request, Page("documents.html", "Documents", found))


def _rows(page: DocumentList, _table: str) -> Rows:
    header = ("id", "title", "source", "site", "published", "fetched_at", "stories", "version")
    return header, [[getattr(d, c) for c in header] for d in page.documents]


TABLES[DocumentList] = _rows
add_page(
    router,
    "/documents",
    documents_index,
    model=DocumentList,
    summary="Documents",
    responses=ERROR_RESPONSES,
    csv=True,
)
