"""The event pages: events by date, entity and kind, and one event with who took part."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import Response

from pressgraph.store.pages import EventList, EventPage, event_list, event_page
from pressgraph.store.pages.events import EVENT_PAGE_SIZE, SORTS
from pressgraph.web.errors import ERROR_RESPONSES
from pressgraph.web.judged import rejected_shown
from pressgraph.web.params import (
    EntitiesParam,
    EventKind,
    From,
    SortParam,
    To,
    Undated,
    date_range,
    entity_refs,
    sort_order,
)
from pressgraph.web.render import DB, Page, add_page, render, wants_json
from pressgraph.web.tables import page_size, wants_csv

router = APIRouter(tags=["pages"])
MAX_PAGE = 1000


def events(
    request: Request,
    db: DB,
    date_from: From = "",
    date_to: To = "",
    entity: EntitiesParam = [],  # noqa: B006 - FastAPI copies a list default per request
    kind: Annotated[EventKind, Query(description="Only events of this kind")] = None,
    undated: Undated = False,
    sort: SortParam = "",
    page: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Page of the list")] = 1,
) -> Response:
    """Events overlapping the date range, of a kind, with every entity named taking part;
    sorted by a column (`date`, `kind`, `name`, `place`, `sources`; `-` for descending)."""
    start, end = date_range(date_from, date_to)
    size = page_size(request, EVENT_PAGE_SIZE)
    found = event_list(
        db,
        date_from=start,
        date_to=end,
        entities=entity_refs(db, entity),
        kind=kind,
        undated=undated,
        sort=sort_order(sort, SORTS, SORTS[0]),
        page=1 if wants_csv(request) else page,
        size=size,
    )
    return render(request, Page("events.html", "Events", found))


def event(request: Request, event_id: str, db: DB) -> Response:
    """One event: kind, dates, place, format, chair, organizers, participants, statements."""
    with rejected_shown(request, wants_json(request)):
        found = event_page(db, event_id)
    return render(request, Page("event.html", found.event.title, found))


add_page(
    router,
    "/events",
    events,
    model=EventList,
    summary="Events",
    responses=ERROR_RESPONSES,
    csv=True,
)
add_page(
    router, "/events/{event_id}", event, model=EventPage, summary="Event", responses=ERROR_RESPONSES
)
