"""Quotes as the content of a statement: one opened right after the verb ("said: \"...") or
one closed right before the attribution ("\"...,\" Semerikov said")."""

from __future__ import annotations

from pressgraph.extract.statements.context import CLOSE_QUOTES, OPEN_QUOTES, WORD, Context
from pressgraph.extract.statements.records import Content


def quote_after(context: Context, start: int) -> Content | None:
    """A quote opened right after the verb (past ":" or ","), to its close or paragraph end."""
    text = context.text
    at = start
    while at < len(text) and text[at] in " \t:,":
        at += 1
    if at >= len(text) or text[at] not in OPEN_QUOTES:
        return None
    stop = context.paragraph_end(at)
    closers = OPEN_QUOTES[text[at]]
    close = next((i for i in range(at + 1, stop) if text[i] in closers), stop)
    rest = text[close + 1 : stop].lstrip()
    if close < stop and rest and rest[0] not in ".,;:!?":
        return None  # said "X" is ...: a quoted phrase inside reported speech
    return _quoted(text, at + 1, close)


def quote_before(context: Context, claimed: int, end: int) -> Content | None:
    """ "\"...,\" Semerikov said": a quote that ends right before the attribution."""
    text = context.text
    close = len(text[:end].rstrip(" \t,"))
    if close == 0 or text[close - 1] not in CLOSE_QUOTES:
        return None
    close -= 1
    openers = CLOSE_QUOTES[text[close]]
    floor = context.paragraph_starts[context.paragraph_of(close)]
    opening = next((i for i in range(close - 1, floor - 1, -1) if text[i] in openers), None)
    if opening is None or opening < claimed:
        return None
    lead = text[max(claimed, floor) : opening].rstrip()
    if lead and lead[-1] not in ".!?:":
        return None  # 'they signed the “Code of Conduct”, X said': a name in quotes
    return _quoted(text, opening + 1, close)


def _quoted(text: str, start: int, end: int) -> Content | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in " \t\n,":
        end -= 1
    if not WORD.search(text, start, end):
        return None
    return Content(start, end, text[start:end], True)
