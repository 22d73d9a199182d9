"""Events: the seed pages, then one page per pattern (date, place, format, chair, organizer,
participants, names) with the cases that must not make an event or a fact."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.tokens import Span

from pressgraph.clean.page import clean_page
from pressgraph.clean.stories import split_stories
from pressgraph.extract.events import FoundEvent
from tests.conftest import SEED_000, SEED_004, SPEAKERS_000
from tests.extract.conftest import Find


def _stories(path: Path) -> list[tuple[str, str | None]]:
    cleaned = clean_page(path.read_text(encoding="utf-8"))
    return [(cleaned.text[s.start : s.end], s.date) for s in split_stories(cleaned.text)]


def _key(span: Span | None) -> str | None:
    return None if span is None else span.kb_id_


def _parts(event: FoundEvent) -> set[tuple[str, str]]:
    return {(p.entity.kb_id_, p.part) for p in event.participants}


def _only(events: list[FoundEvent]) -> FoundEvent:
    assert len(events) == 1, [(e.kind, e.name) for e in events]
    return events[0]


# ---------------------------------------------------------------- seed page 000


@pytest.fixture(scope="session")
def seed_000(find: Find) -> tuple[str, list[FoundEvent]]:
    ((text, date),) = _stories(SEED_000)
    return text, find(text, date)


ATTENDING_000 = {
    "org:un-cted",
    "org:un",
    "org:osce",
    "org:icrc",
    "org:iom",
    "org:interpol",
    "org:eag",
    "org:cis-executive-committee",
    "org:cis-atc",
    "org:sco-rats",
    "org:cica",
    "org:rus-federal-assembly",
    "org:csto-pa-secretariat",
    "org:rus-mfa",
}


def test_seed_000_is_one_conference_in_moscow(seed_000: tuple[str, list[FoundEvent]]) -> None:
    text, events = seed_000
    conference = events[0]
    assert conference.kind == "conference"
    assert conference.name is not None
    assert conference.name.startswith("International Conference “On the Role and Character")
    assert conference.name.endswith("in the Fight against International Terrorism”")
    assert (conference.start, conference.end) == ("2019-10-30", "2019-10-30")
    assert _key(conference.place) == "place~moscow"
    assert [_key(o) for o in conference.organizers] == ["org:csto-secretariat"]
    assert conference.chair is None
    assert text[conference.start_char : conference.end_char].startswith(
        "On October 30, 2019, Moscow hosted"
    )


def test_seed_000_one_video_message_keeps_the_conference_in_person(
    seed_000: tuple[str, list[FoundEvent]],
) -> None:
    # Voronkov spoke "in his video message": one remote speaker, the event was "hosted" in
    # Moscow; so the conference is in person, and Voronkov still a speaker.
    conference = seed_000[1][0]
    assert conference.format == "in_person"
    assert ("Vladimir Voronkov", "speaker") in _parts(conference)


def test_seed_000_speakers_and_attending_organizations(
    seed_000: tuple[str, list[FoundEvent]],
) -> None:
    conference = seed_000[1][0]
    parts = _parts(conference)
    assert {who for who, part in parts if part == "speaker"} == SPEAKERS_000
    assert {who for who, part in parts if part == "participant"} == ATTENDING_000
    assert {part for _, part in parts} == {"speaker", "participant"}


def test_seed_000_later_mentions_join_the_conference(
    seed_000: tuple[str, list[FoundEvent]],
) -> None:
    text, events = seed_000
    said = [text[s:e] for s, e in events[0].mentions]
    assert any(s.startswith("The conference was attended by") for s in said)
    assert any(s.startswith("The forum was also attended by") for s in said)
    assert any(s.startswith("Addressing the participants of the conference") for s in said)


def test_seed_000_combat_brotherhood_is_a_separate_named_training(
    seed_000: tuple[str, list[FoundEvent]],
) -> None:
    text, events = seed_000
    assert [e.kind for e in events] == ["conference", "other", "training"]
    training = events[2]
    assert training.kind == "training"
    assert training.name == '"Combat Brotherhood-2019"'
    # "held in Belarus, Russia, and Tajikistan": three countries, so no one place
    assert (training.start, training.place, training.format) == (None, None, None)
    assert _key(training.body) == "org:csto"
    assert training.participants == ()
    assert "Combat Brotherhood-2019" in text[training.start_char : training.end_char]


def test_seed_000_a_planned_week_is_an_event_of_its_own(
    seed_000: tuple[str, list[FoundEvent]],
) -> None:
    # "plans for holding the UN World Counter-Terrorism Week in July 2020": a titled week
    # that is held, named without its date
    _, events = seed_000
    week = events[1]
    assert (week.kind, week.name) == ("other", "UN World Counter-Terrorism Week")
    assert (week.start, week.end) == ("2020-07", "2020-07")


# ---------------------------------------------------------------- seed page 004


@pytest.fixture(scope="session")
def seed_004(find: Find) -> list[tuple[str, list[FoundEvent]]]:
    return [(text, find(text, date)) for text, date in _stories(SEED_004)]


def test_seed_004_sidebar_meeting_of_defense_ministers(
    seed_004: list[tuple[str, list[FoundEvent]]],
) -> None:
    meeting = _only(seed_004[0][1])
    assert meeting.kind == "meeting"
    # no title of its own: the noun phrase as written is its name
    assert meeting.name == (
        "meeting of the Council of Defense Ministers of the Collective Security Treaty Organization"
    )
    assert (meeting.start, meeting.end) == ("2022-05-24", "2022-05-24")
    assert meeting.format == "video"
    assert meeting.place is None
    assert _key(meeting.chair) == "Suren Papikian"
    assert _key(meeting.body) == "org:csto-council-defence-ministers"
    assert meeting.organizers == ()
    assert _parts(meeting) == {
        ("Suren Papikian", "chair"),
        ("Viktor Khrenin", "participant"),
        ("Ruslan Zhaksylykov", "participant"),
        ("Baktybek Bekbolotov", "participant"),
        ("Sergey Shoygu", "participant"),
        ("Sherali Mirzo", "participant"),
        ("Stanislav Zas", "participant"),
        ("Anatoly Sidorov", "participant"),
    }
    assert len(meeting.mentions) == 2


def test_seed_004_second_conference_in_new_york_in_mixed_format(
    seed_004: list[tuple[str, list[FoundEvent]]],
) -> None:
    _, events = seed_004[1]
    # the five sessions, "the last session of the UN General Assembly" and "CSTO events"
    # are not events of their own
    conference = _only(events)
    assert conference.kind == "conference"
    assert conference.name == (
        "Second Conference of the Heads of Counter-Terrorism Agencies of the United Nations "
        "Member States"
    )
    assert (conference.start, conference.end) == ("2021-06-28", "2021-06-30")
    assert _key(conference.place) == "place~new york"
    # "held in a mixed (face-to-face and virtual) format"; Semerikov's presentation "via
    # videoconferencing" and "to attend in person" are about people, not the conference
    assert conference.format == "mixed"
    assert conference.chair is None
    assert conference.organizers == ()


def test_seed_004_conference_participants(seed_004: list[tuple[str, list[FoundEvent]]]) -> None:
    text, events = seed_004[1]
    conference = events[0]
    # Guterres initiated the conference: the host. Semerikov headed the CSTO Secretariat's
    # delegation and spoke. "foreign ministers of the UN member States" does not make the UN
    # a participant.
    assert _parts(conference) == {
        ("António Guterres", "host"),
        ("Valery Semerikov", "delegation_head"),
        ("Valery Semerikov", "speaker"),
        ("org:csto-secretariat", "participant"),
    }
    said = [text[s:e] for s, e in conference.mentions]
    assert any(s.startswith("Because of the limitations of COVID-19") for s in said)
    assert any(s.startswith("The delegation of the CSTO Secretariat") for s in said)


# ---------------------------------------------------------------- formats


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("On 3 March 2023, a meeting of the CSTO Council was held via videoconference.", "video"),
        ("On 3 March 2023, a meeting of the CSTO Council was held online.", "video"),
        ("On 3 March 2023, the CSTO Council held a meeting in videoconference format.", "video"),
        (
            "The session of the Council of Foreign Ministers was held in a face-to-face "
            "format on 5 December 2022.",
            "in_person",
        ),
        ("The forum took place in a hybrid format in Tashkent on 2 February 2023.", "mixed"),
        ("The seminar was held in a mixed format on 2 February 2023.", "mixed"),
        ("The seminar was held in Almaty on 2 February 2023.", "in_person"),
        ("The seminar was held on 2 February 2023.", None),
    ],
)
def test_format_cues(find: Find, sentence: str, expected: str | None) -> None:
    assert _only(find(sentence)).format == expected


def test_one_remote_participant_is_not_the_format_of_the_meeting(find: Find) -> None:
    event = _only(
        find(
            "On 10 October 2023, a meeting of the CIS Council of Ministers of Internal Affairs "
            "was held in Astana. The Minister of Internal Affairs of Tajikistan Ramazon "
            "Rahimzoda took part in the meeting via videoconference."
        )
    )
    assert event.format == "in_person"
    assert _parts(event) == {("Ramazon Rahimzoda", "participant")}


def test_a_video_message_is_not_the_format_of_the_meeting(find: Find) -> None:
    event = _only(
        find(
            "On 10 October 2023, a meeting of the CIS Council of Ministers of Internal Affairs "
            "was held in Astana. In his video message to the participants of the meeting, the "
            "UN Secretary-General António Guterres said that cooperation matters."
        )
    )
    assert event.format == "in_person"
    assert _parts(event) == {("António Guterres", "speaker")}


def test_a_video_cue_about_something_else_in_the_sentence_is_ignored(find: Find) -> None:
    event = _only(
        find("On 5 May 2023, a meeting was held to discuss the results of an online survey.")
    )
    assert event.format is None


# ---------------------------------------------------------------- who


def test_under_the_chairmanship_of(find: Find) -> None:
    event = _only(
        find(
            "The meeting was held under the chairmanship of the Minister of Internal Affairs "
            "of the Kyrgyz Republic Ulan Niyazbekov in Bishkek on 12 April 2023."
        )
    )
    assert _key(event.chair) == "Ulan Niyazbekov"
    assert _parts(event) == {("Ulan Niyazbekov", "chair")}
    assert _key(event.place) == "place~bishkek"
    assert (event.start, event.end) == ("2023-04-12", "2023-04-12")


def test_chaired_by(find: Find) -> None:
    event = _only(
        find(
            "The meeting, chaired by the Minister of Internal Affairs of Kazakhstan Marat "
            "Akhmetzhanov, was held in Astana on 10 October 2023."
        )
    )
    assert _key(event.chair) == "Marat Akhmetzhanov"
    # Kazakhstan is the minister's country, not a participant
    assert _parts(event) == {("Marat Akhmetzhanov", "chair")}


def test_organized_by(find: Find) -> None:
    event = _only(
        find(
            "On 14 September 2022, a round table on countering drug trafficking, organized by "
            "the CIS Anti-Terrorism Center, was held in Bishkek."
        )
    )
    assert event.kind == "conference"
    assert [_key(o) for o in event.organizers] == ["org:cis-atc"]
    assert _key(event.place) == "place~bishkek"
    assert event.participants == ()


def test_an_organization_that_hosts_organizes_and_the_event_joins_later_mentions(
    find: Find,
) -> None:
    event = _only(
        find(
            "On 2 March 2023, the CSTO Secretariat hosted a round table on information "
            "security. The event was attended by experts of the CIS Anti-Terrorism Center."
        )
    )
    assert [_key(o) for o in event.organizers] == ["org:csto-secretariat"]
    assert _parts(event) == {("org:cis-atc", "participant")}
    assert len(event.mentions) == 2


def test_at_the_initiative_of_a_country(find: Find) -> None:
    event = _only(
        find(
            "At the initiative of the Republic of Kazakhstan, a conference on regional "
            "security was held in Astana on 12 May 2023."
        )
    )
    assert [_key(o) for o in event.organizers] == ["country:KAZ"]
    assert _key(event.place) == "place~astana"


def test_with_the_participation_of(find: Find) -> None:
    event = _only(
        find(
            "On 20 April 2023, a seminar on border security was held in Almaty with the "
            "participation of the OSCE and the CSTO Secretariat."
        )
    )
    assert event.kind == "training"
    assert _parts(event) == {("org:osce", "participant"), ("org:csto-secretariat", "participant")}


def test_talks_between_two_people(find: Find) -> None:
    event = _only(
        find(
            "On 15 February 2023, talks were held in Moscow between the CSTO Secretary General "
            "Imangali Tasmagambetov and the OSCE Secretary General Helga Schmid."
        )
    )
    assert event.kind == "meeting"
    assert _parts(event) == {
        ("Imangali Tasmagambetov", "participant"),
        ("Helga Schmid", "participant"),
    }
    assert _key(event.place) == "place~moscow"


def test_met_with_is_a_meeting_and_a_later_mention_joins_it(find: Find) -> None:
    event = _only(
        find(
            "On June 19, 2023, CSTO Secretary General Imangali Tasmagambetov met with the "
            "Ambassador of the Republic of Serbia to the Russian Federation Momčilo Babić. The "
            "meeting was held in a friendly atmosphere."
        )
    )
    assert event.kind == "meeting"
    assert (event.start, event.end) == ("2023-06-19", "2023-06-19")
    # Serbia and Russia are in the ambassador's title, not participants
    assert _parts(event) == {
        ("Imangali Tasmagambetov", "participant"),
        ("Momčilo Babić", "participant"),
    }
    assert len(event.mentions) == 2


def test_held_a_meeting_with(find: Find) -> None:
    event = _only(
        find(
            "On 9 June 2022, the CSTO Secretary General Stanislav Zas held a meeting with the "
            "Ambassador of Belarus to Russia Dmitry Krutoi."
        )
    )
    assert _parts(event) == {("Stanislav Zas", "host"), ("Dmitry Krutoi", "participant")}


def test_speakers_belong_only_to_a_conference_meeting_session_or_ceremony(find: Find) -> None:
    event = _only(
        find(
            'From 3 to 7 October, the joint exercise "Cooperation-2023" took place in Belarus. '
            "The Commander of the CSTO Collective Rapid Reaction Forces Andrey Serdyukov said "
            "that the troops acted well."
        )
    )
    assert event.kind == "exercise"
    assert event.participants == ()


# ---------------------------------------------------------------- visits, exercises, dates


def test_a_working_visit(find: Find) -> None:
    event = _only(
        find(
            "On March 12, 2023, the CSTO Secretary General Imangali Tasmagambetov paid a "
            "working visit to the Republic of Armenia. During the visit, he met with the "
            "Minister of Foreign Affairs of Armenia Ararat Mirzoyan."
        )
    )
    assert event.kind == "visit"
    assert (event.start, event.end) == ("2023-03-12", "2023-03-12")
    assert _key(event.place) == "country:ARM"
    assert event.format == "in_person"
    # "During the visit, he met with ...": a meeting within the visit, not an event of its own
    assert _parts(event) == {
        ("Imangali Tasmagambetov", "participant"),
        ("Ararat Mirzoyan", "participant"),
    }
    assert len(event.mentions) == 2


def test_an_exercise_with_a_quoted_name_and_a_range_anchored_on_the_story_date(
    find: Find,
) -> None:
    text = (
        "From 25 to 27 July, the joint exercise of the CSTO Collective Rapid Reaction Forces "
        '"Interaction-2021" took place at the Harb-Maidon training ground in Tajikistan. More '
        "than 4,000 servicemen took part in the exercise."
    )
    event = _only(find(text, "2021-07-28"))
    assert event.kind == "exercise"
    assert event.name == '"Interaction-2021"'
    assert (event.start, event.end) == ("2021-07-25", "2021-07-27")
    assert _key(event.body) == "org:csto-crrf"
    assert event.place is not None
    assert event.place.text in {"Harb-Maidon", "Tajikistan"}
    assert event.format == "in_person"
    assert len(event.mentions) == 2


def test_the_same_range_in_another_year_follows_the_story_date(find: Find) -> None:
    event = _only(find('From 25 to 27 July, the exercise "Echelon" took place.', "2022-08-01"))
    assert (event.start, event.end) == ("2022-07-25", "2022-07-27")
    assert _only(find('From 25 to 27 July, the exercise "Echelon" took place.', None)).start is None


def test_a_date_of_something_else_in_the_sentence_is_not_the_events(find: Find) -> None:
    event = _only(
        find(
            "A meeting of the CSTO Committee of Secretaries of Security Councils was held in "
            "Minsk to discuss the Collective Security Treaty signed on 15 May 1992."
        )
    )
    assert (event.start, event.end) == (None, None)
    assert _key(event.place) == "place~minsk"


def test_several_places_give_no_place(find: Find) -> None:
    event = _only(
        find("The exercise was held in Belarus, Russia and Kazakhstan on 3 October 2023.")
    )
    assert event.place is None
    assert (event.start, event.end) == ("2023-10-03", "2023-10-03")


# ---------------------------------------------------------------- one event, or several, or none


def test_a_named_event_mentioned_again_is_the_same_event(find: Find) -> None:
    event = _only(
        find(
            "On 12 April 2023, the Second Conference on Drug Control was held in Dushanbe. "
            "The Second Conference gathered experts from 20 countries."
        )
    )
    assert event.name == "Second Conference on Drug Control"
    assert len(event.mentions) == 2


def test_the_next_meeting_is_another_event(find: Find) -> None:
    first, second = find(
        "On 5 May 2023, a meeting of the CSTO Committee of Secretaries of Security Councils "
        "was held in Minsk. The next meeting will be held in November."
    )
    assert (first.start, _key(first.place)) == ("2023-05-05", "place~minsk")
    assert (second.start, second.end, second.place) == ("2023-11", "2023-11", None)


def test_two_indefinite_meetings_are_two_events(find: Find) -> None:
    events = find(
        "On 5 May 2023, a meeting of the CSTO Council of Foreign Ministers was held in Minsk. "
        "On 6 May 2023, a meeting of the CSTO Council of Defense Ministers was held in Minsk."
    )
    assert [(e.start, _key(e.body)) for e in events] == [
        ("2023-05-05", "org:csto-council-foreign-ministers"),
        ("2023-05-06", "org:csto-council-defence-ministers"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The CSTO conducts regular exercises with its partners.",
        "The Conference consisted of five sessions.",
        "He said that such events are useful.",
        "The conference discussed cooperation against terrorism.",
        "The parties agreed on the exercise of their rights under the Treaty.",
        "The requirements were met in full.",
        "The plan met with approval.",
        "The Conference on Interaction and Confidence Building Measures in Asia adopted a "
        "statement.",
    ],
)
def test_no_event(find: Find, text: str) -> None:
    assert find(text) == []
