"""Character-level repairs: broken Unicode (mojibake) and odd white space, one line at a time."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator

import ftfy

_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_ODD_SPACE = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_SPACES = re.compile(" {2,}")
# A closing quote glued to the next word ("…crime”said the Secretary General"): typed without
# the space, it hides the attribution from the tokenizer. Only marks that cannot open a quote.
_GLUED_CLOSE = re.compile(r"([”»])(?=[^\W\d_])")
_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False, explain=False)


def fix_line(line: str) -> str:
    """Repair mojibake, drop zero-width marks, fold odd spaces into one plain space and put
    the missing space after a closing quote glued to the next word.

    Quotes stay curly: they are evidence of quotation and later stages read them.
    """
    fixed = ftfy.fix_text(line, config=_FTFY) if not line.isascii() else line
    fixed = _ZERO_WIDTH.sub("", fixed)
    fixed = _ODD_SPACE.sub(" ", fixed)
    fixed = _GLUED_CLOSE.sub(r"\1 ", fixed)
    return _SPACES.sub(" ", fixed).strip()


_OUTER = " .,;:!?\"'“”«»"
_CHUNK = 1 << 20  # characters folded at once: a page may be 100 MB
_WHITE = re.compile(r"\s")


def fold(text: str) -> str:
    """Key for comparing paragraphs: case-folded, white space collapsed, outer punctuation off."""
    return " ".join(_folded(text)).strip(_OUTER)


def _folded(text: str) -> Iterator[str]:
    """The text's words, case-folded, a chunk of about _CHUNK characters at a time (cut at
    white space): a list of every word of a 100 MB page would take gigabytes."""
    start = 0
    while start < len(text):
        found = _WHITE.search(text, min(len(text), start + _CHUNK))
        end = found.start() if found else len(text)
        piece = " ".join(text[start:end].casefold().split())
        if piece:
            yield piece
        start = end


_CYRILLIC_SHARE = 0.3
_CYRILLIC = re.compile("[\u0400-\u04ff]")


def language_of(text: str) -> str | None:
    """ "ru" or "en" by the share of Cyrillic letters; None for text without letters."""
    letters = sum(map(str.isalpha, text))  # counted, never listed: a page may be 100 MB
    if not letters:
        return None
    cyrillic = _CYRILLIC.subn("", text)[1]
    return "ru" if cyrillic / letters > _CYRILLIC_SHARE else "en"


def line_key(line: str) -> str:
    """Identity of a page line across the pages of a site: case and white space aside."""
    return hashlib.sha256(fold(line).encode("utf-8")).hexdigest()[:32]


def story_hash(text: str) -> str:
    """Identity of a story's text, insensitive to case and white space: a sidebar glued to
    many pages has one hash."""
    return hashlib.sha256(fold(text).encode("utf-8")).hexdigest()
