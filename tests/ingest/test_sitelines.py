"""Lines that most pages of one site repeat are furniture on that site (learned from what is
stored); other sites, and pages without a web address, keep them."""

from __future__ import annotations

import json
from pathlib import Path

from pressgraph.flow.ingest import ingest
from pressgraph.records import Page
from pressgraph.settings import Settings
from pressgraph.store.db import Database
from pressgraph.store.documents import iter_documents
from pressgraph.store.sitelines import MIN_PAGES, host_of
from tests import databases

# A block a parliament's site prints above every article (written for this test).
TEMPLATE = [
    "The delegation of the Northern Chamber consists of seven deputies elected for four years.",
    "Plenipotentiary representative of the Northern Chamber: Anna Berg",
]
TOPICS = ["budget", "border security", "cyber threats", "migration", "drug trafficking", "energy"]


def _record(n: int, host: str) -> dict[str, str]:
    story = (
        f"On {n + 1} March 2024, the Assembly held hearings on {TOPICS[n]} with experts "
        "of the member states."
    )
    return {"url": f"https://{host}/news/{n}", "text": "\n".join([*TEMPLATE, story])}


def _write(path: Path, records: list[dict[str, str]]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    return path


def test_a_line_on_most_pages_of_a_site_becomes_its_furniture(tmp_path: Path) -> None:
    db = Database(databases.fresh_url(tmp_path, "site.db"))
    pages = [_record(n, "www.parliament.example") for n in range(MIN_PAGES + 1)]
    ingest(db, [str(_write(tmp_path / "pages.jsonl", pages))], Settings(db_url="sqlite://"))
    docs = sorted(iter_documents(db), key=lambda d: d.url or "")
    assert len(docs) == MIN_PAGES + 1
    # the first pages teach the site's furniture; the page after them loses it
    for doc in docs[:MIN_PAGES]:
        assert TEMPLATE[0] in doc.cleaned
        assert not [r for r in doc.removed if r.kind == "site"]
    last = docs[MIN_PAGES]
    assert [r.text for r in last.removed if r.kind == "site"] == TEMPLATE
    assert TEMPLATE[1] not in last.cleaned
    assert last.stories[0].text.startswith(f"On {MIN_PAGES + 1} March 2024, the Assembly")


def test_another_site_and_local_files_keep_the_lines(tmp_path: Path) -> None:
    db = Database(databases.fresh_url(tmp_path, "site.db"))
    pages = [_record(n, "parliament.example") for n in range(MIN_PAGES)]
    other = _record(MIN_PAGES, "other.example")
    ingest(db, [str(_write(tmp_path / "a.jsonl", [*pages, other]))], Settings(db_url="sqlite://"))
    local = tmp_path / "local.txt"
    local.write_text("\n".join([*TEMPLATE, "The Assembly met on 9 May 2024."]), encoding="utf-8")
    ingest(db, [str(local)], Settings(db_url="sqlite://"))
    for doc in iter_documents(db):
        assert TEMPLATE[0] in doc.cleaned, doc.source


def test_host_of_a_page() -> None:
    assert host_of(Page("x.jsonl", "", "", "jsonl", url="https://WWW.Example.org/a")) == (
        "example.org"
    )
    assert host_of(Page("https://news.example.org/1", "", "", "html")) == "news.example.org"
    assert host_of(Page("/tmp/page.txt", "", "", "text")) is None
