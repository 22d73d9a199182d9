"""What an annotation worker runs (nlp/workers.py), and the process that annotates alone:
the pipeline loaded once per process, stories annotated with their context. The only part of
the annotation stage that imports spaCy, so a parent that only sends stories to its workers
never loads it (the forkserver preloads this module for them, nlp/pool.py)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import suppress

from spacy.tokens import Doc

from pressgraph.nlp.pipeline import build_pipeline, with_context
from pressgraph.nlp.windows import annotate_safely
from pressgraph.nlp.workers import Story
from pressgraph.records import Annotated, AnnotationFailure


def load(model: str) -> None:
    """Worker initializer: load the pipeline once per process. An error is raised again by
    the first chunk, so the parent shows it (an initializer's error only breaks the pool)."""
    with suppress(Exception):  # annotate_chunk loads it again and raises the error
        build_pipeline(model)


def annotate_here(model: str, stories: Iterable[Story]) -> Iterator[Annotated | AnnotationFailure]:
    """Each story's records, or its failure, in order, annotated in this process."""
    nlp = build_pipeline(model)  # cached once loaded
    items = list(stories)
    context = {story: more for story, _, _, more in items}

    def prepare(doc: Doc, story: str, date: str | None) -> Doc:
        return with_context(doc, date, context.get(story))

    yield from annotate_safely(nlp, ((s, t, d) for s, t, d, _ in items), prepare)


def annotate_chunk(model: str, chunk: Iterable[Story]) -> list[Annotated | AnnotationFailure]:
    """Run in a worker: each story's records, or its failure, in order."""
    return list(annotate_here(model, chunk))
