"""Persons (by name and spelling), their rank and aliases, the posts they hold (roles), and the
organizations a page names (recall only)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from pressgraph.evaluate.describe import evidence, gold_role, pred_role, shown
from pressgraph.evaluate.entities import (
    country_match,
    entity_names,
    org_names,
    role_org_match,
    role_title_match,
)
from pressgraph.evaluate.export import Record
from pressgraph.evaluate.gold import GoldPerson, GoldRole
from pressgraph.evaluate.matching import date_match, fold, person_key, same_person, title_match
from pressgraph.evaluate.results import Board
from pressgraph.evaluate.view import DocView

PersonIds = defaultdict[str, set[Any]]


def _persons(view: DocView) -> list[Record]:
    ents = view.ents
    return [ents[i] for i in view.entity_ids() if i in ents and ents[i].get("kind") == "person"]


def _person_attributes(view: DocView, gold: GoldPerson, hit: Record, board: Board) -> None:
    what = f"person {gold.name}"
    if gold.rank:
        ok = fold(hit.get("rank")) == fold(gold.rank)
        board.check("person.rank", ok, view.file, what, gold.rank, shown(hit.get("rank")))
    text = view.text
    for alias in gold.aliases:
        if alias not in text:
            continue
        ms = [m for m in view.mentions if person_key(m.get("text", "")) == person_key(alias)]
        ok = bool(ms) and all(m["entity"] == hit["id"] for m in ms)
        found = ", ".join(sorted({str(m["entity"]) for m in ms})) or "no mention"
        board.check(
            "person.alias_resolved", ok, view.file, f"{what} as {alias}", str(hit["id"]), found
        )


def score_persons(view: DocView, board: Board, person_ids: PersonIds) -> None:
    """Persons: each gold person matched to one predicted person entity the page mentions;
    predicted persons that are neither gold nor merely mentioned are false positives."""
    predicted = _persons(view)
    for gold in view.gold.persons:
        used = view.matched.values()
        hit = next(
            (
                p
                for p in predicted
                if p["id"] not in used and same_person(entity_names(p), gold.names)
            ),
            None,
        )
        if hit is None:
            board.false_negative("persons", view.file, f"person {gold.name}")
            continue
        view.matched[gold.name] = hit["id"]
        person_ids[gold.name].add(hit["id"])
        board.hit("persons")
        _person_attributes(view, gold, hit, board)
    mentioned = [[n] for n in view.gold.mentioned_persons]
    for p in predicted:
        if p["id"] in view.matched.values():
            continue
        if any(same_person(entity_names(p), n) for n in mentioned):
            continue
        mention = view.first_mention(p["id"])
        found = evidence(mention, view.export) if mention else None
        board.false_positive("persons", view.file, f"person {p.get('name')}", found)


def _role_fits(view: DocView, role: Record, gold: GoldRole) -> bool:
    ents, orgs = view.ents, view.gold.organizations
    if not role_title_match(role, gold.title, ents):
        return False
    if gold.organization and not role_org_match(role, gold.organization, ents, orgs):
        return False
    if gold.country:
        in_country = country_match(ents.get(role.get("country")), gold.country)
        return in_country or country_match(ents.get(role.get("organization")), gold.country)
    return True


def _find_role(
    view: DocView, predicted: list[Record], name: str, gold: GoldRole, used: set[int]
) -> int | None:
    pid = view.matched.get(name)
    if pid is None:
        return None
    for i, role in enumerate(predicted):
        if i not in used and role.get("person") == pid and _role_fits(view, role, gold):
            return i
    return None


def score_roles(view: DocView, board: Board) -> None:
    """Roles: a gold post matches an unused predicted role of the matched person with a fitting
    title and organization or country; an unused predicted role is a false positive unless
    it repeats a matched one (same person, same title)."""
    predicted = view.of("role")
    used: set[int] = set()
    for person in view.gold.persons:
        for gold in person.roles:
            hit = _find_role(view, predicted, person.name, gold, used)
            if hit is None:
                board.false_negative("roles", view.file, gold_role(person.name, gold))
                continue
            used.add(hit)
            board.hit("roles")
            found = predicted[hit].get("date")
            ok = date_match(found, gold.date)
            what = gold_role(person.name, gold)
            board.check("role.date", ok, view.file, what, shown(gold.date), shown(found))
    for i, role in enumerate(predicted):
        if i in used or _repeats(role, predicted, used):
            continue
        board.false_positive(
            "roles", view.file, pred_role(role, view.ents), evidence(role, view.export)
        )


def _repeats(role: Record, predicted: list[Record], used: set[int]) -> bool:
    return any(
        role.get("person") == predicted[j].get("person")
        and title_match(role.get("title"), predicted[j].get("title") or "")
        for j in used
    )


def score_organizations(view: DocView, board: Board) -> None:
    """Organizations: recall only (gold lists are not exhaustive enough for precision)."""
    ents = view.ents
    predicted = [
        ents[i] for i in view.entity_ids() if i in ents and ents[i].get("kind") == "organization"
    ]
    for gold in view.gold.organizations:
        forms = {fold(n) for n in gold.names}
        ok = any(org_names(p, {}) & forms for p in predicted)
        what = f"organization {gold.name or gold.acronym}"
        board.check("org.recall", ok, view.file, what, "mentioned", "not found")
