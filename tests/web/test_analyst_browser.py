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


def test_the_map_draws_events_at_their_places_offline(
    server: str, page: Page, problems: list[str], width: int
) -> None:
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url))
    page.goto(server + "/map")
    page.wait_for_selector("#map[data-ready=true]")
    points = int(page.get_attribute("#map", "data-points") or 0)
    circles = page.locator("#map path.leaflet-interactive")
    assert points >= 3 and circles.count() == points
    assert page.locator("#map svg path").count() > points  # the countries are drawn too
    assert all(url.startswith(server) for url in asked), "the map loads nothing from outside"
    moscow = page.locator(".places-table tr", has_text="Moscow")
    assert moscow.count() == 1 and "1" in moscow.locator("td.num").first.inner_text()
    circles.first.click(force=True)
    popup = page.locator(".leaflet-popup .map-popup")
    popup.wait_for()
    assert popup.locator("a").first.get_attribute("href", timeout=2000).startswith("/entities/")
    shot(page, "map", width)
    assert problems == []


def test_a_place_page_shows_its_events_and_where_it_is(
    server: str, page: Page, problems: list[str], width: int
) -> None:
    page.goto(server + "/entities/place:moscow")
    assert "Events held here (1)" in page.locator("#events-heading").inner_text()
    assert "55.75" in page.locator(".geo").inner_text()  # Moscow, Russia, not Idaho
    assert "Russia" in page.locator(".geo").inner_text()
    shot(page, "place", width)
    page.goto(server + "/entities/country:KAZ")
    assert page.locator(".geo").count() == 1
    shot(page, "country", width)
    assert problems == []


def test_the_network_is_readable_searchable_filterable_and_keeps_its_layout(
    server: str, page: Page, problems: list[str], width: int
) -> None:
    page.goto(server + "/network?people=true")
    page.wait_for_selector("#graph[data-ready=true]")
    sizes = page.evaluate("pressgraphNetwork.nodes().map(n => parseFloat(n.style('font-size')))")
    assert max(sizes) > min(sizes)  # labels sized by how connected a node is
    hide = page.evaluate("pressgraphNetwork.nodes()[0].style('min-zoomed-font-size')")
    assert hide.startswith("9")  # labels too small to read are not drawn
    page.fill("#find-node", "CSTO")
    page.click("#network-controls button")
    assert "found" in page.locator("#network-status").inner_text()
    assert page.evaluate("pressgraphNetwork.$id('org:csto').hasClass('found')")
    shown = "pressgraphNetwork.edges().not('.hidden')"
    total = page.evaluate(f"{shown}.length")
    page.uncheck("input[name=edge-kind][value=co-participation]")
    assert 0 < page.evaluate(f"{shown}.length") < total
    assert page.evaluate(f"{shown}.every(e => e.data('kind') !== 'co-participation')")
    assert " of " in page.locator("#network-status").inner_text()
    page.fill("#min-weight", "99")
    page.dispatch_event("#min-weight", "change")
    assert page.evaluate(f"{shown}.length") == 0
    shot(page, "network-find", width)
    page.reload()
    page.wait_for_selector("#graph[data-ready=true]")
    assert page.get_attribute("#graph", "data-layout") == "cached"  # computed once, kept
    page.goto(server + "/network?from=2030&to=2030")
    assert "No links from 2030-01-01 to 2030-12-31" in page.locator("#graph-empty").inner_text()
    assert page.locator("#graph").count() == 0  # no empty box
    assert problems == []


def test_sort_facet_and_page_the_events_keeping_the_filters(
    server: str, page: Page, problems: list[str], width: int
) -> None:
    page.goto(server + "/events?from=2019")
    if width > WIDTHS["narrow"]:  # a column's header sorts by it (oldest first already)
        page.locator("th a.sort", has_text="Dates").click()
    else:  # on a phone the table is cards: the form's "Sort by"
        page.select_option("#sort", "-date")
        page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**sort=-date**")
    assert "from=2019" in page.url
    dates = page.locator(".events-table tbody td[data-label=Dates]").all_inner_texts()
    assert dates == sorted(dates, reverse=True)
    assert page.locator("th[aria-sort=descending]").count() == 1
    page.locator(".facet a", has_text="meeting").first.click()
    page.wait_for_url("**kind=meeting**")
    assert "sort=-date" in page.url and "from=2019" in page.url
    assert page.locator(".chips a", has_text="kind: meeting").count() == 1
    shot(page, "events-faceted", width)
    page.goto(server + "/search?q=Semerikov&from=2021")
    assert "leave out 0" not in page.content()
    page.goto(server + "/entities?q=ОДКБ")
    assert (
        page.locator("table.entities a", has_text="Collective Security Treaty Organization").count()
        >= 1
    )
    shot(page, "entities-russian", width)
    page.goto(server + "/documents")
    assert "/" not in page.locator(".documents-table td[data-label=Source]").first.inner_text()[:1]
    shot(page, "documents", width)
    assert problems == []
