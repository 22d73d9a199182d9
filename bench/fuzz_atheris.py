"""Coverage-guided fuzzing (atheris, libFuzzer) of the byte-level readers (issue 11).

Hypothesis (bench/fuzz.py) generates structured inputs; atheris helps where a parser reads raw
bytes and the interesting inputs are found by following the code's branches: the text
decoder, the JSONL reader, HTML and the RSS/Atom parser. Each input picks a file type and
goes through `tests.fuzz.targets.read_file` (as `pressgraph ingest` reads a file); a crash is
an exception out of it, a refusal without a reason, or one with the reason "internal".

    .venv/bin/python bench/fuzz_atheris.py -runs=100000 [-max_len=4096] [CORPUS_DIR]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

with atheris.instrument_imports(include=["pressgraph.ingest", "pressgraph.clean"]):
    from tests.fuzz import targets

NAMES = ("page.txt", "page.md", "page.html", "page.jsonl", "news.rss", "feed.xml")
FOLDER = Path(tempfile.mkdtemp(prefix="pressgraph-atheris-"))


def one_input(data: bytes) -> None:
    """One file of the type the first byte picks, with the rest as its content."""
    if not data:
        return
    targets.read_file(FOLDER, NAMES[data[0] % len(NAMES)], data[1:])


def main() -> None:
    """Hand the command line (libFuzzer's options) to atheris and fuzz until done."""
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
