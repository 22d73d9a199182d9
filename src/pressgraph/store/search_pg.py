"""Full-text search on PostgreSQL: a tsvector column of `stories` with a GIN index.

The `story_search_postgres` migration adds `stories.search_vector`, a stored generated column
(the headline weighted A, the text B), so PostgreSQL keeps it in sync as SQLite's triggers keep
FTS5's index, and a GIN index over it. The text search configuration `pressgraph_search` reads
words as FTS5's `unicode61 remove_diacritics 2` does: no stemming, no stop words, accents
dropped (through the `unaccent` extension where the server has it; without it "Sémerikov"
finds only "Sémerikov").

A query is read with the syntax FTS5 reads (words, "phrases", prefix*, AND / OR / NOT,
parentheses, headline:word) and the same cost rules (search.py checks them first), then built
as a tsquery from bound values: a word or phrase through `phraseto_tsquery`, a prefix through
`to_tsquery` with `:*`, the operators with `tsquery_and/or/not`. Nothing the user typed is
parsed by `to_tsquery` itself, so no input can be a tsquery syntax error.

Known difference from FTS5: PostgreSQL's parser keeps a host, an address or a number as one
word ("www.odkb-csto.org", "3.5"), where FTS5 finds "csto" and "5" in them.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import ColumnElement, Connection, func, literal_column
from sqlalchemy import text as sql
from sqlalchemy.exc import DBAPIError

CONFIG = "pressgraph_search"
COLUMN = "search_vector"
GIN_INDEX = "ix_stories_search_vector"
# A tsvector holds at most 1 MB: a story's first 250,000 characters (some 40,000 words) are
# indexed, so no story is refused for its size; words after them are not found here.
_INDEXED = 250_000
_WEIGHTS = "{0, 0, 0.2, 1.0}"  # D, C, B (text), A (headline): a headline match counts five
_OPERATORS = {"AND", "OR", "NOT"}
_PREFIX = re.compile(r"([^\W_]+)\*")
_FIELDS = {"headline": "A", "text": "B"}
# PostgreSQL's parser reads `<b>` as a tag and drops what a <script> holds; FTS5 reads the
# words in them, and so must we: the angle brackets are blanks to the index, and control
# characters (which cleaned text never holds) while the matches are marked, put back after.
_NO_TAGS = "'<>', '  '"
_KEEP_TAGS = ("<>", "\x04\x05")
_VECTOR = (
    f"setweight(to_tsvector('{CONFIG}', translate(coalesce(headline, ''), {_NO_TAGS})), 'A') || "
    f"setweight(to_tsvector('{CONFIG}', translate(left(text, {_INDEXED}), {_NO_TAGS})), 'B')"
)
vector: ColumnElement[Any] = literal_column(f"stories.{COLUMN}")
_CONFIG: ColumnElement[Any] = literal_column(f"'{CONFIG}'::regconfig")


def is_index_object(name: str) -> bool:
    """True for the column and index this module adds to `stories` (not in schema.metadata)."""
    return name in (COLUMN, GIN_INDEX)


def create_index(conn: Connection) -> None:
    """Add the search column, its GIN index and the text search configuration (PostgreSQL
    only; a no-op elsewhere). The column is generated: stories stored before are indexed
    by the ALTER TABLE itself."""
    if conn.dialect.name != "postgresql":
        return
    unaccent = _with_unaccent(conn)
    conn.execute(sql(f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = pg_catalog.simple)"))
    if unaccent:
        conn.execute(
            sql(
                f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} ALTER MAPPING FOR "
                "word, hword, hword_part, asciiword, asciihword, hword_asciipart "
                "WITH unaccent, simple"
            )
        )
    generated = f"tsvector GENERATED ALWAYS AS ({_VECTOR}) STORED"
    conn.execute(sql(f"ALTER TABLE stories ADD COLUMN {COLUMN} {generated}"))
    conn.execute(sql(f"CREATE INDEX {GIN_INDEX} ON stories USING gin ({COLUMN})"))


def _with_unaccent(conn: Connection) -> bool:
    """Make the `unaccent` extension if the server has it and we may (it is a trusted
    extension since PostgreSQL 13); False when it cannot be made."""
    try:
        with conn.begin_nested():
            conn.execute(sql("CREATE EXTENSION IF NOT EXISTS unaccent"))
    except DBAPIError:
        return False
    return True


# --- queries -----------------------------------------------------------------------------------


class QueryError(ValueError):
    """A query whose operators or parentheses do not make an expression; search.py says how
    to write it."""


def tsquery(tokens: list[str]) -> ColumnElement[Any]:
    """The tsquery for the tokens of a query (search.py's tokens, cost already checked)."""
    parser = _Parser(tokens)
    found = parser.either()
    if parser.at < len(tokens):
        raise QueryError(f"unexpected {tokens[parser.at]!r}")
    return found


class _Parser:
    """FTS5's precedence: NOT binds first, then AND (also between terms), then OR."""

    def __init__(self, tokens: list[str]) -> None:
        self.tokens = tokens
        self.at = 0

    def _peek(self) -> str | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def _take(self) -> str:
        token = self._peek()
        if token is None:
            raise QueryError("the query ends where a term was expected")
        self.at += 1
        return token

    def either(self) -> ColumnElement[Any]:
        found = self.all_of()
        while self._peek() == "OR":
            self.at += 1
            found = func.tsquery_or(found, self.all_of())
        return found

    def all_of(self) -> ColumnElement[Any]:
        found = self.but_not()
        while (token := self._peek()) is not None and token not in ("OR", ")"):
            if token == "AND":
                self.at += 1
            found = func.tsquery_and(found, self.but_not())
        return found

    def but_not(self) -> ColumnElement[Any]:
        found = self.term()
        while self._peek() == "NOT":
            self.at += 1
            found = func.tsquery_and(found, func.tsquery_not(self.term()))
        return found

    def term(self) -> ColumnElement[Any]:
        token = self._take()
        if token == "(":
            found = self.either()
            if self._take() != ")":
                raise QueryError("a parenthesis is not closed")
            return found
        if token in _OPERATORS or token == ")":
            raise QueryError(f"{token!r} where a term was expected")
        return _term(token)


def _term(token: str) -> ColumnElement[Any]:
    """One word, "phrase", prefix* or field:word as a tsquery."""
    weight = ""
    field, _, rest = token.partition(":")
    if field in _FIELDS and rest and not token.startswith('"'):
        weight, token = _FIELDS[field], rest
    # Only letters and digits reach to_tsquery's own syntax; anything else is a phrase.
    if prefix := _PREFIX.fullmatch(token):
        return func.to_tsquery(_CONFIG, f"{prefix[1]}:*{weight}")
    if weight and _PREFIX.fullmatch(token + "*"):
        return func.to_tsquery(_CONFIG, f"{token}:{weight}")
    return func.phraseto_tsquery(_CONFIG, token.strip('"'))


def rank(query: ColumnElement[Any]) -> ColumnElement[float]:
    """How well a story matches: ts_rank with a headline match five times one in the text."""
    return func.ts_rank(literal_column(f"'{_WEIGHTS}'::float4[]"), vector, query)


def marked(column: Any, query: ColumnElement[Any], options: str) -> ColumnElement[str]:
    """`column` with the matches of `query` between the marks `options` names (read it back
    with `unmasked`)."""
    masked = func.translate(column, *_KEEP_TAGS)
    return func.ts_headline(_CONFIG, masked, query, options)


def unmasked(value: str | None) -> str | None:
    """A value `marked` made, its angle brackets put back."""
    if value is None:
        return None
    return value.translate(str.maketrans(_KEEP_TAGS[1], _KEEP_TAGS[0]))
