"""Annotate stories on a Dask distributed cluster: many machines read, the parent alone writes.

The same work as nlp/workers.py, on the workers of a `dask scheduler` instead of local
processes: the stories are cut into the same chunks, each chunk is one task running
`annotate_chunk`, and the records come back in the order of the stories, so the command's
process stays the single writer (SQLite or PostgreSQL) and the knowledge is the one a single
process finds (tests/nlp/test_cluster.py compares the exports). Each worker loads the model
once, through a worker plugin, also on workers that join later.

A chunk whose worker died more often than the scheduler allows (KilledWorker), or that the
cluster lost (the scheduler went away), comes back as `NotReturned`: stored nowhere, annotated
by the next run. Like nlp/workers.py, this module imports nothing from `pressgraph.store`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from concurrent.futures import CancelledError
from contextlib import suppress
from typing import Any

from distributed import Client, KilledWorker, WorkerPlugin
from distributed.comm.core import CommClosedError

from pressgraph.errors import ClusterError
from pressgraph.nlp.pipeline import build_pipeline
from pressgraph.nlp.task import annotate_chunk
from pressgraph.nlp.workers import AHEAD, Chunk, Found, Story, chunked, in_order
from pressgraph.records import NotReturned

CONNECT_TIMEOUT = 10.0  # seconds to reach the scheduler before saying so
_LOST = "the cluster lost this story's task (a worker or the scheduler stopped); the next run annotates it"  # noqa: E501
# What a lost task or a lost cluster raises; any other error is a bug and is raised again.
_GONE = (KilledWorker, CancelledError, CommClosedError, OSError, TimeoutError)


class LoadModel(WorkerPlugin):
    """Load the pipeline once in every worker, as it joins; a failure is raised again by the
    first chunk, so the parent shows it."""

    name = "pressgraph-model"

    def __init__(self, model: str) -> None:
        self.model = model

    def setup(self, worker: Any) -> None:
        """Load (and cache) the pipeline in this worker's process."""
        with suppress(Exception):  # annotate_chunk loads it again and raises the error
            build_pipeline(self.model)


def connect(address: str) -> Client:
    """A client of the scheduler at `address`, or a ClusterError that says what to do."""
    try:
        return Client(  # type: ignore[no-untyped-call]  # distributed's __init__ is untyped
            address, timeout=CONNECT_TIMEOUT, set_as_default=False
        )
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(
            f"cannot reach the Dask scheduler at {address} ({exc}): start one with "
            "`dask scheduler` (and workers with `dask worker ADDRESS`) or drop --scheduler"
        ) from exc


def annotate_on_cluster(
    address: str, model: str, stories: Sequence[Story]
) -> Iterator[Found | NotReturned]:
    """Each story's records (or failure) in the order given, from the cluster's workers; the
    stories of a lost task come as `NotReturned`."""
    if not stories:
        return
    client = connect(address)
    try:
        client.register_plugin(LoadModel(model))
        workers = max(1, len(client.scheduler_info(n_workers=-1)["workers"]))
        yield from _collect(client, model, chunked(stories, workers), AHEAD * workers)
    finally:  # also when the parent stops early: the tasks still queued are cancelled
        client.close()  # type: ignore[no-untyped-call]


def _collect(
    client: Client, model: str, chunks: list[Chunk], ahead: int
) -> Iterator[Found | NotReturned]:
    """Keep `ahead` chunks in flight and yield their results in order; a lost task stops
    the sending only when the client is no longer running."""
    return in_order(
        lambda chunk: client.submit(annotate_chunk, model, chunk, pure=False),
        chunks,
        ahead,
        lost=_GONE,
        reason=_LOST,
        alive=lambda: client.status == "running",
    )
