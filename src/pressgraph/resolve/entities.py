"""Resolve every stored mention to one entity per real-world actor, across all documents.

People are clustered by name (`people.resolve_people`: spellings, initials, surname-only
mentions in context); a reference ("the Acting Secretary General") joins the person it
stands for. Organizations resolve to their gazetteer entry, or to a new entity by
normalized name; their parents become entities too, so bodies keep their place. Countries
resolve by ISO code, places by normalized name. Resolution is global and deterministic:
the same mentions in any order give the same entities. Ids are kept from one resolution to
the next (`identity`), so an entity's address does not change as documents arrive; a new
database, resolved once, gets the same ids whatever the order.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache, partial

from pressgraph.datafiles import load_yaml
from pressgraph.nlp import gazetteer
from pressgraph.resolve.identity import IdMaker, Previous, kept_ids, moved_ids
from pressgraph.resolve.names import PersonName, parse_person_name
from pressgraph.resolve.people import (
    PersonMention,
    aliases,
    best_name,
    block_keys,
    resolve_people,
)
from pressgraph.store.aliases import taken_ids
from pressgraph.store.annotations import (
    EntityRow,
    Links,
    StoredMention,
    all_mentions,
    all_roles,
    replace_entities,
)
from pressgraph.store.db import Database


@dataclass(frozen=True)
class ResolveSummary:
    """How many entities of each kind resolution made."""

    mentions: int
    entities: Counter[str]


def slug(text: str) -> str:
    """A readable, URL-safe id part: "Marcel Peško" -> "marcel-pesko", "Сергей Лавров" ->
    "sergey-lavrov" (Cyrillic romanized, see data/cyrillic.yml)."""
    romanized = "".join(_cyrillic().get(ch, ch) for ch in text.lower())
    folded = unicodedata.normalize("NFKD", romanized).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-") or "x"


@lru_cache(maxsize=1)
def _cyrillic() -> dict[str, str]:
    letters = load_yaml("pressgraph.resolve", "cyrillic.yml")["letters"]
    return {str(k): str(v) for k, v in letters.items()}


def resolve(db: Database, *, fresh_ids: bool = False) -> ResolveSummary:
    """Recompute all entities and entity links from the stored mentions and roles, keeping
    the ids entities had (all ids made anew with `fresh_ids`; old ones become aliases)."""
    stored = all_mentions(db)
    previous = Previous.fresh() if fresh_ids else _previous(db, stored)
    blocks = mention_blocks(stored)
    found, links = build_entities(stored, previous, blocks)
    found = with_missing_parents(found)
    clusters = dict(links)
    from pressgraph.resolve.judged import apply_to_entities  # it uses `slug` from here

    renamed = _renamed(stored, clusters, found) if fresh_ids else {}
    found, links = apply_to_entities(db, found, links, stored, renamed)  # judgements (issue 12)
    by_position = {(m.story, m.idx): m.id for m in stored}
    role_links = {
        r.id: (
            links.get(by_position.get((r.role.story, r.role.person), -1)),
            _link(links, by_position, r.role.story, r.role.organization),
            _link(links, by_position, r.role.story, r.role.country),
        )
        for r in all_roles(db)
    }
    before = {m.id: m.entity for m in stored if m.entity}
    moved = moved_ids(before, links, (e.id for e in found))
    replace_entities(db, found, Links(links, clusters, role_links, blocks), moved)
    return ResolveSummary(len(stored), Counter(e.kind for e in found))


def build_entities(
    stored: list[StoredMention], previous: Previous, blocks: dict[int, str]
) -> Built:
    """Entities and mention links for these mentions, people clustered inside `blocks`.
    Any set of whole blocks gives what resolving every mention gives for them."""
    by_kind: dict[str, list[StoredMention]] = defaultdict(list)
    for m in stored:
        by_kind[m.mention.kind].append(m)
    links: dict[int, str] = {}
    found: list[EntityRow] = []
    people = partial(_people, previous=previous, blocks=blocks)
    for build in (people, _organizations, _countries, _places):
        rows, linked = build(by_kind)
        found.extend(rows)
        links.update(linked)
    return found, links


def mention_blocks(stored: list[StoredMention]) -> dict[int, str]:
    """Mention id -> the key it is resolved under ("-" for one no entity takes). Give whole
    stories: a surname alone may take the key of a full name of its story, and a reference
    takes the key of the mention it stands for."""
    people = []
    for m in stored:
        if m.mention.kind == "person" and m.mention.source != "reference":
            name = parse_person_name(m.mention.name)
            if name is not None:
                people.append(PersonMention(str(m.id), name, m.story, m.document))
    out = {int(k): f"person|{key}" for k, key in block_keys(people).items()}
    by_position = {(m.story, m.idx): m.id for m in stored}
    for m in stored:
        if m.id not in out:
            out[m.id] = _block(m, out, by_position)
    return out


def _block(m: StoredMention, found: dict[int, str], by_position: dict[tuple[str, int], int]) -> str:
    kind, key = m.mention.kind, m.mention.key
    if kind == "person" and m.mention.source == "reference" and m.mention.refers_to is not None:
        return found.get(by_position.get((m.story, m.mention.refers_to), -1), "-")
    if kind == "organization":
        return f"org|{_org_entity_id(key)}"
    if kind == "country":
        return f"country|{key}"
    if kind == "place":
        return f"place|{_place_entity_id(key)}"
    return "-"


def _renamed(
    stored: list[StoredMention], clusters: dict[int, str], found: list[EntityRow]
) -> dict[str, str]:
    """Old cluster id -> the new id holding most of its mentions: what a fresh rebuild
    renamed, so the judgements that name the old ids still find their entities."""
    before = {m.id: m.cluster for m in stored if m.cluster}
    moved = moved_ids(before, clusters, (e.id for e in found))
    return {old: alias.entity_id for old, alias in moved.items()}


def _previous(db: Database, stored: list[StoredMention]) -> Previous:
    """Each mention's cluster id from the last resolution, and the ids taken; nothing when
    no mention has a cluster id yet (a new database, or one judged before migration 13),
    so its ids are made as a new database would make them."""
    votes = {m.id: m.cluster for m in stored if m.cluster}
    if not votes:
        return Previous.fresh()
    with db.read() as conn:
        return Previous(votes, frozenset(taken_ids(conn)))


def _link(
    links: dict[int, str], by_position: dict[tuple[str, int], int], story: str, idx: int | None
) -> str | None:
    return None if idx is None else links.get(by_position.get((story, idx), -1))


Built = tuple[list[EntityRow], dict[int, str]]


def _people(
    by_kind: dict[str, list[StoredMention]], *, previous: Previous, blocks: dict[int, str]
) -> Built:
    mentions = by_kind.get("person", [])
    names: dict[int, PersonName] = {}
    for m in mentions:
        if m.mention.source != "reference":
            parsed = parse_person_name(m.mention.name)
            if parsed is not None:
                names[m.id] = parsed
    by_id = {m.id: m for m in mentions}
    clusters = resolve_people(
        [
            PersonMention(str(i), name, by_id[i].story, by_id[i].document)
            for i, name in names.items()
        ],
        {str(i): blocks[i].removeprefix("person|") for i in names},
    )
    members: dict[str, list[int]] = defaultdict(list)
    for key, cluster in clusters.items():
        members[cluster].append(int(key))
    rows, links = _person_entities(members, names, by_id, previous)
    _link_references(mentions, links)
    return rows, links


def _person_entities(
    members: dict[str, list[int]],
    names: dict[int, PersonName],
    by_id: dict[int, StoredMention],
    previous: Previous,
) -> Built:
    rows: list[EntityRow] = []
    links: dict[int, str] = {}
    # Sorted by display name, then cluster id: ids do not depend on the order mentions came in.
    ordered = [
        ids
        for _cluster, ids in sorted(
            members.items(), key=lambda kv: (best_name(names[i] for i in kv[1]).display(), kv[0])
        )
    ]
    kept = kept_ids(ordered, previous.votes)
    fresh = IdMaker({*previous.reserved, *kept.values()})
    for index, ids in enumerate(ordered):
        spellings = [names[i] for i in ids]
        display = best_name(spellings).display()
        entity = kept.get(index) or fresh.make(f"person:{slug(display)}")
        ranks = Counter(by_id[i].mention.rank for i in ids if by_id[i].mention.rank)
        rows.append(
            EntityRow(
                entity,
                "person",
                display,
                None,
                None,
                ranks.most_common(1)[0][0] if ranks else None,
                tuple(aliases(spellings)),
                None,
            )
        )
        links.update(dict.fromkeys(ids, entity))
    return rows, links


def _link_references(mentions: list[StoredMention], links: dict[int, str]) -> None:
    """A reference mention takes the entity of the mention it stands for in the same story."""
    by_position = {(m.story, m.idx): m.id for m in mentions}
    for m in mentions:
        if m.mention.source == "reference" and m.mention.refers_to is not None:
            target = by_position.get((m.story, m.mention.refers_to))
            if target is not None and target in links:
                links[m.id] = links[target]


def _organizations(by_kind: dict[str, list[StoredMention]]) -> Built:
    groups: dict[str, list[StoredMention]] = defaultdict(list)
    for m in by_kind.get("organization", []):
        groups[_org_entity_id(m.mention.key)].append(m)
    rows = [_org_row(entity, ms) for entity, ms in sorted(groups.items())]
    links = {m.id: entity for entity, ms in groups.items() for m in ms}
    return rows, links


def _org_entity_id(key: str) -> str:
    if key.startswith("org~"):
        return f"org~{slug(key[4:])}"
    return key


def _place_entity_id(key: str) -> str:
    return f"place:{slug(key.removeprefix('place~'))}"


def _org_row(entity: str, ms: list[StoredMention]) -> EntityRow:
    seen = _surfaces(ms)
    if entity.startswith("org:"):
        return _known_org_row(entity, seen)
    given = Counter(m.mention.parent for m in ms if m.mention.parent)
    return _new_org_row(entity, seen, parent_counts(given))


def parent_counts(keys: Counter[str]) -> Counter[str]:
    """How often each organization is given as the parent, by entity id, from how often
    each parent key is given."""
    found: Counter[str] = Counter()
    for key, n in keys.items():
        found[_org_entity_id(key)] += n
    return found


def _new_org_row(entity: str, seen: list[str], parents: Counter[str]) -> EntityRow:
    """An organization the gazetteer does not know: named as most of its mentions name it,
    under the parent most of them give (the first by id on a tie)."""
    parent = _ranked(parents)[0] if parents else None
    return EntityRow(entity, "organization", seen[0], None, parent, None, tuple(seen), None)


def _known_org_row(entity: str, seen: list[str]) -> EntityRow:
    org = gazetteer.organizations()[entity[4:]]
    parent = f"org:{org.parent}" if org.parent else None
    names = [org.name, *org.acronyms, *seen]
    return EntityRow(
        entity,
        "organization",
        org.name,
        org.acronyms[0] if org.acronyms else None,
        parent,
        None,
        _distinct(names),
        org.id,
    )


def summed_row(block: str, spellings: Counter[str], parents: Counter[str]) -> EntityRow:
    """The entity of a block of `SUMMED_BLOCKS` kinds (an organization, a country, a place) from
    how often each spelling names it and, for an organization the gazetteer does not know,
    how often each parent is given: all its row depends on, so a new mention of the CSTO
    needs no stored mention read."""
    entity = block.partition("|")[2]
    seen = _ranked(spellings)
    if block.startswith("org|") and entity.startswith("org:"):
        return _known_org_row(entity, seen)
    if block.startswith("org|"):
        return _new_org_row(entity, seen, parents)
    if block.startswith("country|"):
        return _country_row(entity, seen)
    return _place_row(entity, seen)


def _countries(by_kind: dict[str, list[StoredMention]]) -> Built:
    groups: dict[str, list[StoredMention]] = defaultdict(list)
    for m in by_kind.get("country", []):
        groups[m.mention.key].append(m)
    rows = [_country_row(entity, _surfaces(ms)) for entity, ms in sorted(groups.items())]
    return rows, {m.id: entity for entity, ms in groups.items() for m in ms}


def _country_row(entity: str, seen: list[str]) -> EntityRow:
    country = gazetteer.countries().get(entity.removeprefix("country:"))
    name = country.name if country else seen[0]
    return EntityRow(entity, "country", name, None, None, None, _distinct([name, *seen]), None)


def _places(by_kind: dict[str, list[StoredMention]]) -> Built:
    groups: dict[str, list[StoredMention]] = defaultdict(list)
    for m in by_kind.get("place", []):
        groups[_place_entity_id(m.mention.key)].append(m)
    rows = [_place_row(entity, _surfaces(ms)) for entity, ms in sorted(groups.items())]
    return rows, {m.id: entity for entity, ms in groups.items() for m in ms}


def _place_row(entity: str, seen: list[str]) -> EntityRow:
    return EntityRow(entity, "place", seen[0], None, None, None, tuple(seen), None)


def _surfaces(ms: Iterable[StoredMention]) -> list[str]:
    """Distinct surface forms, most frequent first, then alphabetical."""
    return _ranked(Counter(m.mention.text for m in ms))


def _ranked(counts: Counter[str]) -> list[str]:
    return sorted(counts, key=lambda text: (-counts[text], text))


def _distinct(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for n in names if n))


def with_missing_parents(rows: list[EntityRow]) -> list[EntityRow]:
    """Add the gazetteer ancestors of every organization, so parent links always resolve."""
    have = {r.id for r in rows}
    out = list(rows)
    orgs = gazetteer.organizations()
    for row in rows:
        if row.gazetteer_id is None:
            continue
        for ancestor in gazetteer.ancestors(row.gazetteer_id):
            entity = f"org:{ancestor}"
            if entity not in have:
                org = orgs[ancestor]
                out.append(
                    EntityRow(
                        entity,
                        "organization",
                        org.name,
                        org.acronyms[0] if org.acronyms else None,
                        f"org:{org.parent}" if org.parent else None,
                        None,
                        _distinct([org.name, *org.acronyms]),
                        org.id,
                    )
                )
                have.add(entity)
    return out
