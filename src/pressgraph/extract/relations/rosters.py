"""Lists of an organization's observers or members ("the Group's observer states and
organisations: A, B, C") and observer status granted in the active voice ("agreed to grant it
observer status"): every organization listed or granted is related to the list's owner. And
compounds: "the SCO-UNODC anti-drug cooperation" relates the two."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span

from pressgraph.extract.relations.lexicon import Roster
from pressgraph.extract.relations.patterns import PLACEHOLDER
from pressgraph.extract.relations.reading import Candidate, Reader, hedged, is_topic

_OWNER_BEFORE = re.compile(r"(?P<o>⟦O\d+⟧)(?:\s*['’]s)?\s+$")


@dataclass(frozen=True)
class Owners:
    """How a list finds its owner: the story's main organization, the last resort."""

    main: Span | None


def read_rosters(reader: Reader, owners: Owners) -> Iterator[Candidate]:
    """The edges of every observer or member list and every active grant in the sentence."""
    data = reader.data
    for roster in data.rosters:
        for m in roster.pattern.finditer(reader.sentence.text):
            yield from _roster(reader, roster, m, owners)
    for m in data.grant.finditer(reader.sentence.text):
        yield from _grant(reader, m, owners)
    for compound in data.compounds:
        for m in compound.pattern.finditer(reader.sentence.text):
            a, b = (reader.sentence.item(m.group(g)).entity for g in ("a", "b"))
            if a is not None and b is not None and not hedged(m.group(), compound.kind, data):
                yield Candidate(compound.kind, a, b, m.start())


def _roster(
    reader: Reader, roster: Roster, m: re.Match[str], owners: Owners
) -> Iterator[Candidate]:
    text = reader.sentence.text
    pre = text[: m.start()]
    if is_topic(pre, reader.data) or hedged(m.group(), roster.kind, reader.data):
        return
    owner = _owner(reader, pre, m.group("of"), owners)
    if owner is None:
        return
    for member in reader.targets(m.group("list")):
        yield Candidate(roster.kind, member, owner, m.start("list"))


def _grant(reader: Reader, m: re.Match[str], owners: Owners) -> Iterator[Candidate]:
    text, data = reader.sentence.text, reader.data
    pre = text[: m.start()]
    kind = data.kinds["observer"]
    if hedged(" ".join(pre.split()[-6:]), kind, data):
        return
    owner = _owner(reader, pre, None, owners)
    item = reader.sentence.item(m.group("obj"))
    granted = item.entity if item.tag == "O" else _last_named(reader, pre, owner)
    if owner is not None and granted is not None:
        yield Candidate(kind, granted, owner, m.start("obj"))


def _owner(reader: Reader, pre: str, of: str | None, owners: Owners) -> Span | None:
    """Whose list it is: "⟦O⟧ observers", "observers of ⟦O⟧", "⟦O⟧ member states ... ", or the
    organization the story names most."""
    for placeholder in (
        of,
        _group(_OWNER_BEFORE.search(pre), "o"),
        _group(_last(reader.data.roster_owner.finditer(pre)), "o"),
    ):
        if placeholder is not None:
            item = reader.sentence.item(placeholder)
            return item.entity if item.tag == "O" else None
    return owners.main


def _last_named(reader: Reader, pre: str, owner: Span | None) -> Span | None:
    """What "it" stands for: the organization named last before it, other than the owner."""
    for m in reversed(list(PLACEHOLDER.finditer(pre))):
        entity = reader.sentence.item(m.group()).entity
        if reader.sentence.item(m.group()).tag != "O" or entity is None:
            continue
        if owner is None or entity.kb_id_ != owner.kb_id_:
            return entity
    return None


def _group(m: re.Match[str] | None, name: str) -> str | None:
    return m.group(name) if m is not None else None


def _last(matches: Iterator[re.Match[str]]) -> re.Match[str] | None:
    found = list(matches)
    return found[-1] if found else None
