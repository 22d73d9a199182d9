"""What each attribution governs: the words said after the verb, before the speaker, around an
interjected attribution, or in quotes; then one statement per content."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from pressgraph.extract.statements.context import Context
from pressgraph.extract.statements.grammar import has_finite_verb
from pressgraph.extract.statements.lexicon import lexicon
from pressgraph.extract.statements.marks import WORD, opens
from pressgraph.extract.statements.quotes import (
    has_quoted_speech,
    quote_after,
    quote_after_colon,
    quote_before,
    quote_next,
    speaker_lead,
)
from pressgraph.extract.statements.records import Attribution, Content, FoundStatement
from pressgraph.nlp.lemmas import lemma

_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_SUBORDINATE = frozenset({"relcl", "acl", "advcl", "csubj"})
_SEPARATORS = frozenset({",", "-", "–", "—"})
_ACRONYM = re.compile(r"[a-z][A-Z]{2}")  # BelTA, KazTAG; not McDonald
_LAST_WORD = re.compile(r"(\w+)\s*$")
_EDGE = " \t\n,;:-–—"
_MAX_RELAY = 6  # words of a relaying source and its verb: "the ministry's press service said"


def statements_from(
    doc: Doc, context: Context, found: list[Attribution]
) -> Iterator[FoundStatement]:
    """Each attribution with the content it governs, in text order; one statement per speaker
    of a joint subject ("X and Y discussed")."""
    claimed = 0  # characters before this belong to an earlier statement (or its quote)
    for i, attribution in enumerate(found):
        if doc[attribution.start].idx < claimed:
            continue  # inside a quote already attributed
        unit = context.unit_of(attribution.start)
        follower = found[i + 1] if i + 1 < len(found) else None
        right = follower.start if follower and context.unit_of(follower.start) == unit else unit[1]
        if follower is not None and right == follower.start:
            right = _before_followers_quote(context, attribution, follower, right)
        content = _content(context, attribution, claimed, right)
        if content is None or attribution.speaker is None or _agency(attribution.speaker):
            continue
        if attribution.cue.lemma in lexicon().clause_only and not _said_words(context, content):
            continue  # "concluded an agreement": an act, not words
        claimed = max(claimed, content.end, _char_end(doc, attribution.end - 1))
        if content.end <= doc[attribution.start].idx:
            claimed = max(claimed, _char_end(doc, right - 1))  # "..., X said on Sunday."
        if not content.quote and has_quoted_speech(context, content.start, content.end):
            content = replace(content, quote=True)  # 'said the plan was "long overdue"'
        while (more := quote_next(context, claimed)) is not None:
            # '"...," X said. "More words."', or a quoted paragraph after X's statement: X's
            # words too, one statement with the attribution cut out.
            content = Content(content.start, more.end, f"{content.text} {more.text}", True)
            claimed = more.end
        for speaker in (attribution.speaker, *attribution.co_speakers):
            yield FoundStatement(
                speaker=context.mention(speaker),
                cue=attribution.pronoun,
                verb=attribution.cue.lemma,
                quote=content.quote,
                start=content.start,
                end=content.end,
                text=content.text,
            )


def _before_followers_quote(
    context: Context, attribution: Attribution, follower: Attribution, right: int
) -> int:
    """Where the words after a verb end when the next attribution of the sentence has its own
    quote after a colon: 'X reaffirmed the priority: "We will go on," she concluded.' (the
    quote is the conclusion's, not more of the priority)."""
    doc = context.doc
    quoted = quote_before(context, _char_end(doc, attribution.end - 1), doc[follower.start].idx)
    if quoted is None:
        return right
    text = context.text
    marked = quoted.start > 0 and opens(text, quoted.start - 1)
    opening = quoted.start - 1 if marked else quoted.start
    if text[:opening].rstrip()[-1:] != ":":
        return right
    span = doc.char_span(opening, quoted.end, alignment_mode="expand")
    return right if span is None or span.start <= attribution.end else span.start


def _said_words(context: Context, content: Content) -> bool:
    """Whether content is words said: a quote, or a clause with a finite verb."""
    return content.quote or has_finite_verb(_tokens(context.doc, content.start, content.end))


def _agency(speaker: Span) -> bool:
    """A one-word name written like an agency's acronym ("KazTAG reports"), not a person's."""
    return len(speaker) == 1 and _ACRONYM.search(speaker.text) is not None


def _content(
    context: Context, attribution: Attribution, claimed: int, right: int
) -> Content | None:
    """What was said: a quote, the words after the verb, before the speaker, or both."""
    doc, text = context.doc, context.text
    a_start = doc[attribution.start].idx
    a_end = _char_end(doc, attribution.end - 1)
    after_start = _char_end(doc, attribution.content_from - 1)
    after_end = _char_end(doc, right - 1) if right > attribution.content_from else after_start
    quoted = quote_after(context, after_start) or quote_after_colon(context, after_start, after_end)
    if quoted is not None:
        return quoted
    quoted = _quote_right_before(context, claimed, a_start)
    if quoted is not None:
        # '"...," she said, adding that ...': the quote is what was said; the participle after
        # the verb only adds to it
        return quoted
    after = _trim(text, after_start, after_end)
    if after is not None and (_is_setting(context, *after) or _relayed(context, *after)):
        # '"...," X said in his commentary.': where it was said, not what; "..., X said,
        # TASS reported.": who passed the words on, not more of them
        after = None
    left = max(claimed, doc[context.unit_of(attribution.start)[0]].idx)
    before = _trim(text, left, _lead_start(context, left, a_start)) if left < a_start else None
    if before is not None and _is_setting(context, *before):
        before = None
    if after is not None and not _says_something(context, *after):
        # '"...," X told the minister.', "The US joined, X said on Thursday.": the words
        # after the verb are an addressee or a time, what was said comes before.
        quoted = quote_before(context, claimed, a_start)
        if quoted is not None:
            return quoted
        lead = _lead_start(context, left, a_start)
        separator = text[before[1] : lead].strip() if before is not None else None
        if (
            before is not None
            and (separator in _SEPARATORS or (lead < a_start and not separator))
            and _says_something(context, *before)
        ):
            return Content(before[0], before[1], text[before[0] : before[1]], False)
    if after is None:
        # The parser may end a sentence at the closing mark: '"...," | the statement reads.'
        quoted = quote_before(context, claimed, a_start)
        if quoted is not None:
            return quoted
        if before is None:
            return None
        if not has_finite_verb(_tokens(doc, *before)):
            return None  # "In his speech, X said." has nothing said
        return Content(before[0], before[1], text[before[0] : before[1]], False)
    if (
        before is not None
        and text[before[1] : a_start].strip() == ","
        and text[a_end : after[0]].strip() == ","
    ):
        # Interjected: "I think, said X, comments are unnecessary here."
        words = f"{text[before[0] : before[1]]} {text[after[0] : after[1]]}"
        return Content(before[0], after[1], words, False)
    return Content(after[0], after[1], text[after[0] : after[1]], False)


def _quote_right_before(context: Context, claimed: int, a_start: int) -> Content | None:
    """A quote that closes right before the attribution, a comma or a dash between."""
    quoted = quote_before(context, claimed, a_start)
    if quoted is None or not quoted.quote:
        return None
    between = context.text[quoted.end : a_start]
    return quoted if not between.strip(" \t,-–—\"'”»’") else None


def _lead_start(context: Context, left: int, a_start: int) -> int:
    """Where the words before a speaker end: at the attribution, or at the comma before a
    description of the speaker the role finder did not read ("..., Russian Airborne Force
    Commander, Col.-Gen. X said")."""
    text = context.text
    for comma in (i for i in range(left, a_start) if text[i] == ","):
        if not context.in_quote(comma) and speaker_lead(context, comma + 1, a_start):
            return comma
    return a_start


def _says_something(context: Context, start: int, end: int) -> bool:
    """True when words make a clause of their own (a finite verb that does not only qualify a
    noun or set the scene), or hold a quote."""
    tokens = _tokens(context.doc, start, end)
    if has_quoted_speech(context, start, end):
        return True
    return any(t.tag_ in _FINITE and t.dep_ not in _SUBORDINATE for t in tokens)


def _relayed(context: Context, start: int, end: int) -> bool:
    """The words after the verb are only another attribution: a source and its reporting
    verb ("Reuters reported", "the ministry's press service said")."""
    words = [t for t in _tokens(context.doc, start, end) if not t.is_punct]
    if not 2 <= len(words) <= _MAX_RELAY or not words[-1].tag_.startswith("VB"):
        return False
    return lemma(words[-1]).lower() in lexicon().forms and words[0].lower_ != "that"


def _tokens(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _char_end(doc: Doc, token: int) -> int:
    return doc[token].idx + len(doc[token].text)


def _is_setting(context: Context, start: int, end: int) -> bool:
    """ "Addressing the participants", "In his speech": where it was said, not what."""
    lowered = context.text[start:end].lower()
    framed = any(
        lowered == frame or lowered.startswith((frame + " ", frame + ","))
        for frame in lexicon().frames
    )
    return framed and not has_finite_verb(_tokens(context.doc, start, end))


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The content between two offsets without edge punctuation, a leading "that" or
    "however,", or a dangling "since" at the end."""
    dangling = lexicon().dangling
    while True:
        while start < end and text[start] in _EDGE:
            start += 1
        while end > start and text[end - 1] in _EDGE:
            end -= 1
        first = WORD.match(text, start)
        if first and first.end() < end and _leads(first.group().lower(), text[first.end()]):
            start = first.end()
            continue
        last = _LAST_WORD.search(text, start, end)
        if last and last.group(1).lower() in dangling:
            end = last.start(1)
            continue
        break
    return (start, end) if WORD.search(text, start, end) else None


def _leads(word: str, after: str) -> bool:
    """A first word that is not content: "that", or a word like "however" set off by a comma."""
    return word == "that" or (after == "," and word in lexicon().dangling)


def dedupe(statements: Iterable[FoundStatement]) -> Iterator[FoundStatement]:
    """One statement per content: the first attribution of the same words wins."""
    seen: set[tuple[int, int, str]] = set()
    for statement in statements:
        key = (statement.start, statement.end, statement.speaker.kb_id_)
        if key not in seen:
            seen.add(key)
            yield statement
