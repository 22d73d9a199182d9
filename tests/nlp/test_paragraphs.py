"""Sentence starts set before the parser (nlp/paragraphs.py): paragraphs, and an agency
dateline run into the first sentence."""

from __future__ import annotations

import spacy

from pressgraph.nlp.paragraphs import mark_paragraphs


def _starts(text: str) -> list[str]:
    doc = mark_paragraphs(spacy.blank("en")(text))
    return [t.text for t in doc if t.is_sent_start and t.i > 0]


def test_a_paragraph_starts_a_sentence() -> None:
    assert _starts("Border talks in Minsk\n\nThe heads of the services met.") == ["The"]


def test_an_agency_name_after_the_dateline_city_is_its_own_sentence() -> None:
    text = "ALMATY. NEWSWIRE The Council held its session.\n\nMINSK. NEWSWIRE The Board met."
    assert _starts(text) == ["NEWSWIRE", "The", "MINSK", "NEWSWIRE", "The"]


def test_an_agency_name_and_a_dash_after_the_dateline_city() -> None:
    assert _starts("ASTANA. NEWSWIRE – President Ivan Petrov received the guests.") == [
        "NEWSWIRE",
        "President",
    ]


def test_capitals_in_a_sentence_are_no_dateline() -> None:
    assert _starts("The CSTO. SCO The words") == []
    assert _starts("US. UN The words") == []
