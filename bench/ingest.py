"""Benchmark: ingest a corpus made by repeating the sample pages to ~200,000 words.

Reports pages per second, words per second and peak memory of `pressgraph ingest`'s
pipeline (read, clean, split, store), and, as a reference on the same corpus in the
same run, plain spaCy (`nlp.pipe` of the configured model) words per second.

    .venv/bin/python bench/ingest.py [--words 200000] [--no-spacy]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from pressgraph.flow.ingest import ingest
from pressgraph.ingest.sources import expand
from pressgraph.settings import Settings, from_env
from pressgraph.store.db import Database

ROOT = Path(__file__).resolve().parent.parent


def build_corpus(folder: Path, words: int) -> tuple[int, int]:
    """Write varied copies of the sample pages until `words` words; return (pages, words)."""
    seeds = sorted((ROOT / "examples").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    total = pages = 0
    while total < words:
        text = texts[pages % len(texts)]
        # vary each copy so the content hash differs and every page is really stored
        varied = text.replace("2019", str(1990 + pages % 35)) + f"\n\nCopy number {pages}.\n"
        (folder / f"page_{pages:05d}.txt").write_text(varied, encoding="utf-8")
        total += len(varied.split())
        pages += 1
    return pages, total


def peak_rss_mb() -> float:
    """Peak resident memory of this process in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_ingest(folder: Path, settings: Settings) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{Path(tmp) / 'bench.db'}")
        start = time.perf_counter()
        summary = ingest(db, expand([str(folder)]), settings)
        elapsed = time.perf_counter() - start
        db.close()
    assert summary.refused == 0, summary.refusals[:3]
    return elapsed


def run_spacy(folder: Path, model: str, n_process: int = 1) -> float:
    """Seconds plain spaCy `nlp.pipe` takes over the folder's texts, model loaded (with
    `n_process` > 1, the start of its worker processes, which load the model, included)."""
    import spacy

    nlp = spacy.load(model)
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16, n_process=n_process):
        pass
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=200_000)
    parser.add_argument("--no-spacy", action="store_true", help="skip the plain spaCy reference")
    args = parser.parse_args()
    settings = from_env()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pages, words = build_corpus(folder, args.words)
        elapsed = run_ingest(folder, settings)
        memory = peak_rss_mb()
        print(f"corpus: {pages} pages, {words:,} words")
        print(
            f"ingest: {elapsed:.2f} s, {pages / elapsed:,.1f} pages/s, "
            f"{words / elapsed:,.0f} words/s, peak RSS {memory:.0f} MB"
        )
        if not args.no_spacy:
            spacy_s = run_spacy(folder, settings.model)
            print(
                f"plain spaCy nlp.pipe ({settings.model}): {spacy_s:.2f} s, "
                f"{words / spacy_s:,.0f} words/s (reference, same corpus)"
            )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
