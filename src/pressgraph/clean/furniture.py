"""Recognize page furniture line by line: navigation, photos, downloads, placeholders, contacts.

The vocabulary lives in `data/furniture.yml`; this module only turns it into matchers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pressgraph.datafiles import load_yaml
from pressgraph.errors import DataError

# Arrows, bullets and brackets that sites wrap around navigation links.
_LINK_DECORATION = " \t\u00a0<>«»‹›←→↑↓|•·-–—:"
_PLACEHOLDER = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\$\{[^}]*\}|\[\[[^\]]*\]\]")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"\+?\d[\d\s().-]{6,}\d")
_SIGNATURE_MAX_WORDS = 14


@dataclass(frozen=True)
class Furniture:
    """Compiled matchers built from the furniture data file."""

    navigation: frozenset[str]
    inline_markers: tuple[str, ...]
    image_line: re.Pattern[str]
    download_line: re.Pattern[str]
    contact_line: re.Pattern[str]
    signature_words: tuple[str, ...]


def _load_yaml() -> dict[str, Any]:
    data = load_yaml("pressgraph.clean", "furniture.yml")
    if not isinstance(data, dict):
        raise DataError("clean/data/furniture.yml must be a mapping of lists; see its comments")
    return data


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def furniture() -> Furniture:
    """Load and compile the furniture vocabulary once per process."""
    data = _load_yaml()
    try:
        images = _alternation(data["image_extensions"])
        documents = _alternation(data["document_extensions"])
        downloads = _alternation(data["download_words"])
        labels = _alternation(data["contact_labels"])
        return Furniture(
            navigation=frozenset(w.casefold() for w in data["navigation"]),
            inline_markers=tuple(data["inline_markers"]),
            # A file name alone on its line: letters of any script, digits, spaces, _-.,()
            image_line=re.compile(rf"^[\w\s.,()\[\]«»\"'’&+-]{{1,200}}\.(?:{images})$", re.I),
            download_line=re.compile(
                rf"^(?:(?:{downloads})\b.*|[\w\s.,()-]{{1,200}}\.(?:{documents})"
                rf"(?:\s*\(\s*[\d.,]+\s*[KMG]?B\s*\))?)$",
                re.I,
            ),
            contact_line=re.compile(rf"^(?:{labels})\s*[:.]?\s*\S.*$", re.I),
            signature_words=tuple(w.casefold() for w in data["signature_words"]),
        )
    except KeyError as exc:
        raise DataError(f"clean/data/furniture.yml lacks the list {exc}; restore it") from exc


def classify_line(line: str) -> str | None:
    """Name the kind of furniture a whole (stripped) line is, or None for story text."""
    f = furniture()
    if not line:
        return None
    if line.strip(_LINK_DECORATION).casefold() in f.navigation:
        return "navigation"
    if _PLACEHOLDER.sub("", line).strip() == "":
        return "placeholder"
    if f.image_line.match(line):
        return "image"
    if f.download_line.match(line):
        return "download"
    if is_contact(line):
        return "contact"
    return None


def is_contact(line: str) -> bool:
    """True for a line that is only an e-mail address or phone number, with or without a label."""
    f = furniture()
    if f.contact_line.match(line) and (_EMAIL.search(line) or _PHONE.search(line)):
        return True
    rest = _PHONE.sub("", _EMAIL.sub("", line)).strip(" ,;:/")
    return rest == "" and bool(_EMAIL.search(line) or _is_bare_phone(line))


def _is_bare_phone(line: str) -> bool:
    """A phone number without a label: international form or at least ten digits.

    A bare `30.06.2021` date line has eight digits and must not count.
    """
    digits = sum(c.isdigit() for c in line)
    return bool(_PHONE.search(line)) and (line.lstrip().startswith("+") or digits >= 10)


def is_signature(line: str) -> bool:
    """True for a short line naming a press service or press secretary (no sentence ending)."""
    words = line.split()
    if not words or len(words) > _SIGNATURE_MAX_WORDS or line.rstrip().endswith((".", "!", "?")):
        return False
    folded = line.casefold()
    return any(w in folded for w in furniture().signature_words)


def strip_inline(line: str) -> tuple[str, list[tuple[str, int, int]]]:
    """Remove placeholders and trailing markers inside a line; return the rest and what went."""
    removed: list[tuple[str, int, int]] = []
    for m in _PLACEHOLDER.finditer(line):
        removed.append((m.group(), m.start(), m.end()))
    for marker in furniture().inline_markers:
        pos = line.rfind(marker)
        if pos > 0 and line[pos + len(marker) :].strip() == "":
            removed.append((marker, pos, pos + len(marker)))
    if not removed:
        return line, []
    removed.sort(key=lambda r: r[1])
    kept: list[str] = []
    cursor = 0
    for _, start, end in removed:
        if start >= cursor:
            kept.append(line[cursor:start])
            cursor = end
    kept.append(line[cursor:])
    return re.sub(r"\s{2,}", " ", "".join(kept)).strip(), removed
