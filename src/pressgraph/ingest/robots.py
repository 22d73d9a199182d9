"""robots.txt, respected for the pages a feed lists (RFC 9309).

A site's robots.txt is read once per run through the same guarded fetcher. As RFC 9309 says:
a robots.txt that is missing (any 4xx) allows everything; one that cannot be reached (5xx, a
network error, a timeout) disallows everything for this run, so the items are refused with that
reason and can be ingested later. `--ignore-robots` turns the check off.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from pressgraph.errors import InputError
from pressgraph.ingest.fetch import Fetcher
from pressgraph.ingest.guard import strip_credentials

ROBOTS_BYTES = 500_000  # RFC 9309 asks crawlers to read at least 500 KiB
ROBOTS_SECONDS = 10.0


class Robots:
    """Answers whether a page may be fetched, reading each site's robots.txt once."""

    def __init__(self, fetcher: Fetcher) -> None:
        self.fetcher = fetcher
        self.agent = fetcher.settings.user_agent.split("/", 1)[0]
        self.sites: dict[str, RobotFileParser | str] = {}

    def check(self, url: str) -> None:
        """Raise InputError("robots") when the site's robots.txt does not allow `url`."""
        parts = urlsplit(url)
        site = urlunsplit((parts.scheme, parts.netloc.rsplit("@", 1)[-1], "", "", ""))
        if site not in self.sites:
            self.sites[site] = self._read(site)
        rules = self.sites[site]
        shown = strip_credentials(url)
        if isinstance(rules, str):
            raise InputError(
                "robots",
                f"{shown}: {site}/robots.txt could not be read ({rules}), which counts as "
                "disallowing every page; try again later, or pass --ignore-robots",
            )
        if not rules.can_fetch(self.agent, url):
            raise InputError(
                "robots",
                f"{shown}: {site}/robots.txt does not allow {self.agent} to fetch this page; "
                "pass --ignore-robots if you have the site's permission",
            )

    def _read(self, site: str) -> RobotFileParser | str:
        """The parsed rules, or why they could not be read."""
        try:
            status, _kind, data = self.fetcher.get(
                f"{site}/robots.txt", ROBOTS_BYTES, ROBOTS_SECONDS
            )
        except InputError as exc:
            if exc.reason == "private_address":
                raise
            return exc.reason
        rules = RobotFileParser()
        if status >= 500:
            return f"HTTP {status}"
        rules.parse([] if status >= 400 else data.decode("utf-8", "replace").splitlines())
        return rules
