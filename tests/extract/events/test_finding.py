"""Which phrases are events: nouns singled out without a verb, verbs of meeting, receiving
and visiting in any tense, new event nouns, and what is not an event of its own."""

from __future__ import annotations

import pytest
from spacy.tokens import Span

from pressgraph.extract.events import FoundEvent
from tests.extract.conftest import Find


def _key(span: Span | None) -> str | None:
    return None if span is None else span.kb_id_


def _parts(event: FoundEvent) -> set[tuple[str, str]]:
    return {(p.entity.kb_id_, p.part) for p in event.participants}


def _kinds_and_starts(events: list[FoundEvent]) -> list[tuple[str, str | None]]:
    return [(e.kind, e.start) for e in events]


# ---------------------------------------------------------------- nouns without a verb


def test_a_numbered_meeting_named_in_passing_is_an_event(find: Find) -> None:
    events = find(
        "The delegates were informed about the results of the XIV Meeting of the heads of "
        "border services of the CIS member states."
    )
    assert [(e.kind, e.name) for e in events] == [
        ("meeting", "XIV Meeting of the heads of border services of the CIS member states")
    ]


def test_a_meeting_with_its_own_date_named_in_passing_is_an_event(find: Find) -> None:
    events = find(
        "The Secretary General informed the Ambassador about the outcome of the meeting of "
        "the foreign ministers on 14 March 2024."
    )
    assert _kinds_and_starts(events) == [("meeting", "2024-03-14")]


def test_on_the_margins_of_a_summit_the_summit_is_an_event(find: Find) -> None:
    events = find("The two leaders spoke on the margins of the SCO summit.")
    assert [(e.kind, e.name) for e in events] == [("meeting", "SCO summit")]


@pytest.mark.parametrize(
    "text",
    [
        "The conference discussed cooperation against terrorism.",
        "A meeting would be useful, the minister said.",
        "The meeting was held in a plenary session.",
        "The exercise practiced the preparation of a joint operation.",
    ],
)
def test_no_event_of_its_own(find: Find, text: str) -> None:
    assert len(find(text)) <= 1
    assert all(e.kind != "session" for e in find(text))


def test_a_debate_named_as_the_fourth_meeting_is_one_event(find: Find) -> None:
    events = find(
        "On 3 April 2024, the Security Council held a debate on regional cooperation. The "
        "debate was the fourth meeting on this topic."
    )
    assert _kinds_and_starts(events) == [("meeting", "2024-04-03")]


def test_a_definite_meeting_of_another_body_is_another_event(find: Find) -> None:
    events = find(
        "On 4 March 2024, Minsk hosted a meeting of the CSTO Council of Foreign Ministers. "
        "On 5 March 2024, the meeting of the CSTO Council of Defense Ministers took place."
    )
    assert _kinds_and_starts(events) == [("meeting", "2024-03-04"), ("meeting", "2024-03-05")]


def test_a_definite_numbered_meeting_is_another_event(find: Find) -> None:
    events = find(
        "From 2 to 4 April, the Joint Staff hosted a working meeting of signal officers. On 9 "
        "April, Bishkek hosted the 3rd meeting of the Coordination Council on biosafety."
    )
    assert _kinds_and_starts(events) == [("meeting", "2023-04-02"), ("meeting", "2023-04-09")]


def test_a_plenary_meeting_is_one_event(find: Find) -> None:
    events = find("On 6 May 2024, the EAG held its 40th Plenary Meeting in Minsk.")
    assert [(e.kind, e.start, _key(e.place)) for e in events] == [
        ("meeting", "2024-05-06", "place~minsk")
    ]


def test_new_event_nouns(find: Find) -> None:
    text = (
        "On 2 April 2024, the Chief of the Joint Staff held a briefing for defense attaches. "
        "On 3 April 2024, the Academy hosted the graduation of the training course for "
        "border officers. On 4 April 2024, the Council held a debate on drug trafficking."
    )
    assert _kinds_and_starts(find(text)) == [
        ("other", "2024-04-02"),
        ("ceremony", "2024-04-03"),
        ("meeting", "2024-04-04"),
    ]


def test_a_week_is_an_event_only_as_a_title(find: Find) -> None:
    assert find("The first week of June was held in Dushanbe.") == []
    (week,) = find("The UN Counter-Terrorism Week was held in New York on 20 June 2023.")
    assert (week.kind, week.name, week.start) == (
        "other",
        "UN Counter-Terrorism Week",
        "2023-06-20",
    )


# ---------------------------------------------------------------- verbs


def test_will_meet_and_will_receive(find: Find) -> None:
    events = find(
        "On Tuesday, 14 May 2024, the Secretary General, Mr Pieter de Vries, will meet the "
        "Minister of Defence of Estonia, Mr Kalle Laanet, at the headquarters in Brussels. "
        "On Wednesday, 15 May 2024, Mr Pieter de Vries will receive the President of Finland, "
        "Mr Alexander Stubb."
    )
    assert _kinds_and_starts(events) == [("meeting", "2024-05-14"), ("meeting", "2024-05-15")]
    assert ("Kalle Laanet", "participant") in _parts(events[0])
    assert ("Alexander Stubb", "participant") in _parts(events[1])


def test_had_a_meeting_with(find: Find) -> None:
    (event,) = find(
        "On 20 January 2024, the SCO Secretary-General Zhang Ming had a meeting with the "
        "Ambassador of Mongolia Batbold Dorj."
    )
    assert (event.kind, event.start) == ("meeting", "2024-01-20")
    assert _parts(event) >= {("Zhang Ming", "participant"), ("Batbold Dorj", "participant")}


def test_a_reception_before_a_meeting_is_another_event(find: Find) -> None:
    events = find(
        "On 19 May 2024, a meeting of the Council of Foreign Ministers was held in Dushanbe. "
        "Before the meeting, the ministers were received by the President of Tajikistan "
        "Emomali Rahmon."
    )
    assert [e.kind for e in events] == ["meeting", "meeting"]
    assert ("Emomali Rahmon", "participant") in _parts(events[1])


def test_a_visit_by_its_verb_has_the_place_it_names(find: Find) -> None:
    (visit,) = find("On Thursday, 23 May 2024, the NATO Secretary General will visit Tallinn.")
    assert (visit.kind, visit.start, _key(visit.place)) == ("visit", "2024-05-23", "place~tallinn")
    assert visit.format == "in_person"


def test_welcomed_to_the_headquarters_is_a_visit(find: Find) -> None:
    (visit,) = find(
        "On 4 June 2024, the Secretary General welcomed Maria Lopez, Commissioner of the "
        "Federal Police, and her delegation to the headquarters in Lyon."
    )
    assert (visit.kind, visit.start) == ("visit", "2024-06-04")
    assert visit.name is not None and visit.name.startswith("visit of Maria Lopez")


@pytest.mark.parametrize(
    "text",
    [
        "The Secretariat received a letter from the Ministry.",
        "The Secretary General welcomed the decision of the Council.",
        "The plan met with approval.",
    ],
)
def test_verbs_that_name_no_one_are_no_event(find: Find, text: str) -> None:
    assert find(text) == []


def test_met_with_a_post_whose_holder_is_not_recognized(find: Find) -> None:
    (meeting,) = find(
        "On 3 May 2024, in Bishkek, the Secretary General met with the President of the "
        "Kyrgyz Republic Xoltan Qumarbekov-Uulu."
    )
    assert (meeting.kind, meeting.start) == ("meeting", "2024-05-03")


def test_a_session_in_apposition_to_a_seminar_is_the_seminar(find: Find) -> None:
    events = find(
        "On 14 February 2024, the Secretariat hosted an educational seminar (coaching "
        "session) for junior staff."
    )
    assert [(e.kind, e.start) for e in events] == [("training", "2024-02-14")]


def test_a_title_line_is_an_event_with_its_place_and_date(find: Find) -> None:
    events = find("Meeting of CSTO Defence Ministers – Minsk, 5 June 2025", None)
    assert [(e.kind, e.start, _key(e.place)) for e in events] == [
        ("meeting", "2025-06-05", "place~minsk")
    ]


def test_a_line_about_an_event_is_not_its_title(find: Find) -> None:
    assert find("General information about the EAG Plenary Meeting", None) == []


def test_a_meeting_and_a_session_listed_together_are_one_event(find: Find) -> None:
    events = find(
        "The Speaker is in Moscow to participate in a joint meeting of the Council of the "
        "Assembly and the 16th Plenary Session of the Assembly."
    )
    assert [e.kind for e in events] == ["meeting"]


def test_a_session_a_resolution_comes_from_is_no_event(find: Find) -> None:
    events = find(
        "The ministers will review a statement supporting Resolution 75/200 of the 75th "
        'Session of the UN General Assembly "Against the glorification of war".'
    )
    assert events == []


def test_a_summit_after_a_meeting_of_no_body_is_another_event(find: Find) -> None:
    events = find(
        "On June 9, 2024, in Astana, a meeting of senior officials of the CIS was held on the "
        "margins of the SCO summit."
    )
    assert [(e.kind, e.name) for e in events] == [
        ("meeting", "meeting of senior officials of the CIS"),
        ("meeting", "SCO summit"),
    ]


def test_a_round_table_event_is_a_round_table(find: Find) -> None:
    (event,) = find("The round table event was held in Minsk on 5 May 2024.")
    assert (event.kind, event.start) == ("conference", "2024-05-05")


def test_a_training_team_is_no_training(find: Find) -> None:
    assert [e.name for e in find("The Mobile Training Team arrived in Tirana.")] == []


def test_a_delivered_course_is_dated(find: Find) -> None:
    (course,) = find(
        "The Mobile Training Team delivered its first training course from 13 to 15 May in Tirana.",
        "2024-05-16",
    )
    assert (course.kind, course.start, course.end) == ("training", "2024-05-13", "2024-05-15")


def test_at_a_meeting_in_the_main_clause_is_an_event(find: Find) -> None:
    events = find("The Secretary General delivered the keynote speech at the regional meeting.")
    assert [(e.kind, e.name) for e in events] == [("meeting", "regional meeting")]


def test_at_a_session_in_a_participle_is_no_event(find: Find) -> None:
    text = "He supported the initiative voiced at the last session of the General Assembly."
    assert find(text) == []


def test_in_the_course_of_a_training_is_the_training(find: Find) -> None:
    events = find(
        "In the course of the strategic command post training, the Centre will consider the "
        "situation in detail."
    )
    assert [(e.kind, e.name) for e in events] == [("training", "strategic command post training")]


def test_a_titled_session_after_a_plenary_meeting_is_that_meeting(find: Find) -> None:
    events = find(
        "The Group had its 26th Plenary meeting in Bishkek from 22 to 26 May 2017.\n\n"
        "The Chairman chaired the Plenary Session."
    )
    assert [(e.kind, e.start) for e in events] == [("meeting", "2017-05-22")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Minister addressed the 61st Regional Security Conference on 15 February 2025.",
            ("conference", "2025-02-15"),
        ),
        (
            "The Organization hosted its annual Border Security Week, bringing together 300 "
            "experts from 3 to 6 June 2024.",
            ("other", "2024-06-03"),
        ),
    ],
)
def test_addressing_and_bringing_together_say_when(
    find: Find, text: str, expected: tuple[str, str]
) -> None:
    assert _kinds_and_starts(find(text, "2024-06-10")) == [expected]


def test_a_plural_subject_that_meets_is_a_meeting(find: Find) -> None:
    events = find("On 9 April 2024, the heads of the border services met in Almaty.")
    assert [(e.kind, e.name, e.start) for e in events] == [
        ("meeting", "meeting of the heads of the border services", "2024-04-09")
    ]
    assert find("The requirements were met in full.") == []


def test_a_body_that_meets_or_convenes_is_a_meeting(find: Find) -> None:
    events = find(
        "The Council of heads of the border services will convene in Minsk on 23 April.",
        "2018-04-21",
    )
    assert [(e.kind, e.name, e.start, e.place.text if e.place else None) for e in events] == [
        ("meeting", "meeting of the Council of heads of the border services", "2018-04-23", "Minsk")
    ]
    # a body that convenes a session: the session is the event, told by its noun
    session = find("The Council convened an extraordinary session on 23 April.", "2018-04-21")
    assert [(e.kind, e.name) for e in session] == [("session", "extraordinary session")]


def test_exercises_held_somewhere_on_a_day_are_one_exercise(find: Find) -> None:
    events = find("The CSTO held military exercises of its forces on 17 May in Tajikistan.")
    assert [(e.kind, e.start, e.place.text if e.place else None) for e in events] == [
        ("exercise", "2023-05-17", "Tajikistan")
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The CSTO will hold 60 exercises in Belarus this year.",  # how many, not one
        "We are conducting joint exercises and other practical activities.",  # a habit
    ],
)
def test_counted_or_habitual_exercises_are_no_event(find: Find, text: str) -> None:
    assert find(text) == []


def test_drills_including_code_names_are_the_named_exercises(find: Find) -> None:
    events = find(
        "Belarus is hosting specialized drills including reconnaissance exercises Scout-2025 "
        "and logistics exercises Convoy-2025 in May."
    )
    assert sorted(e.name for e in events) == ["Convoy-2025", "Scout-2025"]
