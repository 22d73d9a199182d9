"""Code names: one event per named exercise, training or operation, quoted or not
('trainings "Echelon-2021", "Search-2021" and "Interaction-2021"' are three events;
"Cyber-Anti-Terror-2016", "the Rubezh 2020 exercise", "units (Poisk 2020)"). A code name
takes its kind from the nearest exercise, training or operation noun of its sentence and
its facts from what that noun's verbs say ("... started in Tajikistan"); an event named in
the opening of another ("the opening ceremony of the trainings ... took place on October
18") starts when it opens."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from pressgraph.extract.events.anchors import happens
from pressgraph.extract.events.draft import Draft, said_in_sentence
from pressgraph.extract.events.nouns import QUOTE, Noun, event_noun, norm_name
from pressgraph.extract.events.reading import read_facts
from pressgraph.extract.events.story import Story, identity, sentence_range
from pressgraph.extract.events.verbs import Told

_QUOTED = re.compile(QUOTE)
_CODE = re.compile(r"[A-Z][\w]*(?:[- ](?:[A-Z][\w]*|\d{4}))*\Z")  # "Combat Brotherhood-2025"
_YEARED = re.compile(  # "Cooperation-2024", "Northern Shield-2024" (an article is no part)
    r"(?<![\w-])(?:(?!(?:The|A|An|In|On|At|Of)\b)[A-Z][a-z]+[^\S\n]){0,2}"
    r"[A-Z][a-z]+(?:-[A-Z]?[a-z]+)*(?:-|[^\S\n]?[–—][^\S\n]?)(?:19|20)\d{2}(?![\w-])"
)
_NAME_YEAR = re.compile(r"(?<![\w-])[A-Z][a-z]+ (?:19|20)\d{2}(?![\w-])")
# "Operation Neptune VI", "Exercise Sea Breeze 2024": a capitalized event noun, then its name
# (capitalized words, a Roman number, a year); the noun is part of the name.
_TITLED = re.compile(
    r"(?<![\w-])(?P<noun>[A-Z][a-z]+)(?:[^\S\n](?:[A-Z][a-z][\w-]*|[IVX]{1,5}|(?:19|20)\d{2})"
    r"(?![\w-])){1,3}"
)
_MAX_WORDS = 4


@dataclass
class ListIntro:
    """The exercise, training or operation noun that introduces a list of code names in the
    sentences after it ("nineteen joint drills have been conducted in: / Armenia (Atom-2006,
    Ararat-2019); / Belarus (Bastion-2008);")."""

    noun: Noun | None = None


def add_code_names(
    story: Story, drafts: list[Draft], sent: Span, told: list[Told], intro: ListIntro
) -> None:
    """Make an event of every code name of the sentence that no event carries yet; an event
    named in an opening starts with it."""
    for said, draft in told:
        _opened_by(story, draft, said.noun, told)
    nouns = [
        n
        for t in story.nouns_in(sent)
        if (n := event_noun(story, t)) and n.kind in story.lex.code_kinds
    ]
    names = [(s, e) for s, e in _code_names(story, sent) if not _names_venue(story, s)]
    nouns = sorted([*nouns, *_title_nouns(story, names, nouns)], key=lambda n: n.token.i)
    if nouns:
        intro.noun = nouns[-1]
    elif not any(_YEARED.fullmatch(story.text, s, e) for s, e in names):
        intro.noun = None
    alone = _alone_per_noun(story, nouns, names)
    for start, end in names:
        name = story.text[start:end]
        known = _carrying(drafts, name)
        if known is not None:
            known.mentions.add(sentence_range(sent))
        elif (start, end) in alone and (unnamed := _noun_draft(alone[start, end], told)):
            # "the joint exercise Cooperation-2024 took place": one exercise, named
            unnamed.name = unnamed.label = name
        elif nouns and _same_line(story.text, nearest := _nearest(nouns, start, end), start):
            drafts.append(_named_by_noun(story, name, nearest, sent, told))
        elif nouns:
            drafts.append(_listed(story, name, nearest, sent, start))
        elif intro.noun is not None and _YEARED.fullmatch(story.text, start, end):
            drafts.append(_listed(story, name, intro.noun, sent, start))


def _alone_per_noun(
    story: Story, nouns: list[Noun], names: list[tuple[int, int]]
) -> dict[tuple[int, int], Noun]:
    """The code names that are the only name of their nearest noun (on its line)."""
    if not nouns:
        return {}
    by_noun: dict[int, list[tuple[int, int]]] = {}
    for start, end in names:
        nearest = _nearest(nouns, start, end)
        if _same_line(story.text, nearest, start):
            by_noun.setdefault(nearest.token.i, []).append((start, end))
    return {
        found[0]: next(n for n in nouns if n.token.i == i)
        for i, found in by_noun.items()
        if len(found) == 1
    }


def _noun_draft(noun: Noun, told: list[Told]) -> Draft | None:
    """The unnamed event a noun of the sentence already made."""
    for said, draft in told:
        if said.noun.token.i == noun.token.i and draft.name is None:
            return draft
    return None


def _nearest(nouns: list[Noun], start: int, end: int) -> Noun:
    return min(nouns, key=lambda n: _distance(n.token, start, end))


def _same_line(text: str, noun: Noun, at: int) -> bool:
    lo, hi = sorted((noun.token.idx, at))
    return "\n" not in text[lo:hi]


def _named_by_noun(story: Story, name: str, noun: Noun, sent: Span, told: list[Told]) -> Draft:
    """A code name with the facts the noun of its sentence is said with."""
    said = said_in_sentence(story, noun, sent)
    draft = Draft(noun.kind, name, sentence_range(sent), happens(said.anchors), said.body)
    draft.label = name
    read_facts(story, draft, said)
    _opened_by(story, draft, noun, told)
    return draft


def _listed(story: Story, name: str, noun: Noun, sent: Span, at: int) -> Draft:
    """A code name in a list item, of the kind of the noun that introduced the list; the one
    place of its line is where it was ("Republic of Armenia (Atom-Antiterror - 2006)")."""
    draft = Draft(noun.kind, name, sentence_range(sent), False, None)
    draft.label = name
    draft.mentions.add(draft.sentence)
    text = story.text
    lo, hi = text.rfind("\n", 0, at) + 1, text.find("\n", at) % (len(text) + 1)
    places = [p for p in story.places if lo <= p.start_char and p.end_char <= hi]
    if len({identity(story, p) for p in places}) == 1:
        draft.place = places[0]
    return draft


def _code_names(story: Story, sent: Span) -> Iterator[tuple[int, int]]:
    """Character ranges of the code names in a sentence, in order."""
    text, lo, hi = story.text, sent.start_char, sent.end_char
    seen: list[tuple[int, int]] = []
    for m in _QUOTED.finditer(text, lo, hi):
        inner = m.group()[1:-1].strip()
        if len(inner.split()) <= _MAX_WORDS and _CODE.match(inner):
            seen.append((m.start(), m.end()))
    for m in _TITLED.finditer(text, lo, hi):
        if _titled(story, m) and not any(s <= m.start() < e for s, e in seen):
            seen.append((m.start(), m.end()))
    for pattern in (_YEARED, _NAME_YEAR):
        for m in pattern.finditer(text, lo, hi):
            if pattern is _NAME_YEAR and not _set_off(story, m.start(), m.end()):
                continue
            if not any(s <= m.start() < e for s, e in seen):
                seen.append((m.start(), m.end()))
    yield from sorted(seen)


def _title_nouns(story: Story, names: list[tuple[int, int]], nouns: list[Noun]) -> list[Noun]:
    """The event noun that opens a titled name ("Operation" of "Operation Neptune VI"), which
    the parser reads as a proper noun: the name's own noun, so its facts are read from it."""
    have = {n.token.i for n in nouns}
    found: list[Noun] = []
    for start, end in names:
        m = _TITLED.fullmatch(story.text, start, end)
        span = story.doc.char_span(start, end, alignment_mode="expand") if m else None
        if m is None or span is None or span.start in have:
            continue
        if m.group("noun").lower() not in story.lex.code_titles:
            continue
        forms = story.lex.nouns.get(m.group("noun").lower(), ())
        kind = next((k for _, k, _ in forms if k in story.lex.code_kinds), None)
        if kind is not None:  # "Zapad 2021" fits the pattern too, with no event noun
            found.append(Noun(span[0], span.start, kind, False, False))
    return found


def _titled(story: Story, found: re.Match[str]) -> bool:
    """Whether a capitalized word and the names after it are a code-named event ("Operation
    Neptune VI"): the word is an event noun of a code-name kind, the name no organization."""
    if found.group("noun").lower() not in story.lex.code_titles:
        return False
    span = story.doc.char_span(found.end("noun") + 1, found.end(), alignment_mode="expand")
    return span is not None and not any(i in story.claimed for i in range(span.start, span.end))


def _names_venue(story: Story, start: int) -> bool:
    """Whether a quoted name names a venue ('the training ground ... "Zarya"'): the
    words it hangs from reach a venue noun before an event noun."""
    span = story.doc.char_span(start, start + 1, alignment_mode="expand")
    if span is not None and span.start > 0 and span.doc[span.start - 1].lower_ in story.lex.venues:
        return True  # 'the Park-Hotel "Sosny"'
    tok = None if span is None else span.root.head
    for _ in range(4):
        if tok is None or event_noun(story, tok) is not None:
            return False
        if tok.lower_ in story.lex.venues:
            return True
        tok = None if tok.head.i == tok.i else tok.head
    return False


def _set_off(story: Story, start: int, end: int) -> bool:
    """Whether an unquoted "Name 2020" is set off as a name: in parentheses, or right before
    an event noun (an optional [gloss] between: "the Rubezh 2020 [Border] exercise")."""
    text = story.text
    if text[max(0, start - 1) : start] == "(" and text[end : end + 1] == ")":
        return True
    rest = re.match(r"\s*(?:\[[^\]\n]{1,40}\]\s*)?(\w+)", text[end : end + 60])
    if rest is None:
        return False
    forms = story.lex.nouns.get(rest.group(1).lower(), ())
    return any(kind in story.lex.code_kinds for _, kind, _ in forms)


def _carrying(drafts: list[Draft], name: str) -> Draft | None:
    words = set(norm_name(name))
    for draft in drafts:
        if draft.name is not None and set(norm_name(draft.name)) == words:
            return draft
    return None


def _distance(tok: Token, start: int, end: int) -> int:
    """How far a noun is from a name; a noun before the name is nearer than one after."""
    if tok.idx < start:
        return start - tok.idx
    return tok.idx - end + 1000


def _opened_by(story: Story, draft: Draft, noun: Noun, told: list[Told]) -> None:
    """An event in the "of" phrase of an opening ("the opening ceremony of the trainings")
    starts on the opening's day, where the opening is."""
    tok = noun.token
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ != "of":
        return
    opening = prep.head
    if not any(c.lower_ in story.lex.opening_words for c in (opening, *opening.lefts)):
        return
    for said, other in told:
        if said.noun.token.i == opening.i and other.start is not None and other is not draft:
            draft.start, draft.end = draft.start or other.start, draft.end or other.start
            draft.place = draft.place or other.place
            return
