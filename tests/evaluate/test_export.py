"""Reading an export: records by type, documents paired by the base name of their source."""

from __future__ import annotations

from pathlib import Path

import pytest

from pressgraph.errors import EvaluationError
from pressgraph.evaluate.export import read_export

EXPORT = Path(__file__).resolve().parent.parent / "fixtures" / "evaluate" / "export.jsonl"


def test_records_are_filed_by_type_and_looked_up_by_id_and_file() -> None:
    export = read_export(EXPORT)
    assert len(export.of("document")) == 3 and len(export.of("claim")) == 4
    assert sorted(export.docs_by_file) == ["101.txt", "102.txt", "104.txt"]
    assert export.entities["p-khar"]["name"] == "Yury Haritonov"
    assert [s["id"] for s in export.stories_by_document["d101"]] == ["s101a", "s101b", "s101c"]
    assert len(export.mentions_by_story["s102a"]) == 5
    assert export.of("nothing") == []


def test_a_source_ending_in_a_slash_has_no_file_name(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    path.write_text(
        '{"type": "document", "id": "d", "source": "https://example.org/news/12/"}\n\n',
        encoding="utf-8",
    )
    assert list(read_export(path).docs_by_file) == [""]


def test_a_missing_export_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(EvaluationError, match="no such export; write one with `pressgraph export"):
        read_export(tmp_path / "out.jsonl")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", r"line 2: not valid JSON"),
        ('["document"]', r'line 2: every line of an export is a JSON object with a "type"'),
        ('{"type": "story", "text": "x"}', r'line 2: every story record needs an "id"'),
    ],
)
def test_a_bad_line_is_named(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "out.jsonl"
    path.write_text('{"type": "entity", "id": "e1"}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match=message):
        read_export(path)
