"""Code names: every named exercise, training or operation is an event of its own, quoted
or not, in a sentence with its noun or in a list that a sentence introduces."""

from __future__ import annotations

from spacy.tokens import Span

from tests.extract.conftest import Find


def _key(span: Span | None) -> str | None:
    return None if span is None else span.kb_id_


def test_three_quoted_trainings_are_three_events_dated_by_their_opening(find: Find) -> None:
    events = find(
        'The opening ceremony of the special trainings "Frontier-2024", "Scout-2024" and the '
        'joint training "Shield-2024" took place on 14 September 2024 in Kyrgyzstan.'
    )
    named = sorted((e.name, e.start) for e in events if e.kind == "training")
    assert named == [
        ('"Frontier-2024"', "2024-09-14"),
        ('"Scout-2024"', "2024-09-14"),
        ('"Shield-2024"', "2024-09-14"),
    ]
    assert [e.kind for e in events].count("ceremony") == 1


def test_unquoted_code_names_with_a_year(find: Find) -> None:
    events = find(
        "The Steppe 2024 exercise will be held in the southern region, and special exercises "
        "will be held for reconnaissance units (Falcon 2024) and for logistics units "
        "(Caravan 2024)."
    )
    assert sorted(e.name for e in events if e.name) == [
        "Caravan 2024",
        "Falcon 2024",
        "Steppe 2024",
    ]
    assert {e.kind for e in events} == {"exercise"}


def test_a_list_of_code_names_after_its_introduction(find: Find) -> None:
    text = (
        "Since 2001, eleven joint drills have been conducted in the territories of:\n\n"
        "Republic of Armenia (Granite-Shield – 2009, Lake-Guard – 2020);\n\n"
        "Republic of Belarus (Forest-Shield – 2012).\n\n"
        "The drills help to master the following skills."
    )
    events = find(text, None)
    assert [(e.kind, e.name, _key(e.place)) for e in events] == [
        ("exercise", "Granite-Shield – 2009", "country:ARM"),
        ("exercise", "Lake-Guard – 2020", "country:ARM"),
        ("exercise", "Forest-Shield – 2012", "country:BLR"),
    ]


def test_a_quoted_venue_is_not_a_code_name(find: Find) -> None:
    events = find(
        'The exercise "Steppe-2024" took place at the training ground of the Armed Forces '
        '"Kuzey" on 3 October 2024.'
    )
    assert [e.name for e in events] == ['"Steppe-2024"']


def test_a_code_name_and_its_operation_told_twice_are_one_event(find: Find) -> None:
    events = find(
        "The Interior Ministry joined the Barrier anti-drug operation of the CSTO. "
        'He said that the annual "Barrier" operation was aimed at drug routes.'
    )
    assert [(e.kind, e.name) for e in events] == [("operation", '"Barrier"')]


def test_a_name_given_to_the_noun_is_its_name(find: Find) -> None:
    events = find(
        "The rapid reaction forces began a drill dubbed Cooperation 2024 in the Tver region. "
        'Since 2003, the member states have conducted an operation under the code name "Net".'
    )
    assert [(e.kind, e.name) for e in events] == [
        ("exercise", "Cooperation 2024"),
        ("operation", '"Net"'),
    ]


def test_a_quoted_hotel_is_not_a_code_name(find: Find) -> None:
    events = find(
        'From April 7 to 10, 2025, at the Park-Hotel "Sosnovka", the XII seminar on the '
        'preparation of the exercise "Thunder-2025" took place.'
    )
    assert '"Sosnovka"' not in [e.name for e in events]
    assert '"Thunder-2025"' in [e.name for e in events]


def test_a_noun_with_its_one_code_name_is_one_event(find: Find) -> None:
    events = find(
        "The joint exercise Northern Shield-2024 took place at the Borisov training ground "
        "from 2 to 6 September 2024."
    )
    assert [(e.kind, e.name, e.start, e.end) for e in events] == [
        ("exercise", "Northern Shield-2024", "2024-09-02", "2024-09-06")
    ]


def test_a_code_name_opened_by_a_capitalized_event_noun(find: Find) -> None:
    # "Operation X" / "Exercise X" without quotes: the noun is part of the name and gives the kind
    events = find("Exercise Sea Breeze was held in July. Operation Channel-Arax began in May.")
    assert sorted((e.kind, e.name, e.start) for e in events) == [
        ("exercise", "Exercise Sea Breeze", "2023-07"),
        ("operation", "Operation Channel-Arax", "2023-05"),
    ]


def test_a_titled_code_name_in_a_quote_is_one_event_with_its_later_mentions(find: Find) -> None:
    events = find(
        '"Operation Sea Shield II brought together police from 14 countries," the organization '
        "said. The operation was completed on May 6."
    )
    assert [(e.kind, e.name, e.end) for e in events] == [
        ("operation", "Operation Sea Shield II", "2023-05-06")
    ]


def test_a_capitalized_training_title_is_no_code_name(find: Find) -> None:
    events = find("The Advanced Training Courses for border officers began on Monday.")
    assert [e.name for e in events] == ["Advanced Training Courses for border officers"]
