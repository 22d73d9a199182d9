"""The tables, as SQLAlchemy Core objects: what queries are written against.

Migrations (`migrations.py`) create and change the tables in a database; a test checks
that a database migrated from nothing matches these definitions exactly.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    literal_column,
)
from sqlalchemy.sql.expression import ColumnClause

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
    # A local file's path as shown: relative to the file or folder that was ingested
    # ("examples/000_8a48.txt"), never absolute; None for a web page (migration 11).
    Column("path", Text),
)
Index("ix_documents_source", documents.c.source)
# The documents page sorts by when a page was stored or published (migration 11): the rows
# are wide (the page's text), so a sort without an index reads them all.
Index("ix_documents_fetched", documents.c.fetched_at)
Index("ix_documents_published", documents.c.published)

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
    # The same sidebar glued to many pages is stored with each page, but only its first copy
    # is annotated: later copies point to it (migration 4).
    Column("text_hash", String(64)),
    Column("duplicate_of", String(24)),
)
Index("ix_stories_document", stories.c.document_id)
Index("ix_stories_text_hash", stories.c.text_hash)
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

# Lines of the pages of one site (host), counted page by page: a line on most pages of a host
# is furniture there (a template block, a site banner), removed from the next pages.
site_pages = Table(
    "site_pages",
    metadata,
    Column("host", String(255), primary_key=True),
    Column("pages", Integer, nullable=False),
)
site_lines = Table(
    "site_lines",
    metadata,
    Column("host", String(255), primary_key=True),
    Column("line_key", String(32), primary_key=True),
    Column("pages", Integer, nullable=False),
)

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

# --- issue 3: mentions, posts held, entities -----------------------------------------------------

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    # Evidence lives in a story, or in a removed piece of furniture (a press secretary's
    # signature names a person and a post): exactly one of the two is set.
    Column("story_id", String(24), ForeignKey("stories.id")),
    Column("removed_id", Integer, ForeignKey("removed.id")),
    Column("idx", Integer, nullable=False),  # position among the story's mentions
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("key", Text, nullable=False),  # what the story alone says it names
    Column("name", Text, nullable=False),
    Column("source", String(16), nullable=False),
    Column("rank", Text),
    Column("parent_key", Text),
    Column("refers_to", Integer),  # idx of the mention a reference stands for
    Column("entity_id", String(96)),  # set by resolution
    Column("stage", String(32), nullable=False),
    # The id resolution's clustering gave, before people's judgements: the vote that keeps an
    # entity's id when more documents arrive (migration 13).
    Column("cluster_id", String(96)),
    # The blocking key resolution compared it under ("person|ivanov", "org|org:csto"): a
    # new batch re-reads only the stored mentions sharing a key with it; None: not resolved
    # yet (migration 17).
    Column("block", Text),
)
# How often each spelling names the entity of an organization's, a country's or a place's
# block, under each parent key ("" for none): all such an entity's row depends on, kept as
# mentions are resolved so that a new mention of the CSTO reads a few rows, not the
# hundreds of thousands of mentions of its block (migration 22).
SUMMED_BLOCKS = ("org|", "country|", "place|")
block_spellings = Table(
    "block_spellings",
    metadata,
    Column("block", Text, primary_key=True),
    Column("text", Text, primary_key=True),
    Column("parent_key", Text, primary_key=True),
    Column("mentions", Integer, nullable=False),
)

# (story, index) is how facts point at mentions; the index serves story lookups too.
Index("ix_mentions_story", mentions.c.story_id, mentions.c.idx)
Index("ix_mentions_entity", mentions.c.entity_id)
# By blocking key, with the spelling: a block's spellings are counted from the index alone.
Index("ix_mentions_block", mentions.c.block, mentions.c.text)
# A press signature's mentions, as roles point at them (story mentions: ix_mentions_story).
Index("ix_mentions_removed", mentions.c.removed_id, mentions.c.idx)

roles = Table(
    "roles",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("story_id", String(24), ForeignKey("stories.id")),
    Column("removed_id", Integer, ForeignKey("removed.id")),
    Column("person_idx", Integer, nullable=False),
    Column("organization_idx", Integer),
    Column("country_idx", Integer),
    Column("title", Text, nullable=False),
    Column("date", String(10)),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("person_id", String(96)),  # entity ids, set by resolution
    Column("organization_id", String(96)),
    Column("country_id", String(96)),
    Column("stage", String(32), nullable=False),
)
Index("ix_roles_story", roles.c.story_id)
# A press signature's posts, replaced when it is annotated again (without it, every
# signature stored scanned every post: migration 20).
Index("ix_roles_removed", roles.c.removed_id)
Index("ix_roles_person", roles.c.person_id)

entities = Table(
    "entities",
    metadata,
    Column("id", String(96), primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("name", Text, nullable=False),
    Column("acronym", Text),
    Column("parent_id", String(96)),
    Column("rank", Text),
    Column("aliases", Text, nullable=False),  # JSON list of spellings seen and known
    Column("gazetteer_id", Text),
    Column("stage", String(32), nullable=False),
)
Index("ix_entities_kind", entities.c.kind)
Index("ix_entities_parent", entities.c.parent_id)  # what folds into a body

# Ids entities had and no longer have (merged into another, or renamed), each pointing at the
# entity that holds its mentions now, so an old address still leads somewhere (migration 13).
entity_aliases = Table(
    "entity_aliases",
    metadata,
    Column("old_id", String(96), primary_key=True),
    Column("entity_id", String(96), nullable=False),
    Column("reason", String(16), nullable=False),  # merged|renamed
    Column("created", String(32), nullable=False),
)
Index("ix_entity_aliases_entity", entity_aliases.c.entity_id)

annotated = Table(
    "annotated",
    metadata,
    Column("target", String(40), primary_key=True),  # "<story id>" or "removed:<id>"
    Column("stage", String(32), nullable=False),
    Column("model", Text, nullable=False),
    Column("at", String(32), nullable=False),
)

# A story (or signature) the annotation stage could not annotate: which stage failed and why.
# It is not tried again by later runs (`annotate --retry` does), and `errors` lists it.
annotation_errors = Table(
    "annotation_errors",
    metadata,
    Column("target", String(40), primary_key=True),  # "<story id>" or "removed:<id>"
    Column("stage", String(64), nullable=False),  # the pipeline component, "window", "store"
    Column("message", Text, nullable=False),
    Column("at", String(32), nullable=False),
)

# Documents with a text to annotate (a story that is not a copy, a press signature) that is
# neither annotated nor failed: the annotation stage finds its work here instead of comparing
# every story with every annotated one, a cost that grew with the database (issue 10,
# migration 23). Written with the page, and by the transaction that annotates (or fails) its
# last text, or that makes a copy of a removed story a first copy (store/waiting.py).
waiting_documents = Table(
    "waiting_documents",
    metadata,
    Column("document_id", String(16), ForeignKey("documents.id"), primary_key=True),
)

# Stages a run must still finish: "resolve" from the first story annotated (or document
# removed) until resolution has rebuilt the entities, so a run killed in between is finished
# by the next `ingest` or `annotate`.
pending_stages = Table(
    "pending_stages",
    metadata,
    Column("stage", String(32), primary_key=True),
    Column("since", String(32), nullable=False),
)

# --- issue 10: runs and the job of every input ---------------------------------------------------

# One row per `ingest` or `annotate` run: when it began and ended (no end: still running, or
# killed), and how it ended (migration 15).
runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("command", String(16), nullable=False),  # ingest | annotate
    Column("started_at", String(32), nullable=False),
    Column("ended_at", String(32)),
    Column("outcome", Text),  # "done", or what stopped it (an error, Ctrl+C)
    Column("inputs", Integer, nullable=False),
    Column("pid", Integer, nullable=False),
)

# The state of each input of an ingest run, one row per page it gave (page 0 first; a JSONL
# file or a feed gives several): queued -> stored -> annotated, or failed (at a stage, why) or
# refused (why). The latest run of an input replaces its rows; a page's state moves in the
# transaction that stores its page or its annotations, so it always agrees with the data.
jobs = Table(
    "jobs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
    Column("input", Text, nullable=False),  # the file (absolute path) or URL as listed
    Column("page", Integer, nullable=False),  # which page of the input, from 0
    Column("source", Text),  # the page's own source (a feed item's link, a JSONL line)
    Column("state", String(16), nullable=False),  # queued|stored|annotated|failed|refused
    Column("document_id", String(16)),  # the document stored, or the one it duplicates
    Column("duplicate", Boolean, nullable=False),  # the page was stored before
    Column("stage", String(64)),  # failed: the stage (store, annotate:<component>)
    Column("reason", Text),  # failed or refused: why
    Column("at", String(32), nullable=False),
)
Index("ix_jobs_input_page", jobs.c.input, jobs.c.page, unique=True)
Index("ix_jobs_document", jobs.c.document_id)
Index("ix_jobs_state", jobs.c.state)

# --- issue 4: events, statements, numeric claims, relations --------------------------------------
# Rows per story point at the story's mentions by index (`*_idx`); resolution fills the
# entity ids (`*_id`) and merges story events into `events`.

story_events = Table(
    "story_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("story_id", String(24), ForeignKey("stories.id"), nullable=False),
    Column("idx", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("name", Text),
    Column("start", String(10)),
    Column("end", String(10)),
    Column("place_idx", Integer),
    Column("format", String(16)),
    Column("chair_idx", Integer),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("event_id", String(96)),
    Column("stage", String(32), nullable=False),
)
Index("ix_story_events_story", story_events.c.story_id)
# With the story: the stories reporting an event are counted from the index alone (the events
# page sorted by sources counts them for every event).
Index("ix_story_events_event", story_events.c.event_id, story_events.c.story_id)

story_event_parts = Table(
    "story_event_parts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("story_event_id", Integer, ForeignKey("story_events.id"), nullable=False),
    Column("mention_idx", Integer, nullable=False),
    Column("part", String(16), nullable=False),  # chair|host|speaker|participant|...|organizer
    Column("stage", String(32), nullable=False),
)
Index("ix_story_event_parts_event", story_event_parts.c.story_event_id)

events = Table(
    "events",
    metadata,
    Column("id", String(96), primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("name", Text),
    Column("start", String(10)),
    Column("end", String(10)),
    Column("place_id", String(96)),
    Column("format", String(16)),
    Column("chair_id", String(96)),
    Column("stage", String(32), nullable=False),
    # What the id is made of before its number ("2019-10-30-conference-x"): events sharing
    # it are numbered together (migration 17).
    Column("label", Text),
)
Index("ix_events_start", events.c.start)
Index("ix_events_label", events.c.label)

# The keys a story event is merged under (a kind and month, a kind and name): a new batch's
# events are compared only with the stored ones sharing a key (migration 14).
story_event_keys = Table(
    "story_event_keys",
    metadata,
    Column("story_event_id", Integer, ForeignKey("story_events.id"), primary_key=True),
    Column("key", Text, primary_key=True),
)
Index("ix_story_event_keys_key", story_event_keys.c.key)

statements = Table(
    "statements",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("story_id", String(24), ForeignKey("stories.id"), nullable=False),
    Column("idx", Integer, nullable=False),
    Column("speaker_idx", Integer, nullable=False),
    Column("verb", Text, nullable=False),
    Column("quote", Boolean, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("story_event_idx", Integer),
    Column("speaker_id", String(96)),
    Column("event_id", String(96)),
    Column("stage", String(32), nullable=False),
)
Index("ix_statements_story", statements.c.story_id)
Index("ix_statements_speaker", statements.c.speaker_id)

claims = Table(
    "claims",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("story_id", String(24), ForeignKey("stories.id"), nullable=False),
    Column("idx", Integer, nullable=False),
    Column("statement_idx", Integer),
    Column("speaker_idx", Integer),
    Column("low", Float, nullable=False),
    Column("high", Float, nullable=False),
    Column("approx", String(8), nullable=False),
    Column("unit", Text),
    Column("subject_idx", Integer),
    Column("subject_text", Text),
    Column("authority", Text),
    Column("authority_idx", Integer),
    Column("date", String(10)),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("speaker_id", String(96)),
    Column("subject_id", String(96)),
    Column("authority_id", String(96)),
    Column("stage", String(32), nullable=False),
)
Index("ix_claims_story", claims.c.story_id)
Index("ix_claims_unit", claims.c.unit)
Index("ix_claims_speaker", claims.c.speaker_id)
Index("ix_claims_subject", claims.c.subject_id)
Index("ix_claims_authority", claims.c.authority_id)
# The claims page's date filter and its year and unit counts (migration 12).
Index("ix_claims_date", claims.c.date)
Index("ix_claims_unit_date", claims.c.unit, claims.c.date)

relations = Table(
    "relations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("story_id", String(24), ForeignKey("stories.id"), nullable=False),
    Column("source_idx", Integer, nullable=False),
    Column("target_idx", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("date", String(10)),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("source_id", String(96)),
    Column("target_id", String(96)),
    Column("stage", String(32), nullable=False),
)
Index("ix_relations_story", relations.c.story_id)
Index("ix_relations_source", relations.c.source_id)
Index("ix_relations_target", relations.c.target_id)

# --- derived: rebuilt from the facts by every resolution (store/derived.py) -------------------
# Nothing here is evidence: each row sums facts stored above, so pages read a few precomputed
# rows instead of aggregating hundreds of thousands of mentions per request.

entity_stories = Table(
    "entity_stories",
    metadata,
    Column("entity_id", String(96), primary_key=True),
    Column("story_id", String(24), primary_key=True),  # an annotated story (not a repeat)
    Column("mentions", Integer, nullable=False),
    Column("date", String(10)),  # the story's
)
Index("ix_entity_stories_story", entity_stories.c.story_id)

entity_counts = Table(
    "entity_counts",
    metadata,
    Column("entity_id", String(96), primary_key=True),
    Column("mentions", Integer, nullable=False),  # in stories and in removed furniture
    Column("stories", Integer, nullable=False),
    # Events it or one of its bodies took part in, chaired, organized or hosted.
    Column("events", Integer, nullable=False),
)

# Parts in an event, strongest first. A member's `rank` is its part's place in MEMBER_ORDER:
# the parts stories give, then "organizer", "place" (where it was held) and "official" (the
# organization of a post held by someone taking part, who is not there in person).
PART_ORDER = ("chair", "host", "delegation_head", "speaker", "participant")
MEMBER_ORDER = (*PART_ORDER, "organizer", "place", "official")
# A literal, not a bound parameter: SQLite uses the partial index below only for a query whose
# condition is the index's own, word for word.
ATTENDED: ColumnClause[Any] = literal_column(str(MEMBER_ORDER.index("official")))

event_members = Table(
    "event_members",
    metadata,
    # Keyed (and, on SQLite, stored) by entity: an entity's events are one range of rows.
    Column("entity_id", String(96), primary_key=True),
    Column("event_id", String(96), primary_key=True),
    Column("part", String(16), nullable=False),  # the strongest the entity had there
    Column("rank", Integer, nullable=False),  # its place in MEMBER_ORDER
    Column("start", String(10)),  # the event's
    sqlite_with_rowid=False,
)
Index("ix_event_members_event", event_members.c.event_id)
# An entity's events of one month: an edge summed again reads its two nodes' events of its
# month, not every event of a busy organization (issue 10, migration 24).
Index("ix_event_members_start", event_members.c.entity_id, event_members.c.start)
# An entity's newest events without its officials' (most rows of a busy organization): an
# index walk that stops after a page of them.
Index(
    "ix_event_members_attended",
    event_members.c.entity_id,
    event_members.c.start,
    event_members.c.event_id,
    sqlite_where=event_members.c.rank < ATTENDED,
    postgresql_where=event_members.c.rank < ATTENDED,
)

posts = Table(
    "posts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("person_id", String(96)),
    Column("title", Text, nullable=False),
    Column("organization_id", String(96)),
    Column("country_id", String(96)),
    Column("first", String(10)),  # the first and last date a story says it was held
    Column("last", String(10)),
    Column("seen", Integer, nullable=False),  # how many phrases say so
    Column("evidence", Text, nullable=False),  # ids of the first few `roles` rows, by date
)
Index("ix_posts_person", posts.c.person_id)
Index("ix_posts_organization", posts.c.organization_id)
Index("ix_posts_country", posts.c.country_id)

network_edges = Table(
    "network_edges",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("bodies", Boolean, nullable=False),  # bodies kept apart (else folded into the top)
    Column("source", String(96), nullable=False),
    Column("target", String(96), nullable=False),
    Column("kind", String(24), nullable=False),  # a relation kind, or "co-participation"
    # "2019-10" of the events or relations summed; None: undated, or dated only to a month
    # or a year (those are summed from the facts when the page asks for a date range).
    Column("month", String(10)),
    Column("count", Integer, nullable=False),
    Column("first", String(10)),
    Column("last", String(10)),
    Column("evidence", Text, nullable=False),  # the first few event or story ids, one per line
)
# The key of an edge, month before pair (migration 25): the network's pages read the months of
# a date range (its prefix), and a batch finds and adds the edges of its events' months, which
# for a feed are the latest: its writes fall in one region of the index, not all over it.
Index(
    "ix_network_edges_key",
    network_edges.c.bodies,
    network_edges.c.month,
    network_edges.c.source,
    network_edges.c.target,
    network_edges.c.kind,
)

CO_PARTICIPATION = "co-participation"  # the kind of an edge summed from shared events

# The rows batches added to a month's co-participation edges since its edges were last
# folded into one row each (issue 10, migration 26, store/edge_parts.py): a batch adds what
# its events bring to an edge as a part, and a month is folded once it has grown enough.
edge_months = Table(
    "edge_months",
    metadata,
    Column("bodies", Boolean, primary_key=True),
    Column("month", String(10), primary_key=True),  # "" for the undated edges
    Column("added", Integer, nullable=False),  # rows added since the month was folded
    Column("kept", Integer, nullable=False),  # its rows then (0: not folded since summed)
)

# --- issue 12: judgements (curation) ------------------------------------------------------------
# What people decided, as an edge list: who, when, why, and what (an action on a target, with
# another entity or a value). Never rewritten by a stage: resolution applies every judgement
# after it runs (resolve/judged.py), so they survive `annotate --redo` and a rebuild.

judgements = Table(
    "judgements",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "action", String(16), nullable=False
    ),  # merge|split|rename|kind|reject|confirm|note|undo
    Column("target", Text, nullable=False),  # an entity id, a fact key, or a judgement id (undo)
    Column("other", Text),  # merge: the entity kept; split: "mention:<key>" or "form:<text>"
    Column("value", Text),  # a new name, a kind, a note's text
    Column("why", Text, nullable=False),
    Column("who", String(100), nullable=False),
    Column("at", String(32), nullable=False),
    Column("snapshot", Text, nullable=False),  # JSON: what the target looked like when judged
)

# Rebuilt by every resolution: how each judgement fared, and the facts rejected.
judgement_results = Table(
    "judgement_results",
    metadata,
    Column("judgement_id", Integer, primary_key=True, autoincrement=False),
    Column("status", String(16), nullable=False),  # applied|missing|undone
    Column("message", Text, nullable=False),
)
rejected_facts = Table(
    "rejected_facts",
    metadata,
    Column("fact", String(16), primary_key=True),  # role|statement|claim|relation
    Column("row_id", Integer, primary_key=True, autoincrement=False),
    Column("judgement_id", Integer, nullable=False),
)

# --- issue 13: places on the map ----------------------------------------------------------------
# Rebuilt with the derived tables (store/places.py): each place and country entity the offline
# gazetteer knows, with coordinates. A city is chosen among namesakes by the countries its
# stories mention (resolve/geocode.py); a country stands at its capital.

places = Table(
    "places",
    metadata,
    Column("entity_id", String(96), primary_key=True),  # a place or a country entity
    Column("name", Text, nullable=False),  # the gazetteer's name ("Minsk")
    Column("country", String(3)),  # ISO 3166 alpha-3 code ("BLR")
    Column("latitude", Float, nullable=False),
    Column("longitude", Float, nullable=False),
    Column("precision", String(16), nullable=False),  # city | country (drawn at its capital)
    Column("geonameid", Integer),
    Column("population", Integer),
    Column("stories", Integer, nullable=False),  # stories mentioning it
    Column("stage", String(32), nullable=False),
)
Index("ix_places_country", places.c.country)

# How many stories mention a place together with a country: what a place is geocoded by,
# kept as stories come and go so that a batch does not read every story of its places again
# (issue 10, migration 19).
place_countries = Table(
    "place_countries",
    metadata,
    Column("place_id", String(96), primary_key=True),
    Column("country_id", String(96), primary_key=True),
    Column("stories", Integer, nullable=False),
)
