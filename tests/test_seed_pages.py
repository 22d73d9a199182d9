"""The two real seed pages, ingested and exported through the CLI (issue 2's expectations)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from pressgraph.store.db import Database
from pressgraph.store.documents import iter_documents
from tests.conftest import EXAMPLES, SEED_000, SEED_004, Cli

PHOTO = re.compile(r"\b\w+\.(?:jpe?g|png)\b", re.I)
FURNITURE = ("Go back", "Back to the section", "Back to the all news", "E-mail", "odkb-pressa@")
HEADLINE_004 = (
    "The CSTO Deputy Secretary General V. Semerikov participated in the Second Conference "
    "of Heads of Counter-Terrorism Agencies of UN Member States"
)


def _docs(db_url: str) -> dict[str, object]:
    return {Path(d.source).name: d for d in iter_documents(Database(db_url))}


def test_seed_000_is_one_main_story_with_eleven_images(cli: Cli, db_url: str) -> None:
    assert cli("ingest", str(SEED_000)).exit_code == 0
    (doc,) = iter_documents(Database(db_url))
    (story,) = doc.stories
    assert story.main and story.date == "2019-10-30"
    assert len(doc.images) == 11
    assert doc.images[0] == "DSC_8507.JPG" and doc.images[-1] == "DSC_8680.JPG"
    assert not PHOTO.search(doc.cleaned)
    assert story.text.startswith("On October 30, 2019, Moscow hosted the International Conference")
    assert story.text.endswith("security considerations.")
    assert doc.language == "en"


def test_seed_004_is_a_sidebar_and_the_main_story(cli: Cli, db_url: str) -> None:
    assert cli("ingest", str(SEED_004)).exit_code == 0
    (doc,) = iter_documents(Database(db_url))
    side, main = doc.stories
    assert not side.main and side.date == "2022-05-24"
    assert "Council of Defense Ministers" in side.text
    assert side.text.endswith("participated in the meeting.")
    assert main.main and main.date == "2021-06-30"
    assert main.headline == HEADLINE_004
    assert main.text.startswith("The Second Conference of the Heads of Counter-Terrorism Agencies")
    assert main.text.endswith("to attend in person.")
    for story in doc.stories:
        assert HEADLINE_004 not in story.text
        for furniture in FURNITURE:
            assert furniture not in story.text
        assert "Zaynetdinov" not in story.text
    kinds = sorted({r.kind for r in doc.removed})
    assert kinds == ["contact", "navigation", "repeated", "signature"]


def test_ingesting_the_sample_folder_then_exporting(cli: Cli, db_url: str, tmp_path: Path) -> None:
    first = cli("ingest", str(EXAMPLES))
    assert "Pages read: 2, stored: 2, duplicates: 0, refused: 0, stories found: 3" in first.output
    again = cli("ingest", str(EXAMPLES))
    assert "Pages read: 2, stored: 0, duplicates: 2, refused: 0, stories found: 0" in again.output
    assert again.exit_code == 0
    out = tmp_path / "export.jsonl"
    result = cli("export", "--format", "jsonl", str(out))
    assert " 2 document, " in result.output and ", 3 story as jsonl" in result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    documents = [r for r in records if r["type"] == "document"]
    stories = [r for r in records if r["type"] == "story"]
    for doc in documents:
        assert {
            "id",
            "source",
            "title",
            "published",
            "language",
            "images",
            "removed",
            "stories",
        } <= (doc.keys())
    for story in stories:
        assert set(story) >= {"id", "document", "headline", "date", "main", "text"}
    assert sorted((s["date"], s["main"]) for s in stories) == [
        ("2019-10-30", True),
        ("2021-06-30", True),
        ("2022-05-24", False),
    ]
    by_id = {s["id"]: s for s in stories}
    for doc in documents:
        assert all(by_id[sid]["document"] == doc["id"] for sid in doc["stories"])
    assert sorted(len(d["images"]) for d in documents) == [0, 11]


def test_stories_and_show_document_print_what_was_stored(cli: Cli, db_url: str) -> None:
    cli("ingest", str(SEED_004))
    listing = cli("stories").output
    assert "2022-05-24\tside" in listing and "2021-06-30\tmain" in listing
    assert HEADLINE_004 in listing and "2 stories" in listing
    (doc,) = iter_documents(Database(db_url))
    shown = cli("show-document", doc.id[:8])
    assert shown.exit_code == 0
    assert f"Document {doc.id} (version 1)" in shown.output
    assert "[sidebar item] date 2022-05-24 (from lead)" in shown.output
    assert "[main story] date 2021-06-30 (from headline)" in shown.output
    assert "[signature] The CSTO Press Secretary Vladimir Zaynetdinov" in shown.output
    only = cli("stories", "--document", doc.id[:8]).output
    assert "2 stories" in only
    missing = cli("show-document", "ffffffff")
    assert missing.exit_code == 3
    assert "no document with id 'ffffffff'; run `pressgraph stories`" in missing.output
