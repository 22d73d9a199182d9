"""Benchmark: `pressgraph ingest --workers 1` against `--workers 2` on the same pages.

Builds a corpus of varied copies of the sample pages (as bench/ingest.py does), then, in
turns, ingests it into a fresh SQLite database with `pressgraph ingest --workers N` (the whole
command: start, read, clean, store, annotate, resolve) and annotates it again with
`pressgraph annotate --redo --workers N` (annotation and resolution only). Reports the median
pages per second of each over the runs and the ratio of 2 workers to 1; as a reference on the
same texts in the same run, plain spaCy `nlp.pipe` of the configured model in one process
(model loaded) and with `n_process` = the worker count.

    .venv/bin/python bench/workers.py [--words 100000] [--runs 3] [--workers 2]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The same corpus and the same plain-spaCy reference as bench/ingest.py (this folder is on
# sys.path when a bench script runs).
from ingest import build_corpus, run_spacy
from pressgraph.settings import from_env


def timed(url: str, *args: str) -> float:
    """Seconds `python -m pressgraph --db URL ARGS...` took; it must say how many workers."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "pressgraph", "--db", url, *args],
        capture_output=True,
        text=True,
        check=True,
    )
    elapsed = time.perf_counter() - start
    workers = args[args.index("--workers") + 1]
    assert done.stdout.strip().endswith(f"workers: {workers}"), done.stdout[-300:]
    return elapsed


def measure(folder: Path, runs: int, counts: tuple[int, ...]) -> dict[str, list[float]]:
    """Seconds of each command and worker count, run after run, the counts taking turns."""
    found: dict[str, list[float]] = {}
    for run in range(runs):
        for n in counts:
            with tempfile.TemporaryDirectory() as tmp:
                url = f"sqlite:///{Path(tmp) / 'bench.db'}"
                ingest = timed(url, "ingest", str(folder), "--workers", str(n))
                redo = timed(url, "annotate", "--redo", "--workers", str(n))
            found.setdefault(f"ingest {n}", []).append(ingest)
            found.setdefault(f"annotate {n}", []).append(redo)
            print(f"run {run + 1}, {n} worker(s): ingest {ingest:.1f} s, annotate {redo:.1f} s")
    return found


def report(found: dict[str, list[float]], pages: int, words: int, top: int) -> None:
    """Median pages/s of each command and worker count, the ratio of the medians, and the
    median ratio of the runs (each run times 1 and `top` workers back to back: the load other
    work puts on the machine changes less within a run than across runs)."""
    for command in ("ingest", "annotate --redo"):
        key = command.split()[0]
        ones, manys = found[f"{key} 1"], found[f"{key} {top}"]
        one, many = statistics.median(ones), statistics.median(manys)
        paired = statistics.median(a / b for a, b in zip(ones, manys, strict=True))
        print(
            f"{command:16} 1 worker: {pages / one:5.2f} pages/s ({words / one:,.0f} words/s); "
            f"{top} workers: {pages / many:5.2f} pages/s ({words / many:,.0f} words/s); "
            f"ratio {one / many:.2f}x, run by run {paired:.2f}x (medians of {len(ones)} runs)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2, help="compared with 1")
    args = parser.parse_args()
    model = from_env().model
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pages, words = build_corpus(folder, args.words)
        print(f"corpus: {pages} pages, {words:,} words ({model})")
        found = measure(folder, args.runs, (1, args.workers))
        spacy_s = statistics.median(run_spacy(folder, model) for _ in range(args.runs))
        many_s = statistics.median(run_spacy(folder, model, args.workers) for _ in range(args.runs))
    report(found, pages, words, args.workers)
    one, many = (
        statistics.median(found["ingest 1"]),
        statistics.median(found[f"ingest {args.workers}"]),
    )
    print(
        f"plain spaCy nlp.pipe, one process: {pages / spacy_s:5.2f} pages/s "
        f"({words / spacy_s:,.0f} words/s; reference, same texts, model already loaded); "
        f"ingest with 1 worker is {spacy_s / one:.2f}x of it"
    )
    print(
        f"plain spaCy nlp.pipe, n_process={args.workers}: {pages / many_s:5.2f} pages/s "
        f"({words / many_s:,.0f} words/s; its processes' start included); "
        f"ingest with {args.workers} workers is {many_s / many:.2f}x of it"
    )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
