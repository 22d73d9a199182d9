"""The pages in a real headless Chromium (Debian's `chromium`, driven by Playwright).

A uvicorn server in a thread serves the seeded database on 127.0.0.1 only. Screenshots of
every page at 390 px and 1280 px wide go to test-output/screenshots/ (gitignored).
"""

from __future__ import annotations

from playwright.sync_api import Page

from tests.web.browsing import SCREENSHOTS, WIDTHS
from tests.web.conftest import SCRIPT, Seeded


def _pages(seeded: Seeded) -> dict[str, str]:
    doc = seeded.seed_004_main.split("-")[0]
    return {
        "home": "/",
        "search": "/search?q=Semerikov",
        "search-dates": "/search?q=&from=2021-01-01&to=2022-12-31",
        "story": f"/stories/{seeded.seed_004_main}",
        "story-no-headline": f"/stories/{seeded.seed_000}",
        "story-injected": f"/stories/{seeded.injected}",
        "document": f"/documents/{doc}",
        "entities": "/entities?kind=person",
        "person": "/entities/person:valery-semerikov",
        "organization": "/entities/org:csto",
        "country": "/entities/country:RUS",
        "events": "/events",
        "event": f"/events/{seeded.conference_2019}",
        "event-video": f"/events/{seeded.meeting_2022}",
        "network": "/network",
        "network-people": "/network?people=true&bodies=true",
        "claims": "/claims",
        "claims-unit": "/claims?unit=person",
        "search-filtered": "/search?q=&entity=org:csto&kind=conference",
    }


def test_search_for_semerikov_and_open_the_story(
    server: str, page: Page, problems: list[str], seeded: Seeded
) -> None:
    page.goto(server + "/")
    page.get_by_label("Search stories").fill("Semerikov")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search?q=Semerikov*")
    assert page.locator("h2.results-count").inner_text().startswith("2 stories")
    assert page.locator(".hit mark").first.inner_text() == "Semerikov"
    page.locator(".hit h3 a").first.click()
    page.wait_for_url(f"**/stories/{seeded.seed_004_main}")
    assert "V. Semerikov" in page.locator("h1").inner_text()
    assert page.locator("details.removed").get_attribute("open") is None  # collapsed
    page.locator("details.removed summary").click()
    assert page.get_by_text("Back to the all news").is_visible()
    assert problems == []


def test_a_story_with_injected_html_shows_it_as_text(
    server: str, page: Page, problems: list[str], seeded: Seeded
) -> None:
    page.goto(server + f"/stories/{seeded.injected}")
    assert SCRIPT in page.locator("h1").inner_text()
    assert "<img src=x onerror=alert(2)>" in page.locator(".story-text").inner_text()
    assert page.locator("main script, main img, main b").count() == 0
    assert problems == []  # no alert dialog, no error


def test_a_malformed_query_shows_a_clear_message(server: str, page: Page) -> None:
    response = page.goto(server + "/search?q=%22unbalanced")
    assert response is not None and response.status == 400
    assert "unbalanced quote" in page.get_by_role("alert").inner_text()
    assert page.get_by_label("Search stories").input_value() == '"unbalanced'


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_the_content(
    server: str, page: Page
) -> None:
    page.goto(server + "/search?q=CSTO")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Skip to content"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.keyboard.press("Tab")  # the next stop is in the content: the search field
    assert page.evaluate("document.activeElement.id") == "q"


def test_every_page_has_no_console_errors_and_fits_a_phone(
    server: str, page: Page, problems: list[str], seeded: Seeded
) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name, path in _pages(seeded).items():
        for width_name, width in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": 844})
            response = page.goto(server + path)
            assert response is not None and response.status == 200, path
            if name.startswith("network"):  # drawn once its JSON twin has arrived
                page.wait_for_selector("#graph[data-ready=true]")
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
            overflow = page.evaluate("document.documentElement.scrollWidth")
            assert overflow <= width, f"{path} is {overflow} px wide at {width_name} {width} px"
        assert problems == [], path


def test_the_error_page_is_friendly_in_the_browser(
    server: str, page: Page, problems: list[str]
) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    response = page.goto(server + "/stories/no-such-story")
    assert response is not None and response.status == 404
    assert page.locator("h1").inner_text().startswith("Not Found")
    page.screenshot(path=str(SCREENSHOTS / "error-390.png"), full_page=True)
    # The only console line allowed is Chromium's note of the 404 status itself.
    assert all("404" in p for p in problems)


def test_search_for_semerikov_and_open_his_page_with_both_posts(
    server: str, page: Page, problems: list[str]
) -> None:
    page.goto(server + "/")
    page.get_by_label("Search stories").fill("Semerikov")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**/search?q=Semerikov*")
    page.locator(".hit h3 a").first.click()
    page.locator("a.mk-mention", has_text="Semerikov").first.click()
    page.wait_for_url("**/entities/person*valery-semerikov")
    assert page.locator("h1").inner_text() == "Valery Semerikov"
    posts = page.locator(".timeline .post")
    texts = [posts.nth(n).inner_text() for n in range(posts.count())]
    assert any("2019-10-30" in t and "Acting Secretary General" in t for t in texts), texts
    assert any("2021-06-30" in t and "Deputy Secretary General" in t for t in texts), texts
    assert problems == []


def test_find_him_in_the_list_of_people(server: str, page: Page, problems: list[str]) -> None:
    page.goto(server + "/entities?kind=person")
    page.get_by_label("Name or spelling contains").fill("V. Semerikov")
    page.get_by_role("button", name="Filter").click()
    page.get_by_role("link", name="Valery Semerikov").click()
    page.wait_for_url("**/entities/person*valery-semerikov")
    assert problems == []


def test_open_the_2019_conference_with_eleven_people(
    server: str, page: Page, problems: list[str]
) -> None:
    page.goto(server + "/events")
    page.get_by_label("Kind").select_option("conference")
    page.get_by_role("button", name="Filter").click()
    page.wait_for_url("**/events?*kind=conference*")
    page.get_by_role("link", name="International Conference", exact=False).first.click()
    page.wait_for_url("**/events/**")
    people = page.locator("#participants-people")
    assert people.locator("caption").inner_text() == "People (11)"
    assert people.locator("tbody tr").count() == 11
    assert "Valery Semerikov" in people.inner_text()
    assert page.get_by_text("in person").is_visible()
    assert problems == []


def test_the_network_links_the_csto_to_the_un_and_a_click_opens_a_page(
    server: str, page: Page, problems: list[str]
) -> None:
    page.set_viewport_size({"width": WIDTHS["wide"], "height": 900})
    page.goto(server + "/network")
    page.wait_for_selector("#graph[data-ready=true]")
    linked = page.evaluate(
        "pressgraphNetwork.$id('org:csto').neighborhood('node').map(n => n.id())"
    )
    assert "org:un" in linked
    kinds = page.evaluate(
        "pressgraphNetwork.$id('org:csto').edgesWith(pressgraphNetwork.$id('org:un'))"
        ".map(e => e.data('kind'))"
    )
    assert {"memorandum", "co-participation"} <= set(kinds)
    node = page.evaluate("pressgraphNetwork.$id('org:csto').renderedPosition()")
    box = page.locator("#graph").bounding_box()
    assert box is not None
    page.mouse.click(box["x"] + node["x"], box["y"] + node["y"])
    page.wait_for_url("**/entities/org*csto")
    assert page.locator("h1").inner_text().startswith("Collective Security Treaty Organization")
    assert problems == []


def test_a_keyboard_reaches_an_entity_from_a_story(
    server: str, page: Page, problems: list[str], seeded: Seeded
) -> None:
    page.goto(server + f"/stories/{seeded.seed_000}")
    link = page.locator("a.mk-mention").first
    link.focus()
    assert page.evaluate("document.activeElement.classList.contains('mk-mention')")
    page.keyboard.press("Enter")
    page.wait_for_url("**/entities/**")
    assert problems == []
