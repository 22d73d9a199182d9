"""Lines repeated across the pages of one site, counted as pages are stored.

A line that stands on most of a host's pages (a delegation block, a banner, a footer) is
furniture on that host; the cleaner removes it from the next pages of the host. Pages without
a host (local files) are not counted: nothing tells which site they come from.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from sqlalchemy import ColumnElement, Connection, Table, select, update

from pressgraph.records import Page
from pressgraph.store.schema import site_lines, site_pages

if TYPE_CHECKING:
    from pressgraph.store.db import Database

# A line is a host's furniture once it stood on at least this many of its pages ...
MIN_PAGES = 5
# ... and on at least this share of them (a sidebar item that rotates away is not).
MIN_SHARE = 0.6


def host_of(page: Page) -> str | None:
    """The site a page comes from: the host of its URL (without "www."), or None."""
    for address in (page.url, page.source):
        if address and address.startswith(("http://", "https://")):
            host = (urlsplit(address).hostname or "").lower()
            return host.removeprefix("www.") or None
    return None


def furniture_keys(db: Database, host: str) -> frozenset[str]:
    """Keys (clean.text.line_key) of the lines that are furniture on this host."""
    with db.read() as conn:
        pages = conn.execute(select(site_pages.c.pages).where(site_pages.c.host == host)).scalar()
        if not pages or pages < MIN_PAGES:
            return frozenset()
        least = max(MIN_PAGES, MIN_SHARE * pages)
        rows = conn.execute(
            select(site_lines.c.line_key).where(
                site_lines.c.host == host, site_lines.c.pages >= least
            )
        ).scalars()
        return frozenset(rows)


def count_page(conn: Connection, host: str, keys: Iterable[str]) -> None:
    """Count one more page of the host and each distinct line key it holds."""
    _bump(conn, site_pages, [site_pages.c.host == host], {"host": host})
    for key in set(keys):
        where = [site_lines.c.host == host, site_lines.c.line_key == key]
        _bump(conn, site_lines, where, {"host": host, "line_key": key})


def _bump(
    conn: Connection, table: Table, where: list[ColumnElement[bool]], row: dict[str, str]
) -> None:
    """Add one to a count row, or start it at one."""
    done = conn.execute(update(table).where(*where).values(pages=table.c.pages + 1))
    if done.rowcount == 0:
        conn.execute(table.insert().values(**row, pages=1))


def uncount_page(conn: Connection, host: str, keys: Iterable[str]) -> None:
    """Take back `count_page` for a page that is removed."""
    conn.execute(
        update(site_pages).where(site_pages.c.host == host).values(pages=site_pages.c.pages - 1)
    )
    for key in set(keys):
        conn.execute(
            update(site_lines)
            .where(site_lines.c.host == host, site_lines.c.line_key == key)
            .values(pages=site_lines.c.pages - 1)
        )
