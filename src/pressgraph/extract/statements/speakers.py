"""Speaker resolution: "He"/"she"/"according to him" get the person they stand for, and a
second verb ("... and expressed the hope") the speaker of the verb it continues."""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span, Token

from pressgraph.extract.statements.context import Context
from pressgraph.extract.statements.grammar import is_subject
from pressgraph.extract.statements.lexicon import lexicon
from pressgraph.extract.statements.records import Attribution
from pressgraph.resolve.names import parse_person_name

# A pronoun resolves to the most recent person before it, in the same or the previous
# paragraph (`pronoun_paragraphs`), that is a speaker or a grammatical subject: a person named
# in between as an object or inside what was said does not take it ("Ivanov reported to
# President Petrov ... He said", "Khan pointed out that, despite the elimination of
# al-Baghdadi, ... According to him"). A subject in between that names no person mention (a
# post nobody of the story holds, a name the model missed) makes the pronoun unclear, and the
# statement is dropped. Gender is not used: names do not tell it reliably, so "She" takes the
# most recent fitting person like "He" does.

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_DOCUMENT_PARAGRAPHS = 2


def resolve_speakers(
    context: Context, found: list[Attribution], pronoun_paragraphs: int
) -> list[Attribution]:
    """Pronouns get the person they stand for; second verbs the speaker of the first."""
    speakers = [a.speaker for a in found if a.speaker is not None]
    candidates = {(s.start_char, s.end_char) for s in speakers}
    candidates |= {(p.start_char, p.end_char) for p in context.people if is_subject(p)}
    resolved: list[Attribution] = []
    for attribution in found:
        if attribution.previous is not None:
            prior = resolved[attribution.previous]
            attribution = replace(attribution, speaker=prior.speaker, pronoun=prior.pronoun)
        elif attribution.document:
            attribution = replace(attribution, speaker=_author(context, attribution, resolved))
        elif attribution.speaker is None and attribution.pronoun is not None:
            person = _antecedent(context, attribution.pronoun, candidates, pronoun_paragraphs)
            attribution = replace(attribution, speaker=person)
        resolved.append(attribution)
    return resolved


def _author(context: Context, attribution: Attribution, resolved: list[Attribution]) -> Span | None:
    """ "the statement reads": the speaker of the statement just before, within a paragraph
    or two ("the statement by X says ... The statement also reads")."""
    at = context.doc[attribution.start].idx
    floor = context.paragraph_of(at) - _DOCUMENT_PARAGRAPHS
    for prior in reversed(resolved):
        if context.paragraph_of(context.doc[prior.start].idx) < floor:
            return None
        if prior.speaker is not None:
            return prior.speaker
    return None


def _antecedent(
    context: Context,
    pronoun: Span,
    candidates: set[tuple[int, int]],
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
    fitting = [p for p in before if (p.start_char, p.end_char) in candidates]
    if not fitting:
        return None
    if _someone_else(context, fitting[-1].end_char, pronoun.start_char):
        return None  # "X said ... The ambassador thanked ... He said": who is "he"?
    return fitting[-1]


def _someone_else(context: Context, start: int, end: int) -> bool:
    """True when a subject between two offsets may be a person who is not a mention: a name
    the model missed ("In turn, Natalia Gherman thanked ...") or a post ("The ambassador ...")."""
    doc = context.doc
    span = doc.char_span(start, end, alignment_mode="contract")
    for token in span if span is not None else []:
        if token.dep_ not in _SUBJECT_DEPS or token.i in context.named:
            continue
        if context.in_quote(token.idx):
            continue  # the subjects of quoted words are the speaker's words, not people here
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
