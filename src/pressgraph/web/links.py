"""Addresses of the same page with other parameters: sort by a column, pick a facet, go to a
page, drop a filter. Every link keeps the page's other filters, so paging and sorting never
lose them; changing anything but the page number goes back to page 1.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from urllib.parse import urlencode

from starlette.requests import Request

Value = str | int | bool | None
Link = Callable[..., str]


def url_with(
    request: Request, changes: Mapping[str, Value], add: Mapping[str, str] | None = None
) -> str:
    """This page's address (as HTML) with `changes` (None drops a parameter) and `add`
    (one more value of a parameter that repeats, such as `entity`)."""
    params = [(k, v) for k, v in request.query_params.multi_items() if v != ""]
    if "page" not in changes:
        changes = {**changes, "page": None}
    params = [(k, v) for k, v in params if k not in changes]
    params += [(k, _text(v)) for k, v in changes.items() if v is not None and v is not False]
    for key, value in (add or {}).items():
        if (key, value) not in params:
            params.append((key, value))
    path = request.url.path.removesuffix(".json").removesuffix(".csv")
    path = "/" if path == "/index" else path
    query = urlencode(params)
    return f"{path}?{query}" if query else path


def _text(value: Value) -> str:
    return "true" if value is True else str(value)


def linker(request: Request) -> Link:
    """`link(add=None, **changes)` for templates: `link(sort='-date')`, `link(page=3)`,
    `link({'entity': 'org:csto'})`."""

    def link(add: Mapping[str, str] | None = None, **changes: Value) -> str:
        return url_with(request, changes, add)

    return link


def without(request: Request, key: str, value: str) -> str:
    """This page's address without one value of a repeated parameter (a facet's ×)."""
    params = [
        (k, v) for k, v in request.query_params.multi_items() if (k, v) != (key, value) and v != ""
    ]
    params = [(k, v) for k, v in params if k != "page"]
    path = request.url.path.removesuffix(".json").removesuffix(".csv")
    query = urlencode(params)
    return f"{path}?{query}" if query else path
