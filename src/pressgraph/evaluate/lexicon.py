"""The matching vocabulary of data/matching.yml, read once: honorifics, transliteration
variants, country names, title stop words, plural forms, alike event kinds, relation kinds."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pressgraph.datafiles import load_yaml
from pressgraph.errors import DataError

_WHERE = "pressgraph/evaluate/data/matching.yml"


@dataclass(frozen=True)
class Lexicon:
    """What the matching functions look words up in."""

    honorifics: frozenset[str]
    transliteration: tuple[tuple[str, str], ...]  # replaced in this order
    spellings: dict[str, str]
    countries: dict[str, tuple[str, ...]]
    title_stopwords: frozenset[str]
    irregular_plurals: dict[str, str]
    alike_event_kinds: tuple[frozenset[str], ...]
    relation_kinds: dict[str, str]
    symmetric_relations: frozenset[str]

    def event_kinds(self, kind: str) -> frozenset[str]:
        """The kind and every kind that counts as the same (meeting and session)."""
        for group in self.alike_event_kinds:
            if kind in group:
                return group | {kind}
        return frozenset({kind})


def _strings(data: dict[str, Any], key: str) -> list[str]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataError(f"{_WHERE}: {key!r} must be a list of words; fix it there")
    return value


def _mapping(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise DataError(f"{_WHERE}: {key!r} must be a mapping; fix it there")
    return value


def _pairs(data: dict[str, Any], key: str) -> tuple[tuple[str, str], ...]:
    value = data.get(key)
    if not isinstance(value, list) or not all(
        isinstance(p, list) and len(p) == 2 and all(isinstance(w, str) for w in p) for p in value
    ):
        raise DataError(f"{_WHERE}: {key!r} must be a list of [from, to] pairs; fix it there")
    return tuple((a, b) for a, b in value)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The vocabulary, read from data/matching.yml once."""
    data = load_yaml("pressgraph.evaluate", "matching.yml")
    if not isinstance(data, dict):
        raise DataError(f"{_WHERE} must be a mapping of lists; restore it or reinstall pressgraph")
    groups = data.get("alike_event_kinds")
    if not isinstance(groups, list) or not all(isinstance(g, list) for g in groups):
        raise DataError(f"{_WHERE}: 'alike_event_kinds' must be a list of lists; fix it there")
    return Lexicon(
        honorifics=frozenset(_strings(data, "honorifics")),
        transliteration=_pairs(data, "transliteration"),
        spellings={str(k): str(v) for k, v in _mapping(data, "spellings").items()},
        countries={str(k): tuple(v) for k, v in _mapping(data, "countries").items()},
        title_stopwords=frozenset(_strings(data, "title_stopwords")),
        irregular_plurals={str(k): str(v) for k, v in _mapping(data, "irregular_plurals").items()},
        alike_event_kinds=tuple(frozenset(str(k) for k in g) for g in groups),
        relation_kinds={str(k): str(v) for k, v in _mapping(data, "relation_kinds").items()},
        symmetric_relations=frozenset(_strings(data, "symmetric_relations")),
    )
