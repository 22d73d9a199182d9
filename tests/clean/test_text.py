"""Character-level repairs of one line (clean/text.py)."""

from __future__ import annotations

from pressgraph.clean.text import fix_line


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
