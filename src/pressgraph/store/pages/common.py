"""Pieces the page queries share: entity references, story cards, event cards, statements,
claims and relations as pages show them (with names, so a page needs no second lookup)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    RowMapping,
    Select,
    and_,
    bindparam,
    case,
    distinct,
    func,
    or_,
    select,
    true,
)

from pressgraph.store.entities import sentence_around
from pressgraph.store.judgements import kept
from pressgraph.store.pages.prepared import Prepared
from pressgraph.store.schema import (
    PART_ORDER,
    claims,
    entities,
    event_members,
    events,
    relations,
    statements,
    stories,
    story_events,
)

_PARAGRAPH = re.compile(r"[^\n]+")
TITLE_WIDTH = 90
LIST_LIMIT = 50  # rows of one kind a page shows before it says "and N more"
PARTS = (*PART_ORDER, "organizer")  # strongest first, as queries.py ranks them


@dataclass(frozen=True)
class Ref:
    """An entity as a page links to it: id, display name, kind ("unknown" if not resolved)."""

    id: str
    name: str
    kind: str


@dataclass(frozen=True)
class StoryCard:
    """A story in a list: enough to show it and link to it."""

    id: str
    document: str
    title: str  # the headline, or the first words of a story that has none
    headline: str | None
    date: str | None
    main: bool
    lead: str


@dataclass(frozen=True)
class EventCard:
    """An event in a list: what, when, where, how many took part and how many stories say so."""

    id: str
    kind: str
    name: str | None
    title: str  # the name, or "Meeting in Minsk" when the stories gave none
    start: str | None
    end: str | None
    place: Ref | None
    format: str | None
    people: int  # people taking part (chair, speakers, delegation heads, participants)
    organizations: int  # organizations and countries taking part (organizers not counted)
    sources: int


@dataclass(frozen=True)
class StatementView:
    """Who said what (quoted or reported), in which story, at which event."""

    id: int
    speaker: Ref | None
    story: str
    date: str | None
    event: str | None
    verb: str
    quote: bool
    text: str
    start: int
    end: int
    sentence: str = ""  # the sentences it is in: what hovering it on a timeline shows


@dataclass(frozen=True)
class ClaimView:
    """A figure claimed: the range and hedge, what it counts, who said it, on whose authority."""

    id: int
    story: str
    date: str | None
    low: float
    high: float
    approx: str
    unit: str | None
    figure: str  # "about 11,000", "20,000–30,000"
    subject: Ref | None
    subject_text: str | None
    speaker: Ref | None
    authority: Ref | None
    authority_text: str | None
    text: str
    start: int
    end: int
    sentence: str = ""  # the sentence it is in: what hovering the claim shows


@dataclass(frozen=True)
class RelationView:
    """A typed relation between two organizations, with the words that say so."""

    kind: str
    source: Ref | None
    target: Ref | None
    date: str | None
    story: str
    text: str
    start: int
    end: int
    sentence: str = ""


# --- entity references -------------------------------------------------------------------------


_REFS = select(entities.c.id, entities.c.name, entities.c.kind).where(
    entities.c.id.in_(bindparam("ids", expanding=True))
)


def refs(conn: Connection, ids: Iterable[str | None]) -> dict[str, Ref]:
    """Id -> Ref for the entities among `ids`; ids without an entity get their id as name."""
    wanted = sorted({i for i in ids if i})
    found: dict[str, Ref] = {}
    for chunk in (wanted[n : n + 500] for n in range(0, len(wanted), 500)):
        for row in conn.execute(_REFS, {"ids": chunk}):
            found[row.id] = Ref(row.id, row.name, row.kind)
    return {i: found.get(i, Ref(i, i, "unknown")) for i in wanted}


def ref(lookup: dict[str, Ref], entity_id: str | None) -> Ref | None:
    """The reference of `entity_id` in `lookup`, or None for no id."""
    return lookup.get(entity_id) if entity_id else None


# --- story cards -------------------------------------------------------------------------------


def paragraphs(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each non-empty line of `text`: the paragraphs of cleaned text."""
    return tuple(m.span() for m in _PARAGRAPH.finditer(text) if m.group().strip())


def shorten(text: str, width: int) -> str:
    """`text` on one line, cut at a word boundary to at most about `width` characters."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    return flat[:width].rsplit(" ", 1)[0] + " …"


def story_title(row: RowMapping) -> str:
    """A story's headline, or its first words when it has none."""
    return str(row["headline"] or shorten(row["text"], TITLE_WIDTH))


def card(row: RowMapping) -> StoryCard:
    """A stories row as a card."""
    return StoryCard(
        id=row["id"],
        document=row["document_id"],
        title=story_title(row),
        headline=row["headline"],
        date=row["date"],
        main=bool(row["main"]),
        lead=shorten(row["text"], 240),
    )


def annotated_id(conn: Connection, story_id: str) -> str:
    """The story whose annotations stand for this one: its first copy when it is a repeat."""
    query = select(stories.c.duplicate_of).where(stories.c.id == story_id)
    return str(conn.execute(query).scalar() or story_id)


# --- events ------------------------------------------------------------------------------------


def event_title(kind: str, name: str | None, place: Ref | None) -> str:
    """The event's name, or its kind and place when the stories did not name it."""
    if name:
        return name
    return f"{kind.capitalize()} in {place.name}" if place else kind.capitalize()


_TAKING_PART = (
    select(event_members.c.event_id, entities.c.kind)
    .outerjoin(entities, entities.c.id == event_members.c.entity_id)
    .where(
        event_members.c.event_id.in_(bindparam("ids", expanding=True)),
        event_members.c.part.in_(PART_ORDER),
    )
)
_SOURCES = (
    select(story_events.c.event_id, func.count(distinct(story_events.c.story_id)))
    .where(story_events.c.event_id.in_(bindparam("ids", expanding=True)))
    .group_by(story_events.c.event_id)
)


def event_cards(
    conn: Connection, query: Select[Any], params: Mapping[str, Any] | None = None
) -> list[EventCard]:
    """The events `query` selects (rows of `events`; `params` for its bind parameters), as
    cards with their counts."""
    rows = list(conn.execute(query, params).mappings())
    ids = [r["id"] for r in rows]
    people: Counter[str] = Counter()
    others: Counter[str] = Counter()
    for event_id, kind in conn.execute(_TAKING_PART, {"ids": ids}) if ids else ():
        (people if kind == "person" else others)[event_id] += 1
    sources: dict[str, int] = {
        r[0]: int(r[1]) for r in (conn.execute(_SOURCES, {"ids": ids}) if ids else ())
    }
    places = refs(conn, (r["place_id"] for r in rows))
    return [
        EventCard(
            id=r["id"],
            kind=r["kind"],
            name=r["name"],
            title=event_title(r["kind"], r["name"], ref(places, r["place_id"])),
            start=r["start"],
            end=r["end"],
            place=ref(places, r["place_id"]),
            format=r["format"],
            people=people[r["id"]],
            organizations=others[r["id"]],
            sources=sources.get(r["id"], 0),
        )
        for r in rows
    ]


def newest_events(query: Select[Any]) -> Select[Any]:
    """`query` (over `events`) ordered newest first, undated last."""
    return query.order_by(events.c.start.desc().nulls_last(), events.c.id)


def events_in(query: Select[Any], date_from: str | None, date_to: str | None) -> Select[Any]:
    """`query` (over `events`) limited to events overlapping the date range."""
    if not date_from and not date_to:
        return query
    return query.where(overlapping(date_from, date_to))


def overlapping(date_from: str | None, date_to: str | None) -> ColumnElement[bool]:
    """Events overlapping the date range. An event known only to the year or month of
    `date_from` ("2021", "2021-06") overlaps it too."""
    conditions: list[ColumnElement[bool]] = []
    if date_from:
        conditions.append(
            or_(
                events.c.end >= date_from,
                events.c.start >= date_from,
                events.c.start.in_((date_from[:4], date_from[:7])),
            )
        )
    if date_to:
        conditions.append(events.c.start <= date_to)
    return and_(true(), *conditions)


# --- statements, claims, relations ---------------------------------------------------------------

AROUND = 400  # characters read on each side of a fact, to find the sentence it is in


def around(start: Any, end: Any) -> tuple[Any, Any]:
    """SQL: the story text around a span (`start`, `end` columns of a fact joined to its
    story), and where that piece begins in the story: what `sentence_in` reads."""
    begin = case((start > AROUND, start - AROUND), else_=0)
    piece = func.substr(stories.c.text, begin + 1, end - begin + AROUND)
    return piece.label("around"), begin.label("around_at")


def sentence_in(row: RowMapping, start: int, end: int) -> str:
    """The sentence around a span, from the piece `around` read."""
    piece, at = row["around"], row["around_at"]
    return sentence_around(piece, start - at, end - at) if piece else ""


def latest(table: Any, where: Any, limit: int | None) -> Any:
    """`where`, kept to the `limit` rows stored last (an index walk, not a sort of them all)."""
    if limit is None:
        return where
    return table.c.id.in_(select(table.c.id).where(where).order_by(table.c.id.desc()).limit(limit))


def _facts(table: Any, *columns: Any, order: tuple[Any, ...]) -> Prepared[Select[Any]]:
    """The latest rows of a fact table matching a condition (kept, not rejected), with the
    piece of story text around each, in `order`: made once per condition and limit."""

    def build(where: Any, limit: int | None) -> Select[Any]:
        return (
            select(table, *columns, *around(table.c.start, table.c.end))
            .join(stories, stories.c.id == table.c.story_id)
            .where(latest(table, and_(where, kept(table)), limit))
            .order_by(*order)
        )

    return Prepared(build)


_STATEMENTS = _facts(
    statements,
    stories.c.date,
    order=(stories.c.date, statements.c.story_id, statements.c.start),
)
_CLAIMS = _facts(claims, order=(claims.c.date, claims.c.story_id, claims.c.start))
_RELATIONS = _facts(
    relations,
    func.substr(stories.c.text, relations.c.start + 1, relations.c.end - relations.c.start).label(
        "said"
    ),
    order=(relations.c.date, relations.c.id),
)


def statement_views(
    conn: Connection, where: Any, limit: int | None, params: Mapping[str, Any] | None = None
) -> list[StatementView]:
    """The latest statements matching `where`, in date and story order, with speakers' names.
    With `params`, `where` is a condition made once with those bind parameters."""
    rows = _STATEMENTS.rows(conn, where, limit, params=params)
    names = refs(conn, (r["speaker_id"] for r in rows))
    return [
        StatementView(
            id=r["id"],
            speaker=ref(names, r["speaker_id"]),
            story=r["story_id"],
            date=r["date"],
            event=r["event_id"],
            verb=r["verb"],
            quote=bool(r["quote"]),
            text=r["text"],
            start=r["start"],
            end=r["end"],
            sentence=sentence_in(r, r["start"], r["end"]),
        )
        for r in rows
    ]


def number(value: float) -> str:
    """A figure as people write it: 11,000; 1.6; 67.6."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}".rstrip("0")


def figure(low: float, high: float, approx: str) -> str:
    """The claimed figure in words: "about 11,000", "over 80", "20,000–30,000"."""
    if approx == "range" or low != high:
        return f"{number(low)}–{number(high)}"
    hedge = {"about": "about ", "over": "over ", "under": "under "}.get(approx, "")
    return hedge + number(low)


def claim_views(
    conn: Connection, where: Any, limit: int | None, params: Mapping[str, Any] | None = None
) -> list[ClaimView]:
    """The latest claims matching `where`, by date, with the names of whom they involve.
    With `params`, `where` is a condition made once with those bind parameters."""
    rows = _CLAIMS.rows(conn, where, limit, params=params)
    names = refs(
        conn,
        (r[c] for r in rows for c in ("speaker_id", "subject_id", "authority_id")),
    )
    return [_claim(r, names) for r in rows]


def _claim(r: RowMapping, names: dict[str, Ref]) -> ClaimView:
    return ClaimView(
        id=r["id"],
        story=r["story_id"],
        date=r["date"],
        low=r["low"],
        high=r["high"],
        approx=r["approx"],
        unit=r["unit"],
        figure=figure(r["low"], r["high"], r["approx"]),
        subject=ref(names, r["subject_id"]),
        subject_text=r["subject_text"],
        speaker=ref(names, r["speaker_id"]),
        authority=ref(names, r["authority_id"]),
        authority_text=r["authority"],
        text=r["text"],
        start=r["start"],
        end=r["end"],
        sentence=sentence_in(r, r["start"], r["end"]),
    )


def relation_views(
    conn: Connection, where: Any, limit: int | None, params: Mapping[str, Any] | None = None
) -> list[RelationView]:
    """The latest relations matching `where`, by date, with both sides' names and evidence.
    With `params`, `where` is a condition made once with those bind parameters."""
    rows = _RELATIONS.rows(conn, where, limit, params=params)
    names = refs(conn, (r[c] for r in rows for c in ("source_id", "target_id")))
    return [
        RelationView(
            kind=r["kind"],
            source=ref(names, r["source_id"]),
            target=ref(names, r["target_id"]),
            date=r["date"],
            story=r["story_id"],
            text=r["said"] or "",
            start=r["start"],
            end=r["end"],
            sentence=sentence_in(r, r["start"], r["end"]),
        )
        for r in rows
    ]


def count(conn: Connection, query: Select[Any]) -> int:
    """How many rows `query` selects."""
    return int(conn.execute(select(func.count()).select_from(query.subquery())).scalar() or 0)
