"""The claims page: figures claimed, by unit and entity, in a table and a chart over time."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from pressgraph.store.pages import ClaimsPage, claims_page
from pressgraph.store.pages.claims import CLAIMS_LIMIT
from pressgraph.web.errors import ERROR_RESPONSES
from pressgraph.web.params import EntityParam, entity_ref
from pressgraph.web.render import DB, Page, add_page, render
from pressgraph.web.tables import page_size

router = APIRouter(tags=["pages"])


def claims(
    request: Request,
    db: DB,
    unit: Annotated[
        str, Query(max_length=100, description="What is counted: militant, country, ton")
    ] = "",
    entity: EntityParam = "",
) -> Response:
    """Claims of a unit made by, about or on the authority of an entity; the unit charted."""
    picked = unit.strip() or None
    limit = page_size(request, CLAIMS_LIMIT)
    found = claims_page(db, unit=picked, entity=entity_ref(db, entity), limit=limit)
    title = f"Claims: {picked}" if picked else "Claims"
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
