"""Benchmark: `ingest --scheduler` on a local Dask cluster against `--workers`, and the store's
size per page on SQLite and PostgreSQL.

Builds the corpus of bench/ingest.py, starts a LocalCluster of N worker processes (one thread
each) on 127.0.0.1, and times the whole command `pressgraph ingest --scheduler ADDRESS` and
`pressgraph ingest --workers N` into fresh SQLite databases (the cluster's workers are started
before the clock, their model is loaded by the command, as the forkserver's workers load
theirs). Then the bytes per page each database takes: the SQLite file, and with
`--postgresql URL` (a server, e.g. `postgresql+psycopg://postgres@127.0.0.1:5432`) a new
database's size over its size when empty, with the search column's GIN index apart.

    .venv/bin/python bench/cluster.py [--words 100000] [--workers 2] [--postgresql URL]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import text

from ingest import build_corpus
from pressgraph.store.db import Database


def timed(url: str, *args: str) -> float:
    """Seconds `python -m pressgraph --db URL ingest ARGS...` took."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "pressgraph", "--db", url, "ingest", *args],
        capture_output=True,
        check=True,
    )
    return time.perf_counter() - start


def on_cluster(folder: Path, workers: int, pages: int) -> Path:
    """Time ingest on a LocalCluster and in worker processes; return the cluster's database."""
    from distributed import LocalCluster

    keep = Path(tempfile.mkdtemp(prefix="pressgraph-cluster-"))
    with LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        host="127.0.0.1",
        processes=True,
        dashboard_address=None,
    ) as local:
        dask = timed(
            f"sqlite:///{keep / 'dask.db'}", str(folder), "--scheduler", local.scheduler_address
        )
    local_s = timed(f"sqlite:///{keep / 'local.db'}", str(folder), "--workers", str(workers))
    print(f"ingest --scheduler ({workers} Dask workers): {dask:.1f} s, {pages / dask:.2f} pages/s")
    print(f"ingest --workers {workers}: {local_s:.1f} s, {pages / local_s:.2f} pages/s")
    return keep / "dask.db"


def postgres_size(server: str, folder: Path, pages: int) -> None:
    """Bytes per page a PostgreSQL database takes, and its search index's share."""
    import psycopg

    name = f"bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(f"{server.replace('+psycopg', '')}/postgres", autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"')
    url = f"{server}/{name}"
    size = "SELECT pg_database_size(current_database())"
    db = Database(url)
    with db.read() as conn:
        empty = int(conn.execute(text(size)).scalar_one())
    db.close()
    timed(url, str(folder), "--workers", "2")
    db = Database(url)
    with db.read() as conn:
        conn.execute(text("CHECKPOINT"))
        full = int(conn.execute(text(size)).scalar_one())
        gin = int(
            conn.execute(text("SELECT pg_relation_size('ix_stories_search_vector')")).scalar_one()
        )
    db.close()
    print(
        f"PostgreSQL: {(full - empty) / pages / 1024:.0f} KB per page "
        f"(search GIN index {gin / pages / 1024:.1f} KB of it)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--postgresql", help="a PostgreSQL server's SQLAlchemy URL, no database")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pages, words = build_corpus(folder, args.words)
        print(f"corpus: {pages} pages, {words:,} words")
        lite = on_cluster(folder, args.workers, pages)
        wal = lite.with_name(lite.name + "-wal")
        stored = lite.stat().st_size + (wal.stat().st_size if wal.exists() else 0)
        print(f"SQLite: {stored / pages / 1024:.0f} KB per page")
        if args.postgresql:
            postgres_size(args.postgresql, folder, pages)


if __name__ == "__main__":
    main()
