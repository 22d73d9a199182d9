"""Benchmark: what a page costs as the database grows (issue 10).

Ingests a synthetic corpus of distinct pages in batches (default: 50,000 pages in batches of
1,000) and prints the time per page of each batch, whether the last batch costs at most
1.2x the first, then the time to ingest one more page into the final database: in this
process with the model loaded (a copy of each sample page: they differ twofold), and as a
fresh `pressgraph ingest` process.

Pages are the sample pages varied as bench/web.py varies them (`page_text`: other names,
places, years, and a unique last line). Annotating 50,000 pages with spaCy takes hours and
costs the same per page at any size, so, as in bench/web.py, `--templates` pages are
annotated for real once and every copy takes its template's annotations, varied per copy:
each person's surname becomes one of a growing pool (a person is in ~`--people-span`
copies), dates move on a day per page (a batch reports the events of its own months, as
a feed does), and event names and numbers change. Each batch then runs what
the flow runs after annotation: store the pages, store their annotations with the flow's
writer (`Grouped`: a group of stories per transaction), resolve (`resolve_changes`).
The one-page timings at the end include the real annotation of that page.

This VM's speed drifts by 15-30% over tens of minutes, and one batch's time swings by 10%
from one run to the next, so the verdict compares the two sizes at one speed, each timed
more than once: the last batch is ingested `--repeat` times, each time into a copy of the
database as it stood before it, and the first batch's pages are timed again into an empty
database of their own before each of those and once after. The verdict is the median of the
last batch's times against the median of the first's, timed around them.

    .venv/bin/python bench/growth.py [--pages 50000] [--batch 1000] [--templates 40]
                                     [--repeat 3] [--full] [--keep bench/out/growth.db]

`--full` resolves every batch with the full recomputation (`rebuild`), as before issue 10.
"""

from __future__ import annotations

import argparse
import compileall
import dataclasses
import datetime as dt
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pressgraph
from pressgraph.flow.annotate import Grouped, _annotated, annotate_stories
from pressgraph.flow.ingest import store_page
from pressgraph.records import Annotated, Page, Refusal
from pressgraph.resolve.update import rebuild, resolve_changes
from pressgraph.settings import Settings
from pressgraph.store.annotations import stories_to_annotate
from pressgraph.store.db import Database

# The varied sample pages of bench/web.py (this folder is on sys.path when a bench script runs).
from web import ROOT, SOURCE, page_text

FRESH_RUNS = 4  # pages ingested by fresh processes: two of each sample page
STEADY = 5  # the batch from which a batch's facts meet stored ones as much as later
SYLLABLES = ("ka", "ro", "mi", "len", "tor", "va", "shi", "dan", "bek", "ov", "zu", "rin")


def surname(n: int) -> str:
    """The n-th synthetic surname ("Karomov"...): distinct for every n."""
    parts = []
    while True:
        n, r = divmod(n, len(SYLLABLES))
        parts.append(SYLLABLES[r])
        if n == 0:
            break
    return "".join(parts).capitalize() + "ov"


def templates(count: int, model: str) -> tuple[list[str], dict[tuple[int, int], Annotated]]:
    """The seed texts, and the annotations of each template page's stories by (template,
    story index), annotated for real in a scratch database."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    found: dict[tuple[int, int], Annotated] = {}
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{Path(tmp) / 'templates.db'}")
        docs = {_store(db, n, page_text(seeds, n, count)): n for n in range(count)}
        for record in _annotated(stories_to_annotate(db), model, 1, None):
            if isinstance(record, Annotated) and not record.story.startswith("removed:"):
                doc, _, idx = record.story.rpartition("-")
                found[(docs[doc], int(idx))] = record
        db.close()
    return seeds, found


def _store(db: Database, n: int, body: str) -> str:
    result = store_page(db, Page(SOURCE.format(n), body, body, "text"))
    assert not isinstance(result, Refusal), result.message
    return result.document


def varied(record: Annotated, story: str, n: int, span: int, days: int) -> Annotated:
    """The template's annotations as copy `n` gives them: its story id, people of its own
    (each surname in ~`span` copies), dates moved by `days`, event names and numbers of its
    own: the events it reports are its own, as a distinct page's are."""
    rng = random.Random(n)
    names: dict[str, str] = {}

    def person(text: str) -> str:
        words = text.split()
        if not words:
            return text
        last = words[-1]
        names.setdefault(last, surname(n // span * 7 + len(names)))
        return " ".join([*words[:-1], names[last]])

    def date(value: str | None) -> str | None:
        """The date `days` later, at its precision ("2020-07" moves by months too)."""
        if value is None or len(value) not in (7, 10):
            return value
        try:
            day = value if len(value) == 10 else f"{value}-01"
            moved = dt.date.fromisoformat(day) + dt.timedelta(days=days)
        except ValueError:
            return value
        return moved.isoformat()[: len(value)]

    mentions = tuple(
        dataclasses.replace(m, story=story, name=person(m.name), text=person(m.text))
        if m.kind == "person"
        else dataclasses.replace(m, story=story)
        for m in record.mentions
    )
    return Annotated(
        story,
        mentions,
        tuple(dataclasses.replace(r, story=story, date=date(r.date)) for r in record.roles),
        tuple(
            dataclasses.replace(
                e,
                story=story,
                name=f"{e.name} {n}" if e.name else None,
                start=date(e.start),
                end=date(e.end),
            )
            for e in record.events
        ),
        tuple(dataclasses.replace(s, story=story) for s in record.statements),
        tuple(
            dataclasses.replace(c, story=story, low=c.low * rng.uniform(0.5, 2))
            for c in record.claims
        ),
        tuple(dataclasses.replace(r, story=story, date=date(r.date)) for r in record.relations),
    )


def ingest_batch(
    db: Database,
    seeds: list[str],
    made: dict[tuple[int, int], Annotated],
    numbers: range,
    args: argparse.Namespace,
) -> None:
    """Store these copies, their annotations, and resolve: the flow after annotation."""
    docs = {_store(db, n, page_text(seeds, n, args.templates)): n for n in numbers}
    writer = Grouped(db, "bench")  # the flow's writer: stories stored a group at a time
    stored = []
    for story in stories_to_annotate(db):
        n = docs[story.document]
        index = -1 if story.removed is not None else int(story.id.rpartition("-")[2])
        template = made.get((n % args.templates, index))
        if template is None:  # press signatures are not copied
            stored += writer.add(Annotated(story.id, (), ()))
        else:
            # Dates move on a day per page, as a feed's do: a batch is of its own months.
            stored += writer.add(varied(template, story.id, n, args.people_span, n))
    stored += writer.flush()
    assert all(isinstance(found, Annotated) for found in stored), stored
    if args.full:
        rebuild(db)
    else:
        resolve_changes(db)


def one_page(
    db: Database, seeds: list[str], n: int, settings: Settings
) -> tuple[list[float], list[float]]:
    """Seconds to ingest one new page (annotated for real) in this process, model loaded,
    for a copy of each sample page (after a first page that warms what loads once: the
    gazetteers, compiled patterns); and as a fresh `pressgraph ingest` process, for
    FRESH_RUNS pages (a copy of each sample page in turn)."""
    in_process = []
    for number in range(n, n + 1 + len(seeds)):
        start = time.perf_counter()
        _store(db, number, page_text(seeds, number, 10**9) + f"\nUpdated {number}.\n")
        annotate_stories(db, settings)
        in_process.append(time.perf_counter() - start)
    in_process = in_process[1:]  # the first page warmed the process
    n += len(seeds)
    # The package's bytecode, as an install compiles it (an editable install writes it on the
    # first run, unless PYTHONDONTWRITEBYTECODE is set, as in some sandboxes).
    compileall.compile_dir(Path(pressgraph.__file__).parent, quiet=1)
    fresh = []
    with tempfile.TemporaryDirectory() as tmp:
        for number in range(n + 1, n + 1 + FRESH_RUNS):
            page = Path(tmp) / f"page{number}.txt"
            page.write_text(page_text(seeds, number, 10**9) + f"\nUpdated {number}.\n", "utf-8")
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "pressgraph", "--db", db.url, "ingest", str(page)],
                check=True,
                capture_output=True,
            )
            fresh.append(time.perf_counter() - start)
    return in_process, fresh


def timed_batch(
    db: Database,
    seeds: list[str],
    made: dict[tuple[int, int], Annotated],
    numbers: range,
    args: argparse.Namespace,
) -> float:
    """Seconds per page to ingest these copies (`ingest_batch`)."""
    start = time.perf_counter()
    ingest_batch(db, seeds, made, numbers, args)
    return (time.perf_counter() - start) / len(numbers)


def first_batch_again(
    tmp: Path, seeds: list[str], made: dict[tuple[int, int], Annotated], args: argparse.Namespace
) -> float:
    """Seconds per page of the first batch's pages into an empty database of its own (then
    deleted): what the first batch costs at the machine's speed of the moment."""
    path = tmp / "again.db"
    db = Database(f"sqlite:///{path}")
    cost = timed_batch(db, seeds, made, range(min(args.batch, args.pages)), args)
    db.close()
    for leftover in tmp.glob("again.db*"):
        leftover.unlink()
    print(f"the first batch again, into an empty database: {cost * 1000:7.1f} ms/page")
    return cost


def print_ratios(costs: list[float], last: list[float], again: list[float]) -> None:
    """The last batch against the first: as timed at the start; the verdict: the median of
    the last batch's times against the median of the first batch's timed around them (the
    same machine speed); and against the STEADY-th batch, from which a batch's events,
    people and edges meet stored ones as a feed's do (the rest is the size alone)."""
    ratio = statistics.median(last) / costs[0]
    print(f"last batch / first batch: {ratio:.2f}x (the first timed at the start)")
    if again:
        ratio = statistics.median(last) / statistics.median(again)
        verdict = "met" if ratio <= 1.2 else "NOT met"
        print(
            f"last batch / first batch timed around it: {ratio:.2f}x (medians of "
            f"{len(last)} and {len(again)}; target <= 1.2x: {verdict})"
        )
    if len(costs) > STEADY:
        steady = statistics.median(last) / costs[STEADY - 1]
        print(f"last batch / batch {STEADY}: {steady:.2f}x (what the size alone adds)")


def last_batch(
    path: Path,
    seeds: list[str],
    made: dict[tuple[int, int], Annotated],
    numbers: range,
    args: argparse.Namespace,
) -> tuple[list[float], list[float]]:
    """Seconds per page of the last batch, `args.repeat` times, each into the database at
    `path` as it stands now (a copy of it, kept aside, is put back before each repeat), and
    of the first batch into an empty database before each and once after."""
    kept = path.with_name("before-last.db")
    copy_database(path, kept)
    last: list[float] = []
    again: list[float] = []
    for repeat in range(args.repeat):
        if repeat:
            copy_database(kept, path)
        os.sync()  # the copy's writes are not left to slow what is timed next
        again.append(first_batch_again(path.parent, seeds, made, args))
        db = Database(f"sqlite:///{path}")
        last.append(timed_batch(db, seeds, made, numbers, args))
        db.close()
        print(f"pages {numbers[-1] + 1:>6,}: {last[-1] * 1000:7.1f} ms/page (the last batch)")
    again.append(first_batch_again(path.parent, seeds, made, args))
    for leftover in path.parent.glob(f"{kept.name}*"):
        leftover.unlink()
    return last, again


def copy_database(source: Path, target: Path) -> None:
    """Copy a closed SQLite database with its log, if one is left, over another's files."""
    for leftover in target.parent.glob(f"{target.name}*"):
        leftover.unlink()
    for part in source.parent.glob(f"{source.name}*"):
        shutil.copyfile(part, target.with_name(target.name + part.name[len(source.name) :]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=50_000)
    parser.add_argument("--batch", type=int, default=1_000)
    parser.add_argument("--templates", type=int, default=40)
    parser.add_argument("--people-span", type=int, default=20, help="copies a person is in")
    parser.add_argument("--repeat", type=int, default=3, help="times the last batch is timed")
    parser.add_argument("--full", action="store_true", help="resolve each batch in full")
    parser.add_argument("--keep", help="keep the final database at this path")
    args = parser.parse_args()
    if args.repeat < 1:
        parser.error("--repeat: the last batch must be timed at least once")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "growth.db"
        settings = Settings(db_url=f"sqlite:///{path}")
        start = time.perf_counter()
        seeds, made = templates(args.templates, settings.model)
        print(f"{args.templates} templates annotated in {time.perf_counter() - start:.0f} s")
        db = Database(settings.db_url)
        costs = []
        starts = range(0, args.pages, args.batch)
        last: list[float] = []
        again: list[float] = []  # the first batch into an empty database, around the last
        for first in starts:
            numbers = range(first, min(first + args.batch, args.pages))
            if first == starts[-1] and len(starts) > 1:
                db.close()
                last, again = last_batch(path, seeds, made, numbers, args)
                costs.append(statistics.median(last))
                db = Database(settings.db_url)
                continue
            costs.append(timed_batch(db, seeds, made, numbers, args))
            print(f"pages {first + len(numbers):>6,}: {costs[-1] * 1000:7.1f} ms/page", flush=True)
        print_ratios(costs, last or costs[-1:], again)
        in_process, fresh = one_page(db, seeds, args.pages, settings)
        shown = ", ".join(f"{s:.2f}" for s in in_process)
        print(
            f"one page into {args.pages + 1:,} pages: {shown} s in process (model loaded; a copy"
            " of each sample page)"
        )
        shown = ", ".join(f"{s:.2f}" for s in fresh)
        verdict = "met" if statistics.median(fresh) < 3 else "NOT met"
        print(
            f"one more page: {shown} s as a fresh CLI process (median "
            f"{statistics.median(fresh):.2f} s; target < 3 s: {verdict})"
        )
        db.close()
        if args.keep:
            shutil.copy(path, args.keep)


if __name__ == "__main__":
    main()
