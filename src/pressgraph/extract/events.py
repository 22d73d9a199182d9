"""Pipeline component: events (what happened, when, where, in what format, who organized,
chaired and took part), one record per real event of a story.

An event noun (data/events.yml: conference, forum, meeting, session, exercise, visit...) is a
new event when a verb ties it to something happening ("Moscow hosted the Conference", "a
meeting ... was held", "participated in the meeting", "trainings held in ...") or when the
text gives it a quoted name ('"Combat Brotherhood-2019" trainings'); "X met with Y" is a
meeting too. A later "the conference", "the forum", "today's conference", "the event", or the
name again, adds its sentence to the event told last of that kind; "the next meeting" is
another event. A plural noun without a name ("five sessions", "such events") is never an
event, nor is a capitalized title without a verb (it may be a body: "the Conference on ...").

Facts are read only from words that hang from the noun or its verb with no other verb or
possessor between them (the dependency parse): "In his video message to the forum
participants" says how one speaker took part, not how the forum was held.

- when:   a day or month under the noun or its verb, anchored on the story date ("On October
          30, 2019, Moscow hosted", "held ... on June 28-30, 2021", "From 25 to 27 July").
- where:  a place or country after "in"/"at" (a visit: "to"), possibly inside a venue ("at
          the training ground in Tajikistan"), or the subject of "hosted"; several different
          places ("held in Belarus, Russia, and Tajikistan") give none.
- format: cue words under the noun or under a verb saying the event happened (not under
          "took part": that is how one participant took part); an in-person and a video cue
          together make it mixed; with no cue, an event with a place, or a visit, is in person.
- who:    "under the chairmanship of" / "chaired by" (chair), "organized by" / "at the
          initiative of" (organizations organize; a person who initiates is the host),
          "participated in", "was attended by", "with the participation of", "held ... with",
          "between" (participants; an organization or country inside someone's title is not
          one). People the story reports speaking ("said", "pointed out", "according to") are
          speakers at its first conference, meeting, session or ceremony; a head of delegation
          (a role from extract/roles.py) takes part as such, with the delegation's organization.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pressgraph.datafiles import load_yaml
from pressgraph.extract.dates import DateMention, find_dates
from pressgraph.nlp.spans import COUNTRIES, ORGS, PEOPLE, PLACES, doc_text
from pressgraph.resolve.names import parse_person_name, same_person

if not Doc.has_extension("events"):
    Doc.set_extension("events", default=None)

_DATE_KEY = "pressgraph.date"  # the story date, set by nlp.pipeline before the pipeline runs
_VERBS = frozenset({"VERB", "AUX"})
_NOUNS = frozenset({"NOUN", "PROPN"})
_NOT_TITLE = frozenset({"DET", "ADP", "PRON", "CCONJ", "SCONJ", "PUNCT", "VERB", "AUX", "PART"})
_CONNECTORS = frozenset({"of", "on", "for", "and", "in", "against", "the", "to", "-", "–"})
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")
_QUOTE = r"“[^“”\n]{1,250}”|\"[^\"\n]{1,250}\"|«[^«»\n]{1,250}»|„[^„“”\n]{1,250}[“”]"
_QUOTED_AFTER = re.compile(rf"[^\S\n]*(?:{_QUOTE})")
_QUOTED_BEFORE = re.compile(rf"(?:{_QUOTE})[^\S\n]*$")
_OF_THE = re.compile(r"[^\S\n]+of[^\S\n]+(?:the[^\S\n]+)?")
_BODY_GAP = re.compile(rf"[^\S\n]*(?:(?:{_QUOTE})[^\S\n]*)?")
_GLOSS_GAP = re.compile(r"\s*\(\s*")
_NAME_NOISE = re.compile(r"[^\w\s-]+")
_LIST_WORDS = frozenset({"and", "as", "well", "the"})
_ITEM_ENDS = frozenset({",", ";", ".", ":"})
_RELATIVES = frozenset({"who", "which", "whose", "where", "that", "while"})


@dataclass(frozen=True)
class Participant:
    """Who took part in an event, and how."""

    entity: Span  # a PERSON, ORG or GPE span
    part: str  # chair | host | speaker | participant | delegation_head


@dataclass(frozen=True)
class FoundEvent:
    """One event of a story with what the story says about it and where it says it."""

    kind: str  # conference | meeting | session | exercise | visit | ceremony | operation | ...
    name: str | None  # as written, quotes included: '"Combat Brotherhood-2019"'
    start: str | None  # ISO date (or YYYY-MM); a one-day event has start == end
    end: str | None
    place: Span | None  # a LOC or GPE span
    format: str | None  # in_person | video | mixed
    organizers: tuple[Span, ...]
    chair: Span | None
    participants: tuple[Participant, ...]
    start_char: int  # evidence: the sentence that introduces the event
    end_char: int
    mentions: tuple[tuple[int, int], ...]  # every sentence that speaks of the event
    body: Span | None = None  # the organization whose event it is: "a meeting of the Council"


# ---------------------------------------------------------------- the word lists


_Phrase = tuple[str, ...]


@dataclass(frozen=True)
class _Lexicon:
    nouns: dict[str, tuple[tuple[_Phrase, str, bool], ...]]  # last word -> (words, kind, plural)
    generic: frozenset[str]
    speech_kinds: frozenset[str]
    in_person_kinds: frozenset[str]
    other_event_words: frozenset[str]
    indefinite: frozenset[str]
    event_verbs: dict[str, str]
    verb_events: dict[str, str]
    cue_nouns: dict[str, tuple[str, frozenset[str]]]  # noun -> (part, prepositions before it)
    company_preps: frozenset[str]
    place_preps: frozenset[str]
    visit_preps: frozenset[str]
    venues: frozenset[str]
    formats: tuple[tuple[str, re.Pattern[str]], ...]
    format_nouns: frozenset[str]
    speech_verbs: dict[str, tuple[_Phrase, ...]]  # first word -> the words after it
    not_members: re.Pattern[str]
    delegation_head: str


def _phrases(words: Iterable[str]) -> re.Pattern[str]:
    """One case-insensitive whole-word pattern for many phrases, longest first."""
    parts = sorted((r"\s+".join(map(re.escape, w.split())) for w in words), key=len)[::-1]
    return re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w-])", re.IGNORECASE)


def _noun_forms(data: dict[str, Any]) -> dict[str, tuple[tuple[_Phrase, str, bool], ...]]:
    """Every singular and regular plural form of the event nouns, keyed by their last word."""
    plural_only = {w.lower() for w in data["plural_only"]}
    index: dict[str, list[tuple[_Phrase, str, bool]]] = {}
    for kind, nouns in data["kinds"].items():
        for noun in nouns:
            words = tuple(noun.lower().split())
            forms = [(words, False)]
            if noun.lower() not in plural_only:
                forms += [((*words[:-1], words[-1] + s), True) for s in ("s", "es")]
            for form, plural in forms:
                index.setdefault(form[-1], []).append((form, kind, plural))
    return {last: tuple(sorted(v, key=lambda f: -len(f[0]))) for last, v in index.items()}


def _split_heads(words: Iterable[str]) -> dict[str, tuple[_Phrase, ...]]:
    out: dict[str, list[_Phrase]] = {}
    for phrase in words:
        first, *rest = phrase.lower().split()
        out.setdefault(first, []).append(tuple(rest))
    return {k: tuple(v) for k, v in out.items()}


def _lower_set(words: Iterable[str]) -> frozenset[str]:
    return frozenset(w.lower() for w in words)


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    """events.yml as lookup tables and patterns (read once)."""
    data = load_yaml("pressgraph.extract", "events.yml")
    roles = load_yaml("pressgraph.extract", "role_titles.yml")
    members = _phrases(data["not_members"]).pattern
    return _Lexicon(
        nouns=_noun_forms(data),
        generic=_lower_set(data["generic"]),
        speech_kinds=frozenset(data["speech_kinds"]),
        in_person_kinds=frozenset(data["in_person_kinds"]),
        other_event_words=_lower_set(data["other_event_words"]),
        indefinite=_lower_set(data["indefinite"]),
        event_verbs={k.lower(): v for k, v in data["event_verbs"].items()},
        verb_events={k.lower(): v for k, v in data["verb_events"].items()},
        cue_nouns={
            k.lower(): (v["part"], _lower_set(v["preps"])) for k, v in data["cue_nouns"].items()
        },
        company_preps=_lower_set(data["company_preps"]),
        place_preps=_lower_set(data["place_preps"]),
        visit_preps=_lower_set(data["visit_preps"]),
        venues=_lower_set(data["venues"]),
        formats=tuple((fmt, _phrases(words)) for fmt, words in data["formats"].items()),
        format_nouns=_lower_set(data["format_nouns"]),
        speech_verbs=_split_heads(data["speech_verbs"]),
        not_members=re.compile(rf"[^\S\n]+{members}", re.IGNORECASE),
        delegation_head=roles["delegation_head"].casefold(),
    )


# ---------------------------------------------------------------- the story


@dataclass(frozen=True)
class _Story:
    """What every rule reads: the doc, its dates, its mentions, and who is who."""

    doc: Doc
    text: str  # doc.text, built once: spaCy rebuilds it on every access
    lex: _Lexicon
    dates: tuple[DateMention, ...]
    actors: tuple[Span, ...]  # PERSON, ORG and GPE spans, in text order
    places: tuple[Span, ...]  # LOC and GPE spans
    claimed: frozenset[int]  # tokens inside a mention: never an event noun
    place_tokens: frozenset[int]
    date_tokens: frozenset[int]
    qualifiers: frozenset[tuple[int, int]]  # org/country spans of someone's post
    person_keys: dict[tuple[int, int], str]


def _story(doc: Doc) -> _Story:
    people = list(doc.spans.get(PEOPLE, []))
    orgs = list(doc.spans.get(ORGS, []))
    countries = list(doc.spans.get(COUNTRIES, []))
    places = [*doc.spans.get(PLACES, []), *countries]
    claimed = {i for s in (*people, *orgs, *places) for i in range(s.start, s.end)}
    qualifiers = {
        (s.start_char, s.end_char)
        for role in doc._.roles or []
        for s in (role.organization, role.country)
        if s is not None
    }
    text = doc_text(doc)
    dates = tuple(find_dates(text, anchor=_anchor(doc)))
    return _Story(
        doc=doc,
        text=text,
        lex=_lexicon(),
        dates=dates,
        actors=tuple(sorted((*people, *orgs, *countries), key=lambda s: s.start_char)),
        places=tuple(places),
        claimed=frozenset(claimed),
        place_tokens=frozenset(i for s in places for i in range(s.start, s.end)),
        date_tokens=frozenset(i for m in dates for i in _char_tokens(doc, m.start, m.end)),
        qualifiers=frozenset(qualifiers),
        person_keys=_person_keys(people),
    )


def _char_tokens(doc: Doc, start: int, end: int) -> range:
    """Indices of the tokens over a character range."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return range(span.start, span.end) if span is not None else range(0)


def _anchor(doc: Doc) -> dt.date | None:
    """The story date, which relative and year-less dates are read against."""
    value = doc.user_data.get(_DATE_KEY)
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _person_keys(people: list[Span]) -> dict[tuple[int, int], str]:
    """One key per person of the story: "V. Semerikov" and "Semerikov" join "Valery
    Semerikov" when he is the only one they can be."""
    names = sorted({s.kb_id_ or s.text for s in people}, key=lambda n: (-len(n), n))
    parsed = {n: parse_person_name(n) for n in names}
    key_of: dict[str, str] = {}
    for name in names:
        this = parsed[name]
        fits = [k for k in dict.fromkeys(key_of.values()) if _fits(this, parsed[k])]
        key_of[name] = fits[0] if len(fits) == 1 else name
    return {(s.start_char, s.end_char): key_of[s.kb_id_ or s.text] for s in people}


def _fits(a: Any, b: Any) -> bool:
    return a is not None and b is not None and same_person(a, b)


def _identity(story: _Story, span: Span) -> str:
    if span.label_ == "PERSON":
        return "person:" + story.person_keys.get((span.start_char, span.end_char), span.text)
    return f"{span.label_}:{span.kb_id_ or span.text}"


def _fuller(span: Span, than: Span) -> bool:
    """Whether a mention names a person better than another: a name rather than a post, a
    longer name rather than a shorter one ("Marcel Peško" rather than "M. Peshko")."""
    if span._.source == "reference":
        return False
    return than._.source == "reference" or len(span.kb_id_) > len(than.kb_id_)


def _sentence_range(sent: Span) -> tuple[int, int]:
    """A sentence's character range without its trailing white space."""
    return sent.start_char, sent.start_char + len(sent.text.rstrip())


# ---------------------------------------------------------------- event nouns and names


@dataclass(frozen=True)
class _Noun:
    token: Token
    first: int  # index of the first word ("round table")
    kind: str
    plural: bool
    generic: bool


def _event_noun(story: _Story, tok: Token) -> _Noun | None:
    """The event noun ending at `tok`, if it is one and not inside a mention."""
    if tok.pos_ not in _NOUNS or tok.i in story.claimed:
        return None
    doc = story.doc
    for words, kind, plural in story.lex.nouns.get(tok.lower_, ()):
        first = tok.i - len(words) + 1
        if first >= 0 and tuple(t.lower_ for t in doc[first : tok.i + 1]) == words:
            return _Noun(tok, first, kind, plural, False)
    if tok.lower_ in story.lex.generic:
        return _Noun(tok, tok.i, "other", False, True)
    return None


def _is_title_word(tok: Token, left: bool = False) -> bool:
    if left and _ORDINAL.fullmatch(tok.text):
        return True
    return tok.text[:1].isupper() and tok.pos_ not in _NOT_TITLE and tok.text[:1].isalpha()


def _title_range(noun: _Noun, sent: Span) -> tuple[int, int] | None:
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
class _Named:
    text: str
    start: int
    end: int
    quoted: bool


def _name(noun: _Noun, sent: Span, body: Span | None) -> _Named | None:
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
            return _Named(text[start : after.end()], start, after.end(), True)
        return _Named(text[quote_start : after.end()], quote_start, after.end(), True)
    if titled:
        return _Named(text[start:end], start, end, False)
    before = _QUOTED_BEFORE.search(text, max(sent.start_char, start - 260), start)
    if before is None:
        return None
    quoted = before.group().rstrip()
    return _Named(quoted, before.start(), before.start() + len(quoted), True)


def _name_head(tok: Token, named: _Named | None) -> Token:
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


def _norm_name(name: str) -> tuple[str, ...]:
    """Words of a name for comparison: no quotes or punctuation, no articles, case folded."""
    words = _NAME_NOISE.sub(" ", name.casefold()).split()
    return tuple(w for w in words if w not in {"the", "a", "an"})


# ---------------------------------------------------------------- what hangs from an event


_Anchors = dict[int, tuple[Token, str]]  # token index -> (token, part); the noun's part: "noun"


def _verb_part(lex: _Lexicon, tok: Token) -> str | None:
    """The part an event verb gives its subject ("hosted": host); None for other words."""
    if tok.pos_ not in _VERBS:
        return None
    doc = tok.doc
    if tok.i + 1 < len(doc):
        two = lex.event_verbs.get(f"{tok.lower_} {doc[tok.i + 1].lower_}")
        if two is not None:
            return two
    return lex.event_verbs.get(tok.lower_)


def _has_subject(tok: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children)


def _anchors(lex: _Lexicon, noun: Token) -> _Anchors:
    """The noun and the event verbs that tie it to something happening: its verb ("a meeting
    was held", "participated in the meeting"), participles on it ("trainings held in"), and
    participles on those ("hosted the Conference, organized by")."""
    out: _Anchors = {noun.i: (noun, "noun")}
    head = noun.head
    verb = None
    if noun.dep_ in ("nsubj", "nsubjpass", "dobj") and head.i != noun.i:
        verb = head
    elif noun.dep_ == "pobj" and head.dep_ == "prep":
        verb = head.head
    for cand in (verb, *(c for c in noun.children if c.dep_ in ("acl", "relcl"))):
        part = None if cand is None else _verb_part(lex, cand)
        if cand is not None and part is not None:
            out[cand.i] = (cand, part)
    for tok, part in list(out.values()):
        if part == "noun":
            continue
        for child in tok.children:
            more = _verb_part(lex, child)
            if child.dep_ in ("advcl", "conj") and more is not None and not _has_subject(child):
                out[child.i] = (child, more)
    return out


def _climb(tok: Token, anchors: _Anchors) -> list[Token] | None:
    """The path from `tok` up to (not including) an anchor; None when another verb or a
    possessor ("his video message") comes first."""
    path: list[Token] = []
    cur = tok
    while cur.i not in anchors:
        if (path and cur.pos_ in _VERBS) or any(c.dep_ == "poss" for c in cur.children):
            return None
        if cur.head.i == cur.i:
            return None
        path.append(cur)
        cur = cur.head
    return path


def _subtree_actors(story: _Story, top: Token) -> list[Span]:
    """People, organizations and countries inside the phrase headed by `top` that act for
    themselves: not the organization or country of someone's post, not "the UN" of "the UN
    member States", not an acronym glossing the name before it."""
    lo, hi = top.left_edge.i, _phrase_end(top)
    found = [s for s in story.actors if lo <= s.start < hi and _is_actor(story, s)]
    return _drop_glosses(story.text, found)


def _phrase_end(top: Token) -> int:
    """Where the phrase headed by `top` ends, past list items the parser hung elsewhere: after
    a comma, a capitalized item (up to the next comma) continues the list unless a verb, an
    auxiliary or a relative pronoun shows a new clause ("..., was held in New York")."""
    doc, sent = top.doc, top.sent
    end = top.right_edge.i + 1
    while end < sent.end and doc[end].text == ",":
        item = end + 1
        while item < sent.end and doc[item].lower_ in _LIST_WORDS:
            item += 1
        if item >= sent.end or not doc[item].text[:1].isupper():
            break
        stop = item
        while stop < sent.end and doc[stop].text not in _ITEM_ENDS:
            if _opens_clause(doc[stop]):
                return end
            stop += 1
        end = stop
    return end


def _opens_clause(tok: Token) -> bool:
    if tok.lower_ in _RELATIVES or tok.pos_ == "AUX":
        return True
    return tok.pos_ == "VERB" and tok.dep_ not in ("pcomp", "amod", "compound")


def _is_actor(story: _Story, span: Span) -> bool:
    if span.label_ == "PERSON":
        return True
    if (span.start_char, span.end_char) in story.qualifiers:
        return False
    return story.lex.not_members.match(story.text, span.end_char) is None


def _drop_glosses(text: str, spans: list[Span]) -> list[Span]:
    """Drop one of "X (ACR)": the acronym when it follows X's span at once (it names X again);
    X when words come between (X was only part of the name: "Eurasian Group on ... (EAG)")."""
    drop: set[int] = set()
    orgs = [(i, s) for i, s in enumerate(spans) if s.label_ == "ORG"]
    for (j, prev), (i, span) in pairwise(orgs):
        if (
            text[span.end_char : span.end_char + 1] != ")"
            or "(" not in text[: span.start_char][-3:]
        ):
            continue
        gap = text[prev.end_char : span.start_char]
        if _GLOSS_GAP.fullmatch(gap):
            drop.add(i)
        elif not any(c in gap for c in ",;.") and len(gap) < 120:
            drop.add(j)
    return [s for i, s in enumerate(spans) if i not in drop]


def _doers(verb: Token, noun: Token) -> Token | None:
    """Who did what the verb says: its "by" agent, or else its subject unless that subject is
    the event itself ("a meeting was held": nobody)."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    if noun.head.i == verb.i and noun.dep_ in ("nsubj", "nsubjpass"):
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


# ---------------------------------------------------------------- one event being read


@dataclass
class _Draft:
    kind: str
    name: str | None
    sentence: tuple[int, int]
    by_verb: bool
    body: Span | None
    start: str | None = None
    end: str | None = None
    place: Span | None = None
    formats: set[str] = field(default_factory=set)
    organizers: dict[str, Span] = field(default_factory=dict)
    chair: Span | None = None
    parts: dict[tuple[str, str], Participant] = field(default_factory=dict)
    mentions: set[tuple[int, int]] = field(default_factory=set)

    def add(self, story: _Story, span: Span, part: str) -> None:
        """Record a participant once per entity and part, by the fullest name written."""
        key = (_identity(story, span), part)
        old = self.parts.get(key)
        if old is None or _fuller(span, old.entity):
            self.parts[key] = Participant(span, part)

    def credit(self, story: _Story, part: str, spans: list[Span]) -> None:
        """Give the spans a verb or cue found the part it names."""
        if part == "chair":
            people = [s for s in spans if s.label_ == "PERSON"]
            chosen = people[:1] or (spans if len(spans) == 1 else [])
            for span in chosen:
                self.chair = self.chair or span
                self.add(story, span, "chair")
            return
        for span in spans:
            if part == "participant":
                self.add(story, span, "participant")
            elif span.label_ == "PERSON":
                self.add(story, span, "host")
            elif span.label_ == "ORG" or part == "organizer":
                self.organizers.setdefault(_identity(story, span), span)


def _body(story: _Story, noun: _Noun) -> Span | None:
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


def _is_definite(tok: Token) -> bool:
    return any(c.dep_ == "poss" or c.lower_ in ("the", "this", "that") for c in tok.lefts)


def _same_name(drafts: list[_Draft], kind: str, name: str) -> _Draft | None:
    """An event of the story already told under this name, or a fuller form of it."""
    words = set(_norm_name(name))
    for draft in reversed(drafts):
        if draft.kind == kind and draft.name is not None:
            other = set(_norm_name(draft.name))
            if words <= other or other <= words:
                return draft
    return None


@dataclass(frozen=True)
class _Said:
    """One event noun in one sentence, with its name, body, and what ties it to a verb."""

    noun: _Noun
    sent: Span
    head: Token  # the token its verbs govern: the noun, or its quoted name
    named: _Named | None
    body: Span | None
    anchors: _Anchors


def _said(story: _Story, noun: _Noun, sent: Span) -> _Said:
    body = None if noun.generic else _body(story, noun)
    named = None if noun.generic else _name(noun, sent, body)
    head = _name_head(noun.token, named)
    return _Said(noun, sent, head, named, body, _anchors(story.lex, head))


def _event_for(story: _Story, drafts: list[_Draft], said: _Said) -> _Draft | None:
    """The event a noun speaks of: an earlier one, a new one, or none. A new event needs a
    verb that says it happens, or a quoted name ("Combat Brotherhood-2019" trainings): a
    capitalized title alone may be a body ("the Conference on Disarmament adopted ...")."""
    noun, named = said.noun, said.named
    tok = noun.token
    by_verb = len(said.anchors) > 1
    earlier = [d for d in drafts if d.kind == noun.kind or noun.generic]
    lefts = {c.lower_ for c in tok.lefts}
    found: _Draft | None = None
    new = False
    if named is not None:
        found = _same_name(drafts, noun.kind, named.text)
        new = found is None and (by_verb or named.quoted)
    elif noun.generic:
        found = drafts[-1] if drafts and _is_definite(tok) else None
    elif noun.plural:
        return None
    elif lefts & (story.lex.other_event_words | story.lex.indefinite) or not earlier:
        new = by_verb
    else:
        found = earlier[-1]
    if new:
        name = None if named is None else named.text
        found = _Draft(noun.kind, name, _sentence_range(said.sent), by_verb, said.body)
        drafts.append(found)
    if found is not None:
        found.by_verb = found.by_verb or by_verb
    return found


# ---------------------------------------------------------------- reading the facts


def _read(story: _Story, draft: _Draft, said: _Said) -> None:
    """Add what one sentence says about the event."""
    sent, anchors = said.sent, said.anchors
    draft.mentions.add(_sentence_range(sent))
    _read_date(story, draft, sent, anchors)
    _read_place(story, draft, sent, anchors)
    _read_format(story, draft, sent, anchors)
    for tok, part in anchors.values():
        top = None if part in ("noun", "none") else _doers(tok, said.head)
        if top is not None:
            draft.credit(story, part, _subtree_actors(story, top))
    _read_cues(story, draft, sent, anchors)
    _read_with(story, draft, anchors)


def _read_date(story: _Story, draft: _Draft, sent: Span, anchors: _Anchors) -> None:
    """A day or month that the noun or its verb governs, directly or through a preposition."""
    if draft.start is not None:
        return
    found = set()
    for m in story.dates:
        if not sent.start_char <= m.start < sent.end_char or m.precision == "year":
            continue
        span = story.doc.char_span(m.start, m.end, alignment_mode="expand")
        path = None if span is None else _climb(span.root, anchors)
        if path is not None and (len(path) < 2 or (len(path) == 2 and path[1].dep_ == "prep")):
            found.add((m.value, m.end_value or m.value))
    if len(found) == 1:
        draft.start, draft.end = found.pop()


def _read_place(story: _Story, draft: _Draft, sent: Span, anchors: _Anchors) -> None:
    """The one place (or else the one country) the event is said to be in."""
    if draft.place is not None:
        return
    found = [
        s
        for s in story.places
        if sent.start <= s.start and s.end <= sent.end and _placed(story, s, anchors, draft.kind)
    ]
    for label in ("LOC", "GPE"):
        keys = {s.kb_id_ or s.text for s in found if s.label_ == label}
        if len(keys) > 1:
            return
        if keys:
            draft.place = next(s for s in found if s.label_ == label)
            return


def _placed(story: _Story, span: Span, anchors: _Anchors, kind: str) -> bool:
    """Whether a place is where the event was: "Moscow hosted", "held in New York", "at the
    training ground in Tajikistan", "a visit to Minsk"."""
    path = _climb(span.root, anchors)
    if not path:
        return False
    _, part = anchors[path[-1].head.i]
    if len(path) == 1 and path[0].dep_ == "nsubj" and part == "host":
        return True
    lex = story.lex
    preps = lex.place_preps | (lex.visit_preps if kind == "visit" else frozenset())
    if path[-1].dep_ != "prep" or path[-1].lower_ not in preps:
        return False
    return all(_venue_link(story, t) for t in path[1:-1])


def _venue_link(story: _Story, tok: Token) -> bool:
    """Words between a place and its preposition: "in"/"of", a venue, a format noun ("held in
    a mixed format in Minsk" is often parsed with Minsk under "format"), or another place."""
    if tok.dep_ == "prep":
        return tok.lower_ in ("in", "of")
    lex = story.lex
    return tok.lower_ in lex.venues or tok.lower_ in lex.format_nouns or tok.i in story.place_tokens


def _read_format(story: _Story, draft: _Draft, sent: Span, anchors: _Anchors) -> None:
    """Format cues under the noun or under a verb saying the event happened; a cue under
    "participated" says how one participant took part."""
    held = {i: a for i, a in anchors.items() if a[1] != "participant"}
    text = story.text
    cues = [
        (fmt, m.start(), m.end())
        for fmt, pattern in story.lex.formats
        for m in pattern.finditer(text, sent.start_char, sent.end_char)
    ]
    for fmt, start, end in cues:
        span = story.doc.char_span(start, end, alignment_mode="expand")
        path = None if span is None else _climb(span[0], held)
        if path is not None and all(_format_link(story, t, cues) for t in path[1:]):
            draft.formats.add(fmt)


def _format_link(story: _Story, tok: Token, cues: list[tuple[str, int, int]]) -> bool:
    """Words a cue may hang from: prepositions, format nouns, other cue words."""
    if tok.dep_ == "prep" or tok.lower_ in story.lex.format_nouns:
        return True
    return any(start <= tok.idx < end for _, start, end in cues)


def _read_cues(story: _Story, draft: _Draft, sent: Span, anchors: _Anchors) -> None:
    """ "under the chairmanship of X", "with the participation of X", "at the initiative of X"."""
    for tok in sent:
        cue = story.lex.cue_nouns.get(tok.lower_)
        path = None if cue is None or tok.pos_ not in _NOUNS else _climb(tok, anchors)
        if cue is None or path is None or len(path) < 2:
            continue
        if path[1].dep_ != "prep" or path[1].lower_ not in cue[1]:
            continue
        if not all(t.dep_ == "prep" or t.i in story.date_tokens for t in path[2:]):
            continue
        for of in tok.children:
            if of.dep_ == "prep" and of.lower_ == "of":
                for obj in of.children:
                    if obj.dep_ == "pobj":
                        draft.credit(story, cue[0], _subtree_actors(story, obj))


def _read_with(story: _Story, draft: _Draft, anchors: _Anchors) -> None:
    """Who the event was held "with" or "between": the people named before the clause ends,
    and the organizations or countries that are the listed items ("between the CSTO and the
    SCO"), not those inside a title ("the Ambassador of Belarus")."""
    for tok, _ in anchors.values():
        for prep in tok.children:
            if prep.dep_ != "prep" or prep.lower_ not in story.lex.company_preps:
                continue
            draft.credit(story, "participant", _people_after(story, prep))
            for obj in prep.children:
                if obj.dep_ == "pobj":
                    spans = _subtree_actors(story, obj)
                    listed = [s for s in spans if s.label_ != "PERSON" and _listed(s, obj)]
                    draft.credit(story, "participant", listed)


def _people_after(story: _Story, prep: Token) -> list[Span]:
    """People after a preposition up to the end of its clause ("with the Ambassador of Serbia
    to Russia Momčilo Babić", which the parser often hangs elsewhere)."""
    doc, sent = prep.doc, prep.sent
    end = prep.i + 1
    while end < sent.end and not _opens_clause(doc[end]) and doc[end].text not in (";", ":"):
        end += 1
    return [s for s in story.actors if s.label_ == "PERSON" and prep.i < s.start < end]


def _listed(span: Span, obj: Token) -> bool:
    """Whether a span is the object itself or one of its conjuncts."""
    tok = span.root
    while tok.dep_ == "conj" and tok.i != obj.i:
        tok = tok.head
    return span.start <= obj.i < span.end or tok.i == obj.i


def _verb_event(story: _Story, tok: Token, sent: Span, told: list[_Draft]) -> _Draft | None:
    """A meeting told by its verb: "X met with Y" (with whom is required). When the sentence
    speaks of an event already ("During the visit, he met with ..."), X and Y take part in
    that event instead, and no new one is made."""
    kind = story.lex.verb_events.get(tok.lower_)
    if kind is None or tok.pos_ != "VERB":
        return None
    anchors: _Anchors = {tok.i: (tok, "participant")}
    draft = _Draft(kind, None, _sentence_range(sent), True, None)
    _read_with(story, draft, anchors)
    if not draft.parts:
        return None
    subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subject is not None:
        draft.credit(story, "participant", _subtree_actors(story, subject))
    if told:
        for part in draft.parts.values():
            told[0].add(story, part.entity, part.part)
        return None
    draft.mentions.add(draft.sentence)
    _read_date(story, draft, sent, anchors)
    _read_place(story, draft, sent, anchors)
    return draft


# ---------------------------------------------------------------- speakers and delegations


def _says(lex: _Lexicon, tok: Token) -> bool:
    doc = tok.doc
    for tail in lex.speech_verbs.get(tok.lower_, ()):
        if tuple(t.lower_ for t in doc[tok.i + 1 : tok.i + 1 + len(tail)]) == tail:
            return True
    return False


def _speech_subjects(lex: _Lexicon, tok: Token) -> list[Token]:
    """The phrase naming who speaks: the subject of "said", the object of "according to"."""
    if tok.lower_ == "according":
        return [g for c in tok.children if c.lower_ == "to" for g in c.children if g.dep_ == "pobj"]
    if not _says(lex, tok):
        return []
    subjects = [c for c in tok.children if c.dep_ == "nsubj"]
    if not subjects and tok.dep_ == "acl":
        return [tok.head]  # "acting Marie Dubot, head of ..., dwelled on": parsed as her clause
    return subjects


def _main_person(story: _Story, top: Token) -> Span | None:
    """The person a phrase is about: the one nearest its head ("the Acting Secretary General
    of the CSTO, Mr. Valery Semerikov")."""
    lo, hi = top.left_edge.i, top.right_edge.i + 1
    people = [s for s in story.actors if s.label_ == "PERSON" and lo <= s.start and s.end <= hi]
    return min(people, key=lambda s: (_depth(s.root, top), s.start), default=None)


def _depth(tok: Token, top: Token) -> int:
    steps = 0
    while tok.i != top.i and tok.head.i != tok.i:
        tok = tok.head
        steps += 1
    return steps


def _speeches(story: _Story) -> Iterator[tuple[Span, Span]]:
    """(speaker, sentence) for every person the story reports speaking."""
    for sent in story.doc.sents:
        for tok in sent:
            for top in _speech_subjects(story.lex, tok):
                person = _main_person(story, top)
                if person is not None:
                    yield person, sent


def _first(drafts: list[_Draft], kinds: frozenset[str] | None = None) -> _Draft | None:
    """The story's first event that happens (not one named in passing), of the given kinds."""
    return next((d for d in drafts if d.by_verb and (kinds is None or d.kind in kinds)), None)


def _add_speakers(story: _Story, drafts: list[_Draft]) -> None:
    draft = _first(drafts, story.lex.speech_kinds)
    if draft is None:
        return
    for person, sent in _speeches(story):
        draft.add(story, person, "speaker")
        draft.mentions.add(_sentence_range(sent))


def _add_delegations(story: _Story, drafts: list[_Draft]) -> None:
    """A head of delegation takes part as such, and so does the delegation's organization."""
    for role in story.doc._.roles or []:
        if role.title.casefold() != story.lex.delegation_head:
            continue
        sent = _sentence_range(role.person.sent)
        draft = next((d for d in drafts if sent in d.mentions), None) or _first(drafts)
        if draft is None:
            continue
        draft.add(story, role.person, "delegation_head")
        for span in (role.organization, role.country):
            if span is not None:
                draft.add(story, span, "participant")
        draft.mentions.add(sent)


def _format(lex: _Lexicon, draft: _Draft) -> str | None:
    cues = draft.formats
    if "mixed" in cues or {"video", "in_person"} <= cues:
        return "mixed"
    if "video" in cues:
        return "video"
    if "in_person" in cues or draft.place is not None or draft.kind in lex.in_person_kinds:
        return "in_person"
    return None


def _freeze(story: _Story, draft: _Draft) -> FoundEvent:
    return FoundEvent(
        kind=draft.kind,
        name=draft.name,
        start=draft.start,
        end=draft.end,
        place=draft.place,
        format=_format(story.lex, draft),
        organizers=tuple(draft.organizers.values()),
        chair=draft.chair,
        participants=tuple(draft.parts.values()),
        start_char=draft.sentence[0],
        end_char=draft.sentence[1],
        mentions=tuple(sorted(draft.mentions)),
        body=draft.body,
    )


# ---------------------------------------------------------------- the component


class EventFinder:
    """Finds the events of a story and sets `doc._.events`."""

    def __call__(self, doc: Doc) -> Doc:
        story = _story(doc)
        drafts: list[_Draft] = []
        for sent in doc.sents:
            told = self._nouns(story, drafts, sent)
            for tok in sent:
                met = _verb_event(story, tok, sent, told)
                if met is not None:
                    drafts.append(met)
        _add_speakers(story, drafts)
        _add_delegations(story, drafts)
        doc._.events = [_freeze(story, d) for d in drafts]
        return doc

    @staticmethod
    def _nouns(story: _Story, drafts: list[_Draft], sent: Span) -> list[_Draft]:
        """Read the event nouns of a sentence; the events it speaks of, in order."""
        told: list[_Draft] = []
        for tok in sent:
            noun = _event_noun(story, tok)
            said = None if noun is None else _said(story, noun, sent)
            draft = None if said is None else _event_for(story, drafts, said)
            if said is not None and draft is not None:
                _read(story, draft, said)
                told.append(draft)
        return told


@Language.factory(
    "pressgraph_events",
    requires=["doc.spans", "doc.sents", "doc._.roles"],
    assigns=["doc._.events"],
)
def make_events(nlp: Language, name: str) -> EventFinder:
    """Factory of the event finder."""
    return EventFinder()
