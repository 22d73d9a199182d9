"""Event dates: a year from the nearest dated text when the story has no date, dates in a
parenthesis after the event, through its place, and numbered tellings joined."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Span

from pressgraph.nlp.keys import ANCHOR_KEY, HEADLINE_KEY
from pressgraph.nlp.pipeline import annotate
from pressgraph.store.annotations import _neighbour_dates
from tests.extract.conftest import Find


def _key(span: Span | None) -> str | None:
    return None if span is None else span.kb_id_


def test_a_yearless_date_takes_the_year_of_the_nearest_dated_text(find: Find) -> None:
    text = (
        "From 12 to 14 June, the Joint Staff hosted a working meeting of signal officers. "
        "On 2 June 2022, the Council of Defense Ministers held a session in Minsk."
    )
    assert [(e.start, e.end) for e in find(text, None)] == [
        ("2022-06-12", "2022-06-14"),
        ("2022-06-02", "2022-06-02"),
    ]


def test_without_any_year_a_yearless_date_stays_unknown(find: Find) -> None:
    (event,) = find(
        "From 12 to 14 June, the Joint Staff hosted a meeting of signal officers.", None
    )
    assert event.start is None


def test_the_story_date_wins_over_neighbouring_text(find: Find) -> None:
    text = (
        "From 12 to 14 June, the Joint Staff hosted a working meeting of signal officers. "
        "The meeting recalled the decisions of 2 June 2019."
    )
    assert [e.start for e in find(text, "2024-06-20")] == ["2024-06-12"]


def test_a_parenthesis_with_the_dates_and_place(find: Find) -> None:
    (event,) = find(
        "A get-together of the heads of anti-terrorism units of the CIS member states "
        "(12 - 14 March 2024, Minsk)\n\nThe agenda included the results of the year.",
        None,
    )
    assert (event.kind, event.start, event.end) == ("meeting", "2024-03-12", "2024-03-14")
    assert _key(event.place) == "place~minsk"
    assert event.name == (
        "get-together of the heads of anti-terrorism units of the CIS member states"
    )


def test_the_date_right_after_the_events_place_is_the_events(find: Find) -> None:
    # the parser hangs "on 14-15 November" on "discussed", not on the summit
    (event,) = find(
        "The committee discussed draft documents under preparation for adoption by the Fifth "
        "Regional Summit in Astana on 14-15 November 2023, including the outcome document.",
        "2023-06-01",
    )
    assert (event.name, event.start, event.end) == (
        "Fifth Regional Summit", "2023-11-14", "2023-11-15",
    )  # fmt: skip
    assert _key(event.place) == "place~astana"


def test_a_date_after_the_place_of_what_is_no_event_stays_the_verbs(find: Find) -> None:
    (event,) = find(
        "The ministers met in Astana on 14 November 2023 to discuss the budget.", "2023-11-20"
    )
    assert event.start == "2023-11-14"


def test_a_participle_hung_on_the_events_owner_is_the_events(find: Find) -> None:
    # the parser hangs "conducted" on "authorities"; the exercise is what was conducted
    (event,) = find(
        "The meeting reviewed the results of the first stage of the joint exercise "
        "Steppe-Shield-2019 of the competent authorities conducted with the coordinating role "
        "of the Center in May this year in the territories of Armenia and Belarus.",
        "2019-07-10",
    )
    assert (event.name, event.start) == ("Steppe-Shield-2019", "2019-05")


def test_a_participle_of_no_event_verb_on_the_owner_dates_nothing(find: Find) -> None:
    (event,) = find(
        "The exercise of the border group created in May 2015 was held in Minsk.", "2019-07-10"
    )
    assert (event.start, _key(event.place)) == (None, "place~minsk")


def test_a_range_the_parser_splits_is_still_the_events(find: Find) -> None:
    events = find(
        "The visit followed the Commissioner's participation in the 91st General Assembly "
        "session, which took place in Vienna from 28 November – 1 December.",
        "2023-12-10",
    )
    session = next(e for e in events if e.kind == "session")
    assert (session.start, session.end) == ("2023-11-28", "2023-12-01")


def test_a_title_ends_before_its_place(find: Find) -> None:
    (summit,) = find("He presented the agenda of the Seventh Summit in Astana on 3 July 2024.")
    assert (summit.name, _key(summit.place)) == ("Seventh Summit", "place~astana")


def test_a_headline_and_its_story_tell_one_numbered_event(find: Find) -> None:
    text = (
        "About the 12th Plenary meeting of the Group\n\n"
        "The 12th Plenary of the Group took place on June 3-5, 2019 in Tashkent."
    )
    events = find(text, None)
    assert [(e.start, _key(e.place)) for e in events] == [("2019-06-03", "place~tashkent")]


def test_an_undated_story_takes_the_year_of_its_dated_neighbour(nlp: Language) -> None:
    stories = [("s1", "From 3 to 5 June, Minsk hosted a meeting of border guards.", None)]
    (found,) = annotate(nlp, stories, context={"s1": {ANCHOR_KEY: "2025-05-28"}})
    assert [(e.start, e.end) for e in found.events] == [("2025-06-03", "2025-06-05")]
    (plain,) = annotate(nlp, stories)
    assert [e.start for e in plain.events] == [None]


def test_the_nearest_dated_story_of_the_same_page_is_the_neighbour() -> None:
    rows = [
        ("page-1", None),
        ("page-1", "2024-03-01"),
        ("page-1", None),
        ("page-1", None),
        ("page-1", "2024-02-10"),
        ("page-2", None),
    ]
    assert _neighbour_dates(rows) == [
        "2024-03-01",
        None,
        "2024-03-01",
        "2024-02-10",
        None,
        None,
    ]


def test_a_day_written_alone_is_in_the_month_of_the_story(find: Find) -> None:
    (meeting,) = find(
        "A meeting of the Council of Foreign Ministers was held in Astana on the 18th local "
        "time. It marked the 30th anniversary of the Treaty.",
        "2024-11-19",
    )
    assert meeting.start == "2024-11-18"
    (later,) = find("A meeting of the Council was held in Astana on the 28th.", "2024-11-19")
    assert later.start == "2024-10-28"


def test_the_exercises_named_before_take_the_date_said_of_them(find: Find) -> None:
    events = find(
        "The Minister will attend the active phase of the Steppe 2024 drills. The exercises "
        "will be held at the central training range on August 12-16.",
        "2024-08-01",
    )
    assert [(e.name, e.start, e.end) for e in events] == [
        ("Steppe 2024", "2024-08-12", "2024-08-16")
    ]


def test_a_meeting_during_which_something_happened_has_its_day(find: Find) -> None:
    (meeting,) = find(
        "On April 22, during a meeting between the Rector and the Secretary General, the "
        "University and the Secretariat signed a memorandum of cooperation.",
        "2025-04-23",
    )
    assert (meeting.kind, meeting.start) == ("meeting", "2025-04-22")


def test_completing_a_course_gives_its_last_day(find: Find) -> None:
    (course,) = find(
        "On 25 April this year, the Secretariat completed the annual training course for "
        "civilian staff of the member states.",
        "2025-04-28",
    )
    assert (course.kind, course.start, course.end) == ("training", None, "2025-04-25")


def test_a_headline_kept_apart_dates_its_event(events_nlp: Language) -> None:
    text = "The Meeting brought together the heads of nine border services."
    headline = "XI Meeting of the Heads of Border Services held in Minsk on 12-13 March 2019"
    (found,) = annotate(events_nlp, [("s1", text, None)], context={"s1": {HEADLINE_KEY: headline}})
    assert [(e.name, e.start, e.end) for e in found.events] == [
        ("XI Meeting of the Heads of Border Services", "2019-03-12", "2019-03-13")
    ]


def test_an_event_the_parser_put_under_its_date(find: Find) -> None:
    events = find(
        "MINSK, 20.05.2021 (BelTA) – Yesterday, a meeting of the Council of Defense Ministers "
        "of the CSTO was held in Minsk.",
        "2021-05-20",
    )
    assert [(e.kind, e.start) for e in events] == [("meeting", "2021-05-19")]


def test_a_date_hung_on_the_body_of_the_event(find: Find) -> None:
    (session,) = find(
        "The heads of state, following the session of the Collective Security Council of "
        "December 2, 2020, declare the following.",
        "2020-12-03",
    )
    assert (session.kind, session.start) == ("session", "2020-12-02")


def test_a_reception_before_a_meeting_is_on_its_day(find: Find) -> None:
    events = find(
        "On 19 May 2024, a meeting of the Council of Foreign Ministers was held in Minsk. "
        "Before the meeting, the ministers were received by the President Aliaksandr Kavalenka."
    )
    assert [(e.kind, e.start, e.place is not None) for e in events] == [
        ("meeting", "2024-05-19", True),
        ("meeting", "2024-05-19", True),
    ]


def test_a_date_that_opens_the_sentence_dates_its_event(find: Find) -> None:
    events = find(
        "On May 20-24, 2024 the Group held the meetings of its Working Groups and the 40th "
        "Plenary Meeting in Tashkent."
    )
    assert [(e.name, e.start, e.end) for e in events] == [
        ("40th Plenary Meeting", "2024-05-20", "2024-05-24")
    ]


def test_the_one_date_an_event_verb_reaches_through_nouns(find: Find) -> None:
    (event,) = find(
        "A get-together was held under the auspices of the Center with the support of the "
        "State Security Committee of the Republic of Belarus from 31 May to 2 June 2016."
    )
    assert (event.start, event.end) == ("2016-05-31", "2016-06-02")


def test_a_clause_hung_on_the_farther_meeting_dates_the_nearer(find: Find) -> None:
    events = find(
        "On 15-16 April 2022, the Executive Committee hosted the second expert meeting on "
        "preparations for the Meeting of Security Council Secretaries (MSCS), scheduled for "
        "August 2022 in Tashkent."
    )
    assert [(e.name, e.start) for e in events] == [
        (
            "second expert meeting on preparations for the Meeting of Security Council "
            "Secretaries (MSCS)",
            "2022-04-15",
        ),
        ("Meeting of Security Council Secretaries (MSCS)", "2022-08"),
    ]


def test_this_march_is_the_march_of_the_story_year(find: Find) -> None:
    events = find(
        'Together they held a high-level event "Youth against drugs" as part of the 66th '
        "session of the Commission on Narcotic Drugs this March.",
        "2023-07-10",
    )
    assert [(e.kind, e.name, e.start) for e in events] == [
        ("other", '"Youth against drugs"', "2023-03"),  # held as part of it
        ("session", "66th session of the Commission on Narcotic Drugs", "2023-03"),
    ]
