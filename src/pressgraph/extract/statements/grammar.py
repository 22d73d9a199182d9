"""Small tests on the parse that the statement rules share: a finite verb, a clause, a subject."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from pressgraph.extract.statements.lexicon import lexicon

_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def has_finite_verb(tokens: Iterable[Token]) -> bool:
    """True when a finite verb is among the tokens: they make a clause, not a title or a gap."""
    return any(t.tag_ in _FINITE for t in tokens)


def has_clause(tokens: Iterable[Token]) -> bool:
    """True when a finite verb among the tokens has a subject: words that make a sentence
    ("We give priority"), not a title that the tagger gave a verb ("... forces and means")."""
    for token in tokens:
        if token.tag_ not in _FINITE:
            continue
        verb = token.head if token.dep_ in {"aux", "auxpass"} else token  # "was signed"
        if any(c.dep_ in _SUBJECTS for c in verb.children):
            return True
    return False


def is_subject(person: Span) -> bool:
    """True when the parse makes the person a subject, directly or as an apposition."""
    token = person.root
    for _ in range(4):
        if token.dep_ in _SUBJECT_DEPS:
            return True
        if token.dep_ not in {"appos", "compound"} or token.head is token:
            return False
        token = token.head
    return False


def ends_sentence(token: Token) -> bool:
    """A sentence mark that is not the dot of an abbreviation ("Col.-Gen.", "Mr.")."""
    if token.text in {"!", "?", ";"}:
        return True
    if token.text != "." or token.i == 0:
        return False
    before = token.doc[token.i - 1].text
    initial = len(before) == 1 and before.isupper()
    return not ("." in before or initial or before.lower() in lexicon().abbreviations)
