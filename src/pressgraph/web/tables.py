"""The `.csv` twin of every table page: the same view and query as the HTML and the JSON, with
the rows of its table as a CSV download (UTF-8 with a byte order mark, formula-safe cells:
`export/cells.py`).

A CSV twin holds every row the filters select, up to `CSV_ROWS`, not one page of them: a
view asks `page_size(request, default)` how many rows to read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from starlette.responses import Response

from pressgraph.export.cells import to_text
from pressgraph.store.pages import ClaimsPage, EntityList, EntityPage, EventList, SearchPage
from pressgraph.store.pages.entities import PostView

CSV_ROWS = 5000
SEARCH_ROWS = 1000  # each hit has a snippet: the search index's work grows with them

Rows = tuple[Sequence[str], list[Sequence[object]]]


def wants_csv(request: Request) -> bool:
    """The request is for a page's CSV twin."""
    return request.url.path.endswith(".csv")


def page_size(request: Request, default: int, most: int = CSV_ROWS) -> int:
    """How many rows a view reads: a page of them, or all (up to `most`) for the CSV twin."""
    return most if wants_csv(request) else default


def _ref(ref: Any) -> str | None:
    return ref.id if ref is not None else None


def _events(page: EventList, _table: str) -> Rows:
    header = (
        "id",
        "kind",
        "name",
        "title",
        "start",
        "end",
        "place",
        "format",
        "people",
        "organizations",
        "sources",
    )
    rows: list[Sequence[object]] = [
        (
            e.id,
            e.kind,
            e.name,
            e.title,
            e.start,
            e.end,
            _ref(e.place),
            e.format,
            e.people,
            e.organizations,
            e.sources,
        )
        for e in page.events
    ]
    return header, rows


def _claims(page: ClaimsPage, _table: str) -> Rows:
    header = (
        "id",
        "date",
        "figure",
        "low",
        "high",
        "approx",
        "unit",
        "subject",
        "subject_text",
        "speaker",
        "authority",
        "authority_text",
        "story",
        "start",
        "end",
        "text",
    )
    rows: list[Sequence[object]] = [
        (
            c.id,
            c.date,
            c.figure,
            c.low,
            c.high,
            c.approx,
            c.unit,
            _ref(c.subject),
            c.subject_text,
            _ref(c.speaker),
            _ref(c.authority),
            c.authority_text,
            c.story,
            c.start,
            c.end,
            c.text,
        )
        for c in page.claims
    ]
    return header, rows


def _entities(page: EntityList, _table: str) -> Rows:
    header = ("id", "kind", "name", "acronym", "rank", "aliases", "parent", "mentions")
    rows: list[Sequence[object]] = [
        (
            i.entity.id,
            i.entity.kind,
            i.entity.name,
            i.entity.acronym,
            i.entity.rank,
            list(i.entity.aliases),
            i.entity.parent,
            i.mentions,
        )
        for i in page.entities
    ]
    return header, rows


def _search(page: SearchPage, _table: str) -> Rows:
    header = ("story", "document", "date", "main", "title", "headline", "snippet")
    rows: list[Sequence[object]] = [
        (
            h.story,
            h.document,
            h.date,
            h.main,
            h.title,
            h.headline.text if h.headline else None,
            h.snippet.text if h.snippet else None,
        )
        for h in page.hits
    ]
    return header, rows


def _posts(page: EntityPage, table: str) -> Rows:
    chosen: tuple[PostView, ...] = page.posts if table == "posts" else page.officials
    header = (
        "person",
        "person_name",
        "title",
        "organization",
        "country",
        "first",
        "last",
        "seen",
        "evidence_story",
        "evidence",
    )
    rows: list[Sequence[object]] = []
    for p in chosen:
        first = p.evidence[0] if p.evidence else None
        rows.append(
            (
                _ref(p.person),
                p.person.name if p.person else None,
                p.title,
                _ref(p.organization),
                _ref(p.country),
                p.first,
                p.last,
                p.seen,
                first.story if first else None,
                first.text if first else None,
            )
        )
    return header, rows


TABLES: dict[type, Callable[[Any, str], Rows]] = {
    EventList: _events,
    ClaimsPage: _claims,
    EntityList: _entities,
    SearchPage: _search,
    EntityPage: _posts,
}


def csv_twin(request: Request, data: Any) -> Response:
    """The page's table as a CSV download named after the page."""
    path = request.url.path.removesuffix(".csv")
    table = path.rsplit("/", 1)[-1]
    header, rows = TABLES[type(data)](data, table)
    name = "-".join(p for p in path.replace(":", "-").replace("~", "-").split("/") if p)
    headers = {"Content-Disposition": f'attachment; filename="{name or "page"}.csv"'}
    return Response(to_text(header, rows), media_type="text/csv; charset=utf-8", headers=headers)


def csv_url(request: Request) -> str:
    """The address of this page's CSV twin: the same filters, without the page number."""
    path = request.url.path.removesuffix(".json").removesuffix(".csv")
    query = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != "page"])
    return f"{path}.csv?{query}" if query else f"{path}.csv"
