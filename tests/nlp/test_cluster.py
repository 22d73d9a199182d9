"""`ingest --scheduler` and `annotate --scheduler` (issue 10): the same flow on a real Dask
cluster (a LocalCluster of two worker processes on 127.0.0.1) finds exactly what one process
finds; a scheduler that cannot be reached is one clear line; a lost task's stories are left
for the next run."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from distributed import Client, KilledWorker, LocalCluster

from pressgraph.cli import main
from pressgraph.nlp import cluster
from pressgraph.nlp.workers import Story
from pressgraph.records import NotReturned
from tests import databases
from tests.conftest import EXAMPLES, PAGES


def _run(url: str, *args: str) -> Result:
    return CliRunner().invoke(main, ["--db", url, *args], catch_exceptions=False)


def _export(url: str, out: Path) -> list[str]:
    assert _run(url, "export", "--format", "jsonl", str(out)).exit_code == 0
    return sorted(out.read_text(encoding="utf-8").splitlines())


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """The address of a LocalCluster: two worker processes of one thread, on 127.0.0.1."""
    with LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        host="127.0.0.1",
        processes=True,
        dashboard_address=None,
    ) as local:
        yield str(local.scheduler_address)


@pytest.mark.slow
def test_a_dask_cluster_knows_what_one_process_knows(tmp_path: Path, scheduler: str) -> None:
    one, many = (databases.fresh_url(tmp_path, name) for name in ("one.db", "dask.db"))
    alone = _run(one, "ingest", "--workers", "1", str(EXAMPLES))
    shared = _run(many, "ingest", "--scheduler", scheduler, str(EXAMPLES))
    assert alone.exit_code == 0 and shared.exit_code == 0, shared.output
    assert shared.output.strip().endswith(f"scheduler: {scheduler}")
    first = _export(one, tmp_path / "one.jsonl")
    assert len(first) > 300 and first == _export(many, tmp_path / "dask.jsonl")
    # annotate --redo on the cluster: the same knowledge as redone in one process
    again = _run(many, "annotate", "--redo", "--scheduler", scheduler)
    assert "Stories annotated: 3 (and 1 press signature)" in again.output
    assert _run(one, "annotate", "--redo", "--workers", "1").exit_code == 0
    assert _export(one, tmp_path / "one-again.jsonl") == _export(
        many, tmp_path / "dask-again.jsonl"
    )


def test_a_scheduler_that_cannot_be_reached_is_one_clear_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cluster, "CONNECT_TIMEOUT", 1.0)
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{s.getsockname()[1]}"
    url = databases.fresh_url(tmp_path)
    result = CliRunner().invoke(
        main, ["--db", url, "ingest", "--scheduler", address, str(EXAMPLES)]
    )
    assert result.exit_code == 1
    error = result.output.strip().splitlines()[-1]
    assert error.startswith(f"Error: cannot reach the Dask scheduler at {address}")
    assert error.endswith("start one with `dask scheduler` (and workers with `dask worker "
                          "ADDRESS`) or drop --scheduler")  # fmt: skip
    # the pages are stored; `annotate` (without the scheduler) finishes the job
    finished = CliRunner().invoke(main, ["--db", url, "annotate", "--workers", "1"])
    assert "Stories annotated: 3 (and 1 press signature)" in finished.output


@pytest.mark.parametrize("command", ["ingest", "annotate"])
def test_the_help_documents_the_scheduler(command: str) -> None:
    shown = " ".join(
        CliRunner().invoke(main, [command, "--help"], terminal_width=200).output.split()
    )
    assert "--scheduler tcp://HOST:PORT Annotate on the workers of this Dask scheduler" in shown
    assert "PRESSGRAPH_SCHEDULER" in shown


class _Task:
    """A finished task: its records, or the error the cluster raised for it."""

    def __init__(self, chunk: list[Story], lost: bool) -> None:
        self.chunk, self.lost = chunk, lost

    def result(self) -> list[NotReturned]:
        if self.lost:
            raise KilledWorker("annotate_chunk-1", "tcp://127.0.0.1:1", 3)
        return [NotReturned(s[0], "annotated") for s in self.chunk]  # stands for the records


class _Client:
    """A cluster that loses the task of the chunk holding story `lose`."""

    status = "running"

    def __init__(self, lose: str) -> None:
        self.lose = lose

    def submit(self, _fn: object, _model: str, chunk: list[Story], pure: bool) -> _Task:
        return _Task(chunk, any(s[0] == self.lose for s in chunk))


def test_a_lost_task_leaves_its_stories_for_the_next_run_and_the_others_come_in_order() -> None:
    stories: list[Story] = [(f"s{n}", "text", None, {}) for n in range(6)]
    chunks = [stories[:2], stories[2:4], stories[4:]]
    found = list(cluster._collect(_Client("s2"), "model", chunks, ahead=2))  # type: ignore[arg-type]
    assert [r.story for r in found] == [s[0] for s in stories]
    assert [r.message for r in found] == ["annotated"] * 2 + [cluster._LOST] * 2 + ["annotated"] * 2


def _pages(folder: Path) -> int:
    """The fixture and example pages as text files; how many."""
    folder.mkdir()
    pages = sorted([*PAGES.glob("*.txt"), *EXAMPLES.glob("*.txt")])
    for page in pages:
        (folder / page.name).write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
    return len(pages)


def _busy_worker(watcher: Client, deadline: float) -> str:
    """The address of a worker running a task (an annotation chunk), as soon as there is one."""
    while time.monotonic() < deadline:
        busy = [worker for worker, tasks in watcher.processing().items() if tasks]
        if busy:
            return str(busy[0])
        time.sleep(0.05)
    raise AssertionError("no worker started a task within the time allowed")


@pytest.mark.slow
def test_a_worker_killed_in_the_middle_loses_nothing(tmp_path: Path, scheduler: str) -> None:
    """SIGKILL on a worker process that is annotating: the scheduler gives its tasks to a
    worker still alive (the nanny starts another), and `ingest` ends with the knowledge one
    process finds."""
    assert _pages(tmp_path / "pages") > 20
    one, many = (databases.fresh_url(tmp_path, name) for name in ("one.db", "dask.db"))
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRESSGRAPH_")}
    env["PYTHONPATH"] = os.pathsep.join(sys.path)
    watcher = Client(scheduler, set_as_default=False)  # type: ignore[no-untyped-call]
    try:
        ingest = subprocess.Popen(
            [sys.executable, "-m", "pressgraph", "--db", many, "ingest", "--scheduler",
             scheduler, str(tmp_path / "pages")],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )  # fmt: skip
        victim = _busy_worker(watcher, time.monotonic() + 240)
        pids = watcher.run(os.getpid)
        os.kill(pids[victim], signal.SIGKILL)
        output, _ = ingest.communicate(timeout=600)
    finally:
        watcher.close()  # type: ignore[no-untyped-call]
    assert ingest.returncode == 0, output.decode()
    assert _run(one, "ingest", "--workers", "1", str(tmp_path / "pages")).exit_code == 0
    assert _export(one, tmp_path / "one.jsonl") == _export(many, tmp_path / "dask.jsonl")
    status = _run(many, "status").output
    assert "0 failed" in status and "nothing left to do" in status, status
