"""Speaker resolution: "He"/"she"/"according to him" get the person they stand for, and a
second verb ("... and expressed the hope") the speaker of the verb it continues."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from pressgraph.extract.statements.context import Context
from pressgraph.extract.statements.lexicon import lexicon
from pressgraph.extract.statements.records import Attribution
from pressgraph.resolve.names import parse_person_name

# A pronoun resolves to the most recent person mentioned before it, in the same or the
# previous paragraph (`pronoun_paragraphs`), when that mention is a speaker or a grammatical
# subject (or names the same person as the most recent one that is, or is named in what that
# one was reported saying: "Khan pointed out that, despite the elimination of al-Baghdadi,
# ... According to him"); otherwise the statement is dropped. Gender is not used: names do
# not tell it reliably, so "She" takes the most recent fitting person like "He" does.

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def resolve_speakers(
    context: Context, found: list[Attribution], pronoun_paragraphs: int
) -> list[Attribution]:
    """Pronouns get the person they stand for; second verbs the speaker of the first."""
    speakers = [a.speaker for a in found if a.speaker is not None]
    candidates = {(s.start_char, s.end_char) for s in speakers}
    candidates |= {(p.start_char, p.end_char) for p in context.people if _is_subject(p)}
    reported = _named_in_reported_speech(context, found)
    resolved: list[Attribution] = []
    for attribution in found:
        if attribution.previous is not None:
            prior = resolved[attribution.previous]
            attribution = replace(attribution, speaker=prior.speaker, pronoun=prior.pronoun)
        elif attribution.speaker is None and attribution.pronoun is not None:
            person = _antecedent(
                context, attribution.pronoun, candidates, reported, pronoun_paragraphs
            )
            attribution = replace(attribution, speaker=person)
        resolved.append(attribution)
    return resolved


def _antecedent(
    context: Context,
    pronoun: Span,
    candidates: set[tuple[int, int]],
    reported: dict[tuple[int, int], str],
    pronoun_paragraphs: int,
) -> Span | None:
    """The most recent person before a pronoun that is a speaker or a subject."""
    paragraph = context.paragraph_of(pronoun.start_char)
    before = [
        p
        for p in context.people
        if p.end_char <= pronoun.start_char
        and context.paragraph_of(p.start_char) >= paragraph - pronoun_paragraphs
    ]
    if not before:
        return None
    last = before[-1]
    fitting = [p for p in before if (p.start_char, p.end_char) in candidates]
    if not fitting:
        return None
    if (
        fitting[-1] is not last
        and last.kb_id_ != fitting[-1].kb_id_
        and reported.get((last.start_char, last.end_char)) != fitting[-1].kb_id_
    ):
        return None  # someone else was named in between ("Ivanov's plan, he said, ...")
    if _someone_else(context, fitting[-1].end_char, pronoun.start_char):
        return None  # "X said ... The ambassador thanked ... He said": who is "he"?
    return fitting[-1]


def _named_in_reported_speech(
    context: Context, found: list[Attribution]
) -> dict[tuple[int, int], str]:
    """People named in what a speaker says, in the sentence of the saying -> the speaker's
    entity key: "Khan pointed out that, despite the elimination of al-Baghdadi, ..."."""
    named: dict[tuple[int, int], str] = {}
    for a in found:
        if a.speaker is None:
            continue
        sentence = context.doc[a.start].sent
        for person in context.people:
            if a.content_from <= person.start and person.end <= sentence.end:
                named.setdefault((person.start_char, person.end_char), a.speaker.kb_id_)
    return named


def _someone_else(context: Context, start: int, end: int) -> bool:
    """True when a subject between two offsets may be a person who is not a mention: a name
    the model missed ("In turn, Natalia Gherman thanked ...") or a post ("The ambassador ...")."""
    doc = context.doc
    span = doc.char_span(start, end, alignment_mode="contract")
    for token in span if span is not None else []:
        if token.dep_ not in _SUBJECT_DEPS or token.i in context.named:
            continue
        if token.lower_ in lexicon().person_nouns:
            return True
        if token.pos_ == "PROPN" and (token.ent_type_ == "PERSON" or _looks_like_name(token)):
            return True  # a name the person finder did not take
    return False


def _looks_like_name(token: Token) -> bool:
    """A proper noun with its compounds that parses as a given name and a surname."""
    first = min([token.i, *(c.i for c in token.children if c.dep_ == "compound")])
    name = parse_person_name(token.doc[first : token.i + 1].text)
    return name is not None and name.given is not None


def _is_subject(person: Span) -> bool:
    """True when the parse makes the person a subject, directly or as an apposition."""
    token = person.root
    for _ in range(4):
        if token.dep_ in _SUBJECT_DEPS:
            return True
        if token.dep_ not in {"appos", "compound"} or token.head is token:
            return False
        token = token.head
    return False
