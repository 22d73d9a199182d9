"""Quotes as the content of a statement: one opened right after the verb ("said: \"...", "noted
that “...”), one after a short phrase and a colon ("gave an interview to TV: \"..."), one closed
right before the attribution ("\"...,\" Semerikov said"), and the quoted words inside reported
speech ("said that the measures were \"long overdue\"")."""

from __future__ import annotations

import re

from pressgraph.extract.statements.context import Context
from pressgraph.extract.statements.grammar import ends_sentence, has_clause, has_finite_verb
from pressgraph.extract.statements.marks import WORD, closes, opens
from pressgraph.extract.statements.records import Content

_THAT = re.compile(r"that\s+", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"[.!?]\s+")
_LEAD_WORDS = 10  # words of a speaker's description between a quote and the name
_LEAD_CHARS = 120
_SENTENCE_END = ".!?…"
_COLON_WORDS = 14  # words between a verb and the colon that opens its quote
_FRAGMENT_WORDS = 2  # a quoted fragment of reported speech has at least this many words
_SENTENCE_WORDS = 4


def quote_after(context: Context, start: int) -> Content | None:
    """A quote opened right after the verb (past ":", "," or "that"), to its close or the
    paragraph end; a quote closed inside a sentence that goes on is a phrase, not the content."""
    text = context.text
    at = start
    while at < len(text) and text[at] in " \t:,":
        at += 1
    if text[start:at].strip().endswith(":"):
        while at < len(text) and text[at].isspace():
            at += 1  # 'X said:' and the quote as the next paragraph
    if (that := _THAT.match(text, at)) is not None:
        at = that.end()
    if at >= len(text) or not opens(text, at) or at in context.open_of:
        return None
    close = context.close_of.get(at)
    if close is None:
        return _quoted(text, at + 1, context.paragraph_end(at))
    stop = context.paragraph_end(close)
    line_ends = text[close + 1 : stop].lstrip(" \t")[:1] == "\n"  # a line of a list
    rest = text[close + 1 : stop].lstrip()
    inner = text[at + 1 : close].rstrip()
    sentence_ends = bool(inner) and inner[-1] in _SENTENCE_END
    if rest and rest[0] not in ".,;:!?" and not sentence_ends and not line_ends:
        return None  # said "X" is ...: a quoted phrase inside reported speech
    return _quoted(text, at + 1, close)


def quote_after_colon(context: Context, start: int, end: int) -> Content | None:
    """ "gave an interview to the TV channel: \"...\"", "asked X about Y: “...”": a short phrase
    after the verb, then a colon and a quote."""
    text = context.text
    colon = text.find(":", start, end)
    if colon < 0 or len(WORD.findall(text, start, colon)) > _COLON_WORDS:
        return None
    if any(opens(text, i) for i in range(start, colon)):
        return None
    quoted = quote_after(context, colon + 1)
    if quoted is None or not _spoken(context, quoted.start, quoted.end):
        return None  # "on the theme: \"Topical issues of security\"": a title
    return quoted


def quote_before(context: Context, claimed: int, end: int) -> Content | None:
    """ "\"...,\" Semerikov said": a quote that ends right before the attribution, or before
    the speaker's description ("\"...,\" the bloc's deputy head, Col.-Gen. Ivanov said").
    A quote inside a sentence that goes on before it is a name ('signed the “Code of Conduct”,
    X said'), unless it holds spoken words: then the sentence is the content."""
    text = context.text
    floor = context.paragraph_starts[context.paragraph_of(max(end - 1, 0))]
    close = _closing_before(context, max(claimed, floor), end)
    start = context.open_of.get(close) if close is not None else None
    if close is None or start is None or start < claimed:
        return None
    floor = context.paragraph_starts[context.paragraph_of(start)]
    lead = text[max(claimed, floor) : start].rstrip()
    if lead and lead[-1] not in ".!?:":
        if not is_speech(text, start + 1, close):
            return None  # 'they signed the “Code of Conduct”, X said': a name in quotes
        begin = _sentence_start(text, max(claimed, floor), start)
        return Content(begin, close + 1, text[begin : close + 1], True)
    return _quoted(text, start + 1, close)


def _closing_before(context: Context, floor: int, end: int) -> int | None:
    """The closing mark of a quote before `end`: right before it (past a comma or a dash), or
    before a speaker's description after a comma."""
    text = context.text
    stop = len(text[:end].rstrip(" \t,-–—"))
    if stop > floor and closes(text, stop - 1):
        return stop - 1
    close = next(
        (i for i in range(stop - 1, max(floor, stop - _LEAD_CHARS) - 1, -1) if closes(text, i)),
        None,
    )
    if close is None or not (text[close - 1] == "," or text[close + 1 :].lstrip()[:1] == ","):
        return None
    return close if speaker_lead(context, close + 1, end) else None


def speaker_lead(context: Context, start: int, end: int) -> bool:
    """True when the words between two offsets can describe a speaker before the name ("the
    bloc's deputy head, Col.-Gen."): a few words, no quote, no verb, no sentence end."""
    text = context.text
    if len(WORD.findall(text, start, end)) > _LEAD_WORDS:
        return False
    if any(opens(text, i) or closes(text, i) for i in range(start, end)):
        return False
    span = context.doc.char_span(start, end, alignment_mode="expand")
    tokens = list(span) if span is not None else []
    return not has_finite_verb(tokens) and not any(ends_sentence(t) for t in tokens)


def _sentence_start(text: str, floor: int, at: int) -> int:
    ends = [m.end() for m in _SENTENCE_BREAK.finditer(text, floor, at)]
    start = ends[-1] if ends else floor
    while start < at and text[start] in " \t\n.,;":
        start += 1
    return start


def quote_next(context: Context, at: int) -> Content | None:
    """A quoted sentence that opens right at `at` (past spaces, line breaks and the end of the
    sentence before) and ends its sentence: the continuation of a speaker's words ("\"...,\" X
    said. \"More words.\"", or a quoted paragraph after X's statement)."""
    text = context.text
    while at < len(text) and text[at] in " \t\n.;:":
        at += 1
    if at >= len(text) or not opens(text, at) or at in context.open_of:
        return None  # no mark, or the one that closes the quote before
    close = context.close_of.get(at)
    stop = context.paragraph_end(at if close is None else close)
    end = stop if close is None else close
    if not _spoken(context, at + 1, end) or len(WORD.findall(text, at + 1, end)) < _SENTENCE_WORDS:
        return None
    rest = text[end + 1 : stop].lstrip() if close is not None else ""
    inner = text[at + 1 : end].rstrip()
    # The text may end in the middle of the attribution ("\"...,\" the deputy head of"): a cut
    # page, where the quote goes on with the speaker before.
    cut = stop >= len(text.rstrip()) and not any(c in rest for c in ".!?")
    ends = bool(inner) and inner[-1] in _SENTENCE_END
    if rest and not (rest[0] in ".!?" or (ends and _opens_sentence(rest)) or cut):
        return None  # "\"...,\" he added": attributed on its own; "\"X\" exercise ...": a name
    return _quoted(text, at + 1, end)


def _opens_sentence(rest: str) -> bool:
    return rest[0].isupper() or rest[0] in '"“«„‘'


def _spoken(context: Context, start: int, end: int) -> bool:
    """Quoted words that are speech, or a clause ("We give priority to diplomacy")."""
    if is_speech(context.text, start, end):
        return True
    span = context.doc.char_span(start, end, alignment_mode="expand")
    return span is not None and has_clause(span)


def has_quoted_speech(context: Context, start: int, end: int) -> bool:
    """True when a quotation closed between two offsets holds spoken words, not a name."""
    return any(
        start <= o and c <= end and is_speech(context.text, o + 1, c) for o, c in context.quotes
    )


def is_speech(text: str, start: int, end: int) -> bool:
    """Quoted words that are speech: a fragment that opens in lower case ("long overdue") or a
    sentence; a capitalized phrase without a sentence mark ("Combat Brotherhood-2025", “Code of
    Conduct”) is a name."""
    words = WORD.findall(text, start, end)
    if len(words) < _FRAGMENT_WORDS:
        return False
    if words[0][:1].islower():
        return True
    inner = text[start:end].rstrip(" ,")
    return len(words) >= _SENTENCE_WORDS and bool(inner) and inner[-1] in _SENTENCE_END


def _quoted(text: str, start: int, end: int) -> Content | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in " \t\n,":
        end -= 1
    if not WORD.search(text, start, end):
        return None
    return Content(start, end, text[start:end], True)
