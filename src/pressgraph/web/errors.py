"""One error shape for every error: `{"error": {"status", "title", "message"}}`, or a friendly page.

A single function (`error_response`) makes both forms, and every handler goes through it:
HTTP errors (404 for an unknown address, 405), validation errors of query parameters (422),
pressgraph's own errors (a record not found: 404; a search the index cannot parse: 400) and
anything unexpected (500).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.responses import Response

from pressgraph.errors import NotFoundError, PressgraphError
from pressgraph.store.search import SearchSyntaxError
from pressgraph.web.render import page_context, templates, wants_json

log = logging.getLogger("pressgraph.web")


@dataclass(frozen=True)
class ErrorDetail:
    """What went wrong: the HTTP status, its name, and a message that says how to fix it."""

    status: int
    title: str
    message: str


@dataclass(frozen=True)
class ErrorBody:
    """The JSON body of every error response."""

    error: ErrorDetail


# For OpenAPI: the statuses a page can answer with, all in the one shape.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": HTTPStatus(status).phrase}
    for status in (400, 404, 422, 500)
}

_DEFAULT_MESSAGES = {
    404: "There is no page at this address. Start from the home page (/) or search at /search.",
    405: "This site is read-only: use GET.",
}


def error_response(request: Request, status: int, message: str) -> Response:
    """The error as JSON (the one shape) or as a friendly HTML page, as the client asked."""
    detail = ErrorDetail(status, HTTPStatus(status).phrase, message)
    if wants_json(request):
        return JSONResponse(jsonable_encoder(ErrorBody(detail)), status)
    context = {
        **page_context(request, detail, detail.title),
        "query": request.query_params.get("q", ""),
    }
    return templates.TemplateResponse(request, "error.html", context, status)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    default = _DEFAULT_MESSAGES.get(exc.status_code, HTTPStatus(exc.status_code).phrase)
    message = exc.detail if exc.detail != HTTPStatus(exc.status_code).phrase else default
    return error_response(request, exc.status_code, _sentence(str(message)))


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = [_problem(e) for e in exc.errors()]
    message = "; ".join(problems) + ". Fix the address's query parameters and try again."
    return error_response(request, 422, message)


def _problem(error: dict[str, Any]) -> str:
    where = ".".join(str(part) for part in error.get("loc", ()) if part != "query")
    got = error.get("input")
    shown = f" (got {got!r})" if isinstance(got, str | int) else ""
    return f"{where}: {error.get('msg', 'invalid')}{shown}"


async def _pressgraph_error(request: Request, exc: Exception) -> Response:
    if isinstance(exc, NotFoundError):
        return error_response(request, 404, _sentence(str(exc)))
    if isinstance(exc, SearchSyntaxError):
        return error_response(request, 400, _sentence(str(exc)))
    log.error("pressgraph error on %s: %s", request.url.path, exc)
    return error_response(request, 500, _sentence(str(exc)))


async def _unexpected(request: Request, exc: Exception) -> Response:
    log.exception("unexpected error on %s", request.url.path, exc_info=exc)
    message = (
        f"Something went wrong while making this page ({type(exc).__name__}). "
        "The server log has the details; please report it with the address of this page."
    )
    return error_response(request, 500, message)


def _sentence(message: str) -> str:
    return message[:1].upper() + message[1:]


def install(app: FastAPI) -> None:
    """Route every kind of error through `error_response`."""
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(PressgraphError, _pressgraph_error)
    app.add_exception_handler(Exception, _unexpected)
