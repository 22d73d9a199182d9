"""When a relation happened: the story date the pipeline sets, and the one date a sentence
gives after "in"/"on"/"since" (or a relative one like "today")."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc, Span

from pressgraph.extract.dates import DateMention, find_dates
from pressgraph.extract.relations.lexicon import RelationData
from pressgraph.extract.relations.patterns import plain_words

DATE_KEY = "pressgraph.date"  # the story date, set by nlp.pipeline before the pipeline runs


def story_date(doc: Doc) -> dt.date | None:
    """The story's date from `doc.user_data`, the anchor for relative dates; None if unset."""
    value = doc.user_data.get(DATE_KEY)
    try:
        return dt.date.fromisoformat(value[:10]) if isinstance(value, str) else None
    except ValueError:
        return None


def sentence_date(sent: Span, anchor: dt.date | None, data: RelationData) -> str | None:
    """The one date the sentence gives after "in"/"on"/"since", or a relative one; else None."""
    text = sent.text
    dated = {d.value for d in find_dates(text, anchor=anchor) if _dates_event(d, text, data)}
    return dated.pop() if len(dated) == 1 else None


def _dates_event(mention: DateMention, text: str, data: RelationData) -> bool:
    if mention.end_value is not None:
        return False  # a period ("for 2019-2021") says when something lasts, not when it began
    if mention.relative and mention.precision == "day":
        return True  # "today", "yesterday"
    before = plain_words(text[: mention.start]).split()
    return bool(before) and (
        before[-1] in data.date_prepositions or " ".join(before[-2:]) in data.date_prepositions
    )
