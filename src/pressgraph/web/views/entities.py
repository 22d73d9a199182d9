"""The entity pages: the list of people, organizations, countries and places, and one entity
(`/entities/{id}`, any kind; the template shows the sections that kind has)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from pressgraph.store.pages import EntityList, EntityPage, entity_list, entity_page
from pressgraph.web.errors import ERROR_RESPONSES
from pressgraph.web.params import EntityKind
from pressgraph.web.render import DB, Page, add_page, render

router = APIRouter(tags=["pages"])
MAX_PAGE = 1000
TITLES = {
    "person": "People",
    "organization": "Organizations",
    "country": "Countries",
    "place": "Places",
}


def entities(
    request: Request,
    db: DB,
    kind: Annotated[EntityKind, Query(description="Only entities of this kind")] = None,
    q: Annotated[str, Query(max_length=200, description="Part of a name or spelling")] = "",
    page: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page of the list")] = 1,
) -> Response:
    """Entities of a kind whose name or a spelling contains `q`, most mentioned first."""
    found = entity_list(db, kind, q.strip(), page)
    title = TITLES.get(kind or "", "People, organizations and places")
    return render(request, Page("entities.html", title, found))


def entity(request: Request, entity_id: str, db: DB) -> Response:
    """One entity by id (or name): names, posts or officials, events, statements, claims, links."""
    found = entity_page(db, entity_id)
    return render(request, Page("entity.html", found.entity.name, found))


add_page(
    router, "/entities", entities, model=EntityList, summary="Entities", responses=ERROR_RESPONSES
)
add_page(
    router,
    "/entities/{entity_id}",
    entity,
    model=EntityPage,
    summary="Entity",
    responses=ERROR_RESPONSES,
)
