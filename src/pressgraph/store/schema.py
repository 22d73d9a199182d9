"""The tables, as SQLAlchemy Core objects: what queries are written against.

Migrations (`migrations.py`) create and change the tables in a database; a test checks
that a database migrated from nothing matches these definitions exactly.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

migrations = Table(
    "schema_migrations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("name", String(100), nullable=False),
    Column("applied_at", String(32), nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("id", String(16), primary_key=True),  # first 16 hex digits of content_hash
    Column("source", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("format", String(16), nullable=False),
    Column("url", Text),
    Column("title", Text),
    Column("published", String(10)),
    Column("language", String(8)),
    Column("raw", Text, nullable=False),  # what was read (HTML, JSON line or text)
    Column("text", Text, nullable=False),  # page text before cleaning
    Column("cleaned", Text, nullable=False),  # page text after cleaning; story offsets point here
    Column("segments", Text, nullable=False),  # JSON [[clean_start, clean_end, raw_start, raw_end]]
    Column("image_count", Integer, nullable=False),
    Column("story_count", Integer, nullable=False),
    Column("fetched_at", String(32), nullable=False),
    Column("stage", String(32), nullable=False),
)
Index("ix_documents_source", documents.c.source)

stories = Table(
    "stories",
    metadata,
    Column("id", String(24), primary_key=True),  # "<document id>-<index>"
    Column("document_id", String(16), ForeignKey("documents.id"), nullable=False),
    Column("idx", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("headline", Text),
    Column("headline_start", Integer),
    Column("headline_end", Integer),
    Column("date", String(10)),
    Column("date_source", String(16)),
    Column("main", Boolean, nullable=False),
    Column("text", Text, nullable=False),
    Column("stage", String(32), nullable=False),
)
Index("ix_stories_document", stories.c.document_id)
Index("ix_stories_date", stories.c.date)

removed = Table(
    "removed",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", String(16), ForeignKey("documents.id"), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("stage", String(32), nullable=False),
)
Index("ix_removed_document", removed.c.document_id)

refusals = Table(
    "refusals",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", Text, nullable=False),
    Column("reason", String(16), nullable=False),
    Column("message", Text, nullable=False),
    Column("size", Integer),
    Column("at", String(32), nullable=False),
)
