"""Curation in a real headless Chromium: a curator logs in with the token, merges two people,
splits a spelling off a third and rejects a claim; all of it survives `annotate --redo`.
A claim rejected from its row stays on the curator's page, struck through, and leaves the
visitors' pages. Without the token (or without `--curate`) the same requests are refused."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from pressgraph.flow.annotate import annotate_stories
from pressgraph.settings import Settings
from pressgraph.store.db import Database
from pressgraph.web.app import create_app
from tests.resolve.test_judgements import copy_of
from tests.web.browsing import SCREENSHOTS, WIDTHS, serve_in_thread
from tests.web.conftest import Seeded

TOKEN = "a-curation-token-for-browser-tests"
KHAN, VORONKOV = "/entities/person:jehangir-khan", "/entities/person:vladimir-voronkov"


@pytest.fixture
def curated(seeded: Seeded, tmp_path: Path) -> Iterator[tuple[str, Database]]:
    """A curated site (`serve --curate`) over a copy of the seeded database."""
    db = Database(copy_of(seeded, tmp_path / "curated.db"))
    yield from ((a, db) for a in serve_in_thread(create_app(db, curate_token=TOKEN)))
    db.close()


def log_in(tab: Page, address: str, next_path: str) -> None:
    """Log in through the form as Ann, coming back to `next_path`."""
    tab.goto(f"{address}/login?next={next_path}")
    tab.get_by_label("Your name").fill("Ann")
    tab.get_by_label("Curation token").fill(TOKEN)
    tab.get_by_role("button", name="Log in").click()
    tab.wait_for_url(f"**{next_path}")


@pytest.mark.slow
def test_a_merge_a_split_and_a_reject_in_the_browser_survive_annotate_redo(
    curated: tuple[str, Database],
    page: Page,
    problems: list[str],
) -> None:
    address, db = curated
    page.goto(address + KHAN)
    assert page.locator("#curate-heading").count() == 0  # not logged in: no forms
    log_in(page, address, KHAN)

    page.get_by_label("Merge it into (an id or a name)").fill("person:vladimir-voronkov")
    page.locator("#merge-why").fill("the same UN official")
    page.get_by_role("button", name="Merge").click()
    page.wait_for_url("**" + VORONKOV)
    assert page.locator("h1").inner_text() == "Vladimir Voronkov"

    row = page.locator("table.claims tbody tr", has_text="20,000–30,000")
    row.locator("input[name=why]").fill("a figure of the UN report, not his")
    row.get_by_role("button", name="Reject").click()
    page.wait_for_url("**" + VORONKOV)
    struck = page.locator("table.claims tr.rejected", has_text="20,000–30,000")  # in place
    assert struck.locator("del").inner_text() == "20-30 thousand militants"
    assert "20-30 thousand militants" in page.locator("#curate-heading + p ~ ul del").inner_text()

    page.goto(address + "/entities/person:valery-semerikov")
    page.locator("#split-what").select_option("form:V. Semerikov")
    page.locator("#split-name").fill("Vasily Semerikov")
    page.locator("#split-why").fill("another man with the same surname")
    page.get_by_role("button", name="Split").click()
    page.wait_for_url("**/entities/person:valery-semerikov")
    assert problems == []

    annotate_stories(db, Settings(db_url=db.url), redo=True)

    page.goto(address + KHAN)  # the merged entity redirects (301) to the one it joined
    assert page.url.endswith(VORONKOV)
    page.goto(address + "/claims?unit=militant")  # the curator's page: still struck through
    assert page.locator("table.claims tr.rejected del").inner_text() == "20-30 thousand militants"
    assert page.request.get(address + "/claims.json?unit=militant").json()["total"] == 0
    page.goto(address + "/entities/person:vasily-semerikov")
    assert page.locator("h1").inner_text() == "Vasily Semerikov"
    page.goto(address + "/judgements")
    assert page.locator("table.judgements tbody tr").count() == 3
    assert page.locator("table.judgements", has_text="missing").count() == 0
    assert problems == []


def test_without_the_token_or_without_curate_a_judgement_is_refused(
    curated: tuple[str, Database],
    server: str,  # the read-only site
    page: Page,
) -> None:
    address, _ = curated
    form = {"action": "merge", "target": "person:jehangir-khan", "other": "Voronkov", "why": "x"}
    refused = page.request.post(address + "/curate/judge", form=form)
    assert refused.status == 403 and "log in at /login" in refused.text()
    read_only = page.request.post(server + "/curate/judge", form=form)
    assert read_only.status == 403 and "serve --curate" in read_only.text()
    page.goto(address + "/login")
    page.get_by_label("Your name").fill("Mallory")
    page.get_by_label("Curation token").fill("not-the-token")
    page.get_by_role("button", name="Log in").click()
    assert "Wrong token" in page.get_by_role("alert").inner_text()
    page.goto(address + KHAN)
    assert page.locator("h1").inner_text() == "Jehangir Khan"
    assert page.locator("form[action='/curate/judge']").count() == 0


def test_the_curation_pages_fit_a_phone(
    curated: tuple[str, Database],
    page: Page,
    problems: list[str],
) -> None:
    address, _ = curated
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.goto(address + "/login")
    page.screenshot(path=str(SCREENSHOTS / "login-390.png"), full_page=True)
    log_in(page, address, "/entities/person:valery-semerikov")
    for name, path in {
        "curate-person": "/entities/person:valery-semerikov",
        "curate-event": "/events?kind=conference",
        "judgements": "/judgements",
    }.items():
        for width in WIDTHS.values():
            page.set_viewport_size({"width": width, "height": 844})
            page.goto(address + path)
            page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
            overflow = page.evaluate("document.documentElement.scrollWidth")
            assert overflow <= width, f"{path} is {overflow} px wide at {width} px"
    assert problems == []


@pytest.mark.slow
def test_a_claim_rejected_from_its_row_is_struck_through_for_the_curator_only(
    curated: tuple[str, Database],
    page: Page,
    browser: Browser,
    problems: list[str],
) -> None:
    address, db = curated
    militants = "20-30 thousand militants"
    log_in(page, address, KHAN)
    row = page.locator("table.claims tbody tr", has_text=militants)
    row.get_by_label("Why reject or confirm this claim, or a note on it").fill("the UN's figure")
    row.get_by_role("button", name="Reject").click()
    page.wait_for_url("**" + KHAN)

    def struck_for_the_curator() -> None:
        page.goto(address + KHAN)
        struck = page.locator("table.claims tbody tr.rejected", has_text=militants)
        assert struck.locator("del").inner_text() == militants
        assert "by Ann: the UN's figure" in struck.locator(".rejected-by").inner_text()
        assert struck.get_by_role("button", name="Undo the rejection of this claim").count() == 1

    visitor = browser.new_context().new_page()  # another browser: no session cookie

    def gone_for_visitors() -> None:
        visitor.goto(address + KHAN)
        assert visitor.locator("h1").inner_text() == "Jehangir Khan"
        assert visitor.locator("table.claims", has_text=militants).count() == 0
        assert visitor.locator("form[action='/curate/judge']").count() == 0
        visitor.goto(address + "/claims?unit=militant")
        assert visitor.locator("#table-heading").inner_text() == "No claims found"

    struck_for_the_curator()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "curate-rejected-claim-390.png"), full_page=True)
    gone_for_visitors()

    annotate_stories(db, Settings(db_url=db.url), redo=True)
    struck_for_the_curator()
    gone_for_visitors()

    page.get_by_role("button", name="Undo the rejection of this claim").click()
    page.wait_for_url("**" + KHAN)
    visitor.goto(address + KHAN)
    assert visitor.locator("table.claims", has_text=militants).count() == 1
    visitor.context.close()
    assert problems == []
