"""Sentence starts set before the parser (nlp/paragraphs.py): paragraphs, and an agency
dateline run into the first sentence."""

from __future__ import annotations

import spacy
from hypothesis import example, given
from hypothesis import strategies as st
from spacy.tokens import Doc

from pressgraph.nlp.paragraphs import _mark_dateline, mark_paragraphs


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


_PIECES = st.sampled_from(
    ["Minsk", "MINSK", "TASS", ".", "The", "met", "–", " ", "  ", "\n", "\n\n", "\n \n", "\n\n\n"]
)


def _token_by_token(doc: Doc) -> Doc:
    """The component's rule read token by token (how it was first written)."""
    broken = False
    for token in doc:
        if token.is_space:
            broken = broken or token.text.count("\n") >= 2
            continue
        if broken and token.i > 0:
            token.is_sent_start = True
        if broken or token.i == 0:
            _mark_dateline(doc, token.i)
        broken = False
    return doc


@example("MINSK . TASS The met")  # a dateline at the start, and after a blank line:
@example("met \n\n MINSK . TASS – The met")
@given(st.lists(_PIECES, max_size=40).map(" ".join))
def test_only_the_space_tokens_are_visited_with_the_same_starts(text: str) -> None:
    nlp = spacy.blank("en")
    expected = [t.is_sent_start for t in _token_by_token(nlp(text))]
    assert [t.is_sent_start for t in mark_paragraphs(nlp(text))] == expected
