"""The workers' forkserver loads the pipeline once, for every worker it forks (nlp/preload.py,
nlp/pool.py): the model is read while the command stores its pages, not by each worker."""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import forkserver

import pytest

from pressgraph.nlp import pool
from pressgraph.nlp.pipeline import build_pipeline
from pressgraph.settings import DEFAULT_MODEL

LOADED = (
    "import pressgraph.nlp.preload; from pressgraph.nlp.pipeline import build_pipeline; "
    "print(build_pipeline.cache_info().currsize)"
)


def _import_preload(model: str | None) -> subprocess.CompletedProcess[str]:
    """`import pressgraph.nlp.preload` in a fresh interpreter, as the server imports it."""
    env = {k: v for k, v in os.environ.items() if k != pool.MODEL_VARIABLE}
    env["PYTHONPATH"] = os.pathsep.join(sys.path)
    if model is not None:
        env[pool.MODEL_VARIABLE] = model
    return subprocess.run([sys.executable, "-c", LOADED], capture_output=True, text=True, env=env)


@pytest.mark.slow
def test_the_server_loads_the_pipeline_of_the_model_it_is_started_for() -> None:
    loaded = _import_preload(DEFAULT_MODEL)
    assert loaded.returncode == 0, loaded.stderr
    assert loaded.stdout.split() == ["1"]


def test_without_a_model_or_with_a_broken_one_the_server_loads_nothing_and_still_starts() -> None:
    """A model that cannot load is left for the worker, whose first chunk shows the error."""
    for model in (None, "no_such_model_installed"):
        loaded = _import_preload(model)
        assert loaded.returncode == 0, loaded.stderr
        assert loaded.stdout.split() == ["0"], model


def test_the_model_is_given_to_the_server_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str | None] = []
    monkeypatch.setattr(
        forkserver, "ensure_running", lambda: seen.append(os.environ.get(pool.MODEL_VARIABLE))
    )
    monkeypatch.delenv(pool.MODEL_VARIABLE, raising=False)
    pool.start_server("some_model")
    assert seen == ["some_model"] and pool.MODEL_VARIABLE not in os.environ
    monkeypatch.setenv(pool.MODEL_VARIABLE, "set_by_the_user")
    pool.start_server("another_model")
    pool.start_server()
    assert seen[1:] == ["another_model", "set_by_the_user"]
    assert os.environ[pool.MODEL_VARIABLE] == "set_by_the_user"


def _pipelines() -> tuple[int, int]:
    """Run in a worker: the pipelines it has loaded, and how often one was asked for."""
    info = build_pipeline.cache_info()
    return info.currsize, info.hits


@pytest.mark.slow
def test_a_worker_starts_with_the_pipeline_loaded() -> None:
    """Every server this process starts is given the model (the CLI's and the workers' own
    calls), so a worker has the pipeline before it is asked for anything."""
    pool.start_server(DEFAULT_MODEL)
    with ProcessPoolExecutor(1, mp_context=pool.worker_context()) as workers:
        loaded, asked = workers.submit(_pipelines).result(timeout=120)
    assert loaded == 1 and asked == 0  # loaded before the worker was asked for anything


def test_the_preload_needs_nothing_of_the_store() -> None:
    from tests.modules import loaded_by

    assert loaded_by(pool.PRELOAD_MODULE, ("pressgraph.store", "sqlalchemy")) == []
