"""Person mentions: what the model tags PERSON is checked, and names it glued to a country or
an organization, hyphened given names and glued initials are recovered."""

from __future__ import annotations

from pressgraph.nlp.pipeline import Annotated
from tests.nlp.conftest import Annotate


def _people(found: Annotated) -> list[str]:
    return [m.text for m in found.mentions if m.kind == "person"]


def test_a_title_word_the_model_tags_person_is_no_person(annotate: Annotate) -> None:
    found = annotate("Minister Counselor of the Embassy of Belarus Pavel Grinko attended.")
    assert _people(found) == ["Pavel Grinko"]


def test_a_news_agency_tagged_person_without_a_title_is_no_person(annotate: Annotate) -> None:
    found = annotate("TASS reported that Kazinform and BelTA published the text.")
    assert _people(found) == []


def test_a_surname_alone_joins_the_full_name_of_the_story(annotate: Annotate) -> None:
    found = annotate(
        "Viktor Ivashko opened the meeting. Ivashko noted that the threats had grown. "
        "Ivashko’s deputy agreed."
    )
    assert _people(found) == ["Viktor Ivashko", "Ivashko", "Ivashko"]
    assert {m.key for m in found.mentions if m.kind == "person"} == {"Viktor Ivashko", "Ivashko"}


def test_a_name_glued_to_the_country_before_it(annotate: Annotate) -> None:
    found = annotate(
        "The delegation was received by the Acting President of the Kyrgyz Republic "
        "Bakyt Osmonaliev in the capital."
    )
    assert _people(found) == ["Bakyt Osmonaliev"]
    assert [m.key for m in found.mentions if m.kind == "country"] == ["country:KGZ"]


def test_a_list_of_country_name_pairs(annotate: Annotate) -> None:
    found = annotate(
        "The talks brought together the foreign ministers of Armenia Aram Sargsyan, "
        "Belarus Viktor Rudenko and Kazakhstan Erlan Nurlanov."
    )
    assert _people(found) == ["Aram Sargsyan", "Viktor Rudenko", "Erlan Nurlanov"]


def test_a_name_glued_to_an_unknown_office_of_a_known_organization(annotate: Annotate) -> None:
    found = annotate(
        "The agreement was signed by the head of the UN Crime Prevention Office Alexei Voronin."
    )
    assert _people(found) == ["Alexei Voronin"]


def test_a_hyphened_given_name(annotate: Annotate) -> None:
    found = annotate(
        "The forum was opened by the President of the Republic of Kazakhstan "
        "Nursultan-Ali Bekmukhanov."
    )
    assert _people(found) == ["Nursultan-Ali Bekmukhanov"]


def test_initials_glued_to_the_surname(annotate: Annotate) -> None:
    found = annotate(
        "The session was chaired by the First Deputy Minister of the Republic of Tajikistan "
        "R.Sh.Sharifzoda."
    )
    assert _people(found) == ["R.Sh.Sharifzoda"]


def test_a_given_name_the_model_left_out(annotate: Annotate) -> None:
    # the model tags the surname alone here ("Grinko"), and "Counselor" as a person
    found = annotate("Minister Counselor of the Embassy of Belarus Pavel Grinko attended.")
    (person,) = [m for m in found.mentions if m.kind == "person"]
    assert (person.text, person.key, person.source) == ("Pavel Grinko", "Pavel Grinko", "model")


def test_salutation_and_possessive_are_not_part_of_the_name(annotate: Annotate) -> None:
    found = annotate(
        "Dear Ivan Petrovich, we thank you. The experts then discussed Oleg Semenov’s report."
    )
    assert "Ivan Petrovich" in _people(found)
    assert "Oleg Semenov" in _people(found)
    assert not any("Dear" in p or "’s" in p for p in _people(found))


def test_the_surname_of_a_surname_first_name_is_its_first_word(annotate: Annotate) -> None:
    found = annotate(
        "Secretary-General Zhang Ming met the guests. The Ming dynasty vases were shown. "
        "Zhang said the talks went well."
    )
    assert _people(found) == ["Zhang Ming", "Zhang"]


def test_a_surname_alone_joins_a_name_found_after_a_title(annotate: Annotate) -> None:
    found = annotate(
        "Speaking at the event, Executive Director of UNODC Ghada Waly said that trafficking "
        "was growing. Waly added that cooperation was key."
    )
    assert _people(found) == ["Ghada Waly", "Waly"]


def test_a_particle_opening_a_surname_after_an_honorific_stays_in_the_name(
    annotate: Annotate,
) -> None:
    found = annotate(
        "The Secretary General, Mr. Pieter de Groot Hendriks, opened the session. "
        "Mr. de Groot Hendriks thanked the hosts."
    )
    people = [m.text for m in found.mentions if m.kind == "person"]
    assert people == ["Pieter de Groot Hendriks", "de Groot Hendriks"]
