"""The annotate, extract, resolve and derive stages of the flow, over the stored stories.

Stories are stored a group at a time (store/annotation_groups.py): a story's mentions, facts
and its page's job state are in its group's transaction, so a kill leaves every story either
fully annotated or not at all; the next run picks up the rest, and resolves again if the
killed run had not (the "resolve" pending stage). A story that cannot be annotated (too long
to cut, an error in a component) or stored is recorded with its stage and message (its
page's job failed), `pressgraph errors` lists it, and the other stories go on.

With several workers the pipeline runs in worker processes (nlp/workers.py) and this process
stays the only writer: it stores the stories as they come back, in the order of one process.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from pressgraph.flow.runs import running
from pressgraph.nlp.annotate import annotate_texts, story_context
from pressgraph.nlp.workers import workers_for
from pressgraph.records import AnnotationFailure, NotReturned
from pressgraph.resolve.entities import ResolveSummary
from pressgraph.resolve.update import resolve_changes
from pressgraph.settings import Settings
from pressgraph.store.annotation_groups import Found, store_group
from pressgraph.store.annotations import StoryText, stories_to_annotate
from pressgraph.store.db import Database

GROUP_STORIES = 200  # stories stored in one transaction at most
GROUP_SECONDS = 0.5  # a group is stored once a story comes back this long after its first


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
    scheduler: str | None = None,
    run: int | None = None,
) -> AnnotateSummary:
    """Annotate stories not annotated yet (all with `redo`; those that failed before with
    `retry`) in `workers` processes (1: this one) or on the Dask cluster of `scheduler`, then
    resolve entities globally, keeping their ids (made anew with `fresh_ids`); as part of run
    `run` (a run of its own if None)."""
    if run is None:
        with running(db, "annotate") as own:
            return annotate_stories(
                db,
                settings,
                redo=redo,
                retry=retry,
                fresh_ids=fresh_ids,
                progress=progress,
                workers=workers,
                scheduler=scheduler,
                run=own,
            )
    todo = stories_to_annotate(db, redo=redo, retry=retry)
    used = workers_for(len(todo), workers)
    tally = _Tally()
    writer = Grouped(db, settings.model)
    for done, found in enumerate(_annotated(todo, settings.model, used, scheduler), start=1):
        tally.add(writer.add(found))
        if progress is not None:
            progress(done, len(todo))
    tally.add(writer.flush())
    resolved = _resolve(db, fresh_ids=fresh_ids)
    # Stories are counted as `ingest` counts them; a press signature is not a story.
    signed = {s.id for s in todo if s.id.startswith("removed:")}
    missing = {f.story for f in tally.failed} | {n.story for n in tally.lost}
    return AnnotateSummary(
        len(todo) - len(signed) - len(missing - signed),
        tally.mentions,
        tally.roles,
        resolved,
        tuple(tally.failed),
        len(signed - missing),
        used,
        tuple(tally.lost),
    )


@dataclass
class _Tally:
    """What the stories of a run gave so far: counts, failures, stories not returned."""

    mentions: int = 0
    roles: int = 0
    failed: list[AnnotationFailure] = field(default_factory=list)
    lost: list[NotReturned] = field(default_factory=list)

    def add(self, stored: list[Found]) -> None:
        """Count the outcomes of stored stories."""
        for found in stored:
            if isinstance(found, NotReturned):
                self.lost.append(found)
            elif isinstance(found, AnnotationFailure):
                self.failed.append(found)
            else:
                self.mentions += len(found.mentions)
                self.roles += len(found.roles)


class Grouped:
    """The writer: stories as they come back, stored when GROUP_STORIES wait, or when one comes
    back GROUP_SECONDS or more after the first of those waiting, and at the end of the run
    (`flush`). A kill loses the annotation of the stories waiting, never half a story."""

    def __init__(
        self, db: Database, model: str, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.db = db
        self.model = model
        self.clock = clock
        self.waiting: list[Found] = []
        self.since = 0.0

    def add(self, found: Found) -> list[Found]:
        """Keep this story; the outcomes of the group it completed, if it did."""
        if not self.waiting:
            self.since = self.clock()
        self.waiting.append(found)
        if len(self.waiting) >= GROUP_STORIES or self.clock() - self.since >= GROUP_SECONDS:
            return self.flush()
        return []

    def flush(self) -> list[Found]:
        """Store the stories waiting (`store_group`); their outcomes."""
        group, self.waiting = self.waiting, []
        return store_group(self.db, group, self.model)


def _resolve(db: Database, *, fresh_ids: bool) -> ResolveSummary:
    """The resolve and derive stages: the one place the flow resolves. What the new stories
    touch is resolved against what is stored (in full when it must be: resolve/update.py),
    and the pending resolution it has done is cleared."""
    return resolve_changes(db, fresh_ids=fresh_ids)


def _annotated(
    todo: list[StoryText], model: str, workers: int, scheduler: str | None
) -> Iterator[Found]:
    """Each story's records (or failure), in order: in this process, in `workers` or on the
    Dask cluster of `scheduler`."""
    texts = [(s.id, s.text, s.date, story_context(s.date, s.anchor, s.headline)) for s in todo]
    return annotate_texts(texts, model, workers, scheduler)
