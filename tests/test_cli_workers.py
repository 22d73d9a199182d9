"""`ingest --workers` and `annotate --workers` (issue 10, every core): the option is documented,
and two worker processes find exactly what one process finds."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from pressgraph.cli import main
from pressgraph.nlp import workers
from tests import databases
from tests.conftest import EXAMPLES


def _run(url: str, *args: str) -> Result:
    return CliRunner().invoke(main, ["--db", url, *args], catch_exceptions=False)


@pytest.mark.parametrize("command", ["ingest", "annotate"])
def test_the_help_documents_workers(command: str) -> None:
    shown = " ".join(
        CliRunner().invoke(main, [command, "--help"], terminal_width=200).output.split()
    )
    assert "--workers INTEGER RANGE" in shown
    assert "Processes running the annotation pipeline" in shown
    assert "default: (the number of cores)" in shown and "PRESSGRAPH_WORKERS" in shown


def _export(url: str, out: Path) -> list[str]:
    assert _run(url, "export", "--format", "jsonl", str(out)).exit_code == 0
    return sorted(out.read_text(encoding="utf-8").splitlines())


@pytest.mark.slow
def test_two_workers_know_what_one_process_knows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workers, "PER_WORKER", 1)  # the four texts of examples/ are enough
    one, two = (databases.fresh_url(tmp_path, name) for name in ("one.db", "two.db"))
    alone = _run(one, "ingest", "--workers", "1", str(EXAMPLES))
    shared = _run(two, "ingest", "--workers", "2", str(EXAMPLES))
    assert alone.exit_code == 0 and shared.exit_code == 0, shared.output
    assert alone.output.strip().endswith("workers: 1")
    assert shared.output.strip().endswith("workers: 2")
    first = _export(one, tmp_path / "one.jsonl")
    assert len(first) > 300 and first == _export(two, tmp_path / "two.jsonl")
    # annotate --redo too: ids go on from the first run's, the same way in both databases
    for url, n in ((one, "1"), (two, "2")):
        again = _run(url, "annotate", "--redo", "--workers", n)
        assert "Stories annotated: 3 (and 1 press signature)" in again.output
        assert again.output.strip().endswith(f"workers: {n}")
    redone = _export(one, tmp_path / "one-again.jsonl")
    assert redone != first and redone == _export(two, tmp_path / "two-again.jsonl")


def test_workers_are_worth_starting_early_for_many_pages_only(tmp_path: Path) -> None:
    from pressgraph.cli import _may_need_workers
    from pressgraph.ingest.files import Input

    page = Input(str(tmp_path / "page.txt"))
    assert not _may_need_workers([page])
    assert _may_need_workers([page] * workers.PER_WORKER)
    assert not _may_need_workers([page] * (workers.PER_WORKER - 1))
    for many in ("pages.jsonl", "feed.RSS", "news.atom"):
        assert _may_need_workers([page, Input(str(tmp_path / many))]), many
    assert _may_need_workers([Input("https://example.org/news/")])


@pytest.mark.slow
def test_one_page_is_annotated_here_without_starting_the_workers_server(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pressgraph.nlp import pool

    started: list[bool] = []
    monkeypatch.setattr(pool, "start_server", lambda model=None: started.append(bool(model)))
    page = sorted(EXAMPLES.glob("*.txt"))[0]
    done = _run(databases.fresh_url(tmp_path, "one.db"), "ingest", "--workers", "2", str(page))
    assert done.exit_code == 0, done.output
    assert done.output.strip().endswith("workers: 1") and started == []
    # many pages: the server starts at once (its imports overlap the reading of the pages)
    monkeypatch.setattr(workers, "PER_WORKER", 1)
    many = _run(databases.fresh_url(tmp_path, "two.db"), "ingest", "--workers", "2", str(EXAMPLES))
    assert many.exit_code == 0 and started, many.output
