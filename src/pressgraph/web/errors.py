"""One error shape for every error: `{"error": {"status", "title", "message"}}`, or a friendly page.

A single function (`error_response`) makes both forms, and every handler goes through it:
HTTP errors (404 for an unknown address, 405), validation errors of query parameters (400 for
a value out of range, 422 for one of the wrong type), pressgraph's own errors (a record not
found: 404; a search the index cannot parse or whose cost is not bounded: 400; a query over its
time budget, or no free connection: 503 with Retry-After) and anything unexpected (500, from
the `Unexpected` middleware, with the security headers and the connection kept).
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
from pressgraph.store.budget import QueryTimeoutError
from pressgraph.store.db import StoreBusyError
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
    for status in (400, 404, 422, 500, 503)
}
# Errors of pydantic that mean "a value out of the allowed range", answered 400.
_OUT_OF_RANGE = {
    "greater_than",
    "greater_than_equal",
    "less_than",
    "less_than_equal",
    "string_too_long",
    "string_too_short",
    "too_long",
}

_DEFAULT_MESSAGES = {
    404: "There is no page at this address. Start from the home page (/) or search at /search.",
    405: "This site is read-only: use GET (or HEAD).",
}


def error_response(
    request: Request, status: int, message: str, headers: dict[str, str] | None = None
) -> Response:
    """The error as JSON (the one shape) or as a friendly HTML page, as the client asked."""
    detail = ErrorDetail(status, HTTPStatus(status).phrase, message)
    if wants_json(request):
        return JSONResponse(jsonable_encoder(ErrorBody(detail)), status, headers)
    context = {
        **page_context(request, detail, detail.title),
        "query": request.query_params.get("q", ""),
    }
    return templates.TemplateResponse(request, "error.html", context, status, headers)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    default = _DEFAULT_MESSAGES.get(exc.status_code, HTTPStatus(exc.status_code).phrase)
    message = exc.detail if exc.detail != HTTPStatus(exc.status_code).phrase else default
    headers = dict(exc.headers) if exc.headers else None  # e.g. a 429's Retry-After
    return error_response(request, exc.status_code, _sentence(str(message)), headers)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = [_problem(e) for e in exc.errors()]
    message = "; ".join(problems) + ". Fix the address's query parameters and try again."
    ranges = all(e.get("type") in _OUT_OF_RANGE for e in exc.errors())
    return error_response(request, 400 if ranges else 422, message)


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
    if isinstance(exc, QueryTimeoutError | StoreBusyError):
        return error_response(request, 503, _sentence(str(exc)), {"Retry-After": "1"})
    log.error("pressgraph error on %s: %s", request.url.path, exc)
    return error_response(request, 500, _sentence(str(exc)))


async def unexpected(request: Request, exc: Exception) -> Response:
    """The 500 page for an exception nothing else handled (logged with its traceback)."""
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
