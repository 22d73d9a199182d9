"""Attributions: the person (or pronoun) a reporting verb or "according to" names, found on the
surface, which the parse mis-reads in the inverted and interjected forms of translated pages."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from pressgraph.extract.statements.context import Context, has_finite_verb
from pressgraph.extract.statements.lexicon import lexicon
from pressgraph.extract.statements.records import Attribution, Cue

# The forms an attribution takes (the content is found by contents.py):
# - speaker, verb, content:   "Mr. Valery Semerikov emphasized that ...", "He said ...",
#   "the Director ..., Mr. Jehangir Khan, pointed out that ...", "Pospelov, in his speech
#   emphasized ...", after a setting ("Addressing the participants, X said ...").
# - content, then attribution: "..., Xie Xiaoyong noted.", "..., said the CSTO Acting Secretary
#   General.", '"...," Semerikov said.' (a quote, found back to its opening mark).
# - interjected:              "I think, said Mr. Valery Semerikov, comments are unnecessary here."
#   is ONE statement: its offsets run from "I think" to "here.", and its text is the content
#   with the attribution cut out ("I think comments are unnecessary here.").
# - "according to X, ..." / "..., according to him, “...”", with X a person; "according to
#   the estimates of the Joint Staff" names no person and is left to the claims finder.
# - a second verb of the same speaker ("... and expressed the hope that ...", ", while
#   emphasizing that ...") ends the first content and starts a statement of its own.
# - a quote opened right after the verb ('said: "...') runs to its closing mark, or to the end
#   of the paragraph when it is never closed; the words in it are never read as attributions.
# - also "..., X, who noted that ..." and "As X noted, ...".
#
# Not a statement: a speaker after "of"/"and"/a preposition ("the deputy of X said", "X and Y
# said"), a passive ("X was informed"), a possessive ("X's deputy said"), a subject that is no
# person ("The CSTO emphasized"), and a name in quotes before an attribution ("signed the
# “Code of Conduct”, X said" is reported speech, not a quote).
#
# A speaker is a span of `doc.spans["pg_people"]` (a reference span such as "the CSTO Acting
# Secretary General" stands for its person); pronouns are resolved later, in speakers.py.

_RELATIVE = frozenset({"that", "which", "who", "whom", "whose"})
_STOPS = frozenset({".", ";", ":", "!", "?"})
_BLOCKING_TAGS = frozenset({"IN", "CC", "TO"})  # "of X", "and X", "to X": X is not a subject


def attribute(
    doc: Doc,
    context: Context,
    cue: Cue,
    unit: tuple[int, int],
    prior: Attribution | None,
    prior_index: int,
) -> Attribution | None:
    """The attribution a cue makes, or None when it names no person."""
    if cue.lemma == lexicon().according_to:
        return _according_to(doc, context, cue, unit)
    if not cue.continuing and (found := _speaker_before(doc, context, cue, unit)) is not None:
        return found
    if (chained := _second_verb(doc, cue, unit, prior, prior_index)) is not None:
        return chained
    if cue.continuing:
        return None
    return _speaker_after(doc, context, cue, unit)


def _content_from(doc: Doc, cue: Cue, end: int) -> int:
    """Where the content starts: after an addressee for verbs like "informed X about"."""
    words = lexicon().addressee_then.get(cue.lemma)
    if words:
        for i in range(cue.end, min(cue.end + 6, len(doc))):
            if doc[i].lower_ in words:
                return i + 1
            if doc[i].is_punct:
                break
    return end


def _speaker_before(
    doc: Doc, context: Context, cue: Cue, unit: tuple[int, int]
) -> Attribution | None:
    """ "X [, title,] [also] said": the nearest person or pronoun before the verb."""
    pronoun = next(
        (t for t in reversed(doc[unit[0] : cue.start]) if t.lower_ in lexicon().subject_pronouns),
        None,
    )
    person = next(
        (p for p in reversed(context.people) if unit[0] <= p.start and p.end <= cue.start), None
    )
    content = _content_from(doc, cue, cue.end)
    if pronoun is not None and (person is None or pronoun.i >= person.end):
        if not _gap_ok(doc[pronoun.i + 1 : cue.start], context.max_appositive):
            return None
        if pronoun.i > 0 and doc[pronoun.i - 1].tag_ in {"IN", "TO"}:
            return None  # "said that he noted ...": the words of the first verb
        return Attribution(cue, None, doc[pronoun.i : pronoun.i + 1], pronoun.i, cue.end, content)
    if person is None:
        return None
    gap = [t for t in doc[person.end : cue.start] if not t.is_space]
    relative = [t.lower_ for t in gap if t.lower_ not in lexicon().between] == [",", "who"]
    if not relative and not _gap_ok(gap, context.max_appositive):
        return None
    start = context.title_before(person)
    if start > unit[0] and not _subject_place(doc, start, cue, gap, relative=relative):
        return None
    if _coordinated(person):
        return None  # "X, and the UNODC representative Y said": said together
    return Attribution(cue, person, None, start, cue.end, content)


def _subject_place(doc: Doc, start: int, cue: Cue, gap: list[Token], *, relative: bool) -> bool:
    """Whether the word before a speaker's phrase lets it be the subject of the verb."""
    before = doc[start - 1]
    if relative:  # "headed by X, who noted": "who" is X, unless "the deputy of X, who ..."
        return before.lower_ != "of"
    if before.lower_ == "as":  # "As X noted, ...": the content follows the comma
        return cue.end < len(doc) and doc[cue.end].text == ","
    if before.tag_ in _BLOCKING_TAGS:
        return False  # "the deputy of X said", "Y and X said"
    # "the report mentions X, said the minister": X ends a clause, it does not open one.
    return not gap or gap[0].text != "," or before.text == ","


def _gap_ok(words: Iterable[Token], max_appositive: int) -> bool:
    """Words between a speaker and the verb: nothing, "also", "in his speech", ", title,"."""
    gap = [t for t in words if not t.is_space]  # a line break inside a paragraph is a space
    if not gap:
        return True
    if has_finite_verb(gap) or any(
        t.lower_ in _RELATIVE or t.text in _STOPS or t.is_quote for t in gap
    ):
        return False
    between = lexicon().between
    if gap[0].text != ",":
        return all(t.lower_ in between for t in gap)
    if len(gap) > max_appositive or (len(gap) > 1 and gap[1].tag_ == "CC"):
        return False
    # ", in his speech" or ", Director of the OSCE Center," (+ "also"): an apposition is closed.
    tail = len(gap)
    while tail > 1 and gap[tail - 1].lower_ in between:
        tail -= 1
    return tail == 1 or gap[tail - 1].text == ","


def _second_verb(
    doc: Doc, cue: Cue, unit: tuple[int, int], prior: Attribution | None, prior_index: int
) -> Attribution | None:
    """ "... and expressed the hope", ", while emphasizing": the speaker of the verb before."""
    if prior is None:
        return None
    floor = max(unit[0], prior.end)
    words = [t.lower_ for t in doc[floor : cue.start]]
    joint = next((p for p in lexicon().chain if tuple(words[-len(p) :]) == p), None)
    if joint is None:
        return None
    start = cue.start - len(joint)
    while start > floor and doc[start - 1].text == ",":
        start -= 1
    content = _content_from(doc, cue, cue.end)
    return Attribution(cue, None, None, start, cue.end, content, prior_index)


def _speaker_after(
    doc: Doc, context: Context, cue: Cue, unit: tuple[int, int]
) -> Attribution | None:
    """ ", said Mr. X," / ", emphasized Mr. J. Khan,": an inverted verb after the content."""
    if cue.start == unit[0] or not (doc[cue.start - 1].text == "," or doc[cue.start - 1].is_quote):
        return None
    found = _person_after(doc, context, cue.end, unit)
    if found is None:
        return None
    person, end = found
    return Attribution(cue, person, None, cue.start, end, end)


def _person_after(
    doc: Doc, context: Context, start: int, unit: tuple[int, int]
) -> tuple[Span, int] | None:
    """The person right after `start` (past "the", "Mr.", a title) and the end of the phrase."""
    person = next((p for p in context.people if p.start >= start and p.end <= unit[1]), None)
    if person is None or context.title_before(person) > start:
        return None
    end = context.title_after(person)
    if end < unit[1] and not (doc[end].text in {",", *_STOPS} or doc[end].is_quote):
        return None
    return person, end


def _according_to(
    doc: Doc, context: Context, cue: Cue, unit: tuple[int, int]
) -> Attribution | None:
    """ "According to X, ..." with X a person or "him"/"her"; "according to reports" is not."""
    if cue.end < unit[1] and doc[cue.end].lower_ in lexicon().object_pronouns:
        end = cue.end + 1
        if end < unit[1] and doc[end].text not in {",", *_STOPS} and not doc[end].is_quote:
            return None  # "according to her report"
        return Attribution(cue, None, doc[cue.start : end], cue.start, end, end)
    found = _person_after(doc, context, cue.end, unit)
    if found is None:
        return None
    person, end = found
    return Attribution(cue, person, None, cue.start, end, end)


def _coordinated(person: Span) -> bool:
    """True when the parse joins the person with "and" to another subject ("X and Y said")."""
    token = person.root
    for _ in range(4):
        if token.dep_ == "conj" or any(c.dep_ == "conj" for c in token.children):
            return True
        if token.dep_ not in {"appos", "compound"} or token.head is token:
            return False
        token = token.head
    return False
