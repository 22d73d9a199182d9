"""When a predicted entity (organization, country, place, chair) or a predicted post is the one
the gold names. Ported from the shared scorer (../shared/eval/score.py), like `matching`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pressgraph.evaluate.export import Record
from pressgraph.evaluate.gold import GoldDocument, GoldOrganization
from pressgraph.evaluate.lexicon import lexicon
from pressgraph.evaluate.matching import fold, has_words, person_key, same_person, title_match

Entities = dict[Any, Record]


def entity_names(ent: Record | None) -> list[str]:
    """An entity's name and aliases (as the scorer compares people)."""
    if ent is None:
        return []
    return [ent.get("name", ""), *(ent.get("aliases") or [])]


def _spellings(ent: Record) -> set[str]:
    """The folded name and aliases of an entity, the ones given."""
    return {fold(n) for n in [ent.get("name"), *(ent.get("aliases") or [])] if n}


def org_names(ent: Record | None, ents: Entities) -> set[str]:
    """Folded names, acronyms and aliases of an organization and of up to three parents."""
    out: set[str] = set()
    seen = 0
    while ent and seen < 4:
        for name in [ent.get("name"), ent.get("acronym"), *(ent.get("aliases") or [])]:
            if name:
                out.add(fold(name))
        ent = ents.get(ent.get("parent")) if ent.get("parent") else None
        seen += 1
    return out


def gold_org_forms(gold: str, gold_orgs: Sequence[GoldOrganization]) -> set[str]:
    """The folded gold name and every name of the gold organizations it is one of."""
    forms = {fold(gold)}
    for org in gold_orgs:
        names = {fold(n) for n in org.names}
        if fold(gold) in names:
            forms |= names
    return forms


def org_match(
    pred: Record | None, gold: str | None, ents: Entities, gold_orgs: Sequence[GoldOrganization]
) -> bool:
    """Same organization: a name in common, or one name (over 3 letters) inside the other."""
    if not gold:
        return pred is None
    if pred is None:
        return False
    forms = gold_org_forms(gold, gold_orgs)
    names = org_names(pred, ents)
    if names & forms:
        return True
    return any(len(f) > 3 and (f in n or n in f) for f in forms for n in names if len(n) > 3)


def role_org_match(
    role: Record, gold: str, ents: Entities, gold_orgs: Sequence[GoldOrganization]
) -> bool:
    """org_match, or the gold organization is named in the predicted title, or the predicted
    organization's name (or a parent's) contains the gold one."""
    pred = ents.get(role.get("organization"))
    if org_match(pred, gold, ents, gold_orgs):
        return True
    forms = gold_org_forms(gold, gold_orgs)
    if any(has_words(role.get("title"), f) for f in forms):
        return True
    return bool(pred) and any(has_words(n, f) for n in org_names(pred, ents) for f in forms)


def role_title_match(role: Record, gold_title: str, ents: Entities) -> bool:
    """title_match, also reading the predicted title together with its organization's name."""
    if title_match(role.get("title"), gold_title):
        return True
    org = ents.get(role.get("organization"))
    if not (org and org.get("name") and role.get("title")):
        return False
    return title_match(f"{role['title']} of {org['name']}", gold_title)


def country_forms(gold: str) -> set[str]:
    """The names a country the gold names may carry (Russia: Russian Federation, Russia)."""
    return set(lexicon().countries.get(fold(gold), [fold(gold)]))


def country_match(pred: Record | None, gold: str | None) -> bool:
    """Same country: a name in common, or a gold form inside a predicted name."""
    if not gold:
        return pred is None
    if pred is None:
        return False
    forms, names = country_forms(gold), _spellings(pred)
    return bool(names & forms) or any(f in n for f in forms for n in names)


def place_match(pred: Record | None, gold: str | None) -> bool:
    """Same place: the gold name, or a name of the country it is, among the predicted names."""
    if not pred or not gold:
        return False
    forms = {fold(gold), *lexicon().countries.get(fold(gold), ())}
    return bool(forms & _spellings(pred))


def _gold_people(gd: GoldDocument) -> list[str]:
    names = [n for p in gd.persons for n in p.names]
    return names + list(gd.mentioned_persons) + [n for e in gd.events for n in e.participants]


def chair_match(pred: Record | None, gold: str, gd: GoldDocument, ents: Entities) -> bool:
    """A person chair is matched as a person; an organization or country chair by its names."""
    if not pred:
        return False
    if any(person_key(gold) == person_key(n) for n in _gold_people(gd)):
        return same_person(entity_names(pred), [gold])
    kind = pred.get("kind")
    if kind == "organization":
        return org_match(pred, gold, ents, gd.organizations)
    if kind in ("country", "place"):
        return country_match(pred, gold)
    # an entity of another kind counts only when its name is exactly one of the gold's names
    forms = gold_org_forms(gold, gd.organizations)
    forms |= set(lexicon().countries.get(fold(gold), ()))
    return bool(forms & _spellings(pred))
