"""The page views, one module per page type; `ROUTERS` registers them all with the app.

A new page type is a module here with a `router`, added to `ROUTERS`, and a link in
`render.NAV`.
"""

from __future__ import annotations

from fastapi import APIRouter

from pressgraph.web import feeds
from pressgraph.web.views import (
    claims,
    curate,
    document_list,
    documents,
    entities,
    events,
    home,
    map,
    network,
    search,
    stories,
)

ROUTERS: tuple[APIRouter, ...] = (
    feeds.router,  # before the pages: `/entities/{id}` would also match `/entities/x.atom`
    curate.router,
    home.router,
    search.router,
    stories.router,
    document_list.router,  # before `/documents/{id}`
    documents.router,
    entities.router,
    events.router,
    network.router,
    map.router,
    claims.router,
)
