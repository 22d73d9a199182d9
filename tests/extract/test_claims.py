"""Numeric claims: which figures are claims (no durations, anaphoric counts, idioms, vague
plurals, template and list numbers), figures restated in a story, and the data file."""

from __future__ import annotations

from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from pressgraph.errors import DataError
from pressgraph.extract.claims.policy import claim_words, parse_claim_words
from pressgraph.extract.measures import normalized, parse_measures

pytestmark = pytest.mark.slow

Row = tuple[float, float, str | None]  # low, high, unit


def _claims(nlp: Language, text: str) -> list[Any]:
    doc: Doc = nlp(text)
    return list(doc._.claims)


def _rows(nlp: Language, text: str) -> list[Row]:
    return [(c.quantity.low, c.quantity.high, c.quantity.unit) for c in _claims(nlp, text)]


# ---------------------------------------------------------------- not claims


@pytest.mark.parametrize(
    "text",
    [
        "Thirty years ago the treaty entered into force in Tashkent.",
        "The mission will withdraw its staff within seven days.",
        "The engineering corps marks 250 years of service this spring.",
        "Since 2015 the exchange of data between the agencies has grown 40 times.",
        "The commander, who is 58 years old, visited the base.",
        "The two organizations will prepare joint projects on these issues.",
        "Relations between the secretariats of the two Organisations keep improving.",
        "Kazakhstan, a founding member of these three organizations, hosted the talks.",
        "He said that the union and the bloc are the two largest regional organizations.",
        "On the one hand, the threat is growing.",
        "The ministers discussed the fight against the “three evils” of the region.",
        "Hundreds of volunteers cleared the streets.",
        "Thousands of cases were sent to court.",
    ],
)
def test_not_claims(nlp: Language, text: str) -> None:
    assert _rows(nlp, text) == []


def test_a_definite_count_with_a_word_before_its_noun_is_a_claim(nlp: Language) -> None:
    text = "The envoy urged the five Alliance countries and the 40 coalition states to act."
    assert _rows(nlp, text) == [(5, 5, "country"), (40, 40, "state")]


def test_all_n_is_a_claim(nlp: Language) -> None:
    text = "The Office has a field presence in all four countries of the region."
    assert _rows(nlp, text) == [(4, 4, "country")]


def test_ranking_numbers_on_their_own_lines_count_nothing(nlp: Language) -> None:
    text = (
        "The drills involve 12 states.\n\nMost read\n1\nGunners celebrate their holiday\n"
        "2\nNew drones shown at parade\n\n1 pages in this article"
    )
    assert _rows(nlp, text) == [(12, 12, "state")]


def test_list_item_numbers_are_not_figures(nlp: Language) -> None:
    text = "The Secretariat has these departments:\n\n1.Legal affairs.\n 2) Finance sections."
    assert _rows(nlp, text) == []


def test_a_noun_cut_off_at_the_end_of_the_page_counts_nothing(nlp: Language) -> None:
    assert _rows(nlp, "Over 50 observers came. The council decided on 14 Octo") == [
        (50, 50, "observer")
    ]


# ---------------------------------------------------------------- restated figures


def test_a_figure_restated_in_a_quote_is_one_claim_kept_with_its_speaker(nlp: Language) -> None:
    text = (
        "The operation involves 17 states.\n\n"
        'Deputy Secretary General Ivan Petrenko said: "The operation involves 17 countries, '
        'including neighbours of the region."'
    )
    claims = _claims(nlp, text)
    assert [(c.quantity.low, c.quantity.unit) for c in claims] == [(17, "country")]
    assert claims[0].speaker is not None and claims[0].speaker.text == "Ivan Petrenko"


def test_the_same_number_of_different_things_is_two_claims(nlp: Language) -> None:
    text = "The Air Force sent 9 planes. The peacekeepers guard 9 objects."
    assert _rows(nlp, text) == [(9, 9, "plane"), (9, 9, "object")]


# ---------------------------------------------------------------- units and decimal commas


def test_a_text_with_decimal_commas_reads_a_three_digit_group_as_decimals(nlp: Language) -> None:
    text = (
        "From 2020 to 2022 more than 51,3 tons of drugs were seized, including 40,125 tons of "
        "hashish and 812 kilograms of heroin."
    )
    assert _rows(nlp, text) == [
        (51.3, 51.3, "ton"),
        (40.125, 40.125, "ton"),
        (812, 812, "kilogram"),
    ]
    assert [c.quantity.subject for c in _claims(nlp, text)] == ["drugs", "hashish", "heroin"]


def test_things_counted_one_by_one_keep_thousands_in_a_decimal_comma_text(
    nlp: Language,
) -> None:
    text = "Border guards seized 7,4 tons of hashish and detained 3,000 smugglers."
    assert _rows(nlp, text) == [(7.4, 7.4, "ton"), (3000, 3000, "smuggler")]


def test_a_text_with_decimal_points_keeps_thousands_separators(nlp: Language) -> None:
    text = "Police seized 12.5 tons of cocaine and detained 40,125 suspects."
    assert _rows(nlp, text) == [(12.5, 12.5, "ton"), (40125, 40125, "suspect")]


def test_kilograms_and_tons_compare_in_one_unit_of_mass() -> None:
    assert normalized(0.79, 0.79, "ton") == ("mass", "kilogram", 790.0, 790.0)
    assert normalized(790, 790, "kilogram") == ("mass", "kilogram", 790.0, 790.0)
    assert normalized(5, 7, "country") == ("count", "country", 5, 7)
    assert normalized(3, 3, None) == ("count", None, 3, 3)


def test_an_abbreviated_unit_and_its_substance(nlp: Language) -> None:
    (claim,) = _claims(nlp, "Customs officers found 35 kg of synthetic drugs.")
    assert (claim.quantity.low, claim.quantity.unit, claim.quantity.subject) == (
        35,
        "kilogram",
        "synthetic drugs",
    )


@pytest.mark.parametrize(
    ("text", "row"),
    [
        ("The Group covers the seven EAG Member States.", (7, 7, "state")),
        ("The plant assembled 1,500 small, medium and heavy vehicles.", (1500, 1500, "vehicle")),
        (
            "The mission, with its 2,400 military, police and civilian personnel, is deployed.",
            (2400, 2400, "personnel"),
        ),
        (
            "The chief noted that the number of stolen passport records in the database "
            "rose to nearly 90,000.",
            (90000, 90000, "record"),
        ),
    ],
)
def test_counted_nouns_the_parse_hides(nlp: Language, text: str, row: Row) -> None:
    assert _rows(nlp, text) == [row]


def test_a_figure_after_a_hedge_counts_the_noun_of_the_figure_before(nlp: Language) -> None:
    text = "At least 30 people were killed and more than 1,100 were injured in the riots."
    assert _rows(nlp, text) == [(30, 30, "person"), (1100, 1100, "person")]


def test_the_two_and_one_of_count_nothing_after_a_figure(nlp: Language) -> None:
    text = (
        "The bloc has 9 members, and cooperation between the two is vital at the request of "
        "one of them."
    )
    assert _rows(nlp, text) == [(9, 9, "member")]


# ---------------------------------------------------------------- the data files


def test_claim_words_are_read_and_checked() -> None:
    words = claim_words()
    assert "year" in words.not_counted and "organization" in words.anaphoric_nouns
    assert words.same_units["state"] == words.same_units["country"]
    with pytest.raises(DataError, match="'idioms' must be a non-empty list"):
        parse_claim_words({**_raw(), "idioms": []})
    with pytest.raises(DataError, match="must be a mapping"):
        parse_claim_words(["idioms"])


def test_measures_are_checked() -> None:
    assert parse_measures({"measures": {"ton": ["mass", "kilogram", 1000]}})["ton"].factor == 1000
    with pytest.raises(DataError, match="'measures' must map each unit"):
        parse_measures({"measures": {"ton": ["mass", "kilogram", 0]}})
    with pytest.raises(DataError, match="'measures' must be a mapping"):
        parse_measures({})


def _raw() -> dict[str, Any]:
    w = claim_words()
    return {
        "authority_nouns": list(w.authority_nouns),
        "not_counted": sorted(w.not_counted),
        "anaphoric_determiners": sorted(w.anaphoric_determiners),
        "anaphoric_nouns": sorted(w.anaphoric_nouns),
        "idioms": ["on the one hand"],
        "same_units": [["country", "state"]],
    }
