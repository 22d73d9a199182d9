"""The map page: events where they were held and places the stories mention, by date and kind
(Leaflet over a Natural Earth basemap, both shipped in the package: no tile server)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from pressgraph.store.pages.map import MapPage, map_page
from pressgraph.web.errors import ERROR_RESPONSES
from pressgraph.web.params import EventKind, From, To, Undated, date_range
from pressgraph.web.render import DB, Page, add_page, render

router = APIRouter(tags=["pages"])


def world_map(
    request: Request,
    db: DB,
    date_from: From = "",
    date_to: To = "",
    kind: Annotated[EventKind, Query(description="Only events of this kind")] = None,
    undated: Undated = False,
) -> Response:
    """Places with the events held there and the stories that mention them, in the dates."""
    start, end = date_range(date_from, date_to)
    found = map_page(db, date_from=start, date_to=end, kind=kind, undated=undated)
    return render(request, Page("map.html", "Map", found))


add_page(router, "/map", world_map, model=MapPage, summary="Map", responses=ERROR_RESPONSES)
