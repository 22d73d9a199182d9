"""The story page: one story's cleaned text, where it came from, and what was removed around it."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import Response

from pressgraph.store.pages import StoryPage, story_page
from pressgraph.web.errors import ERROR_RESPONSES
from pressgraph.web.render import DB, Page, add_page, render

router = APIRouter(tags=["pages"])


def story(request: Request, story_id: str, db: DB) -> Response:
    """One story by id: headline, date, main or sidebar, paragraphs, sibling stories, furniture."""
    found = story_page(db, story_id)
    return render(request, Page("story.html", found.story.title, found))


add_page(
    router,
    "/stories/{story_id}",
    story,
    model=StoryPage,
    summary="Story",
    responses=ERROR_RESPONSES,
)
