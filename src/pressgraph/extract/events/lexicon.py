"""The word lists of data/events.yml (and the delegation-head title of role_titles.yml) as
lookup tables and patterns, read once and shared by every rule of the event finder."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pressgraph.datafiles import load_yaml

_Phrase = tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    """The event nouns, verbs, cue words and format patterns the rules look words up in."""

    nouns: dict[str, tuple[tuple[_Phrase, str, bool], ...]]  # last word -> (words, kind, plural)
    noun_words: frozenset[str]  # every word of an event noun ("get", "together", "round")
    generic: frozenset[str]
    speech_kinds: frozenset[str]
    in_person_kinds: frozenset[str]
    other_event_words: frozenset[str]
    indefinite: frozenset[str]
    event_verbs: dict[str, str]
    verb_events: dict[str, str]
    cue_nouns: dict[str, tuple[str, frozenset[str]]]  # noun -> (part, prepositions before it)
    company_preps: frozenset[str]
    place_preps: frozenset[str]
    visit_preps: frozenset[str]
    venues: frozenset[str]
    formats: tuple[tuple[str, re.Pattern[str]], ...]
    format_nouns: frozenset[str]
    speech_verbs: dict[str, tuple[_Phrase, ...]]  # first word -> the words after it
    not_members: re.Pattern[str]
    delegation_head: str
    name_preps: frozenset[str]
    name_participles: frozenset[str]
    ordinals: dict[str, int]
    kind_group: dict[str, str]  # kind -> the first kind of its group
    code_kinds: frozenset[str]
    code_titles: frozenset[str]  # words that open a code name: "Operation" of "Operation X"
    opening_words: frozenset[str]
    name_introducers: re.Pattern[str]
    day_followers: frozenset[str]
    doer_kinds: frozenset[str]
    frame_preps: frozenset[str]
    document_nouns: frozenset[str]
    idioms: re.Pattern[str]
    titled_only: frozenset[str]
    object_verbs: frozenset[str]
    mutual_verbs: frozenset[str]
    destination_verbs: frozenset[str]
    party_nouns: frozenset[str]
    body_nouns: frozenset[str]  # a body that meets as a whole: "the Council will meet"
    within_preps: frozenset[str]
    within_nouns: frozenset[str]
    frame_nouns: frozenset[str]


def _phrases(words: Iterable[str]) -> re.Pattern[str]:
    """One case-insensitive whole-word pattern for many phrases, longest first."""
    parts = sorted((r"\s+".join(map(re.escape, w.split())) for w in words), key=len)[::-1]
    return re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w-])", re.IGNORECASE)


def _noun_forms(data: dict[str, Any]) -> dict[str, tuple[tuple[_Phrase, str, bool], ...]]:
    """Every singular and regular plural form of the event nouns, keyed by their last word."""
    plural_only = {w.lower() for w in data["plural_only"]}
    index: dict[str, list[tuple[_Phrase, str, bool]]] = {}
    for kind, nouns in data["kinds"].items():
        for noun in nouns:
            words = tuple(re.sub(r"-", " - ", noun.lower()).split())  # spaCy splits "get-together"
            forms = [(words, False)]
            if noun.lower() not in plural_only:
                forms += [((*words[:-1], words[-1] + s), True) for s in ("s", "es")]
            for form, plural in forms:
                index.setdefault(form[-1], []).append((form, kind, plural))
    return {last: tuple(sorted(v, key=lambda f: -len(f[0]))) for last, v in index.items()}


def _split_heads(words: Iterable[str]) -> dict[str, tuple[_Phrase, ...]]:
    out: dict[str, list[_Phrase]] = {}
    for phrase in words:
        first, *rest = phrase.lower().split()
        out.setdefault(first, []).append(tuple(rest))
    return {k: tuple(v) for k, v in out.items()}


def _lower_set(words: Iterable[str]) -> frozenset[str]:
    return frozenset(w.lower() for w in words)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """events.yml as lookup tables and patterns (read once)."""
    data = load_yaml("pressgraph.extract", "events.yml")
    roles = load_yaml("pressgraph.extract", "role_titles.yml")
    members = _phrases(data["not_members"]).pattern
    nouns = _noun_forms(data)
    return Lexicon(
        nouns=nouns,
        noun_words=frozenset(w for forms in nouns.values() for f, _, _ in forms for w in f),
        generic=_lower_set(data["generic"]),
        speech_kinds=frozenset(data["speech_kinds"]),
        in_person_kinds=frozenset(data["in_person_kinds"]),
        other_event_words=_lower_set(data["other_event_words"]),
        indefinite=_lower_set(data["indefinite"]),
        event_verbs={k.lower(): v for k, v in data["event_verbs"].items()},
        verb_events={k.lower(): v for k, v in data["verb_events"].items()},
        cue_nouns={
            k.lower(): (v["part"], _lower_set(v["preps"])) for k, v in data["cue_nouns"].items()
        },
        company_preps=_lower_set(data["company_preps"]),
        place_preps=_lower_set(data["place_preps"]),
        visit_preps=_lower_set(data["visit_preps"]),
        venues=_lower_set(data["venues"]),
        formats=tuple((fmt, _phrases(words)) for fmt, words in data["formats"].items()),
        format_nouns=_lower_set(data["format_nouns"]),
        speech_verbs=_split_heads(data["speech_verbs"]),
        not_members=re.compile(rf"[^\S\n]+{members}", re.IGNORECASE),
        delegation_head=roles["delegation_head"].casefold(),
        name_preps=_lower_set(data["name_preps"]),
        name_participles=_lower_set(data["name_participles"]),
        ordinals={str(k).lower(): int(v) for k, v in data["ordinals"].items()},
        kind_group={k: group[0] for group in data["kind_groups"] for k in group},
        code_kinds=frozenset(data["code_kinds"]),
        code_titles=_lower_set(data["code_titles"]),
        opening_words=_lower_set(data["opening_words"]),
        day_followers=_lower_set(data["day_followers"]),
        doer_kinds=frozenset(data["doer_kinds"]),
        frame_preps=_lower_set(data["frame_preps"]),
        document_nouns=_lower_set(data["document_nouns"]),
        idioms=_phrases(data["idioms"]),
        name_introducers=re.compile(
            rf"[^\S\n]*,?[^\S\n]+{_phrases(data['name_introducers']).pattern}[^\S\n]*:?[^\S\n]+",
            re.IGNORECASE,
        ),
        titled_only=_lower_set(data["titled_only"]),
        object_verbs=_lower_set(data["object_verbs"]),
        mutual_verbs=_lower_set(data["mutual_verbs"]),
        destination_verbs=_lower_set(data["destination_verbs"]),
        party_nouns=_lower_set(data["party_nouns"]),
        body_nouns=_lower_set(data["body_nouns"]),
        within_preps=_lower_set(data["within_preps"]),
        within_nouns=_lower_set(data["within_nouns"]),
        frame_nouns=_lower_set(data["frame_nouns"]),
    )
