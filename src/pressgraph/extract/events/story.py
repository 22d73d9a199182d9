"""The story as every event rule reads it: the doc with its dates, mentions and places found
once, and who is who (one key per person, the better of two mentions)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from spacy.attrs import POS
from spacy.tokens import Doc, Span, Token

from pressgraph.extract.dates import DateMention, find_dates
from pressgraph.extract.dates.lexicon import LEX
from pressgraph.extract.events.lexicon import Lexicon, load_lexicon
from pressgraph.nlp.spans import COUNTRIES, ORGS, PEOPLE, PLACES, doc_text, positions, within
from pressgraph.resolve.names import parse_person_name, same_person

_DATE_KEY = "pressgraph.date"  # the story date, set by nlp.pipeline before the pipeline runs
_ANCHOR_KEY = "pressgraph.anchor"  # an undated story: its nearest dated neighbour's date
_HEADLINE_KEY = "pressgraph.headline"  # a headline kept apart from the story's text


NOUN_TAGS = frozenset({"NOUN", "PROPN"})  # the parts of speech an event or cue noun has


@dataclass(frozen=True)
class Story:
    """What every rule reads: the doc, its dates, its mentions, and who is who."""

    doc: Doc
    text: str  # doc.text, built once: spaCy rebuilds it on every access
    lex: Lexicon
    dates: tuple[DateMention, ...]
    actors: tuple[Span, ...]  # PERSON, ORG and GPE spans, in text order
    places: tuple[Span, ...]  # LOC and GPE spans
    claimed: frozenset[int]  # tokens inside a mention: never an event noun
    place_tokens: frozenset[int]
    date_tokens: frozenset[int]
    qualifiers: frozenset[tuple[int, int]]  # org/country spans of someone's post
    person_keys: dict[tuple[int, int], str]
    headline: str | None = None  # the story's headline when kept apart from its text
    anchor: dt.date | None = None  # what its year-less dates are read against
    nouns: tuple[int, ...] = ()  # the tokens tagged NOUN or PROPN (NOUN_TAGS), in order

    def nouns_in(self, sent: Span) -> list[Token]:
        """The sentence's nouns: the only tokens that can be an event noun."""
        return within(self.doc, self.nouns, sent)


def read_story(doc: Doc) -> Story:
    """Build the story view of a doc once, so the rules need not search its spans again."""
    people = list(doc.spans.get(PEOPLE, []))
    orgs = list(doc.spans.get(ORGS, []))
    countries = list(doc.spans.get(COUNTRIES, []))
    places = [*doc.spans.get(PLACES, []), *countries]
    lex = load_lexicon()
    named_events = [s for s in orgs if _event_named_as_body(lex, s)]
    spans = (*people, *(s for s in orgs if s not in named_events), *places)
    claimed = {i for s in spans for i in range(s.start, s.end)}
    qualifiers = {
        (s.start_char, s.end_char)
        for role in doc._.roles or []
        for s in (role.organization, role.country)
        if s is not None
    }
    text = doc_text(doc)
    anchor = _anchor(doc)
    if anchor is not None:
        found = find_dates(text, anchor=anchor)
    else:
        found = _neighbour_dated(text, _anchor(doc, _ANCHOR_KEY))
    day_anchor = anchor or _anchor(doc, _ANCHOR_KEY)
    dates = tuple(
        sorted(
            [
                *found,
                *_days_only(text, day_anchor, found, lex),
                *_shifted_months(text, day_anchor, found),
            ],
            key=lambda m: m.start,
        )
    )
    return Story(
        doc=doc,
        text=text,
        lex=lex,
        dates=dates,
        actors=tuple(sorted((*people, *orgs, *countries), key=lambda s: s.start_char)),
        places=tuple(places),
        claimed=frozenset(claimed),
        place_tokens=frozenset(i for s in places for i in range(s.start, s.end)),
        date_tokens=frozenset(i for m in dates for i in _char_tokens(doc, m.start, m.end)),
        qualifiers=frozenset(qualifiers),
        person_keys=_person_keys(people),
        headline=doc.user_data.get(_HEADLINE_KEY),
        anchor=day_anchor,
        nouns=tuple(positions(doc, NOUN_TAGS, POS)),  # from the doc's array: no Token each
    )


def _event_named_as_body(lex: Lexicon, span: Span) -> bool:
    """Whether the model took an event for an organization: "Plenary of the Group",
    "Meeting of the Heads of State" (an event noun first, not a known body)."""
    first = span[0].lower_
    return span._.source == "model" and (first in lex.nouns or first in lex.generic)


def _char_tokens(doc: Doc, start: int, end: int) -> range:
    """Indices of the tokens over a character range."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return range(span.start, span.end) if span is not None else range(0)


def _anchor(doc: Doc, key: str = _DATE_KEY) -> dt.date | None:
    """The story date, which relative and year-less dates are read against (or, with
    `key`, the date of the nearest dated story of the page)."""
    value = doc.user_data.get(key)
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


_SHIFTED = re.compile(r"\b(?:week|month|last|next|previous|past|coming)\b", re.IGNORECASE)


def _neighbour_dated(text: str, fallback: dt.date | None) -> list[DateMention]:
    """The dates of a text without a story date: a day or month written without its year
    takes the year of the nearest date written with one ("From 25 to 27 July ... On 4 July
    2023"), as the items of one list share their year; with none in the text, the year of
    the nearest dated story of the page (`fallback`)."""
    written = find_dates(text)
    years = [m for m in written if not m.relative and m.precision in ("day", "month")]
    out = list(written)
    taken = {(m.start, m.end) for m in written}
    for anchor in {m.value for m in years}:
        for m in find_dates(text, anchor=dt.date.fromisoformat(_first_day(anchor))):
            if (m.start, m.end) in taken or not _yearless(m):
                continue
            nearest = min(years, key=lambda y: abs(y.start - m.start))
            if nearest.value == anchor:
                out.append(m)
                taken.add((m.start, m.end))
    if fallback is not None and not years:
        out += [
            m
            for m in find_dates(text, anchor=fallback)
            if (m.start, m.end) not in taken and _yearless(m)
        ]
    return sorted(out, key=lambda m: m.start)


def _yearless(m: DateMention) -> bool:
    """A day or a month written without a year, or in "this year" ("25 July", "in May", "in
    May this year"); not "today" or "last month", which only the story date can anchor."""
    if not m.relative or _SHIFTED.search(m.text) or m.precision == "year":
        return False
    return m.precision == "month" or any(c.isdigit() for c in m.text)


_DAY_ONLY = re.compile(
    r"\b[Oo]n the (\d{1,2})(?:st|nd|rd|th)\b(?P<time>[^\S\n]+local time)?(?:[^\S\n]+([a-z]+))?"
)


def _days_only(
    text: str, anchor: dt.date | None, found: list[DateMention], lex: Lexicon
) -> list[DateMention]:
    """A day written alone ("held in Minsk on the 20th local time"): that day of the story
    date's month, or of the month before when it is later in the month than the story date.
    Not an ordinal before a noun ("on the 20th anniversary")."""
    if anchor is None:
        return []
    out = []
    for m in _DAY_ONLY.finditer(text):
        word = m.group(3)
        if word is not None and word not in lex.day_followers:
            continue
        if any(d.start < m.end() and m.start() < d.end for d in found):
            continue
        day = int(m.group(1))
        month = anchor if day <= anchor.day else anchor.replace(day=1) - dt.timedelta(days=1)
        try:
            value = month.replace(day=day).isoformat()
        except ValueError:
            continue
        start = m.start() + 3  # "the 20th (local time)"
        end = m.end("time") if m.group("time") else m.end(1) + 2
        out.append(DateMention(start, end, text[start:end], value, None, "day", True))
    return out


_SHIFTED_MONTH = re.compile(r"\b(this|last|next)[^\S\n]+([A-Z][a-z]+)\b")
_SHIFTS = {"this": 0, "last": -1, "next": 1}
MONTHS = LEX.en_months


def _shifted_months(
    text: str, anchor: dt.date | None, found: list[DateMention]
) -> list[DateMention]:
    """A month named with "this", "last" or "next" ("this March"): that month of the story
    date's year, or of the year before (after) when "last" ("next") needs it."""
    if anchor is None:
        return []
    out = []
    for m in _SHIFTED_MONTH.finditer(text):
        month = MONTHS.get(m.group(2).lower())
        if month is None or any(d.start < m.end() and m.start() < d.end for d in found):
            continue
        shift = _SHIFTS[m.group(1).lower()]
        year = anchor.year
        if (shift < 0 and month >= anchor.month) or (shift > 0 and month <= anchor.month):
            year += shift
        value = f"{year:04d}-{month:02d}"
        out.append(DateMention(m.start(), m.end(), m.group(), value, None, "month", True))
    return out


def _first_day(value: str) -> str:
    return value if len(value) == 10 else value + "-01"


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


def identity(story: Story, span: Span) -> str:
    """Who or what a mention stands for, the same for every mention of one person or body, so
    that an event lists each of them once."""
    if span.label_ == "PERSON":
        return "person:" + story.person_keys.get((span.start_char, span.end_char), span.text)
    return f"{span.label_}:{span.kb_id_ or span.text}"


def fuller(span: Span, than: Span) -> bool:
    """Whether a mention names a person better than another: a name rather than a post, a
    longer name rather than a shorter one ("Marcel Peško" rather than "M. Peshko")."""
    if span._.source == "reference":
        return False
    return than._.source == "reference" or len(span.kb_id_) > len(than.kb_id_)


_LEAD = re.compile(r"[^\S\n]*(?:(?:On|From|In|Between)[^\S\n]+)?", re.IGNORECASE)


def lead_date(story: Story, sent: Span) -> DateMention | None:
    """A date that opens the sentence ("On May 26-30, 2025 the Group held ...", "20 - 22
    November 2023 - The Secretary General met ..."): it dates the whole sentence, wherever
    the parser hung it."""
    lead = _LEAD.match(story.text, sent.start_char)
    at = lead.end() if lead else sent.start_char
    return next((m for m in story.dates if m.start == at and m.precision in ("day", "month")), None)


def sentence_range(sent: Span) -> tuple[int, int]:
    """A sentence's character range without its trailing white space."""
    return sent.start_char, sent.start_char + len(sent.text.rstrip())
