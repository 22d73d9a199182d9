"""The entity pages: the list of people, organizations, countries and places, and one entity
(`/entities/{id}`, any kind; the template shows the sections that kind has)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from starlette.responses import RedirectResponse, Response

from pressgraph.store.aliases import current_id
from pressgraph.store.pages import EntityList, EntityPage, entity_list, entity_page
from pressgraph.store.pages.entities import ENTITY_PAGE_SIZE, SORTS
from pressgraph.web.errors import ERROR_RESPONSES
from pressgraph.web.judged import rejected_shown
from pressgraph.web.params import EntityKind, SortParam, sort_order
from pressgraph.web.render import DB, Page, add_page, render, wants_json
from pressgraph.web.tables import page_size, wants_csv

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
    q: Annotated[
        str, Query(max_length=200, description="Part of any name, spelling or alias (ОДКБ too)")
    ] = "",
    sort: SortParam = "",
    page: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page of the list")] = 1,
) -> Response:
    """Entities of a kind with `q` in any name, spelling or alias (English or Russian), most
    mentioned first or sorted by `name`, `kind`, `mentions`, `stories` (`-` for descending)."""
    size = page_size(request, ENTITY_PAGE_SIZE)
    order = sort_order(sort, SORTS, "-mentions")
    found = entity_list(db, kind, q.strip(), 1 if wants_csv(request) else page, size, order)
    title = TITLES.get(kind or "", "People, organizations and places")
    return render(request, Page("entities.html", title, found))


def entity(request: Request, entity_id: str, db: DB) -> Response:
    """One entity by id (or name): names, posts or officials, events, statements, claims, links;
    an id the entity had (merged into it, by resolution or a judgement, or renamed) redirects
    to the id it has now (301)."""
    into = current_id(db, entity_id)
    if into is not None:
        moved = request.url.path.replace(quote(entity_id, safe=":~"), quote(into, safe=":~"), 1)
        query = f"?{request.url.query}" if request.url.query else ""
        return RedirectResponse(moved + query, status_code=301)
    with rejected_shown(request, wants_json(request)):
        found = entity_page(db, entity_id)
    return render(request, Page("entity.html", found.entity.name, found))


add_page(
    router,
    "/entities",
    entities,
    model=EntityList,
    summary="Entities",
    responses=ERROR_RESPONSES,
    csv=True,
)
# The CSV twins of an entity's two tables: posts it held, officials it had.
for _table in ("posts", "officials"):
    router.add_api_route(
        f"/entities/{{entity_id}}/{_table}.csv", entity, methods=["GET"], include_in_schema=False
    )
add_page(
    router,
    "/entities/{entity_id}",
    entity,
    model=EntityPage,
    summary="Entity",
    responses=ERROR_RESPONSES,
)
