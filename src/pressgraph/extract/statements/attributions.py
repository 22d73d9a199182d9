"""Attributions: the person (or pronoun) a reporting verb or "according to" names, found on the
surface, which the parse mis-reads in the inverted and interjected forms of translated pages."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from pressgraph.extract.statements.context import Context
from pressgraph.extract.statements.grammar import has_finite_verb
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
# - a joint subject: "X and Y discussed ...", "X, Director of Z, and Y said": one statement
#   each; words between the speaker and the verb: "X, however, noted", "X today condemned",
#   "X has informed", "... reports that X said".
# - a document for its author: "“...,” the statement by X says"; "the statement reads" speaks
#   for the speaker of the statement just before (speakers.py).
#
# Not a statement: a speaker after "of"/a preposition ("the deputy of X said", "met with X and
# Y said"), a passive ("X was informed"), a possessive ("X's deputy said"), a subject that is no
# person ("The CSTO emphasized"), and a name in quotes before an attribution ("signed the
# “Code of Conduct”, X said" is reported speech, not a quote).
#
# A speaker is a span of `doc.spans["pg_people"]` (a reference span such as "the CSTO Acting
# Secretary General" stands for its person), or a post or a missed name that references.py
# reads as one of the story's people; pronouns are resolved later, in speakers.py.

_RELATIVE = frozenset({"that", "which", "who", "whom", "whose"})
_STOPS = frozenset({".", ";", ":", "!", "?"})
_BLOCKING_TAGS = frozenset({"IN", "TO"})
_MAX_LEAD_IN = 6
_POSSESSIVE = frozenset({"'s", "’s"})
_ADVERBS = frozenset({"RB", "RBR", "RBS"})  # "X today condemned", "X firmly rejected"
_DOCUMENT_DETERMINERS = frozenset({"the", "this", "that", "his", "her", "its"})
_LEAD_IN_STOPS = frozenset({"IN", "CC", "TO", "WDT", "MD", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ"})


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
        (
            p
            for p in reversed(context.people)
            if unit[0] <= p.start and p.end <= cue.start and not context.in_quote(p.start_char)
        ),
        None,
    )  # a name inside the quoted words is not the subject of the verb after them
    content = _content_from(doc, cue, cue.end)
    if pronoun is not None and (person is None or pronoun.i >= person.end):
        if not _gap_ok(doc[pronoun.i + 1 : cue.start], context.max_appositive):
            return None
        if pronoun.i > 0 and doc[pronoun.i - 1].tag_ in {"IN", "TO"}:
            return None  # "said that he noted ...": the words of the first verb
        return Attribution(cue, None, doc[pronoun.i : pronoun.i + 1], pronoun.i, cue.end, content)
    if person is None:
        return _document_subject(doc, cue, unit, content)
    gap = [t for t in doc[person.end : cue.start] if not t.is_space]
    relative = [t.lower_ for t in gap if t.lower_ not in lexicon().between] == [",", "who"]
    if not relative and not _gap_ok(gap, context.max_appositive):
        # "X, Vice Prime Minister of Y has addressed": a title after the name, left open.
        rest = [t for t in doc[context.title_after(person) : cue.start] if not t.is_space]
        if not gap or gap[0].text != "," or (rest and not _gap_ok(rest, context.max_appositive)):
            return None
    joint = _joint_speakers(doc, context, person, unit)
    start = context.title_before(joint[0])
    if start > unit[0] and not _subject_place(doc, start, cue, gap, relative=relative):
        return None
    start = _document_start(doc, start, unit)
    return Attribution(cue, joint[0], None, start, cue.end, content, co_speakers=tuple(joint[1:]))


def _joint_speakers(doc: Doc, context: Context, person: Span, unit: tuple[int, int]) -> list[Span]:
    """ "X and Y said", "X, Director of Z, and Y said", "X, Y and W said": every person of a
    subject joined by "and" (and the commas of a list), in text order."""
    joint = [person]
    while True:
        joiner = _phrase_start(doc, context, joint[0], unit) - 1
        if joiner < unit[0] or doc[joiner].lower_ not in {"and", ","}:
            break
        if doc[joiner].lower_ == "," and len(joint) == 1:
            break  # "X, Y said": an apposition, not a list
        earlier = next(
            (p for p in reversed(context.people) if unit[0] <= p.start and p.end <= joiner),
            None,
        )
        if earlier is None:
            break
        between = [t for t in doc[context.title_after(earlier) : joiner] if not t.is_space]
        if between and not (
            between[0].text == ","
            and all(t.lower_ != "and" for t in between)
            and _gap_ok(between, context.max_appositive)
        ):
            break
        joint.insert(0, earlier)
    return joint


def _phrase_start(doc: Doc, context: Context, person: Span, unit: tuple[int, int]) -> int:
    """First token of a person's phrase with a title the role finder did not read: "the UNODC
    representative Ghada Waly" (organizations, countries, post words and "the")."""
    start = context.title_before(person)
    words = lexicon().person_nouns | lexicon().post_modifiers | {"the"}
    while start > unit[0] and (
        doc[start - 1].lower_ in words
        or (start - 1 in context.named and not _in_person(context, start - 1))
        or (doc[start - 1].text in _POSSESSIVE and start - 2 in context.named)  # "Austria's"
    ):
        start -= 1
    return start


def _in_person(context: Context, token: int) -> bool:
    return any(p.start <= token < p.end for p in context.people)


def _document_start(doc: Doc, start: int, unit: tuple[int, int]) -> int:
    """The start of "the statement by X": the attribution begins at the document."""
    if (
        start - 2 >= unit[0]
        and doc[start - 1].lower_ in {"by", "of"}
        and doc[start - 2].lower_ in lexicon().documents
    ):
        start -= 2
        if start > unit[0] and doc[start - 1].lower_ in _DOCUMENT_DETERMINERS:
            start -= 1
    return start


def _document_subject(
    doc: Doc, cue: Cue, unit: tuple[int, int], content: int
) -> Attribution | None:
    """ "the statement reads", "the message says": the text speaks for its author."""
    noun = cue.start - 1
    if noun <= unit[0] or doc[noun].lower_ not in lexicon().documents:
        return None
    start = noun - 1
    if doc[start].lower_ not in _DOCUMENT_DETERMINERS:
        return None
    return Attribution(cue, None, doc[start : noun + 1], start, cue.end, content, document=True)


def _subject_place(doc: Doc, start: int, cue: Cue, gap: list[Token], *, relative: bool) -> bool:
    """Whether the word before a speaker's phrase lets it be the subject of the verb."""
    before = doc[start - 1]
    if relative:  # "headed by X, who noted": "who" is X, unless "the deputy of X, who ..."
        return before.lower_ != "of"
    if before.lower_ == "as":  # "As X noted, ...": the content follows the comma
        return cue.end < len(doc) and doc[cue.end].text == ","
    if before.lower_ in lexicon().subordinators:
        return True  # "... reports that X said": X opens a clause of its own
    if before.lower_ in {"by", "of"} and start > 1:
        return doc[start - 2].lower_ in lexicon().documents  # "the statement by X says"
    if before.tag_ in _BLOCKING_TAGS:
        return False  # "the deputy of X said", "met with X said"
    # "the report mentions X, said the minister": X ends a clause, it does not open one; an
    # aside between commas ("X, however, noted") is no such end.
    return [t.text for t in gap] != [","] or before.text == ","


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
        return all(t.lower_ in between or t.tag_ in _ADVERBS for t in gap)
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
    before = doc[cue.start - 1] if cue.start > unit[0] else None
    if before is None or not (before.text in {",", "-", "–", "—"} or before.is_quote):
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
    if person is None or not _lead_in(doc[start : context.title_before(person)]):
        return None
    end = context.title_after(person)
    if end < unit[1] and not (doc[end].text in {",", *_STOPS} or doc[end].is_quote):
        return None
    return person, end


def _lead_in(words: Span) -> bool:
    """Words between an inverted verb and the speaker's title: nothing, or a few words without
    a verb or preposition ("said the agency's press-Secretary of ..."); "said the deputy of X"
    is the deputy's."""
    if len(words) > _MAX_LEAD_IN:
        return False
    return all(
        t.text in {"-", "'s", "’s"} or (t.is_alpha and t.tag_ not in _LEAD_IN_STOPS) for t in words
    )


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
