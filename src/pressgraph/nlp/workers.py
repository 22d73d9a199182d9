"""Annotate stories in worker processes: every core reads, the parent alone writes.

Each worker process loads the pipeline once (its initializer) and annotates chunks of a few
dozen stories, each sent with its context (date anchor, headline); it returns every story's
records, or why the story could not be annotated, exactly as `annotate_safely` gives them in
one process. spaCy's output does not depend on which stories share a batch, so the knowledge
is the same as with one process (tests/test_cli_workers.py compares the exports).

The workers are forked from a forkserver (nlp/pool.py), never from the parent. This module
imports nothing from `pressgraph.store` (nor `pressgraph.settings`, which does): the stages stay
pure, and only the parent touches the database. Nor does it import spaCy: what a worker runs
is in nlp/task.py, which the forkserver imports for the workers, not the parent. Starting
workers and loading the model in each costs seconds, so a few stories are annotated by fewer
workers (at least PER_WORKER each).

A worker that dies (killed, out of memory) breaks the pool: the stories of every chunk whose
results never came back are yielded as `NotReturned` and stored nowhere, so the next run
annotates them, as it does the stories a killed run left.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Protocol

from pressgraph.nlp.pool import start_server, worker_context
from pressgraph.records import Annotated, AnnotationFailure, NotReturned

CHUNK = 32  # stories per task at most: fewer when there are few, so every worker gets some
PER_WORKER = 16  # stories a worker must have to be worth starting
AHEAD = 2  # chunks in flight per worker: none waits for work, results do not pile up
Story = tuple[str, str, str | None, dict[str, str]]  # (story id, text, date, context)
Found = Annotated | AnnotationFailure
Chunk = Sequence[Story]
_LOST = "the worker process stopped before returning this story; the next run annotates it"


def _start(model: str) -> None:
    """Worker initializer: load the pipeline (nlp/task.py, imported by the worker only)."""
    from pressgraph.nlp.task import load

    load(model)


def annotate_chunk(model: str, chunk: Chunk) -> list[Found]:
    """Run in a worker: each story's records, or its failure, in order (nlp/task.py, which
    the forkserver has imported already: the parent never imports spaCy for its workers)."""
    from pressgraph.nlp import task

    return task.annotate_chunk(model, chunk)


def chunked(stories: Sequence[Story], workers: int) -> list[Chunk]:
    """Consecutive chunks of at most CHUNK stories, at least eight per worker when possible:
    small enough that no worker waits long for the last one to finish."""
    size = max(1, min(CHUNK, math.ceil(len(stories) / (8 * workers))))
    return [stories[i : i + size] for i in range(0, len(stories), size)]


def workers_for(stories: int, workers: int) -> int:
    """How many processes are worth starting: at most one per PER_WORKER stories (1: none,
    annotate in this process)."""
    return max(1, min(workers, stories // PER_WORKER))


def annotate_in_workers(
    model: str, stories: Sequence[Story], workers: int
) -> Iterator[Found | NotReturned]:
    """Each story's records (or failure) in the order given, from `workers` processes; the
    stories a dead worker did not return come as `NotReturned`."""
    start_server(model)  # at once if it was started early
    pool = ProcessPoolExecutor(
        workers, mp_context=worker_context(), initializer=_start, initargs=(model,)
    )
    try:
        yield from _collect(pool, model, chunked(stories, workers), AHEAD * workers)
    finally:  # also when the parent stops early: queued chunks are dropped, running ones end
        pool.shutdown(wait=True, cancel_futures=True)


def _collect(
    pool: ProcessPoolExecutor, model: str, chunks: list[Chunk], ahead: int
) -> Iterator[Found | NotReturned]:
    """Keep `ahead` chunks in flight and yield their results in order; a broken pool returns
    nothing more."""
    return in_order(
        lambda chunk: pool.submit(annotate_chunk, model, chunk),
        chunks,
        ahead,
        lost=(BrokenProcessPool,),
        reason=_LOST,
        alive=lambda: False,
    )


class Pending(Protocol):
    """A chunk's task under way (a concurrent.futures or a Dask future)."""

    def result(self) -> list[Found]:
        """The chunk's records, once done."""
        ...


def in_order(
    submit: Callable[[Chunk], Pending],
    chunks: Sequence[Chunk],
    ahead: int,
    *,
    lost: tuple[type[BaseException], ...],
    reason: str,
    alive: Callable[[], bool],
) -> Iterator[Found | NotReturned]:
    """Keep `ahead` chunks in flight and yield their results in the order given. A chunk
    whose task raised one of `lost` comes as `NotReturned` (with `reason`); after that, or
    when submitting raised it, nothing more is submitted unless `alive()` says the executor
    still runs, and the chunks never sent come as `NotReturned` too."""
    waiting: deque[Chunk] = deque(chunks)
    flying: deque[tuple[Chunk, Pending]] = deque()
    gone = False
    while waiting or flying:
        while not gone and waiting and len(flying) < ahead:
            try:
                task = submit(waiting[0])
            except lost:
                gone = True
            else:
                flying.append((waiting.popleft(), task))
        if not flying:  # the executor is gone: nothing more comes back
            yield from (NotReturned(s[0], reason) for chunk in waiting for s in chunk)
            return
        chunk, task = flying.popleft()
        try:
            found = task.result()
        except lost:
            gone = gone or not alive()
            yield from (NotReturned(s[0], reason) for s in chunk)
        else:
            yield from found
