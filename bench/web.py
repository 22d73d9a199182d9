"""Benchmark: web page response times (p50, p95, max) on a database of 10,000 stories.

Builds the database through the ingest pipeline from the sample pages in examples/, each copy
with other names, places and dates, then requests every page type (HTML and JSON twins) with
the in-process client and prints a table. The target of issue 5 is p95 under 100 ms.

    .venv/bin/python bench/web.py [--stories 10000] [--requests 200] [--keep bench/out/web.db]

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

from pressgraph.ingest.pipeline import store_page
from pressgraph.records import Page, Refusal
from pressgraph.store.db import Database
from pressgraph.store.documents import counts, list_stories
from pressgraph.web.app import create_app

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 100.0
# Each copy of a sample page swaps these for one of the variants (spellings and other people).
VARIANTS = {
    "Semerikov": ["Semerikov", "Semerikov", "Semyorikov", "Zas", "Tasmagambetov", "Sidorov"],
    "Papikian": ["Papikian", "Papikyan", "Khrenin", "Shoigu", "Shoygu", "Khairulloev"],
    "Guterres": ["Guterres", "Voronkov", "Coninsx", "Peško", "Peshko"],
    "Moscow": ["Moscow", "Minsk", "Astana", "Bishkek", "Dushanbe", "Yerevan", "Tashkent"],
    "New York": ["New York", "Geneva", "Vienna", "Beijing", "Almaty"],
}
YEAR = re.compile(r"\b(?:2019|2021|2022)\b")


def vary(text: str, n: int, rng: random.Random) -> str:
    """Copy `n` of a sample page: other names and places, years shifted, a unique last line."""
    for name, options in VARIANTS.items():
        text = text.replace(name, rng.choice(options))
    shift = n % 29 - 25  # years 1994..2025
    text = YEAR.sub(lambda m: str(int(m.group()) + shift), text)
    return f"{text}\n\nReference number {n} of the press service archive.\n"


def build(path: Path, stories: int) -> Database:
    """Ingest varied copies of the sample pages until the database holds `stories` stories."""
    db = Database(f"sqlite:///{path}")
    have = counts(db)["stories"]
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    rng = random.Random(5)
    n = have
    start = time.perf_counter()
    while have < stories:
        text = vary(seeds[n % len(seeds)], n, rng)
        result = store_page(db, Page(f"bench://page/{n}", text, text, "text"))
        assert not isinstance(result, Refusal), result.message
        have += result.stories
        n += 1
        if n % 500 == 0:
            took = time.perf_counter() - start
            print(f"  built {have:,} stories in {took:.0f} s", file=sys.stderr)
    return db


def measure(call: Callable[[], object], requests: int) -> list[float]:
    """Milliseconds per request for `requests` requests, after a few to warm up."""
    for _ in range(5):
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


def cases(db: Database, client: TestClient) -> dict[str, Callable[[], object]]:
    """Name -> a function making one request for that page (stories and documents vary)."""
    ids = [s.id for s in list_stories(db)]
    rng = random.Random(7)

    def get(path: str, status: int = 200) -> Callable[[], object]:
        def call() -> object:
            response = client.get(path)
            assert response.status_code == status, (path, response.status_code)
            return response

        return call

    def story(suffix: str) -> Callable[[], object]:
        return lambda: get(f"/stories/{rng.choice(ids)}{suffix}")()

    def document(suffix: str) -> Callable[[], object]:
        return lambda: get(f"/documents/{rng.choice(ids).split('-')[0]}{suffix}")()

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
        "browse all, newest first": get("/search"),
        "browse dates": get("/search?from=2010-01-01&to=2012-12-31"),
        "malformed query (400)": get("/search?q=%22unbalanced", 400),
        "story": story(""),
        "story .json": story(".json"),
        "document": document(""),
        "document .json": document(".json"),
        "not found (404)": get("/stories/none", 404),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stories", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the database at this path")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "web.db"
        path.parent.mkdir(parents=True, exist_ok=True)
        start = time.perf_counter()
        db = build(path, args.stories)
        held = counts(db)
        print(
            f"database: {held['documents']:,} documents, {held['stories']:,} stories "
            f"(ready in {time.perf_counter() - start:.0f} s)"
        )
        with TestClient(create_app(db)) as client:
            pages = cases(db, client)
            results = {name: measure(call, args.requests) for name, call in pages.items()}
        db.close()
    print(f"\n{args.requests} requests per page, in-process client, times in ms\n")
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
