"""Benchmark: web page response times (p50, p95, max) on a database of 10,000 stories.

Builds the database through the ingest pipeline from the sample pages in examples/, each copy
with other names, places and dates, then requests every page type (HTML and JSON twins) with
the in-process client and prints a table. The target of issue 5 is p95 under 100 ms.

Annotating 10,000 stories would take hours, so the copies come from a few templates: the first
`--annotated` pages (one per template) go through the real annotation stage (spaCy, resolution,
events, statements, claims, relations), and every later copy of a template differs from it
only in a last line, after all of its facts, so the template's annotation rows are copied to it
with the same offsets. Each copy reports its own events (the template's events copied under
new ids), so the lists, the network and the entity pages see ~10,000 events and ~600,000
mentions, like a real knowledge base of this size. The derived tables the pages read
(store/derived.py) are then rebuilt over everything, as resolution does, and timed.

    .venv/bin/python bench/web.py [--stories 10000] [--requests 200] [--annotated 40]
                                  [--keep bench/out/web.db]

With --keep, the database is built once at that path and reused by later runs.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Connection, Table, TextClause, func, select, text

from pressgraph.flow.annotate import annotate_stories
from pressgraph.flow.ingest import store_page
from pressgraph.records import Page, Refusal
from pressgraph.settings import Settings
from pressgraph.store import derived, schema
from pressgraph.store.db import Database
from pressgraph.store.documents import counts
from pressgraph.web.app import SERVE_THREADS, create_app

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 100.0
SOURCE = "bench://page/{}"
# Each copy of a sample page swaps these for one of the variants (spellings and other people).
VARIANTS = {
    "Semerikov": ["Semerikov", "Semerikov", "Semyorikov", "Zas", "Tasmagambetov", "Sidorov"],
    "Papikian": ["Papikian", "Papikyan", "Khrenin", "Shoigu", "Shoygu", "Khairulloev"],
    "Guterres": ["Guterres", "Voronkov", "Coninsx", "Peško", "Peshko"],
    "Moscow": ["Moscow", "Minsk", "Astana", "Bishkek", "Dushanbe", "Yerevan", "Tashkent"],
    "New York": ["New York", "Geneva", "Vienna", "Beijing", "Almaty"],
}
YEAR = re.compile(r"\b(?:2019|2021|2022)\b")
# Rows copied from a template story to its copies (all but `id`; `story_id` becomes the copy).
COPIED = (schema.mentions, schema.roles, schema.statements, schema.claims, schema.relations)


def vary(text: str, n: int) -> str:
    """Template `n` of a sample page: other names and places, years shifted."""
    rng = random.Random(n)
    for name, options in VARIANTS.items():
        text = text.replace(name, rng.choice(options))
    shift = n % 29 - 25  # years 1994..2025
    return YEAR.sub(lambda m: str(int(m.group()) + shift), text)


def page_text(seeds: list[str], n: int, templates: int) -> str:
    """Copy `n`: its template's text and a unique last line (after all of the template's facts)."""
    k = n % templates
    return f"{vary(seeds[k % len(seeds)], k)}\n\nReference number {n} of the press archive.\n"


def build(path: Path, stories: int, templates: int) -> Database:
    """The templates ingested and annotated, then copies until there are `stories` stories."""
    db = Database(f"sqlite:///{path}")
    if counts(db)["stories"] >= stories:
        return db
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    start = time.perf_counter()
    for n in range(templates):
        _store(db, n, page_text(seeds, n, templates))
    annotate_stories(db, Settings(db_url=db.url))
    print(f"  annotated {templates} template pages in {time.perf_counter() - start:.0f} s")
    have, n = counts(db)["stories"], templates
    while have < stories:
        have += _store(db, n, page_text(seeds, n, templates))
        n += 1
        if n % 1000 == 0:
            print(
                f"  built {have:,} stories in {time.perf_counter() - start:.0f} s", file=sys.stderr
            )
    copy_annotations(db, n, templates)
    print(f"  copied annotations in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    summing = time.perf_counter()
    with db.begin() as conn:  # what resolution does after it rewrites the events
        summed = derived.refresh(conn)
    print(
        f"  derived tables rebuilt in {time.perf_counter() - summing:.1f} s "
        f"({summed.entity_stories:,} entity-story rows, {summed.event_members:,} event "
        f"members, {summed.posts:,} posts, {summed.network_edges:,} network edges)"
    )
    return db


def _store(db: Database, n: int, body: str) -> int:
    result = store_page(db, Page(SOURCE.format(n), body, body, "text"))
    assert not isinstance(result, Refusal), result.message
    return result.stories


def copy_annotations(db: Database, pages: int, templates: int) -> None:
    """Give every copy its template's annotations: mentions to relations, and its own events."""
    with db.begin() as conn:
        docs = dict(conn.execute(select(schema.documents.c.source, schema.documents.c.id)).all())
        annotated = set(conn.execute(select(schema.annotated.c.target)).scalars())
        # A repeated sidebar is annotated once, in its first copy (as `ingest` does).
        repeats = set(
            conn.execute(
                select(schema.stories.c.id).where(schema.stories.c.duplicate_of.is_not(None))
            ).scalars()
        )
        pairs = []
        for n in range(templates, pages):
            template, copy = docs[SOURCE.format(n % templates)], docs[SOURCE.format(n)]
            for idx in range(4):
                old, new = f"{template}-{idx}", f"{copy}-{idx}"
                if old in annotated and new not in repeats:
                    pairs.append({"old": old, "new": new, "suffix": f"~{n}"})
        for table in COPIED:
            conn.execute(_copy_rows(table), pairs)
        _copy_events(conn, pairs)
        conn.execute(
            text(
                "INSERT INTO annotated (target, stage, model, at) "
                "SELECT :new, stage, model, at FROM annotated WHERE target = :old"
            ),
            pairs,
        )


def _copy_rows(table: Table) -> TextClause:
    """INSERT ... SELECT of a story's rows under the copy's id (events under their copy's id)."""
    columns = [c.name for c in table.c if c.name not in ("id", "story_id")]
    chosen = [
        f"CASE WHEN {c} IS NULL THEN NULL ELSE {c} || :suffix END" if c == "event_id" else c
        for c in columns
    ]
    return text(
        f"INSERT INTO {table.name} (story_id, {', '.join(columns)}) "
        f"SELECT :new, {', '.join(chosen)} FROM {table.name} WHERE story_id = :old"
    )


def _copy_events(conn: Connection, pairs: list[dict[str, str]]) -> None:
    """Each copy's story events, their parts, and the events themselves under new ids."""
    conn.execute(_copy_rows(schema.story_events), pairs)
    conn.execute(
        text(
            "INSERT INTO story_event_parts (story_event_id, mention_idx, part, stage) "
            "SELECT ne.id, p.mention_idx, p.part, p.stage FROM story_event_parts p "
            "JOIN story_events oe ON oe.id = p.story_event_id "
            "JOIN story_events ne ON ne.story_id = :new AND ne.idx = oe.idx "
            "WHERE oe.story_id = :old"
        ),
        pairs,
    )
    conn.execute(
        text(
            'INSERT OR IGNORE INTO events (id, kind, name, start, "end", place_id, format, '
            'chair_id, stage) SELECT e.id || :suffix, e.kind, e.name, e.start, e."end", '
            "e.place_id, e.format, e.chair_id, e.stage FROM events e WHERE e.id IN "
            "(SELECT event_id FROM story_events WHERE story_id = :old)"
        ),
        pairs,
    )


def measure(call: Callable[[], object], requests: int) -> list[float]:
    """Milliseconds per request for `requests` requests, after a few to warm up."""
    for _ in range(3):
        call()
    times = []
    for _ in range(requests):
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return times


def p95(times: list[float]) -> float:
    """The 95th percentile."""
    return statistics.quantiles(times, n=20, method="inclusive")[-1]


def _ids(db: Database) -> dict[str, list[str]]:
    """Ids to pick from: stories (annotated ones apart), entities and events."""
    with db.read() as conn:
        stories = list(conn.execute(select(schema.stories.c.id)).scalars())
        annotated = list(conn.execute(select(schema.annotated.c.target)).scalars())
        entities = list(conn.execute(select(schema.entities.c.id)).scalars())
        events = list(conn.execute(select(schema.events.c.id).limit(5000)).scalars())
        busiest = conn.execute(
            select(schema.mentions.c.entity_id)
            .where(schema.mentions.c.entity_id.like("org:%"))
            .group_by(schema.mentions.c.entity_id)
            .order_by(func.count().desc())
            .limit(1)
        ).scalar_one()
    return {
        "stories": stories,
        "annotated": [a for a in annotated if not a.startswith("removed:")],
        "entities": entities,
        "events": events,
        "busiest": [busiest],
    }


def cases(db: Database, client: TestClient) -> dict[str, Callable[[], object]]:
    """Name -> a function making one request for that page (ids vary where it says random)."""
    ids = _ids(db)
    rng = random.Random(7)

    def get(path: str, status: int = 200) -> Callable[[], object]:
        def call() -> object:
            response = client.get(path)
            assert response.status_code == status, (path, response.status_code)
            return response

        return call

    def pick(prefix: str, kind: str, suffix: str = "") -> Callable[[], object]:
        return lambda: get(f"{prefix}{rng.choice(ids[kind])}{suffix}")()

    return {
        "home /": get("/"),
        "home /index.json": get("/index.json"),
        "search common word (CSTO)": get("/search?q=CSTO"),
        "search common word .json": get("/search.json?q=CSTO"),
        "search name (Semerikov)": get("/search?q=Semerikov"),
        'search phrase ("Second Conference")': get("/search?q=%22Second+Conference%22"),
        "search prefix (semer*)": get("/search?q=semer*"),
        "search AND/NOT": get("/search?q=CSTO+AND+terrorism+NOT+Minsk"),
        "search + dates (2000-2005)": get("/search?q=terrorism&from=2000-01-01&to=2005-12-31"),
        "search page 50": get("/search?q=CSTO&page=50"),
        "search + entity (CSTO)": get("/search?q=terrorism&entity=org:csto"),
        "search + event kind (meeting)": get("/search?q=CSTO&kind=meeting"),
        "browse all, newest first": get("/search"),
        "browse dates": get("/search?from=2010-01-01&to=2012-12-31"),
        "browse entity + kind": get("/search?entity=org:un&kind=conference"),
        "malformed query (400)": get("/search?q=%22unbalanced", 400),
        "story (random)": pick("/stories/", "stories"),
        "story, annotated (random)": pick("/stories/", "annotated"),
        "story, annotated .json": pick("/stories/", "annotated", ".json"),
        "document (random)": lambda: get(f"/documents/{rng.choice(ids['stories'])[:16]}")(),
        "entities list (all)": get("/entities"),
        "entities list (people, q=semer)": get("/entities?kind=person&q=semer"),
        "entity: busiest organization": pick("/entities/", "busiest"),
        "entity: busiest org .json": pick("/entities/", "busiest", ".json"),
        "entity: Semerikov": get("/entities/person:valery-semerikov"),
        "entity: Semerikov .json": get("/entities/person:valery-semerikov.json"),
        "entity: CSTO Joint Staff": get("/entities/org:csto-joint-staff"),
        "entity (random)": pick("/entities/", "entities"),
        "events list (page 1 of all)": get("/events"),
        "events list (entity + kind)": get("/events?entity=org:csto-secretariat&kind=conference"),
        "events list (dates 2000-2001)": get("/events?from=2000-01-01&to=2001-12-31"),
        "event (random)": pick("/events/", "events"),
        "event .json (random)": pick("/events/", "events", ".json"),
        "network (one year)": get("/network?from=2010-01-01&to=2010-12-31"),
        "network (one year, people)": get("/network?from=2010-01-01&to=2010-12-31&people=true"),
        "network .json (all dates)": get("/network.json"),
        "network (all dates)": get("/network"),
        "claims (all)": get("/claims"),
        "claims (unit)": get("/claims?unit=fighter"),
        "claims (entity)": get("/claims?entity=org:csto-joint-staff"),
        "claims (dates 2000-2005)": get("/claims?from=2000&to=2005"),
        "claims sorted by figure": get("/claims?sort=-figure"),
        "events sorted by sources": get("/events?sort=-sources"),
        "events (kind facet: conference)": get("/events?kind=conference"),
        "events (year 2010)": get("/events?from=2010&to=2010"),
        "search, newest first": get("/search?q=CSTO&sort=newest"),
        "search + year (2010)": get("/search?q=terrorism&from=2010&to=2010"),
        "entities (q=ОДКБ, Russian)": get("/entities?q=%D0%9E%D0%94%D0%9A%D0%91"),
        "entities sorted by name": get("/entities?sort=name"),
        "documents list": get("/documents"),
        "story by prefix": lambda: get(f"/stories/{rng.choice(ids['stories'])[:12]}")(),
        "map (all dates)": get("/map"),
        "map (one year)": get("/map?from=2010&to=2010"),
        "map .json": get("/map.json"),
        "place page (Minsk)": get("/entities/place:minsk"),
        "country page (Kazakhstan)": get("/entities/country:KAZ"),
        "not found (404)": get("/stories/none", 404),
    }


def held(db: Database) -> str:
    """What the database holds, for the report."""
    have = counts(db)
    with db.read() as conn:
        rows = {
            t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in (schema.mentions, schema.entities, schema.events, schema.claims)
        }
        annotated = conn.execute(select(func.count()).select_from(schema.annotated)).scalar()
    return (
        f"{have['documents']:,} documents, {have['stories']:,} stories ({annotated:,} with "
        f"annotations), {rows['mentions']:,} mentions, {rows['entities']:,} entities, "
        f"{rows['events']:,} events, {rows['claims']:,} claims"
    )


def main() -> None:
    """Build (or reuse) the database, time every page, print the table."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--annotated", type=int, default=40, help="template pages annotated")
    parser.add_argument("--keep", type=Path, help="build (or reuse) the database at this path")
    parser.add_argument("--only", help="time only the pages whose name contains this")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "web.db"
        path.parent.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        db = build(path, args.stories, args.annotated)
        print(f"database: {held(db)} (ready in {time.perf_counter() - start:.0f} s)")
        # No response cache: every request makes its page (the cache would answer repeats).
        # Otherwise the application `serve` runs: its threads, and what it holds frozen once
        # started (the garbage collector's full passes over the bench's own objects stopped
        # one request in ten for 100-150 ms).
        app = create_app(db, cache=0, threads=SERVE_THREADS)
        with TestClient(app) as client:
            pages = {k: v for k, v in cases(db, client).items() if not args.only or args.only in k}
            results = {name: measure(call, args.requests) for name, call in pages.items()}
        db.close()
    report(results, args.requests)


def report(results: dict[str, list[float]], requests: int) -> None:
    """The table of times and the verdict against the target."""
    print(f"\n{requests} requests per page, in-process client, times in ms\n")
    print(f"| {'page':38} | {'p50':>6} | {'p95':>6} | {'max':>6} |")
    print(f"|{'-' * 40}|{'-' * 8}|{'-' * 8}|{'-' * 8}|")
    for name, times in results.items():
        print(
            f"| {name:38} | {statistics.median(times):6.1f} | {p95(times):6.1f} "
            f"| {max(times):6.1f} |"
        )
    worst = max(p95(t) for t in results.values())
    verdict = "under" if worst < TARGET_MS else "OVER"
    print(f"\nworst p95: {worst:.1f} ms ({verdict} the {TARGET_MS:.0f} ms target)")


if __name__ == "__main__":
    main()
