"""Issue 10: the job table and `status` read the same on PostgreSQL as on SQLite."""

from __future__ import annotations

import json
from typing import Any

import pytest
from click.testing import CliRunner

from pressgraph.cli import main
from tests.conftest import EXAMPLES, PAGES


def _run(url: str, *args: str) -> str:
    done = CliRunner().invoke(main, ["--db", url, *args], catch_exceptions=False)
    assert done.exit_code == 0, done.output
    return done.output


def _status(url: str) -> dict[str, Any]:
    """The status without what differs from run to run (times, process ids)."""
    found: dict[str, Any] = json.loads(_run(url, "status", "--json"))
    run = found.pop("last_run")
    found["last_run"] = (run["command"], run["inputs"], run["outcome"])
    found["problems"] = [{k: v for k, v in p.items() if k != "at"} for p in found["problems"]]
    return found


@pytest.mark.slow
def test_jobs_and_status_are_the_same_on_both_databases(pg_url: str, db_url: str) -> None:
    for url in (pg_url, db_url):
        _run(url, "ingest", "--no-annotate", str(EXAMPLES), str(PAGES / "pages.jsonl"))
    stored = _status(pg_url)
    assert stored == _status(db_url)
    assert stored["jobs"]["stored"] == 4 and stored["jobs"]["refused"] == 3
    assert stored["stories_left"] == 5 and stored["signatures_left"] == 1
    for url in (pg_url, db_url):
        _run(url, "annotate", "--workers", "1")
    done = _status(pg_url)
    assert done == _status(db_url)
    assert done["jobs"]["annotated"] == 4 and done["todo"] is None
    assert done["last_run"] == ("annotate", 0, "done")
