"""Queries over resolved entities: lists with mention counts, one entity with its evidence."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Connection, RowMapping, func, or_, select

from pressgraph.errors import NotFoundError
from pressgraph.store.annotations import EntityRow, _entity
from pressgraph.store.db import Database, fold, folded
from pressgraph.store.judgements import kept
from pressgraph.store.schema import (
    entities,
    entity_aliases,
    entity_counts,
    mentions,
    removed,
    roles,
    stories,
)


@dataclass(frozen=True)
class EntityCount:
    """An entity and how often it is mentioned."""

    entity: EntityRow
    mentions: int


@dataclass(frozen=True)
class Post:
    """A post a person held as the documents show it: first and last date seen, and evidence."""

    title: str
    organization: str | None  # entity ids
    country: str | None
    first: str | None
    last: str | None
    evidence: tuple[tuple[str, str, str | None], ...]  # (story id, phrase, date)


@dataclass(frozen=True)
class Seen:
    """One mention of an entity: where, and the sentence around it."""

    story: str
    date: str | None
    text: str
    context: str
    start: int = -1  # offsets of the mention: with `story`, how a split names it
    end: int = -1


@dataclass(frozen=True)
class EntityDetail:
    """Everything `pressgraph show` prints about one entity."""

    entity: EntityRow
    parent: EntityRow | None
    children: tuple[EntityRow, ...]
    posts: tuple[Post, ...]
    officials: tuple[tuple[str, Post], ...]  # (person id, post) for organizations and countries
    seen: tuple[Seen, ...]
    names: dict[str, str]  # entity id -> name, for ids the detail refers to


def list_entities(
    db: Database, kind: str | None = None, query: str | None = None
) -> list[EntityCount]:
    """Entities with mention counts, most mentioned first; filter by kind and by a part of
    any name (`names_match`)."""
    count = func.coalesce(entity_counts.c.mentions, 0)
    stmt = (
        select(entities, count.label("n"))
        .select_from(entities.outerjoin(entity_counts, entity_counts.c.entity_id == entities.c.id))
        .order_by(count.desc(), entities.c.name)
    )
    if kind:
        stmt = stmt.where(entities.c.kind == kind)
    if query:
        stmt = stmt.where(names_match(query))
    with db.read() as conn:
        return [EntityCount(_entity(r), r["n"]) for r in conn.execute(stmt).mappings()]


def names_match(query: str) -> ColumnElement[bool]:
    """Entities with `query` in a name: the name, any spelling the stories use, the acronym,
    the id, or any name the gazetteers know for it (English and Russian: "ОДКБ" is the CSTO,
    "Россия" is Russia). Case and accents do not matter ("pesko" finds Peško)."""
    wanted = fold(query.replace("\x00", "").strip())  # no name holds a NUL
    like = f"%{wanted}%"
    said = folded(entities.c.name + " " + entities.c.aliases + " " + entities.c.id)
    orgs, countries = known_names(wanted)
    return or_(
        said.like(like),
        entities.c.gazetteer_id.in_(orgs),
        entities.c.id.in_([f"country:{code}" for code in countries]),
    )


def known_names(wanted: str) -> tuple[list[str], list[str]]:
    """Gazetteer organizations and countries (ids, codes) with `wanted` (folded) in a name."""
    from pressgraph.nlp import gazetteer  # the gazetteers' data, not the spaCy pipeline

    orgs = [o.id for o in gazetteer.organizations().values() if _has(o.names, wanted)]
    countries = [
        c.code
        for c in gazetteer.countries().values()
        if _has((*c.forms, *c.names_ru, *c.adjectives), wanted)
    ]
    return orgs, countries


def all_names(entity: EntityRow) -> tuple[str, ...]:
    """Every name of an entity: its own, its spellings, and the gazetteers' for it."""
    from pressgraph.nlp import gazetteer

    known: tuple[str, ...] = ()
    if entity.gazetteer_id and entity.gazetteer_id in gazetteer.organizations():
        known = gazetteer.organizations()[entity.gazetteer_id].names
    elif entity.kind == "country":
        country = gazetteer.countries().get(entity.id.removeprefix("country:"))
        known = (*country.forms, *country.names_ru) if country else ()
    return (entity.name, *entity.aliases, *known)


def _has(names: Iterable[str], wanted: str) -> bool:
    return any(wanted in fold(n) for n in names)


def find_entity(db: Database, name_or_id: str) -> EntityRow:
    """One entity by id (or an id it had: see `aliases`), exact name or alias, or unique
    name substring."""
    if "\x00" in name_or_id:  # no name or id holds one (PostgreSQL refuses it as text)
        raise NotFoundError(f"no entity named {name_or_id!r}; try `pressgraph entities --query`")
    with db.read() as conn:
        now = conn.execute(
            select(entity_aliases.c.entity_id).where(entity_aliases.c.old_id == name_or_id)
        ).scalar()
        wanted = now or name_or_id
        row = conn.execute(select(entities).where(entities.c.id == wanted)).mappings().first()
        if row is not None:
            return _entity(row)
    candidates = list_entities(db, query=name_or_id)
    exact = [c for c in candidates if fold(name_or_id) in {fold(n) for n in all_names(c.entity)}]
    chosen = exact or candidates
    if len({c.entity.id for c in chosen}) == 1:
        return chosen[0].entity
    if not chosen:
        raise NotFoundError(f"no entity named {name_or_id!r}; try `pressgraph entities --query`")
    ids = ", ".join(c.entity.id for c in chosen[:8])
    raise NotFoundError(f"{name_or_id!r} names more than one entity ({ids}); give an id")


def entity_detail(db: Database, entity: EntityRow) -> EntityDetail:
    """The entity with its parent, bodies, posts over time, officials and mentions."""
    with db.read() as conn:
        parent_row = (
            conn.execute(select(entities).where(entities.c.id == entity.parent)).mappings().first()
            if entity.parent
            else None
        )
        children = conn.execute(
            select(entities).where(entities.c.parent_id == entity.id).order_by(entities.c.name)
        ).mappings()
        kids = tuple(_entity(r) for r in children)
        posts = _posts(conn, roles.c.person_id == entity.id)
        officials_rows = conn.execute(
            select(roles)
            .where(or_(roles.c.organization_id == entity.id, roles.c.country_id == entity.id))
            .where(kept(roles))
            .order_by(roles.c.date.nulls_last())
        ).mappings()
        officials = _officials(list(officials_rows))
        seen = _seen(conn, entity.id)
        ids = (
            {p.organization for p in posts}
            | {p.country for p in posts}
            | {pid for pid, _ in officials}
        )
        wanted = select(entities.c.id, entities.c.name).where(
            entities.c.id.in_([i for i in ids if i])
        )
        names = {str(r[0]): str(r[1]) for r in conn.execute(wanted)}
    parent = _entity(parent_row) if parent_row is not None else None
    return EntityDetail(entity, parent, kids, posts, officials, seen, names)


def _posts(conn: Connection, where: ColumnElement[bool]) -> tuple[Post, ...]:
    query = select(roles).where(where, kept(roles)).order_by(roles.c.date.nulls_last())
    rows = conn.execute(query).mappings()
    return _group_posts(list(rows))


def _group_posts(rows: list[RowMapping]) -> tuple[Post, ...]:
    groups: dict[tuple[str, str | None, str | None], list[RowMapping]] = {}
    for row in rows:
        key = (row["title"], row["organization_id"], row["country_id"])
        groups.setdefault(key, []).append(row)
    posts = []
    for (title, org, country), items in groups.items():
        dates = sorted(i["date"] for i in items if i["date"])
        evidence = tuple((_where(i), i["text"], i["date"]) for i in items)
        posts.append(
            Post(
                title,
                org,
                country,
                dates[0] if dates else None,
                dates[-1] if dates else None,
                evidence,
            )
        )
    return tuple(sorted(posts, key=lambda p: (p.first or "", p.title)))


def _officials(rows: list[RowMapping]) -> tuple[tuple[str, Post], ...]:
    by_person: dict[str, list[RowMapping]] = {}
    for row in rows:
        if row["person_id"]:
            by_person.setdefault(row["person_id"], []).append(row)
    return tuple(
        (person, post)
        for person, items in sorted(by_person.items())
        for post in _group_posts(items)
    )


def _where(row: RowMapping) -> str:
    """The story id of a row's evidence, or "removed:<id>" for a press signature."""
    return str(row["story_id"] or f"removed:{row['removed_id']}")


def _seen(conn: Connection, entity_id: str) -> tuple[Seen, ...]:
    text = func.coalesce(stories.c.text, removed.c.text).label("source_text")
    rows = conn.execute(
        select(
            mentions.c.story_id,
            mentions.c.removed_id,
            mentions.c.start,
            mentions.c.end,
            mentions.c.text,
            text,
            stories.c.date,
        )
        .outerjoin(stories, stories.c.id == mentions.c.story_id)
        .outerjoin(removed, removed.c.id == mentions.c.removed_id)
        .where(mentions.c.entity_id == entity_id)
        .order_by(stories.c.date.nulls_last(), mentions.c.story_id, mentions.c.start)
    ).mappings()
    return tuple(
        Seen(
            _where(r), r["date"], r["text"], sentence_around(r["source_text"], r["start"], r["end"])
        )
        for r in rows
    )


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence around a mention (by punctuation; the evidence, not a parse)."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return " ".join(text[left + 1 : right].split())
