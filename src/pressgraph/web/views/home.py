"""The home page: what the knowledge base holds, the latest stories and events, a search box."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from pressgraph.store.pages import HomePage, home_page
from pressgraph.web.errors import ERROR_RESPONSES
from pressgraph.web.render import DB, Page, add_page, render

router = APIRouter(tags=["pages"])


def home(request: Request, db: DB) -> Response:
    """Counts of documents, stories, people, organizations, events and claims; the newest."""
    return render(request, Page("home.html", "Home", home_page(db)))


add_page(router, "/", home, model=HomePage, summary="Home", responses=ERROR_RESPONSES)
