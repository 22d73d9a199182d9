"""Fuzz run (issue 11): 100,000 generated cases through the targets of tests/fuzz/, counted.

The same targets and strategies as the short run in the test suite (tests/fuzz/test_fuzz.py),
with many more examples: files of every format read as ingest reads them, bytes decoded, text
cleaned and split, dates found, stories annotated, web pages asked with hostile parameters.
It prints how many cases each target ran, what happened to them (pages, refusals by reason,
HTTP statuses, recorded annotation failures by stage) and the crashes: an exception out of a
target, a refusal without a reason or with the reason "internal", or a 500. A crash stops its
target with Hypothesis' smallest failing example.

    .venv/bin/python bench/fuzz.py [--cases 100000] [--seed 1]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fuzz import strategies as gen  # noqa: E402
from tests.fuzz import targets  # noqa: E402

from pressgraph.flow.annotate import annotate_stories  # noqa: E402
from pressgraph.flow.ingest import ingest  # noqa: E402
from pressgraph.nlp.pipeline import build_pipeline  # noqa: E402
from pressgraph.settings import DEFAULT_MODEL, Settings  # noqa: E402
from pressgraph.store.db import Database  # noqa: E402
from pressgraph.web.app import create_app  # noqa: E402

# Share of the cases per target (annotation is the slowest per case).
SHARES = {
    "files": 0.40,
    "decode": 0.15,
    "clean": 0.15,
    "dates": 0.15,
    "annotate": 0.05,
    "web": 0.10,
}


def run(
    name: str, cases: int, strategy: Any, check: Callable[..., object], rng: int
) -> dict[str, Any]:
    """Run `check` on `cases` examples of `strategy`; count outcomes; catch the crash."""
    outcomes: Counter[str] = Counter()
    done = 0

    @seed(rng)
    @settings(
        max_examples=cases,
        deadline=None,
        database=None,
        phases=[Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def case(example: Any) -> None:
        nonlocal done
        done += 1
        found = check(*example) if isinstance(example, tuple) else check(example)
        for outcome in found if isinstance(found, list) else [found]:
            outcomes[str(outcome)] += 1

    start = time.perf_counter()
    crash = None
    try:
        case()
    except Exception as exc:  # the smallest failing example, after shrinking
        crash = "".join(traceback.format_exception_only(type(exc), exc)).strip()[-2000:]
    return {
        "name": name,
        "cases": done,
        "seconds": time.perf_counter() - start,
        "outcomes": outcomes,
        "crash": crash,
    }


def seeded_client(folder: Path) -> TestClient:
    """The web app over the sample pages, annotated (what the web target asks)."""
    url = f"sqlite:///{folder / 'fuzz.db'}"
    db = Database(url)
    ingest(db, [str(ROOT / "examples")], Settings(db_url=url))
    annotate_stories(db, Settings(db_url=url))
    return TestClient(create_app(db), raise_server_exceptions=False)


def main() -> None:
    """Run every target with its share of the cases and print the report."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    n = {name: max(1, int(args.cases * share)) for name, share in SHARES.items()}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = folder / "files"
        files.mkdir()
        nlp = build_pipeline(DEFAULT_MODEL)
        client = seeded_client(folder)
        plan = [
            ("files", gen.FILES, lambda name, data: targets.read_file(files, name, data)),
            ("decode", st.binary(max_size=4000), targets.decode_bytes),
            (
                "clean",
                st.tuples(gen.TEXT, st.sampled_from([None, "2021-06-30"])),
                targets.clean_and_split,
            ),
            ("dates", gen.TEXT, targets.dates),
            (
                "annotate",
                st.lists(gen.TEXT, min_size=1, max_size=3),
                lambda texts: targets.annotate(nlp, texts),
            ),
            ("web", gen.web_query(), lambda *q: targets.web(client, *q)),
        ]
        results = []
        for name, strategy, check in plan:
            results.append(run(name, n[name], strategy, check, args.seed))
            print(
                f"  {name}: {results[-1]['cases']:,} cases in {results[-1]['seconds']:.0f} s",
                file=sys.stderr,
            )
    report(results)


def report(results: list[dict[str, Any]]) -> None:
    """Cases, outcomes and crashes per target, and the totals."""
    print("\n| target | cases | seconds | outcomes | crashes |\n|---|---:|---:|---|---:|")
    for r in results:
        shown = ", ".join(f"{k} {v:,}" for k, v in r["outcomes"].most_common())
        crashed = int(bool(r["crash"]))
        print(f"| {r['name']} | {r['cases']:,} | {r['seconds']:.0f} | {shown} | {crashed} |")
    total = sum(r["cases"] for r in results)
    crashes = [r for r in results if r["crash"]]
    print(f"\n{total:,} cases, {len(crashes)} crashes")
    for r in crashes:
        print(f"\ncrash in {r['name']}:\n{r['crash']}")


if __name__ == "__main__":
    main()
