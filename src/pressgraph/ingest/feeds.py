"""RSS and Atom feeds: the items an organization's news feed lists, each read as a page.

An item's page is its link, fetched like any URL (the feed's title and date fill what the page
lacks); an item without a link is read from the content the feed carries. The XML is parsed
with defusedxml, so a feed cannot expand entities or reach out for external ones.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from dataclasses import dataclass
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from pressgraph.errors import InputError

FEED_SUFFIXES = {".rss", ".atom", ".xml"}
# A feed's root element, after any XML declaration, stylesheets, comments and document type:
# <rss>, <feed> (Atom) or <rdf:RDF> (RSS 1.0).
_ROOT = re.compile(
    r"\A\ufeff?\s*(?:<\?xml[^>]*\?>\s*)?"
    r"(?:(?:<!--.*?-->|<\?xml-stylesheet[^>]*\?>|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>)\s*)*"
    r"<(?:rss|feed|rdf:RDF)[\s>]",
    re.S,
)
_ATOM = "{http://www.w3.org/2005/Atom}"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
_DC_DATE = "{http://purl.org/dc/elements/1.1/}date"


@dataclass(frozen=True)
class FeedItem:
    """One item of a feed: where its page is, its title and date, and any content it carries."""

    link: str | None
    title: str | None
    published: str | None  # ISO date
    content: str | None  # HTML or text, for an item without a link
    key: str  # the item's id (guid) or, failing that, its position: "item 3"


def is_feed(text: str) -> bool:
    """True when the text is an RSS or Atom document (judged by its root element)."""
    return bool(_ROOT.match(text[:4000]))


def parse_feed(text: str, where: str) -> list[FeedItem]:
    """The items of an RSS 2.0, RSS 1.0 or Atom feed, in the feed's order."""
    try:
        root = fromstring(text.encode("utf-8"))
    except (ParseError, DefusedXmlException) as exc:
        raise InputError(
            "bad_feed",
            f"{where}: not a readable RSS or Atom feed ({type(exc).__name__}: {exc}); "
            "check that the address is the feed itself",
        ) from exc
    entries = root.findall(f"{_ATOM}entry")
    if entries:
        items = [_atom_item(entry, n) for n, entry in enumerate(entries, start=1)]
    else:  # RSS 2.0 <item>s are in <channel>; RSS 1.0 ones beside it, namespaced
        found = [e for e in root.iter() if e.tag.rsplit("}", 1)[-1] == "item"]
        items = [_rss_item(item, n) for n, item in enumerate(found, start=1)]
    if not items:
        raise InputError("bad_feed", f"{where}: the feed lists no items; nothing to read")
    return items


def _text(element: Element | None) -> str | None:
    if element is None or element.text is None:
        return None
    return element.text.strip() or None


def _rss_item(item: Element, number: int) -> FeedItem:
    """An RSS <item> (2.0, or 1.0 whose children are namespaced)."""

    def child(name: str) -> Element | None:
        found = item.find(name)
        if found is None:  # RSS 1.0 puts its elements in the RSS namespace
            found = item.find(f"{{http://purl.org/rss/1.0/}}{name}")
        return found

    date = _text(child("pubDate")) or _text(item.find(_DC_DATE))
    return FeedItem(
        link=_text(child("link")),
        title=_text(child("title")),
        published=_date(date),
        content=_text(item.find(_CONTENT)) or _text(child("description")),
        key=_text(child("guid")) or f"item {number}",
    )


def _atom_item(entry: Element, number: int) -> FeedItem:
    """An Atom <entry>: its alternate link, title, published (or updated) date, content."""
    links = entry.findall(f"{_ATOM}link")
    alternate = [x for x in links if x.get("rel", "alternate") == "alternate"] or links
    date = _text(entry.find(f"{_ATOM}published")) or _text(entry.find(f"{_ATOM}updated"))
    return FeedItem(
        link=alternate[0].get("href") if alternate else None,
        title=_text(entry.find(f"{_ATOM}title")),
        published=_date(date),
        content=_text(entry.find(f"{_ATOM}content")) or _text(entry.find(f"{_ATOM}summary")),
        key=_text(entry.find(f"{_ATOM}id")) or f"item {number}",
    )


def _date(value: str | None) -> str | None:
    """The ISO date of an RFC 822 date (RSS) or an ISO 8601 timestamp (Atom, Dublin Core);
    None for a date that is neither: the page's own date may still be found."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError):
        return None
