"""Character-level repairs of one line (clean/text.py)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pressgraph.clean.text import fix_line, fold, language_of


def test_a_closing_quote_glued_to_the_next_word_gets_its_space() -> None:
    line = "“Smuggling is the first threat”said Ivan Petrov, head of the Bureau."
    assert fix_line(line) == "“Smuggling is the first threat” said Ivan Petrov, head of the Bureau."


def test_russian_closing_guillemet_glued_to_a_word() -> None:
    assert fix_line("«Граница под защитой»заявил он.") == "«Граница под защитой» заявил он."


def test_quotes_followed_by_punctuation_or_space_are_left_alone() -> None:
    for line in ("He called it “a test”.", "“A test,” he said.", "«Тест», сказал он.", '"A" b'):
        assert fix_line(line) == line


def test_odd_spaces_and_zero_width_marks() -> None:
    assert fix_line("The\u00a0CSTO\u200b  met\tin Minsk ") == "The CSTO met in Minsk"


@given(st.text(alphabet=st.characters(codec="utf-8")))
def test_fold_collapses_every_white_space_as_splitting_into_words_does(text: str) -> None:
    # fold substitutes instead of listing the words (a 100 MB page); the key must not change
    assert fold(text) == " ".join(text.casefold().split()).strip(" .,;:!?\"'“”«»")


def test_a_page_of_letters_is_read_for_its_language_without_listing_them() -> None:
    assert language_of("Совет коллективной безопасности " * 1000 + "CSTO") == "ru"
    assert language_of("The Collective Security Council met. " * 1000) == "en"
    assert language_of("2021 — 2022 !!") is None


def test_a_long_text_is_folded_as_a_short_one_across_its_chunks() -> None:
    words = ["Word", "ÉTAT", "straße", "\u00a0", "\t", "x" * 700, "«CSTO»", "\n\n", "."]
    text = " .".join(words[i % len(words)] + " " * (i % 3) for i in range(40_000))
    assert len(text) > 3 * (1 << 20)
    assert fold(text) == " ".join(text.casefold().split()).strip(" .,;:!?\"'“”«»")
