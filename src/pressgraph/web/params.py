"""Query parameters the pages share: dates, kinds and entities, as a form sends them.

A form sends an empty field as `name=`; that means "no filter", never a bad value. Kinds are
closed lists, so a wrong one is a 422 that names the allowed values.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import HTTPException, Query
from pydantic import BeforeValidator

from pressgraph.store.db import Database
from pressgraph.store.pages import Ref
from pressgraph.store.pages.entities import EntityKind as EntityKindName
from pressgraph.store.pages.entities import lookup
from pressgraph.store.pages.events import EventKind as EventKindName


def blank_is_none(value: object) -> object:
    """An empty form field means no limit, not a bad value."""
    return None if value == "" else value


Day = Annotated[dt.date | None, BeforeValidator(blank_is_none)]
EntityKind = Annotated[EntityKindName | None, BeforeValidator(blank_is_none)]
EventKind = Annotated[EventKindName | None, BeforeValidator(blank_is_none)]
From = Annotated[Day, Query(alias="from", description="Earliest date (YYYY-MM-DD)")]
To = Annotated[Day, Query(alias="to", description="Latest date (YYYY-MM-DD)")]
EntityParam = Annotated[
    str,
    Query(max_length=200, description="An entity id (org:csto) or a name or spelling (Semerikov)"),
]


def date_range(date_from: dt.date | None, date_to: dt.date | None) -> tuple[str | None, str | None]:
    """The range as ISO strings; a reversed range is a 400 that says to swap the dates."""
    if date_from and date_to and date_from > date_to:
        raise HTTPException(
            400, f"the date range is reversed: from {date_from} is after to {date_to}; swap them"
        )
    return (
        date_from.isoformat() if date_from else None,
        date_to.isoformat() if date_to else None,
    )


def entity_ref(db: Database, name_or_id: str) -> Ref | None:
    """The entity a filter names (by id, name or spelling), or None for an empty filter."""
    name_or_id = name_or_id.strip()
    if not name_or_id:
        return None
    found = lookup(db, name_or_id)
    return Ref(found.id, found.name, found.kind)
