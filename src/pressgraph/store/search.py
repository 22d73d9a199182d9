"""Full-text search over stories: an SQLite FTS5 index kept in sync by triggers, a tsvector
column on PostgreSQL (store/search_pg.py), LIKE elsewhere.

The index is made by the `story_search` migration with the functions below: an FTS5 table
(`story_search`, a copy of each story's headline and text) and a narrow table
(`story_search_map`) whose integer key is the FTS5 rowid and which holds the story's id and
date. It is not an "external content" FTS5 table over `stories`: that would key on
`stories.rowid`, which VACUUM may renumber because `stories` has a text primary key. The map
keeps ranking and the date filter off the wide rows (10,000 matches rank in ~20 ms) and makes
the triggers' deletes index lookups.

Users type words, "quoted phrases", prefix* words, AND / OR / NOT and parentheses; every other
word is quoted before it reaches FTS5, so `Counter-Terrorism` or `Semerikov's` just work, and a
query FTS5 still cannot parse becomes a `SearchSyntaxError` that says how to fix it. PostgreSQL
reads the same syntax under the same cost rules, and answers the same stories.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    column,
    func,
    literal_column,
    select,
    table,
    text,
)
from sqlalchemy.exc import OperationalError
from sqlalchemy.sql.expression import ColumnClause

from pressgraph.errors import PressgraphError, StoreError
from pressgraph.store import budget as budgets
from pressgraph.store import search_pg
from pressgraph.store.schema import stories
from pressgraph.store.search_pg import unmasked

if TYPE_CHECKING:  # store.db imports the migrations, which import this module
    from pressgraph.store.db import Database

INDEX = "story_search"
MAP = "story_search_map"
# FTS5 keeps its index in these shadow tables. None of the index's tables is in
# `schema.metadata`: the migration makes them (see `is_index_table`).
SHADOW_SUFFIXES = ("_data", "_idx", "_content", "_docsize", "_config")
PAGE_SIZE = 20
_TITLE_WIDTH = 90
MAX_PAGE = 500  # deeper pages cost an ever larger OFFSET; narrow the query instead
SNIPPET_TOKENS = 32
# Marks around matched words in FTS5 snippets: control characters that cleaned text never holds.
_OPEN, _CLOSE = "\x02", "\x03"
_OPERATORS = {"AND", "OR", "NOT"}
# A query's cost grows with its terms, and a short prefix (c*) expands to thousands of words.
MAX_TERMS = 100
MAX_PREFIXES = 5
MIN_PREFIX = 2
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_TOKEN = re.compile(r'"[^"]*"|\(|\)|[^\s()"]+')
_WORD = re.compile(r"\w+")
_COLUMN = re.compile(r"(headline|text):(\S+)")
# The index's tables as lightweight tables, for queries.
_INDEX = table(INDEX, column("rowid"), column("headline"), column("text"), column("rank"))
_MAP = table(MAP, column("id"), column("story_id"), column("date"))
_JOINED = _INDEX.join(_MAP, _MAP.c.id == _INDEX.c.rowid).join(
    stories, stories.c.id == _MAP.c.story_id
)
_RANK = "bm25(5.0, 1.0)"  # a match in the headline counts five times one in the text
_HELP = (
    'Type words, "a quoted phrase" or a prefix such as semer*; combine terms with AND, OR and '
    "NOT (as in CSTO NOT Serbia), put parentheses in pairs, and limit a word to headlines with "
    "headline:word."
)

_ADD = f"""
    INSERT INTO {MAP} (story_id, date) VALUES (new.id, new.date);
    INSERT INTO {INDEX} (rowid, headline, text)
        VALUES ((SELECT id FROM {MAP} WHERE story_id = new.id), new.headline, new.text);"""
_DROP = f"""
    DELETE FROM {INDEX} WHERE rowid = (SELECT id FROM {MAP} WHERE story_id = old.id);
    DELETE FROM {MAP} WHERE story_id = old.id;"""
_CREATE = (
    f"CREATE TABLE {MAP} (id INTEGER PRIMARY KEY, story_id TEXT NOT NULL UNIQUE, date TEXT)",
    f"CREATE VIRTUAL TABLE {INDEX} USING fts5("
    "headline, text, tokenize = 'unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER {INDEX}_insert AFTER INSERT ON stories BEGIN {_ADD}\nEND",
    f"CREATE TRIGGER {INDEX}_delete AFTER DELETE ON stories BEGIN {_DROP}\nEND",
    # Only the indexed columns: a later stage updating its own columns leaves the index alone.
    f"CREATE TRIGGER {INDEX}_update AFTER UPDATE OF id, headline, text, date ON stories "
    f"BEGIN {_DROP}{_ADD}\nEND",
)


class SearchSyntaxError(PressgraphError):
    """A search query the full-text index cannot parse; the message says how to write it."""

    exit_code = 2


@dataclass(frozen=True)
class Marked:
    """A piece of text with the spans (start, end) that matched the query, for highlighting."""

    text: str
    spans: tuple[tuple[int, int], ...] = ()

    def parts(self) -> list[tuple[str, bool]]:
        """The text cut into (piece, matched) runs, in order; templates escape each piece."""
        out: list[tuple[str, bool]] = []
        at = 0
        for start, end in self.spans:
            if start > at:
                out.append((self.text[at:start], False))
            out.append((self.text[start:end], True))
            at = end
        if at < len(self.text):
            out.append((self.text[at:], False))
        return out


@dataclass(frozen=True)
class SearchHit:
    """One story found: where it is, its headline and a snippet, both with matches marked."""

    story: str
    document: str
    title: str  # the headline, or the first words of a story that has none
    date: str | None
    main: bool
    headline: Marked | None
    snippet: Marked


@dataclass(frozen=True)
class SearchResults:
    """One page of results for a query and date range, with the total to paginate by."""

    query: str
    date_from: str | None
    date_to: str | None
    page: int
    page_size: int
    total: int
    pages: int  # at least 1, so "page 1 of 1" reads right
    hits: tuple[SearchHit, ...]


# --- the index: made by the `story_search` migration -------------------------------------------


def is_index_table(name: str) -> bool:
    """True for the index's tables (FTS5's and the map), which `schema.metadata` does not hold."""
    return name in (INDEX, MAP) or any(name == INDEX + suffix for suffix in SHADOW_SUFFIXES)


def create_index(conn: Connection) -> None:
    """Create the index's tables and the triggers that keep it in sync (SQLite only)."""
    if conn.dialect.name != "sqlite":
        return
    for statement in _CREATE:
        conn.execute(text(statement))


def fill_index(conn: Connection) -> None:
    """Index the stories already stored (for a database that had them before the index)."""
    if conn.dialect.name != "sqlite":
        return
    conn.execute(text(f"INSERT INTO {MAP} (story_id, date) SELECT id, date FROM stories"))
    conn.execute(
        text(
            f"INSERT INTO {INDEX} (rowid, headline, text) SELECT m.id, s.headline, s.text "
            f"FROM {MAP} m JOIN stories s ON s.id = m.story_id"
        )
    )


# --- queries -----------------------------------------------------------------------------------


def to_fts(query: str) -> str:
    """Turn what a user typed into an FTS5 query: operators kept, every other word quoted."""
    out = []
    for token in _tokens(query):
        if token in _OPERATORS or token in "()" or token.startswith('"'):
            out.append(token)
        elif found := _COLUMN.fullmatch(token):
            out.append(f"{found[1]} : {_term(found[2])}")
        else:
            out.append(_term(token))
    return " ".join(out)


def _tokens(query: str) -> list[str]:
    """The terms, operators and parentheses of a query, its cost checked."""
    if query.count('"') % 2:
        raise SearchSyntaxError(
            f'the query {query!r} has an unbalanced quote ("); close the phrase or remove it. '
            + _HELP
        )
    tokens = _TOKEN.findall(query)
    if not any(t in _OPERATORS or t in "()" for t in tokens):
        tokens = list(dict.fromkeys(tokens))  # all must match: a repeated word adds nothing
    _check_cost(query, tokens)
    return tokens


def to_tsquery(query: str) -> ColumnElement[Any]:
    """Turn what a user typed into a PostgreSQL tsquery, read as FTS5 reads it."""
    try:
        return search_pg.tsquery(_tokens(query))
    except search_pg.QueryError as exc:
        raise SearchSyntaxError(f"cannot search for {query!r} ({exc}). {_HELP}") from None


def _check_cost(query: str, tokens: list[str]) -> None:
    """Refuse a query whose cost is not bounded: too many terms or prefixes, a short prefix."""
    terms = [t for t in tokens if t not in _OPERATORS and t not in "()"]
    prefixes = [t for t in terms if t.endswith("*") and not t.startswith('"')]
    problem = None
    if len(terms) > MAX_TERMS:
        problem = f"it has {len(terms)} terms; at most {MAX_TERMS} are searched at once"
    elif len(prefixes) > MAX_PREFIXES:
        problem = f"it has {len(prefixes)} prefix* terms; at most {MAX_PREFIXES} are allowed"
    elif short := [p for p in prefixes if len(p.rstrip("*").split(":")[-1]) < MIN_PREFIX]:
        problem = (
            f"the prefix {short[0]!r} is too short: give at least {MIN_PREFIX} letters before *"
        )
    if problem:
        raise SearchSyntaxError(f"cannot search for {query[:80]!r}: {problem}. {_HELP}")


def _term(word: str) -> str:
    """A word as an FTS5 string (a phrase of the tokens in it), keeping a trailing prefix `*`."""
    if word.endswith("*") and _WORD.fullmatch(word[:-1]):
        return f'"{word[:-1]}"*'
    return f'"{word}"'


def search_stories(
    db: Database,
    query: str,
    *,
    date_from: str | None = None,
    date_to: str | None = None,
    within: ColumnElement[bool] | None = None,
    page: int = 1,
    page_size: int = PAGE_SIZE,
    order: str = "relevance",
    undated: bool = False,
) -> SearchResults:
    """One page of stories matching `query`, best first, within the dates (no query: newest).

    `within` is one more condition on the `stories` row (the stories that mention an
    entity, say); ranking, snippets and marks stay those of the query alone."""
    query = _CONTROL.sub(" ", query).strip()  # NUL and our own match marks are not text
    where = () if within is None else (within,)
    if undated:
        where = (*where, stories.c.date.is_(None))
    dates = (date_from, date_to)
    with db.read() as conn:
        if not query:
            total, hits = _browse(conn, dates, where, page, page_size, order)
        elif conn.dialect.name == "sqlite":
            total, hits = _fts(conn, query, dates, where, page, page_size, order)
        elif conn.dialect.name == "postgresql":
            total, hits = _tsvector(conn, query, dates, where, page, page_size, order)
        else:
            total, hits = _like(conn, query, dates, where, page, page_size, order)
    pages = max(1, -(-total // page_size))
    return SearchResults(query, date_from, date_to, page, page_size, total, pages, tuple(hits))


def dates_of(
    db: Database, query: str, within: ColumnElement[bool] | None = None
) -> list[tuple[str | None, int]]:
    """(year, stories) of the stories matching `query` within the filters, whatever their
    dates; None for the undated ones. The search page's year facet and undated count."""
    query = _CONTROL.sub(" ", query).strip()
    where = () if within is None else (within,)
    year = func.substr(_MAP.c.date, 1, 4)
    with db.read() as conn:
        if query and conn.dialect.name == "sqlite":
            match = text(f"{INDEX} MATCH :match").bindparams(match=to_fts(query))
            base: Select[Any] = select(year, func.count()).select_from(_JOINED).where(match)
        elif query and conn.dialect.name == "postgresql":
            year = func.substr(stories.c.date, 1, 4)
            base = select(year, func.count()).where(
                search_pg.vector.bool_op("@@")(to_tsquery(query))
            )
        elif query:
            words = [w for w in _WORD.findall(query) if w.upper() not in _OPERATORS]
            year = func.substr(stories.c.date, 1, 4)
            base = select(year, func.count()).where(
                *(_contains(stories.c.headline, w) | _contains(stories.c.text, w) for w in words)
            )
        else:
            year = func.substr(stories.c.date, 1, 4)
            base = select(year, func.count()).select_from(stories)
        grouped = base.where(*where).group_by(year)
        try:
            return [(y, int(n)) for y, n in conn.execute(grouped)]
        except OperationalError as exc:
            raise _syntax_error(query, exc) from exc


def _dated(
    statement: Select[Any], date_from: str | None, date_to: str | None, date: Any = stories.c.date
) -> Select[Any]:
    # Dates are ISO strings, so they compare as text. A story known only as "2021" sorts
    # before "2021-01-01" and is left out of a range starting then.
    if date_from:
        statement = statement.where(date >= date_from)
    if date_to:
        statement = statement.where(date <= date_to)
    return statement


Found = tuple[int, list[Any]]
_OPENING = 300  # characters read from the start of a story, for its title and lead
_CARD = (
    stories.c.id,
    stories.c.document_id,
    stories.c.date,
    stories.c.main,
    stories.c.headline.label("plain_headline"),
    func.substr(stories.c.text, 1, _OPENING).label("opening"),
)


def _run(conn: Connection, found: Select[Any], rows: Select[Any], page: int, size: int) -> Found:
    """Count what `found` selects, and fetch one page of `rows` (the same filter, more columns)."""
    total = conn.execute(select(func.count()).select_from(found.subquery())).scalar()
    fetched = conn.execute(rows.limit(size).offset((page - 1) * size)).mappings()
    return int(total or 0), list(fetched)


def _browse(
    conn: Connection,
    dates: tuple[str | None, str | None],
    where: tuple[ColumnElement[bool], ...],
    page: int,
    size: int,
    order: str = "relevance",
) -> tuple[int, list[SearchHit]]:
    found = _dated(select(stories.c.id).where(*where), *dates)
    rows = found.with_only_columns(*_CARD).order_by(*_by_date(order, stories.c.date))
    total, fetched = _run(conn, found, rows, page, size)
    return total, [
        _hit(r, _plain(r["plain_headline"]), Marked(_lead(r["opening"]))) for r in fetched
    ]


def _fts(
    conn: Connection,
    query: str,
    dates: tuple[str | None, str | None],
    where: tuple[ColumnElement[bool], ...],
    page: int,
    size: int,
    order: str = "relevance",
) -> tuple[int, list[SearchHit]]:
    """Count the matches, and read one page of them best first (or by date), with the
    matches marked."""
    name: ColumnClause[Any] = literal_column(INDEX)  # FTS5 functions take the table itself
    match = text(f"{INDEX} MATCH :match").bindparams(match=to_fts(query))
    found = select(_INDEX.c.rowid).where(match)
    # Joined only as far as needed: counting the bare matches reads the index alone.
    if where:
        found = found.select_from(_JOINED).where(*where)
    elif dates != (None, None):
        found = found.join_from(_INDEX, _MAP, _MAP.c.id == _INDEX.c.rowid)
    found = _dated(found, *dates, _MAP.c.date)
    # Ordered by FTS5's own `rank` (here bm25 with our weights), FTS5 sorts the matches
    # itself, so SQLite computes the highlight and snippet for the shown rows only.
    shown = _dated(
        select(
            *_CARD,
            _INDEX.c.rowid.label("rowid"),
            func.highlight(name, 0, _OPEN, _CLOSE).label("headline"),
            func.snippet(name, 1, _OPEN, _CLOSE, "…", SNIPPET_TOKENS).label("snippet"),
        )
        .select_from(_JOINED)
        .where(match, *where, text(f"{INDEX}.rank MATCH :rank").bindparams(rank=_RANK))
        .order_by(_INDEX.c.rank),
        *dates,
        _MAP.c.date,
    )
    try:
        total = conn.execute(select(func.count()).select_from(found.subquery())).scalar_one()
        if order != "relevance":
            # By date: the page's stories first (FTS5 would make a snippet for every match
            # before sorting), then their snippets, put back in date order.
            picked = _dated(
                select(_MAP.c.id)
                .select_from(_JOINED)
                .where(match, *where)
                .order_by(*_by_date(order, _MAP.c.date)),
                *dates,
                _MAP.c.date,
            )
            ids = [int(i) for i in conn.execute(picked.limit(size).offset((page - 1) * size))
                   .scalars()]  # fmt: skip
            rows = conn.execute(shown.where(_INDEX.c.rowid.in_(ids)).order_by(None)).mappings()
            by_id = {r["rowid"]: r for r in rows}
            hits = [_hit(by_id[i], _marked(by_id[i]["headline"]), _marked(by_id[i]["snippet"]))
                    for i in ids if i in by_id]  # fmt: skip
            return int(total), hits
        rows = conn.execute(shown.limit(size).offset((page - 1) * size)).mappings()
        hits = [_hit(r, _marked(r["headline"]), _marked(r["snippet"])) for r in rows]
    except OperationalError as exc:
        raise _syntax_error(query, exc) from exc
    return int(total), hits


def _tsvector(
    conn: Connection,
    query: str,
    dates: tuple[str | None, str | None],
    where: tuple[ColumnElement[bool], ...],
    page: int,
    size: int,
    order: str = "relevance",
) -> tuple[int, list[SearchHit]]:
    """PostgreSQL: count the matches through the GIN index, pick one page of them best first
    (or by date), then mark the matches in that page's stories only (ts_headline reads the
    whole text)."""
    asked = to_tsquery(query)
    found = _dated(
        select(stories.c.id).where(search_pg.vector.bool_op("@@")(asked), *where), *dates
    )
    rank = search_pg.rank(asked)
    if order == "relevance":
        ordered = found.add_columns(rank.label("rank")).order_by(rank.desc(), stories.c.id)
    else:
        ordered = found.order_by(*_by_date(order, stories.c.date))
    ids = list(conn.execute(ordered.limit(size).offset((page - 1) * size)).scalars())
    marks = f"StartSel={_OPEN}, StopSel={_CLOSE}"
    snippet = f"{marks}, MaxWords={SNIPPET_TOKENS}, MinWords=16"
    rows = select(
        *_CARD,
        search_pg.marked(stories.c.headline, asked, f"{marks}, HighlightAll=true").label(
            "headline"
        ),
        search_pg.marked(stories.c.text, asked, snippet).label("snippet"),
    ).where(stories.c.id.in_(ids))
    total = conn.execute(select(func.count()).select_from(found.subquery())).scalar_one()
    by_id = {r["id"]: r for r in conn.execute(rows).mappings()}
    hits = [by_id[i] for i in ids if i in by_id]
    return int(total), [
        _hit(r, _marked(unmasked(r["headline"])), _marked(unmasked(r["snippet"]))) for r in hits
    ]


def _syntax_error(query: str, exc: OperationalError) -> PressgraphError:
    budget = budgets.active.get()
    if budget is not None and budget.spent():
        return budget.error()
    reason = str(exc.orig)
    if "fts5" not in reason and "no such column" not in reason:
        return StoreError(
            f"the search index cannot be read ({reason}); open the database with any pressgraph "
            "command to bring it up to date, or rebuild it by ingesting the pages again"
        )
    return SearchSyntaxError(f"cannot search for {query!r} ({reason}). {_HELP}")


def _like(
    conn: Connection,
    query: str,
    dates: tuple[str | None, str | None],
    where: tuple[ColumnElement[bool], ...],
    page: int,
    size: int,
    order: str = "relevance",
) -> tuple[int, list[SearchHit]]:
    """The portable fallback (no FTS5): every word must occur in the headline or the text."""
    words = [w for w in _WORD.findall(query) if w.upper() not in _OPERATORS]
    found = _dated(select(stories.c.id).where(*where), *dates).where(
        *(_contains(stories.c.headline, w) | _contains(stories.c.text, w) for w in words)
    )
    rows = found.with_only_columns(*_CARD, stories.c.headline, stories.c.text).order_by(
        *_by_date(order, stories.c.date)
    )
    total, fetched = _run(conn, found, rows, page, size)
    hits = [_hit(r, _found_in(r["headline"], words), _around(r["text"], words)) for r in fetched]
    return total, hits


def _by_date(order: str, date: Any) -> tuple[Any, ...]:
    """Newest first (the default without relevance), or oldest first; undated last."""
    first = date.asc() if order == "oldest" else date.desc()
    return (first.nulls_last(), stories.c.id)


def _contains(col: Any, word: str) -> Any:
    return col.icontains(word, autoescape=True)


# --- building hits -----------------------------------------------------------------------------


def _hit(row: Any, headline: Marked | None, snippet: Marked | None) -> SearchHit:
    title = row["plain_headline"] or _lead(row["opening"], _TITLE_WIDTH)
    return SearchHit(
        story=row["id"],
        document=row["document_id"],
        title=title,
        date=row["date"],
        main=bool(row["main"]),
        headline=headline,
        snippet=snippet or Marked(""),
    )


def _plain(value: str | None) -> Marked | None:
    return None if value is None else Marked(value)


def _lead(body: str, width: int = 240) -> str:
    """`body` on one line, cut at a word boundary to about `width` characters."""
    flat = " ".join(body.split())
    if len(flat) <= width:
        return flat
    return flat[:width].rsplit(" ", 1)[0] + " …"


def _marked(value: str | None) -> Marked | None:
    """Read the match marks FTS5 put in a snippet into spans of the unmarked text."""
    if value is None:
        return None
    pieces: list[str] = []
    spans: list[tuple[int, int]] = []
    at = start = 0
    for part in re.split(f"([{_OPEN}{_CLOSE}])", value):
        if part == _OPEN:
            start = at
        elif part == _CLOSE:
            spans.append((start, at))
        else:
            pieces.append(part)
            at += len(part)
    return Marked("".join(pieces), tuple(spans))


def _found_in(value: str | None, words: list[str]) -> Marked | None:
    if value is None:
        return None
    spans = sorted(
        m.span() for w in words for m in re.finditer(re.escape(w), value, flags=re.IGNORECASE)
    )
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            continue
        merged.append((start, end))
    return Marked(value, tuple(merged))


def _around(body: str, words: list[str], width: int = 240) -> Marked:
    """About `width` characters of `body` from a little before the first word found."""
    lowered = body.lower()
    first = min((i for w in words if (i := lowered.find(w.lower())) >= 0), default=0)
    start = body.find(" ", max(0, first - width // 3)) + 1 if first else 0
    piece = ("… " if start else "") + _lead(body[start:], width)
    return _found_in(piece, words) or Marked(piece)
