"""The time line's geometry (web/timeline.py), from time lines built by hand: what a partial
date covers, lanes by kind, marks apart, bars for a span, dots for a day, words for the
undated facts."""

from __future__ import annotations

import datetime as dt

import pytest

from pressgraph.store.pages.common import Ref
from pressgraph.store.pages.timeline import Bar, Left, Mark, Timeline
from pressgraph.web.timeline import (
    MAX_ROWS,
    PAD,
    WIDTH,
    left_out,
    officials_drawing,
    period,
    timeline_drawing,
)


def _mark(kind: str, first: str, last: str = "", story: str | None = "s-1") -> Mark:
    return Mark(kind, first, last or first, f"{kind} on {first}", story, 3, 9, f"A {kind}.")


def test_a_partial_date_covers_its_whole_period() -> None:
    assert period("2019") == (dt.date(2019, 1, 1), dt.date(2019, 12, 31))
    assert period("2020-02") == (dt.date(2020, 2, 1), dt.date(2020, 2, 29))
    assert period("2021-12") == (dt.date(2021, 12, 1), dt.date(2021, 12, 31))
    assert period("2021-06-30") == (dt.date(2021, 6, 30), dt.date(2021, 6, 30))
    with pytest.raises(ValueError, match="not a date"):
        period("June 2021")


def test_marks_sit_in_lanes_by_kind_in_date_order_and_link_to_their_evidence() -> None:
    marks = (
        _mark("claim", "2019-03-01"),
        _mark("post", "2019-05-01", "2021-05-01"),
        _mark("statement", "2020-01-10"),
        _mark("claim", "2021-02-01", story=None),
    )
    drawing = timeline_drawing(Timeline(marks, ()))
    assert drawing is not None
    names = [lane.name for lane in drawing.lanes]
    assert names == ["Posts held (1)", "Statements (1)", "Figures claimed (2)"]
    post = next(m for m in drawing.marks if m.kind == "post")
    assert not post.point and post.x2 > post.x  # two years: a bar
    claims = [m for m in drawing.marks if m.kind == "claim"]
    assert all(c.point for c in claims) and claims[0].x < claims[1].x
    assert min(m.x for m in drawing.marks) >= PAD and max(m.x2 for m in drawing.marks) <= WIDTH
    assert claims[0].href == "/stories/s-1#at-3-9" and claims[0].title == "A claim."
    assert claims[1].href is None  # no story: nothing to open
    assert claims[0].label == "claim on 2019-03-01, 2019-03-01"
    assert post.label.endswith("2019-05-01 to 2021-05-01")
    assert [t.label for t in drawing.ticks] == ["2020", "2021"]
    assert drawing.years == (2019, 2020, 2021)


def test_marks_of_one_day_stack_in_rows_and_share_rows_past_the_last() -> None:
    same_day = tuple(_mark("statement", "2020-01-10") for _ in range(MAX_ROWS + 2))
    drawing = timeline_drawing(Timeline((*same_day, _mark("statement", "2024-01-01")), ()))
    assert drawing is not None
    heights = [m.y for m in drawing.marks]
    assert len(set(heights[:MAX_ROWS])) == MAX_ROWS  # each its own row
    assert set(heights[MAX_ROWS:-1]) <= set(heights[:MAX_ROWS])
    assert heights[-1] == heights[0]  # far apart in time: the first row again


def test_officials_are_one_row_each_a_bar_for_a_span_a_dot_for_a_day() -> None:
    ann = Ref("person:ann", "Ann Lee", "person")
    bars = (
        Bar(ann, "Head", None, "2019-10-30", "2022-05-24", 2, "s-1", 5, 20, "Ann Lee, Head."),
        Bar(None, "Clerk", Ref("org:x", "X", "organization"), "2021", "2021", 1, None, 0, 9, ""),
    )
    drawing = officials_drawing(Timeline((), (), bars))
    assert drawing is not None
    assert [(n.text, n.href) for n in drawing.names] == [
        ("Ann Lee — Head", "/entities/person:ann"),
        ("person not resolved — Clerk, X", None),
    ]
    head, clerk = drawing.marks
    assert not head.point and head.href == "/stories/s-1#at-5-20"
    assert head.label == "Ann Lee — Head, 2019-10-30 to 2022-05-24 (seen 2 times)"
    assert not clerk.point  # "2021" is the whole year
    assert head.y < clerk.y
    assert officials_drawing(Timeline((), ())) is None
    assert timeline_drawing(None) is None


def test_the_undated_facts_are_said_in_words() -> None:
    assert left_out(Timeline((), ())) == ""
    assert left_out(Timeline((), (Left("event", 1),))) == "Left out for having no date: 1 event."
    undated = (Left("post", 2), Left("statement", 1), Left("claim", 3))
    assert left_out(Timeline((), undated)) == (
        "Left out for having no date: 2 posts held, 1 statement and 3 figures claimed."
    )


def test_a_date_that_cannot_be_read_is_not_drawn_and_the_rest_are() -> None:
    marks = (_mark("claim", "2019-02-30"), _mark("claim", "2019-03-01"))
    drawing = timeline_drawing(Timeline(marks, ()))
    assert drawing is not None and [m.label for m in drawing.marks] == [
        "claim on 2019-03-01, 2019-03-01"
    ]
    assert timeline_drawing(Timeline(marks[:1], ())) is None
