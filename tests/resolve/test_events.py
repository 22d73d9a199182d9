"""Merging one event reported by several stories: what joins, what never does, and that the
result does not depend on the input order."""

from __future__ import annotations

import datetime as dt
import random
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pressgraph.resolve.events import EventCandidate, _norm_name, merge_events

SEMERIKOV = "person:valery-semerikov"
GUTERRES = "person:antonio-guterres"
PAPIKIAN = "person:suren-papikian"
ZAS = "person:stanislav-zas"
SHOYGU = "person:sergey-shoygu"
NEW_YORK = "place:new-york"


def _cand(
    key: str,
    story: str,
    *,
    kind: str = "meeting",
    name: str | None = None,
    start: str | None = None,
    end: str | None = None,
    place: str | None = None,
    people: tuple[str, ...] = (),
) -> EventCandidate:
    return EventCandidate(key, story, kind, name, start, end or start, place, frozenset(people))


def _groups(merged: dict[str, str]) -> set[frozenset[str]]:
    by_id: dict[str, set[str]] = {}
    for key, event in merged.items():
        by_id.setdefault(event, set()).add(key)
    return {frozenset(keys) for keys in by_id.values()}


def test_one_conference_reported_by_two_stories_is_one_event() -> None:
    # The CSTO story gives the range and the full name; a UN story, worded differently,
    # gives only the closing day and a shorter name. They share two people.
    csto = _cand(
        "1",
        "csto-story",
        kind="conference",
        name="Second Conference of the Heads of Counter-Terrorism Agencies of the United "
        "Nations Member States",
        start="2021-06-28",
        end="2021-06-30",
        place=NEW_YORK,
        people=(SEMERIKOV, GUTERRES),
    )
    un = _cand(
        "2",
        "un-story",
        kind="conference",
        name="Counter-Terrorism Week conference",
        start="2021-06-30",
        people=(GUTERRES, SEMERIKOV, "person:vladimir-voronkov"),
    )
    assert merge_events([csto, un]) == {"1": "event:1", "2": "event:1"}


def test_the_same_name_is_enough_when_the_dates_overlap() -> None:
    a = _cand("a", "s1", kind="exercise", name='"Combat Brotherhood-2019"', start="2019-10")
    b = _cand("b", "s2", kind="exercise", name="Combat Brotherhood-2019", start="2019-10-15")
    assert _groups(merge_events([a, b])) == {frozenset({"a", "b"})}


def test_two_meetings_of_one_body_on_different_days_stay_two() -> None:
    people = (PAPIKIAN, ZAS, SHOYGU)
    may = _cand("m1", "s1", start="2022-05-24", people=people)
    november = _cand("m2", "s2", start="2022-11-22", people=people)
    assert _groups(merge_events([may, november])) == {frozenset({"m1"}), frozenset({"m2"})}


def test_a_range_does_not_glue_two_days_together() -> None:
    people = (PAPIKIAN, ZAS)
    first = _cand("a", "s1", start="2022-05-24", people=people)
    second = _cand("b", "s2", start="2022-05-26", people=people)
    both = _cand("c", "s3", start="2022-05-24", end="2022-05-26", people=people)
    groups = _groups(merge_events([first, second, both]))
    assert groups == {frozenset({"a", "c"}), frozenset({"b"})}


def test_a_range_across_months_meets_a_day_in_the_second_month() -> None:
    a = _cand("a", "s1", name="Security Forum", start="2023-06-29", end="2023-07-02")
    b = _cand("b", "s2", name="the Security Forum", start="2023-07-01")
    assert _groups(merge_events([a, b])) == {frozenset({"a", "b"})}


def test_places_must_agree_when_both_are_known() -> None:
    a = _cand("a", "s1", start="2023-05-05", place="place:minsk", people=(ZAS, SHOYGU))
    b = _cand("b", "s2", start="2023-05-05", place="place:moscow", people=(ZAS, SHOYGU))
    c = _cand("c", "s3", start="2023-05-05", people=(ZAS, SHOYGU))
    # c (no place) fits either; pairs are taken in key order, so it joins a, never both
    assert _groups(merge_events([c, b, a])) == {frozenset({"a", "c"}), frozenset({"b"})}


@pytest.mark.parametrize(
    ("first", "second", "merged"),
    [
        ((ZAS,), (ZAS, SHOYGU, PAPIKIAN), True),  # the one person a story names
        ((ZAS, SHOYGU), (ZAS, PAPIKIAN), False),  # one host, two guests: two meetings
        ((ZAS, SHOYGU), (ZAS, SHOYGU, "x", "y", "z"), True),  # two shared
        ((ZAS, "a", "b", "c"), (ZAS, "x", "y", "z"), False),  # one of four
        ((), (ZAS,), False),
    ],
)
def test_shared_people(first: tuple[str, ...], second: tuple[str, ...], merged: bool) -> None:
    a = _cand("a", "s1", start="2023-05-05", people=first)
    b = _cand("b", "s2", start="2023-05-05", people=second)
    assert (merge_events([a, b])["a"] == merge_events([a, b])["b"]) is merged


def test_what_never_merges() -> None:
    people = (ZAS, SHOYGU)
    undated = [_cand("u1", "s1", name="Forum", people=people)]
    undated.append(_cand("u2", "s2", name="Forum", people=people))
    same_story = [_cand("t1", "s3", start="2023-05-05", people=people)]
    same_story.append(_cand("t2", "s3", start="2023-05-05", people=people))
    kinds = [_cand("k1", "s4", kind="meeting", start="2023-06-05", people=people)]
    kinds.append(_cand("k2", "s5", kind="visit", start="2023-06-05", people=people))
    merged = merge_events([*undated, *same_story, *kinds])
    assert len(set(merged.values())) == 6


def test_ids_are_the_smallest_key_and_keys_must_be_unique() -> None:
    a = _cand("k2", "s1", start="2023-05-05", people=(ZAS, SHOYGU))
    b = _cand("k1", "s2", start="2023-05-05", people=(ZAS, SHOYGU))
    assert merge_events([a, b]) == {"k1": "event:k1", "k2": "event:k1"}
    assert merge_events([]) == {}
    with pytest.raises(ValueError, match="used twice"):
        merge_events([a, a])


# ---------------------------------------------------------------- properties

_DAYS = [dt.date(2023, 5, 28) + dt.timedelta(days=n) for n in range(8)]


@st.composite
def _candidates(draw: st.DrawFn) -> list[EventCandidate]:
    n = draw(st.integers(0, 14))
    out = []
    for i in range(n):
        first = draw(st.sampled_from([None, *_DAYS]))
        length = draw(st.integers(0, 3))
        last = None if first is None else first + dt.timedelta(days=length)
        out.append(
            EventCandidate(
                key=f"c{i}",
                story=f"s{draw(st.integers(0, 6))}",
                kind=draw(st.sampled_from(["meeting", "conference"])),
                name=draw(st.sampled_from([None, "Forum", "the forum", "Summit"])),
                start=None if first is None else first.isoformat(),
                end=None if last is None else last.isoformat(),
                place=draw(st.sampled_from([None, "place:minsk", "place:moscow"])),
                participants=frozenset(draw(st.sets(st.sampled_from("pqrst"), max_size=4))),
            )
        )
    return out


def _span(c: EventCandidate) -> tuple[dt.date, dt.date] | None:
    if c.start is None:
        return None
    return dt.date.fromisoformat(c.start), dt.date.fromisoformat(c.end or c.start)


@settings(max_examples=150, deadline=None)
@given(_candidates(), st.randoms(use_true_random=False))
def test_merging_does_not_depend_on_input_order(
    candidates: list[EventCandidate], rnd: random.Random
) -> None:
    shuffled = list(candidates)
    rnd.shuffle(shuffled)
    assert merge_events(shuffled) == merge_events(candidates)


@settings(max_examples=150, deadline=None)
@given(_candidates())
def test_merged_events_share_a_day_a_place_and_a_kind(candidates: list[EventCandidate]) -> None:
    by_key = {c.key: c for c in candidates}
    for group in _groups(merge_events(candidates)):
        members = [by_key[k] for k in sorted(group)]
        if len(members) == 1:
            continue
        spans = [_span(m) for m in members]
        dated = [s for s in spans if s is not None]
        # an undated member joins only by the name of the one dated event it names
        assert dated
        for member, span in zip(members, spans, strict=True):
            if span is None:
                named = {_norm_name(m.name) for m in members if m.name and _span(m)}
                assert member.name and _norm_name(member.name) in named
        assert max(s[0] for s in dated) <= min(s[1] for s in dated)
        assert len({m.kind for m in members}) == 1
        assert len({m.place for m in members} - {None}) <= 1
        for a, b in combinations(members, 2):
            assert a.story != b.story


def test_an_undated_report_of_a_named_event_joins_it() -> None:
    dated = EventCandidate(
        "a",
        "s1",
        "exercise",
        '"Interaction-2023"',
        "2023-09-12",
        "2023-09-14",
        "country:BLR",
        frozenset({"person:x"}),
    )
    undated = EventCandidate(
        "b", "s2", "exercise", "Interaction-2023", None, None, None, frozenset()
    )
    other = EventCandidate("c", "s3", "exercise", "Interaction-2021", None, None, None, frozenset())
    merged = merge_events([undated, other, dated])
    assert merged["a"] == merged["b"] != merged["c"]


def test_an_undated_report_of_a_recurring_kind_of_event_stays_apart() -> None:
    # "the SCO summit" named in passing is not the one dated SCO summit of another page
    dated = _cand("a", "s1", name="SCO summit", start="2019-06-13", place="place:bishkek")
    undated = _cand("b", "s2", name="SCO summit")
    merged = merge_events([dated, undated])
    assert merged["a"] != merged["b"]
