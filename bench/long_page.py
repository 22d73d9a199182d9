"""Benchmark: one very long page (issue 11: a 100 MB page once took 5.4 GB to store).

Writes a page of `--mb` megabytes of paragraphs (words of the sample pages' kind, one
paragraph per line), stores it with `pressgraph ingest --no-annotate` in a fresh process and
database, and prints the time and the process's peak memory (its maximum resident set).

    .venv/bin/python bench/long_page.py [--mb 20] [--mb 100]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SENTENCE = (
    "the secretary general of the organization met ministers in the capital on 12 march to "
    "discuss security cooperation and terrorism threats in the region with the delegations of "
    "member states and the council adopted a statement on joint exercises border protection"
)
WORDS = SENTENCE.split()


def write_page(path: Path, megabytes: int, seed: int = 1) -> None:
    """A headline, then paragraphs of 40-120 words until the page has `megabytes` MB."""
    rng = random.Random(seed)
    size, limit = 0, megabytes * 1_000_000
    with path.open("w", encoding="utf-8") as out:
        out.write("A Very Long Page\n\n")
        while size < limit:
            words = [rng.choice(WORDS) for _ in range(rng.randint(40, 120))]
            paragraph = " ".join(words).capitalize() + ".\n\n"
            out.write(paragraph)
            size += len(paragraph)


def store(path: Path, megabytes: int) -> tuple[float, float, str]:
    """Seconds, peak memory (MB) and summary line of `ingest --no-annotate` of the page."""
    with tempfile.TemporaryDirectory() as tmp:
        command = [
            sys.executable, "-m", "pressgraph", "--db", f"sqlite:///{tmp}/long.db", "ingest",
            "--no-annotate", "--max-bytes", str((megabytes + 1) * 1_000_000), str(path),
        ]  # fmt: skip
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
        start = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
        seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # kB on Linux
    return seconds, peak, done.stdout.strip().splitlines()[-1]


def main() -> None:
    """Write each page, store it, print a row per size."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--mb", type=int, action="append", help="page size in MB (repeatable)")
    sizes = parser.parse_args().mb or [20]
    print("| page | seconds | peak memory | stored |\n|---:|---:|---:|---|")
    for megabytes in sorted(sizes):  # the children's peak only grows: smallest first
        with tempfile.TemporaryDirectory() as tmp:
            page = Path(tmp) / f"long-{megabytes}mb.txt"
            write_page(page, megabytes)
            seconds, peak, summary = store(page, megabytes)
        print(f"| {megabytes} MB | {seconds:.0f} | {peak:.0f} MB | {summary} |")


if __name__ == "__main__":
    main()
