"""Translation leftovers: MT, OSH and IWC read from context, look-alikes left alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from pressgraph.errors import DataError
from pressgraph.nlp import leftovers as module
from pressgraph.nlp.gazetteer import organizations
from pressgraph.nlp.leftovers import LeftoverReading, find_leftovers, leftovers

SEED_000 = Path(__file__).resolve().parents[2] / "examples" / "000_8a488d8fca91047a.txt"
TERRORISM = "international terrorism"

# Sentences of seed page 000, verbatim.
MT_SENTENCES = [
    "Addressing the conference participants, Deputy Minister of Foreign Affairs of Russia Mr. "
    "Alexander Pankin emphasized that Moscow has been consistently promoting the idea of "
    "combating MT on all international and regional platforms, based on the principles of "
    "collective efforts, without double standards and on the basis of mutual consideration of "
    "interests, as well as recognition of the universal role in this UN process.",
    "Mr. V. Voronkov informed about plans for holding the UN World Counter-Terrorism Week in July "
    "2020, which is expected to contribute to the consolidation of global efforts to combat MT, "
    "since, according to him, “no one is able to cope with terrorism alone.”",
    "The UN, emphasized Mr. J. Khan, intends to strengthen cooperation with the CSTO and other "
    "regional structures to strengthen the architecture of joint efforts in the fight against MT.",
    "To date, the organization has about 600 agreements, programs and mechanisms governing MT "
    "counteraction.",
    "Inter-Afghan settlement is a key prerequisite in terms of the prospects for solving the MT "
    "problem, Xie Xiaoyong noted.",
    "In his speech, Anatoly Sidorov, the head of the CSTO Joint Staff, dwelt in detail on the "
    "problems of the formation of the Organization’s power component used to neutralize the "
    "threats of MT and related extremism.",
]
OSH_SENTENCE = (
    "In this context, the head of the OSH mentioned the recently completed series of joint CSTO "
    '"Combat Brotherhood-2019" trainings held in Belarus, Russia, and Tajikistan.'
)
IWC_SENTENCE = (
    "Addressing the participants of the conference, acting Marie Dubot, head of the IWC Regional "
    "Delegation in Russia, Belarus and Moldova, dwelled on the issues of strict observance of "
    "international humanitarian law in the fight against international terrorism."
)


def _only(text: str) -> LeftoverReading:
    """The single reading found in `text`."""
    found = find_leftovers(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("sentence", MT_SENTENCES)
def test_mt_reads_as_international_terrorism(sentence: str) -> None:
    reading = _only(sentence)
    assert (reading.token, reading.org_id, reading.topic) == ("MT", None, TERRORISM)
    assert sentence[reading.start : reading.end] == "MT"


def test_osh_reads_as_the_csto_joint_staff() -> None:
    reading = _only(OSH_SENTENCE)
    assert reading == LeftoverReading("OSH", 33, 36, "csto-joint-staff", None)


def test_osh_after_head_of_the_needs_no_csto_in_the_text() -> None:
    assert _only("Later the head of the OSH spoke.").org_id == "csto-joint-staff"


def test_osh_reads_from_a_csto_story_without_a_head() -> None:
    text = "The CSTO drills ended. Plans drafted by the OSH were approved."
    assert _only(text).org_id == "csto-joint-staff"


def test_iwc_reads_as_the_icrc() -> None:
    reading = _only(IWC_SENTENCE)
    assert (reading.token, reading.org_id, reading.topic) == ("IWC", "icrc", None)
    assert IWC_SENTENCE[reading.start : reading.end] == "IWC"


def test_the_whole_seed_page_gives_eight_mt_one_osh_one_iwc() -> None:
    readings = find_leftovers(SEED_000.read_text(encoding="utf-8"))
    tokens = [r.token for r in readings]
    assert (tokens.count("MT"), tokens.count("OSH"), tokens.count("IWC")) == (8, 1, 1)
    assert [r.start for r in readings] == sorted(r.start for r in readings)


@pytest.mark.parametrize(
    "text",
    [
        "The tanker MT Sea Star was seized.",
        "Climbers returned from MT Everest.",
        "The ship carried 12 MT of cargo.",
        "The coast guard acted against MT Sea Star in the strait.",  # trigger word, then a name
        "Customs worked to counter 12 MT of smuggled fuel.",  # trigger word, then a quantity
        "Efforts to combat piracy near the tanker MT Nord continue.",
        "MT",
        "The AMT and MTS networks were discussed.",  # not whole words
        "the fight against mt",  # case-sensitive
    ],
)
def test_mt_meaning_something_else_is_left_alone(text: str) -> None:
    assert find_leftovers(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Occupational safety and health (OSH) rules were updated.",
        "The head of the OSH unit at the ILO said occupational risks grow.",
        "The CSTO held drills near OSH region of Kyrgyzstan.",
        "Osh hosted the meeting.",
    ],
)
def test_unrelated_osh_is_left_alone(text: str) -> None:
    assert find_leftovers(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The IWC moratorium on commercial whaling remains in force.",
        "Japan's delegation to the IWC argued for whaling quotas.",  # "delegation", but whales
        "The IWC met in Slovenia.",  # nothing says Red Cross
    ],
)
def test_unrelated_iwc_is_left_alone(text: str) -> None:
    assert find_leftovers(text) == []


def test_sentence_bounds_keep_rules_inside_one_sentence() -> None:
    # "against" ends the previous sentence; honorifics and initials do not end one.
    assert find_leftovers("They spoke against it. MT Sea Star sailed.") == []
    assert find_leftovers("They fought against it. MT was discussed.") == []
    assert _only("Said Mr. V. Ivanov: the fight against MT goes on.").topic == TERRORISM


def test_leftover_organizations_exist_in_the_gazetteer() -> None:
    known = leftovers()
    assert set(known) == {"MT", "OSH", "IWC"}
    assert all(lo.org_id in organizations() for lo in known.values() if lo.org_id)
    assert known["MT"].topic == TERRORISM


ORG_IDS = frozenset({"icrc"})


def _leftover(**fields: object) -> dict[str, object]:
    """A minimal leftovers.yml entry."""
    return {"token": "IWC", "reading": "icrc", "when": [{"text_has": ["Red Cross"]}], **fields}


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (_leftover(reading="no-such-org"), "'no-such-org' is not an id"),
        (_leftover(reading={"subject": "x"}), r"unknown field\(s\) \['subject'\]"),
        (_leftover(token="I W C"), "must be one word"),
        (_leftover(when=[]), "needs at least one rule"),
        (_leftover(when=[{"window": 2}]), "states no condition"),
        (_leftover(when=[{"preceded_by": ["head"], "window": 0}]), "whole number of words"),
        (_leftover(when=[{"preceded_by": "head"}]), "expected a list of words"),
        (_leftover(unless=[{"number_before": "yes"}]), "takes true or false"),
        (_leftover(when=[{"near": ["x"]}]), r"unknown field\(s\) \['near'\]"),
    ],
)
def test_malformed_leftovers_raise_data_error(entry: object, message: str) -> None:
    with pytest.raises(DataError, match=message):
        module._parse_leftovers([entry], ORG_IDS)


def test_a_token_listed_twice_raises() -> None:
    with pytest.raises(DataError, match="'IWC' is listed twice"):
        module._parse_leftovers([_leftover(), _leftover()], ORG_IDS)
