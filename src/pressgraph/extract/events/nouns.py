"""Event nouns and what is written around them: the noun itself ("round table", "the
event"), the event's name (a capitalized title or a quoted name), and the body it belongs to."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from pressgraph.extract.events.story import Story
from pressgraph.nlp.spans import doc_text

NOUN_TAGS = frozenset({"NOUN", "PROPN"})  # the parts of speech an event or cue noun has
_NOT_TITLE = frozenset({"DET", "ADP", "PRON", "CCONJ", "SCONJ", "PUNCT", "VERB", "AUX", "PART"})
_CONNECTORS = frozenset({"of", "on", "for", "and", "in", "against", "the", "to", "-", "–"})
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")
_QUOTE = r"“[^“”\n]{1,250}”|\"[^\"\n]{1,250}\"|«[^«»\n]{1,250}»|„[^„“”\n]{1,250}[“”]"
_QUOTED_AFTER = re.compile(rf"[^\S\n]*(?:{_QUOTE})")
_QUOTED_BEFORE = re.compile(rf"(?:{_QUOTE})[^\S\n]*$")
_OF_THE = re.compile(r"[^\S\n]+of[^\S\n]+(?:the[^\S\n]+)?")
_BODY_GAP = re.compile(rf"[^\S\n]*(?:(?:{_QUOTE})[^\S\n]*)?")
_NAME_NOISE = re.compile(r"[^\w\s-]+")


@dataclass(frozen=True)
class Noun:
    """An event noun found in the text: its last token, its first word, and its kind."""

    token: Token
    first: int  # index of the first word ("round table")
    kind: str
    plural: bool
    generic: bool


def event_noun(story: Story, tok: Token) -> Noun | None:
    """The event noun ending at `tok`, if it is one and not inside a mention."""
    if tok.pos_ not in NOUN_TAGS or tok.i in story.claimed:
        return None
    doc = story.doc
    for words, kind, plural in story.lex.nouns.get(tok.lower_, ()):
        first = tok.i - len(words) + 1
        if first >= 0 and tuple(t.lower_ for t in doc[first : tok.i + 1]) == words:
            return Noun(tok, first, kind, plural, False)
    if tok.lower_ in story.lex.generic:
        return Noun(tok, tok.i, "other", False, True)
    return None


def _is_title_word(tok: Token, left: bool = False) -> bool:
    if left and _ORDINAL.fullmatch(tok.text):
        return True
    return tok.text[:1].isupper() and tok.pos_ not in _NOT_TITLE and tok.text[:1].isalpha()


def _title_range(noun: Noun, sent: Span) -> tuple[int, int] | None:
    """Token range of a capitalized title around the noun: 'Second Conference of the Heads of
    ... Member States'; None for a bare 'the Conference'."""
    doc = noun.token.doc
    if not _is_title_word(noun.token):
        return None
    first = noun.first
    while first > sent.start and _is_title_word(doc[first - 1], left=True):
        first -= 1
    end = scan = noun.token.i + 1
    while scan < sent.end and (_is_title_word(doc[scan]) or doc[scan].lower_ in _CONNECTORS):
        scan += 1
        if _is_title_word(doc[scan - 1]):
            end = scan
    words = sum(1 for t in doc[first:end] if _is_title_word(t, left=True))
    return (first, end) if words >= 2 else None


@dataclass(frozen=True)
class Named:
    """An event's name as written, with its character range and whether it is quoted."""

    text: str
    start: int
    end: int
    quoted: bool


def find_name(noun: Noun, sent: Span, body: Span | None) -> Named | None:
    """The event's name as written: a capitalized title with any quoted title after it, or a
    quoted name next to the noun ('the exercise "Interaction-2021"', 'the exercise of the
    CRRF "Interaction-2021"', '"Combat Brotherhood-2019" trainings')."""
    doc = noun.token.doc
    text = doc_text(doc)
    titled = _title_range(noun, sent)
    first = titled[0] if titled else noun.first
    end_tok = doc[titled[1] - 1] if titled else noun.token
    start, end = doc[first].idx, end_tok.idx + len(end_tok)
    after = _QUOTED_AFTER.match(text, end)
    if after is None and body is not None and body.start_char > end:
        after = _QUOTED_AFTER.match(text, body.end_char)
    if after and after.end() <= sent.end_char:
        quote_start = after.start() + len(after.group()) - len(after.group().lstrip())
        if noun.token.text[:1].isupper():
            return Named(text[start : after.end()], start, after.end(), True)
        return Named(text[quote_start : after.end()], quote_start, after.end(), True)
    if titled:
        return Named(text[start:end], start, end, False)
    before = _QUOTED_BEFORE.search(text, max(sent.start_char, start - 260), start)
    if before is None:
        return None
    quoted = before.group().rstrip()
    return Named(quoted, before.start(), before.start() + len(quoted), True)


def name_head(tok: Token, named: Named | None) -> Token:
    """The token a verb governs for the event: the noun, or the quoted name the parser made
    the head ('the exercise "Echelon" took place': "Echelon" is the subject)."""
    while (
        named is not None
        and tok.dep_ in ("compound", "nmod", "amod", "appos")
        and tok.head.i != tok.i
        and named.start <= tok.head.idx < named.end
    ):
        tok = tok.head
    return tok


def norm_name(name: str) -> tuple[str, ...]:
    """Words of a name for comparison: no quotes or punctuation, no articles, case folded."""
    words = _NAME_NOISE.sub(" ", name.casefold()).split()
    return tuple(w for w in words if w not in {"the", "a", "an"})


def find_body(story: Story, noun: Noun) -> Span | None:
    """The organization whose event it is: "a meeting of the Council of ...", "joint CSTO
    "Combat Brotherhood-2019" trainings"."""
    text = story.text
    tok = noun.token
    after = _OF_THE.match(text, tok.idx + len(tok))
    start = story.doc[noun.first].idx
    for span in story.actors:
        if span.label_ != "ORG":
            continue
        if after is not None and span.start_char == after.end():
            return span
        if span.end_char <= start and _BODY_GAP.fullmatch(text, span.end_char, start):
            return span
    return None
