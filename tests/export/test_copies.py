"""A story stored on two pages is annotated once; the export gives each page its facts, the
later copy's records marked `copy_of`."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from pressgraph.export.jsonl import write_jsonl
from pressgraph.store.db import Database
from tests.conftest import Cli

STORY = (
    "MOSCOW, March 3. /AGENCY/. More than 40 tonnes of drugs were seized during the operation, "
    "the CSTO Deputy Secretary General Pavel Orlov said on Monday."
)


@pytest.mark.slow
def test_the_copy_of_a_story_carries_the_facts_of_its_first_copy(
    cli: Cli, db_url: str, tmp_path: Path
) -> None:
    (tmp_path / "a.txt").write_text(f"Menu\n\n{STORY}\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text(f"All news\n\n{STORY}\n\nGo back\n", encoding="utf-8")
    assert cli("ingest", str(tmp_path)).exit_code == 0
    out = io.StringIO()
    write_jsonl(Database(db_url), out)
    recs = [json.loads(line) for line in out.getvalue().splitlines()]
    first, copy = sorted(
        (r for r in recs if r["type"] == "story"), key=lambda r: r["duplicate_of"] is not None
    )
    assert copy["duplicate_of"] == first["id"] and copy["text"] == first["text"]
    claims = [r for r in recs if r["type"] == "claim"]
    assert [(c["story"], c.get("copy_of")) for c in claims] == [
        (first["id"], None),
        (copy["id"], claims[0]["id"]),
    ]
    assert claims[1]["id"] == f"{claims[0]['id']}@{copy['id']}"
    assert (claims[1]["low"], claims[1]["unit"], claims[1]["start"]) == (
        claims[0]["low"],
        claims[0]["unit"],
        claims[0]["start"],
    )
    orlov = [r for r in recs if r["type"] == "mention" and r["text"] == "Pavel Orlov"]
    assert sorted(m["story"] for m in orlov) == sorted([first["id"], copy["id"]])
