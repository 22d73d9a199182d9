"""The story and document pages: a story's text with its facts marked, a document's stories.

A story's mentions, posts held, statements, claims and relations are read with it, as spans
(start, end) into its text; the web page marks them, escaping every piece of text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import BindParameter, Connection, RowMapping, bindparam, select

from pressgraph.errors import NotFoundError
from pressgraph.records import Removed
from pressgraph.store.db import Database
from pressgraph.store.judgements import kept
from pressgraph.store.pages.common import (
    ClaimView,
    EventCard,
    Ref,
    RelationView,
    StatementView,
    StoryCard,
    card,
    claim_views,
    event_cards,
    newest_events,
    paragraphs,
    ref,
    refs,
    relation_views,
    statement_views,
    story_title,
)
from pressgraph.store.pages.documents import document_title, main_headline, shown_source
from pressgraph.store.pages.prepared import Prepared
from pressgraph.store.schema import (
    claims,
    documents,
    events,
    mentions,
    relations,
    removed,
    roles,
    statements,
    stories,
    story_events,
)

_WEB = re.compile(r"https?://", re.IGNORECASE)


@dataclass(frozen=True)
class StoryBody:
    """A story with its text cut into paragraphs ((start, end) offsets into `text`)."""

    id: str
    document: str
    index: int
    title: str
    headline: str | None
    date: str | None
    date_source: str | None
    main: bool
    start: int  # offsets of the story in the document's cleaned text
    end: int
    text: str
    paragraphs: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class DocumentInfo:
    """Where a document came from and when; no text."""

    id: str
    title: str  # the page's title, else its main story's headline (never a file path)
    source: str  # as shown: the web address, or the path relative to what was ingested
    url: str | None
    link: str | None  # the url when it is http(s): the only kind a page may link to
    published: str | None
    language: str | None
    format: str
    version: int
    fetched_at: str
    content_hash: str
    story_count: int
    image_count: int


@dataclass(frozen=True)
class MentionMark:
    """A mention in the story: its span, what kind of name it is, and the entity it names."""

    start: int
    end: int
    text: str
    kind: str
    entity: Ref | None  # None when resolution left it unlinked


@dataclass(frozen=True)
class RoleMark:
    """A post held, as the story says it: the title-and-name phrase and who and where."""

    start: int
    end: int
    title: str
    person: Ref | None
    organization: Ref | None
    country: Ref | None


@dataclass(frozen=True)
class StoryFacts:
    """What annotation found in a story, as spans of its text, and the events it reports."""

    entities: tuple[Ref, ...]  # in order of first mention
    mentions: tuple[MentionMark, ...]
    roles: tuple[RoleMark, ...]
    statements: tuple[StatementView, ...]
    claims: tuple[ClaimView, ...]
    relations: tuple[RelationView, ...]
    events: tuple[EventCard, ...]


@dataclass(frozen=True)
class StoryPage:
    """One story with its facts, the document it came from, its siblings, removed furniture."""

    story: StoryBody
    document: DocumentInfo
    others: tuple[StoryCard, ...]  # the other stories of the same page, in page order
    images: tuple[str, ...]
    removed: tuple[Removed, ...]
    facts: StoryFacts
    facts_from: str | None  # the first copy, when this story repeats one and shares its facts


@dataclass(frozen=True)
class DocumentPage:
    """One document with all its stories and the furniture the cleaner removed."""

    document: DocumentInfo
    stories: tuple[StoryBody, ...]
    images: tuple[str, ...]
    removed: tuple[Removed, ...]


def story_page(db: Database, story_id: str) -> StoryPage:
    """The page of one story, by its exact id (`<document id>-<index>`)."""
    with db.read() as conn:
        row = _story_row(conn, story_id)
        story_id = row["id"]
        doc = _document_row(conn, row["document_id"])
        siblings = _stories_of(conn, row["document_id"])
        gone = _removed_of(conn, row["document_id"])
        facts = story_facts(conn, row["duplicate_of"] or story_id)
    others = tuple(card(s) for s in siblings if s["id"] != story_id)
    body = _body(row)
    return StoryPage(body, _info(doc), others, _images(gone), gone, facts, row["duplicate_of"])


_STORY_BY_ID = select(stories).where(stories.c.id == bindparam("id"))


def _story_row(conn: Connection, story_id: str) -> RowMapping:
    """A story by id, or by a prefix of at least 4 characters (as documents are found) that
    names one story, or one document: then its main story (else its first)."""
    row = conn.execute(_STORY_BY_ID, {"id": story_id}).mappings().first()
    if row is not None:
        return row
    found: list[RowMapping] = []
    if len(story_id) >= 4:
        query = (
            select(stories)
            .where(stories.c.id.startswith(story_id, autoescape=True))
            .order_by(stories.c.main.desc(), stories.c.idx)
            .limit(50)
        )
        found = list(conn.execute(query).mappings())
    if found and len({r["document_id"] for r in found}) == 1:
        return found[0]
    what = "no single story" if found else "no story"
    raise NotFoundError(
        f"there is {what} with id {story_id!r}; story ids look like "
        "8a488d8fca91047a-0 — search for the story at /search"
    )


# What a story page reads, made once (see `prepared`): the values come as parameters.
_STORY: BindParameter[str] = bindparam("story")
_MENTIONS_OF_STORY = select(mentions).where(mentions.c.story_id == _STORY).order_by(mentions.c.idx)
_STATEMENTS_OF_STORY = statements.c.story_id == _STORY
_CLAIMS_OF_STORY = claims.c.story_id == _STORY
_RELATIONS_OF_STORY = relations.c.story_id == _STORY
_EVENTS_OF_STORY = newest_events(select(events)).where(
    events.c.id.in_(select(story_events.c.event_id).where(story_events.c.story_id == _STORY))
)
_ROLES = Prepared(lambda where: select(roles).where(where, kept(roles)).order_by(roles.c.start))
_ROLES_OF_STORY = roles.c.story_id == _STORY


def story_facts(conn: Connection, story_id: str) -> StoryFacts:
    """Everything annotation found in one story (read from the copy that was annotated)."""
    story = {"story": story_id}
    rows = list(conn.execute(_MENTIONS_OF_STORY, story).mappings())
    posts = _ROLES.rows(conn, _ROLES_OF_STORY, params=story)
    names = refs(
        conn,
        [r["entity_id"] for r in rows]
        + [p[c] for p in posts for c in ("person_id", "organization_id", "country_id")],
    )
    return StoryFacts(
        entities=tuple(names[i] for i in dict.fromkeys(r["entity_id"] for r in rows) if i),
        mentions=tuple(_mention(r, names) for r in rows),
        roles=tuple(_role(p, names) for p in posts),
        statements=tuple(statement_views(conn, _STATEMENTS_OF_STORY, None, story)),
        claims=tuple(claim_views(conn, _CLAIMS_OF_STORY, None, story)),
        relations=tuple(relation_views(conn, _RELATIONS_OF_STORY, None, story)),
        events=tuple(event_cards(conn, _EVENTS_OF_STORY, story)),
    )


def _mention(row: RowMapping, names: dict[str, Ref]) -> MentionMark:
    return MentionMark(
        row["start"], row["end"], row["text"], row["kind"], ref(names, row["entity_id"])
    )


def _role(row: RowMapping, names: dict[str, Ref]) -> RoleMark:
    return RoleMark(
        start=row["start"],
        end=row["end"],
        title=row["title"],
        person=ref(names, row["person_id"]),
        organization=ref(names, row["organization_id"]),
        country=ref(names, row["country_id"]),
    )


def document_page(db: Database, doc_id: str) -> DocumentPage:
    """The page of one document, by its exact id or an unambiguous prefix of it."""
    with db.read() as conn:
        doc = _document_row(conn, doc_id)
        bodies = tuple(_body(s) for s in _stories_of(conn, doc["id"]))
        gone = _removed_of(conn, doc["id"])
    return DocumentPage(_info(doc), bodies, _images(gone), gone)


# --- queries -----------------------------------------------------------------------------------

# The columns a page shows; leaves out `raw`, `text` and `cleaned`, which can be large.
_INFO = (
    documents.c.id,
    documents.c.title,
    documents.c.source,
    documents.c.url,
    documents.c.published,
    documents.c.language,
    documents.c.format,
    documents.c.version,
    documents.c.fetched_at,
    documents.c.content_hash,
    documents.c.story_count,
    documents.c.image_count,
    documents.c.path,
    main_headline().label("headline"),
)


_DOCUMENT_BY_ID = select(*_INFO).where(documents.c.id == bindparam("id"))
_OF_DOCUMENT: BindParameter[str] = bindparam("id")
_STORIES_OF = select(stories).where(stories.c.document_id == _OF_DOCUMENT).order_by(stories.c.idx)
_REMOVED_OF = select(removed).where(removed.c.document_id == _OF_DOCUMENT).order_by(removed.c.start)


def _document_row(conn: Connection, doc_id: str) -> RowMapping:
    row = conn.execute(_DOCUMENT_BY_ID, {"id": doc_id}).mappings().first()
    if row is not None:
        return row
    # A prefix (as the CLI accepts) is slower: LIKE cannot use the primary key index.
    query = select(*_INFO).where(documents.c.id.startswith(doc_id, autoescape=True)).limit(2)
    rows = list(conn.execute(query).mappings()) if len(doc_id) >= 4 else []
    if len(rows) == 1:
        return rows[0]
    what = "more than one document" if rows else "no document"
    raise NotFoundError(
        f"there is {what} with id {doc_id!r}; use the full 16-character id shown on a story's "
        "page, or search for the document at /search"
    )


def _stories_of(conn: Connection, doc_id: str) -> list[RowMapping]:
    return list(conn.execute(_STORIES_OF, {"id": doc_id}).mappings())


def _removed_of(conn: Connection, doc_id: str) -> tuple[Removed, ...]:
    return tuple(
        Removed(r["kind"], r["text"], r["start"], r["end"])
        for r in conn.execute(_REMOVED_OF, {"id": doc_id}).mappings()
    )


# --- building records --------------------------------------------------------------------------


def _body(row: RowMapping) -> StoryBody:
    return StoryBody(
        id=row["id"],
        document=row["document_id"],
        index=row["idx"],
        title=story_title(row),
        headline=row["headline"],
        date=row["date"],
        date_source=row["date_source"],
        main=bool(row["main"]),
        start=row["start"],
        end=row["end"],
        text=row["text"],
        paragraphs=paragraphs(row["text"]),
    )


def _info(row: RowMapping) -> DocumentInfo:
    source = shown_source(row["source"], row["url"], row["path"])
    return DocumentInfo(
        id=row["id"],
        title=document_title(row["title"], row["headline"], source),
        source=source,
        url=row["url"],
        link=row["url"] if _WEB.match(row["url"] or "") else None,
        published=row["published"],
        language=row["language"],
        format=row["format"],
        version=row["version"],
        fetched_at=row["fetched_at"],
        content_hash=row["content_hash"],
        story_count=row["story_count"],
        image_count=row["image_count"],
    )


def _images(gone: tuple[Removed, ...]) -> tuple[str, ...]:
    return tuple(r.text for r in gone if r.kind == "image")


def document_source(db: Database, doc_id: str) -> str:
    """What was read for a document (HTML, a JSON line or text), for its "source" link."""
    with db.read() as conn:
        found = _document_row(conn, doc_id)
        query = select(documents.c.raw).where(documents.c.id == found["id"])
        return str(conn.execute(query).scalar_one())
