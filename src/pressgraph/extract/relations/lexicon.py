"""The cue data: ``data/relations.yml`` read once, validated and compiled into kinds, cues,
upgrades and word lists, so a broken file fails loudly as a DataError."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from pressgraph import regexes
from pressgraph.datafiles import load_yaml
from pressgraph.errors import DataError
from pressgraph.extract.relations.patterns import (
    WORD,
    alternation,
    between_pattern,
    compound_pattern,
    interjection_pattern,
    linked_pattern,
    roster_pattern,
    signed_by_pattern,
    whole,
)

_DATA = "relations.yml"


@dataclass(frozen=True)
class Kind:
    """A relation kind as the data file defines it; `priority` is its place there."""

    name: str
    priority: int  # lower wins
    directed: bool
    speaker: bool
    hedges: tuple[str, ...]


@dataclass(frozen=True)
class Cue:
    """One cue of the data file, compiled: its head words and how the organizations follow."""

    kind: Kind
    head: re.Pattern[str]
    head_words: tuple[str, ...]  # what `head` finds, as written in the data file
    before: re.Pattern[str] | None  # a required word just before the head
    before_words: tuple[str, ...]  # its words, which may also follow the head before "between"
    linked: re.Pattern[str] | None  # head [of ⟦O⟧] gap link [lead-in] list
    between: re.Pattern[str] | None  # head gap "between" list
    joint: bool
    unless_after: re.Pattern[str] | None  # words after the list that cancel the cue
    signed_by: re.Pattern[str] | None  # head [gap] signing word [word] "by" the signatories
    people: bool  # a person may stand for the organization of his post (if the kind allows)
    adjacent: bool  # the actor stands right before the head ("⟦O⟧, with ⟦O⟧, supports")

    @cached_property
    def first_words(self) -> frozenset[str]:
        """The first word of each head, case folded: a text holding none of them has no match
        of `head` (which matches them whole, in any case, any white space between words)."""
        return frozenset(w.split()[0].casefold() for w in self.head_words if w.split())

    def may_match(self, folded: str) -> bool:
        """Whether `head` may match in a text whose `str.casefold()` is `folded`."""
        return any(word in folded for word in self.first_words)


@dataclass(frozen=True)
class Upgrade:
    """Kinds that become another kind when a framing phrase is in the same sentence."""

    sources: frozenset[str]
    target: str
    framing: re.Pattern[str]
    nearest: bool  # only the first cue after the framing phrase, not every cue of the sentence


@dataclass(frozen=True)
class Roster:
    """A list of an organization's observers or members, compiled: its kind and pattern."""

    kind: Kind
    pattern: re.Pattern[str]  # head [words] [of ⟦O⟧] opener list


@dataclass(frozen=True)
class RelationData:
    """Everything ``relations.yml`` says, compiled for the relation finder."""

    kinds: dict[str, Kind]
    cues: tuple[Cue, ...]
    upgrades: tuple[Upgrade, ...]
    negations: tuple[str, ...]
    hedges: tuple[str, ...]
    topics: tuple[str, ...]
    interjection: re.Pattern[str]
    reporting_verbs: frozenset[str]
    speaker_pronouns: frozenset[str]
    blocking_pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    systems: frozenset[str]  # organization keys whose bodies relate to each other
    joint_work_verbs: frozenset[str]  # "the X project is implemented with A and B"
    organization_words: tuple[str, ...]
    organization_kinds: frozenset[str]
    date_prepositions: frozenset[str]
    group_numbers: dict[str, int]
    group_numbers_alone: frozenset[str]
    group_determiners: frozenset[str]
    group_nouns: frozenset[str]
    rosters: tuple[Roster, ...]
    compounds: tuple[Roster, ...]  # "⟦O⟧-⟦O⟧ cooperation": a kind and its pattern
    roster_owner: re.Pattern[str]  # "⟦O⟧ member states"
    grant: re.Pattern[str]  # "grant ⟦O⟧ observer status"

    @cached_property
    def any_cue(self) -> re.Pattern[str]:
        """Finds a head word of some cue wherever one of the cues' own patterns would (the
        same words, lookarounds and case, as one prefix tree): a sentence without it has no
        cue to read (one scan instead of one per cue)."""
        words = {w for cue in self.cues for w in cue.head_words}
        return re.compile(rf"(?<![\w-])(?i:{regexes.trie(words)})(?![\w-])")


def _strings(raw: Any, key: str) -> tuple[str, ...]:
    value = raw.get(key) if isinstance(raw, dict) else None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataError(f"pressgraph/extract/data/{_DATA}: {key!r} must be a list of strings")
    return tuple(value)


def _optional(raw: dict[str, Any], key: str) -> tuple[str, ...]:
    return _strings(raw, key) if key in raw else ()


def _parse_kinds(raw: Any) -> dict[str, Kind]:
    if not isinstance(raw, dict) or not raw:
        raise DataError(f"pressgraph/extract/data/{_DATA}: 'kinds' must be a mapping")
    return {
        name: Kind(name, i, bool(spec["directed"]), bool(spec["speaker"]), _strings(spec, "hedges"))
        for i, (name, spec) in enumerate(raw.items())
    }


def _parse_cue(raw: Any, kinds: dict[str, Kind], lead_ins: tuple[str, ...]) -> Cue:
    kind = kinds.get(str(raw.get("kind"))) if isinstance(raw, dict) else None
    if kind is None:
        raise DataError(f"pressgraph/extract/data/{_DATA}: a cue has an unknown kind: {raw!r}")
    heads = rf"(?i:{alternation(_strings(raw, 'heads'))})"
    before = _optional(raw, "before")
    joint = bool(raw.get("joint", False))
    if (joint or raw.get("signers")) and not before:
        raise DataError(
            f"pressgraph/extract/data/{_DATA}: a joint or signers cue needs 'before': {raw!r}"
        )
    gap = int(raw.get("gap", 0))
    links = _strings(raw, "links") if "links" in raw else None
    unless = _optional(raw, "unless_after")
    return Cue(
        kind=kind,
        head=re.compile(rf"(?<![\w-]){heads}(?![\w-])"),
        head_words=_strings(raw, "heads"),
        before=re.compile(rf"{whole(before)}(?:\s+{WORD}){{0,4}}\s*$") if before else None,
        before_words=before,
        linked=None if links is None else linked_pattern(heads, links, gap, lead_ins),
        between=between_pattern(heads, gap, lead_ins) if raw.get("between") else None,
        joint=joint,
        unless_after=re.compile(rf"\s*{whole(unless)}") if unless else None,
        signed_by=signed_by_pattern(heads, before) if raw.get("signers") else None,
        people=bool(raw.get("people", True)),
        adjacent=bool(raw.get("adjacent", False)),
    )


def _parse_upgrade(raw: Any, kinds: dict[str, Kind]) -> Upgrade:
    sources, target = _strings(raw, "from"), raw.get("to")
    if target not in kinds or not set(sources) <= set(kinds):
        raise DataError(f"pressgraph/extract/data/{_DATA}: an upgrade names an unknown kind")
    framing = whole(_strings(raw, "framing"))
    heads = whole(_strings(raw, "heads"))
    return Upgrade(
        frozenset(sources),
        target,
        re.compile(rf"{framing}\s+(?:{WORD}\s+){{0,3}}{heads}", re.IGNORECASE),
        bool(raw.get("nearest", False)),
    )


@lru_cache(maxsize=1)
def relation_data() -> RelationData:
    """The compiled ``relations.yml``, read once; raises DataError when the file is malformed."""
    raw = load_yaml("pressgraph.extract", _DATA)
    if not isinstance(raw, dict):
        raise DataError(f"pressgraph/extract/data/{_DATA} must be a mapping")
    kinds = _parse_kinds(raw.get("kinds"))
    lead_ins = _strings(raw, "lead_ins")
    return RelationData(
        kinds=kinds,
        cues=tuple(_parse_cue(c, kinds, lead_ins) for c in raw.get("cues") or ()),
        upgrades=tuple(_parse_upgrade(u, kinds) for u in raw.get("upgrades") or ()),
        negations=_strings(raw, "negations"),
        hedges=_strings(raw, "hedges"),
        topics=_strings(raw, "topics"),
        interjection=interjection_pattern(_strings(raw, "interjections")),
        reporting_verbs=frozenset(_strings(raw, "reporting_verbs")),
        speaker_pronouns=frozenset(_strings(raw, "speaker_pronouns")),
        blocking_pronouns=frozenset(_strings(raw, "blocking_pronouns")),
        plural_pronouns=frozenset(_strings(raw, "plural_pronouns")),
        systems=frozenset(f"org:{k}" for k in _strings(raw, "systems")),
        joint_work_verbs=frozenset(_strings(raw, "joint_work_verbs")),
        organization_words=_strings(raw, "organization_words"),
        organization_kinds=frozenset(_strings(raw, "organization_kinds")),
        date_prepositions=frozenset(_strings(raw, "date_prepositions")),
        **_group_words(raw.get("groups")),
        rosters=tuple(_parse_roster(r, raw, kinds, lead_ins) for r in raw.get("rosters") or ()),
        roster_owner=re.compile(rf"(?P<o>⟦O\d+⟧)\s+{whole(_strings(raw, 'roster_owners'))}"),
        grant=_grant_pattern(raw.get("grants")),
        compounds=tuple(_parse_compound(c, kinds) for c in raw.get("compounds") or ()),
    )


def _parse_compound(raw: Any, kinds: dict[str, Kind]) -> Roster:
    kind = kinds.get(str(raw.get("kind"))) if isinstance(raw, dict) else None
    if kind is None:
        raise DataError(f"pressgraph/extract/data/{_DATA}: a compound has an unknown kind: {raw!r}")
    return Roster(kind, compound_pattern(_strings(raw, "heads")))


def _parse_roster(
    raw: Any, top: dict[str, Any], kinds: dict[str, Kind], lead_ins: tuple[str, ...]
) -> Roster:
    kind = kinds.get(str(raw.get("kind"))) if isinstance(raw, dict) else None
    if kind is None:
        raise DataError(f"pressgraph/extract/data/{_DATA}: a roster has an unknown kind: {raw!r}")
    return Roster(
        kind,
        roster_pattern(
            _strings(raw, "heads"),
            _strings(top, "roster_words"),
            _strings(top, "roster_opens"),
            lead_ins,
        ),
    )


def _grant_pattern(raw: Any) -> re.Pattern[str]:
    heads, status = _strings(raw, "heads"), _strings(raw, "status")
    return re.compile(
        rf"(?<![\w-])(?i:{alternation(heads)})\s+(?P<obj>⟦[OX]\d+⟧)\s+(?i:{alternation(status)})"
        r"(?![\w-])"
    )


def _group_words(raw: Any) -> dict[str, Any]:
    """The words of "the two organizations" (`groups` in the data file)."""
    numbers = raw.get("numbers") if isinstance(raw, dict) else None
    if not isinstance(numbers, dict) or not all(
        isinstance(k, str) and isinstance(v, int) and v > 1 for k, v in numbers.items()
    ):
        raise DataError(f"pressgraph/extract/data/{_DATA}: 'groups.numbers' maps words to 2, 3...")
    return {
        "group_numbers": {k.lower(): v for k, v in numbers.items()},
        "group_numbers_alone": frozenset(_strings(raw, "alone")),
        "group_determiners": frozenset(_strings(raw, "determiners")),
        "group_nouns": frozenset(_strings(raw, "nouns")),
    }
