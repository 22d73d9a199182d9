"""The bundled data files read the same with libyaml's parser as with PyYAML's own, and a
broken or missing file is a DataError naming it."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pressgraph import datafiles
from pressgraph.errors import DataError

SRC = Path(datafiles.__file__).resolve().parent
FILES = sorted(SRC.glob("**/data/*.y*ml"))


def _package(path: Path) -> str:
    return ".".join(path.parent.parent.relative_to(SRC.parent).parts)


def test_there_are_data_files_to_read() -> None:
    assert len(FILES) >= 10


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(SRC)))
def test_each_file_reads_as_the_pure_python_parser_reads_it(path: Path) -> None:
    loaded = datafiles.load_yaml(_package(path), path.name)
    assert loaded == yaml.safe_load(path.read_text(encoding="utf-8"))
    assert loaded  # every bundled file holds something


def test_a_broken_file_names_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "broken.yml").write_text("titles: [minister,\n", encoding="utf-8")
    monkeypatch.setattr(datafiles.resources, "files", lambda _package: tmp_path)
    with pytest.raises(DataError, match=r"pressgraph/nlp/data/broken\.yml is not valid YAML"):
        datafiles.load_yaml("pressgraph.nlp", "broken.yml")


def test_a_missing_file_names_itself() -> None:
    with pytest.raises(DataError, match=r"pressgraph/nlp/data/nothing\.yml is missing"):
        datafiles.load_yaml("pressgraph.nlp", "nothing.yml")
