"""The claims page: figures claimed, by unit and entity, in a table and a chart over time."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from pressgraph.store.pages import ClaimsPage, claims_page
from pressgraph.store.pages.claims import CLAIMS_LIMIT, SORTS, ClaimFilter
from pressgraph.web.errors import ERROR_RESPONSES
from pressgraph.web.judged import rejected_shown
from pressgraph.web.params import (
    EntityParam,
    From,
    SortParam,
    To,
    Undated,
    date_range,
    entity_ref,
    sort_order,
)
from pressgraph.web.render import DB, Page, add_page, render, wants_json
from pressgraph.web.tables import page_size, wants_csv

router = APIRouter(tags=["pages"])
MAX_PAGE = 1000


def claims(
    request: Request,
    db: DB,
    unit: Annotated[
        str, Query(max_length=100, description="What is counted: militant, country, ton")
    ] = "",
    entity: EntityParam = "",
    date_from: From = "",
    date_to: To = "",
    undated: Undated = False,
    sort: SortParam = "",
    page: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page of the table")] = 1,
) -> Response:
    """Claims of a unit made by, about or on the authority of an entity, within the dates,
    sorted by `date`, `figure`, `unit` or `speaker` (`-` for descending); the unit charted."""
    start, end = date_range(date_from, date_to)
    where = ClaimFilter(unit.strip() or None, entity_ref(db, entity), start, end, undated)
    with rejected_shown(request, wants_json(request)):
        found = claims_page(
            db,
            unit=where.unit,
            entity=where.entity,
            where=where,
            limit=page_size(request, CLAIMS_LIMIT),
            sort=sort_order(sort, SORTS, SORTS[0]),
            page=1 if wants_csv(request) else page,
        )
    title = f"Claims: {where.unit}" if where.unit else "Claims"
    return render(request, Page("claims.html", title, found))


add_page(
    router,
    "/claims",
    claims,
    model=ClaimsPage,
    summary="Claims",
    responses=ERROR_RESPONSES,
    csv=True,
)
