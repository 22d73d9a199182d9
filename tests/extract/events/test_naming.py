"""Event names: the noun phrase as written, without its determiner, date, place or the
names of people after their posts; titles joined with what is glued to them."""

from __future__ import annotations

import pytest
from spacy.language import Language

from pressgraph.nlp.keys import HEADLINE_KEY
from pressgraph.nlp.pipeline import annotate
from tests.extract.conftest import Find


def _names(find: Find, text: str, date: str | None = "2024-03-20") -> list[str | None]:
    return [e.name for e in find(text, date)]


def test_a_noun_phrase_without_its_determiner_date_and_place(find: Find) -> None:
    text = (
        "On 12 March, Astana hosted the 4th meeting of the Working Group of experts of the "
        "CSTO member states on information security in Astana."
    )
    assert _names(find, text) == [
        "4th meeting of the Working Group of experts of the CSTO member states on information "
        "security"
    ]


def test_a_person_after_a_post_is_left_out_of_the_name(find: Find) -> None:
    text = (
        "On 5 March 2024, the Secretariat hosted a working meeting between the Deputy "
        "Secretary General of the CSTO, Ivan Petrenko, and the Ambassador of Serbia to Russia."
    )
    (name,) = _names(find, text)
    assert name == (
        "working meeting between the Deputy Secretary General of the CSTO, and the Ambassador "
        "of Serbia to Russia"
    )


def test_a_quoted_theme_after_the_noun_belongs_to_the_name(find: Find) -> None:
    text = (
        "On 2 February 2024, the Secretariat organized a seminar (expert session) on the theme: "
        '"New risks in cyberspace", which was attended by 40 officers.'
    )
    assert _names(find, text) == [
        'seminar (expert session) on the theme: "New risks in cyberspace"'
    ]


def test_a_title_keeps_its_number_and_hyphened_words(find: Find) -> None:
    text = (
        "The Deputy Secretary General took part in the 2023 OSCE-wide Anti-Drug Video Conference."
    )
    assert _names(find, text) == ["2023 OSCE-wide Anti-Drug Video Conference"]


def test_a_title_does_not_run_into_the_next_line(find: Find) -> None:
    text = "Border Guards Union\nVIII Forum of Border Guards of the Commonwealth States\n"
    assert _names(find, text) == ["VIII Forum of Border Guards of the Commonwealth States"]


def test_a_title_stops_before_its_date(find: Find) -> None:
    text = "He spoke about plans for holding the Regional Security Week in October 2024."
    assert _names(find, text) == ["Regional Security Week"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On 9 April 2024, the CSTO Secretary General Ivan Petrenko met with the Minister "
            "of Defense of Armenia Arman Sargsyan.",
            "meeting of the CSTO Secretary General with the Minister of Defense of Armenia",
        ),
        (
            "On Monday, 6 May 2024, the NATO Deputy Secretary General will visit Riga, Latvia.",
            "visit of the NATO Deputy Secretary General to Riga",
        ),
    ],
)
def test_an_event_told_by_a_verb_is_named_after_who_and_whom(
    find: Find, text: str, expected: str
) -> None:
    assert _names(find, text) == [expected]


def test_a_meeting_someone_had_is_named_after_them(find: Find) -> None:
    text = "The CSTO Secretary General had a meeting with the Ambassador of Mongolia."
    assert _names(find, text, None) == [
        "meeting of the CSTO Secretary General with the Ambassador of Mongolia"
    ]


def test_a_headline_kept_apart_names_the_event_the_text_calls_the_meeting(
    events_nlp: Language,
) -> None:
    text = "The meeting was attended by the heads of the border services of nine states."
    headline = "XIV Meeting of the heads of border services of the CIS member states - Minsk"
    (found,) = annotate(events_nlp, [("s1", text, None)], context={"s1": {HEADLINE_KEY: headline}})
    assert [e.name for e in found.events] == [
        "XIV Meeting of the heads of border services of the CIS member states"
    ]


def test_an_owner_before_the_noun_is_in_the_name(find: Find) -> None:
    names = _names(find, "The Parliamentary Assembly's 2024 Autumn Meeting was held in Oslo.")
    assert names == ["Parliamentary Assembly's 2024 Autumn Meeting"]


def test_an_event_its_doer_owns_is_named_after_it(find: Find) -> None:
    events = find(
        "On 14 March 2024, the Council of Heads of Border Services held its 45th meeting in Baku."
    )
    assert [(e.name, e.start) for e in events] == [
        ("45th meeting of the Council of Heads of Border Services", "2024-03-14")
    ]


def test_an_honorific_keeps_the_name_after_it_in_the_events_name(find: Find) -> None:
    events = find("Mr. Petrov and Mr. Orlov will meet in Almaty with the ministers of defence.")
    assert [e.name for e in events] == ["meeting of Mr. Petrov with the ministers of defence"]
