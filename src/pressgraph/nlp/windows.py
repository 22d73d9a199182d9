"""Annotate one story at a time, safely: a long story in windows, a failure recorded.

spaCy refuses a text over `nlp.max_length` (error E088) and needs about 1 GB of memory per
100,000 characters for the parser and NER. A story longer than `window_size` is therefore cut
into windows that end at a paragraph break (else at a sentence end, else at a space); the
model's own components run on each window, `Doc.from_docs` joins the windows into one Doc whose
text is the story's, character for character, and pressgraph's components then run on the
whole story, so every offset is exact and no fact is cut at a window's edge. A story with a run
of characters longer than a window and no space in it cannot be cut: it is refused.

Any exception while annotating one story becomes an `AnnotationFailure` naming the stage (the
pipeline component, "window", "records") and the message; the other stories go on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from pressgraph.nlp.convert import to_records
from pressgraph.nlp.registry import COMPONENTS
from pressgraph.nlp.spans import keep_text
from pressgraph.records import Annotated, AnnotationFailure

WINDOW = 100_000  # characters; far below spaCy's max_length, and memory stays bounded
_BATCH = 16
_MESSAGE = 500  # characters of an exception's message kept
_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")
_SENTENCE = re.compile(r"[.!?][\"'”»)]*\s+")
_SPACE = re.compile(r"\s+")
OURS = frozenset(name for name, _module in COMPONENTS)
Item = tuple[str, str, str | None]  # (story id, text, date)
# Puts what a story is read by on its Doc (its date, its context) before the pipeline runs.
Prepare = Callable[[Doc, str, str | None], Doc]
T = TypeVar("T")


class _StageError(Exception):
    """Carries the stage that failed out of the step-by-step run."""

    def __init__(self, stage: str, cause: BaseException | str) -> None:
        super().__init__(stage)
        self.stage = stage
        self.cause = cause


def window_size(nlp: Language) -> int:
    """The longest text annotated in one piece."""
    return max(1, min(int(nlp.max_length), WINDOW))


def windows(text: str, size: int) -> list[tuple[int, int]]:
    """(start, end) of consecutive windows covering `text`, each at most `size` characters,
    each ending after white space: a paragraph break if there is one, else a sentence end,
    else any space. Raises ValueError for a run longer than `size` with no space."""
    out: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > size:
        piece = text[start : start + size]
        end = None
        for pattern in (_PARAGRAPH, _SENTENCE, _SPACE):
            ends = [m.end() for m in pattern.finditer(piece) if m.end() < len(piece)]
            if ends:
                end = start + ends[-1]
                break
        if end is None or end <= start:
            raise ValueError(
                f"a run of more than {size:,} characters without a space or line break at "
                f"character {start:,}; the model cannot read it. Check that the page is text"
            )
        out.append((start, end))
        start = end
    out.append((start, len(text)))
    return out


def annotate_safely(
    nlp: Language, items: Iterable[Item], prepare: Prepare
) -> Iterator[Annotated | AnnotationFailure]:
    """The records of each story, in order, or why it could not be annotated."""
    size = window_size(nlp)
    batch: list[Item] = []
    for item in items:
        if len(item[1]) <= size:
            batch.append(item)
            if len(batch) == _BATCH:
                yield from _batch(nlp, batch, prepare)
                batch = []
            continue
        yield from _batch(nlp, batch, prepare)
        batch = []
        yield _windowed(nlp, item, size, prepare)
    yield from _batch(nlp, batch, prepare)


def _batch(
    nlp: Language, batch: list[Item], prepare: Prepare
) -> Iterator[Annotated | AnnotationFailure]:
    """A batch through `nlp.pipe` (fast); if anything in it fails, each story on its own."""
    if not batch:
        return
    try:
        docs = [
            prepare(keep_text(nlp.make_doc(text), text), story, date) for story, text, date in batch
        ]
        piped = nlp.pipe(docs, batch_size=_BATCH)
        done = [to_records(s, d, doc) for (s, _, d), doc in zip(batch, piped, strict=True)]
    except Exception:  # found again story by story below, with the stage that failed
        yield from (_single(nlp, item, prepare) for item in batch)
        return
    yield from done


def _single(nlp: Language, item: Item, prepare: Prepare) -> Annotated | AnnotationFailure:
    story, text, date = item
    try:
        doc = prepare(keep_text(_step("tokenizer", nlp.make_doc, text), text), story, date)
        doc = _run(nlp, doc, lambda _name: True)
        return _step("records", to_records, story, date, doc)
    except _StageError as failed:
        return _failure(story, failed)


def _windowed(
    nlp: Language, item: Item, size: int, prepare: Prepare
) -> Annotated | AnnotationFailure:
    """A long story: the model's components window by window, ours on the joined Doc."""
    story, text, date = item
    try:
        try:
            spans = windows(text, size)
        except ValueError as exc:
            raise _StageError("window", str(exc)) from exc
        parts = [
            _run(nlp, _step("tokenizer", nlp.make_doc, text[a:b]), lambda name: name not in OURS)
            for a, b in spans
        ]
        doc = _step("window", Doc.from_docs, parts, ensure_whitespace=False)
        if doc.text != text:
            raise _StageError("window", "the joined windows do not give the story's text back")
        doc = _run(nlp, prepare(keep_text(doc, text), story, date), lambda name: name in OURS)
        return _step("records", to_records, story, date, doc)
    except _StageError as failed:
        return _failure(story, failed)


def _run(nlp: Language, doc: Doc, chosen: Callable[[str], bool]) -> Doc:
    """Run the chosen components of the pipeline, in order, one by one."""
    for name, proc in nlp.pipeline:
        if chosen(name):
            doc = _step(name, proc, doc)
    return doc


def _step(stage: str, call: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """`call(*args, **kwargs)`; any exception becomes a failure of `stage`."""
    try:
        return call(*args, **kwargs)
    except Exception as exc:  # recorded with its stage; the batch goes on
        raise _StageError(stage, exc) from exc


def _failure(story: str, failed: _StageError) -> AnnotationFailure:
    cause = failed.cause
    message = cause if isinstance(cause, str) else f"{type(cause).__name__}: {cause}"
    if len(message) > _MESSAGE:
        message = message[:_MESSAGE] + " …"
    return AnnotationFailure(story, failed.stage, message)
