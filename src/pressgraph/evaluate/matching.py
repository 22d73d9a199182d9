"""When two names, titles, dates, units or figures are the same, for scoring.

Ported from the shared scorer (../shared/eval/score.py) function by function, with its word
lists moved to data/matching.yml, so that both scorers agree on every export; a change here
must be made there too (tests/evaluate/test_agreement.py pins the numbers of both).
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from pressgraph.evaluate.lexicon import lexicon

_NOT_WORD = re.compile(r"[^0-9a-zа-яё]+")
_DOUBLED = re.compile(r"(.)\1")


def fold(text: str | None) -> str:
    """Lower case without accents, punctuation as single spaces, spellings made one."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _NOT_WORD.sub(" ", text.lower().replace("’", "'"))
    spellings = lexicon().spellings
    return " ".join(spellings.get(word, word) for word in text.split())


def translit(text: str) -> str:
    """A loose key that forgives common Russian-to-Latin spelling variants."""
    key = fold(text)
    for old, new in lexicon().transliteration:
        key = key.replace(old, new)
    return _DOUBLED.sub(r"\1", key)


def person_key(name: str) -> str:
    """The transliteration key of a name without honorifics ("Mr.", "H.E.")."""
    honorifics = lexicon().honorifics
    return translit(" ".join(t for t in fold(name).split() if t not in honorifics))


def same_person(pred_names: Iterable[str], gold_names: Iterable[str]) -> bool:
    """True when a spelling of the prediction has the key of a gold spelling, or both are full
    names with the same surname and the same first initial."""
    pred = {person_key(n) for n in pred_names if n}
    gold = {person_key(n) for n in gold_names if n}
    if pred & gold:
        return True
    return any(_same_initial_and_surname(p.split(), g.split()) for p in pred for g in gold)


def _same_initial_and_surname(pred: list[str], gold: list[str]) -> bool:
    return len(pred) >= 2 and len(gold) >= 2 and pred[-1] == gold[-1] and pred[0][0] == gold[0][0]


def has_words(hay: str | None, needle: str | None) -> bool:
    """True when the folded words of `needle` occur as a contiguous run of words in `hay`."""
    words, run = fold(hay).split(), fold(needle).split()
    return bool(run) and any(
        words[i : i + len(run)] == run for i in range(len(words) - len(run) + 1)
    )


def title_match(pred: str | None, gold: str) -> bool:
    """Same post title: one's words contain the other's (the shorter missing at most two
    words), or the two read alike (similarity ratio at least 0.8)."""
    stop = lexicon().title_stopwords
    p = [t for t in fold(pred).split() if t not in stop]
    g = [t for t in fold(gold).split() if t not in stop]
    if not p or not g:
        return False
    if set(g) <= set(p) or (set(p) <= set(g) and len(p) >= max(1, len(g) - 2)):
        return True
    return difflib.SequenceMatcher(None, " ".join(p), " ".join(g)).ratio() >= 0.8


def date_match(pred: str | None, gold: str | None) -> bool:
    """Same date, or one is the other with less precision (a month of the gold day, at least)."""
    if gold is None:
        return pred is None
    if not pred:
        return False
    return pred == gold or pred.startswith(gold) or (gold.startswith(pred) and len(pred) >= 7)


def lemma(word: str) -> str:
    """The singular of a folded word (people -> person, countries -> country)."""
    irregular = lexicon().irregular_plurals
    if word in irregular:
        return irregular[word]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def unit_head(unit: str) -> str:
    """Head noun of a folded unit: the word before 'of', else the last word
    ('border crossing point' -> point)."""
    words = unit.split()
    if "of" in words[1:]:
        words = words[: words.index("of", 1)]
    return lemma(words[-1]) if words else ""


def unit_match(pred: str | None, gold: str) -> bool:
    """Same counted unit: equal, one a prefix or word of the other, the same lemmas, or the
    same head noun."""
    p, g = fold(pred), fold(gold)
    if not p:
        return False
    p2 = p[:-1] if p.endswith("s") else p
    if p == g or p2 == g or g in p.split() or g in p2.split():
        return True
    if p.startswith(g) or g.startswith(p2):
        return True
    same_lemmas = " ".join(map(lemma, p.split())) == " ".join(map(lemma, g.split()))
    return same_lemmas or unit_head(p) == unit_head(g)


def num_eq(a: Any, b: Any) -> bool:
    """Same figure (to 1e-6); two missing figures are the same too."""
    if a is None or b is None:
        return a is None and b is None
    try:
        return abs(float(a) - float(b)) < 1e-6
    except (TypeError, ValueError):
        return False


def rel_kind(kind: str | None) -> str | None:
    """The kind a relation kind counts as (a partnership is a cooperation)."""
    return lexicon().relation_kinds.get(kind, kind) if kind is not None else None


def is_symmetric(kind: str | None) -> bool:
    """Whether a relation of this kind holds both ways (cooperation)."""
    return rel_kind(kind) in lexicon().symmetric_relations
