"""The matching functions on small examples: names, titles, dates, units, figures, kinds."""

from __future__ import annotations

import pytest

from pressgraph.evaluate.matching import (
    date_match,
    fold,
    has_words,
    is_symmetric,
    lemma,
    num_eq,
    person_key,
    rel_kind,
    same_person,
    title_match,
    translit,
    unit_head,
    unit_match,
)


def test_fold_drops_case_accents_and_punctuation_and_makes_defence_defense() -> None:
    assert fold("  Peško’s  MINISTRY of Defence!") == "pesko s ministry of defense"
    assert fold("Defense") == fold("defence")
    assert fold("Defenceless") == "defenceless"  # whole words only
    assert fold(None) == "" and fold("") == ""


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Viktor Khrenin", "Viktor Hrenin"),
        ("Sergey Shoygu", "Sergei Shoigu"),
        ("Yuriy Kharitonov", "Yury Haritonov"),
        ("Suren Papikyan", "Suren Papikian"),
        ("Marcel Peško", "Marcel Pesko"),
    ],
)
def test_transliteration_variants_have_one_key(a: str, b: str) -> None:
    assert translit(a) == translit(b)
    assert same_person([a], [b])


def test_honorifics_are_not_part_of_a_name() -> None:
    assert person_key("Mr. Valery Semerikov") == person_key("Valery Semerikov")
    assert person_key("H.E. Marta Lindqvist") == person_key("Marta Lindqvist")


def test_same_surname_and_first_initial_is_the_same_person() -> None:
    assert same_person(["M. Lindqvist"], ["Marta Lindqvist"])
    assert same_person(["Marta Lindqvist"], ["Mona Lindqvist"])  # the scorer's leniency


def test_different_first_initials_are_different_people() -> None:
    assert not same_person(["Erik Lindqvist"], ["Marta Lindqvist"])
    assert not same_person(["E. Lindqvist"], ["Marta Lindqvist"])


def test_a_surname_alone_is_not_a_full_name() -> None:
    assert not same_person(["Lindqvist"], ["Marta Lindqvist"])
    assert same_person(["Lindqvist", "Marta Lindqvist"], ["Marta Lindqvist"])  # via an alias


def test_an_empty_name_matches_nothing() -> None:
    assert not same_person([""], [""])


def test_has_words_needs_a_whole_run_of_words() -> None:
    assert has_words("Head of the Coastal Rescue Alliance", "coastal rescue alliance")
    assert not has_words("Head of the Coastal Rescue Alliances", "coastal rescue alliance")
    assert not has_words("anything", "")


def test_titles_match_by_words_or_likeness() -> None:
    assert title_match("Director of the Lakeland Border Agency", "Director")
    assert title_match("Minister of Defense", "Defence Minister")
    assert title_match("Deputy Secretary-General", "Deputy Secretary General")
    assert title_match("Secretary General", "Acting Secretary General")  # 1 word short
    assert not title_match("Secretary", "Acting Deputy Secretary General")  # 3 words short
    assert not title_match("Chairman", "Director")
    assert not title_match(None, "Director")


def test_dates_match_when_one_is_the_other_less_precise() -> None:
    assert date_match("2024-04-10", "2024-04-10")
    assert date_match("2024-04-10", "2024-04")  # the gold knows the month only
    assert date_match("2024-04", "2024-04-10")  # found the month of the gold day
    assert not date_match("2024", "2024-04-10")  # a year is too vague
    assert not date_match("2024-04-11", "2024-04-10")
    assert date_match(None, None) and not date_match("2024-04-10", None)
    assert not date_match(None, "2024-04-10")


def test_units_match_people_and_person_and_plurals_and_head_nouns() -> None:
    assert unit_match("people", "person") and unit_match("persons", "person")
    assert unit_match("person", "people")
    assert unit_match("vessels", "vessel") and unit_match("countries", "country")
    assert unit_match("border crossing points", "point")
    assert unit_match("tons of drugs", "ton")
    assert not unit_match("vessels", "volunteer")
    assert not unit_match(None, "vessel")


def test_lemmas_and_heads() -> None:
    assert lemma("people") == "person" and lemma("countries") == "country"
    assert lemma("bus") == "bus" and lemma("glass") == "glass"
    assert unit_head("border crossing point") == "point"
    assert unit_head("tons of cocaine") == "ton"


def test_figures_are_equal_to_a_millionth() -> None:
    assert num_eq(120, 120.0) and num_eq("67.6", 67.6)
    assert num_eq(None, None) and not num_eq(None, 0)
    assert not num_eq(40, 50) and not num_eq("forty", 40)


def test_partnership_is_cooperation_and_holds_both_ways() -> None:
    assert rel_kind("partnership") == rel_kind("cooperation") == "cooperation"
    assert rel_kind("memorandum") == "memorandum" and rel_kind(None) is None
    assert is_symmetric("partnership") and is_symmetric("cooperation")
    assert not is_symmetric("observer")
