"""Every table page's download link, clicked in Chromium, saves its CSV twin."""

from __future__ import annotations

import csv
import io

import pytest
from playwright.sync_api import Page

PAGES = {
    "/events?kind=conference": ("Download this table (CSV)", "id"),
    "/claims?unit=militant": ("Download these claims", "figure"),
    "/entities?kind=person": ("Download this table (CSV)", "name"),
    "/search?q=Semerikov": ("Download the results", "story"),
    "/entities/person:valery-semerikov": ("Download the posts held", "title"),
    "/entities/org:csto": ("Download the officials", "person"),
}


@pytest.mark.parametrize("path", list(PAGES))
def test_the_download_link_saves_the_table(
    server: str, page: Page, problems: list[str], path: str
) -> None:
    label, column = PAGES[path]
    page.goto(server + path)
    with page.expect_download() as started:
        page.get_by_role("link", name=label).click()
    download = started.value
    assert download.suggested_filename.endswith(".csv")
    saved = download.path().read_bytes()
    assert saved.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(saved.decode("utf-8-sig"))))
    assert rows and all(r[column] for r in rows), path
    shown = page.locator("table.data tbody tr, ol.hits li, ol.timeline li.post").count()
    assert shown >= 1
    assert problems == []
