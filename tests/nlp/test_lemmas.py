"""Lemmas on demand: the lemmatizer out of the pipeline, asked about one token at a time."""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pressgraph.nlp.lemmas import lemma, lemmatize_on_demand
from pressgraph.settings import DEFAULT_MODEL

TEXT = "The delegations were meeting in the capitals. Officials said that two countries agreed."


def test_the_pipeline_gives_no_lemma_until_one_is_asked_for(nlp: Language) -> None:
    doc = nlp(TEXT)
    assert [t.lemma_ for t in doc[:2]] == ["", ""]  # the lemmatizer did not run
    assert doc[2].lemma_ == "be"  # "were": the attribute ruler's lemma
    assert [lemma(t) for t in doc[:3]] == ["the", "delegation", "be"]
    assert doc[1].lemma_ == "delegation"  # written on the token, as the pipeline would
    assert [lemma(t) for t in doc if t.text in {"said", "countries", "agreed"}] == [
        "say",
        "country",
        "agree",
    ]


def test_the_attribute_rulers_lemmas_stay(nlp: Language) -> None:
    """A lemma set before (by the attribute ruler) is kept, as the lemmatizer keeps it
    unless it overwrites."""
    doc = nlp.make_doc("They were there.")
    doc[1].lemma_ = "was-set-before"
    doc[1].pos_ = "AUX"
    assert lemma(doc[1]) == "was-set-before"


def test_a_pipeline_that_keeps_its_lemmatizer_is_read_as_it_is() -> None:
    stock = spacy.load(DEFAULT_MODEL)
    doc = stock("Officials said that two countries agreed.")
    assert [lemma(t) for t in doc] == [t.lemma_ for t in doc]
    assert lemma(doc[1]) == "say"


def test_without_a_lemmatizer_the_lemma_is_empty() -> None:
    blank = spacy.blank("en")
    lemmatize_on_demand(blank)  # nothing to take out
    doc = blank("Officials said that.")
    assert [lemma(t) for t in doc] == ["", "", "", ""]


def test_a_doc_of_another_vocabulary_is_not_lemmatized_by_ours(nlp: Language) -> None:
    other = Doc(spacy.blank("en").vocab, words=["countries"], pos=["NOUN"])
    assert lemma(other[0]) == ""
    assert lemma(nlp("countries")[0]) == "country"
