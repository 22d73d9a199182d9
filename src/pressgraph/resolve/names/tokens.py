"""Cutting a written name into tokens: clean the text, drop honorifics and classify each word
as initial, name word, particle or Turkic patronymic marker, so that text which is no name
(ranks, titles, organizations, acronyms) stops here."""

# Honorifics (Mr., Ms., Dr.) are dropped; ranks, titles, organizations, digits, commas and
# lowercase words other than name particles mean the text is not a bare name (``None``).

from __future__ import annotations

import re
import unicodedata
from typing import Literal, NamedTuple

from pressgraph.resolve.names.keys import NAME_PARTICLES, fold, wordset

__all__ = ["NameToken", "clean_name_text", "tokenize_name"]

_HONORIFICS = wordset(
    "mr mrs ms miss mister dr sir dame madam madame mme mlle prof professor herr frau"
)
_TURKIC_PATRONYMIC = wordset(
    "oglu ogly oğlu ogli ugli uly uli kyzy kizi qizi gizi qyzy оглы кызы улы қызы"
)
_DIGRAPH_INITIALS = wordset("Yu Ya Ye Yo Zh Sh Ch Kh Ts Dzh Shch Ju Ja Je")
_WORD_RE = re.compile(r"^(?:(?:al|el|ad|ash|as|at|ar|an|az|ul|ud|ibn|bin|abu|d)['-])?(\w.*)$")
_WORD_CHARS_RE = re.compile(r"^[^\W\d_]+(?:['-][^\W\d_]+)*$")
_ALLOWED_RE = re.compile(r"[^\W\d_](?:[^\W\d_]|[ .'-])*")
_STOPWORDS = wordset("""
    the a an of and for on in at by to with from as or not this that his her their our who
    general secretary minister deputy acting head chief director president chairman
    chairperson chair vice ambassador envoy representative colonel lieutenant major captain
    army admiral marshal commander officer sergeant police organization organisation council
    committee assembly staff office ministry republic federation union nations united state
    states conference treaty security collective secretariat executive joint international
    regional centre center structure directorate delegation group agency service department
    government parliament press news photo video go back download kingdom interpol
    forces central asia europe eurasian afghanistan russia russian moscow belarus kazakhstan
    kyrgyzstan tajikistan armenia uzbekistan turkmenistan china
    """)
_ACRONYMS = wordset("""
    CSTO SCO CIS UN OSCE ICRC IOM EAG CICA NATO EU RATS ATC CRRF OSH IWC MT PA ISIS FATF ASEAN
    UNOCT CTED USA US UK USSR CAR UNODC UNESCO UNICEF UNHCR WHO OIC BRICS CTC IAEA
    """)


class NameToken(NamedTuple):
    """One token of a name: kind I (initial), W (word), P (particle), T (patronymic);
    parsing reads the name order from the sequence of kinds."""

    kind: Literal["I", "W", "P", "T"]
    text: str
    caps: bool = False


def clean_name_text(text: str) -> str | None:
    """Normalize spacing and apostrophes, drop wrapping punctuation; None on digits or commas."""
    s = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("’", "'")
    s = re.sub(r"[‐‑‒–—]", "-", s).strip().strip("\"'“”«»()[]").strip(" ,;:")
    s = re.sub(r"\.(?=[^\W\d_])", ". ", s)
    s = re.sub(r"\s+", " ", s).strip()
    return s if _ALLOWED_RE.fullmatch(s) else None


def tokenize_name(cleaned: str) -> list[NameToken] | None:
    """Classify each word; None when a word cannot be part of a name."""
    raw = cleaned.split(" ")
    while len(raw) > 1 and raw[0].rstrip(".").casefold() in _HONORIFICS:
        raw.pop(0)
    tokens: list[NameToken] = []
    for i, word in enumerate(raw):
        initial = _as_initial(word)
        last = i == len(raw) - 1
        tok = NameToken("I", initial) if initial else _classify(word)
        if tok is None or (tok.kind != "I" and word.endswith(".") and not last):
            return None
        tokens.append(tok)
    return _merge_turkic(tokens)


def _as_initial(word: str) -> str | None:
    """The initial in "V.", "V" or "Yu."; None for anything else."""
    body = word[:-1] if word.endswith(".") else word
    if len(body) == 1 and body.isalpha() and body.isupper():
        return body
    return body if word.endswith(".") and body in _DIGRAPH_INITIALS else None


def _classify(word: str) -> NameToken | None:
    """A word as particle, Turkic patronymic marker or name word; None if it is none of them."""
    if word.endswith("."):
        word = word[:-1]
    folded = word.casefold()
    if folded in _TURKIC_PATRONYMIC:
        return NameToken("T", word)
    if word in NAME_PARTICLES:
        return NameToken("P", word)
    if folded in _STOPWORDS or not _WORD_CHARS_RE.match(word):
        return None
    if word.isupper() and len(word) > 1:
        return _caps_word(word)
    match = _WORD_RE.match(word)
    if match is None or not match.group(1)[0].isupper():
        return None
    return NameToken("W", word)


def _caps_word(word: str) -> NameToken | None:
    """An all-caps surname (SEMERIKOV) in title case; None for acronyms (CSTO, UN)."""
    letters = fold(word)
    if word in _ACRONYMS or len(letters) < 3 or not set(letters) & set("aeiouy"):
        return None
    return NameToken("W", "-".join(p.capitalize() for p in word.split("-")), caps=True)


def _merge_turkic(tokens: list[NameToken]) -> list[NameToken] | None:
    """Join "Heydar oglu" into one patronymic token; None when the marker follows no name."""
    merged: list[NameToken] = []
    for tok in tokens:
        if tok.kind == "T":
            if not merged or merged[-1].kind != "W":
                return None
            tok = NameToken("T", f"{merged.pop().text} {tok.text}")
        merged.append(tok)
    return _normalize_caps(merged)


def _normalize_caps(tokens: list[NameToken]) -> list[NameToken] | None:
    """A lone all-caps word is no name (UNESCO); an all-caps full name is an ordinary one."""
    words = [t for t in tokens if t.kind == "W"]
    if not all(t.caps for t in words):
        return tokens
    if len(words) < 2 and all(t.kind != "I" for t in tokens):
        return None
    return [t._replace(caps=False) for t in tokens]
