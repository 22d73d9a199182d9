"""Curation in a real headless Chromium: a curator logs in with the token, merges two people,
splits a spelling off a third and rejects a claim; all of it survives `annotate --redo`.
Without the token (or without `--curate`) the same requests are refused."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from pressgraph.nlp.annotate import annotate_stories
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
    assert page.locator("table.claims", has_text="20,000–30,000").count() == 0
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
    page.goto(address + "/claims?unit=militant")
    assert page.locator("#table-heading").inner_text() == "No claims found"
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
