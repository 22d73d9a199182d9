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

from spacy.tokens import Doc

from pressgraph.errors import PressgraphError
from pressgraph.nlp.pipeline import ANCHOR_KEY, HEADLINE_KEY, build_pipeline, with_context
from pressgraph.nlp.windows import annotate_safely
from pressgraph.records import Annotated, AnnotationFailure
from pressgraph.resolve.entities import ResolveSummary, resolve
from pressgraph.resolve.facts import resolve_facts
from pressgraph.settings import Settings
from pressgraph.store.annotations import (
    StoryText,
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
    signatures: int = 0  # press signatures (removed furniture) read for people and posts


def annotate_stories(
    db: Database,
    settings: Settings,
    *,
    redo: bool = False,
    retry: bool = False,
    fresh_ids: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> AnnotateSummary:
    """Annotate stories not annotated yet (all with `redo`; those that failed before with
    `retry`), then resolve entities globally, keeping their ids (made anew with
    `fresh_ids`)."""
    todo = stories_to_annotate(db, redo=redo, retry=retry)
    mentions = roles = 0
    failed: list[AnnotationFailure] = []
    if todo:
        nlp = build_pipeline(settings.model)
        triples = ((s.id, s.text, s.date) for s in todo)
        context = {s.id: _context(s) for s in todo}

        def prepare(doc: Doc, story: str, date: str | None) -> Doc:
            return with_context(doc, date, context.get(story))

        for done, found in enumerate(annotate_safely(nlp, triples, prepare), start=1):
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
    resolved = resolve(db, fresh_ids=fresh_ids)
    resolve_facts(db)
    clear_pending(db, "resolve", began=began)
    # Stories are counted as `ingest` counts them; a press signature is not a story.
    signed = {s.id for s in todo if s.id.startswith("removed:")}
    done_stories = len(todo) - len(signed) - len([f for f in failed if f.story not in signed])
    return AnnotateSummary(
        done_stories,
        mentions,
        roles,
        resolved,
        tuple(failed),
        len(signed - {f.story for f in failed}),
    )


def _context(story: StoryText) -> dict[str, str]:
    """What a story is read by besides its text: the date its year-less dates are read
    against when it has none, and its headline when kept apart from its text."""
    found = {ANCHOR_KEY: story.anchor if not story.date else None, HEADLINE_KEY: story.headline}
    return {k: v for k, v in found.items() if v}


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
