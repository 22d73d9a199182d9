"""The attribute ruler matched by table look-up writes what spaCy's own matching writes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import spacy
from spacy.attrs import LEMMA, MORPH, NORM, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.vocab import Vocab

from pressgraph.nlp.lemmas import lemma
from pressgraph.nlp.ruler import TableMatch, speed_up_rulers
from pressgraph.settings import DEFAULT_MODEL

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
WRITTEN = (POS, TAG, MORPH, LEMMA, NORM)

# Rules of every shape the look-up reads, and some it leaves to spaCy's Matcher.
RULES: list[dict[str, Any]] = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"TAG": {"IN": ["VBZ", "VBD"]}, "LOWER": "was"}]], "attrs": {"LEMMA": "be"}},
    {"patterns": [[{"TEXT": "Ministers"}]], "attrs": {"LEMMA": "minister"}},
    {"patterns": [[{"ORTH": "met"}, {"LOWER": "with"}]], "attrs": {"POS": "ADP"}, "index": -1},
    {"patterns": [[{"LOWER": {"REGEX": "^sec"}}]], "attrs": {"NORM": "secretary"}},
    {"patterns": [[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], "attrs": {"LEMMA": "you"}},
    {"patterns": [[{"DEP": {"NOT_IN": ["det", ""]}, "TAG": "DT"}]], "attrs": {"POS": "PRON"}},
    {"patterns": [[{"TAG": {"NOT_IN": ["NN"]}, "DEP": "nsubj"}]], "attrs": {"MORPH": "Case=Nom"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE"}},
    {"patterns": [[{}, {"LOWER": "general"}]], "attrs": {"LEMMA": "general"}, "index": 1},
    {"patterns": [[{"TAG": "NN"}, {"TAG": "NN", "OP": "+"}]], "attrs": {"POS": "PROPN"}},
    {"patterns": [[{"LENGTH": 3}]], "attrs": {"NORM": "three"}},
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "X"}},  # a later rule wins
]
WORDS = ["The", "Secretary", "General", "was", "met", "with", "y'", "all", "  ", "Ministers"]
TAGS = ["DT", "NN", "NN", "VBD", "VBD", "IN", "PRP", "DT", "_SP", "NNS"]
DEPS = ["det", "nsubj", "appos", "auxpass", "ROOT", "prep", "pobj", "advmod", "dep", "nsubj"]
HEADS = [1, 4, 1, 4, 4, 4, 5, 6, 7, 4]


def _doc(vocab: Vocab, size: int = len(WORDS)) -> Doc:
    """The words, tags and parse above; cut to `size` words, each head kept inside."""
    heads = [min(h, size - 1) for h in HEADS[:size]]
    return Doc(vocab, words=WORDS[:size], tags=TAGS[:size], deps=DEPS[:size], heads=heads)


def _ruler(vocab: Vocab, rules: list[dict[str, Any]], *, fast: bool = False) -> AttributeRuler:
    """An attribute ruler holding `rules` in a blank pipeline; `fast`: after speed_up_rulers."""
    nlp = spacy.blank("en", vocab=vocab)
    ruler = nlp.add_pipe("attribute_ruler")
    assert isinstance(ruler, AttributeRuler)
    ruler.add_patterns(rules)
    if fast:
        speed_up_rulers(nlp)
        assert isinstance(ruler.match, TableMatch)
    return ruler


def _written(doc: Doc) -> list[list[int]]:
    return [[int(v) for v in row] for row in doc.to_array(list(WRITTEN)).tolist()]


def test_rules_of_every_shape_match_as_the_matcher_matches() -> None:
    vocab = spacy.blank("en").vocab
    stock, fast = _ruler(vocab, RULES), _ruler(vocab, RULES, fast=True)
    doc = _doc(vocab)
    assert fast.match(doc) == stock.match(doc)
    assert {m[0] for m in stock.match(doc)} == set(range(len(RULES)))  # each rule is read
    assert _written(fast(_doc(vocab))) == _written(stock(_doc(vocab)))
    for size in range(len(WORDS)):  # rules of two tokens at a Doc's end: "y'" last
        assert fast.match(_doc(vocab, size)) == stock.match(_doc(vocab, size))


def test_operators_and_other_attributes_stay_with_the_matcher() -> None:
    table = TableMatch(_ruler(spacy.blank("en").vocab, RULES))
    assert len(table.rest) == 2  # "OP" and "LENGTH"


def test_a_later_rule_overrides_an_earlier_one_on_the_same_token() -> None:
    vocab = spacy.blank("en").vocab
    fast = _ruler(vocab, RULES, fast=True)
    doc = fast(_doc(vocab))
    assert doc[2].pos_ == "X"  # "General": NN, then the last rule
    assert doc[5].pos_ == "ADP"  # "with", the last token of "met with"
    assert doc[1].norm_ == "secretary"


def test_an_index_outside_the_match_is_refused_as_spacy_refuses_it() -> None:
    vocab = spacy.blank("en").vocab
    rules = [{"patterns": [[{"LOWER": "was"}]], "attrs": {"LEMMA": "be"}, "index": 2}]
    stock, fast = _ruler(vocab, rules), _ruler(vocab, rules, fast=True)
    with pytest.raises(ValueError) as theirs:
        stock(_doc(vocab))
    with pytest.raises(ValueError) as ours:
        fast(_doc(vocab))
    assert str(ours.value) == str(theirs.value)


@pytest.fixture(scope="module")
def stock_model() -> Language:
    return spacy.load(DEFAULT_MODEL)


@pytest.mark.parametrize("page", sorted(p.name for p in EXAMPLES.glob("*.txt")))
def test_the_model_annotates_the_sample_pages_as_before(
    page: str, stock_model: Language, nlp: Language
) -> None:
    text = (EXAMPLES / page).read_text(encoding="utf-8")
    fast_ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(fast_ruler.match, TableMatch)
    names = [n for n in stock_model.pipe_names if n not in {"attribute_ruler", "lemmatizer"}]
    with stock_model.select_pipes(enable=names):
        parsed = stock_model(text)
    ours, theirs = Doc(nlp.vocab).from_bytes(parsed.to_bytes()), parsed
    ours = nlp.get_pipe("attribute_ruler")(ours)
    for name in ("attribute_ruler", "lemmatizer"):
        theirs = stock_model.get_pipe(name)(theirs)
    # our pipeline has no lemmatizer: asked token by token, the lemmas are the same
    assert "lemmatizer" in stock_model.pipe_names and "lemmatizer" not in nlp.pipe_names
    assert [lemma(t) for t in ours] == [t.lemma_ for t in theirs]
    assert _written(ours) == _written(theirs)
    assert [t.morph.to_json() for t in ours] == [t.morph.to_json() for t in theirs]
