"""The analyst's pages in a real headless Chromium (issue 13): evidence at the sentence,
sortable and faceted tables, dates, the map, the timeline, the network, documents. Each page
is opened at 390 px and 1280 px wide, with no console error; screenshots go to
test-output/screenshots/.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from tests.web.browsing import SCREENSHOTS, WIDTHS
from tests.web.conftest import Seeded


@pytest.fixture(params=list(WIDTHS.values()), ids=list(WIDTHS))
def width(request: pytest.FixtureRequest, page: Page) -> Iterator[int]:
    """Each test at phone and desktop width."""
    chosen: int = request.param
    page.set_viewport_size({"width": chosen, "height": 844})
    yield chosen


def shot(page: Page, name: str, width: int) -> None:
    """A full-page screenshot, and the page fits its width."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= width, f"{page.url} is {wide} px wide at {width} px"


def in_view(page: Page, selector: str) -> bool:
    """The element's top is within the window."""
    return bool(
        page.evaluate(
            "s => { const r = document.querySelector(s).getBoundingClientRect();"
            " return r.top >= 0 && r.top < window.innerHeight; }",
            selector,
        )
    )


def test_a_post_held_opens_its_story_at_the_sentence_highlighted(
    server: str, page: Page, problems: list[str], width: int
) -> None:
    page.goto(server + "/entities/person:valery-semerikov")
    link = page.locator(".timeline a.evidence-link").first
    sentence = link.get_attribute("title") or ""
    assert "Semerikov" in sentence and sentence.endswith(".")  # hovering shows the sentence
    href = link.get_attribute("href") or ""
    assert "#at-" in href
    link.click()
    page.wait_for_selector("body[data-evidence]")
    marked = page.locator("mark.evidence").all_inner_texts()
    said = "".join(marked)
    assert "Semerikov" in said and said in sentence
    assert in_view(page, "mark.evidence")
    assert "Highlighted" in page.locator("#evidence-status").inner_text()
    shot(page, "evidence", width)
    assert problems == []


def test_a_claim_and_a_statement_open_at_their_words(
    server: str, page: Page, problems: list[str], width: int
) -> None:
    page.goto(server + "/claims")
    claim = page.locator("table.claims a.evidence-link").first
    words = claim.inner_text().strip("“”")
    claim.click()
    page.wait_for_selector("body[data-evidence]")
    assert "".join(page.locator("mark.evidence").all_inner_texts()) == words
    page.goto(server + "/entities/person:valery-semerikov")
    said = page.locator(".statements a.evidence-link").first
    quoted = said.get_attribute("title") or ""
    said.click()
    page.wait_for_selector("body[data-evidence]")
    assert "".join(page.locator("mark.evidence").all_inner_texts()) == quoted
    assert problems == []
