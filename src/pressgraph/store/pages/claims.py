"""The claims page: figures claimed, filtered by unit, entity and dates, sorted by a column,
with facets (unit, year, the organizations and people who make them) and a chart."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, and_, func, or_, select, true

from pressgraph.store.db import Database
from pressgraph.store.judgements import kept
from pressgraph.store.pages.common import ClaimView, Ref, claim_views, refs
from pressgraph.store.pages.listing import FACET_VALUES, Facet, Sort, facet, ordered
from pressgraph.store.schema import claims, entities

CLAIMS_LIMIT = 100  # claims a page shows; the CSV twin has them all (up to 5,000)
CHART_CLAIMS = 200  # the latest claims of the charted unit drawn
SORTS = ("date", "figure", "unit", "speaker")
BY_DATE = Sort("date")


@dataclass(frozen=True)
class UnitCount:
    """A unit claims count (militant, country, ton) and how many claims count it."""

    unit: str
    claims: int


@dataclass(frozen=True)
class ClaimFilter:
    """What the claims page filters by."""

    unit: str | None = None
    entity: Ref | None = None
    date_from: str | None = None
    date_to: str | None = None
    undated: bool = False

    def about(self) -> ColumnElement[bool]:
        """Claims by, about or on the authority of the entity (every claim without one)."""
        if self.entity is None:
            return kept(claims)
        who = self.entity.id
        return and_(
            or_(
                claims.c.speaker_id == who,
                claims.c.subject_id == who,
                claims.c.authority_id == who,
            ),
            kept(claims),
        )

    def where(self, *, dates: bool = True, unit: bool = True) -> ColumnElement[bool]:
        """Every condition, with or without the dates and the unit."""
        found = [self.about()]
        if unit and self.unit is not None:
            found.append(claims.c.unit == self.unit)
        if self.undated:
            found.append(claims.c.date.is_(None))
        elif dates:
            if self.date_from:
                found.append(claims.c.date >= self.date_from)
            if self.date_to:
                found.append(claims.c.date <= self.date_to)
        return and_(true(), *found)


@dataclass(frozen=True)
class ClaimsPage:
    """One page of claims of a unit and an entity in a date range, sorted as asked; the
    units there are; the charted unit and its latest claims."""

    unit: str | None
    entity: Ref | None
    units: tuple[UnitCount, ...]  # most claimed first, within the entity filter
    total: int
    claims: tuple[ClaimView, ...]  # one page of them
    chart_unit: str | None  # the unit asked for, or the most claimed one
    date_from: str | None = None
    date_to: str | None = None
    undated: bool = False
    left_out: int | None = None  # undated claims the dates leave out (None: no date filter)
    sort: str = BY_DATE.param
    page: int = 1
    page_size: int = CLAIMS_LIMIT
    pages: int = 1
    facets: tuple[Facet, ...] = ()
    charted: tuple[ClaimView, ...] = field(default=())  # the latest claims of the chart unit


def claims_page(
    db: Database,
    *,
    unit: str | None,
    entity: Ref | None,
    limit: int = CLAIMS_LIMIT,
    where: ClaimFilter | None = None,
    sort: Sort = BY_DATE,
    page: int = 1,
) -> ClaimsPage:
    """Claims of `unit` made by, about or on the authority of `entity` (and in the dates of
    `where`), one page sorted as asked, with the units to pick and the chart's claims."""
    chosen = where or ClaimFilter(unit, entity)
    with db.read() as conn:
        sums = _sums(conn, chosen)
        ids = _sorted(select(claims.c.id).where(chosen.where()), sort)
        shown = _in_order(conn, ids.limit(limit).offset((page - 1) * limit))
        chart = chosen.unit or (sums.units[0].unit if sums.units else None)
        charted = _charted(conn, chosen, chart)
        facets = _facets(conn, sums)
    dated = (chosen.date_from or chosen.date_to) and not chosen.undated
    pages = max(1, -(-sums.total // limit))
    return ClaimsPage(
        chosen.unit, chosen.entity, sums.units, sums.total, shown, chart, chosen.date_from,
        chosen.date_to, chosen.undated, sums.undated if dated else None, sort.param, page,
        limit, pages, facets, charted,
    )  # fmt: skip


@dataclass(frozen=True)
class _Sums:
    """What one pass over the claims of the entity gives: the total, the undated ones, and
    the counts of the facets."""

    total: int
    undated: int
    units: tuple[UnitCount, ...]
    years: list[tuple[str, int]]
    speakers: list[tuple[str, int]]


def _sums(conn: Connection, where: ClaimFilter) -> _Sums:
    """Claims per unit (within the dates), per year (of the unit), per speaker (within both),
    the total and the undated ones: small GROUP BYs that walk the indexes on unit and date."""

    def grouped(column: Any, condition: ColumnElement[bool]) -> list[tuple[Any, int]]:
        query = select(column, func.count()).where(condition).group_by(column)
        return [(v, int(n)) for v, n in conn.execute(query)]

    units = grouped(claims.c.unit, where.where(unit=False))
    per_year: Counter[str] = Counter()
    missing = 0
    for date, n in grouped(claims.c.date, where.where(dates=False)):
        if date:
            per_year[date[:4]] += n
        else:
            missing += n
    speakers = grouped(claims.c.speaker_id, where.where())
    return _Sums(
        sum(n for _, n in speakers),
        missing,
        tuple(
            UnitCount(u, n) for u, n in sorted(units, key=lambda i: (-i[1], i[0])) if u is not None
        ),
        sorted(per_year.items(), reverse=True),
        sorted(((e, n) for e, n in speakers if e), key=lambda i: (-i[1], i[0])),
    )


def _sorted(query: Select[Any], sort: Sort) -> Select[Any]:
    speaker = select(entities.c.name).where(entities.c.id == claims.c.speaker_id).scalar_subquery()
    columns = {
        "date": claims.c.date,
        "figure": claims.c.low,
        "unit": claims.c.unit,
        "speaker": speaker,
    }
    return ordered(query, sort, columns, claims.c.date, claims.c.story_id, claims.c.start)


def _in_order(conn: Connection, ids: Select[Any]) -> tuple[ClaimView, ...]:
    """The claims `ids` selects, in its order."""
    order = [int(i) for i in conn.execute(ids).scalars()]
    views = {c.id: c for c in claim_views(conn, claims.c.id.in_(order), None)}
    return tuple(views[i] for i in order if i in views)


def _charted(conn: Connection, where: ClaimFilter, unit: str | None) -> tuple[ClaimView, ...]:
    """The latest claims of the charted unit within the other filters, oldest first."""
    if unit is None:
        return ()
    latest = (
        select(claims.c.id)
        .where(where.where(unit=False), claims.c.unit == unit)
        .order_by(claims.c.date.desc().nulls_last())
        .limit(CHART_CLAIMS)
    )
    return tuple(claim_views(conn, claims.c.id.in_(latest), None))


def _facets(conn: Connection, sums: _Sums) -> tuple[Facet, ...]:
    """Units (whatever the unit filter), years (whatever the dates), and who makes the
    claims selected: organizations and people."""
    names = refs(conn, (e for e, _ in sums.speakers))
    by_kind = {
        k: [(e, n) for e, n in sums.speakers if names[e].kind == k][:FACET_VALUES]
        for k in ("organization", "person")
    }
    labels = {e: r.name for e, r in names.items()}
    return (
        facet("unit", "What is counted", [(u.unit, u.claims) for u in sums.units[:12]], {}),
        facet("year", "Year", sums.years, {}),
        facet("entity", "Said by an organization", by_kind["organization"], labels),
        facet("entity", "Said by a person", by_kind["person"], labels),
    )
