"""Matching predicted entities and posts to gold names: organizations with their parents and
acronyms, posts whose organization is named in the title, countries, places and chairs."""

from __future__ import annotations

from typing import Any

from pressgraph.evaluate.entities import (
    chair_match,
    country_match,
    org_match,
    org_names,
    place_match,
    role_org_match,
    role_title_match,
)
from pressgraph.evaluate.gold import GoldDocument, GoldEvent, GoldOrganization, GoldPerson

ALLIANCE = GoldOrganization("Coastal Rescue Alliance", "CRA", ())
COUNCIL = {"id": "o1", "kind": "organization", "name": "Northern Maritime Safety Council"}
BOARD = {"id": "o2", "kind": "organization", "name": "Training Board", "parent": "o1"}
CRA = {"id": "o3", "kind": "organization", "name": "CRA"}
ENTS: dict[Any, dict[str, Any]] = {e["id"]: e for e in (COUNCIL, BOARD, CRA)}


def _doc(**fields: Any) -> GoldDocument:
    empty: dict[str, Any] = {
        "file": "1.txt",
        "stories": (),
        "must_not_remain": (),
        "images": None,
        "persons": (),
        "mentioned_persons": (),
        "organizations": (),
        "events": (),
        "claims": (),
        "quotes": (),
        "statements_by": (),
        "relations": (),
    }
    return GoldDocument(**{**empty, **fields})


def test_an_organization_is_known_by_its_parents_names_too() -> None:
    assert org_names(BOARD, ENTS) == {"training board", "northern maritime safety council"}
    assert org_match(BOARD, "Northern Maritime Safety Council", ENTS, [])


def test_an_acronym_the_gold_lists_matches_the_full_name() -> None:
    assert org_match(CRA, "Coastal Rescue Alliance", ENTS, [ALLIANCE])
    assert not org_match(CRA, "Coastal Rescue Alliance", ENTS, [])


def test_no_gold_organization_wants_none() -> None:
    assert org_match(None, None, ENTS, []) and not org_match(COUNCIL, None, ENTS, [])
    assert not org_match(None, "CRA", ENTS, [])


def test_a_posts_organization_may_be_named_in_its_title() -> None:
    role = {"title": "Head of Planning of the Coastal Rescue Alliance", "organization": None}
    assert role_org_match(role, "CRA", ENTS, [ALLIANCE])
    assert not role_org_match(role, "Northern Maritime Safety Council", ENTS, [ALLIANCE])


def test_a_title_is_read_with_its_organizations_name() -> None:
    role = {"title": "Chairman", "organization": "o2"}
    assert role_title_match(role, "Chairman of the Training Board", ENTS)
    assert not role_title_match({"title": "Chairman"}, "Director", ENTS)


def test_countries_match_by_their_long_and_short_names() -> None:
    kyrgyz = {"kind": "country", "name": "Kyrgyz Republic"}
    assert country_match(kyrgyz, "Kyrgyzstan")
    assert not country_match(kyrgyz, "Kazakhstan")
    assert country_match(None, None) and not country_match(kyrgyz, None)


def test_a_place_matches_its_name_or_the_country_it_is() -> None:
    assert place_match({"name": "Harborview"}, "harborview")
    assert place_match({"name": "Russian Federation"}, "Russia")
    assert not place_match({"name": "Lakeport"}, "Harborview")
    assert not place_match(None, "Harborview")


def test_a_chair_is_a_person_when_the_gold_names_that_person() -> None:
    gd = _doc(persons=(GoldPerson("Yuriy Kharitonov", (), None, ()),))
    person = {"kind": "person", "name": "Yury Haritonov"}
    assert chair_match(person, "Yuriy Kharitonov", gd, ENTS)
    assert not chair_match(
        {"kind": "person", "name": "Ines Castellano"}, "Yuriy Kharitonov", gd, ENTS
    )


def test_a_chair_that_is_an_organization_or_a_country_matches_by_its_names() -> None:
    event = GoldEvent("session", None, None, None, None, None, "CRA", ())
    gd = _doc(organizations=(ALLIANCE,), events=(event,))
    assert chair_match(CRA, "Coastal Rescue Alliance", gd, ENTS)
    assert chair_match({"kind": "country", "name": "Republic of Armenia"}, "Armenia", gd, ENTS)
    # an entity of another kind only by an exact name
    assert chair_match({"kind": "group", "name": "CRA"}, "Coastal Rescue Alliance", gd, ENTS)
    assert not chair_match({"kind": "group", "name": "CR"}, "Coastal Rescue Alliance", gd, ENTS)
    assert not chair_match(None, "Armenia", gd, ENTS)
