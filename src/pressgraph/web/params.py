"""Query parameters the pages share: dates, kinds, entities and sort orders, as a form sends them.

A form sends an empty field as `name=`; that means "no filter", never a bad value. Dates are
written `2021`, `2021-06` or `2021-06-30`: a year or a month stands for all its days, so
`from=2021&to=2021` is the whole year. A date that is none of these, or a sort order a page
does not offer, is a 400 that says in plain words what to write instead. Kinds are closed
lists, so a wrong one is a 422 that names the allowed values.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

from fastapi import HTTPException, Query
from pydantic import BeforeValidator

from pressgraph.dayspan import span
from pressgraph.errors import SettingsError
from pressgraph.store.db import Database
from pressgraph.store.pages import Ref
from pressgraph.store.pages.entities import EntityKind as EntityKindName
from pressgraph.store.pages.entities import lookup
from pressgraph.store.pages.events import EventKind as EventKindName
from pressgraph.store.pages.listing import Sort


def blank_is_none(value: object) -> object:
    """An empty form field means no limit, not a bad value."""
    return None if value == "" else value


EntityKind = Annotated[EntityKindName | None, BeforeValidator(blank_is_none)]
EventKind = Annotated[EventKindName | None, BeforeValidator(blank_is_none)]
From = Annotated[
    str,
    Query(alias="from", max_length=40, description="Earliest date: YYYY, YYYY-MM or YYYY-MM-DD"),
]
To = Annotated[
    str, Query(alias="to", max_length=40, description="Latest date: YYYY, YYYY-MM or YYYY-MM-DD")
]
Undated = Annotated[
    bool, Query(description="Only the records without a date (what a date filter leaves out)")
]
EntityParam = Annotated[
    str,
    Query(max_length=200, description="An entity id (org:csto) or a name or spelling (Semerikov)"),
]
EntitiesParam = Annotated[
    list[str],
    Query(
        max_length=5,
        description="Entity ids or names, each of which must be involved (at most 5)",
    ),
]
SortParam = Annotated[
    str, Query(max_length=40, description="A column to sort by; `-` before it for descending")
]


def date_range(date_from: str, date_to: str) -> tuple[str | None, str | None]:
    """The range as ISO days (dayspan.py); a bad date or a reversed range is a 400 that says
    what to write."""
    try:
        return span(date_from, date_to)
    except SettingsError as exc:
        raise HTTPException(400, str(exc)) from None


def sort_order(value: str, allowed: Sequence[str], default: str) -> Sort:
    """The sort a page was asked for (`date`, `-date`), among the columns it offers."""
    value = value.strip() or default
    key = value.removeprefix("-")
    if key not in allowed:
        offered = ", ".join(allowed)
        raise HTTPException(
            400,
            f"sort: {value!r} is not a column of this table; sort by one of {offered} "
            "(put - before it for the largest or latest first)",
        )
    return Sort(key, value.startswith("-"))


def entity_ref(db: Database, name_or_id: str) -> Ref | None:
    """The entity a filter names (by id, name or spelling), or None for an empty filter."""
    name_or_id = name_or_id.strip()
    if not name_or_id:
        return None
    found = lookup(db, name_or_id)
    return Ref(found.id, found.name, found.kind)


def entity_refs(db: Database, names: Sequence[str]) -> tuple[Ref, ...]:
    """The entities filters name (empty fields left out, each entity once)."""
    found = (entity_ref(db, n) for n in names)
    return tuple({r.id: r for r in found if r is not None}.values())
