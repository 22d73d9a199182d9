"""The titles gazetteer: honorifics, ranks and posts from titles.yml, validated and sorted
longest first so person matchers can strip them greedily.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from pressgraph.errors import DataError
from pressgraph.nlp.gazetteer.loading import load_data_file, require_mapping, string_list

__all__ = ["Titles", "titles"]


@dataclass(frozen=True)
class Titles:
    """Words that wrap a person's name; every list is sorted longest first for greedy matching."""

    honorifics: tuple[str, ...]
    ranks: tuple[str, ...]
    post_heads: tuple[str, ...]
    post_modifiers: tuple[str, ...]


_TITLE_FIELDS = ("honorifics", "ranks", "post_heads", "post_modifiers")


def _parse_titles(raw: object) -> Titles:
    """titles.yml with every list present, free of repeats, sorted longest first."""
    entry = require_mapping(raw, "titles.yml", _TITLE_FIELDS)
    lists = {
        key: _longest_first(string_list(entry, key, "titles.yml"), key) for key in _TITLE_FIELDS
    }
    return Titles(**lists)


def _longest_first(words: tuple[str, ...], key: str) -> tuple[str, ...]:
    """`words` sorted longest first; an empty list or a repeated word raises DataError."""
    if not words:
        raise DataError(f"titles.yml: `{key}` is missing or empty; list its words")
    repeated = sorted({w for w in words if words.count(w) > 1})
    if repeated:
        raise DataError(f"titles.yml: `{key}` lists {repeated} more than once; keep one of each")
    return tuple(sorted(words, key=lambda word: (-len(word), word)))


@lru_cache(maxsize=1)
def titles() -> Titles:
    """Honorifics, ranks, post heads and post modifiers from titles.yml."""
    return _parse_titles(load_data_file("titles.yml"))
