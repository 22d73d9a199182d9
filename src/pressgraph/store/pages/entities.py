"""The entity pages: the list of entities with mention counts, and one entity's page.

One page serves every kind: a person's posts over time, events, statements and claims; an
organization's bodies, officials by date, events, relations and claims; and for every kind
the spellings seen and the entities most often mentioned in the same stories. Each list is
capped (the page says how many more there are), so a much-mentioned entity stays fast.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any, Literal, get_args
from urllib.parse import quote

from sqlalchemy import Connection, RowMapping, Select, and_, func, or_, select

from pressgraph.errors import NotFoundError
from pressgraph.store.annotations import EntityRow, _entity
from pressgraph.store.db import Database
from pressgraph.store.derived import attended
from pressgraph.store.entities import (
    EntityCount,
    Seen,
    find_entity,
    names_match,
    sentence_around,
)
from pressgraph.store.judgements import FactKey, Judgement, judgements_about, kept
from pressgraph.store.pages.common import (
    LIST_LIMIT,
    ClaimView,
    EventCard,
    Ref,
    RelationView,
    StatementView,
    around,
    claim_views,
    count,
    event_cards,
    newest_events,
    ref,
    refs,
    relation_views,
    sentence_in,
    statement_views,
)
from pressgraph.store.pages.listing import Facet, Sort, facet, ordered, value_counts
from pressgraph.store.pages.timeline import Timeline, entity_timeline
from pressgraph.store.schema import (
    MEMBER_ORDER,
    claims,
    entities,
    entity_counts,
    entity_stories,
    event_members,
    events,
    mentions,
    places,
    posts,
    relations,
    removed,
    roles,
    statements,
    stories,
)

EntityKind = Literal["person", "organization", "country", "place"]
KINDS: tuple[str, ...] = get_args(EntityKind)
ENTITY_PAGE_SIZE = 100
EVIDENCE = 3  # quotes shown for each post
COMPANIONS = 8  # people and organizations each, most often seen with the entity
SEEN = 10  # latest mentions shown in context
EVENTS_SHOWN = 20  # newest events shown; the events page lists them all
SAMPLE = 600  # latest mentions read for spellings and the latest mentions
SAMPLE_STORIES = 60  # of their stories, the latest read for companions and events
WITH_POSTS = ("person",)
WITH_OFFICIALS = ("organization", "country")
SORTS = ("mentions", "stories", "name", "kind")
BY_MENTIONS = Sort("mentions", descending=True)


@dataclass(frozen=True)
class EntityList:
    """One page of entities filtered by kind and name, sorted as asked, with the kinds."""

    kind: str | None
    query: str
    page: int
    page_size: int
    total: int
    pages: int
    entities: tuple[EntityCount, ...]
    sort: str = "-mentions"
    facets: tuple[Facet, ...] = ()


@dataclass(frozen=True)
class Evidence:
    """Where a post was seen: the story (None for a press signature), the phrase, the date."""

    story: str | None
    text: str
    date: str | None
    key: str = ""  # the phrase as a judgement names it (role:<story>#<start>-<end>)
    start: int = 0
    end: int = 0
    sentence: str = ""  # the sentence it is in (what hovering the phrase shows)
    document: str | None = None  # for a press signature: the document it was removed from


@dataclass(frozen=True)
class PostView:
    """A post held as the documents show it: who, what, where, first and last date seen."""

    person: Ref | None
    title: str
    organization: Ref | None
    country: Ref | None
    first: str | None
    last: str | None
    seen: int  # how many phrases say so
    evidence: tuple[Evidence, ...]  # the first few


@dataclass(frozen=True)
class Attended:
    """An event the entity took part in, and its strongest part there (or "place")."""

    event: EventCard
    part: str


@dataclass(frozen=True)
class Companion:
    """An entity often mentioned in the same stories, and in how many."""

    entity: Ref
    stories: int


@dataclass(frozen=True)
class Spelling:
    """A form of the name as the stories write it, and how often."""

    text: str
    count: int


@dataclass(frozen=True)
class Geo:
    """Where a place or country is (the gazetteer's name, country, coordinates)."""

    name: str
    country: Ref | None
    latitude: float
    longitude: float
    precision: str  # city | country (at its capital)


@dataclass(frozen=True)
class EntityPage:
    """One entity: names, place among organizations, posts, officials, events, words, links."""

    entity: EntityRow
    parent: Ref | None
    bodies: tuple[Ref, ...]
    mentions: int
    # Spellings, companions and the latest mentions are read from the stories of the latest
    # SAMPLE mentions: all of them for most entities, the latest ones for the busiest (the
    # CSTO is named 100,000 times in 10,000 stories). `sampled` is then how many stories.
    sampled: int | None
    spellings: tuple[Spelling, ...]
    posts: tuple[PostView, ...]  # held by a person, oldest first
    officials: tuple[PostView, ...]  # of an organization or country, oldest first
    events: tuple[Attended, ...]  # newest first
    events_total: int
    statements: tuple[StatementView, ...]
    statements_total: int
    claims: tuple[ClaimView, ...]  # made by it, about it, or on its authority
    claims_total: int
    relations: tuple[RelationView, ...]  # of it and its bodies (as are events and claims)
    relations_total: int
    people: tuple[Companion, ...]  # most often mentioned in the same stories
    organizations: tuple[Companion, ...]
    seen: tuple[Seen, ...]  # the latest mentions, in context
    # Judgements about it, oldest first: notes, merges, splits, facts of it rejected (issue 12).
    judgements: tuple[Judgement, ...] = ()
    geo: Geo | None = None  # a place's or country's coordinates
    places: tuple[Companion, ...] = ()  # a country's places, by the stories that name them
    # Posts, events, statements and claims above on one time line; officials as bars.
    timeline: Timeline | None = None


def entity_list(
    db: Database,
    kind: str | None,
    query: str,
    page: int,
    size: int = ENTITY_PAGE_SIZE,
    sort: Sort = BY_MENTIONS,
) -> EntityList:
    """Entities of a kind with `query` in any name (store/entities.py: `names_match`),
    sorted by name, kind, mentions or stories; one page of them, and how many of each kind."""
    count = func.coalesce(entity_counts.c.mentions, 0)
    in_stories = func.coalesce(entity_counts.c.stories, 0)
    base = select(entities.c.id).select_from(entities)
    if query:
        base = base.where(names_match(query))
    chosen = base.where(entities.c.kind == kind) if kind else base
    columns = {"name": entities.c.name, "kind": entities.c.kind, "mentions": count,
               "stories": in_stories}  # fmt: skip
    rows = ordered(
        select(entities, count.label("n"))
        .select_from(entities.outerjoin(entity_counts, entity_counts.c.entity_id == entities.c.id))
        .where(entities.c.id.in_(chosen)),
        sort,
        columns,
        entities.c.name,
        entities.c.id,
    )
    with db.read() as conn:
        total = int(conn.execute(select(func.count()).select_from(chosen.subquery())).scalar() or 0)
        shown = tuple(
            EntityCount(_entity(r), r["n"])
            for r in conn.execute(rows.limit(size).offset((page - 1) * size)).mappings()
        )
        kinds = value_counts(conn, select(entities.c.kind).where(entities.c.id.in_(base)), None)
    pages = max(1, -(-total // size))
    facets = (facet("kind", "Kind", kinds, {}),)
    return EntityList(kind, query, page, size, total, pages, shown, sort.param, facets)


def entity_page(db: Database, name_or_id: str) -> EntityPage:
    """The page of one entity, by id, exact name or spelling, or unique part of a name."""
    entity = lookup(db, name_or_id)
    with db.read() as conn:
        return _page(conn, entity)


def lookup(db: Database, name_or_id: str) -> EntityRow:
    """One entity by id, exact name or spelling, or unique part of a name (else a 404)."""
    try:
        return find_entity(db, name_or_id)
    except NotFoundError as exc:
        reason = str(exc).split(";", 1)[0]  # the CLI's advice after ";" does not apply here
        raise NotFoundError(
            f"{reason}; entity ids look like person:valery-semerikov or org:csto — "
            f"look the name up at /entities?q={quote(name_or_id)}"
        ) from exc


def _page(conn: Connection, entity: EntityRow) -> EntityPage:
    eid = entity.id
    bodies = _bodies(conn, eid)
    # An organization's events, relations and claims include its bodies' (the CSTO organizes
    # through its Secretariat, and claims on the authority of its Joint Staff).
    own = [eid, *(b.id for b in bodies)]
    counted = conn.execute(
        select(entity_counts.c.mentions, entity_counts.c.events).where(
            entity_counts.c.entity_id == eid
        )
    ).first()
    total, events_total = (int(counted[0]), int(counted[1])) if counted else (0, 0)
    latest = list(conn.execute(_latest(eid)).mappings())
    in_stories = list(dict.fromkeys(r["story_id"] for r in latest if r["story_id"]))
    sample = in_stories[:SAMPLE_STORIES]
    said = and_(statements.c.speaker_id == eid, kept(statements))
    claimed = and_(
        or_(
            claims.c.speaker_id.in_(own),
            claims.c.subject_id.in_(own),
            claims.c.authority_id.in_(own),
        ),
        kept(claims),
    )
    related = and_(
        or_(relations.c.source_id.in_(own), relations.c.target_id.in_(own)), kept(relations)
    )
    people, orgs = _companions(conn, eid, sample)
    held = _posts(conn, posts.c.person_id == eid) if entity.kind in WITH_POSTS else ()
    officials = _officials(conn, eid) if entity.kind in WITH_OFFICIALS else ()
    attended = _attended(conn, own)
    words = tuple(statement_views(conn, said, LIST_LIMIT))
    figures = tuple(claim_views(conn, claimed, LIST_LIMIT))
    return EntityPage(
        entity=entity,
        parent=ref(refs(conn, [entity.parent]), entity.parent),
        bodies=bodies,
        mentions=total,
        sampled=len(sample) if total > SAMPLE or len(in_stories) > SAMPLE_STORIES else None,
        spellings=_spellings(latest),
        posts=held,
        officials=officials,
        events=attended,
        events_total=events_total,
        statements=words,
        statements_total=count(conn, select(statements.c.id).where(said)),
        claims=figures,
        claims_total=count(conn, select(claims.c.id).where(claimed)),
        relations=tuple(relation_views(conn, related, LIST_LIMIT)),
        relations_total=count(conn, select(relations.c.id).where(related)),
        people=people,
        organizations=orgs,
        seen=_seen(conn, latest[:SEEN]),
        judgements=tuple(judgements_about(conn, eid)),
        geo=_geo(conn, eid) if entity.kind in ("place", "country") else None,
        places=_places_in(conn, eid) if entity.kind == "country" else (),
        timeline=entity_timeline(
            conn,
            eid,
            posts=held,
            officials=officials,
            events=attended,
            statements=words,
            claims=figures,
        ),
    )


def _geo(conn: Connection, entity_id: str) -> Geo | None:
    row = conn.execute(select(places).where(places.c.entity_id == entity_id)).mappings().first()
    if row is None:
        return None
    country = f"country:{row['country']}" if row["country"] else None
    named = refs(conn, [country])
    return Geo(
        row["name"], ref(named, country), row["latitude"], row["longitude"], row["precision"]
    )


def _places_in(conn: Connection, entity_id: str) -> tuple[Companion, ...]:
    """The places of a country on the map, by the stories that name them."""
    code = entity_id.removeprefix("country:")
    query = (
        select(places.c.entity_id, places.c.stories)
        .where(places.c.country == code, places.c.precision == "city")
        .order_by(places.c.stories.desc(), places.c.entity_id)
        .limit(LIST_LIMIT)
    )
    rows = list(conn.execute(query))
    names = refs(conn, (r[0] for r in rows))
    return tuple(Companion(names[r[0]], int(r[1])) for r in rows)


def _latest(entity_id: str) -> Select[Any]:
    """The entity's latest SAMPLE mentions (by when they were stored: the index's own order)."""
    return (
        select(
            mentions.c.story_id,
            mentions.c.removed_id,
            mentions.c.start,
            mentions.c.end,
            mentions.c.text,
        )
        .where(mentions.c.entity_id == entity_id)
        .order_by(mentions.c.id.desc())
        .limit(SAMPLE)
    )


def _bodies(conn: Connection, entity_id: str) -> tuple[Ref, ...]:
    query = select(entities.c.id, entities.c.name, entities.c.kind).where(
        entities.c.parent_id == entity_id
    )
    return tuple(Ref(r.id, r.name, r.kind) for r in conn.execute(query.order_by(entities.c.name)))


def _spellings(latest: list[RowMapping]) -> tuple[Spelling, ...]:
    found = Counter(r["text"] for r in latest)
    return tuple(Spelling(t, n) for t, n in sorted(found.items(), key=lambda i: (-i[1], i[0])))


# --- posts held and officials ------------------------------------------------------------------


def _officials(conn: Connection, entity_id: str) -> tuple[PostView, ...]:
    """The posts held in an organization or country, by whom, oldest first."""
    return _posts(conn, or_(posts.c.organization_id == entity_id, posts.c.country_id == entity_id))


def _posts(conn: Connection, where: Any) -> tuple[PostView, ...]:
    """Posts held (rows of the derived `posts` table), each with its first few phrases."""
    rows = list(conn.execute(select(posts).where(where)).mappings())
    shown = {r["id"]: [int(i) for i in r["evidence"].split()][:EVIDENCE] for r in rows}
    wanted = [i for ids in shown.values() for i in ids]
    phrases = select(
        roles.c.id, roles.c.story_id, roles.c.removed_id, roles.c.text, roles.c.date,
        roles.c.start, roles.c.end, *around(roles.c.start, roles.c.end), removed.c.document_id,
    ).outerjoin(stories, stories.c.id == roles.c.story_id).outerjoin(
        removed, removed.c.id == roles.c.removed_id
    )  # fmt: skip
    said = {
        r["id"]: Evidence(
            r["story_id"], r["text"], r["date"], _role_key(r), r["start"], r["end"],
            sentence_in(r, r["start"], r["end"]) if r["story_id"] else r["text"],
            r["document_id"],
        )
        for r in conn.execute(phrases.where(roles.c.id.in_(wanted))).mappings()
    }  # fmt: skip
    names = refs(conn, (r[c] for r in rows for c in ("person_id", "organization_id", "country_id")))
    views = [
        PostView(
            person=ref(names, r["person_id"]),
            title=r["title"],
            organization=ref(names, r["organization_id"]),
            country=ref(names, r["country_id"]),
            first=r["first"],
            last=r["last"],
            seen=r["seen"],
            evidence=tuple(said[i] for i in shown[r["id"]] if i in said),
        )
        for r in rows
    ]
    return tuple(
        sorted(views, key=lambda p: (p.first or "", p.title, p.person.name if p.person else ""))
    )


def _role_key(r: Any) -> str:
    where = r["story_id"] or f"removed:{r['removed_id']}"
    return str(FactKey("role", where, r["start"], r["end"]))


# --- events, companions, mentions ---------------------------------------------------------------


def _attended(conn: Connection, own: list[str]) -> tuple[Attended, ...]:
    """The newest events the entities took part in, chaired, organized or hosted (undated
    last), each with the strongest part any of them had."""
    newest: dict[str, str | None] = {}
    for entity_id in own:
        newest.update(_newest_of(conn, entity_id))
    # newest first, undated last; on one day the later id first, as _newest_of reads them
    chosen = sorted(newest, key=lambda e: (newest[e] is not None, newest[e] or "", e))
    chosen = chosen[::-1][:EVENTS_SHOWN]
    strongest = (
        select(event_members.c.event_id, func.min(event_members.c.rank))
        .where(event_members.c.entity_id.in_(own), event_members.c.event_id.in_(chosen))
        .group_by(event_members.c.event_id)
    )
    best = {str(e): MEMBER_ORDER[int(rank)] for e, rank in conn.execute(strongest)}
    cards = event_cards(conn, newest_events(select(events)).where(events.c.id.in_(chosen)))
    return tuple(Attended(c, best[c.id]) for c in cards)


def _newest_of(conn: Connection, entity_id: str) -> list[tuple[str, str | None]]:
    """(event, start) of the entity's EVENTS_SHOWN newest events: a backward walk of the
    `ix_event_members_attended` index, dated first (ordering by NULLS LAST, or by start
    backwards but event id forwards, would make SQLite sort every event of a busy entity)."""
    mine = select(event_members.c.event_id, event_members.c.start).where(
        event_members.c.entity_id == entity_id, attended()
    )
    dated = mine.where(event_members.c.start.is_not(None)).order_by(
        event_members.c.start.desc(), event_members.c.event_id.desc()
    )
    found = [(r[0], r[1]) for r in conn.execute(dated.limit(EVENTS_SHOWN))]
    if len(found) < EVENTS_SHOWN:
        undated = mine.where(event_members.c.start.is_(None)).order_by(
            event_members.c.event_id.desc()
        )
        found += [(r[0], None) for r in conn.execute(undated.limit(EVENTS_SHOWN - len(found)))]
    return found


def _companions(
    conn: Connection, entity_id: str, sample: list[str]
) -> tuple[tuple[Companion, ...], tuple[Companion, ...]]:
    """People and organizations mentioned in the most of the sampled stories of the entity."""
    query = (
        select(entity_stories.c.entity_id, func.count())
        .where(entity_stories.c.story_id.in_(sample), entity_stories.c.entity_id != entity_id)
        .group_by(entity_stories.c.entity_id)
    )
    counted: dict[str, int] = {r[0]: int(r[1]) for r in conn.execute(query)}
    names = refs(conn, counted)
    found: dict[str, list[Companion]] = {"person": [], "organization": []}
    for eid, stories_in in sorted(counted.items(), key=lambda i: (-i[1], names[i[0]].name)):
        if names[eid].kind in found:
            found[names[eid].kind].append(Companion(names[eid], int(stories_in)))
    return tuple(found["person"][:COMPANIONS]), tuple(found["organization"][:COMPANIONS])


def _seen(conn: Connection, latest: list[RowMapping]) -> tuple[Seen, ...]:
    """The latest mentions, each with the sentence around it."""
    in_stories = {r["story_id"] for r in latest if r["story_id"]}
    in_removed = {r["removed_id"] for r in latest if r["removed_id"]}
    texts = {
        r.id: (r.text, r.date)
        for r in conn.execute(
            select(stories.c.id, stories.c.text, stories.c.date).where(stories.c.id.in_(in_stories))
        )
    }
    texts.update(
        (f"removed:{r.id}", (r.text, None))
        for r in conn.execute(
            select(removed.c.id, removed.c.text).where(removed.c.id.in_(in_removed))
        )
    )
    return tuple(_seen_row(r, texts) for r in latest)


def _seen_row(r: RowMapping, texts: dict[str, tuple[str, str | None]]) -> Seen:
    where = r["story_id"] or f"removed:{r['removed_id']}"
    source, date = texts[where]
    context = sentence_around(source, r["start"], r["end"])
    return Seen(where, date, r["text"], context, r["start"], r["end"])
