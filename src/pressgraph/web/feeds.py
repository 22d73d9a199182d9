"""Atom feeds to follow the knowledge base: per entity, per event kind, per search.

- `/entities/{id}.atom`: the entity's events, posts held (for a person) or officials (for an
  organization or country), statements and claims: the same data as its page;
- `/events.atom?kind=...`: the newest events (with the events page's filters);
- `/search.atom?q=...`: the stories matching the search (its best `SEARCH_POOL`), newest first.

Entries are newest first, at most `FEED_SIZE`; each links to its evidence (the story that
says it; an event to its page and its first source). A fact known only to the month or the
year is dated to its first day; undated facts are left out (a feed entry needs a date).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Annotated
from xml.etree import ElementTree as ET

from fastapi import APIRouter, Query, Request
from sqlalchemy import select
from starlette.responses import RedirectResponse, Response

from pressgraph import __version__
from pressgraph.store.aliases import current_id
from pressgraph.store.pages import entity_page, search_page
from pressgraph.store.pages.common import event_cards, events_in, newest_events
from pressgraph.store.pages.entities import EntityPage
from pressgraph.store.pages.event_selection import events_involving
from pressgraph.store.schema import events
from pressgraph.web.errors import ERROR_RESPONSES
from pressgraph.web.marks import entity_url, event_url
from pressgraph.web.params import EntityParam, EventKind, From, To, date_range, entity_ref
from pressgraph.web.render import DB

router = APIRouter(tags=["feeds"])
ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50
SEARCH_POOL = 200
MEDIA = "application/atom+xml; charset=utf-8"


@dataclass(frozen=True)
class Entry:
    """One feed entry: a stable id, a title, a date, the evidence's address, a summary."""

    key: str
    title: str
    date: str
    link: str
    summary: str


def when(date: str | None) -> str | None:
    """An Atom date-time for an ISO date (2019 -> 2019-01-01T00:00:00Z), None if undated."""
    if not date:
        return None
    day = {4: f"{date}-01-01", 7: f"{date}-01"}.get(len(date), date[:10])
    try:
        return dt.date.fromisoformat(day).isoformat() + "T00:00:00Z"
    except ValueError:
        return None


def atom(request: Request, title: str, entries: Iterable[Entry]) -> Response:
    """The feed document: newest entries first, links made absolute."""
    base = str(request.base_url).rstrip("/")
    dated = [e for e in entries if when(e.date)]
    chosen = sorted(dated, key=lambda e: (when(e.date) or "", e.key), reverse=True)[:FEED_SIZE]
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "id", f"{base}{request.url.path}?{request.url.query}")
    _text(feed, "title", f"{title} · pressgraph")
    _text(feed, "updated", (when(chosen[0].date) if chosen else None) or "1970-01-01T00:00:00Z")
    _text(ET.SubElement(feed, f"{{{ATOM}}}author"), "name", "pressgraph")
    _text(feed, "generator", "pressgraph").set("version", __version__)
    page = request.url.path.removesuffix(".atom")
    query = f"?{request.url.query}" if request.url.query else ""
    _link(feed, base + page + query, "alternate", "text/html")
    _link(feed, str(request.url), "self", "application/atom+xml")
    for e in chosen:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "id", f"tag:pressgraph,2024:{e.key}")
        _text(entry, "title", e.title)
        _text(entry, "updated", when(e.date) or "")
        _link(entry, base + e.link, "alternate", "text/html")
        _text(entry, "summary", e.summary)
    body = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return Response(body, media_type=MEDIA)


def _text(parent: ET.Element, name: str, value: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{name}")
    element.text = value
    return element


def _link(parent: ET.Element, href: str, rel: str, kind: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}link", {"href": href, "rel": rel, "type": kind})


def entity_entries(page: EntityPage) -> list[Entry]:
    """The entity page's events, posts, statements and claims as entries."""
    found = []
    for a in page.events:
        title = f"{a.event.title} ({a.part.replace('_', ' ')})"
        about = f"{a.event.kind}, {a.event.sources} sources"
        found.append(
            Entry(f"event/{a.event.id}", title, a.event.start or "", event_url(a.event.id), about)
        )
    for p in (*page.posts, *page.officials):
        who = p.person.name if p.person else "someone"
        where = ", ".join(r.name for r in (p.organization, p.country) if r)
        for ev in p.evidence:
            link = f"/stories/{ev.story}" if ev.story else entity_url(page.entity.id)
            title = f"{who}: {p.title}{', ' + where if where else ''}"
            found.append(Entry(f"post/{ev.key or ev.text}", title, ev.date or "", link, ev.text))
    for s in page.statements:
        speaker = s.speaker.name if s.speaker else "someone"
        kind = "quote" if s.quote else s.verb
        found.append(Entry(f"statement/{s.story}#{s.start}-{s.end}", f"{speaker} ({kind})",
                           s.date or "", f"/stories/{s.story}", s.text))  # fmt: skip
    for c in page.claims:
        title = f"{c.figure} {c.unit or ''}".strip()
        found.append(Entry(f"claim/{c.story}#{c.start}-{c.end}", title, c.date or "",
                           f"/stories/{c.story}", c.text))  # fmt: skip
    return found


@router.get("/entities/{entity_id}.atom", responses=ERROR_RESPONSES, summary="Entity feed")
def entity_feed(request: Request, entity_id: str, db: DB) -> Response:
    """What is new about one entity: events, posts held, statements and claims."""
    into = current_id(db, entity_id)  # an id it had: the feed is at the id it has now
    if into is not None:
        return RedirectResponse(entity_url(into) + ".atom", status_code=301)
    page = entity_page(db, entity_id)
    return atom(request, page.entity.name, entity_entries(page))


@router.get("/events.atom", responses=ERROR_RESPONSES, summary="Events feed")
def events_feed(
    request: Request,
    db: DB,
    kind: Annotated[EventKind, Query(description="Only events of this kind")] = None,
    date_from: From = "",
    date_to: To = "",
    entity: EntityParam = "",
) -> Response:
    """The newest events of a kind (and the events page's other filters)."""
    start, end = date_range(date_from, date_to)
    query = events_in(select(events), start, end)
    if kind:
        query = query.where(events.c.kind == kind)
    who = entity_ref(db, entity)
    if who:
        query = query.where(events_involving(who.id))
    with db.read() as conn:
        cards = event_cards(conn, newest_events(query).limit(FEED_SIZE))
    entries = [
        Entry(f"event/{c.id}", c.title, c.start or "", event_url(c.id),
              f"{c.kind}; {c.people} people, {c.organizations} organizations; {c.sources} sources")
        for c in cards
    ]  # fmt: skip
    return atom(request, f"Events{': ' + kind if kind else ''}", entries)


@router.get("/search.atom", responses=ERROR_RESPONSES, summary="Search feed")
def search_feed(
    request: Request,
    db: DB,
    q: Annotated[str, Query(max_length=500, description="The search, as on /search")] = "",
    entity: EntityParam = "",
    kind: Annotated[EventKind, Query(description="Stories reporting an event of this kind")] = None,
) -> Response:
    """The stories matching a search, newest first."""
    found = search_page(
        db, q, date_from=None, date_to=None, entity=entity_ref(db, entity), kind=kind,
        page=1, page_size=SEARCH_POOL,
    )  # fmt: skip
    entries = [
        Entry(f"story/{h.story}", h.title, h.date or "", f"/stories/{h.story}",
              h.snippet.text if h.snippet else "")
        for h in found.hits
    ]  # fmt: skip
    return atom(request, f"Search: {found.query}" if found.query else "Newest stories", entries)
