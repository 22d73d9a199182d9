"""The annotation stage: run the pipeline over stored stories, store what it finds, resolve.

Each story's mentions and roles are stored in one transaction, so a kill leaves every
story either fully annotated or not at all; the next run picks up the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pressgraph.nlp.pipeline import ANCHOR_KEY, HEADLINE_KEY, annotate, build_pipeline
from pressgraph.resolve.entities import ResolveSummary, resolve
from pressgraph.resolve.facts import resolve_facts
from pressgraph.settings import Settings
from pressgraph.store.annotations import StoryText, replace_annotations, stories_to_annotate
from pressgraph.store.db import Database


@dataclass(frozen=True)
class AnnotateSummary:
    """What one annotation run did."""

    stories: int
    mentions: int
    roles: int
    resolved: ResolveSummary


def annotate_stories(
    db: Database,
    settings: Settings,
    *,
    redo: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> AnnotateSummary:
    """Annotate stories not annotated yet (all with `redo`), then resolve entities globally."""
    todo = stories_to_annotate(db, redo=redo)
    mentions = roles = 0
    if todo:
        nlp = build_pipeline(settings.model)
        triples = ((s.id, s.text, s.date) for s in todo)
        context = {s.id: _context(s) for s in todo}
        for done, found in enumerate(annotate(nlp, triples, context=context), start=1):
            replace_annotations(db, found, settings.model)
            mentions += len(found.mentions)
            roles += len(found.roles)
            if progress is not None:
                progress(done, len(todo))
    resolved = resolve(db)
    resolve_facts(db)
    return AnnotateSummary(len(todo), mentions, roles, resolved)


def _context(story: StoryText) -> dict[str, str]:
    """What a story is read by besides its text: the date its year-less dates are read
    against when it has none, and its headline when kept apart from its text."""
    found = {ANCHOR_KEY: story.anchor if not story.date else None, HEADLINE_KEY: story.headline}
    return {k: v for k, v in found.items() if v}
