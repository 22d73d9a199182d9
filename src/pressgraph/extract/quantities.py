"""Find numeric quantities ("about 11 thousand ISIS fighters") in parsed text: the core of claims.

Regular expressions read the number itself (digits, separators, decimal commas, number words,
multipliers, ranges, hedges); the spaCy parse finds what it counts: the head noun the number
modifies (``nummod``, through compounds and adjectives), and a subject when the text names
one ("ISIS fighters", "members of the Taliban"). A quantity needs something counted, so a
number without a unit is dropped; so are years, dates, ordinals, times, phone and document
numbers, and names with numbers ("COVID-19").

Choices: a hedge before a range leaves it a "range"; "thousands of" and "tens of thousands of"
are lower bounds ("over" 2000, 20000); a plain four-digit number from 1900 to 2100 counts only
a plural noun with no determiner before it ("2000 people", not "the 2019 exercises"); a noun
must be plural unless the figure is at most one ("500 yesterday" is not a count). Units come
from the English parse, so Russian figures are read but rarely find their noun.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from pressgraph.datafiles import load_yaml
from pressgraph.errors import DataError
from pressgraph.extract.dates import find_dates
from pressgraph.nlp.spans import doc_text

__all__ = ["Quantity", "find_quantities"]

_DATA_NAME = "pressgraph/extract/data/units.yml"
_APPROX = ("about", "over", "under")
# Any date will do: find_dates needs an anchor to report day-month dates without a year
# ("25 July"), and here only where dates are matters, not what they resolve to.
_DATE_ANCHOR = dt.date(2000, 1, 1)
_MIN_YEAR, _MAX_YEAR = 1900, 2100  # a bare four-digit number in this range may be a year
_MAX_GAP = 4  # at most this many modifiers between a number and the noun it counts
_UNIT_POS = frozenset({"NOUN"})
_PLURAL_PROPER = "NNPS"  # "Countries" in a title-cased headline
_PLURAL_TAGS = frozenset({"NNS", _PLURAL_PROPER})
_MODIFIER_DEPS = frozenset({"compound", "nmod", "amod"})
_MODIFIER_POS = frozenset({"NOUN", "PROPN", "ADJ"})
_SUBJECT_LABELS = frozenset({"ORG", "NORP", "GPE", "LOC", "PERSON"})


@dataclass(frozen=True)
class Quantity:
    """One figure: where it is, its bounds and hedge, what it counts and whom it is about."""

    start: int
    end: int
    text: str
    low: float
    high: float
    approx: str
    unit: str | None
    unit_start: int | None
    unit_end: int | None
    subject: str | None
    subject_start: int | None
    subject_end: int | None


# ---------------------------------------------------------------- the word lists


@dataclass(frozen=True)
class _Lexicon:
    """The words of units.yml, checked and lower-cased."""

    numbers: dict[str, int]
    multipliers: dict[str, float]
    vague: dict[str, float]
    hedges: dict[str, str]
    ranges: dict[str, tuple[str, ...]]
    bare_links: tuple[str, ...]
    prefixes: frozenset[str]
    partitive: tuple[str, ...]
    unit_phrases: dict[str, str]
    currency: dict[str, str]
    irregular: dict[str, str]


def _fail(what: str) -> DataError:
    """A DataError saying which part of units.yml is wrong and how to fix it."""
    return DataError(f"{_DATA_NAME}: {what}; fix the file (see the comments at its top)")


def _norm(words: object) -> str:
    """Lower-case a phrase and collapse its spaces, the form every lookup uses."""
    return " ".join(str(words).lower().split())


def _mapping(raw: object, key: str) -> Mapping[object, object]:
    """A non-empty mapping from the file, or a DataError naming the key."""
    if not isinstance(raw, dict) or not raw:
        raise _fail(f"'{key}' must be a non-empty mapping")
    return raw


def _str_list(raw: object, key: str) -> tuple[str, ...]:
    """A non-empty list of non-empty strings from the file, or a DataError naming the key."""
    if not isinstance(raw, list) or not raw:
        raise _fail(f"'{key}' must be a non-empty list of strings")
    if not all(isinstance(w, str) and w.strip() for w in raw):
        raise _fail(f"'{key}' must be a list of non-empty strings")
    return tuple(_norm(w) for w in raw)


def _num_map(raw: object, key: str) -> dict[str, float]:
    """A mapping of words to positive numbers (number words, multipliers)."""
    out: dict[str, float] = {}
    for word, num in _mapping(raw, key).items():
        value = float(num) if isinstance(num, int | float) and not isinstance(num, bool) else 0.0
        if not isinstance(word, str) or not word.strip() or not 0 < value < math.inf:
            raise _fail(f"'{key}' must map words to positive numbers, not {word!r}: {num!r}")
        out[_norm(word)] = value
    return out


def _str_map(raw: object, key: str) -> dict[str, str]:
    """A mapping of words to words (units)."""
    out: dict[str, str] = {}
    for word, value in _mapping(raw, key).items():
        if not isinstance(word, str) or not isinstance(value, str) or not value.strip():
            raise _fail(f"'{key}' must map words to words, not {word!r}: {value!r}")
        out[_norm(word)] = _norm(value)
    return out


def _number_words(raw: object) -> dict[str, int]:
    """Number words -> values, each a whole number from 1 to 19 or a ten up to 90."""
    out: dict[str, int] = {}
    for word, num in _num_map(raw, "number_words").items():
        if num != int(num) or not (num < 20 or (num < 100 and num % 10 == 0)):
            raise _fail(f"'number_words' values must be 1-19 or 20, 30 .. 90, not {num!r}")
        out[word] = int(num)
    return out


def _hedges(raw: object) -> dict[str, str]:
    """Hedge phrase -> approx (about, over, under)."""
    table = _mapping(raw, "hedges")
    if set(table) != set(_APPROX):
        raise _fail(f"'hedges' must have exactly the keys {', '.join(_APPROX)}")
    return {w: str(kind) for kind in _APPROX for w in _str_list(table[kind], f"hedges.{kind}")}


def _ranges(raw: object) -> dict[str, tuple[str, ...]]:
    """Range opening word -> the words that may join its two numbers."""
    return {_norm(k): _str_list(v, f"ranges.{k}") for k, v in _mapping(raw, "ranges").items()}


def _parse_lexicon(raw: object) -> _Lexicon:
    """Check the parsed units.yml and turn it into lookup tables; DataError if malformed."""
    top = _mapping(raw, "the top level")
    return _Lexicon(
        numbers=_number_words(top.get("number_words")),
        multipliers=_num_map(top.get("multipliers"), "multipliers"),
        vague=_num_map(top.get("vague"), "vague"),
        hedges=_hedges(top.get("hedges")),
        ranges=_ranges(top.get("ranges")),
        bare_links=_str_list(top.get("bare_range_links"), "bare_range_links"),
        prefixes=frozenset(_str_list(top.get("number_prefixes"), "number_prefixes")),
        partitive=_str_list(top.get("partitive"), "partitive"),
        unit_phrases=_str_map(top.get("unit_phrases"), "unit_phrases"),
        currency=_str_map(top.get("currency_signs"), "currency_signs"),
        irregular=_str_map(top.get("irregular"), "irregular"),
    )


def _load_lexicon() -> _Lexicon:
    """Read the bundled units.yml once, at import; a malformed file is a DataError."""
    return _parse_lexicon(load_yaml("pressgraph.extract", "units.yml"))


_LEX = _load_lexicon()


# ---------------------------------------------------------------- regular expressions


_SP = r"[^\S\n]+"  # spaces within a line
_DASH = r"[^\S\n]*[-–—][^\S\n]*"


_CANON: dict[str, str] = {}  # every case form of every data word -> the word as in the file


def _case_forms(word: str) -> set[str]:
    """A word as in the file, capitalised, title-cased and upper-cased; remembered in _CANON."""
    forms = {word, word.capitalize(), word.title(), word.upper()}
    _CANON.update(dict.fromkeys(forms, word))
    return forms


def _canon(text: str) -> str:
    """The data word a matched form stands for ('More  than' -> 'more than')."""
    return _CANON[" ".join(text.split())]


def _alt(words: Iterable[str]) -> str:
    """A non-capturing alternation of the words in their case forms, longest first."""
    forms = {form for word in words for form in _case_forms(word)}
    parts = {
        _SP.join(map(re.escape, f.split())) + (r"(?!\w)" if f[-1:].isalnum() else "") for f in forms
    }
    return "(?:" + ("|".join(sorted(parts, key=lambda p: (-len(p), p))) or "(?!)") + ")"


def _words_between(low: int, high: int, *, tens: bool = False) -> str:
    """An alternation of the number words with values in [low, high] (tens: only 20..90)."""
    return _alt(w for w, n in _LEX.numbers.items() if low <= n <= high and (not tens or n >= 20))


_GROUPED = r"[0-9]{1,3}(?:(?:,|[ \u00a0\u202f])[0-9]{3})+(?:\.[0-9]+)?(?![0-9])"
_DIGITS = rf"(?:{_GROUPED}|[0-9]+(?:[.,][0-9]+)?)"
_MULT = _alt(_LEX.multipliers)
_WORD_NUM = (
    rf"(?:{_words_between(20, 90, tens=True)}(?:(?:-|{_SP}){_words_between(1, 9)}|(?!-\w))"
    rf"|{_words_between(1, 19)})"
)
_BASE = rf"(?:{_DIGITS}|{_WORD_NUM}|{_alt(['a'])}(?={_SP}{_MULT}))"  # "a" only in "a dozen"
_NUMBER_BODY = rf"{_BASE}(?:{_SP}{_MULT})*"
_NUMBER = re.compile(rf"(?<!\w)(?P<base>{_BASE})(?P<mults>(?:{_SP}{_MULT})*)")
_GROUPED_RE = re.compile(_GROUPED)
_SEPARATORS = re.compile(r"[, \u00a0\u202f]")
_WORD_SPLIT = re.compile(r"[-\s]+")
_MULT_RE = re.compile(_MULT)
_PARTITIVE = _alt(_LEX.partitive)
_VAGUE_WORD = _alt(_LEX.vague)
_VAGUE_RE = re.compile(_VAGUE_WORD)
_VAGUE = rf"{_VAGUE_WORD}(?:{_SP}{_PARTITIVE}{_SP}{_VAGUE_WORD})*{_SP}{_PARTITIVE}"
_OPENED = "|".join(
    rf"{_alt([opener])}{_SP}{_NUMBER_BODY}(?:{_DASH}|{_SP}{_alt(links)}{_SP}){_NUMBER_BODY}"
    for opener, links in _LEX.ranges.items()
)
_PLAIN = rf"{_NUMBER_BODY}(?:(?:{_DASH}|{_SP}{_alt(_LEX.bare_links)}{_SP}){_NUMBER_BODY})?"
_CURRENCY = _alt(_LEX.currency)
_SIGNS = re.escape("".join(sorted({c for sign in _LEX.currency for c in sign})))
_CANDIDATE = re.compile(
    rf"(?<![\w.,:/+\-–—#№{_SIGNS}])"  # not the tail of a word, code, name, number ("COVID-19")
    rf"(?:(?P<vague>{_VAGUE})|(?:(?P<cur>{_CURRENCY})[^\S\n]?)?(?P<body>{_OPENED}|{_PLAIN}))"
    r"(?![0-9]|[.,:/][0-9]|[-–—]?\w)",  # not "10:30", "1.2.3", "20th", "20-member"
)
_HEDGE_BEFORE = re.compile(rf"(?<!\w)(?P<h>{_alt(_LEX.hedges)}){_SP}$")
_WORD_BEFORE = re.compile(r"(?P<w>\S+)[^\S\n]+$")
_UNIT_AFTER = re.compile(rf"[^\S\n]*(?P<u>{_alt(_LEX.unit_phrases)})")
_YEAR_LIKE = re.compile(r"[0-9]{4}(?:[-–—][0-9]{4})?")
_UNIT_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_OPEN_PUNCT = "([«\"'“‘"


# ---------------------------------------------------------------- reading numbers


class _Figure(NamedTuple):
    """A number read from text: its bounds, whether it is a range, a lower bound, or a year."""

    low: float
    high: float
    approx: str
    year_like: bool


def _digits_value(text: str) -> float:
    """'2,000' and '2 000' -> 2000; '67,6' -> 67.6 (a comma not before 3 digits is decimal)."""
    if _GROUPED_RE.fullmatch(text):
        return float(_SEPARATORS.sub("", text))
    return float(text.replace(",", "."))


def _base_value(base: str) -> float:
    """The value of a number before its multipliers: digits, 'twenty-five', or 'a'."""
    if base[0].isdigit():
        return _digits_value(base)
    return float(sum(_LEX.numbers.get(_canon(w), 1) for w in _WORD_SPLIT.split(base)))


def _number_value(m: re.Match[str]) -> tuple[float, float]:
    """(value before multipliers, product of the multipliers) of one number."""
    mult = math.prod(_LEX.multipliers[_canon(w)] for w in _MULT_RE.findall(m.group("mults")))
    return _base_value(m.group("base")), mult


def _range_bounds(first: tuple[float, float], second: tuple[float, float]) -> tuple[float, float]:
    """Low and high of a range; '20-30 thousand' multiplies both ends, '500-2 thousand' not."""
    (b1, m1), (b2, m2) = first, second
    if m1 == 1 and m2 > 1 and b1 < b2:
        m1 = m2
    low, high = b1 * m1, b2 * m2
    return min(low, high), max(low, high)


def _figure(low: float, high: float, approx: str, year_like: bool = False) -> _Figure | None:
    """A figure, or None when a bound is too large to be a float."""
    return _Figure(low, high, approx, year_like) if math.isfinite(high) else None


def _read_body(body: str) -> _Figure | None:
    """The figure written in a matched number or range."""
    nums = list(_NUMBER.finditer(body))
    if not 1 <= len(nums) <= 2:
        return None
    values = [_number_value(n) for n in nums]
    year_like = _YEAR_LIKE.fullmatch(body) is not None and all(
        _MIN_YEAR <= b <= _MAX_YEAR and m == 1 for b, m in values
    )
    if len(values) == 1:
        value = values[0][0] * values[0][1]
        return _figure(value, value, "exact", year_like)
    return _figure(*_range_bounds(values[0], values[1]), "range", year_like)


def _read_vague(text: str) -> _Figure | None:
    """'tens of thousands of' -> over 20000: at least two of the product of the words."""
    value = 2 * math.prod(_LEX.vague[_canon(w)] for w in _VAGUE_RE.findall(text))
    return _figure(value, value, "over")


# ---------------------------------------------------------------- candidates


class _Candidate(NamedTuple):
    """A number found in the text before its unit is looked for."""

    start: int  # the hedge, range opener or currency sign included
    num_start: int
    num_end: int
    figure: _Figure
    vague: bool
    currency: tuple[str, int, int] | None  # unit, start, end of a currency sign
    hedged: bool


def _hedge(text: str, start: int, floor: int) -> tuple[str, int] | None:
    """(approx, start) of a hedge written right before `start` and after `floor`, if any."""
    m = _HEDGE_BEFORE.search(text, max(floor, start - 40), start)
    return None if m is None else (_LEX.hedges[_canon(m.group("h"))], m.start("h"))


def _word_before(text: str, start: int) -> str:
    """The whitespace-separated word right before `start`, lower-cased, opening marks cut."""
    m = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return m.group("w").lower().lstrip(_OPEN_PUNCT) if m else ""


def _is_document_number(text: str, start: int) -> bool:
    """Whether a number is a document or item number ('resolution 2178', 'No. 15')."""
    return _word_before(text, start) in _LEX.prefixes


def _candidate(m: re.Match[str], floor: int) -> _Candidate | None:
    """A candidate from a match: its figure with hedge, range and currency sign read."""
    text = m.string
    vague = m.group("vague") is not None
    figure = _read_vague(m.group("vague")) if vague else _read_body(m.group("body"))
    if figure is None or _is_document_number(text, m.start()):
        return None
    currency = None
    if m.group("cur"):
        currency = (_LEX.currency[_canon(m.group("cur"))], m.start("cur"), m.end("cur"))
    hedge = _hedge(text, m.start(), floor)
    if hedge is None:
        return _Candidate(m.start(), m.start(), m.end(), figure, vague, currency, False)
    approx = figure.approx if figure.approx == "range" else hedge[0]
    return _Candidate(
        hedge[1], m.start(), m.end(), figure._replace(approx=approx), vague, currency, True
    )


def _in_dates(start: int, end: int, dates: list[tuple[int, int]]) -> bool:
    """Whether [start, end) overlaps one of the date spans."""
    return any(s < end and start < e for s, e in dates)


def _candidates(text: str, start: int, end: int) -> list[_Candidate]:
    """Every number in text[start:end] that is not inside a date."""
    dates = [
        (d.start + start, d.end + start) for d in find_dates(text[start:end], anchor=_DATE_ANCHOR)
    ]
    found = []
    for m in _CANDIDATE.finditer(text, start, end):
        cand = _candidate(m, start)
        if cand is not None and not _in_dates(cand.num_start, cand.num_end, dates):
            found.append(cand)
    return found


# ---------------------------------------------------------------- what a number counts


class _Found(NamedTuple):
    """A piece of text: a unit or subject and its offsets."""

    text: str
    start: int
    end: int


def _climb(tok: Token, limit: int) -> Token:
    """From a modifier up to the noun it modifies: 'model' -> 'acts' in 'model legal acts'."""
    while tok.dep_ in _MODIFIER_DEPS and tok.i < tok.head.i <= limit:
        tok = tok.head
    return tok


def _is_plural(tok: Token) -> bool:
    """Whether a noun is plural or the same in both numbers ('aircraft', 'personnel')."""
    return tok.tag_ in _PLURAL_TAGS or tok.text.lower() in _LEX.irregular


def _is_counted_noun(tok: Token, num: Span, single: bool) -> bool:
    """Whether tok can be what num counts: a noun word after it, modifiers between, plural
    unless the figure is at most one."""
    if not (tok.pos_ in _UNIT_POS or tok.tag_ == _PLURAL_PROPER):
        return False
    if _UNIT_WORD.fullmatch(tok.text) is None or not (single or _is_plural(tok)):
        return False
    return all(tok in mod.ancestors for mod in num.doc[num.end : tok.i])


def _start_token(num: Span, vague: bool) -> Token | None:
    """The token the number modifies to its right, or after 'thousands of' the next word."""
    doc = num.doc
    if num.end >= len(doc):
        return None
    if vague:
        nxt = doc[num.end]
        return nxt if nxt.pos_ in _MODIFIER_POS else None
    if doc[num.end].lower_ in _LEX.partitive:
        return None  # "one of the members", "five of them"
    heads = [t.head for t in num if num.end <= t.head.i <= num.end + _MAX_GAP]
    return heads[-1] if heads else None


def _adjacent_noun(num: Span) -> Token | None:
    """The noun right after a number the parser attached elsewhere ('June 30 countries')."""
    nxt = num.doc[num.end] if num.end < len(num.doc) else None
    if nxt is None or not (nxt.pos_ in _UNIT_POS or nxt.tag_ == _PLURAL_PROPER):
        return None
    return _climb(nxt, num.end + _MAX_GAP)


def _unit_token(num: Span, vague: bool, single: bool) -> Token | None:
    """The noun a number counts: its head in the parse, else the noun right after it."""
    start = _start_token(num, vague)
    tok = None if start is None else _climb(start, num.end + _MAX_GAP)
    if tok is None or not _is_counted_noun(tok, num, single):
        tok = None if vague else _adjacent_noun(num)
    return tok if tok is not None and _is_counted_noun(tok, num, single) else None


def _unit_name(tok: Token) -> str:
    """The singular lower-case unit of a counted noun ('people' -> 'person')."""
    word = tok.text.lower()
    if word in _LEX.irregular:
        return _LEX.irregular[word]
    lemma = str(tok.lemma_).lower() or word
    return _LEX.irregular.get(lemma, lemma)


def _looks_like_year(num: Span, unit: Token | None) -> bool:
    """Whether a bare year-like number ('the 2019 exercise') is a year, not a count."""
    if unit is None or unit.tag_ not in _PLURAL_TAGS:
        return True
    return any(c.dep_ in ("det", "poss") and c.i < num.start for c in unit.children)


# ---------------------------------------------------------------- whom a number is about


def _is_name(tok: Token) -> bool:
    """Whether a token names an organization, group or country ('ISIS', 'Taliban')."""
    if tok.ent_type_:
        return tok.ent_type_ in _SUBJECT_LABELS  # not a date, number or law ("of May")
    return bool(tok.pos_ == "PROPN")


def _entity_bounds(tok: Token) -> tuple[int, int]:
    """Token indexes [start, end) of the named entity around tok, or of tok alone."""
    doc = tok.doc
    if not tok.ent_type_:
        return tok.i, tok.i + 1
    start, end = tok.i, tok.i + 1
    while doc[start].ent_iob_ == "I" and start > 0:
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return start, end


def _found(doc: Doc, start: int, end: int) -> _Found | None:
    """The text of tokens [start, end) without leading determiners or edge punctuation."""
    while start < end and (doc[start].pos_ in ("DET", "PUNCT")):
        start += 1
    while end > start and doc[end - 1].pos_ == "PUNCT":
        end -= 1
    if start >= end:
        return None
    span = doc[start:end]
    return _Found(span.text, span.start_char, span.end_char)


def _subject_before(num: Span, unit: Token) -> _Found | None:
    """A name between the number and its noun: 'ISIS' in '11 thousand ISIS fighters'."""
    doc = num.doc
    first = next((t for t in doc[num.end : unit.i] if _is_name(t)), None)
    if first is None:
        return None
    ent_start, ent_end = _entity_bounds(first)
    end = first.i + 1
    while end < unit.i and _is_name(doc[end]):
        end += 1
    return _found(doc, max(ent_start, num.end), min(max(end, ent_end), unit.i))


def _subject_after(unit: Token) -> _Found | None:
    """A name the noun belongs to: 'Taliban' in '60 thousand members of the Taliban'."""
    for prep in unit.rights:
        if prep.dep_ != "prep" or prep.lower_ not in _LEX.partitive:
            continue
        for obj in prep.children:
            if obj.dep_ == "pobj" and _is_name(obj):
                ent_start, ent_end = _entity_bounds(obj)
                start = max(prep.i + 1, min(ent_start, obj.left_edge.i))
                return _found(unit.doc, start, max(ent_end, obj.i + 1))
    return None


def _subject(num: Span, unit: Token | None) -> _Found | None:
    """What the figure is about, when the text names it next to the counted noun."""
    if unit is None:
        return None
    return _subject_before(num, unit) or _subject_after(unit)


# ---------------------------------------------------------------- public API


def _unit(cand: _Candidate, num: Span) -> tuple[_Found | None, Token | None]:
    """The unit of a candidate ('%', a currency sign or a counted noun) and its noun token."""
    text = doc_text(num.doc)
    phrase = _UNIT_AFTER.match(text, cand.num_end)
    if phrase is not None and not cand.vague:
        unit = _LEX.unit_phrases[_canon(phrase.group("u"))]
        return _Found(unit, phrase.start("u"), phrase.end("u")), None
    if cand.currency is not None:
        return _Found(*cand.currency), None
    tok = _unit_token(num, cand.vague, cand.figure.high <= 1)
    if tok is None:
        return None, None
    return _Found(_unit_name(tok), tok.idx, tok.idx + len(tok.text)), tok


def _quantity(doc: Doc, cand: _Candidate) -> Quantity | None:
    """The quantity a candidate is, or None when it counts nothing or is a year."""
    num = doc.char_span(cand.num_start, cand.num_end, alignment_mode="expand")
    if num is None or len(num) == 0:
        return None
    unit, tok = _unit(cand, num)
    if unit is None:
        return None  # a claim needs something counted
    if cand.figure.year_like and not cand.hedged and _looks_like_year(num, tok):
        return None
    subject = _subject(num, tok)
    start, end = cand.start, max(cand.num_end, unit.end)
    fig = cand.figure
    return Quantity(
        start,
        end,
        doc_text(doc)[start:end],
        fig.low,
        fig.high,
        fig.approx,
        unit.text,
        unit.start,
        unit.end,
        *(subject if subject is not None else (None, None, None)),
    )


def find_quantities(doc: Doc | Span) -> list[Quantity]:
    """Every counted figure in a parsed doc or span, sorted, offsets into the doc's text."""
    if isinstance(doc, Doc):
        whole, start, end = doc, 0, len(doc_text(doc))
    else:
        whole, start, end = doc.doc, doc.start_char, doc.end_char
    found: list[Quantity] = []
    for cand in _candidates(whole.text, start, end):
        quantity = _quantity(whole, cand)
        if quantity is not None and (not found or found[-1].end <= quantity.start):
            found.append(quantity)
    return found
