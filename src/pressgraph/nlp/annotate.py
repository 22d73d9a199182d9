"""The annotation stage: run the pipeline over stored stories, store what it finds, resolve.

Each story's mentions and roles are stored in one transaction, so a kill leaves every
story either fully annotated or not at all; the next run picks up the rest, and resolves
again if the killed run had not (the "resolve" pending stage). A story that cannot be
annotated (too long to cut, an error in a component) is recorded with its stage and message,
`pressgraph errors` lists it, and the other stories go on.

With several workers the pipeline runs in worker processes (nlp/workers.py) and this process
stays the only writer: it stores each story as it comes back, in the order of one process.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc

from pressgraph.errors import PressgraphError
from pressgraph.nlp.pipeline import ANCHOR_KEY, HEADLINE_KEY, build_pipeline, with_context
from pressgraph.nlp.windows import annotate_safely
from pressgraph.nlp.workers import annotate_in_workers, workers_for
from pressgraph.records import Annotated, AnnotationFailure, NotReturned
from pressgraph.resolve.entities import ResolveSummary
from pressgraph.resolve.update import resolve_changes
from pressgraph.settings import Settings
from pressgraph.store.annotations import (
    StoryText,
    record_failure,
    replace_annotations,
    stories_to_annotate,
)
from pressgraph.store.db import Database


@dataclass(frozen=True)
class AnnotateSummary:
    """What one annotation run did."""

    stories: int
    mentions: int
    roles: int
    resolved: ResolveSummary
    failed: tuple[AnnotationFailure, ...] = ()
    signatures: int = 0  # press signatures (removed furniture) read for people and posts
    workers: int = 1  # processes that ran the pipeline (1: this one)
    lost: tuple[NotReturned, ...] = ()  # taken by a worker that died: left for the next run


def annotate_stories(
    db: Database,
    settings: Settings,
    *,
    redo: bool = False,
    retry: bool = False,
    fresh_ids: bool = False,
    progress: Callable[[int, int], None] | None = None,
    workers: int = 1,
) -> AnnotateSummary:
    """Annotate stories not annotated yet (all with `redo`; those that failed before with
    `retry`) in `workers` processes (1: this one), then resolve entities globally, keeping
    their ids (made anew with `fresh_ids`)."""
    todo = stories_to_annotate(db, redo=redo, retry=retry)
    used = workers_for(len(todo), workers)
    mentions = roles = 0
    failed: list[AnnotationFailure] = []
    lost: list[NotReturned] = []
    for done, found in enumerate(_annotated(todo, settings.model, used), start=1):
        stored = _store(db, found, settings.model)
        if isinstance(stored, NotReturned):
            lost.append(stored)
        elif isinstance(stored, AnnotationFailure):
            record_failure(db, stored)
            failed.append(stored)
        else:
            mentions += len(stored.mentions)
            roles += len(stored.roles)
        if progress is not None:
            progress(done, len(todo))
    resolved = resolve_changes(db, fresh_ids=fresh_ids)  # only what changed (issue 10)
    # Stories are counted as `ingest` counts them; a press signature is not a story.
    signed = {s.id for s in todo if s.id.startswith("removed:")}
    missing = {f.story for f in failed} | {n.story for n in lost}
    return AnnotateSummary(
        len(todo) - len(signed) - len(missing - signed),
        mentions,
        roles,
        resolved,
        tuple(failed),
        len(signed - missing),
        used,
        tuple(lost),
    )


def _annotated(
    todo: list[StoryText], model: str, workers: int
) -> Iterator[Annotated | AnnotationFailure | NotReturned]:
    """Each story's records (or failure), in order: in this process or in `workers`."""
    if not todo:
        return
    if workers > 1:
        sent = [(s.id, s.text, s.date, _context(s)) for s in todo]
        yield from annotate_in_workers(model, sent, workers)
        return
    nlp = build_pipeline(model)
    context = {s.id: _context(s) for s in todo}

    def prepare(doc: Doc, story: str, date: str | None) -> Doc:
        return with_context(doc, date, context.get(story))

    yield from annotate_safely(nlp, ((s.id, s.text, s.date) for s in todo), prepare)


def _context(story: StoryText) -> dict[str, str]:
    """What a story is read by besides its text: the date its year-less dates are read
    against when it has none, and its headline when kept apart from its text."""
    found = {ANCHOR_KEY: story.anchor if not story.date else None, HEADLINE_KEY: story.headline}
    return {k: v for k, v in found.items() if v}


def _store(
    db: Database, found: Annotated | AnnotationFailure | NotReturned, model: str
) -> Annotated | AnnotationFailure | NotReturned:
    """Store one story's records; an error storing them is that story's failure (an error of
    the database itself stops the run: no other story could be stored either)."""
    if not isinstance(found, Annotated):
        return found
    try:
        replace_annotations(db, found, model)
    except PressgraphError:
        raise
    except Exception as exc:  # recorded with its stage; the batch goes on
        return AnnotationFailure(found.story, "store", f"{type(exc).__name__}: {exc}"[:500])
    return found
