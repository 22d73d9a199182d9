"""Judgements on PostgreSQL: stored, applied by resolution and hiding rejected facts as on
SQLite (nothing in them assumed SQLite)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from pressgraph.cli import main
from pressgraph.export.jsonl import records
from pressgraph.resolve.judging import judge
from pressgraph.store.db import Database
from pressgraph.store.judgements import list_judgements, merged_into
from pressgraph.store.queries import list_claims
from tests.conftest import SEED_000


@pytest.mark.slow
def test_judgements_apply_on_postgresql(pg_url: str) -> None:
    result = CliRunner().invoke(main, ["--db", pg_url, "ingest", str(SEED_000)])
    assert result.exit_code == 0, result.output
    db = Database(pg_url)
    try:
        claim = next(c for c in list_claims(db) if c.unit == "militant")
        khan, voronkov = "person:jehangir-khan", "person:vladimir-voronkov"
        made = [
            judge(db, "merge", khan, other=voronkov, why="x", who="t"),
            judge(db, "reject", f"claim:{claim.id}", why="x", who="t"),
            judge(db, "split", voronkov, other="form:V. Voronkov", why="x", who="t"),
        ]
        assert [j.status for j in made] == ["applied"] * 3
        assert merged_into(db, "person:jehangir-khan") == "person:vladimir-voronkov"
        assert claim.id not in {c.id for c in list_claims(db)}
        assert "person:v-voronkov" in {r["id"] for r in records(db) if r["type"] == "entity"}
        assert len(list_judgements(db)) == 3
    finally:
        db.close()
