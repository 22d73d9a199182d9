"""The entity pages: the list of entities with mention counts, and one entity's page.

One page serves every kind: a person's posts over time, events, statements and claims; an
organization's bodies, officials by date, events, relations and claims; and for every kind
the spellings seen and the entities most often mentioned in the same stories. Each list is
capped (the page says how many more there are), so a much-mentioned entity stays fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, get_args
from urllib.parse import quote

from sqlalchemy import Connection, RowMapping, distinct, func, or_, select

from pressgraph.errors import NotFoundError
from pressgraph.store.annotations import EntityRow
from pressgraph.store.db import Database
from pressgraph.store.entities import EntityCount, Seen, _sentence, find_entity, list_entities
from pressgraph.store.pages.common import (
    LIST_LIMIT,
    PARTS,
    ClaimView,
    EventCard,
    Ref,
    RelationView,
    StatementView,
    claim_views,
    count,
    event_cards,
    newest_events,
    parts_of,
    ref,
    refs,
    relation_views,
    statement_views,
)
from pressgraph.store.schema import (
    claims,
    entities,
    events,
    mentions,
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
_POST = (roles.c.person_id, roles.c.title, roles.c.organization_id, roles.c.country_id)


@dataclass(frozen=True)
class EntityList:
    """One page of entities, most mentioned first, filtered by kind and name."""

    kind: str | None
    query: str
    page: int
    page_size: int
    total: int
    pages: int
    entities: tuple[EntityCount, ...]


@dataclass(frozen=True)
class Evidence:
    """Where a post was seen: the story (None for a press signature), the phrase, the date."""

    story: str | None
    text: str
    date: str | None


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
class EntityPage:
    """One entity: names, place among organizations, posts, officials, events, words, links."""

    entity: EntityRow
    parent: Ref | None
    bodies: tuple[Ref, ...]
    mentions: int
    stories: int
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


def entity_list(
    db: Database, kind: str | None, query: str, page: int, size: int = ENTITY_PAGE_SIZE
) -> EntityList:
    """Entities of a kind whose name, a spelling or id contains `query`, most mentioned first."""
    found = list_entities(db, kind, query or None)
    pages = max(1, -(-len(found) // size))
    shown = tuple(found[(page - 1) * size : page * size])
    return EntityList(kind, query, page, size, len(found), pages, shown)


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
    total, in_stories = conn.execute(
        select(func.count(), func.count(distinct(mentions.c.story_id))).where(
            mentions.c.entity_id == eid
        )
    ).one()
    said = statements.c.speaker_id == eid
    # An organization's events, relations and claims include its bodies' (the CSTO organizes
    # through its Secretariat, and claims on the authority of its Joint Staff).
    own = [eid, *(b.id for b in bodies)]
    claimed = or_(
        claims.c.speaker_id.in_(own), claims.c.subject_id.in_(own), claims.c.authority_id.in_(own)
    )
    related = or_(relations.c.source_id.in_(own), relations.c.target_id.in_(own))
    attended, events_total = _attended(conn, own)
    people, orgs = _companions(conn, eid)
    return EntityPage(
        entity=entity,
        parent=ref(refs(conn, [entity.parent]), entity.parent),
        bodies=bodies,
        mentions=int(total),
        stories=int(in_stories),
        spellings=_spellings(conn, eid),
        posts=_posts(conn, roles.c.person_id == eid),
        officials=_posts(conn, or_(roles.c.organization_id == eid, roles.c.country_id == eid)),
        events=attended,
        events_total=events_total,
        statements=tuple(statement_views(conn, said, LIST_LIMIT)),
        statements_total=count(conn, select(statements.c.id).where(said)),
        claims=tuple(claim_views(conn, claimed, LIST_LIMIT)),
        claims_total=count(conn, select(claims.c.id).where(claimed)),
        relations=tuple(relation_views(conn, related, LIST_LIMIT)),
        relations_total=count(conn, select(relations.c.id).where(related)),
        people=people,
        organizations=orgs,
        seen=_seen(conn, eid),
    )


def _bodies(conn: Connection, entity_id: str) -> tuple[Ref, ...]:
    query = select(entities.c.id, entities.c.name, entities.c.kind).where(
        entities.c.parent_id == entity_id
    )
    return tuple(Ref(r.id, r.name, r.kind) for r in conn.execute(query.order_by(entities.c.name)))


def _spellings(conn: Connection, entity_id: str) -> tuple[Spelling, ...]:
    n = func.count().label("n")
    query = (
        select(mentions.c.text, n)
        .where(mentions.c.entity_id == entity_id)
        .group_by(mentions.c.text)
        .order_by(n.desc(), mentions.c.text)
        .limit(30)
    )
    return tuple(Spelling(r.text, int(r.n)) for r in conn.execute(query))


# --- posts held and officials ------------------------------------------------------------------


def _posts(conn: Connection, where: Any) -> tuple[PostView, ...]:
    """Posts grouped by (person, title, organization, country): dates seen and first evidence."""
    groups = list(
        conn.execute(
            select(
                *_POST,
                func.min(roles.c.date).label("first"),
                func.max(roles.c.date).label("last"),
                func.count().label("seen"),
            )
            .where(where)
            .group_by(*_POST)
        ).mappings()
    )
    evidence = _evidence(conn, where)
    names = refs(conn, (g[c.name] for g in groups for c in _POST if c.name != "title"))
    posts = [
        PostView(
            person=ref(names, g["person_id"]),
            title=g["title"],
            organization=ref(names, g["organization_id"]),
            country=ref(names, g["country_id"]),
            first=g["first"],
            last=g["last"],
            seen=int(g["seen"]),
            evidence=tuple(evidence.get(tuple(g[c.name] for c in _POST), ())),
        )
        for g in groups
    ]
    return tuple(
        sorted(posts, key=lambda p: (p.first or "", p.title, p.person.name if p.person else ""))
    )


def _evidence(conn: Connection, where: Any) -> dict[tuple[Any, ...], list[Evidence]]:
    """The first few phrases of each post (by date), read with one window query."""
    n = func.row_number().over(partition_by=_POST, order_by=(roles.c.date, roles.c.id))
    ranked = select(*_POST, roles.c.story_id, roles.c.text, roles.c.date, n.label("n"))
    inner = ranked.where(where).subquery()
    found: dict[tuple[Any, ...], list[Evidence]] = {}
    for r in conn.execute(
        select(inner).where(inner.c.n <= EVIDENCE).order_by(inner.c.n)
    ).mappings():
        key = tuple(r[c.name] for c in _POST)
        found.setdefault(key, []).append(Evidence(r["story_id"], r["text"], r["date"]))
    return found


# --- events, companions, mentions ---------------------------------------------------------------


def _attended(conn: Connection, own: list[str]) -> tuple[tuple[Attended, ...], int]:
    """The events the entities took part in (newest first, capped), with the strongest part."""
    order = (*PARTS, "place")
    best: dict[str, str] = {}
    found: list[tuple[str, str, str]] = [
        (r[0], r[1], r[2]) for r in conn.execute(parts_of(mentions.c.entity_id.in_(own)))
    ]
    found += [
        (r.id, r.chair_id, "chair" if r.chair_id in own else "place")
        for r in conn.execute(
            select(events.c.id, events.c.chair_id).where(
                or_(events.c.chair_id.in_(own), events.c.place_id.in_(own))
            )
        )
    ]
    for event_id, _, part in found:
        if event_id and (event_id not in best or order.index(part) < order.index(best[event_id])):
            best[event_id] = part
    query = newest_events(select(events)).where(events.c.id.in_(best))
    cards = event_cards(conn, query.limit(LIST_LIMIT))
    return tuple(Attended(c, best[c.id]) for c in cards), len(best)


def _companions(
    conn: Connection, entity_id: str
) -> tuple[tuple[Companion, ...], tuple[Companion, ...]]:
    """People and organizations mentioned in the most stories that also mention the entity."""
    in_stories = select(mentions.c.story_id).where(mentions.c.entity_id == entity_id).distinct()
    n = func.count(distinct(mentions.c.story_id)).label("n")
    query = (
        select(mentions.c.entity_id, entities.c.name, entities.c.kind, n)
        .join(entities, entities.c.id == mentions.c.entity_id)
        .where(
            mentions.c.story_id.in_(in_stories),
            mentions.c.entity_id != entity_id,
            entities.c.kind.in_(("person", "organization")),
        )
        .group_by(mentions.c.entity_id, entities.c.name, entities.c.kind)
        .order_by(n.desc(), entities.c.name)
    )
    found: dict[str, list[Companion]] = {"person": [], "organization": []}
    for r in conn.execute(query):
        found[r.kind].append(Companion(Ref(r.entity_id, r.name, r.kind), int(r.n)))
    return tuple(found["person"][:COMPANIONS]), tuple(found["organization"][:COMPANIONS])


def _seen(conn: Connection, entity_id: str) -> tuple[Seen, ...]:
    """The latest mentions of the entity, each with the sentence around it."""
    source = func.coalesce(stories.c.text, removed.c.text).label("source_text")
    rows = conn.execute(
        select(mentions.c.story_id, mentions.c.removed_id, mentions.c.start, mentions.c.end)
        .add_columns(mentions.c.text, source, stories.c.date)
        .outerjoin(stories, stories.c.id == mentions.c.story_id)
        .outerjoin(removed, removed.c.id == mentions.c.removed_id)
        .where(mentions.c.entity_id == entity_id)
        .order_by(stories.c.date.desc().nulls_last(), mentions.c.story_id, mentions.c.start)
        .limit(SEEN)
    ).mappings()
    return tuple(_seen_row(r) for r in rows)


def _seen_row(r: RowMapping) -> Seen:
    where = r["story_id"] or f"removed:{r['removed_id']}"
    return Seen(where, r["date"], r["text"], _sentence(r["source_text"], r["start"], r["end"]))
