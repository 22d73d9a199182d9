"""What every table page shares: the sort order, facets (counts of the values a filter can
take, within the other filters), and how many undated rows a date filter leaves out.

All of it is computed by the database (ORDER BY, GROUP BY, COUNT), never by reading the rows
into Python, so a table of a million rows sorts and facets as fast as its indexes allow; a page
reads one page of rows and a few small sums.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, func, select

FACET_VALUES = 8  # values a facet lists, most frequent first (years: all, newest first)


@dataclass(frozen=True)
class Sort:
    """A column to sort by, and the direction."""

    key: str
    descending: bool = False

    @property
    def param(self) -> str:
        """As the `sort` parameter writes it: `date`, or `-date` for descending."""
        return f"-{self.key}" if self.descending else self.key


@dataclass(frozen=True)
class FacetValue:
    """One value a filter can take, what it reads as, and how many rows have it."""

    value: str
    label: str
    count: int


@dataclass(frozen=True)
class Facet:
    """A filter's values with their counts: `param` is the query parameter a value sets
    (`year` sets both `from` and `to`; `entity` adds one more entity)."""

    param: str
    label: str
    values: tuple[FacetValue, ...]
    adds: bool = False  # a value is one more of a repeated parameter (`entity`), not a new one


def ordered(
    query: Select[Any], sort: Sort, columns: Mapping[str, Any], *tiebreak: Any
) -> Select[Any]:
    """`query` ordered by the sort's column (rows without a value last), then `tiebreak`."""
    column = columns[sort.key]
    first = column.desc() if sort.descending else column.asc()
    return query.order_by(first.nulls_last(), *tiebreak)


def value_counts(
    conn: Connection, query: Select[Any], limit: int | None = FACET_VALUES
) -> list[tuple[str, int]]:
    """(value, rows) of a query selecting one column of values per row, most rows first."""
    values = query.subquery()
    column = values.c[0]
    n = func.count().label("n")
    grouped = (
        select(column, n)
        .where(column.is_not(None))
        .group_by(column)
        .order_by(n.desc(), column)
        .limit(limit)
    )
    return [(str(v), int(c)) for v, c in conn.execute(grouped)]


def years(conn: Connection, dates: Select[Any]) -> Facet:
    """The year facet of a query selecting one date column: every year, newest first."""
    values = dates.subquery()
    year = func.substr(values.c[0], 1, 4).label("year")
    grouped = select(year, func.count()).where(values.c[0].is_not(None)).group_by(year)
    counted = sorted(((str(y), int(n)) for y, n in conn.execute(grouped)), reverse=True)
    return Facet("year", "Year", tuple(FacetValue(y, y, n) for y, n in counted))


def facet(
    param: str,
    label: str,
    counted: list[tuple[str, int]],
    names: Mapping[str, str],
    *,
    adds: bool = False,
) -> Facet:
    """A facet of values with counts, labelled by `names` (the value itself when missing)."""
    values = tuple(FacetValue(v, names.get(v, v), n) for v, n in counted)
    return Facet(param, label, values, adds)


def undated(conn: Connection, query: Select[Any], date: ColumnElement[Any]) -> int:
    """How many rows `query` (without its date filter) selects that have no date."""
    missing = query.where(date.is_(None)).subquery()
    return int(conn.execute(select(func.count()).select_from(missing)).scalar() or 0)
