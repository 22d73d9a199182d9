"""Benchmark: the web server under load (issue 11), with wrk on loopback, bounded in time.

Starts `pressgraph serve --workers N` on 127.0.0.1 over the 10,000-story database that
bench/web.py builds, warms it up (`--warmup` seconds at concurrency 32, reported but not judged:
each server process makes its first pages, fills its caches and compiles its statements; a level
at concurrency 1 reaches only one process), then runs wrk (Debian's package; `make sysdeps`
installs it) at each concurrency for a fixed time, on a mix of pages a reader opens: one request
in three opens the home page, a search, a list, the claims or the network of one year; the
others a story, an entity, an event or a document drawn at random from all of the database's
(10,000 stories), so most of those are made for the first time during a run, whatever the
response cache keeps. Then it times searches of 100 terms (one request each, after the load). It
prints requests/s, latency percentiles and errors per level, and the verdict against the target
of issue 11: >= 200 requests/s at concurrency 32 with p99 < 250 ms and 0 errors, and every
100-term search answered in < 2 s.

    .venv/bin/python bench/load.py [--db bench/out/web.db] [--workers 2] [--seconds 13]
                                   [--levels 1,32,64] [--cache 2000] [--warmup 10] [--seed 11]

`--cache 0` measures the server without its response cache (web/cache.py).
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import httpx
from sqlalchemy import select

from pressgraph.store import schema
from pressgraph.store.db import Database

ROOT = Path(__file__).resolve().parent.parent
TARGET_RPS, TARGET_P99_MS, LEVEL = 200.0, 250.0, 32
SEARCH_LIMIT_S = 2.0
SERVE = (sys.executable, "-m", "pressgraph")
_WORDS = """
the of and to in a is for on with as by at from that was were be this are it an which has have
its their been or not also will had but more after into other than who all they one two new
security organization secretary general council meeting countries member states cooperation
terrorism international conference collective treaty joint staff defense ministers forces
exercises region heads state held discussed issues said president republic deputy session
committee head chairman minister delegation participants agreement memorandum signed year years
today work further support within during under about between against both each many most over
these those through when where while would could should first last three world peace border
group groups
"""
COMMON = _WORDS.split()
assert len(set(COMMON)) >= 100, "the long search needs 100 different words"
SEARCHES = {
    '100 × "the"': " ".join(["the"] * 100),
    "100 common words": " ".join(list(dict.fromkeys(COMMON))[:100]),
    '83 × "c*"': " ".join(["c*"] * 83),
    "100 rare words": " ".join(f"zq{n}x" for n in range(100)),
}
# Each wrk thread draws with its own seed, and each level with new ones: with one seed, the
# threads asked for the same pages in the same order, and a level replayed the one before, so
# the response cache answered most of what was meant to be made for the first time.
LUA = """
local paths = {}
for line in io.lines("%s") do paths[#paths + 1] = line end
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end
function init(args)
  math.randomseed(%d * 1000 + id)
end
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
"""


def mix(db: Database, rng: random.Random) -> list[str]:
    """The paths the load draws from (each as likely)."""
    with db.read() as conn:
        stories = list(conn.execute(select(schema.stories.c.id)).scalars())
        entities = list(conn.execute(select(schema.entities.c.id)).scalars())
        events = list(conn.execute(select(schema.events.c.id).limit(5000)).scalars())
    fixed = [
        "/",
        "/index.json",
        "/search?q=CSTO",
        "/search.json?q=terrorism",
        "/search?q=semer*",
        "/search?q=%22Second+Conference%22",
        "/search?q=terrorism&from=2000-01-01&to=2005-12-31",
        "/search",
        "/entities?kind=person",
        "/entities?kind=organization",
        "/events",
        "/events?from=2000-01-01&to=2001-12-31",
        "/claims",
        "/network?from=2010-01-01&to=2010-12-31",
    ]
    drawn = (
        [f"/stories/{s}" for s in stories]
        + [f"/stories/{s}.json" for s in rng.sample(stories, len(stories) // 5)]
        + [f"/entities/{quote(e)}" for e in entities]
        + [f"/events/{quote(e)}" for e in events]
        + [f"/documents/{s[:16]}" for s in rng.sample(stories, len(stories) // 3)]
    )
    # One request in three opens a list, a search or the home page; the others a story, an
    # entity, an event or a document drawn from all of them (mostly made for the first time).
    return fixed * (len(drawn) // (2 * len(fixed))) + drawn


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(db_url: str, port: int, workers: int, cache: int) -> subprocess.Popen[bytes]:
    """`pressgraph serve` on 127.0.0.1, ready to answer."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    server = subprocess.Popen(
        [
            *SERVE,
            "--db",
            db_url,
            "serve",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--cache",
            str(cache),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/index.json", timeout=5).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.3)
    server.kill()
    raise SystemExit("the server did not start within 120 s")


@dataclass(frozen=True)
class Level:
    """What wrk measured at one concurrency."""

    connections: int
    requests: int
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()  # type: ignore[union-attr]
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def run_wrk(url: str, script: Path, connections: int, seconds: int) -> Level:
    """wrk at `connections`, for `seconds`, with latency percentiles."""
    threads = min(2, connections)
    out = subprocess.run(
        ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout",
         "10s", "-s", str(script), url],
        capture_output=True, text=True, check=True, timeout=seconds + 60,
    ).stdout  # fmt: skip
    percent = dict(re.findall(r"^\s+(\d+)%\s+(\S+)\s*$", out, re.M))
    if "99" not in percent:
        raise SystemExit(f"wrk gave no latency distribution:\n{out}")
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    errors += int(m[1]) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0
    return Level(
        connections=connections,
        requests=int(re.search(r"(\d+) requests in", out)[1]),  # type: ignore[index]
        rps=float(re.search(r"Requests/sec:\s+([\d.]+)", out)[1]),  # type: ignore[index]
        p50_ms=_ms(percent["50"]),
        p99_ms=_ms(percent["99"]),
        errors=errors,
    )


def time_searches(base: str) -> list[tuple[str, int, float]]:
    """(name, status, seconds) of each long search, one at a time."""
    out = []
    for name, query in SEARCHES.items():
        start = time.perf_counter()
        response = httpx.get(f"{base}/search.json", params={"q": query}, timeout=30)
        out.append((name, response.status_code, time.perf_counter() - start))
    return out


def main() -> None:
    """Start the server, load it at each level, time the long searches, print the verdict."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--db", type=Path, default=ROOT / "bench" / "out" / "web.db")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seconds", type=int, default=13)
    parser.add_argument("--levels", default="1,32,64")
    parser.add_argument("--cache", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=11, help="the draws' seed (varies per level)")
    parser.add_argument(
        "--warmup", type=int, default=10, help="seconds at concurrency 32 first, not judged"
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: `make sysdeps` (or apt-get install wrk)")
    if not args.db.exists():
        raise SystemExit(f"{args.db}: build it first with bench/web.py --keep {args.db}")
    db_url = f"sqlite:///{args.db}"
    paths = mix(Database(db_url), random.Random(11))
    port = free_port()
    server = start_server(db_url, port, args.workers, args.cache)
    base = f"http://127.0.0.1:{port}"
    try:
        with tempfile.TemporaryDirectory() as tmp:
            listing = Path(tmp) / "paths.txt"
            listing.write_text("\n".join(paths) + "\n", encoding="utf-8")
            runs = [(LEVEL, args.warmup)] if args.warmup else []
            runs += [(int(c), args.seconds) for c in args.levels.split(",")]
            levels = []
            for number, (connections, seconds) in enumerate(runs):
                script = Path(tmp) / f"mix{number}.lua"
                script.write_text(LUA % (listing, args.seed + number), encoding="utf-8")
                levels.append(run_wrk(base, script, connections, seconds))
            warmup = levels.pop(0) if args.warmup else None
        searches = time_searches(base)
    finally:
        server.terminate()
        server.wait(30)
    report(args, len(paths), levels, searches, warmup)


def report(
    args: argparse.Namespace,
    paths: int,
    levels: list[Level],
    searches: list[tuple[str, int, float]],
    warmup: Level | None,
) -> None:
    """The table and the verdict."""
    print(
        f"\n{args.workers} worker processes, cache {args.cache}, {args.seconds} s per level, "
        f"{paths} paths in the mix, wrk on 127.0.0.1 (same machine)\n"
    )
    if warmup is not None:
        print(
            f"warm-up, not judged: {args.warmup} s at {warmup.connections}: {warmup.rps:.0f} "
            f"req/s, p50 {warmup.p50_ms:.1f} ms, p99 {warmup.p99_ms:.1f} ms, "
            f"{warmup.errors} errors\n"
        )
    print("| concurrency | requests | req/s | p50 ms | p99 ms | errors |")
    print("|---:|---:|---:|---:|---:|---:|")
    for level in levels:
        print(
            f"| {level.connections} | {level.requests:,} | {level.rps:.0f} | "
            f"{level.p50_ms:.1f} | {level.p99_ms:.1f} | {level.errors} |"
        )
    print("\n| search | status | seconds |\n|---|---:|---:|")
    for name, status, seconds in searches:
        print(f"| {name} | {status} | {seconds:.2f} |")
    at = next((lv for lv in levels if lv.connections == LEVEL), None)
    load_ok = (
        at is not None and at.rps >= TARGET_RPS and at.p99_ms < TARGET_P99_MS and at.errors == 0
    )
    search_ok = all(seconds < SEARCH_LIMIT_S for _, _, seconds in searches)
    verdict = "MET" if load_ok and search_ok else "NOT MET"
    print(
        f"\ntarget at concurrency {LEVEL}: >= {TARGET_RPS:.0f} req/s, p99 < {TARGET_P99_MS:.0f} "
        f"ms, 0 errors; every 100-term search < {SEARCH_LIMIT_S:.0f} s: {verdict}"
    )


if __name__ == "__main__":
    main()
