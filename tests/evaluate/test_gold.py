"""Reading gold files: typed documents, and errors that say what is wrong and how to fix it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pressgraph.errors import EvaluationError, PressgraphError
from pressgraph.evaluate.gold import GoldClaim, GoldRole, read_gold
from tests.conftest import ROOT

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "evaluate" / "gold.json"


def _write(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_a_gold_file_becomes_typed_documents() -> None:
    first, second, third = read_gold(FIXTURE)
    assert (first.file, second.file, third.file) == ("101.txt", "102.txt", "103.txt")
    assert first.images == 2 and third.images is None
    assert first.persons[0].names == ["Yuriy Kharitonov", "Y. Kharitonov"]
    assert first.persons[0].roles == (GoldRole("Chairman", "NMSC", None, "2024-03-05"),)
    assert first.claims[2] == GoldClaim(300, None, "over", "volunteer", None)
    assert first.events[2].participants == ("Marta Lindqvist",)
    assert [o.names for o in second.organizations] == [
        ["Coastal Rescue Alliance", "CRA"],
        ["Lakeland Border Agency", "LBA"],
    ]


def test_the_projects_gold_files_read() -> None:
    assert len(read_gold(ROOT / "bench" / "gold" / "seeds.json")) == 2


def test_a_missing_gold_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match="no such gold file; give the path"):
        read_gold(tmp_path / "nothing.json")


def test_bad_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "gold.json"
    path.write_text('{"documents": [\n  {"file": "1.txt",}\n]}', encoding="utf-8")
    with pytest.raises(EvaluationError, match=r"not valid JSON \(.* at line 2, .*fix the syntax"):
        read_gold(path)


def test_a_gold_file_needs_a_documents_list(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match='a JSON object with a "documents" list'):
        read_gold(_write(tmp_path, [{"file": "1.txt"}]))


def test_a_document_without_file_says_how_to_pair_it(tmp_path: Path) -> None:
    path = _write(tmp_path, {"documents": [{"file": "1.txt"}, {"stories": []}]})
    with pytest.raises(EvaluationError, match='document 2 has no "file"; give the file name'):
        read_gold(path)


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"stories": [{"starts": "On 5 March"}]}, r'1\.txt: stories\[0\]: "main" must be given'),
        ({"persons": [{"aliases": []}]}, r'persons\[0\]: "name" must be given, as text'),
        ({"persons": [{"name": "A B", "roles": [{}]}]}, r'roles\[0\]: "title" must be given'),
        ({"claims": [{"low": "ten", "high": None, "approx": "exact", "unit": "x"}]}, '"low"'),
        ({"claims": [{"high": None, "approx": "exact", "unit": "x"}]}, '"low" must be given'),
        ({"events": [{"name": "x"}]}, r'events\[0\]: "kind" must be given'),
        ({"images": "two"}, '"images" must be the number of photos'),
        ({"statements_by": "Ines Castellano"}, '"statements_by" must be a list of texts'),
        ({"relations": [{"source": "A", "target": "B"}]}, '"kind" must be given'),
    ],
)
def test_a_malformed_field_is_named(tmp_path: Path, document: dict[str, Any], message: str) -> None:
    path = _write(tmp_path, {"documents": [{"file": "1.txt", **document}]})
    with pytest.raises(EvaluationError, match=message) as caught:
        read_gold(path)
    assert isinstance(caught.value, PressgraphError)
    assert "docs/gold.md" in str(caught.value)
