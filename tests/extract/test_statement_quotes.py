"""Statements, issue 9: direct quotes. Quoted fragments inside reported speech, quotes that go
on after the attribution or in the next paragraph, quote marks as pages mix them, a quote after
a colon or before the speaker's description, and interview transcripts. Every text is written
for the test."""

from __future__ import annotations

import pytest
from spacy.language import Language

pytestmark = pytest.mark.slow

Said = tuple[str, str, bool, str]  # the speaker's text, verb, quote, content


def _said(nlp: Language, text: str) -> list[Said]:
    return [(s.speaker.text, s.verb, s.quote, s.text) for s in nlp(text)._.statements]


# --- quoted words inside reported speech ---------------------------------------------------------


def test_a_quoted_fragment_makes_reported_speech_a_quote(nlp: Language) -> None:
    assert _said(nlp, 'Mr. Ivan Petrov said that the new measures were "long overdue".') == [
        ("Ivan Petrov", "say", True, 'the new measures were "long overdue".')
    ]


def test_a_quote_opened_after_that(nlp: Language) -> None:
    assert _said(
        nlp, "Colonel General Ivan Petrov noted that “the joint training is a test of readiness”."
    ) == [("Ivan Petrov", "note", True, "the joint training is a test of readiness")]


def test_a_quoted_name_inside_reported_speech_is_no_quote(nlp: Language) -> None:
    assert _said(nlp, "Mr. Ivan Petrov said that “Combat Brotherhood-2025” was a success.") == [
        ("Ivan Petrov", "say", False, "“Combat Brotherhood-2025” was a success.")
    ]


def test_a_fragment_before_the_speaker_gives_its_sentence(nlp: Language) -> None:
    text = (
        "Mr. Ivan Petrov opened the drill.\n\n"
        'Since the force was set up in 2009, "the drills will for the first time involve two '
        'airborne units," Petrov said.'
    )
    assert _said(nlp, text)[-1] == (
        "Petrov",
        "say",
        True,
        'Since the force was set up in 2009, "the drills will for the first time involve two '
        'airborne units,"',
    )


# --- quotes that go on ---------------------------------------------------------------------------


def test_a_quote_after_the_attribution_goes_on_with_the_same_speaker(nlp: Language) -> None:
    text = (
        "“Our states are no strangers to the risks of drug trafficking,” Mr. Ivan Petrov said. "
        "“Because of their position, they are on the front line of the fight.”"
    )
    assert _said(nlp, text) == [
        (
            "Ivan Petrov",
            "say",
            True,
            "Our states are no strangers to the risks of drug trafficking Because of their "
            "position, they are on the front line of the fight.",
        )
    ]


def test_an_unattributed_quoted_paragraph_belongs_to_the_speaker_before(nlp: Language) -> None:
    text = (
        "Mr. Ivan Petrov stressed that the bloc sees the UN as its main partner.\n\n"
        "“In 2011, the memorandum between the secretariats was signed, opening broad "
        "opportunities for joint work.”\n\n"
        "The meeting ended in the evening."
    )
    ((speaker, verb, quote, content),) = _said(nlp, text)
    assert (speaker, verb, quote) == ("Ivan Petrov", "stress", True)
    assert content.startswith("the bloc sees the UN as its main partner. In 2011, the memo")
    assert content.endswith("opportunities for joint work.")


def test_a_quote_with_its_own_attribution_is_not_a_continuation(nlp: Language) -> None:
    text = "“We are ready,” Mr. Ivan Petrov said. “We will act together,” Mr. Oleg Sokolov added."
    assert [(s, c) for s, _, _, c in _said(nlp, text)] == [
        ("Ivan Petrov", "We are ready"),
        ("Oleg Sokolov", "We will act together"),
    ]


def test_a_quoted_name_after_a_statement_is_no_continuation(nlp: Language) -> None:
    text = (
        "Mr. Ivan Petrov noted that the forces are ready. “Interaction-2024” exercise will be "
        "held in autumn."
    )
    assert _said(nlp, text) == [("Ivan Petrov", "note", False, "the forces are ready.")]


def test_a_quote_over_paragraphs_that_only_the_last_closes(nlp: Language) -> None:
    text = (
        "Secretary General Ivan Petrov has expressed concern over the situation on the border.\n\n"
        "“On 11 June, at the council meeting in Almaty, the minister told his colleagues that "
        "troops are moving along the border.\n\n"
        "We at the secretariat follow the reports with concern.\n\n"
        "The conflict can only be settled in a peaceful way,” Petrov said in his commentary."
    )
    said = _said(nlp, text)
    assert [(s.split()[-1], v, q) for s, v, q, _ in said] == [
        ("Petrov", "express concern", False),
        ("Petrov", "say", True),
    ]
    assert said[1][3].startswith("On 11 June, at the council meeting in Almaty")
    assert said[1][3].endswith("can only be settled in a peaceful way")


def test_straight_quotes_in_one_paragraph_pair_in_order(nlp: Language) -> None:
    text = (
        '"The drill starts today," Mr. Ivan Petrov said. "Our forces are ready to act within '
        'hours." Two units will take part, Mr. Oleg Sokolov said on Wednesday. "The staff is '
        'multinational and includes all member states," Sokolov added.'
    )
    said = _said(nlp, text)
    assert [s.split()[-1] for s, _, _, _ in said] == ["Petrov", "Sokolov", "Sokolov"]
    assert said[0][3] == "The drill starts today Our forces are ready to act within hours."


def test_a_quote_whose_attribution_the_page_cuts_off_goes_on_with_the_speaker(
    nlp: Language,
) -> None:
    text = (
        "Joint headquarters have been set up for the drill, Mr. Oleg Sokolov said. "
        '"The staff is multinational and includes all member states," the commander of the'
    )
    said = _said(nlp, text)
    assert [(s, q) for s, _, q, _ in said] == [("Oleg Sokolov", True)]
    assert said[0][3].endswith("includes all member states")


# --- quote marks ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("opening", "closing"),
    [("«", "»"), ("«", "”"), ("“", "”"), ('"', '"'), ("‘", "’"), ("„", "“"), ("'", "'")],
)
def test_quote_marks(nlp: Language, opening: str, closing: str) -> None:
    text = (
        f"{opening}We are also preparing to sign a protocol with the regional centre,{closing} "
        "Mr. Ivan Petrov said."
    )
    assert _said(nlp, text) == [
        (
            "Ivan Petrov",
            "say",
            True,
            "We are also preparing to sign a protocol with the regional centre",
        )
    ]


def test_an_apostrophe_is_no_quote_mark(nlp: Language) -> None:
    text = "Mr. Ivan Petrov said that the region’s security is the bloc’s first task."
    assert _said(nlp, text) == [
        ("Ivan Petrov", "say", False, "the region’s security is the bloc’s first task.")
    ]


# --- where the quote is --------------------------------------------------------------------------


def test_a_quote_after_a_phrase_and_a_colon(nlp: Language) -> None:
    text = (
        "The CSTO Secretary General Ivan Petrov gave an interview to a TV channel: "
        '"We give priority to political means of influence"'
    )
    assert _said(nlp, text) == [
        (
            "Ivan Petrov",
            "give an interview",
            True,
            "We give priority to political means of influence",
        )
    ]


def test_a_title_after_a_colon_is_no_quote(nlp: Language) -> None:
    text = (
        "Chief of the Joint Staff Ivan Petrov held a briefing on the subject: "
        '"Main tasks of joint training of forces and means for 2024".'
    )
    assert [q for _, _, q, _ in _said(nlp, text)] == [False]


def test_a_quote_on_the_line_after_said_and_a_colon(nlp: Language) -> None:
    text = (
        "Ambassador Anna Orlova, Head of the OSCE Office in Astana, said:\n\n"
        "“The OSCE offers a unique platform for co-operation between the missions.”"
    )
    assert _said(nlp, text) == [
        (
            "Anna Orlova",
            "say",
            True,
            "The OSCE offers a unique platform for co-operation between the missions.",
        )
    ]


def test_a_quote_before_the_addressee_is_the_content(nlp: Language) -> None:
    text = (
        "Mr. Ivan Petrov visited the bloc.\n\n"
        "“You have done great work in seizing drugs and weapons,” Mr. Petrov told "
        "Secretary-General Oleg Sokolov."
    )
    assert _said(nlp, text)[-1] == (
        "Petrov",
        "tell",
        True,
        "You have done great work in seizing drugs and weapons",
    )


def test_a_time_after_the_verb_gives_way_to_the_sentence_before(nlp: Language) -> None:
    text = (
        "The United States has joined the anti-drug operation, the bloc's deputy head Ivan "
        "Petrov said on Thursday."
    )
    assert _said(nlp, text) == [
        ("Ivan Petrov", "say", False, "The United States has joined the anti-drug operation")
    ]


def test_a_quote_before_the_speakers_description(nlp: Language) -> None:
    text = (
        '"The drill is in the western region," the bloc\'s deputy head, Col.-Gen. Ivan Petrovsky '
        'said on Sunday. "One of the main tasks is to have our forces ready within hours."'
    )
    assert _said(nlp, text) == [
        (
            "Ivan Petrovsky",
            "say",
            True,
            "The drill is in the western region One of the main tasks is to have our forces "
            "ready within hours.",
        )
    ]


def test_a_description_after_a_comma_is_not_what_was_said(nlp: Language) -> None:
    text = (
        "Two airborne units will take part in the drills for the first time, Airborne Force "
        "Commander, Col.-Gen. Oleg Sokolov said on Wednesday."
    )
    assert _said(nlp, text) == [
        (
            "Oleg Sokolov",
            "say",
            False,
            "Two airborne units will take part in the drills for the first time",
        )
    ]


# --- interviews ----------------------------------------------------------------------------------


INTERVIEW = """In an interview with a news agency, the Deputy Secretary General of the CSTO Ivan \
Petrov spoke about the results of the year.

— Ivan Sergeevich, tell us about the main results of the year.

— First of all, we have strengthened the collective forces. The staff has grown.
The exercises were held on time.

— What tasks does the Organization face now?
— The first is closer coordination of foreign policy.

Sokolov: We will continue to work together with our partners."""


def test_interview_answers_are_the_interviewees_and_questions_are_nobodys(
    nlp: Language,
) -> None:
    assert _said(nlp, INTERVIEW) == [
        ("Ivan Petrov", "speak about", False, "the results of the year."),
        (
            "Ivan Petrov",
            "answer",
            True,
            "First of all, we have strengthened the collective forces. The staff has grown.",
        ),
        ("Ivan Petrov", "answer", True, "The exercises were held on time."),
        ("Ivan Petrov", "answer", True, "The first is closer coordination of foreign policy."),
    ]


def test_a_named_turn_is_its_speakers(nlp: Language) -> None:
    text = "Mr. Oleg Sokolov met the press.\n\nSokolov: We will continue to work with our partners."
    # the turn's name is a mention of its own, which resolution joins to Oleg Sokolov
    assert _said(nlp, text)[-1] == (
        "Sokolov",
        "answer",
        True,
        "We will continue to work with our partners.",
    )


def test_a_dash_list_without_questions_is_no_interview(nlp: Language) -> None:
    text = (
        "Mr. Ivan Petrov listed the tasks of the year.\n\n"
        "— The forces will hold three exercises.\n\n"
        "— The staff will grow by ten officers."
    )
    assert [v for _, v, _, _ in _said(nlp, text)] == []


def test_a_quote_before_said_stays_the_content_when_a_participle_follows(nlp: Language) -> None:
    text = (
        "The Secretary General Anna Weber opened the forum. “No state can fight terrorism "
        "alone,” she said, adding that the meeting would adopt a plan of action."
    )
    assert _said(nlp, text)[-1] == (
        "Anna Weber",
        "say",
        True,
        "No state can fight terrorism alone",
    )


def test_a_quote_after_a_colon_belongs_to_the_attribution_after_it(nlp: Language) -> None:
    text = (
        "Ms. Anna Berg reaffirmed the priority the Office attaches to this work: “We will go on "
        "working hand in hand with the Bureau,” she concluded."
    )
    assert _said(nlp, text) == [
        ("Anna Berg", "reaffirm", False, "the priority the Office attaches to this work"),
        ("Anna Berg", "conclude", True, "We will go on working hand in hand with the Bureau"),
    ]


def test_concluding_an_agreement_is_no_statement(nlp: Language) -> None:
    assert _said(nlp, "Ivan Petrov concluded an agreement with the Bureau.") == []
    assert _said(nlp, "Ivan Petrov concluded that the plan works.") == [
        ("Ivan Petrov", "conclude", False, "the plan works.")
    ]


def test_the_person_a_question_addresses_answers_when_the_introduction_names_nobody(
    nlp: Language,
) -> None:
    # the interviewee is named only in the page's headline, kept apart from the story's text
    text = (
        "On his birthday, the Deputy Secretary General of the Organization spoke to a news "
        "agency about the results of the year.\n\n"
        "— Ivan Sergeevich, tell us about the main results of the year.\n\n"
        "— First of all, we have strengthened the collective forces.\n\n"
        "— What comes next?\n\n"
        "— The staff will grow by ten officers."
    )
    assert _said(nlp, text) == [
        (
            "Ivan Sergeevich",
            "answer",
            True,
            "First of all, we have strengthened the collective forces.",
        ),
        ("Ivan Sergeevich", "answer", True, "The staff will grow by ten officers."),
    ]


def test_a_name_inside_a_question_is_not_the_interviewee(nlp: Language) -> None:
    text = (
        "The Deputy Secretary General spoke to a news agency about the year.\n\n"
        "— Did you meet Ivan Petrov, the new commander, this year?\n\n"
        "— Yes, we have discussed the collective forces."
    )
    assert _said(nlp, text) == []
