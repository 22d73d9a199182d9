"""Helpers over a Doc (nlp/spans.py): the tokens of some words found from the doc's arrays."""

from __future__ import annotations

import spacy
from hypothesis import given
from hypothesis import strategies as st
from spacy.attrs import IS_SPACE, IS_UPPER, ORTH

from pressgraph.nlp.spans import flagged, positions, within

_WORDS = st.sampled_from(["The", "the", "THE", "they", "They", "two", "Organization", "ОДКБ", "."])


@given(st.lists(_WORDS, max_size=30), st.sets(_WORDS, max_size=4))
def test_positions_are_the_tokens_of_the_words_in_order(words: list[str], wanted: set[str]) -> None:
    doc = spacy.blank("en")(" ".join(words))
    lowered = {w.lower() for w in wanted}
    assert positions(doc, lowered) == [t.i for t in doc if t.lower_ in lowered]
    assert positions(doc, wanted, ORTH) == [t.i for t in doc if t.text in wanted]


def test_within_keeps_the_found_tokens_inside_a_span() -> None:
    doc = spacy.blank("en")("They met . They signed . The two met again .")
    found = positions(doc, {"they", "the"})
    assert [t.i for t in within(doc, found, doc[3:6])] == [3]
    assert [t.i for t in within(doc, found, doc[4:9])] == [6]
    assert [t.text for t in within(doc, found, doc[0 : len(doc)])] == ["They", "They", "The"]
    assert within(doc, found, doc[1:3]) == []


@given(st.lists(_WORDS, max_size=30), st.sampled_from([" ", "  ", "\n\n "]))
def test_flagged_are_the_tokens_whose_flag_is_set(words: list[str], space: str) -> None:
    doc = spacy.blank("en")(space.join(words))
    assert flagged(doc, IS_SPACE) == [t.i for t in doc if t.is_space]
    assert flagged(doc, IS_UPPER) == [t.i for t in doc if t.is_upper]
