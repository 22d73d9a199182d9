"""One page, two forms: a view returns a dataclass; this renders it as HTML or as its JSON twin.

Every page is registered twice by `add_page`: `/x.json` (always JSON, documented in OpenAPI
with the dataclass as its schema) and `/x` (HTML, or JSON for `Accept: application/json`).
Both run the same view function, so they run the same query and show the same data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import parse_qsl

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from starlette.responses import Response
from starlette.templating import Jinja2Templates

from pressgraph import __version__
from pressgraph.store.db import Database
from pressgraph.store.judgements import FactKey, relation_extra
from pressgraph.store.pages.entities import KINDS as ENTITY_KINDS
from pressgraph.store.pages.entities import SAMPLE
from pressgraph.store.pages.events import FORMATS
from pressgraph.store.pages.events import KINDS as EVENT_KINDS
from pressgraph.store.search import MAX_PAGE
from pressgraph.web.chart import claim_chart
from pressgraph.web.curate import curator_of
from pressgraph.web.encode import plain
from pressgraph.web.judged import judged
from pressgraph.web.links import linker, url_with, without
from pressgraph.web.marks import entity_url, event_url, evidence_url, marked_html, story_marks
from pressgraph.web.tables import csv_twin, csv_url, wants_csv
from pressgraph.web.timeline import capped, left_out, officials_drawing, timeline_drawing

# The site's navigation: (label, address). An entry is the current page when the path and
# every query parameter it names match the request.
NAV: tuple[tuple[str, str], ...] = (
    ("Home", "/"),
    ("Search", "/search"),
    ("Documents", "/documents"),
    ("People", "/entities?kind=person"),
    ("Organizations", "/entities?kind=organization"),
    ("Events", "/events"),
    ("Network", "/network"),
    ("Map", "/map"),
    ("Claims", "/claims"),
)
HOME_JSON = "/index.json"  # the JSON twin of `/`, which has no name to put `.json` after


def _environment() -> Environment:
    # Autoescape on for every template: all document text reaches the page escaped.
    env = Environment(
        loader=PackageLoader("pressgraph.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # the templates are the package's: never changed while serving
    )
    env.globals.update(
        version=__version__,
        max_page=MAX_PAGE,
        story_marks=story_marks,
        marked_html=marked_html,
        claim_chart=claim_chart,
        timeline_drawing=timeline_drawing,
        officials_drawing=officials_drawing,
        left_out=left_out,
        capped=capped,
        entity_url=entity_url,
        event_url=event_url,
        evidence_url=evidence_url,
        formats=FORMATS,
        event_kinds=EVENT_KINDS,
        entity_kinds=ENTITY_KINDS,
        sample_size=SAMPLE,
        fact_key=fact_key,
    )
    return env


def fact_key(kind: str, item: Any) -> str:
    """The key a judgement names a shown fact by (statement, claim or relation view)."""
    extra = ""
    if kind == "relation":
        ends = [r.id if r is not None else None for r in (item.source, item.target)]
        extra = relation_extra(item.kind, *ends)
    return str(FactKey(kind, item.story, item.start, item.end, extra))


templates = Jinja2Templates(env=_environment())


def compile_templates() -> int:
    """Compile every template now (a server process does it once started), so that the first
    visitors of each page do not wait for it (20-100 ms a template). How many there are."""
    names = templates.env.list_templates(extensions=["html"])
    for name in names:
        templates.env.get_template(name)
    return len(names)


@dataclass(frozen=True)
class Page:
    """What a view made: the template to render, a title, and the data (a dataclass)."""

    template: str
    title: str
    data: Any
    status: int = 200


def database(request: Request) -> Database:
    """The application's database (a FastAPI dependency)."""
    db: Database = request.app.state.db
    return db


DB = Annotated[Database, Depends(database)]


def wants_json(request: Request) -> bool:
    """JSON for `/x.json`, or when the client's first choice in `Accept` is JSON."""
    if request.url.path.endswith(".json"):
        return True
    accept = request.headers.get("accept", "")
    return accept.split(",")[0].split(";")[0].strip().lower() == "application/json"


def json_url(request: Request) -> str:
    """The address of this page's JSON twin (keeping the query string)."""
    path = request.url.path
    twin = HOME_JSON if path == "/" else path if path.endswith(".json") else path + ".json"
    return f"{twin}?{request.url.query}" if request.url.query else twin


def html_url(request: Request) -> str:
    """The address of this page as HTML (keeping the query string)."""
    path = request.url.path
    plain = "/" if path == HOME_JSON else path.removesuffix(".json")
    return f"{plain}?{request.url.query}" if request.url.query else plain


def navigation(request: Request) -> list[tuple[str, str, bool]]:
    """The site's navigation as (label, address, is the current page)."""
    return [(label, href, _is_here(request, href)) for label, href in NAV]


def _is_here(request: Request, href: str) -> bool:
    path, _, query = href.partition("?")
    asked = dict(parse_qsl(query))
    plain = "/" if request.url.path == HOME_JSON else request.url.path.removesuffix(".json")
    here = {k: v for k, v in request.query_params.items() if k in asked}
    return plain == path and here == asked


def page_context(request: Request, data: Any, title: str) -> dict[str, Any]:
    """What every template gets: the data, the title, the JSON and CSV twins' addresses,
    navigation, the curator (None unless `serve --curate` and logged in), and the judgements
    shown beside the facts (notes; rejections for curators)."""
    return {
        "page": data,
        "title": title,
        "json_url": json_url(request),
        "csv_url": csv_url(request),
        "path": request.url.path,
        "nav": navigation(request),
        "curator": curator_of(request),
        "judged": judged(request),
        "link": linker(request),
        "params": url_with(request, {}).partition("?")[2],
        "unlink": lambda key, value: without(request, key, value),
    }


def render(request: Request, page: Page) -> Response:
    """The page as JSON (the encoded dataclass) or as HTML (its template), as asked."""
    headers = {"Vary": "Accept"}
    if wants_csv(request):
        return csv_twin(request, page.data)
    if wants_json(request):
        return JSONResponse(plain(page.data), page.status, headers)
    context = page_context(request, page.data, page.title)
    return templates.TemplateResponse(request, page.template, context, page.status, headers)


def add_page(
    router: APIRouter,
    path: str,
    view: Callable[..., Response],
    *,
    model: type[Any],
    summary: str,
    responses: dict[int | str, dict[str, Any]] | None = None,
    csv: bool = False,
) -> None:
    """Register `view` at `path` (HTML or JSON), at its JSON twin (in the OpenAPI schema) and,
    for a table page, at its CSV twin `path.csv`."""
    twin = HOME_JSON if path == "/" else path + ".json"
    # The twin goes first: `/stories/{id}` would otherwise also match `/stories/x.json`.
    router.add_api_route(
        twin,
        view,
        methods=["GET"],
        response_model=model,
        summary=summary,
        responses=responses,
        name=f"{view.__name__}_json",
    )
    router.add_api_route(
        twin, view, methods=["HEAD"], include_in_schema=False, name=f"{view.__name__}_json_head"
    )
    if csv:
        router.add_api_route(path + ".csv", view, methods=["GET"], include_in_schema=False)
    router.add_api_route(
        path, view, methods=["GET", "HEAD"], include_in_schema=False, name=view.__name__
    )
