"""Pages of many sites, split into paragraphs and stories: one page per pattern, written for
these tests, each checked story by story (headline, date, where it was dated, main, text)."""

from __future__ import annotations

from pressgraph.clean.page import clean_page
from pressgraph.clean.stories import split_stories
from pressgraph.records import CleanedPage, Story
from tests.conftest import PAGES


def _read(name: str) -> tuple[CleanedPage, list[Story]]:
    cleaned = clean_page((PAGES / name).read_text(encoding="utf-8"))
    return cleaned, split_stories(cleaned.text, published=cleaned.published)


def _text(cleaned: CleanedPage, story: Story) -> str:
    return cleaned.text[story.start : story.end]


def _removed(cleaned: CleanedPage, kind: str) -> list[str]:
    return [r.text for r in cleaned.removed if r.kind == kind]


def test_single_newline_page_splits_teasers_and_main_story() -> None:
    cleaned, stories = _read("single_newline_teasers.txt")
    assert [(s.date, s.date_source, s.main) for s in stories] == [
        ("2023-09-12", "lead", False),  # no year in the item: the year of the nearest dated one
        ("2023-09-05", "lead", False),
        ("2023-08-30", "lead", False),  # the date at the end of its sentence dates the item
        ("2023-04-03", "lead", True),  # the one story with a headline, among teasers
    ]
    assert (
        stories[3].headline
        == "The CSTO Secretary General held talks with the Secretary General of the CIS"
    )
    main = _text(cleaned, stories[3])
    assert main.startswith("On April 3, 2023, the CSTO Secretary General Ivan Petrenko")
    # lines are paragraphs; the page's last line, cut off without a stop, stays the story's text
    assert "Minsk.\n\nThe sides discussed" in main
    assert main.endswith("a joint programme of events for the coming year")


def test_news_agency_page_loses_its_chrome_and_keeps_its_story() -> None:
    cleaned, stories = _read("news_agency_chrome.txt")
    (story,) = stories
    assert cleaned.published == "2024-03-14"  # the scraper's " date ..." prefix dates the page
    assert (story.date, story.date_source, story.main) == ("2024-03-14", "metadata", True)
    assert story.headline == "Northern Shield drills to begin in Tajikistan next week"
    text = _text(cleaned, story)
    # the deck under the headline is the story's first paragraph
    assert text.startswith("Troops of five states will take part\n\nDUSHANBE, March 14. /AGENCY/.")
    assert text.endswith("the chief of staff said.")
    assert _removed(cleaned, "metadata") == ["date 2024-03-14"]
    assert _removed(cleaned, "menu")[:4] == ["Politics", "World", "Economy", "Defense & Security"]
    assert _removed(cleaned, "related") == ["Defense chiefs of the bloc to meet in Minsk in June"]
    assert "Parliament passes the budget for next year" in _removed(cleaned, "menu")
    assert _removed(cleaned, "credit") == ["© Anna Volkova/Press Agency"]
    assert _removed(cleaned, "cookie")[0].startswith("We use cookies")
    assert _removed(cleaned, "language") == ["English Русский Қазақша"]
    assert "Subscribe to our channel on Telegram" in _removed(cleaned, "navigation")
    for junk in ("Weather", "Read also", "Most read", "Accept", "Military exercises", "Share"):
        assert junk not in text


def test_release_list_with_labelled_metadata_dates_each_item() -> None:
    cleaned, stories = _read("list_with_metadata.txt")
    assert [(s.headline, s.date, s.date_source, s.main) for s in stories] == [
        ("OSCE office trains border guards in document security", "2019-04-12", "dateline", False),
        (
            "Regional experts discuss prevention of violent extremism",
            "2019-04-08",
            "dateline",
            False,
        ),
    ]
    assert _text(cleaned, stories[1]).startswith("VIENNA, 8 April – Experts")
    assert _removed(cleaned, "tagline") == ["Security news from our field offices."]
    assert _removed(cleaned, "metadata")[:3] == [
        "Content type: Press release",
        "Where we are: OSCE Programme Office",
        "What we do: Border management",
    ]


def test_list_of_headline_links_gives_a_story_each_and_the_text_below_is_main() -> None:
    cleaned, stories = _read("link_list_page.txt")
    assert [s.headline for s in stories[:4]] == [
        "The Secretary General met with the Ambassador of Mongolia to Russia",
        "The Deputy Secretary General took part in the forum of the border regions of Belarus "
        "and Russia",
        # a date written after a comma is part of the title; it dates the item
        'Statement of the Secretary General at the round table "Security in Eurasia", '
        "October 9, 2020",
        "The Secretariat commented on the situation on the border that arose on July 14, 2020",
    ]
    assert [s.date for s in stories] == [None, None, "2020-10-09", None, None]
    assert [s.main for s in stories] == [False, False, False, False, True]
    assert _text(cleaned, stories[0]) == stories[0].headline
    assert stories[4].headline is None
    assert _text(cleaned, stories[4]).startswith("The Secretariat is the permanent working body")
    assert _removed(cleaned, "label") == ["Secretariat"]


def test_date_in_front_of_a_download_link_dates_the_document() -> None:
    cleaned, stories = _read("dated_download_and_deck.txt")
    teaser, statement = stories
    assert (teaser.date, teaser.main) == ("2022-06-14", False)
    assert statement.headline == "STATEMENT of the Ministers of Foreign Affairs on arms control"
    assert (statement.date, statement.date_source, statement.main) == (
        "2022-06-12",
        "dateline",
        True,
    )
    assert _text(cleaned, statement).startswith("We, the ministers of foreign affairs")
    assert _removed(cleaned, "download") == [
        "Download document 0a1b2c3d4e5f60718293a4b5c6d7e8f9.docx"
    ]


def test_headline_keeps_its_deck_as_first_paragraph() -> None:
    cleaned, stories = _read("headline_and_deck.txt")
    (story,) = stories
    assert story.headline == (
        "Border guards of five states to hold joint drills on the Tajik-Afghan border"
    )
    assert _text(cleaned, story).startswith(
        "The exercise will involve about two thousand servicemen\n\nMOSCOW, May 5."
    )
    assert story.date is None  # the dateline has no year and the page no date


def test_directory_block_above_the_headline_is_furniture() -> None:
    cleaned, stories = _read("banner_and_directory.txt")
    (story,) = stories
    assert (
        story.headline == "The Parliamentary Assembly held its autumn session in Saint Petersburg"
    )
    assert (story.date, story.main) == ("2024-11-28", True)
    gone = _removed(cleaned, "directory")
    assert len(gone) == 6
    assert gone[1] == (
        "Plenipotentiary representative of the National Assembly of the Republic of Armenia: "
        "Aram Sargsyan"
    )
    assert "Delegation" not in cleaned.text


def test_french_date_line_and_cookie_notice() -> None:
    cleaned, stories = _read("foreign_date_lines.txt")
    (story,) = stories
    assert (story.date, story.date_source) == ("2018-03-15", "dateline")
    assert story.headline == "Police chiefs of the region agree to share data on foreign fighters"
    assert _removed(cleaned, "cookie")[0].startswith("Notre site utilise des cookies")
    assert _removed(cleaned, "navigation") == ["Toutes les actualités", "En savoir plus"]


def test_banner_labels_foreign_word_and_a_sentence_cut_by_a_blank_line() -> None:
    cleaned, stories = _read("wrapped_and_caps.txt")
    (story,) = stories
    assert _removed(cleaned, "label") == [
        "The Commonwealth of Independent States",
        "Anti-Terrorism Center",
    ]
    assert _removed(cleaned, "navigation") == ["Мероприятия"]
    # a title in capitals is never continued by the lower-case lead under it ...
    assert story.headline is not None and story.headline.startswith("MEETING OF THE COUNCIL")
    assert story.date == "2023-10-12"
    # ... but a sentence broken by a blank line is one paragraph again
    assert "eight states\nand of the representatives" in _text(cleaned, story)


def test_paragraph_break_is_a_sentence_break() -> None:
    from pressgraph.nlp.pipeline import build_pipeline
    from pressgraph.settings import from_env

    # the model alone reads a headline without its stop and the next paragraph as one sentence
    nlp = build_pipeline(from_env().model)
    doc = nlp(
        "The Joint Staff held a staff training\n\n"
        "Officers of the Joint Staff practised the planning of an operation."
    )
    assert [s.text.strip() for s in doc.sents] == [
        "The Joint Staff held a staff training",
        "Officers of the Joint Staff practised the planning of an operation.",
    ]


def test_wire_copy_dated_by_its_metadata_line_and_cut_at_its_end_mark() -> None:
    cleaned, stories = _read("wire_copy.txt")
    (story,) = stories
    assert cleaned.published == "2024-05-06"  # from "Source: ... | 2024-05-06 ... | Editor"
    assert (story.date, story.date_source) == ("2024-05-06", "metadata")
    assert story.headline == "SCO defense ministers meet in Astana"
    assert _text(cleaned, story).endswith("Zhaksylykov chaired the meeting.")
    assert _removed(cleaned, "breadcrumb") == [
        "Home | World | China | Business | Sci-Tech | Photos"
    ]
    assert _removed(cleaned, "navigation") == ["Enditem", "Related:"]
    assert _removed(cleaned, "related") == [
        "China, Kazakhstan hold talks on border security",
        "Russia says SCO exercise to be held in August",
    ]


def test_press_release_labels_and_footer() -> None:
    cleaned, stories = _read("un_press_release.txt")
    (story,) = stories
    assert (story.date, story.date_source) == ("2023-12-12", "dateline")
    assert _removed(cleaned, "label") == [
        "Meetings Coverage and Press Releases",
        "Security Council",
        "SC/15123",
    ]
    assert _text(cleaned, story).endswith("operate as a special political mission.")


def test_agency_page_dated_by_a_time_and_date_line() -> None:
    cleaned, stories = _read("agency_with_time.txt")
    (story,) = stories
    assert (story.date, story.date_source) == ("2024-03-14", "dateline")
    assert story.headline == "Kazakhstan and Uzbekistan to boost cooperation in fighting terrorism"
    assert _text(cleaned, story).endswith("to hold a joint exercise in the autumn.")
    assert _removed(cleaned, "related") == ["Tokayev receives CSTO Secretary General"]
    assert _removed(cleaned, "share") == ["Instagram | Telegram | YouTube"]


def test_an_article_without_headline_keeps_its_later_dated_paragraphs() -> None:
    cleaned, stories = _read("headless_article.txt")
    (story,) = stories
    assert (story.date, story.main) == ("2024-05-10", True)
    assert "\n\nOn 11 May, the delegations visited" in _text(cleaned, story)


def test_a_wire_service_header_dates_the_story_and_its_banner_goes() -> None:
    cleaned, stories = _read("wire_service_header.txt")
    (story,) = stories
    assert _removed(cleaned, "label") == ["CSTO - Collective Security Treaty Organization"]
    assert _removed(cleaned, "metadata") == [
        "05/14/2024 | Press release | Distributed by Wire on 05/14/2024 09:10"
    ]
    assert cleaned.published == "2024-05-14"  # month first: there is no 14th month
    assert (story.date, story.main) == ("2024-05-14", True)
    assert story.headline == "Border services of the member states agree on a joint training plan"
    assert _text(cleaned, story).endswith("said Petrenko.")


def test_the_times_and_dates_of_a_related_list_go_with_its_links() -> None:
    cleaned, stories = _read("related_news_with_times.txt")
    (story,) = stories  # no story is made of the list's last date line
    assert story.headline == "Chiefs of staff to meet in Dushanbe"
    assert story.date is None  # the list's dates are not the story's year
    assert _removed(cleaned, "related") == [
        "10:15 / 21.05.2024",
        "Border guards of two states hold a joint patrol in the mountains",
        "09:40 / 20.05.2024",
        "Ministers of emergency situations discuss the flood season",
        "18:05 / 19.05.2024",
    ]
