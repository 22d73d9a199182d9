"""Property tests: cleaning and splitting never crash and never point outside the text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from pressgraph.clean.page import clean_page
from pressgraph.clean.stories import split_stories

_PIECES = st.sampled_from(
    [
        "Go back",
        "DSC_8507.JPG",
        "Встреча.jpg",
        "30.06.2021",
        "On May 24, 2022, the CSTO met.",
        "The CSTO Deputy Secretary General met the press",
        "The CSTO Deputy Secretary General met the press 30.06.2021",
        "{{item.group_date}}",
        "E-mail: a@b.org",
        "The CSTO Press Secretary Vladimir Zaynetdinov",
        "\n",
        "\n\n",
        "   ",
        "\u00a0",
        "Ã©",
        "- item;",
    ]
)
_PAGES = st.one_of(
    st.text(),
    st.lists(st.one_of(_PIECES, st.text(max_size=40)), max_size=30).map("\n".join),
)


@settings(max_examples=300, deadline=None)
@given(_PAGES)
def test_clean_page_never_crashes_and_keeps_offsets_inside(page: str) -> None:
    cleaned = clean_page(page)
    for item in cleaned.removed:
        assert 0 <= item.start <= item.end <= len(page)
    for seg in cleaned.segments:
        assert 0 <= seg.clean_start <= seg.clean_end <= len(cleaned.text)
        assert 0 <= seg.raw_start <= seg.raw_end <= len(page)


@settings(max_examples=300, deadline=None)
@given(_PAGES, st.sampled_from([None, "2021-06-30", "not a date"]))
def test_split_stories_never_crashes_and_keeps_offsets_inside(
    page: str, published: str | None
) -> None:
    text = clean_page(page).text
    stories = split_stories(text, published=published)
    assert sum(s.main for s in stories) <= 1
    previous_end = 0
    for story in stories:
        assert previous_end <= story.start < story.end <= len(text)
        previous_end = story.end
        if story.headline_start is not None and story.headline_end is not None:
            assert 0 <= story.headline_start <= story.headline_end <= len(text)
        if story.date is not None:
            assert len(story.date) in (4, 7, 10)
