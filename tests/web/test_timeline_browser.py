"""The time lines in a real headless Chromium at 390 px and 1280 px (issue 13): drawn to the
window's width, the zoom controls change the dates shown, marks outside them are hidden, a
mark is reached by the keyboard and opens its sentence; no console error; screenshots in
test-output/screenshots/.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.web.browsing import WIDTHS
from tests.web.test_analyst_browser import shot

FACTS = "#tl-facts"
OFFICIALS = "#tl-officials"


@pytest.fixture(params=list(WIDTHS.values()), ids=list(WIDTHS))
def width(request: pytest.FixtureRequest, page: Page) -> Iterator[int]:
    """Each test at phone and desktop width."""
    chosen: int = request.param
    page.set_viewport_size({"width": chosen, "height": 844})
    yield chosen


def shown(page: Page, figure: str) -> tuple[dt.date, dt.date]:
    """The first and last day the figure shows, as the script says."""
    first = page.get_attribute(figure, "data-from") or ""
    last = page.get_attribute(figure, "data-to") or ""
    return dt.date.fromisoformat(first), dt.date.fromisoformat(last)


def settled(page: Page, figure: str, before: tuple[dt.date, dt.date]) -> tuple[dt.date, dt.date]:
    """The dates shown once they differ from `before` (an input event is handled in turn)."""
    for _ in range(40):
        now = shown(page, figure)
        if now != before:
            return now
        page.wait_for_timeout(50)
    return before


def visible_labels(page: Page, figure: str) -> list[str]:
    """The accessible names of the marks drawn in the figure now."""
    marks = page.locator(f"{figure} .tl-mark:visible")
    return [marks.nth(n).get_attribute("aria-label") or "" for n in range(marks.count())]


def fits(page: Page, figure: str) -> bool:
    """Every visible mark lies within the drawing, which lies within the window."""
    return bool(
        page.evaluate(
            """f => { const svg = document.querySelector(f + ' svg').getBoundingClientRect();
            if (svg.right > window.innerWidth + 1) return false;
            return [...document.querySelectorAll(f + ' .tl-mark:not(.tl-hidden)')].every(m => {
              const r = m.getBoundingClientRect();
              return r.left >= svg.left - 1 && r.right <= svg.right + 1; }); }""",
            figure,
        )
    )


def test_zooming_a_person_timeline_changes_the_dates_and_marks_shown(
    server: str, page: Page, problems: list[str], width: int
) -> None:
    page.goto(server + "/entities/person:valery-semerikov")
    page.wait_for_selector(f"{FACTS}.tl-live")
    assert page.locator(f"{FACTS} .tl-controls").is_visible()
    every = visible_labels(page, FACTS)
    assert len(every) == page.locator(f"{FACTS} .tl-mark").count() > 10
    first, last = shown(page, FACTS)
    assert first < dt.date(2019, 10, 30) and last > dt.date(2021, 6, 30)
    assert fits(page, FACTS)
    shot(page, "timeline-person", width)

    page.select_option(f"{FACTS} .tl-from", "2021")
    assert shown(page, FACTS)[0].year == 2021
    later = visible_labels(page, FACTS)
    assert later and len(later) < len(every)
    assert all("2021" in label for label in later) and not any("2019" in x for x in later)
    assert "Showing 2021" in page.locator(f"{FACTS} .tl-range").inner_text()
    assert fits(page, FACTS)
    shot(page, "timeline-person-2021", width)

    page.click(f"{FACTS} .tl-all")
    assert len(visible_labels(page, FACTS)) == len(every)
    page.click(f"{FACTS} .tl-in")
    zoomed = shown(page, FACTS)
    assert (zoomed[1] - zoomed[0]) < (last - first) * 0.6
    page.click(f"{FACTS} .tl-earlier")
    assert shown(page, FACTS)[0] < zoomed[0]
    assert problems == []


def test_the_wheel_zooms_and_dragging_moves_along_the_dates(
    server: str, page: Page, problems: list[str], width: int
) -> None:
    page.goto(server + "/entities/person:valery-semerikov")
    page.wait_for_selector(f"{FACTS}.tl-live")
    first, last = shown(page, FACTS)
    page.locator(f"{FACTS} svg").scroll_into_view_if_needed()
    box = page.locator(f"{FACTS} svg").bounding_box()
    assert box is not None
    middle_x, top_y = box["x"] + box["width"] / 2, box["y"] + 8  # the axis: no mark there
    page.mouse.move(middle_x, top_y)
    page.keyboard.down("Control")
    page.mouse.wheel(0, -300)
    page.keyboard.up("Control")
    zoomed = settled(page, FACTS, (first, last))
    assert zoomed[1] - zoomed[0] < last - first
    page.mouse.down()
    page.mouse.move(middle_x + box["width"] / 4, top_y, steps=5)
    page.mouse.up()
    assert settled(page, FACTS, zoomed)[0] < zoomed[0]  # dragged right: earlier dates
    assert problems == []


def test_a_mark_is_reached_by_the_keyboard_and_opens_its_sentence(
    server: str, page: Page, problems: list[str], width: int
) -> None:
    page.goto(server + "/entities/person:valery-semerikov")
    page.wait_for_selector(f"{FACTS}.tl-live")
    claim = page.locator(f"{FACTS} a.tl-claim").first
    sentence = claim.locator("title").text_content() or ""
    skip = page.locator(f"{FACTS} .tl-skip")
    skip.focus()
    assert skip.is_visible()  # shown when focused
    page.keyboard.press("Enter")  # past every mark: the next Tab leaves the drawing
    assert page.evaluate("document.activeElement.id") == "tl-facts-end"
    page.keyboard.press("Tab")
    assert not page.evaluate("!!document.activeElement.closest('#tl-facts')")
    claim.focus()
    assert page.evaluate("document.activeElement.classList.contains('tl-mark')")
    page.keyboard.press("Enter")
    page.wait_for_selector("body[data-evidence]")
    marked = "".join(page.locator("mark.evidence").all_inner_texts())
    assert marked and " ".join(marked.split()) in sentence
    assert problems == []


def test_the_officials_are_bars_with_their_names_and_zoom_to_a_year(
    server: str, page: Page, problems: list[str], width: int
) -> None:
    page.goto(server + "/entities/org:csto")
    page.wait_for_selector(f"{OFFICIALS}.tl-live")
    names = page.locator(f"{OFFICIALS} .tl-name").all_text_contents()
    assert "Stanislav Zas — Secretary General" in names
    assert len(visible_labels(page, OFFICIALS)) == len(names)
    assert fits(page, OFFICIALS)
    shot(page, "timeline-officials", width)
    page.select_option(f"{OFFICIALS} .tl-from", "2022")
    only = visible_labels(page, OFFICIALS)
    assert only and all("2022" in label for label in only)
    assert any(label.startswith("Stanislav Zas") for label in only)
    page.goto(server + "/entities/org:csto-joint-staff")
    page.wait_for_selector(f"{OFFICIALS}.tl-live")
    bar = page.locator(f"{OFFICIALS} .tl-mark rect").bounding_box()
    drawing = page.locator(f"{OFFICIALS} svg").bounding_box()
    assert bar is not None and drawing is not None
    assert bar["width"] > 0.8 * drawing["width"]  # 2019 to 2022: nearly all of the range
    shot(page, "timeline-bar", width)
    assert problems == []


def test_without_javascript_the_whole_timeline_is_drawn_and_scrolls_sideways(
    server: str, browser: Browser, width: int
) -> None:
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": width, "height": 844}
    )
    page = context.new_page()
    page.goto(server + "/entities/person:valery-semerikov")
    drawing = page.locator(f"{FACTS} svg")
    assert drawing.is_visible() and page.locator(f"{FACTS}.tl-live").count() == 0
    assert not page.locator(f"{FACTS} .tl-controls").is_visible()
    marks = page.locator(f"{FACTS} a.tl-mark")
    assert marks.count() > 10 and all(
        (marks.nth(n).get_attribute("href") or "").startswith("/stories/")
        for n in range(marks.count())
    )
    box = drawing.bounding_box()
    assert box is not None and box["width"] >= min(width - 40, 640)  # readable, not shrunk
    shot(page, "timeline-no-script", width)  # and the page itself does not overflow
    context.close()
