"""One page per furniture quirk of the design notes, ingested through the CLI.

Each test asserts what remains in the stories and what was removed (and recorded).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pressgraph.records import StoredDocument
from pressgraph.store.db import Database
from pressgraph.store.documents import get_document, iter_documents
from tests.conftest import PAGES, Cli


def _ingest_one(cli: Cli, db_url: str, name: str) -> StoredDocument:
    result = cli("ingest", str(PAGES / name))
    assert result.exit_code == 0, result.output
    docs = list(iter_documents(Database(db_url)))
    assert len(docs) == 1
    return docs[0]


def _all_text(doc: StoredDocument) -> str:
    return "\n".join([*(s.text for s in doc.stories), *(s.headline or "" for s in doc.stories)])


def _removed(doc: StoredDocument, kind: str) -> list[str]:
    return [r.text for r in doc.removed if r.kind == kind]


def test_sidebar_after_main_story(cli: Cli, db_url: str) -> None:
    doc = _ingest_one(cli, db_url, "sidebar_after_main.txt")
    main, side = doc.stories
    assert main.main and not side.main
    assert main.date == "2003-04-28" and main.date_source == "lead"
    assert main.text.startswith("On 28 April 2003, the Council")
    assert main.text.endswith("member states.")
    assert side.date == "2024-03-15" and side.date_source == "dateline"
    assert side.headline == "Meeting of the CSTO Permanent Council in Moscow"
    assert side.text == (
        "The Permanent Council discussed the preparations for the session "
        "of the Collective Security Council."
    )
    assert _removed(doc, "navigation") == ["Go back"]


def test_subheadings_stay_in_their_story_and_dated_items_split(cli: Cli, db_url: str) -> None:
    doc = _ingest_one(cli, db_url, "subheadings.txt")
    heads = [(s.headline, s.date, s.main) for s in doc.stories]
    assert heads == [
        ("The CSTO Collective Security Council held its session in Minsk", "2023-11-14", True),
        ("The CSTO Secretary General met with the Ambassador of Kazakhstan", "2023-11-10", False),
        # a bare headline after a body starts a story when its lead opens with a date
        ("The CSTO Joint Staff held a staff training", "2023-11-08", False),
    ]
    main = doc.stories[0].text
    # undated headline-like lines inside the article are its sub-headings, not new stories
    assert "\n\nResults of the session\n\nThe Council adopted a declaration" in main
    assert main.endswith("military-political alliance of six states.")
    # "Related news" is page furniture, removed; the Kazakhstan item keeps its one sentence
    assert doc.stories[1].text.endswith("session of the Collective Security Council.")


def test_page_of_only_sidebar_items_has_no_main_story(cli: Cli, db_url: str) -> None:
    doc = _ingest_one(cli, db_url, "only_sidebars.txt")
    assert [s.main for s in doc.stories] == [False, False, False]
    assert [s.date for s in doc.stories] == ["2024-02-12", "2024-02-11", "2024-02-09"]
    assert doc.stories[0].headline == "The CSTO Secretary General met with the Ambassador of Serbia"
    assert doc.stories[1].text.startswith("Officers of the Joint Staff")
    # the third item is a dated headline with no text under it (the page ends there): a
    # headline-only item of the list, its text the headline itself
    third = "The CSTO Parliamentary Assembly Council met in Saint Petersburg"
    assert (doc.stories[2].headline, doc.stories[2].text) == (third, third)
    assert _removed(doc, "navigation") == ["Back to the all news"]


def test_repeated_headline_with_glued_date_gives_one_headline(cli: Cli, db_url: str) -> None:
    doc = _ingest_one(cli, db_url, "repeated_headline.txt")
    (story,) = doc.stories
    headline = "The OSCE Secretary General visited the Regional Anti-Terrorist Structure of the SCO"
    assert story.headline == headline
    assert story.date == "2021-09-14" and story.date_source == "headline"
    assert headline not in story.text
    assert "14.09.2021" not in story.text
    assert _removed(doc, "repeated") == [headline]
    assert doc.cleaned.count(headline) == 1


def test_navigation_lines_are_removed(cli: Cli, db_url: str) -> None:
    doc = _ingest_one(cli, db_url, "navigation.txt")
    (story,) = doc.stories
    assert story.text.endswith("via the Internet.")
    assert _removed(doc, "navigation") == [
        "Go back",
        "Back to the section",
        "« Back to the all news",
        "Print version",
    ]
    for line in ("Go back", "Back to the section", "all news", "Print version"):
        assert line not in doc.cleaned


def test_download_links_and_video_marker_are_removed(cli: Cli, db_url: str) -> None:
    doc = _ingest_one(cli, db_url, "download_video.txt")
    (story,) = doc.stories
    assert story.headline == "The CSTO Secretariat published the Collective Security Strategy"
    assert story.date == "2016-11-30"
    assert _removed(doc, "download") == [
        "Download document 5f1c2a9b7e3d4c8a9b0e1f2a3b4c5d6e.docx",
        "Download file Strategy2025.pdf (1.2 MB)",
    ]
    assert _removed(doc, "marker") == ["(Video)"]
    assert _removed(doc, "navigation") == ["(Video)"]
    assert "Download" not in doc.cleaned and "(Video)" not in doc.cleaned


def test_template_placeholders_are_removed(cli: Cli, db_url: str) -> None:
    doc = _ingest_one(cli, db_url, "placeholders.txt")
    (story,) = doc.stories
    assert "{{" not in doc.cleaned and "}}" not in doc.cleaned
    assert story.text.startswith("On June 5, 2019, the Interpol General Secretariat")
    assert "hosted experts of the Eurasian Group" in story.text
    assert "in Lyon." in story.text
    assert _removed(doc, "placeholder") == [
        "{{item.group_date}}",
        "{{item.title}}",
        "{{item.more_link}}",
    ]


def test_press_service_signature_and_contacts_are_removed(cli: Cli, db_url: str) -> None:
    doc = _ingest_one(cli, db_url, "signature_email.txt")
    (story,) = doc.stories
    assert story.text.endswith("signed in 2010.")
    assert _removed(doc, "signature") == ["Press Service of the CSTO Secretariat"]
    assert _removed(doc, "contact") == ["E-mail: press@example.org", "Tel.: +7 (495) 606-97-71"]
    assert "@" not in doc.cleaned


def test_photo_file_names_latin_and_cyrillic_are_images(cli: Cli, db_url: str) -> None:
    doc = _ingest_one(cli, db_url, "photos.txt")
    assert doc.images == (
        "DSC_0012.JPG",
        "IMG_20220712_101500.jpeg",
        "Встреча командующих пограничными войсками 12.07.2022.jpg",
        "Фото_пресс-служба.JPG",
    )
    (story,) = doc.stories
    assert ".jpg" not in story.text.lower() and ".jpeg" not in story.text.lower()
    assert story.text.endswith("will be held in Bishkek.")
    assert story.date == "2022-07-12"


def test_paragraph_repeated_within_page_is_kept_once(cli: Cli, db_url: str) -> None:
    doc = _ingest_one(cli, db_url, "repeated_paragraph.txt")
    (story,) = doc.stories
    repeated = "The ministers called for an inclusive government in Afghanistan"
    assert story.text.count(repeated) == 1
    assert story.text.endswith("summit of the heads of state.")
    assert [r.startswith(repeated) for r in _removed(doc, "repeated")] == [True]


def test_mojibake_and_odd_white_space_are_repaired(cli: Cli, db_url: str) -> None:
    doc = _ingest_one(cli, db_url, "mojibake.txt")
    (story,) = doc.stories
    assert "Mr. Marcel Peško, who called the meeting “a milestone” for the region." in story.text
    assert "the Organization remains open to cooperation" in story.text
    assert "Ã" not in story.text and "â€" not in story.text and "\u00a0" not in story.text


def test_html_page_keeps_title_and_date_and_drops_the_menu(cli: Cli, db_url: str) -> None:
    doc = _ingest_one(cli, db_url, "press_release.html")
    assert doc.title == "CSTO Secretary General met with the OSCE Secretary General"
    assert doc.published == "2021-03-18"
    (story,) = doc.stories
    assert story.main and story.date == "2021-03-18"
    assert story.headline == doc.title
    assert story.text.startswith("On March 18, 2021, the Secretary General")
    assert "Helga Maria Schmid" in story.text
    for furniture in ("Home", "Documents", "All rights reserved", "Contacts"):
        assert furniture not in story.text


def test_markdown_page_becomes_plain_text_with_its_image(cli: Cli, db_url: str) -> None:
    doc = _ingest_one(cli, db_url, "page.md")
    (story,) = doc.stories
    assert story.headline == "The RATS SCO Council held its 38th meeting"
    assert story.date == "2021-04-05"
    assert "**" not in story.text and "](" not in story.text and "#" not in story.text
    assert "held its meeting in Tashkent." in story.text
    assert doc.images == ("RATS_council_0405.jpg",)


def test_jsonl_records_each_become_a_page_and_bad_lines_are_refused(cli: Cli, db_url: str) -> None:
    result = cli("ingest", str(PAGES / "pages.jsonl"))
    assert result.exit_code == 0
    assert "Pages read: 5, stored: 2, duplicates: 0, refused: 3, stories found: 2" in result.output
    db = Database(db_url)
    docs = {d.source: d for d in iter_documents(db)}
    first = docs["https://example.org/news/1"]
    assert first.title == "CIS ATC held a meeting" and first.published == "2020-03-03"
    second = docs["https://example.org/news/2"]
    assert second.stories[0].date == "2021-11-25"
    assert "plenary week" in second.stories[0].text
    errors = cli("errors").output
    assert "#L3: not valid JSON" in errors
    assert '#L4: a record needs a string field "text" or "html"' in errors
    assert '"published" must be an ISO date' in errors


@pytest.mark.parametrize("name", ["navigation.txt", "photos.txt", "signature_email.txt"])
def test_removed_furniture_offsets_point_at_the_page_text(cli: Cli, db_url: str, name: str) -> None:
    doc = _ingest_one(cli, db_url, name)
    page = (PAGES / name).read_text(encoding="utf-8")
    assert doc.removed
    for item in doc.removed:
        assert page[item.start : item.end] == item.text
    assert get_document(Database(db_url), doc.id[:6]).id == doc.id


def test_a_sidebar_repeated_across_pages_is_annotated_once(cli: Cli, db_url: str) -> None:
    result = cli("ingest", str(PAGES / "shared_sidebar_a.txt"), str(PAGES / "shared_sidebar_b.txt"))
    assert "stored: 2," in result.output and "stories found: 4" in result.output
    assert "Stories annotated: 3," in result.output  # the second copy of the sidebar is skipped
    db = Database(db_url)
    docs = {Path(d.source).name: d for d in iter_documents(db)}
    first = docs["shared_sidebar_a.txt"].stories[1]
    copy = docs["shared_sidebar_b.txt"].stories[1]
    assert not first.main and not copy.main and first.text == copy.text
    assert first.duplicate_of is None
    assert copy.duplicate_of == first.id
    assert docs["shared_sidebar_b.txt"].stories[0].duplicate_of is None
    listing = cli("stories").output
    assert f"(copy of {first.id})" in listing
