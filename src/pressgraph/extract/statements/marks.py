"""Quotation marks as pages write them: “…”, "…", «…», „…“, ‘…’, '…', and the mismatched pairs of
translated pages ("« … ”", "“ … »"). A single quote is a mark only at a word's edge: the ’ of
"world’s" is an apostrophe."""

from __future__ import annotations

import re
from collections.abc import Iterator

# An opening mark -> the marks that may close it.
_CLOSERS = {'"': '"”»', "“": '”"»', "«": '»”"', "„": '“”"', "‘": "’'", "'": "'’"}
# A closing mark -> the marks that may have opened it.
_OPENERS = {'"': '"“«„', "”": '“"«„', "»": '«“"', "“": "„", "’": "‘'", "'": "‘'"}
_SINGLE = frozenset("‘’'")
_QUOTE_PARAGRAPHS = 4  # paragraphs a quote may run over before the one that closes it
WORD = re.compile(r"\w+")  # a content or a quote says something when it has a word


def opens(text: str, at: int) -> bool:
    """True when the character at `at` can open a quotation."""
    char = text[at]
    if char not in _CLOSERS:
        return False
    if char in _SINGLE:  # ‘ opens only before a word and after a space or an opening
        before = text[at - 1] if at > 0 else " "
        after = text[at + 1] if at + 1 < len(text) else " "
        return (before.isspace() or before in "([") and after.isalnum()
    return True


def closes(text: str, at: int, opener: str | None = None) -> bool:
    """True when the character at `at` can close a quotation (opened by `opener` if given)."""
    char = text[at]
    if char not in _OPENERS or (opener is not None and char not in _CLOSERS[opener]):
        return False
    if char in _SINGLE:  # ’ closes only after a word and before a space or punctuation
        after = text[at + 1] if at + 1 < len(text) else " "
        return at > 0 and not text[at - 1].isspace() and not after.isalnum()
    return True


def closing(text: str, at: int, stop: int) -> int | None:
    """Offset of the mark that closes the quotation opened at `at`, before `stop`."""
    return next((i for i in range(at + 1, stop) if closes(text, i, text[at])), None)


def closed_quotes(text: str, paragraphs: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """(opening, closing) offsets of each quotation closed within its paragraph, or in a later
    one when the paragraphs it runs over hold no quotation mark of their own (a quote of
    several paragraphs that only the last one closes)."""
    index = 0
    while index < len(paragraphs):
        start, end = paragraphs[index]
        at, resume = start, index + 1
        while at < end:
            if opens(text, at):
                close = closing(text, at, end)
                if close is None and text[at] not in _SINGLE:
                    close, resume = _closing_later(text, at, paragraphs, index)
                if close is None:
                    if text[at] in _SINGLE:
                        at += 1
                        continue  # a stray single mark: no quotation
                    break  # never closed: a quotation running to the paragraph end
                yield at, close
                if close >= end:
                    break  # the scan goes on after the paragraph that closes it
                at = close
            at += 1
        index = resume


def _closing_later(
    text: str, at: int, paragraphs: list[tuple[int, int]], index: int
) -> tuple[int | None, int]:
    """The close of a quotation opened at `at` in a later paragraph, and the index of the
    paragraph after it; (None, index + 1) when a paragraph between has marks of its own."""
    for later in range(index + 1, min(index + 1 + _QUOTE_PARAGRAPHS, len(paragraphs))):
        start, end = paragraphs[later]
        marks = [i for i in range(start, end) if opens(text, i) or closes(text, i)]
        if not marks:
            continue
        if len(marks) == 1 and closes(text, marks[0], text[at]):
            return marks[0], later + 1
        break
    return None, index + 1
