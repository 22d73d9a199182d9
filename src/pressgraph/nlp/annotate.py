"""The annotation stage over many texts: records in, records out, in this process, in worker
processes (nlp/workers.py) or on a Dask cluster (nlp/cluster.py). It reads and writes nothing:
the flow (flow/annotate.py) gives it the stories and stores what it gives back, story by story.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from pressgraph.nlp.keys import ANCHOR_KEY, HEADLINE_KEY
from pressgraph.nlp.workers import Story, annotate_in_workers
from pressgraph.records import Annotated, AnnotationFailure, NotReturned


def story_context(date: str | None, anchor: str | None, headline: str | None) -> dict[str, str]:
    """What a story is read by besides its text: the date its year-less dates are read
    against when it has none, and its headline when kept apart from its text."""
    found = {ANCHOR_KEY: anchor if not date else None, HEADLINE_KEY: headline}
    return {k: v for k, v in found.items() if v}


def annotate_texts(
    texts: Sequence[Story], model: str, workers: int, scheduler: str | None = None
) -> Iterator[Annotated | AnnotationFailure | NotReturned]:
    """Each text's records (or failure), in order: in this process (`workers` 1), in
    `workers` processes or on the Dask cluster of `scheduler`, where a text a dead worker
    never gave back comes as NotReturned."""
    if not texts:
        return
    if scheduler:
        from pressgraph.nlp.cluster import annotate_on_cluster  # dask only when asked

        yield from annotate_on_cluster(scheduler, model, texts)
        return
    if workers > 1:
        yield from annotate_in_workers(model, texts, workers)
        return
    from pressgraph.nlp.task import annotate_here  # spaCy: only where it annotates

    yield from annotate_here(model, texts)
