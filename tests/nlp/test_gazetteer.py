"""The gazetteers: one normalization, unambiguous aliases, a sound tree, countries, titles."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pycountry
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pressgraph.errors import DataError, NotFoundError
from pressgraph.nlp.gazetteer import (
    KINDS,
    Country,
    ancestors,
    countries,
    country_data,
    country_forms,
    generic_aliases,
    load_data_file,
    normalize_alias,
    org_data,
    organization_aliases,
    organizations,
    spelling_variants,
    split_country_compound,
    title_data,
    titles,
)

# --- normalization -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("OSCE Conflict Prevention Center", "the OSCE Conflict Prevention Centre"),
        ("Council of Defense Ministers", "Council of Defence Ministers"),
        ("Organization for Security and Co-operation", "Organisation for Security and Cooperation"),
        ("UN Counter-Terrorism Centre", "UN Counterterrorism Center"),
        ("Anti-Terrorist Center", "Antiterrorist Centre"),
        ("Development Programme", "development program"),
        ("Joint Staff of the CSTO", "Joint  Staff of CSTO"),
        ("Движение «Талибан»", 'движение "Талибан"'),
        ("Hay’at Tahrir al-Sham", "Hay'at Tahrir al–Sham"),
        ("Объединённый штаб ОДКБ", "Объединенный штаб ОДКБ"),
        ("Médecins Sans Frontières", "Medecins Sans Frontieres"),
        ("Bosnia & Herzegovina", "Bosnia and Herzegovina"),
    ],
)
def test_normalize_alias_unifies_variants(one: str, other: str) -> None:
    assert normalize_alias(one) == normalize_alias(other)


def test_normalize_alias_keeps_cyrillic_short_i_and_drops_every_the() -> None:
    assert normalize_alias("Российский") == "российский"
    assert normalize_alias("The Secretariat of the CSTO") == "secretariat of csto"


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJ ЁЙёйжщ-–'’“”«»&.éö", max_size=40))
def test_normalize_alias_is_idempotent(text: str) -> None:
    once = normalize_alias(text)
    assert normalize_alias(once) == once


def test_spelling_variants_keep_case_and_normalize_alike() -> None:
    variants = spelling_variants("OSCE Conflict Prevention Center for DEFENSE")
    assert set(variants) == {
        "OSCE Conflict Prevention Center for DEFENSE",
        "OSCE Conflict Prevention Centre for DEFENSE",
        "OSCE Conflict Prevention Center for DEFENCE",
        "OSCE Conflict Prevention Centre for DEFENCE",
    }
    assert len({normalize_alias(v) for v in variants}) == 1
    assert spelling_variants("UN Counter-Terrorism Centre") == (
        "UN Counter-Terrorism Centre",
        "UN Counter-Terrorism Center",
        "UN Counterterrorism Centre",
        "UN Counterterrorism Center",
    )
    assert spelling_variants("CSTO") == ("CSTO",)


# --- organizations: the data file ---------------------------------------------------------------


def test_organizations_are_many_unique_and_well_formed() -> None:
    raw_ids = [entry["id"] for entry in load_data_file("organizations.yml")]
    orgs = organizations()
    assert len(orgs) >= 170
    assert len(raw_ids) == len(set(raw_ids)) == len(orgs)
    assert {org.kind for org in orgs.values()} <= KINDS
    assert all(org.country for org in orgs.values() if org.kind == "national_body")


def test_parents_exist_and_never_cycle() -> None:
    orgs = organizations()
    for org in orgs.values():
        chain = ancestors(org.id)
        assert org.id not in chain
        assert all(parent in orgs for parent in chain)
        assert chain[:1] == ((org.parent,) if org.parent else ())


def test_every_form_points_to_exactly_its_own_entry() -> None:
    index = organization_aliases()
    for org in organizations().values():
        for form in org.names:
            assert index[normalize_alias(form)] == org.id, (form, org.id)


def test_spelling_variants_of_every_form_find_the_same_entry() -> None:
    index = organization_aliases()
    for org in organizations().values():
        for form in org.names:
            for variant in spelling_variants(form):
                assert index[normalize_alias(variant)] == org.id, (variant, org.id)


def test_no_entry_lists_a_form_the_normalization_already_covers() -> None:
    for org in organizations().values():
        repeats = Counter(normalize_alias(form) for form in org.names)
        assert [key for key, n in repeats.items() if n > 1] == [], org.id


@pytest.mark.parametrize(
    "bare", ["Secretariat", "the Joint Staff", "Executive Committee", "Parliamentary Assembly"]
)
def test_bare_generic_names_are_not_aliases(bare: str) -> None:
    assert normalize_alias(bare) not in organization_aliases()


def test_the_alliance_is_not_nato() -> None:
    assert "alliance" not in organization_aliases()
    assert organization_aliases()[normalize_alias("the North Atlantic Alliance")] == "nato"


def test_generic_names_resolve_only_with_their_parent_or_country() -> None:
    generic = generic_aliases()
    assert generic[("joint staff", "csto")] == "csto-joint-staff"
    assert generic[("secretariat", "sco")] == "sco-secretariat"
    assert generic[("secretariat", "csto-pa")] == "csto-pa-secretariat"
    assert generic[("executive committee", "cis")] == "cis-executive-committee"
    assert generic[("executive committee", "sco-rats")] == "sco-rats-executive-committee"
    assert generic[("foreign ministry", "RUS")] == "rus-mfa"
    assert generic[("gknb", "KGZ")] == "kgz-gknb"
    assert generic[("gknb", "TJK")] == "tjk-gknb"
    assert ("joint staff", "sco") not in generic


# Forms as the seed pages (examples/000_*, examples/004_*) write them.
SEED_FORMS = [
    ("Secretariat of the Collective Security Treaty Organization", "csto-secretariat"),
    ("Collective Security Treaty Organization", "csto"),
    ("UN Counter-Terrorism Directorate", "un-cted"),
    ("Counter-Terrorism Committee Executive Directorate", "un-cted"),
    ("CTED", "un-cted"),
    ("Counter-Terrorism Directorate of the UN Secretariat", "un-oct"),
    ("The United Nations Office of Counter-Terrorism", "un-oct"),
    ("International Committee of the Red Cross", "icrc"),
    ("International Organization for Migration", "iom"),
    ("Interpol", "interpol"),
    ("Eurasian Group on Combating Money Laundering and the Financing of Terrorism", "eag"),
    ("Executive Committee of the CIS", "cis-executive-committee"),
    ("CIS ATC", "cis-atc"),
    ("ATC CIS", "cis-atc"),
    ("RATS SCO", "sco-rats"),
    ("SCO RATS", "sco-rats"),
    ("Regional Anti-Terrorist Structure", "sco-rats"),
    ("CICA", "cica"),
    ("Federal Assembly of the Russian Federation", "rus-federal-assembly"),
    ("the Secretariat of the CSTO Parliamentary Assembly", "csto-pa-secretariat"),
    ("the Russian Foreign Ministry", "rus-mfa"),
    ("UN Security Council", "un-security-council"),
    (
        "Council of Ministers of Foreign Affairs of the CSTO member states",
        "csto-council-foreign-ministers",
    ),
    ("North Atlantic Alliance", "nato"),
    ("Collective Security Council", "csto-collective-security-council"),
    ("OSCE Conflict Prevention Center", "osce-cpc"),
    ("ISIS", "isil"),
    ("al-Qaeda", "al-qaeda"),
    ("Taliban", "taliban"),
    ("CSTO Joint Staff", "csto-joint-staff"),
    ("Collective Rapid Reaction Forces", "csto-crrf"),
    ("Collective Rapid Reaction Forces of the Central Asian Region", "csto-crdf-car"),
    ("CRRF CAR", "csto-crdf-car"),
    ("CSTO PA", "csto-pa"),
    ("CSTO Parliamentary Assembly", "csto-pa"),
    ("UN General Assembly", "un-general-assembly"),
    (
        "Council of Defense Ministers of the Collective Security Treaty Organization",
        "csto-council-defence-ministers",
    ),
    ("CSTO Secretariat", "csto-secretariat"),
    ("FATF", "fatf"),
    ("ASEAN", "asean"),
    ("Secretariat of the CSTO", "csto-secretariat"),
    ("ОДКБ", "csto"),
    ("Объединенный штаб ОДКБ", "csto-joint-staff"),
    ("РАТС ШОС", "sco-rats"),
]


@pytest.mark.parametrize(("form", "org_id"), SEED_FORMS)
def test_seed_page_forms_resolve(form: str, org_id: str) -> None:
    assert organization_aliases()[normalize_alias(form)] == org_id


def test_ancestors_walk_up_nearest_first() -> None:
    assert ancestors("csto-joint-staff") == ("csto",)
    assert ancestors("sco-rats-executive-committee") == ("sco-rats", "sco")
    assert ancestors("un-cted") == ("un-ctc", "un-security-council", "un")
    assert ancestors("csto") == ()
    with pytest.raises(NotFoundError, match="no-such-body"):
        ancestors("no-such-body")


# --- organizations: the validation -------------------------------------------------------------


def _entry(org_id: str, **fields: Any) -> dict[str, Any]:
    """A minimal organizations.yml entry."""
    return {"id": org_id, "name": org_id.upper(), "kind": "body", **fields}


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([_entry("a"), _entry("a")], "'a' is used twice"),
        ([_entry("a", parent="b")], "parent 'b' is not an id"),
        ([_entry("a", parent="b"), _entry("b", parent="a")], "cycle"),
        ([_entry("a", kind="agency")], "kind 'agency' is not one of"),
        ([_entry("a", alias=["A"])], r"unknown field\(s\) \['alias'\]"),
        ([_entry("a", aliases="A")], "`aliases` must be a list"),
        ([_entry("a", kind="national_body")], "needs `country`"),
        ([_entry("a", country="XXX")], "'XXX' is not an ISO alpha-3"),
        ([_entry("Bad Id")], "lowercase slugs"),
        ([{"name": "x", "kind": "body"}], "`id` is required"),
        ("not a list", "non-empty list"),
    ],
)
def test_malformed_organizations_raise_data_error(entries: object, message: str) -> None:
    with pytest.raises(DataError, match=message):
        org_data._parse_organizations(entries)


def test_a_form_on_two_entries_is_a_collision() -> None:
    orgs = org_data._parse_organizations(
        [_entry("a", aliases=["Joint Staff"]), _entry("b", acronyms=["the JOINT staff"])]
    )
    with pytest.raises(DataError, match="'b' and a form of 'a' both normalize to 'joint staff'"):
        org_data._alias_index(orgs)


def test_a_generic_name_may_not_also_be_an_alias() -> None:
    orgs = org_data._parse_organizations(
        [_entry("a", aliases=["Secretariat"]), _entry("b", parent="a", generic=["Secretariat"])]
    )
    with pytest.raises(DataError, match="generic 'Secretariat' is also a name of 'a'"):
        org_data._generic_index(orgs, org_data._alias_index(orgs))


def test_a_generic_name_needs_a_context() -> None:
    orgs = org_data._parse_organizations([_entry("a", generic=["Secretariat"])])
    with pytest.raises(DataError, match="need a parent or a country"):
        org_data._generic_index(orgs, {})


def test_a_missing_data_file_names_the_file() -> None:
    with pytest.raises(DataError, match=r"no-such-file\.yml is missing; restore it"):
        load_data_file("no-such-file.yml")


# --- countries --------------------------------------------------------------------------------

# The countries most relevant to Eurasian security: each must have an adjective.
# fmt: off
RELEVANT = [
    "RUS", "BLR", "UKR", "MDA", "KAZ", "KGZ", "TJK", "UZB", "TKM", "ARM", "AZE", "GEO", "EST",
    "LVA", "LTU", "AFG", "CHN", "IND", "PAK", "IRN", "IRQ", "SYR", "TUR", "MNG", "JPN", "KOR",
    "PRK", "VNM", "SAU", "ARE", "QAT", "ISR", "PSE", "EGY", "LBY", "USA", "GBR", "FRA", "DEU",
    "ITA", "ESP", "POL", "CZE", "HUN", "ROU", "BGR", "GRC", "SRB", "MKD", "MNE", "BIH", "NLD",
    "BEL", "CHE", "AUT", "SWE", "NOR", "FIN", "DNK", "CAN", "BRA",
]
# fmt: on


def test_countries_cover_pycountry_and_add_common_forms() -> None:
    all_countries = countries()
    assert len(all_countries) == len(pycountry.countries)
    russia = all_countries["RUS"]
    assert russia.name == "Russia"
    assert "Russian Federation" in russia.forms
    assert "Россия" in russia.names_ru
    assert all(all_countries[code].adjectives for code in RELEVANT)


@pytest.mark.parametrize(
    ("form", "code"),
    [
        ("Russia", "RUS"),
        ("the Russian Federation", "RUS"),
        ("Kyrgyzstan", "KGZ"),
        ("the Kyrgyz Republic", "KGZ"),
        ("Belarus", "BLR"),
        ("Moldova", "MDA"),
        ("Iran", "IRN"),
        ("Syria", "SYR"),
        ("the United States", "USA"),
        ("U.S.", "USA"),
        ("Turkey", "TUR"),
        ("Türkiye", "TUR"),
        ("Belarusian", "BLR"),
        ("Belorussian", "BLR"),
        ("Kazakh", "KAZ"),
        ("Kazakhstani", "KAZ"),
        ("Kyrgyz", "KGZ"),
        ("Tajik", "TJK"),
        ("Afghan", "AFG"),
        ("Uzbek", "UZB"),
        ("Armenian", "ARM"),
        ("Chinese", "CHN"),
        ("Indian", "IND"),
        ("Pakistani", "PAK"),
        ("American", "USA"),
        ("Киргизия", "KGZ"),
    ],
)
def test_country_forms_and_adjectives(form: str, code: str) -> None:
    assert country_forms()[normalize_alias(form)] == code


def test_ambiguous_adjectives_are_left_out() -> None:
    forms = country_forms()
    assert "congolese" not in forms
    assert "korean" not in forms
    assert "america" not in forms


def test_countries_yml_repeats_nothing_pycountry_has() -> None:
    extras = load_data_file("countries.yml")
    for code, extra in extras.items():
        record = pycountry.countries.get(alpha_3=code)
        assert record is not None, code
        names = (
            record.name,
            getattr(record, "official_name", None),
            getattr(record, "common_name", None),
        )
        known = {normalize_alias(name) for name in names if name}
        for field in ("forms", "adjectives", "names_ru"):
            for form in extra.get(field) or []:
                assert normalize_alias(form) not in known, (code, form)


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Tajik-Afghan", ("TJK", "AFG")),
        ("Russian-Chinese", ("RUS", "CHN")),
        ("Sino-Russian", ("CHN", "RUS")),
        ("Kyrgyz–Tajik", ("KGZ", "TJK")),
        ("Russian-Belarusian-Kazakh", ("RUS", "BLR", "KAZ")),
        ("Inter-Afghan", None),
        ("Russian-speaking", None),
        ("Tajik", None),
        ("Guinea-Bissau", None),
        ("Sino", None),
    ],
)
def test_split_country_compound(text: str, codes: tuple[str, ...] | None) -> None:
    assert split_country_compound(text) == codes


def test_unknown_country_code_raises() -> None:
    with pytest.raises(DataError, match="'XYZ': not an ISO 3166 alpha-3"):
        country_data._parse_country_extras({"XYZ": {"adjectives": ["Xian"]}})
    with pytest.raises(DataError, match=r"unknown field\(s\) \['adjective'\]"):
        country_data._parse_country_extras({"RUS": {"adjective": ["Russian"]}})


def test_a_form_on_two_countries_is_a_collision() -> None:
    congo = Country("COG", "Congo", None, ("Congo",), ("Congolese",), ())
    dr_congo = Country("COD", "DR Congo", None, ("DR Congo",), ("Congolese",), ())
    with pytest.raises(DataError, match="both normalize to 'congolese'"):
        country_data._country_index({"COG": congo, "COD": dr_congo})


# --- titles ---------------------------------------------------------------------------------------


def test_titles_lists_are_sorted_longest_first() -> None:
    vocabulary = titles()
    for words in (vocabulary.honorifics, vocabulary.ranks, vocabulary.post_heads):
        assert [len(w) for w in words] == sorted((len(w) for w in words), reverse=True)
    assert vocabulary.ranks.index("Lieutenant General") < vocabulary.ranks.index("General")


def test_titles_hold_the_forms_seed_pages_use() -> None:
    vocabulary = titles()
    assert {"Mr.", "H.E.", "His Excellency", "г-н", "господин"} <= set(vocabulary.honorifics)
    assert {"Army General", "Colonel General", "Lieutenant General", "генерал-полковник"} <= set(
        vocabulary.ranks
    )
    assert {"Secretary General", "Under-Secretary-General", "Executive Secretary"} <= set(
        vocabulary.post_heads
    )
    assert {"Acting", "Deputy", "First Deputy"} <= set(vocabulary.post_modifiers)


def test_malformed_titles_raise() -> None:
    good = {
        "honorifics": ["Mr."],
        "ranks": ["Major"],
        "post_heads": ["Head"],
        "post_modifiers": ["Acting"],
    }
    with pytest.raises(DataError, match="`ranks` lists \\['Major'\\] more than once"):
        title_data._parse_titles({**good, "ranks": ["Major", "Major"]})
    with pytest.raises(DataError, match="`post_heads` is missing or empty"):
        title_data._parse_titles({**good, "post_heads": []})
