"""Write and read what the annotation stage found (mentions, posts held) and resolved entities.

Re-running a stage replaces only its own rows: annotating a story again replaces that
story's mentions and roles; resolving again replaces every entity and entity link.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    RowMapping,
    bindparam,
    delete,
    func,
    select,
    true,
    update,
)

from pressgraph.records import (
    ANNOTATE_STAGE,
    RESOLVE_STAGE,
    Annotated,
    AnnotationFailure,
    Mention,
    Role,
)
from pressgraph.store.aliases import Alias, read_aliases, updated_aliases, write_aliases
from pressgraph.store.bulk import execute_many
from pressgraph.store.db import Database, record_row
from pressgraph.store.facts import delete_facts, write_facts
from pressgraph.store.jobs import settle
from pressgraph.store.schema import (
    annotated,
    annotation_errors,
    entities,
    mentions,
    pending_stages,
    removed,
    roles,
    stories,
)
from pressgraph.store.spellings import fill_spellings
from pressgraph.store.waiting import any_waiting, documents_waiting, signature_target


@dataclass(frozen=True)
class StoryText:
    """A text the annotation stage reads: a story, or a removed signature ("removed:<id>")."""

    id: str
    document: str
    text: str
    date: str | None
    removed: int | None = None
    anchor: str | None = None  # an undated story: the date of its nearest dated neighbour
    headline: str | None = None  # a headline stored apart from the story's text


def removed_target(removed_id: int) -> str:
    """The annotation target id of a removed piece of furniture."""
    return f"removed:{removed_id}"


def _columns(target: str) -> dict[str, object]:
    """story_id / removed_id values for a target id."""
    if target.startswith("removed:"):
        return {"story_id": None, "removed_id": int(target.removeprefix("removed:"))}
    return {"story_id": target, "removed_id": None}


@dataclass(frozen=True)
class StoredMention:
    """A mention row, with the entity resolution gave it."""

    id: int
    story: str
    document: str
    idx: int
    mention: Mention
    entity: str | None
    cluster: str | None = None  # the id its cluster had, before people's judgements
    block: str | None = None  # the key resolution blocked it under (None: not resolved yet)


@dataclass(frozen=True)
class StoredRole:
    """A role row, with the entities resolution gave its person, organization and country."""

    id: int
    role: Role
    person: str | None
    organization: str | None
    country: str | None


@dataclass(frozen=True)
class EntityRow:
    """An entity as resolution made it."""

    id: str
    kind: str
    name: str
    acronym: str | None
    parent: str | None
    rank: str | None
    aliases: tuple[str, ...]
    gazetteer_id: str | None


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def stories_to_annotate(
    db: Database, *, redo: bool = False, retry: bool = False
) -> list[StoryText]:
    """Stories and press signatures not annotated yet (all with `redo`), in document order
    (a page's signatures after its stories, so its job is annotated as soon as the page is);
    those that failed before only with `retry` (or `redo`)."""
    with db.read() as conn:
        # Only the pages with something to annotate are read: a new page in a large database
        # must not read every story, nor every annotated id (issue 10).
        pages = None if redo else documents_waiting(conn, retry)
        done = set() if redo else _done(conn, pages or [], retry)
        columns = (stories.c.id, stories.c.document_id, stories.c.date, stories.c.headline)
        rows = []
        for where in _of_pages(stories.c.document_id, pages):
            query = select(*columns).where(stories.c.duplicate_of.is_(None), where)
            rows += list(conn.execute(query.order_by(stories.c.document_id, stories.c.idx)))
        rows.sort(key=lambda r: r.document_id)  # slices in id order already; stable
        anchors = _neighbour_dates([(r.document_id, r.date) for r in rows])
        todo = [(r, anchor) for r, anchor in zip(rows, anchors, strict=True) if r.id not in done]
        texts = _texts(conn, stories, [r.id for r, _ in todo])
        found = [
            StoryText(
                r.id,
                r.document_id,
                texts[r.id],
                r.date,
                None,
                anchor,
                _apart(r.headline, texts[r.id]),
            )
            for r, anchor in todo
        ]
        found += _signatures(conn, done, pages)
    return sorted(found, key=lambda s: s.document)  # stable: stories and signatures in order


def _done(conn: Connection, pages: list[str], retry: bool) -> set[str]:
    """The targets of these documents' stories and signatures not to annotate again."""
    done: set[str] = set()
    tables = (annotated,) if retry else (annotated, annotation_errors)
    for n in range(0, len(pages), _SLICE):
        chunk = pages[n : n + _SLICE]
        targets = select(stories.c.id).where(stories.c.document_id.in_(chunk))
        signatures = select(signature_target()).where(
            removed.c.kind == "signature", removed.c.document_id.in_(chunk)
        )
        for table in tables:
            query = select(table.c.target).where(table.c.target.in_(targets.union(signatures)))
            done.update(conn.execute(query).scalars())
    return done


_SLICE = 500  # documents per query


def _of_pages(column: Any, pages: list[str] | None) -> Iterator[ColumnElement[bool]]:
    """Conditions on `column` for these documents, a slice at a time (None: every document,
    one condition that always holds)."""
    if pages is None:
        yield true()
        return
    for n in range(0, len(pages), _SLICE):
        yield column.in_(pages[n : n + _SLICE])


def _texts(conn: Connection, table: Any, ids: list[Any]) -> dict[Any, str]:
    """Id -> text of these rows of `table` (stories, removed), read in slices."""
    found: dict[Any, str] = {}
    for n in range(0, len(ids), 500):
        query = select(table.c.id, table.c.text).where(table.c.id.in_(ids[n : n + 500]))
        found.update((r[0], r[1]) for r in conn.execute(query))
    return found


def _apart(headline: str | None, text: str) -> str | None:
    """The headline when the story's text does not begin with it."""
    return headline if headline and not text.startswith(headline) else None


def _neighbour_dates(rows: list[tuple[str, str | None]]) -> list[str | None]:
    """For each undated story (document, date) in page order, the date of the nearest dated
    story of its page (the earlier one on a tie): items of one list share their year."""
    out: list[str | None] = []
    for _, group in groupby(rows, key=lambda r: r[0]):
        dates = [d for _, d in group]
        dated = [(i, d) for i, d in enumerate(dates) if d]
        for i, date in enumerate(dates):
            near = min(dated, key=lambda jd: (abs(jd[0] - i), jd[0]), default=None)
            out.append(None if date or near is None else near[1])
    return out


def _signatures(conn: Connection, done: set[str], pages: list[str] | None) -> list[StoryText]:
    """Signatures of press services (of these documents; None: all): they name a person and a
    post, dated like the page."""
    dates: dict[str, str | None] = {}
    rows: list[Any] = []
    for where in _of_pages(stories.c.document_id, pages):
        query = select(stories.c.document_id, stories.c.date).where(where)
        # the main story's date wins: it is read last
        dates.update((r.document_id, r.date) for r in conn.execute(
            query.order_by(stories.c.main, stories.c.idx)
        ))  # fmt: skip
    for where in _of_pages(removed.c.document_id, pages):
        query = select(removed.c.id, removed.c.document_id).where(
            removed.c.kind == "signature", where
        )
        rows += conn.execute(query.order_by(removed.c.document_id, removed.c.id)).all()
    rows.sort(key=lambda r: (r.document_id, r.id))
    todo = [r for r in rows if removed_target(r.id) not in done]
    texts = _texts(conn, removed, [r.id for r in todo])
    return [
        StoryText(removed_target(r.id), r.document_id, texts[r.id], dates.get(r.document_id), r.id)
        for r in todo
    ]


def write_annotations(conn: Connection, found: Annotated, model: str) -> None:
    """Inside the caller's transaction: one text's mentions, facts and job state, replacing
    earlier ones."""
    target = found.story
    where = _columns(target)
    if where["story_id"]:
        delete_facts(conn, target)
    value = where["story_id"] or where["removed_id"]
    before = _linked(
        conn, mentions.c.story_id if where["story_id"] else mentions.c.removed_id, value
    )
    for table in (roles, mentions):
        column = table.c.story_id if where["story_id"] else table.c.removed_id
        conn.execute(delete(table).where(column == value))
    again = conn.execute(delete(annotated).where(annotated.c.target == target)).rowcount
    if again:  # mentions were replaced, not only added: the next resolution is in full
        mark_pending(conn, "rebuild")
    rows = [
        {**_mention_row(i, m), **where, **before.get((m.start, m.end, m.kind), UNLINKED)}
        for i, m in enumerate(found.mentions)
    ]
    execute_many(conn, mentions.insert(), rows)
    execute_many(conn, roles.insert(), [{**_role_row(r), **where} for r in found.roles])
    if where["story_id"]:
        write_facts(conn, found)
    conn.execute(
        annotated.insert().values(target=target, stage=ANNOTATE_STAGE, model=model, at=_now())
    )
    conn.execute(delete(annotation_errors).where(annotation_errors.c.target == target))
    mark_pending(conn, "resolve")
    settle(conn, target)


UNLINKED: dict[str, object] = {"entity_id": None, "cluster_id": None}


def _linked(
    conn: Connection, column: ColumnElement[Any], value: object
) -> dict[tuple[int, int, str], dict[str, object]]:
    """The entity and cluster ids of a text's stored mentions by (start, end, kind): annotating
    it again keeps them, so resolution keeps its entities' ids (`annotate --redo`)."""
    query = select(
        mentions.c.start,
        mentions.c.end,
        mentions.c.kind,
        mentions.c.entity_id,
        mentions.c.cluster_id,
    ).where(column == value, mentions.c.entity_id.is_not(None))
    return {
        (r.start, r.end, r.kind): {"entity_id": r.entity_id, "cluster_id": r.cluster_id}
        for r in conn.execute(query)
    }


def pending_time() -> str:
    """Now, to the microsecond: when a stage became pending, or when a run of it began."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def mark_pending(conn: Connection, stage: str) -> None:
    """Remember that `stage` must run again (over what was written until now)."""
    since = pending_time()
    done = conn.execute(
        update(pending_stages).where(pending_stages.c.stage == stage).values(since=since)
    )
    if done.rowcount == 0:
        conn.execute(pending_stages.insert().values(stage=stage, since=since))


def clear_pending(db: Database, stage: str, *, began: str) -> None:
    """`stage` has run over everything written before `began` (`pending_time()` taken as the
    run started): anything another process wrote since leaves it pending."""
    with db.begin() as conn:
        conn.execute(
            delete(pending_stages).where(
                pending_stages.c.stage == stage, pending_stages.c.since <= began
            )
        )


def write_failure(conn: Connection, failure: AnnotationFailure) -> None:
    """Inside the caller's transaction: remember a text the annotation stage could not
    annotate or store (replacing an earlier reason)."""
    conn.execute(delete(annotation_errors).where(annotation_errors.c.target == failure.story))
    conn.execute(
        annotation_errors.insert().values(
            target=failure.story, stage=failure.stage, message=failure.message, at=_now()
        )
    )
    settle(conn, failure.story)


def list_failures(db: Database) -> list[tuple[str, AnnotationFailure]]:
    """Every story not annotated because of an error, oldest first, with when it failed."""
    with db.read() as conn:
        rows = conn.execute(
            select(annotation_errors).order_by(annotation_errors.c.at, annotation_errors.c.target)
        ).mappings()
        return [(r["at"], AnnotationFailure(r["target"], r["stage"], r["message"])) for r in rows]


def unfinished(db: Database) -> bool:
    """True when a story or signature waits for annotation, or resolution must run again."""
    with db.read() as conn:
        if conn.execute(select(pending_stages.c.stage).limit(1)).first() is not None:
            return True
        return any_waiting(conn)


def _mention_row(idx: int, m: Mention) -> dict[str, object]:
    rename = {"story": "", "parent": "parent_key"}
    return record_row(m, rename, idx=idx, stage=ANNOTATE_STAGE)


def _role_row(r: Role) -> dict[str, object]:
    rename = {
        "story": "",
        "person": "person_idx",
        "organization": "organization_idx",
        "country": "country_idx",
    }
    return record_row(r, rename, stage=ANNOTATE_STAGE)


def _target(row: RowMapping) -> str:
    return row["story_id"] or removed_target(row["removed_id"])


def all_mentions(db: Database) -> list[StoredMention]:
    """Every mention, text by text, with the document it is in."""
    with db.read() as conn:
        return read_mentions(conn, true())


def read_mentions(conn: Connection, where: ColumnElement[bool]) -> list[StoredMention]:
    """The mentions `where` selects, text by text, with the document each is in."""
    document = func.coalesce(stories.c.document_id, removed.c.document_id).label("document_id")
    query = (
        select(mentions, document)
        .outerjoin(stories, stories.c.id == mentions.c.story_id)
        .outerjoin(removed, removed.c.id == mentions.c.removed_id)
        .where(where)
        .order_by(
            mentions.c.story_id.nulls_last(), mentions.c.removed_id.nulls_last(), mentions.c.idx
        )
    )
    return [_stored_mention(r) for r in conn.execute(query).mappings()]


def _stored_mention(row: RowMapping) -> StoredMention:
    mention = Mention(
        story=_target(row),
        start=row["start"],
        end=row["end"],
        text=row["text"],
        kind=row["kind"],
        key=row["key"],
        name=row["name"],
        source=row["source"],
        rank=row["rank"],
        parent=row["parent_key"],
        refers_to=row["refers_to"],
    )
    return StoredMention(
        row["id"],
        _target(row),
        row["document_id"],
        row["idx"],
        mention,
        row["entity_id"],
        row["cluster_id"],
        row["block"],
    )


def all_roles(db: Database) -> list[StoredRole]:
    """Every role, in story order."""
    with db.read() as conn:
        rows = conn.execute(
            select(roles).order_by(
                roles.c.story_id.nulls_last(), roles.c.removed_id.nulls_last(), roles.c.start
            )
        ).mappings()
        return [_stored_role(r) for r in rows]


def _stored_role(row: RowMapping) -> StoredRole:
    role = Role(
        story=_target(row),
        person=row["person_idx"],
        title=row["title"],
        organization=row["organization_idx"],
        country=row["country_idx"],
        date=row["date"],
        start=row["start"],
        end=row["end"],
        text=row["text"],
    )
    return StoredRole(row["id"], role, row["person_id"], row["organization_id"], row["country_id"])


@dataclass(frozen=True)
class Links:
    """What resolution links: each mention's entity and its cluster's id (before people's
    judgements), each role's person, organization and country."""

    mentions: dict[int, str]
    clusters: dict[int, str]
    roles: dict[int, tuple[str | None, str | None, str | None]]
    blocks: dict[int, str] = field(default_factory=dict)


def replace_entities(
    db: Database, found: Iterable[EntityRow], links: Links, moved: dict[str, Alias]
) -> None:
    """Replace all entities, entity links and aliases in one transaction (resolution is
    global); `moved` are the ids that stopped being entities, as aliases."""
    with db.begin() as conn:
        conn.execute(delete(entities))
        rows = [_entity_row(e) for e in found]
        if rows:
            conn.execute(entities.insert(), rows)
        _link(conn, links)
        fill_spellings(conn)
        current = {str(r["id"]) for r in rows}
        write_aliases(conn, updated_aliases(read_aliases(conn), moved, current))


def _entity_row(e: EntityRow) -> dict[str, object]:
    return {
        "id": e.id,
        "kind": e.kind,
        "name": e.name,
        "acronym": e.acronym,
        "parent_id": e.parent,
        "rank": e.rank,
        "aliases": json.dumps(list(e.aliases), ensure_ascii=False),
        "gazetteer_id": e.gazetteer_id,
        "stage": RESOLVE_STAGE,
    }


def _link(conn: Connection, links: Links) -> None:
    conn.execute(update(mentions).values(entity_id=None, cluster_id=None, block=None))
    link_mentions(conn, links, links.mentions.keys() | links.clusters.keys() | links.blocks.keys())
    role_entities = links.roles
    if role_entities:
        stmt = (
            update(roles)
            .where(roles.c.id == bindparam("rid"))
            .values(
                person_id=bindparam("p"), organization_id=bindparam("o"), country_id=bindparam("c")
            )
        )
        conn.execute(
            stmt, [{"rid": k, "p": p, "o": o, "c": c} for k, (p, o, c) in role_entities.items()]
        )


def link_mentions(conn: Connection, links: Links, ids: Iterable[int]) -> None:
    """Write the entity, cluster id and blocking key `links` gives each mention of `ids`."""
    stmt = (
        update(mentions)
        .where(mentions.c.id == bindparam("mid"))
        .values(entity_id=bindparam("eid"), cluster_id=bindparam("cid"), block=bindparam("b"))
    )
    values = [
        {
            "mid": k,
            "eid": links.mentions.get(k),
            "cid": links.clusters.get(k),
            "b": links.blocks.get(k),
        }
        for k in sorted(ids)
    ]
    execute_many(conn, stmt, values)


def load_entities(db: Database) -> list[EntityRow]:
    """Every entity."""
    with db.read() as conn:
        rows = conn.execute(select(entities).order_by(entities.c.kind, entities.c.name))
        return [_entity(r) for r in rows.mappings()]


def _entity(row: RowMapping) -> EntityRow:
    return EntityRow(
        id=row["id"],
        kind=row["kind"],
        name=row["name"],
        acronym=row["acronym"],
        parent=row["parent_id"],
        rank=row["rank"],
        aliases=tuple(json.loads(row["aliases"])),
        gazetteer_id=row["gazetteer_id"],
    )
