"""The claims page: figures claimed, filtered by unit and entity, for a table and a chart."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select, true

from pressgraph.store.db import Database
from pressgraph.store.judgements import kept
from pressgraph.store.pages.common import ClaimView, Ref, claim_views, count
from pressgraph.store.schema import claims

CLAIMS_LIMIT = 200  # the latest claims shown; narrow by unit or entity for older ones


@dataclass(frozen=True)
class UnitCount:
    """A unit claims count (militant, country, ton) and how many claims count it."""

    unit: str
    claims: int


@dataclass(frozen=True)
class ClaimsPage:
    """Claims (oldest first) of a unit and an entity; the unit charted; the units there are."""

    unit: str | None
    entity: Ref | None
    units: tuple[UnitCount, ...]  # most claimed first, within the entity filter
    total: int
    claims: tuple[ClaimView, ...]  # the latest CLAIMS_LIMIT, oldest first
    chart_unit: str | None  # the unit asked for, or the most claimed one


def claims_page(
    db: Database, *, unit: str | None, entity: Ref | None, limit: int = CLAIMS_LIMIT
) -> ClaimsPage:
    """Claims of `unit` made by, about or on the authority of `entity`, with units to pick."""
    about = (
        or_(
            claims.c.speaker_id == entity.id,
            claims.c.subject_id == entity.id,
            claims.c.authority_id == entity.id,
        )
        if entity
        else true()
    )
    about = about & kept(claims)
    where = about if unit is None else about & (claims.c.unit == unit)
    n = func.count().label("n")
    with db.read() as conn:
        units = tuple(
            UnitCount(r.unit, int(r.n))
            for r in conn.execute(
                select(claims.c.unit, n)
                .where(about, claims.c.unit.is_not(None))
                .group_by(claims.c.unit)
                .order_by(n.desc(), claims.c.unit)
            )
        )
        total = count(conn, select(claims.c.id).where(where))
        latest = select(claims.c.id).where(where).order_by(claims.c.date.desc().nulls_last())
        shown = claim_views(conn, claims.c.id.in_(latest.limit(limit)), None)
    chart = unit or (units[0].unit if units else None)
    return ClaimsPage(unit, entity, units, total, tuple(shown), chart)
