"""The annotation stage: run the pipeline over stored stories, store what it finds, resolve.

Each story's mentions and roles are stored in one transaction, so a kill leaves every
story either fully annotated or not at all; the next run picks up the rest, and resolves
again if the killed run had not (the "resolve" pending stage). A story that cannot be
annotated (too long to cut, an error in a component) is recorded with its stage and message,
`pressgraph errors` lists it, and the other stories go on.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pressgraph.errors import PressgraphError
from pressgraph.nlp.pipeline import DATE_KEY, build_pipeline
from pressgraph.nlp.windows import annotate_safely
from pressgraph.records import Annotated, AnnotationFailure
from pressgraph.resolve.entities import ResolveSummary, resolve
from pressgraph.resolve.facts import resolve_facts
from pressgraph.settings import Settings
from pressgraph.store.annotations import (
    clear_pending,
    pending_time,
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


def annotate_stories(
    db: Database,
    settings: Settings,
    *,
    redo: bool = False,
    retry: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> AnnotateSummary:
    """Annotate stories not annotated yet (all with `redo`; those that failed before with
    `retry`), then resolve entities globally."""
    todo = stories_to_annotate(db, redo=redo, retry=retry)
    mentions = roles = 0
    failed: list[AnnotationFailure] = []
    if todo:
        nlp = build_pipeline(settings.model)
        triples = ((s.id, s.text, s.date) for s in todo)
        for done, found in enumerate(annotate_safely(nlp, triples, DATE_KEY), start=1):
            stored = _store(db, found, settings.model)
            if isinstance(stored, AnnotationFailure):
                record_failure(db, stored)
                failed.append(stored)
            else:
                mentions += len(stored.mentions)
                roles += len(stored.roles)
            if progress is not None:
                progress(done, len(todo))
    began = pending_time()
    resolved = resolve(db)
    resolve_facts(db)
    clear_pending(db, "resolve", began=began)
    return AnnotateSummary(len(todo) - len(failed), mentions, roles, resolved, tuple(failed))


def _store(
    db: Database, found: Annotated | AnnotationFailure, model: str
) -> Annotated | AnnotationFailure:
    """Store one story's records; an error storing them is that story's failure (an error of
    the database itself stops the run: no other story could be stored either)."""
    if isinstance(found, AnnotationFailure):
        return found
    try:
        replace_annotations(db, found, model)
    except PressgraphError:
        raise
    except Exception as exc:  # recorded with its stage; the batch goes on
        return AnnotationFailure(found.story, "store", f"{type(exc).__name__}: {exc}"[:500])
    return found
