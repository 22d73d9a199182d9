"""Queries behind the web pages: what each page shows, read in as few queries as it needs.

One module per page type (as in web/views/). Each page function returns one frozen
dataclass; the web view renders it as HTML and its JSON twin is the same dataclass encoded,
so a page and its `.json` always agree. Lists are capped, so a page stays fast on a large
knowledge base; each says how many rows there are in all.
"""

from __future__ import annotations

from pressgraph.store.pages.claims import ClaimsPage, claims_page
from pressgraph.store.pages.common import Ref, StoryCard, paragraphs, shorten
from pressgraph.store.pages.entities import EntityList, EntityPage, entity_list, entity_page
from pressgraph.store.pages.events import EventList, EventPage, event_list, event_page
from pressgraph.store.pages.home import Counts, HomePage, home_page
from pressgraph.store.pages.network import NetworkPage, network_page
from pressgraph.store.pages.search import SearchPage, search_page
from pressgraph.store.pages.stories import (
    DocumentPage,
    StoryPage,
    document_page,
    document_source,
    story_page,
)

__all__ = [
    "ClaimsPage",
    "Counts",
    "DocumentPage",
    "EntityList",
    "EntityPage",
    "EventList",
    "EventPage",
    "HomePage",
    "NetworkPage",
    "Ref",
    "SearchPage",
    "StoryCard",
    "StoryPage",
    "claims_page",
    "document_page",
    "document_source",
    "entity_list",
    "entity_page",
    "event_list",
    "event_page",
    "home_page",
    "network_page",
    "paragraphs",
    "search_page",
    "shorten",
    "story_page",
]
