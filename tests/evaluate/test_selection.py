"""Selecting half of a corpus by file number, or named files."""

from __future__ import annotations

from pressgraph.evaluate.selection import Selection, file_number


def test_the_file_number_is_the_leading_digits_of_the_name() -> None:
    assert file_number("007.txt") == 7
    assert file_number("/pages/000_8a488d8fca91047a.txt") == 0
    assert file_number("notes.txt") is None and file_number("v2.txt") is None


def test_a_half_keeps_odd_or_even_file_numbers() -> None:
    odd, even = Selection("odd"), Selection("even")
    assert odd.keeps("007.txt") and not odd.keeps("010.txt")
    assert even.keeps("010.txt") and even.keeps("000_8a488d8fca91047a.txt")
    assert not odd.keeps("notes.txt") and not even.keeps("notes.txt")
    assert Selection().keeps("notes.txt")


def test_only_keeps_the_named_files_and_combines_with_a_half() -> None:
    only = Selection.of(None, "001.txt, 003.txt,,")
    assert only.only == frozenset({"001.txt", "003.txt"})
    assert only.keeps("/corpus/001.txt") and not only.keeps("002.txt")
    both = Selection.of("even", "001.txt,002.txt")
    assert both.keeps("002.txt") and not both.keeps("001.txt")
    assert Selection.of(None, "").only is None


def test_pages_are_selected_by_file_name_and_urls_kept() -> None:
    pages = ["dev/001.txt", "dev/002.txt", "dev/notes.md", "https://example.org/news/3"]
    assert Selection("odd").pages(pages) == ["dev/001.txt", "https://example.org/news/3"]
    assert Selection().pages(pages) == pages
