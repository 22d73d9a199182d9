"""Lemmas on demand: the model's lemmatizer reads the tokens a rule asks about, not every token.

spaCy's lemmatizer gives a token's lemma from the token alone (its text, part of speech and
morphology, set by the tagger and the attribute ruler before it). Our rules read the lemmas of
few tokens: a counted unit, a verb of joint work, a document noun, a reporting verb. So
`build_pipeline` takes the lemmatizer out of the pipeline (`lemmatize_on_demand`), and `lemma`
asks it about one token and writes the answer on the token, as the pipeline would have: the
same lemma, for a fraction of the work.

A pipeline built otherwise (a model without a lemmatizer, or one still in the pipeline) is
read as it is: `lemma` then gives `token.lemma_` unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Token
from spacy.vocab import Vocab

__all__ = ["lemma", "lemmatize_on_demand"]


class _Kept(NamedTuple):
    """A lemmatizer taken out of its pipeline, with the vocabulary its pipeline's docs share."""

    vocab: Vocab
    lemmatize: Callable[[Token], list[str]]
    overwrite: bool


_KEPT: dict[int, _Kept] = {}  # id of the vocab -> its lemmatizer (which keeps the vocab alive)


def lemmatize_on_demand(nlp: Language) -> None:
    """Take `nlp`'s lemmatizers out of the pipeline and keep the last one for `lemma`."""
    for name, pipe in list(nlp.pipeline):
        if not isinstance(pipe, Lemmatizer):
            continue
        nlp.remove_pipe(name)
        pipe(nlp.make_doc(""))  # its first call checks its tables; an error shows here, once
        _KEPT[id(nlp.vocab)] = _Kept(nlp.vocab, pipe.lemmatize, bool(pipe.overwrite))


def lemma(token: Token) -> str:
    """The token's lemma, as the lemmatizer of its pipeline gives it ('' with none)."""
    kept = _KEPT.get(id(token.vocab))
    if kept is not None and kept.vocab is token.vocab and (kept.overwrite or token.lemma == 0):
        token.lemma_ = kept.lemmatize(token)[0]
    return str(token.lemma_)
