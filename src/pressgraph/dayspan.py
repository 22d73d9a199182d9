"""Dates as people write them in a filter: `2021`, `2021-06` or `2021-06-30`.

A year or a month stands for all its days: as the start of a range it is its first day, as
the end its last. Shared by the web pages' `from`/`to` and the CLI's `--from`/`--to`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from pressgraph.errors import SettingsError

_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
DATE_HELP = "write a date as YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2021, 2021-06 or 2021-06-30"


def day(value: str | None, *, last: bool, name: str = "date") -> str | None:
    """The ISO day a filter's date stands for (None for an empty one); an error that
    says how to write it otherwise (SettingsError)."""
    value = (value or "").strip()
    if not value:
        return None
    found = _DATE.fullmatch(value)
    try:
        if found is None:
            raise ValueError(value)
        year, month, number = found.group(1, 2, 3)
        if month is None:
            return f"{year}-12-31" if last else f"{year}-01-01"
        if number is None:
            days = calendar.monthrange(int(year), int(month))[1] if last else 1
            return dt.date(int(year), int(month), days).isoformat()
        return dt.date(int(year), int(month), int(number)).isoformat()
    except ValueError:
        raise SettingsError(
            f"the {name} date {value!r} is not a date pressgraph reads; {DATE_HELP}"
        ) from None


def span(date_from: str | None, date_to: str | None) -> tuple[str | None, str | None]:
    """A range of ISO days; a reversed one is a SettingsError that says to swap them."""
    start, end = day(date_from, last=False, name="from"), day(date_to, last=True, name="to")
    if start and end and start > end:
        raise SettingsError(
            f"the date range is reversed: from {date_from} is after to {date_to}; swap them"
        )
    return start, end
