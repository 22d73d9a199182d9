"""Interview transcripts, which have no reporting verbs: turns opened by a dash ("— What is
the CSTO doing now?" / "— First of all, ...") under an introduction that names the interviewee,
and turns opened by a speaker's name and a colon ("Petrov: We will act together.").

A dash turn that ends with a question mark is a question, and so is a turn after an answer
(questions alternate with answers: "— Tell us about the year."); a turn after a question is an
answer, and the paragraphs without a dash after it go on with it. Answers are statements of
the interviewee, the person named most often before the first turn (the first named of those
on a tie), or else the person the first question addresses ("— Ivan Sergeevich, tell us...");
questions are the interviewer's and no statements. A transcript needs a question
mark in one of its turns and an answer."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from spacy.tokens import Span

from pressgraph.extract.statements.context import Context
from pressgraph.extract.statements.grammar import has_finite_verb
from pressgraph.extract.statements.marks import WORD
from pressgraph.extract.statements.records import FoundStatement

_DASHES = "—–-"
_SPEAKER_TURN = re.compile(r"(?:[A-Z][\w.’'-]*\s+){0,3}[A-Z][\w’'-]*\s*:")
_VERB = "answer"
_MIN_WORDS = 4


def interview_statements(context: Context) -> list[FoundStatement]:
    """The answers of a dash transcript and the words of "Name: ..." turns, in text order."""
    named = list(_named_turns(context))
    taken = {s.start for s in named}
    found = [*_dash_turns(context, taken), *named]
    return sorted(found, key=lambda s: s.start)


def _blocks(context: Context) -> Iterator[tuple[int, int]]:
    """The lines of the story, each (start, end) without edge spaces: a turn may be a
    paragraph or a line of one."""
    text = context.text
    for paragraph in context.paragraph_starts:
        end = context.paragraph_end(paragraph)
        at = paragraph
        while at < end:
            stop = text.find("\n", at, end)
            stop = end if stop < 0 else stop
            start, finish = at, stop
            while start < finish and text[start].isspace():
                start += 1
            while finish > start and text[finish - 1].isspace():
                finish -= 1
            if start < finish:
                yield start, finish
            at = stop + 1


def _dash_turns(context: Context, taken: set[int]) -> Iterator[FoundStatement]:
    text = context.text
    blocks = list(_blocks(context))
    turns = [i for i, (s, e) in enumerate(blocks) if _is_turn(text, s, e)]
    if not turns:
        return
    kinds = _turn_kinds(context, blocks, turns)
    if "?" not in kinds.values() or "answer" not in kinds.values():
        return
    interviewee = _interviewee(context, blocks[turns[0]][0]) or _addressed(
        context, blocks[turns[0]], kinds[turns[0]]
    )
    if interviewee is None:
        return
    answering = False
    for i, (start, end) in enumerate(blocks[turns[0] :], start=turns[0]):
        if i in kinds:
            answering = kinds[i] == "answer"
            start += 1
        elif any(start <= t < end for t in taken) or _SPEAKER_TURN.match(text, start):
            answering = False  # "Petrov: ...": a turn of someone named
        if answering:
            statement = _statement(context, interviewee, start, end)
            if statement is not None:
                yield statement


def _is_turn(text: str, start: int, end: int) -> bool:
    return text[start] in _DASHES and start + 1 < end and text[start + 1].isspace()


def _turn_kinds(
    context: Context, blocks: list[tuple[int, int]], turns: list[int]
) -> dict[int, str]:
    """Paragraph index -> "?" (a question with its mark), "question" or "answer"."""
    kinds: dict[int, str] = {}
    previous = None
    for i in turns:
        start, end = blocks[i]
        if context.text[start:end].rstrip(' "”»').endswith("?"):
            kind = "?"
        elif previous in {"?", "question"}:
            kind = "answer"
        else:
            kind = "question"
        kinds[i] = previous = kind
    return kinds


def _interviewee(context: Context, first_turn: int) -> Span | None:
    """The person named most often before the first turn; the first named on a tie."""
    named = [p for p in context.people if p.end_char <= first_turn]
    if not named:
        return None
    counts = Counter(p.kb_id_ for p in named)
    best = max(counts.values())
    chosen = next(p for p in named if counts[p.kb_id_] == best)
    return context.mention(chosen)


def _addressed(context: Context, turn: tuple[int, int], kind: str) -> Span | None:
    """ "— Ivan Sergeevich, tell us about the year.": the person a question opens by
    addressing, when the introduction names nobody (the page's headline, kept apart from its
    text, named the interviewee)."""
    if kind == "answer":
        return None
    start, end = turn
    person = next((p for p in context.people if start < p.start_char < end), None)
    if person is None or context.text[start + 1 : person.start_char].strip():
        return None  # a question that does not open with the name
    after = context.text[person.end_char : person.end_char + 1]
    return context.mention(person) if after == "," else None


def _named_turns(context: Context) -> Iterator[FoundStatement]:
    """ "Petrov: We will act together.": a paragraph opened by a person and a colon."""
    text = context.text
    for start, end in _blocks(context):
        person = next((p for p in context.people if p.start_char >= start), None)
        if person is None or person.end_char >= end:
            continue
        if context.doc[context.title_before(person)].idx > start:
            continue  # not the paragraph's first words
        colon = person.end_char
        while colon < end and text[colon] == " ":
            colon += 1
        if colon < end and text[colon] == ":":
            statement = _statement(context, context.mention(person), colon + 1, end)
            if statement is not None:
                yield statement


def _statement(context: Context, speaker: Span, start: int, end: int) -> FoundStatement | None:
    text = context.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    span = context.doc.char_span(start, end, alignment_mode="expand")
    if len(WORD.findall(text, start, end)) < _MIN_WORDS or span is None:
        return None
    if not has_finite_verb(span):
        return None
    return FoundStatement(speaker, None, _VERB, True, start, end, text[start:end])
