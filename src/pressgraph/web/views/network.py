"""The network page: organizations (and people) linked by relations and shared events."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from pressgraph.store.pages import NetworkPage, network_page
from pressgraph.web.errors import ERROR_RESPONSES
from pressgraph.web.params import From, To, date_range
from pressgraph.web.render import DB, Page, add_page, render

router = APIRouter(tags=["pages"])


def network(
    request: Request,
    db: DB,
    date_from: From = "",
    date_to: To = "",
    people: Annotated[bool, Query(description="Show people as well as organizations")] = False,
    bodies: Annotated[
        bool, Query(description="Show bodies (the CSTO Secretariat) apart from their organization")
    ] = False,
) -> Response:
    """Nodes and edges: typed relations and co-participation in events within the dates."""
    start, end = date_range(date_from, date_to)
    found = network_page(db, date_from=start, date_to=end, people=people, bodies=bodies)
    return render(request, Page("network.html", "Network", found))


add_page(
    router, "/network", network, model=NetworkPage, summary="Network", responses=ERROR_RESPONSES
)
