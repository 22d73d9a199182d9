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


def opening(text: str, close: int, floor: int) -> int | None:
    """Offset of the mark that opened the quotation closed at `close`, not before `floor`."""
    openers = _OPENERS[text[close]]
    return next(
        (i for i in range(close - 1, floor - 1, -1) if text[i] in openers and opens(text, i)),
        None,
    )


def closed_quotes(text: str, paragraph_starts: list[int]) -> Iterator[tuple[int, int]]:
    """(opening, closing) offsets of each quotation closed within its paragraph."""
    ends = [*paragraph_starts[1:], len(text)]
    for start, end in zip(paragraph_starts, ends, strict=True):
        at = start
        while at < end:
            if opens(text, at):
                close = closing(text, at, end)
                if close is None:
                    if text[at] in _SINGLE:
                        at += 1
                        continue  # a stray single mark: no quotation
                    break  # never closed: a quotation running to the paragraph end
                yield at, close
                at = close
            at += 1
