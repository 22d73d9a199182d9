"""What a number counts: the noun it modifies in the spaCy parse (through compounds and
adjectives), its singular unit, and whether a year-like number is a year after all. Units come
from the English parse, so Russian figures are read but rarely find their noun."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from pressgraph.extract.quantities.lexicon import LEXICON
from pressgraph.nlp.lemmas import lemma as lemma_of
from pressgraph.nlp.spans import doc_text

_MAX_GAP = 4  # at most this many modifiers between a number and the noun it counts
_UNIT_POS = frozenset({"NOUN"})
_PLURAL_PROPER = "NNPS"  # "Countries" in a title-cased headline
_PLURAL_TAGS = frozenset({"NNS", _PLURAL_PROPER})
_MODIFIER_DEPS = frozenset({"compound", "nmod", "amod"})
_MODIFIER_POS = frozenset({"NOUN", "PROPN", "ADJ"})
_LINKS = frozenset({"PUNCT", "CCONJ"})  # between coordinated modifiers
_COORDINATED = frozenset({"NOUN", "PROPN", "ADJ", "PUNCT", "CCONJ"})
_MAX_BACK = 20  # "the number of X" at most this many tokens before the figure
_NOUN_PHRASE = frozenset({"DET", "ADJ", "NOUN", "PROPN", "PUNCT"})
_UNIT_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def _climb(tok: Token, limit: int) -> Token:
    """From a modifier up to the noun it modifies: 'model' -> 'acts' in 'model legal acts'."""
    while tok.dep_ in _MODIFIER_DEPS and tok.i < tok.head.i <= limit:
        tok = tok.head
    return tok


def _is_plural_name(tok: Token) -> bool:
    """A capitalised plural the parser took for a name: 'States' in 'six CEMAC Member States'."""
    word = tok.text
    return (
        tok.pos_ == "PROPN"
        and tok.ent_type_ != "PERSON"
        and word[:1].isupper()
        and word[1:].islower()
        and word.endswith("s")
        and not word.endswith("ss")
    )


def _is_plural(tok: Token) -> bool:
    """Whether a noun is plural or the same in both numbers ('aircraft', 'personnel')."""
    return tok.tag_ in _PLURAL_TAGS or tok.text.lower() in LEXICON.irregular


def _is_singular(tok: Token) -> bool:
    """Whether a noun can follow "one": singular, or the same in both numbers ('aircraft')."""
    word = tok.text.lower()
    if word in LEXICON.irregular:
        return LEXICON.irregular[word] == word or tok.tag_ not in _PLURAL_TAGS
    return tok.tag_ not in _PLURAL_TAGS and not _is_plural_name(tok)


def _is_counted_noun(tok: Token, num: Span, single: bool, *, parsed: bool = True) -> bool:
    """Whether tok can be what num counts: a noun word after it on the same line, modifiers
    between, plural unless the figure is at most one and then singular ("1 pages" of a page
    template counts nothing; nor does a ranking number on its own line count the next line).
    `parsed`: the words between must modify the noun in the parse."""
    if not (tok.pos_ in _UNIT_POS or tok.tag_ == _PLURAL_PROPER or _is_plural_name(tok)):
        return False
    if _UNIT_WORD.fullmatch(tok.text) is None:
        return False
    if not (_is_singular(tok) if single else _is_plural(tok) or _is_plural_name(tok)):
        return False
    if "\n" in doc_text(tok.doc)[num.end_char : tok.idx]:
        return False
    return not parsed or all(tok in mod.ancestors for mod in num.doc[num.end : tok.i])


def _start_token(num: Span, vague: bool) -> Token | None:
    """The token the number modifies to its right, or after 'thousands of' the next word."""
    doc = num.doc
    if num.end >= len(doc):
        return None
    if vague:
        nxt = doc[num.end]
        return nxt if nxt.pos_ in _MODIFIER_POS else None
    if doc[num.end].lower_ in LEXICON.partitive:
        return None  # "one of the members", "five of them"
    limit = _gap_limit(num)
    heads = [t.head for t in num if num.end <= t.head.i <= limit]
    return heads[-1] if heads else None


def _gap_limit(num: Span) -> int:
    """The last token the counted noun may be: _MAX_GAP words after the number, commas and
    "and" between coordinated modifiers not counted ("1,200 small, medium and large units")."""
    doc, words = num.doc, 0
    last = min(len(doc), num.end + 2 * _MAX_GAP + 1) - 1
    for i in range(num.end, last + 1):
        words += doc[i].pos_ not in _LINKS
        if words > _MAX_GAP:
            return i
    return last


def _adjacent_noun(num: Span) -> Token | None:
    """The noun right after a number the parser attached elsewhere ('June 30 countries')."""
    nxt = num.doc[num.end] if num.end < len(num.doc) else None
    if nxt is None or not (
        nxt.pos_ in _UNIT_POS or nxt.tag_ == _PLURAL_PROPER or _is_plural_name(nxt)
    ):
        return None
    return _climb(nxt, num.end + _MAX_GAP)


def _last_conjunct(tok: Token, num: Span, single: bool) -> Token | None:
    """The noun a number counts when the parser made coordinated modifiers nouns: 'personnel'
    in '3,600 military, police and civilian personnel' (the number hangs on 'military')."""
    limit, last = _gap_limit(num), tok
    while nxt := [c for c in last.children if c.dep_ == "conj" and last.i < c.i <= limit]:
        last = nxt[-1]
    if last is tok or not all(t.pos_ in _COORDINATED for t in num.doc[num.end : last.i]):
        return None
    return last if _is_counted_noun(last, num, single, parsed=False) else None


def unit_token(num: Span, vague: bool, single: bool) -> Token | None:
    """The noun a number counts: its head in the parse, else the noun right after it."""
    start = _start_token(num, vague)
    tok = None if start is None else _climb(start, _gap_limit(num))
    if tok is not None and not vague and not _is_counted_noun(tok, num, single):
        last = _last_conjunct(tok, num, single)
        if last is not None:
            return last
    if tok is None or not _is_counted_noun(tok, num, single):
        tok = None if vague else _adjacent_noun(num)
    return tok if tok is not None and _is_counted_noun(tok, num, single) else None


def counted_before(num: Span) -> Token | None:
    """The noun of "the number of X" earlier in the sentence, for a figure that counts nothing
    after it: 'profiles' in 'the number of FTF profiles held by INTERPOL rose to nearly 44,000'.
    Another figure between the two, or a noun that is not plural, and it is None."""
    doc, sent = num.doc, num.sent
    for tok in reversed(doc[max(sent.start, num.start - _MAX_BACK) : num.start]):
        if tok.like_num:
            return None
        if tok.lower_ in LEXICON.count_nouns and doc[tok.i + 1].lower_ == "of":
            return _phrase_noun(doc[tok.i + 2 : num.start])
    return None


def _phrase_noun(words: Span) -> Token | None:
    """The last plural noun of the noun phrase that opens `words` ("foreign terrorist fighter
    (FTF) profiles" in "foreign terrorist fighter (FTF) profiles held by ...")."""
    noun = None
    for tok in words:
        if tok.pos_ not in _NOUN_PHRASE and tok.dep_ not in _MODIFIER_DEPS:
            break  # "stolen" in "stolen passport records" is a modifier all the same
        if tok.pos_ in _UNIT_POS and _is_plural(tok):
            noun = tok
    return noun


def unit_name(tok: Token) -> str:
    """The singular lower-case unit of a counted noun ('people' -> 'person')."""
    word = tok.text.lower()
    if word in LEXICON.irregular:
        return LEXICON.irregular[word]
    lemma = lemma_of(tok).lower() or word
    if (lemma == word and tok.pos_ != "NOUN" and _is_plural(tok)) or _is_plural_name(tok):
        lemma = _singular(word)  # the lemmatizer leaves names alone: "Countries", "States"
    return LEXICON.irregular.get(lemma, lemma)


def _singular(word: str) -> str:
    """The singular of a regular English plural ('countries' -> 'country', 'states' -> 'state')."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def looks_like_year(num: Span, unit: Token | None) -> bool:
    """Whether a bare year-like number ('the 2019 exercise') is a year, not a count: it counts
    only a plural noun with no determiner before it ('2000 people')."""
    if unit is None or unit.tag_ not in _PLURAL_TAGS:
        return True
    return any(c.dep_ in ("det", "poss") and c.i < num.start for c in unit.children)
