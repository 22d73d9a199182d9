"""Pipeline component: statements, who said what (direct quotes and reported speech).

A statement is an attribution (a person and a reporting verb from `data/reporting.yml`) and
its content, the words said. The attribution is found on the surface, not in the parse,
which mis-reads the inverted and interjected forms these translated pages are full of:

- speaker, verb, content:   "Mr. Valery Semerikov emphasized that ...", "He said ...",
  "the Director ..., Mr. Jehangir Khan, pointed out that ...", "Pospelov, in his speech
  emphasized ...", after a setting ("Addressing the participants, X said ...").
- content, then attribution: "..., Xie Xiaoyong noted.", "..., said the CSTO Acting Secretary
  General.", "\"...,\" Semerikov said." (a quote, found back to its opening mark).
- interjected:              "I think, said Mr. Valery Semerikov, comments are unnecessary here."
  is ONE statement: its offsets run from "I think" to "here.", and its text is the content
  with the attribution cut out ("I think comments are unnecessary here.").
- "according to X, ..." / "..., according to him, “...”", with X a person; "according to
  the estimates of the Joint Staff" names no person and is left to the claims finder.
- a second verb of the same speaker ("... and expressed the hope that ...", ", while
  emphasizing that ...") ends the first content and starts a statement of its own.
- a quote opened right after the verb ("said: \"...") runs to its closing mark, or to the end
  of the paragraph when it is never closed; the words in it are never read as attributions.
- also "..., X, who noted that ..." and "As X noted, ...".

Not a statement: a speaker after "of"/"and"/a preposition ("the deputy of X said", "X and Y
said"), a passive ("X was informed"), a possessive ("X's deputy said"), a subject that is no
person ("The CSTO emphasized"), and a name in quotes before an attribution ("signed the
“Code of Conduct”, X said" is reported speech, not a quote).

A speaker is a span of `doc.spans["pg_people"]` (a reference span such as "the CSTO Acting
Secretary General" stands for its person). "He"/"she"/"according to him" resolve to the
most recent person mentioned before them, in the same or the previous paragraph, when that
mention is a speaker or a grammatical subject (or names the same person as the most recent
one that is); otherwise the statement is dropped. Gender is not used: names do not tell it
reliably, so "She" takes the most recent fitting person like "He" does.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import product

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from pressgraph.datafiles import load_yaml
from pressgraph.errors import DataError
from pressgraph.nlp import gazetteer
from pressgraph.nlp.spans import COUNTRIES, ORGS, PEOPLE, PLACES, doc_text
from pressgraph.resolve.names import parse_person_name

__all__ = ["FoundStatement", "StatementFinder"]

EXTENSION = "statements"
_DATA = "reporting.yml"
if not Doc.has_extension(EXTENSION):
    Doc.set_extension(EXTENSION, default=None)

_NAMED = (PEOPLE, ORGS, COUNTRIES, PLACES)
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
_RELATIVE = frozenset({"that", "which", "who", "whom", "whose"})
_STOPS = frozenset({".", ";", ":", "!", "?"})
_BLOCKING_TAGS = frozenset({"IN", "CC", "TO"})  # "of X", "and X", "to X": X is not a subject
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_OPEN_QUOTES = {'"': '"”', "“": '”"', "«": "»", "„": "“”"}
_CLOSE_QUOTES = {'"': '"“', "”": '“"', "»": "«"}
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_WORD = re.compile(r"\w+")
_LAST_WORD = re.compile(r"(\w+)\s*$")
_OPTIONAL = re.compile(r"\((.*)\)")
_EDGE = " \t\n,;:-–—"


@dataclass(frozen=True)
class FoundStatement:
    """What a person said, by which verb, quoted or reported, with the content's offsets."""

    speaker: Span  # the person span the statement is attributed to
    cue: Span | None  # the words that attribute it when not the speaker span ("He")
    verb: str  # lemma of the reporting verb or phrase ("say", "point out", "according to")
    quote: bool  # True when the content is inside quotation marks
    start: int  # character offsets of the content in doc.text
    end: int
    text: str  # the content; an interjected attribution is cut out of it


@dataclass(frozen=True)
class _Words:
    forms: dict[str, list[tuple[str, ...]]]  # lemma -> token sequences ("-ing" ones included)
    according_to: str
    addressee_then: dict[str, frozenset[str]]
    subject_pronouns: frozenset[str]
    object_pronouns: frozenset[str]
    between: frozenset[str]
    frames: tuple[str, ...]
    chain: tuple[tuple[str, ...], ...]
    dangling: frozenset[str]
    name_words: frozenset[str]  # honorific and rank words allowed around a name
    person_nouns: frozenset[str]  # post titles and nouns that name a person ("ambassador")


@lru_cache(maxsize=1)
def _words() -> _Words:
    data = load_yaml("pressgraph.extract", _DATA)
    titles = gazetteer.titles()
    # Only capitalized words: "of" in "General of the Army" must not carry a walk past "of X".
    written = (*titles.honorifics, *titles.ranks, *titles.post_modifiers)
    name_words = {"the"} | {w.lower() for t in written for w in t.split() if w[:1].isupper()}
    chain = (tuple(phrase.split()) for phrase in _strings(data, "chain"))
    return _Words(
        forms={
            lemma: [f for form in _strings(data["cues"], lemma) for f in _expand(form)]
            for lemma in data["cues"]
        },
        according_to=data["according_to"],
        addressee_then={
            lemma: frozenset(_strings(data["addressee_then"], lemma))
            for lemma in data["addressee_then"]
        },
        subject_pronouns=frozenset(_strings(data, "subject_pronouns")),
        object_pronouns=frozenset(_strings(data, "object_pronouns")),
        between=frozenset(w for p in _strings(data, "between_words") for w in p.split()),
        frames=tuple(_strings(data, "frames")),
        chain=tuple(sorted(chain, key=len, reverse=True)),  # "and also" before "and"
        dangling=frozenset(_strings(data, "dangling")),
        name_words=frozenset(name_words),
        person_nouns=frozenset(
            [w.lower() for head in titles.post_heads for w in head.split() if w[:1].isupper()]
            + _strings(data, "person_nouns")
        ),
    )


def _strings(data: dict[str, object], key: str) -> list[str]:
    """A list of words from the data file; YAML's `on`/`no` (read as booleans) are refused."""
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataError(
            f"pressgraph/extract/data/{_DATA}: `{key}` must be a list of words; "
            'quote the words YAML reads otherwise ("on", "no")'
        )
    return value


def _expand(form: str) -> Iterator[tuple[str, ...]]:
    """Every token sequence a form stands for: "expressed (the|his) hope" gives three."""
    slots = [
        [alt.split() for alt in ["", *m.group(1).split("|")]]
        if (m := _OPTIONAL.fullmatch(w))
        else [[w]]
        for w in form.lower().split()
    ]
    for choice in product(*slots):
        yield tuple(word for part in choice for word in part)


def _continuing(lemma: str, form: tuple[str, ...]) -> bool:
    """An "-ing" form ("emphasizing") that only continues a speaker's statement."""
    return lemma != _words().according_to and form[0].endswith("ing")


@dataclass(frozen=True)
class _Cue:
    lemma: str
    start: int  # token indices of the verb or phrase
    end: int
    continuing: bool  # an "-ing" form: only a second verb of a speaker already named


@dataclass(frozen=True)
class _Attribution:
    cue: _Cue
    speaker: Span | None  # None until a pronoun is resolved
    pronoun: Span | None  # "He", "according to him"
    start: int  # token range of speaker + verb (or verb + speaker)
    end: int
    content_from: int  # first token the content after it may start at
    previous: int | None = None  # for a second verb: the attribution it continues


class StatementFinder:
    """Finds who said what in a doc; sets `doc._.statements` to a list of FoundStatement."""

    def __init__(self, nlp: Language, *, max_appositive: int, pronoun_paragraphs: int) -> None:
        self.max_appositive = max_appositive
        self.pronoun_paragraphs = pronoun_paragraphs
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for lemma, forms in _words().forms.items():
            for continuing in (False, True):
                chosen = [f for f in forms if _continuing(lemma, f) == continuing]
                if chosen:
                    key = f"{lemma}|{'ing' if continuing else ''}"
                    self.matcher.add(key, [nlp.make_doc(" ".join(f)) for f in chosen])

    def __call__(self, doc: Doc) -> Doc:
        context = _Context(doc, self.max_appositive)
        found = self._attributions(doc, context)
        found = self._resolve(context, found)
        doc._.set(EXTENSION, list(_dedupe(_statements(doc, context, found))))
        return doc

    def _cues(self, doc: Doc) -> list[_Cue]:
        spans = [Span(doc, s, e, label=m) for m, s, e in self.matcher(doc)]
        cues = []
        for span in filter_spans(spans):
            lemma, ing = span.label_.split("|")
            if lemma != _words().according_to and span[0].tag_.startswith("NN"):
                continue  # "the remarks of", "notes"
            cues.append(_Cue(lemma, span.start, span.end, bool(ing)))
        return cues

    def _attributions(self, doc: Doc, context: _Context) -> list[_Attribution]:
        found: list[_Attribution] = []
        for cue in self._cues(doc):
            if context.in_quote(doc[cue.start].idx):
                continue  # the quoted words of someone (or a title), not an attribution
            unit = context.unit_of(cue.start)
            same_unit = found[-1] if found and context.unit_of(found[-1].start) == unit else None
            attribution = _attribute(doc, context, cue, unit, same_unit, len(found) - 1)
            if attribution is not None:
                found.append(attribution)
        return found

    def _resolve(self, context: _Context, found: list[_Attribution]) -> list[_Attribution]:
        """Pronouns get the person they stand for; second verbs the speaker of the first."""
        speakers = [a.speaker for a in found if a.speaker is not None]
        candidates = {(s.start_char, s.end_char) for s in speakers}
        candidates |= {(p.start_char, p.end_char) for p in context.people if _is_subject(p)}
        resolved: list[_Attribution] = []
        for attribution in found:
            if attribution.previous is not None:
                prior = resolved[attribution.previous]
                attribution = replace(attribution, speaker=prior.speaker, pronoun=prior.pronoun)
            elif attribution.speaker is None and attribution.pronoun is not None:
                person = self._antecedent(context, attribution.pronoun, candidates)
                attribution = replace(attribution, speaker=person)
            resolved.append(attribution)
        return resolved

    def _antecedent(
        self, context: _Context, pronoun: Span, candidates: set[tuple[int, int]]
    ) -> Span | None:
        """The most recent person before a pronoun that is a speaker or a subject."""
        paragraph = context.paragraph_of(pronoun.start_char)
        before = [
            p
            for p in context.people
            if p.end_char <= pronoun.start_char
            and context.paragraph_of(p.start_char) >= paragraph - self.pronoun_paragraphs
        ]
        if not before:
            return None
        last = before[-1]
        fitting = [p for p in before if (p.start_char, p.end_char) in candidates]
        if not fitting:
            return None
        if fitting[-1] is not last and last.kb_id_ != fitting[-1].kb_id_:
            return None  # someone else was named in between ("Ivanov's plan, he said, ...")
        if _someone_else(context, fitting[-1].end_char, pronoun.start_char):
            return None  # "X said ... The ambassador thanked ... He said": who is "he"?
        return fitting[-1]


class _Context:
    """What every rule looks up: people in order, their titles, sentence units, paragraphs."""

    def __init__(self, doc: Doc, max_appositive: int) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.max_appositive = max_appositive
        self.people: list[Span] = sorted(doc.spans.get(PEOPLE, []), key=lambda s: s.start)
        # Tokens of a mention: a person, an organization, a country, a place.
        spans = [span for group in _NAMED for span in doc.spans.get(group, [])]
        self.named = {i for span in spans for i in range(span.start, span.end)}
        self.paragraph_starts = [0] + [m.end() for m in _PARAGRAPH_BREAK.finditer(self.text)]
        self.quotes = list(_closed_quotes(self.text, self.paragraph_starts))
        self.units = list(_units(doc))
        self._unit_starts = [u[0] for u in self.units]
        self.titles: dict[tuple[int, int], list[tuple[int, int]]] = {}
        roles = doc._.roles if Doc.has_extension("roles") else None
        for role in roles or []:
            key = (role.person.start_char, role.person.end_char)
            self.titles.setdefault(key, []).append((role.start, role.end))

    def in_quote(self, char: int) -> bool:
        """True inside a pair of quotation marks closed in the same paragraph."""
        return any(start < char < end for start, end in self.quotes)

    def unit_of(self, token: int) -> tuple[int, int]:
        """The sentence piece (token range, never across a paragraph) a token is in."""
        return self.units[bisect.bisect_right(self._unit_starts, token) - 1]

    def paragraph_of(self, char: int) -> int:
        """Index of the paragraph a character offset is in."""
        return bisect.bisect_right(self.paragraph_starts, char) - 1

    def paragraph_end(self, char: int) -> int:
        """Character offset where the paragraph of `char` ends (before its blank line)."""
        index = self.paragraph_of(char)
        match = _PARAGRAPH_BREAK.search(self.text, self.paragraph_starts[index])
        return match.start() if match else len(self.text.rstrip())

    def title_before(self, person: Span) -> int:
        """First token of the person's phrase: a title written before the name, "the", "Mr."."""
        start = person.start
        for role_start, role_end in self.titles.get((person.start_char, person.end_char), []):
            if role_end == person.end_char and role_start < person.start_char:
                span = self.doc.char_span(role_start, person.start_char, alignment_mode="expand")
                if span is not None and not _has_finite_verb(span):
                    start = min(start, span.start)
        while start > 0 and self.doc[start - 1].lower_ in _words().name_words:
            start -= 1
        return start

    def title_after(self, person: Span) -> int:
        """Token after the person's phrase: a title written after the name ("X, Director of Y")."""
        end = person.end
        for role_start, role_end in self.titles.get((person.start_char, person.end_char), []):
            if role_start == person.start_char and role_end > person.end_char:
                span = self.doc.char_span(person.end_char, role_end, alignment_mode="expand")
                if span is not None and not _has_finite_verb(span):
                    end = max(end, span.end)
        return end


def _someone_else(context: _Context, start: int, end: int) -> bool:
    """True when a subject between two offsets may be a person who is not a mention: a name
    the model missed ("In turn, Natalia Gherman thanked ...") or a post ("The ambassador ...")."""
    doc = context.doc
    span = doc.char_span(start, end, alignment_mode="contract")
    for token in span if span is not None else []:
        if token.dep_ not in _SUBJECT_DEPS or token.i in context.named:
            continue
        if token.lower_ in _words().person_nouns:
            return True
        if token.pos_ == "PROPN" and (token.ent_type_ == "PERSON" or _looks_like_name(token)):
            return True  # a name the person finder did not take
    return False


def _looks_like_name(token: Token) -> bool:
    """A proper noun with its compounds that parses as a given name and a surname."""
    first = min([token.i, *(c.i for c in token.children if c.dep_ == "compound")])
    name = parse_person_name(token.doc[first : token.i + 1].text)
    return name is not None and name.given is not None


def _closed_quotes(text: str, paragraph_starts: list[int]) -> Iterator[tuple[int, int]]:
    """(opening, closing) offsets of each quote closed within its paragraph."""
    ends = [*paragraph_starts[1:], len(text)]
    for start, end in zip(paragraph_starts, ends, strict=True):
        at = start
        while at < end:
            if text[at] in _OPEN_QUOTES:
                close = next(
                    (i for i in range(at + 1, end) if text[i] in _OPEN_QUOTES[text[at]]), None
                )
                if close is None:
                    break  # never closed: a quote running to the paragraph end
                yield at, close
                at = close
            at += 1


def _units(doc: Doc) -> Iterator[tuple[int, int]]:
    """Sentences, cut again at blank lines (the parser sometimes runs over them)."""
    for sent in doc.sents:
        start = sent.start
        for token in sent:
            if token.is_space and _PARAGRAPH_BREAK.search(token.text):
                if token.i > start:
                    yield start, token.i
                start = token.i + 1
        if sent.end > start:
            yield start, sent.end


def _has_finite_verb(tokens: Iterable[Token]) -> bool:
    return any(t.tag_ in _FINITE for t in tokens)


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


# --- attributions --------------------------------------------------------------------------------


def _attribute(
    doc: Doc,
    context: _Context,
    cue: _Cue,
    unit: tuple[int, int],
    prior: _Attribution | None,
    prior_index: int,
) -> _Attribution | None:
    """The attribution a cue makes, or None when it names no person."""
    if cue.lemma == _words().according_to:
        return _according_to(doc, context, cue, unit)
    if not cue.continuing and (found := _speaker_before(doc, context, cue, unit)) is not None:
        return found
    if (chained := _second_verb(doc, cue, unit, prior, prior_index)) is not None:
        return chained
    if cue.continuing:
        return None
    return _speaker_after(doc, context, cue, unit)


def _content_from(doc: Doc, cue: _Cue, end: int) -> int:
    """Where the content starts: after an addressee for verbs like "informed X about"."""
    words = _words().addressee_then.get(cue.lemma)
    if words:
        for i in range(cue.end, min(cue.end + 6, len(doc))):
            if doc[i].lower_ in words:
                return i + 1
            if doc[i].is_punct:
                break
    return end


def _speaker_before(
    doc: Doc, context: _Context, cue: _Cue, unit: tuple[int, int]
) -> _Attribution | None:
    """ "X [, title,] [also] said": the nearest person or pronoun before the verb."""
    pronoun = next(
        (t for t in reversed(doc[unit[0] : cue.start]) if t.lower_ in _words().subject_pronouns),
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
        return _Attribution(cue, None, doc[pronoun.i : pronoun.i + 1], pronoun.i, cue.end, content)
    if person is None:
        return None
    gap = [t for t in doc[person.end : cue.start] if not t.is_space]
    relative = [t.lower_ for t in gap if t.lower_ not in _words().between] == [",", "who"]
    if not relative and not _gap_ok(gap, context.max_appositive):
        return None
    start = context.title_before(person)
    if start > unit[0] and not _subject_place(doc, start, cue, gap, relative=relative):
        return None
    if _coordinated(person):
        return None  # "X, and the UNODC representative Y said": said together
    return _Attribution(cue, person, None, start, cue.end, content)


def _subject_place(doc: Doc, start: int, cue: _Cue, gap: list[Token], *, relative: bool) -> bool:
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
    if _has_finite_verb(gap) or any(
        t.lower_ in _RELATIVE or t.text in _STOPS or t.is_quote for t in gap
    ):
        return False
    between = _words().between
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
    doc: Doc, cue: _Cue, unit: tuple[int, int], prior: _Attribution | None, prior_index: int
) -> _Attribution | None:
    """ "... and expressed the hope", ", while emphasizing": the speaker of the verb before."""
    if prior is None:
        return None
    floor = max(unit[0], prior.end)
    words = [t.lower_ for t in doc[floor : cue.start]]
    joint = next((p for p in _words().chain if tuple(words[-len(p) :]) == p), None)
    if joint is None:
        return None
    start = cue.start - len(joint)
    while start > floor and doc[start - 1].text == ",":
        start -= 1
    content = _content_from(doc, cue, cue.end)
    return _Attribution(cue, None, None, start, cue.end, content, prior_index)


def _speaker_after(
    doc: Doc, context: _Context, cue: _Cue, unit: tuple[int, int]
) -> _Attribution | None:
    """ ", said Mr. X," / ", emphasized Mr. J. Khan,": an inverted verb after the content."""
    if cue.start == unit[0] or not (doc[cue.start - 1].text == "," or doc[cue.start - 1].is_quote):
        return None
    found = _person_after(doc, context, cue.end, unit)
    if found is None:
        return None
    person, end = found
    return _Attribution(cue, person, None, cue.start, end, end)


def _person_after(
    doc: Doc, context: _Context, start: int, unit: tuple[int, int]
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
    doc: Doc, context: _Context, cue: _Cue, unit: tuple[int, int]
) -> _Attribution | None:
    """ "According to X, ..." with X a person or "him"/"her"; "according to reports" is not."""
    if cue.end < unit[1] and doc[cue.end].lower_ in _words().object_pronouns:
        end = cue.end + 1
        if end < unit[1] and doc[end].text not in {",", *_STOPS} and not doc[end].is_quote:
            return None  # "according to her report"
        return _Attribution(cue, None, doc[cue.start : end], cue.start, end, end)
    found = _person_after(doc, context, cue.end, unit)
    if found is None:
        return None
    person, end = found
    return _Attribution(cue, person, None, cue.start, end, end)


# --- contents ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Content:
    start: int
    end: int
    text: str
    quote: bool


def _statements(doc: Doc, context: _Context, found: list[_Attribution]) -> Iterator[FoundStatement]:
    """Each attribution with the content it governs, in text order."""
    claimed = 0  # characters before this belong to an earlier statement (or its quote)
    for i, attribution in enumerate(found):
        if doc[attribution.start].idx < claimed:
            continue  # inside a quote already attributed
        unit = context.unit_of(attribution.start)
        follower = found[i + 1] if i + 1 < len(found) else None
        right = follower.start if follower and context.unit_of(follower.start) == unit else unit[1]
        content = _content(context, attribution, claimed, right)
        if content is None or attribution.speaker is None:
            continue
        claimed = max(claimed, content.end, _char_end(doc, attribution.end - 1))
        yield FoundStatement(
            speaker=attribution.speaker,
            cue=attribution.pronoun,
            verb=attribution.cue.lemma,
            quote=content.quote,
            start=content.start,
            end=content.end,
            text=content.text,
        )


def _content(
    context: _Context, attribution: _Attribution, claimed: int, right: int
) -> _Content | None:
    """What was said: a quote, the words after the verb, before the speaker, or both."""
    doc, text = context.doc, context.text
    a_start = doc[attribution.start].idx
    a_end = _char_end(doc, attribution.end - 1)
    after_start = _char_end(doc, attribution.content_from - 1)
    quoted = _quote_after(context, after_start)
    if quoted is not None:
        return quoted
    after_end = _char_end(doc, right - 1) if right > attribution.content_from else after_start
    after = _trim(text, after_start, after_end)
    left = max(claimed, doc[context.unit_of(attribution.start)[0]].idx)
    before = _trim(text, left, a_start) if left < a_start else None
    if before is not None and _is_setting(context, *before):
        before = None
    if after is None:
        if before is None:
            return None
        quoted = _quote_before(context, claimed, a_start)
        if quoted is not None:
            return quoted
        if not _has_finite_verb(_tokens(doc, *before)):
            return None  # "In his speech, X said." has nothing said
        return _Content(before[0], before[1], text[before[0] : before[1]], False)
    if (
        before is not None
        and text[before[1] : a_start].strip() == ","
        and text[a_end : after[0]].strip() == ","
    ):
        # Interjected: "I think, said X, comments are unnecessary here."
        words = f"{text[before[0] : before[1]]} {text[after[0] : after[1]]}"
        return _Content(before[0], after[1], words, False)
    return _Content(after[0], after[1], text[after[0] : after[1]], False)


def _tokens(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _char_end(doc: Doc, token: int) -> int:
    return doc[token].idx + len(doc[token].text)


def _is_setting(context: _Context, start: int, end: int) -> bool:
    """ "Addressing the participants", "In his speech": where it was said, not what."""
    lowered = context.text[start:end].lower()
    framed = any(
        lowered == frame or lowered.startswith((frame + " ", frame + ","))
        for frame in _words().frames
    )
    return framed and not _has_finite_verb(_tokens(context.doc, start, end))


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The content between two offsets without edge punctuation, a leading "that" or
    "however,", or a dangling "since" at the end."""
    dangling = _words().dangling
    while True:
        while start < end and text[start] in _EDGE:
            start += 1
        while end > start and text[end - 1] in _EDGE:
            end -= 1
        first = _WORD.match(text, start)
        if first and first.end() < end and _leads(first.group().lower(), text[first.end()]):
            start = first.end()
            continue
        last = _LAST_WORD.search(text, start, end)
        if last and last.group(1).lower() in dangling:
            end = last.start(1)
            continue
        break
    return (start, end) if _WORD.search(text, start, end) else None


def _leads(word: str, after: str) -> bool:
    """A first word that is not content: "that", or a word like "however" set off by a comma."""
    return word == "that" or (after == "," and word in _words().dangling)


def _quote_after(context: _Context, start: int) -> _Content | None:
    """A quote opened right after the verb (past ":" or ","), to its close or paragraph end."""
    text = context.text
    at = start
    while at < len(text) and text[at] in " \t:,":
        at += 1
    if at >= len(text) or text[at] not in _OPEN_QUOTES:
        return None
    stop = context.paragraph_end(at)
    closers = _OPEN_QUOTES[text[at]]
    close = next((i for i in range(at + 1, stop) if text[i] in closers), stop)
    rest = text[close + 1 : stop].lstrip()
    if close < stop and rest and rest[0] not in ".,;:!?":
        return None  # said "X" is ...: a quoted phrase inside reported speech
    return _quoted(text, at + 1, close)


def _quote_before(context: _Context, claimed: int, end: int) -> _Content | None:
    """ "\"...,\" Semerikov said": a quote that ends right before the attribution."""
    text = context.text
    close = len(text[:end].rstrip(" \t,"))
    if close == 0 or text[close - 1] not in _CLOSE_QUOTES:
        return None
    close -= 1
    openers = _CLOSE_QUOTES[text[close]]
    floor = context.paragraph_starts[context.paragraph_of(close)]
    opening = next((i for i in range(close - 1, floor - 1, -1) if text[i] in openers), None)
    if opening is None or opening < claimed:
        return None
    lead = text[max(claimed, floor) : opening].rstrip()
    if lead and lead[-1] not in ".!?:":
        return None  # 'they signed the “Code of Conduct”, X said': a name in quotes
    return _quoted(text, opening + 1, close)


def _quoted(text: str, start: int, end: int) -> _Content | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in " \t\n,":
        end -= 1
    if not _WORD.search(text, start, end):
        return None
    return _Content(start, end, text[start:end], True)


def _dedupe(statements: Iterable[FoundStatement]) -> Iterator[FoundStatement]:
    """One statement per content: the first attribution of the same words wins."""
    seen: set[tuple[int, int]] = set()
    for statement in statements:
        if (statement.start, statement.end) not in seen:
            seen.add((statement.start, statement.end))
            yield statement


@Language.factory(
    "pressgraph_statements",
    requires=["doc.spans", "doc.sents"],
    assigns=[f"doc._.{EXTENSION}"],
    default_config={"max_appositive": 30, "pronoun_paragraphs": 1},
)
def make_statements(
    nlp: Language, name: str, *, max_appositive: int, pronoun_paragraphs: int
) -> StatementFinder:
    """Factory of the statement finder: `max_appositive` tokens of ", title," between a
    speaker and the verb; a pronoun looks back `pronoun_paragraphs` paragraphs for its person."""
    return StatementFinder(
        nlp, max_appositive=max_appositive, pronoun_paragraphs=pronoun_paragraphs
    )
