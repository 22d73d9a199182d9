"""The document page: one stored page with all its stories, its source and removed furniture."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.responses import PlainTextResponse, Response

from pressgraph.store.pages import DocumentPage, document_page, document_source
from pressgraph.web.errors import ERROR_RESPONSES
from pressgraph.web.render import DB, Page, add_page, render

router = APIRouter(tags=["pages"])


def document(request: Request, doc_id: str, db: DB) -> Response:
    """One document by id (or unambiguous prefix): metadata, stories, images, removed furniture."""
    found = document_page(db, doc_id)
    return render(request, Page("document.html", found.document.title, found))


add_page(
    router,
    "/documents/{doc_id}",
    document,
    model=DocumentPage,
    summary="Document",
    responses=ERROR_RESPONSES,
)


@router.get(
    "/documents/{doc_id}/source",
    response_class=PlainTextResponse,
    summary="Document source",
    responses=ERROR_RESPONSES,
)
def source(doc_id: str, db: DB) -> PlainTextResponse:
    """What was read for the document (HTML, JSON line or text), as plain text: the source link."""
    # Plain text with nosniff (set by the app for every response): a stored HTML page is shown,
    # never run.
    return PlainTextResponse(document_source(db, doc_id))
