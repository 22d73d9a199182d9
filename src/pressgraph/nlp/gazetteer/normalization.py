"""The one normalization every gazetteer lookup keys on, plus US/UK spelling variants, so every
stage resolves a name the same way.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

__all__ = ["normalize_alias", "spelling_variants"]

_QUOTES = str.maketrans(
    {
        **dict.fromkeys("“”„‟«»″", '"'),
        **dict.fromkeys("‘’‚‛′ʼ`", "'"),
        "\u00ad": None,  # soft hyphen
    }
)
_DASHES = re.compile(r"[\u2010-\u2015\u2212-]")
# US spelling is the canonical one; each pattern runs on casefolded, hyphen-free text.
_SPELLINGS = (
    (re.compile(r"\bcentre(s?)\b"), r"center\1"),
    (re.compile(r"\b(defen|offen)ce\b"), r"\1se"),
    (
        re.compile(
            r"\b(organ|author|special|recogn|harmon|mobil|stabil|util|civil)is(e|ed|es|ing|ations?)\b"
        ),
        r"\1iz\2",
    ),
    (re.compile(r"\bprogramme(s?)\b"), r"program\1"),
    (re.compile(r"\bco (operat|ordinat)"), r"co\1"),
    (re.compile(r"\b(counter|anti)(?=terror)"), r"\1 "),
    (re.compile(r"\bpeace keep"), "peacekeep"),
    # Every "the", not only a leading one: translations add and drop it inside names too
    # ("Joint Staff of the CSTO" / "Joint Staff of CSTO").
    (re.compile(r"\bthe\b"), " "),
)


def normalize_alias(text: str) -> str:
    """The one key every lookup uses: casefolded, no "the", one spelling, one kind of quote/dash."""
    folded = unicodedata.normalize("NFKC", text).translate(_QUOTES).replace("&", " and ")
    folded = _strip_latin_marks(folded.casefold()).replace("ё", "е")
    folded = " ".join(_DASHES.sub(" ", folded).split())
    for pattern, replacement in _SPELLINGS:
        folded = pattern.sub(replacement, folded)
    return " ".join(folded.split())


def _strip_latin_marks(text: str) -> str:
    """Drop accents on Latin letters ("Peško" -> "Pesko") but keep Cyrillic "й"."""
    kept: list[str] = []
    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char) and kept and kept[-1].isascii():
            continue
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


_VARIANT_PAIRS = (
    ("center", "centre"),
    ("centers", "centres"),
    ("defense", "defence"),
    ("organization", "organisation"),
    ("organizations", "organisations"),
    ("program", "programme"),
    ("programs", "programmes"),
    ("cooperation", "co-operation"),
    ("counter-terrorism", "counterterrorism"),
    ("anti-terrorism", "antiterrorism"),
    ("anti-terrorist", "antiterrorist"),
)
_VARIANTS = {a: b for pair in _VARIANT_PAIRS for a, b in (pair, pair[::-1])}
_VARIANT_WORD = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, _VARIANTS), key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)


def spelling_variants(text: str) -> tuple[str, ...]:
    """`text` with every US/UK spelling combination, for matchers that compare surface strings."""
    pieces = _VARIANT_WORD.split(text)  # odd positions hold the variant words
    options = [
        (piece, _same_case(_VARIANTS[piece.lower()], piece)) if position % 2 else (piece,)
        for position, piece in enumerate(pieces)
    ]
    return tuple(dict.fromkeys("".join(combo) for combo in itertools.product(*options)))


def _same_case(word: str, model: str) -> str:
    """`word` cased like `model`: all capitals, capitalized, or lowercase."""
    if model.isupper():
        return word.upper()
    return word[:1].upper() + word[1:] if model[:1].isupper() else word
