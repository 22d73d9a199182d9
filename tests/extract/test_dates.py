"""Tests of the date resolver: every written form, every look-alike that is not a date."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pressgraph.errors import DataError
from pressgraph.extract import dates
from pressgraph.extract.dates import DateMention, find_dates, parse_date, trailing_date

ANCHOR = dt.date(2019, 10, 30)  # a Wednesday, the date of the first seed page


def only(text: str, anchor: dt.date | None = None) -> DateMention:
    """The single date found in text, checked against its slice."""
    found = find_dates(text, anchor=anchor)
    assert len(found) == 1, found
    mention = found[0]
    assert text[mention.start : mention.end] == mention.text
    return mention


def check(
    mention: DateMention,
    text: str,
    value: str,
    end_value: str | None = None,
    precision: str = "day",
    relative: bool = False,
) -> None:
    """Assert a mention's text, value, end value, precision and relative flag."""
    got = (mention.text, mention.value, mention.end_value, mention.precision, mention.relative)
    assert got == (text, value, end_value, precision, relative)


# ---------------------------------------------------------------- absolute days


def test_month_day_year_seed_sentence() -> None:
    text = "On October 30, 2019, Moscow hosted the International Conference"
    mention = only(text)
    check(mention, "October 30, 2019", "2019-10-30")
    assert (mention.start, mention.end) == (3, 19)


def test_month_day_year_second_seed() -> None:
    text = "On May 24, 2022, under the chairmanship of the Minister of Defense"
    check(only(text), "May 24, 2022", "2022-05-24")


def test_day_month_year() -> None:
    mention = only("The forum opened on 30 October 2019 in Moscow.")
    check(mention, "30 October 2019", "2019-10-30")
    assert mention.start == 20


def test_day_month_year_with_full_stop() -> None:
    check(only("On 28 April 2003."), "28 April 2003", "2003-04-28")


def test_ordinal_suffix() -> None:
    check(only("It ended on October 30th, 2019."), "October 30th, 2019", "2019-10-30")


def test_ordinal_of_month_with_year() -> None:
    check(only("Since the 1st of July 2021 the rules apply."), "1st of July 2021", "2021-07-01")


def test_abbreviated_and_upper_case_months() -> None:
    check(only("Oct. 30, 2019"), "Oct. 30, 2019", "2019-10-30")
    check(only("ON OCTOBER 30, 2019 MOSCOW"), "OCTOBER 30, 2019", "2019-10-30")


def test_numeric_day_month_year() -> None:
    check(only("Published 30.06.2021 by the press service"), "30.06.2021", "2021-06-30")


def test_numeric_single_digits_and_slashes() -> None:
    check(only("on 1.7.2021"), "1.7.2021", "2021-07-01")
    check(only("on 30/06/2021"), "30/06/2021", "2021-06-30")


def test_iso_date() -> None:
    check(only("fetched 2021-06-30 from the site"), "2021-06-30", "2021-06-30")


# ---------------------------------------------------------------- ranges


def test_range_month_first_seed_sentence() -> None:
    text = "was held in New York on June 28-30, 2021. The Conference addressed"
    mention = only(text)
    check(mention, "June 28-30, 2021", "2021-06-28", "2021-06-30")
    assert mention.start == text.index("June")


def test_range_day_first() -> None:
    check(
        only("held on 28-30 June 2021 in Dushanbe"), "28-30 June 2021", "2021-06-28", "2021-06-30"
    )


def test_range_across_months_month_first() -> None:
    mention = only("The exercise ran June 28 - July 2, 2021.")
    check(mention, "June 28 - July 2, 2021", "2021-06-28", "2021-07-02")


def test_range_across_months_day_first() -> None:
    mention = only("The exercise ran 28 June - 2 July 2021.")
    check(mention, "28 June - 2 July 2021", "2021-06-28", "2021-07-02")


def test_range_across_months_joined_by_to() -> None:
    text = "28 June to 2 July 2021"
    check(only(text), text, "2021-06-28", "2021-07-02")
    text = "June 28 to July 2, 2021"
    check(only(text), text, "2021-06-28", "2021-07-02")


def test_bare_days_joined_by_to_need_from() -> None:
    check(only("25 to 27 July 2021"), "27 July 2021", "2021-07-27")


def test_range_across_years() -> None:
    mention = only("from 28 December 2020 to 2 January 2021")
    check(mention, "from 28 December 2020 to 2 January 2021", "2020-12-28", "2021-01-02")
    check(
        only("28 December - 2 January 2021"),
        "28 December - 2 January 2021",
        "2020-12-28",
        "2021-01-02",
    )


def test_range_from_to_without_year_uses_anchor() -> None:
    mention = only("From 25 to 27 July, the exercise was held.", ANCHOR)
    check(mention, "From 25 to 27 July", "2019-07-25", "2019-07-27", relative=True)


def test_range_from_to_without_year_and_anchor_is_skipped() -> None:
    assert find_dates("From 25 to 27 July, the exercise was held.") == []


def test_range_from_to_across_months() -> None:
    mention = only("from 25 July to 2 August 2021")
    check(mention, "from 25 July to 2 August 2021", "2021-07-25", "2021-08-02")


def test_numeric_ranges() -> None:
    check(only("28-30.06.2021"), "28-30.06.2021", "2021-06-28", "2021-06-30")
    check(only("28.12-02.01.2021"), "28.12-02.01.2021", "2020-12-28", "2021-01-02")


def test_backwards_range_is_not_a_date() -> None:
    assert find_dates("June 30-28, 2021") == []


def test_range_with_an_impossible_end_hides_its_parts() -> None:
    assert find_dates("June 31 - July 2, 2021") == []


# ---------------------------------------------------------------- months and years


def test_month_year_seed_sentence() -> None:
    text = "informed about plans for holding the UN World Counter-Terrorism Week in July 2020,"
    check(only(text), "July 2020", "2020-07", precision="month")


def test_month_year_alone() -> None:
    check(only("July 2020"), "July 2020", "2020-07", precision="month")


def test_year_after_in_and_until_seed_sentence() -> None:
    text = "In the CSTO Collective Security Strategies, adopted in 2016 for the period until 2025,"
    found = find_dates(text)
    assert [(m.text, m.value, m.precision) for m in found] == [
        ("2016", "2016", "year"),
        ("2025", "2025", "year"),
    ]
    assert [m.start for m in found] == [text.index("2016"), text.index("2025")]


def test_year_at_sentence_start_seed() -> None:
    text = "In 2022 the CSTO will celebrate its 20th anniversary."
    check(only(text), "2022", "2022", precision="year")


def test_year_before_comma_seed() -> None:
    text = "In 2018, India and Pakistan were involved in the orbit of SCO efforts"
    check(only(text), "2018", "2018", precision="year")


def test_year_with_modifier_and_year_word() -> None:
    check(only("in early 2020"), "2020", "2020", precision="year")
    check(only("by mid-2021"), "2021", "2021", precision="year")
    check(only("in the year 2018"), "2018", "2018", precision="year")


def test_year_range_seed_sentence() -> None:
    text = "the UN Global Counter-Terrorism Strategy for 2019-2021 was developed"
    mention = only(text)
    check(mention, "2019-2021", "2019", "2021", precision="year")
    assert mention.start == text.index("2019")


def test_year_range_from_to() -> None:
    check(only("from 2019 to 2021"), "from 2019 to 2021", "2019", "2021", precision="year")


def test_year_range_needs_a_year_context() -> None:
    assert find_dates("pages 2019-2021 of the register") == []


# ---------------------------------------------------------------- relative dates


def test_month_of_this_year_seed_sentence() -> None:
    text = "As regards cooperation with NATO, in May of this year, the Council of Ministers"
    mention = only(text, ANCHOR)
    check(mention, "May of this year", "2019-05", precision="month", relative=True)
    assert mention.start == text.index("May")


def test_month_this_year_and_current_year() -> None:
    check(only("in May this year", ANCHOR), "May this year", "2019-05", None, "month", True)
    check(
        only("in May of the current year", ANCHOR),
        "May of the current year",
        "2019-05",
        None,
        "month",
        True,
    )
    check(only("in May of last year", ANCHOR), "May of last year", "2018-05", None, "month", True)


def test_last_year_seed_sentence() -> None:
    text = "the Partnership and Observation Institute, which the heads of state approved last year."
    check(only(text, ANCHOR), "last year", "2018", precision="year", relative=True)


def test_this_and_next_year() -> None:
    check(only("this year", ANCHOR), "this year", "2019", precision="year", relative=True)
    check(only("next year", ANCHOR), "next year", "2020", precision="year", relative=True)


def test_today_seed_sentence() -> None:
    text = "Today, Anatoly Sidorov emphasized, the CSTO is the only regional organization"
    check(only(text, ANCHOR), "Today", "2019-10-30", relative=True)


def test_today_possessive_seed_sentence() -> None:
    text = "I want to express confidence that today's conference will contribute"
    check(only(text, ANCHOR), "today", "2019-10-30", relative=True)


def test_yesterday_and_tomorrow() -> None:
    check(only("yesterday", ANCHOR), "yesterday", "2019-10-29", relative=True)
    check(only("tomorrow", ANCHOR), "tomorrow", "2019-10-31", relative=True)


def test_last_week_is_previous_monday_to_sunday() -> None:
    check(only("last week", ANCHOR), "last week", "2019-10-21", "2019-10-27", relative=True)
    monday = only("last week", dt.date(2019, 10, 28))
    assert (monday.value, monday.end_value) == ("2019-10-21", "2019-10-27")


def test_this_month_and_last_month() -> None:
    check(only("this month", ANCHOR), "this month", "2019-10", None, "month", True)
    check(only("last month", dt.date(2020, 1, 15)), "last month", "2019-12", None, "month", True)


def test_day_month_without_year_takes_anchor_year() -> None:
    check(
        only("On 25 July, the delegation arrived.", ANCHOR), "25 July", "2019-07-25", relative=True
    )
    check(
        only("On July 25 the delegation arrived.", ANCHOR), "July 25", "2019-07-25", relative=True
    )


def test_ordinal_of_month_without_year() -> None:
    check(only("on the 1st of July", ANCHOR), "1st of July", "2019-07-01", relative=True)


def test_month_alone_after_in_needs_anchor() -> None:
    check(only("In May, the Council met.", ANCHOR), "May", "2019-05", None, "month", True)
    assert find_dates("In May, the Council met.") == []


@pytest.mark.parametrize(
    "text",
    [
        "On 25 July, the delegation arrived.",
        "July 25",
        "in May of this year",
        "this year",
        "last year",
        "today",
        "last week",
        "this month",
        "сегодня",
        "в мае этого года",
    ],
)
def test_relative_dates_are_skipped_without_anchor(text: str) -> None:
    assert find_dates(text) == []


def test_over_the_last_year_is_not_last_year() -> None:
    assert find_dates("over the last year the threat grew", anchor=ANCHOR) == []


# ---------------------------------------------------------------- Russian


def test_russian_day_month_year_with_year_word() -> None:
    check(only("Встреча прошла 30 июня 2021 года в Москве"), "30 июня 2021 года", "2021-06-30")


def test_russian_day_month_year_with_abbreviation() -> None:
    check(only("30 июня 2021 г. в Москве"), "30 июня 2021 г.", "2021-06-30")


def test_russian_range() -> None:
    mention = only("с 28 по 30 июня 2021 года")
    check(mention, "с 28 по 30 июня 2021 года", "2021-06-28", "2021-06-30")


def test_russian_month_of_this_year() -> None:
    check(only("в мае этого года", ANCHOR), "мае этого года", "2019-05", None, "month", True)


def test_russian_today_and_last_year() -> None:
    check(only("Сегодня в Москве", ANCHOR), "Сегодня", "2019-10-30", relative=True)
    check(only("в прошлом году", ANCHOR), "прошлом году", "2018", None, "year", True)


def test_russian_year_and_year_range() -> None:
    check(only("в 2021 году"), "2021 году", "2021", precision="year")
    check(only("на 2019-2021 годы"), "2019-2021 годы", "2019", "2021", "year")


# ---------------------------------------------------------------- not dates


@pytest.mark.parametrize(
    "text",
    [
        "al-Qaeda and ISIS retain the combat potential of 20-30 thousand militants",
        "To date, the organization has about 2,000 agreements",
        "more than 67,6 tons of drugs",
        "who come from 110 countries of the world",
        "the Collective Rapid Reaction Forces of 18 thousand people",
        "Phone: +7 (495) 606-97-71",
        "Decision No. 2019/12 was adopted",
        "Security Council Resolution 2178 (2014) requires",
        "The meeting starts at 10.30",
        "The meeting starts at 10:30",
        "version 3.8.0 of the software",
        "the joint CSTO Combat Brotherhood-2019 trainings",
        "the 20th anniversary",
        "To date, over 80 countries have supported this initiative.",
        "States may apply these measures",
        "the march of the veterans",
        "31.02.2021",
        "45.13.2020",
        "2021-02-30",
        "In June 30 countries signed the memorandum",
        "the number increased by 2000 people",
        "a total of 2000 militants",
        "it happens in 2000 cases",
        "a 2000 year old tradition",
        "in the 1990s",
        "rose from 2000 to 2500 people",
        "DSC_8507.JPG",
        "in 1500 cases of 3000",
        "изъято 2000 г героина",
    ],
)
def test_not_a_date(text: str) -> None:
    assert find_dates(text) == []
    assert find_dates(text, anchor=ANCHOR) == []


def test_may_the_verb_with_anchor() -> None:
    assert find_dates("Member states may join the exercise.", anchor=ANCHOR) == []


def test_seed_page_finds_only_its_dates() -> None:
    text = (
        "According to him, al-Qaeda and ISIS retain the combat potential of 20-30 thousand "
        "militants, who come from 110 countries of the world. Currently, this component is "
        "represented by the Collective Rapid Reaction Forces (CRRF) of 18 thousand people. "
        "In 2018, India and Pakistan were involved."
    )
    assert [m.text for m in find_dates(text, anchor=ANCHOR)] == ["2018"]


# ---------------------------------------------------------------- parse_date


def test_parse_date_with_leading_on_and_full_stop() -> None:
    mention = parse_date("On 28 April 2003.")
    assert mention is not None
    check(mention, "28 April 2003", "2003-04-28")
    assert (mention.start, mention.end) == (3, 16)


def test_parse_date_whole_text_only() -> None:
    assert parse_date("October 30, 2019 and more") is None
    assert parse_date("nothing here") is None
    assert parse_date("") is None


def test_parse_date_forms() -> None:
    assert parse_date("  30.06.2021 ") == DateMention(
        2, 12, "30.06.2021", "2021-06-30", None, "day", False
    )
    month = parse_date("in July 2020")
    assert month is not None and (month.value, month.precision) == ("2020-07", "month")
    russian = parse_date("30 июня 2021 г.")
    assert russian is not None and russian.text == "30 июня 2021 г."


def test_parse_date_bare_year_and_relative() -> None:
    year = parse_date("2019")
    assert year is not None and (year.value, year.precision) == ("2019", "year")
    assert parse_date("1234") is None
    today = parse_date("today", anchor=ANCHOR)
    assert today is not None and today.value == "2019-10-30"
    assert parse_date("today") is None


# ---------------------------------------------------------------- trailing_date


def test_trailing_date_seed_headline() -> None:
    line = (
        "The CSTO Deputy Secretary General V. Semerikov participated in the Second Conference "
        "of Heads of Counter-Terrorism Agencies of UN Member States 30.06.2021"
    )
    found = trailing_date(line)
    assert found is not None
    head, mention = found
    assert head == line[: -len(" 30.06.2021")]
    check(mention, "30.06.2021", "2021-06-30")
    assert line[mention.start : mention.end] == "30.06.2021"


def test_trailing_date_at_start_and_alone() -> None:
    assert trailing_date("30.06.2021 The CSTO held a meeting") is not None
    found = trailing_date("30.06.2021 The CSTO held a meeting")
    assert found is not None and found[0] == "The CSTO held a meeting"
    alone = trailing_date("30.06.2021")
    assert alone is not None and alone[0] == ""


def test_trailing_date_strips_separators() -> None:
    found = trailing_date("Conference in New York - June 28-30, 2021.")
    assert found is not None
    assert found[0] == "Conference in New York"
    assert (found[1].value, found[1].end_value) == ("2021-06-28", "2021-06-30")


@pytest.mark.parametrize(
    "line",
    [
        "The Collective Security Strategy for the period until 2025",
        "The meeting was held on 30.06.2021",
        "The CSTO held a meeting in Moscow",
        "Meeting on 30.06.2021 in Moscow",
        "In July 2020 the week was held",
    ],
)
def test_trailing_date_none(line: str) -> None:
    assert trailing_date(line) is None


# ---------------------------------------------------------------- the data file


def _good_raw() -> dict[str, object]:
    """A minimal well-formed months.yml content."""
    words = {key: ["x"] for key in dates.WORD_LISTS}
    months = {n: {"en": [f"M{n}"], "en_short": [], "ru": [f"м{n}"]} for n in range(1, 13)}
    return {
        "months": months,
        "relative_days": {"today": 0},
        "weekdays": {"monday": 0},
        "shifts": {"last": -1},
        "units": {"year": "year"},
        "quantity_cues": {"by": ["increased"]},
        **words,
    }


def test_lexicon_accepts_well_formed_data() -> None:
    lexicon = dates.parse_lexicon(_good_raw())
    assert lexicon.en_months["m3"] == 3
    assert lexicon.quantity_cues["by"] == frozenset({"increased"})


@pytest.mark.parametrize(
    ("key", "bad"),
    [
        ("months", {1: {"en": ["January"], "en_short": [], "ru": []}}),
        ("months", "January"),
        ("relative_days", {"today": "zero"}),
        ("weekdays", {"monday": "first"}),
        ("shifts", ["last"]),
        ("units", {"year": "decade"}),
        ("units", {"year": ["year"]}),
        ("year_context", [True]),
        ("year_context", None),
        ("quantity_cues", {"by": "increased"}),
    ],
)
def test_lexicon_rejects_malformed_data(key: str, bad: object) -> None:
    raw = _good_raw()
    raw[key] = bad
    with pytest.raises(DataError, match=re.escape(key.split(".")[0])):
        dates.parse_lexicon(raw)


def test_empty_word_list_matches_nothing() -> None:
    assert re.search(dates.alternation([]), "any text") is None
    assert re.fullmatch(dates.alternation(["the current"]), "The  Current") is not None


def test_lexicon_rejects_non_mapping() -> None:
    with pytest.raises(DataError, match="top level"):
        dates.parse_lexicon(["months"])


# ---------------------------------------------------------------- properties

_ISO_VALUE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")
_PIECES = [
    "On ", "in ", "from ", "to ", "for ", "until ", "of ", "this ", "last ", "next ", "year",
    "month", "week", "today", "May", "June", "Oct.", "июня", "мае", "года", "г.", "с ", "по ",
    "th", ", ", " ", "-", "–", ".", "/", ":", "\n", "2019", "2021", "1999", "30", "31", "2",
    "06", "13", "0", "thousand", "people", "the ",
]  # fmt: skip


def _valid_value(value: str, precision: str) -> bool:
    """Whether value is a real ISO date, month or year of the stated precision."""
    if not _ISO_VALUE.fullmatch(value):
        return False
    parts = [int(p) for p in value.split("-")]
    length = {"year": 1, "month": 2, "day": 3}[precision]
    if len(parts) != length or parts[0] < 1:
        return False
    if length == 3:
        return dt.date.fromisoformat(value).isoformat() == value
    return length == 1 or 1 <= parts[1] <= 12


def _assert_well_formed(text: str, found: list[DateMention]) -> None:
    """Offsets in bounds, text equal to the slice, sorted, disjoint, valid values."""
    previous_end = 0
    for m in found:
        assert 0 <= previous_end <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert _valid_value(m.value, m.precision)
        if m.end_value is not None:
            assert _valid_value(m.end_value, m.precision)
            assert m.end_value > m.value
        previous_end = m.end


dateish_text = st.lists(st.sampled_from(_PIECES), max_size=25).map("".join)
any_text = st.one_of(st.text(max_size=200), dateish_text)


@settings(max_examples=300, deadline=None)
@given(text=any_text, anchor=st.one_of(st.none(), st.dates()))
def test_find_dates_is_always_well_formed(text: str, anchor: dt.date | None) -> None:
    found = find_dates(text, anchor=anchor)
    _assert_well_formed(text, found)
    if anchor is None:
        assert not any(m.relative for m in found)


@settings(max_examples=200, deadline=None)
@given(text=any_text, anchor=st.one_of(st.none(), st.dates()))
def test_parse_and_trailing_never_raise(text: str, anchor: dt.date | None) -> None:
    parsed = parse_date(text, anchor=anchor)
    if parsed is not None:
        _assert_well_formed(text, [parsed])
    split = trailing_date(text)
    if split is not None:
        _assert_well_formed(text, [split[1]])
        assert len(split[0]) < len(text)


@settings(max_examples=200, deadline=None)
@given(day=st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
def test_every_real_day_round_trips(day: dt.date) -> None:
    numeric = f"{day.day:02d}.{day.month:02d}.{day.year}"
    spelled = f"{day.day} {day.strftime('%B')} {day.year}"
    for text in (numeric, spelled, day.isoformat()):
        mention = parse_date(text)
        assert mention is not None and mention.value == day.isoformat(), text


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("The minister said on Monday that the talks went well.", "2024-03-04"),
        ("The ministers will meet on Monday in Minsk.", "2024-03-11"),
        ("The drills began on Wednesday.", "2024-03-06"),  # the anchor's own weekday
        ("Учения начались в четверг.", "2024-02-29"),
    ],
)
def test_a_weekday_is_read_against_the_page_date(text: str, value: str) -> None:
    anchor = dt.date(2024, 3, 6)  # a Wednesday
    assert [m.value for m in find_dates(text, anchor=anchor)] == [value]
    assert find_dates(text) == []  # no page date, no day


def test_a_weekday_before_its_date_is_no_date_of_its_own() -> None:
    found = find_dates("On Tuesday, 20 May 2025, the Council met.", anchor=dt.date(2024, 3, 6))
    assert [m.value for m in found] == ["2025-05-20"]


def test_a_slashed_date_is_day_first_unless_no_month_can_be_meant() -> None:
    assert [m.value for m in find_dates("on 05/06/2019")] == ["2019-06-05"]
    assert [m.value for m in find_dates("on 09/23/2019 14:14")] == ["2019-09-23"]
    assert find_dates("on 23.13.2019") == []
