"""Reading the facts of one event from one sentence (date, place, format, who did what), and
meetings told by a verb alone ("X met with Y"). Only words hanging from an anchor count."""

from __future__ import annotations

from spacy.tokens import Span, Token

from pressgraph.extract.dates import DateMention
from pressgraph.extract.events.anchors import (
    Anchors,
    climb,
    date_hangs,
    doers,
    happens,
    opens_clause,
    subtree_actors,
    verb_part,
)
from pressgraph.extract.events.draft import Draft, Said
from pressgraph.extract.events.naming import aside
from pressgraph.extract.events.nouns import noun_date
from pressgraph.extract.events.story import NOUN_TAGS, Story, lead_date, sentence_range

_NO_DOER = frozenset({"noun", "none", "ended", "within"})  # parts whose subject plays none


def read_facts(story: Story, draft: Draft, said: Said) -> None:
    """Add what one sentence says about the event."""
    sent, anchors = said.sent, said.anchors
    draft.mentions.add(sentence_range(sent))
    read_date(story, draft, sent, anchors)
    read_place(story, draft, sent, anchors)
    read_format(story, draft, sent, anchors)
    for tok, part in anchors.values():
        top = None if part in _NO_DOER else doers(tok, said.head)
        if top is not None:
            draft.credit(story, part, subtree_actors(story, top))
    _read_cues(story, draft, sent, anchors)
    read_with(story, draft, anchors)
    _read_aside(story, draft, said)
    if said.title_line:
        _read_title_line(story, draft, sent)


def _read_title_line(story: Story, draft: Draft, sent: Span) -> None:
    """A title line's one day and one place are the event's ("Meeting of NATO Ministers of
    Defence - Brussels, 5 June 2025")."""
    days = [
        m
        for m in story.dates
        if sent.start_char <= m.start < sent.end_char and m.precision in ("day", "month")
    ]
    if draft.start is None and len(days) == 1:
        draft.start, draft.end = days[0].value, days[0].end_value or days[0].value
    places = {s.kb_id_ or s.text: s for s in story.places if sent.start <= s.start < sent.end}
    if draft.place is None and len(places) == 1:
        draft.place = next(iter(places.values()))


def _read_aside(story: Story, draft: Draft, said: Said) -> None:
    """The place and date of a parenthesis after the event's phrase ("(Minsk, Belarus)")."""
    date, place = aside(story, said.noun.token, said.noun.first, said.sent)
    if draft.start is None and date is not None:
        draft.start, draft.end = date.value, date.end_value or date.value
    if draft.place is None and place is not None:
        draft.place = place


def read_date(story: Story, draft: Draft, sent: Span, anchors: Anchors) -> None:
    """A day or month that the noun or its verb governs, directly or through a preposition."""
    if draft.start is not None:
        return
    ending = {i: a for i, a in anchors.items() if a[1] == "ended"}
    going = {i: a for i, a in anchors.items() if a[1] != "ended"}
    found, ends = set(), set()
    for m in story.dates:
        if not sent.start_char <= m.start < sent.end_char or m.precision == "year":
            continue
        span = story.doc.char_span(m.start, m.end, alignment_mode="expand")
        if date_hangs(span, going, draft.body):
            found.add((m.value, m.end_value or m.value))
        elif date_hangs(span, ending, draft.body):
            ends.add(m.end_value or m.value)
    for tok, part in anchors.values():
        if part != "noun":
            continue
        held = noun_date(story, tok)
        if held is not None and sent.start_char <= held.start < sent.end_char:
            found.add((held.value, held.end_value or held.value))
    if not found and not ends and (happens(anchors) or _under_event_verb(story, sent, anchors)):
        lead = lead_date(story, sent) or _only_date(story, sent, going)
        if lead is not None:
            found.add((lead.value, lead.end_value or lead.value))
    if len(found) == 1:
        draft.start, draft.end = found.pop()
    elif not found and len(ends) == 1 and draft.end is None:
        draft.end = ends.pop()  # "completed the course on 25 April": when it ended


def _only_date(story: Story, sent: Span, anchors: Anchors) -> DateMention | None:
    """The one date of a sentence whose event verb reaches it through nouns and prepositions
    alone ("was held under the auspices of X with a support of Y from 31 May to 2 June",
    which the parser hangs on Y); not one another verb governs ("the Treaty signed on ...")."""
    days = [
        m
        for m in story.dates
        if sent.start_char <= m.start < sent.end_char and m.precision in ("day", "month")
    ]
    verbs = {i: a for i, a in anchors.items() if a[1] not in ("noun", "within")}
    if len(days) != 1 or not verbs:
        return None
    span = story.doc.char_span(days[0].start, days[0].end, alignment_mode="expand")
    return days[0] if span is not None and climb(span.root, verbs) is not None else None


def _under_event_verb(story: Story, sent: Span, anchors: Anchors) -> bool:
    """Whether the noun is what the sentence's main event verb governs, through "of" and
    lists alone ("the Group held the meetings of its Working Groups and the 42nd Plenary
    Meeting"; not "... hosted the meeting on preparations for the Meeting of ...")."""
    root = sent.root
    if verb_part(story.lex, root) is None:
        return False
    noun = next((tok for tok, part in anchors.values() if part == "noun"), None)
    return noun is not None and _reaches(noun, root)


def _reaches(tok: Token, root: Token) -> bool:
    while tok.i != root.i:
        if (tok.dep_ == "prep" and tok.lower_ != "of") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return True


def read_place(story: Story, draft: Draft, sent: Span, anchors: Anchors) -> None:
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


def _placed(story: Story, span: Span, anchors: Anchors, kind: str) -> bool:
    """Whether a place is where the event was: "Moscow hosted", "held in New York", "at the
    training ground in Tajikistan", "a visit to Minsk"."""
    path = climb(span.root, anchors)
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


def _venue_link(story: Story, tok: Token) -> bool:
    """Words between a place and its preposition: "in"/"of", a venue, a format noun ("held in
    a mixed format in Minsk" is often parsed with Minsk under "format"), or another place."""
    if tok.dep_ == "prep":
        return tok.lower_ in ("in", "of")
    lex = story.lex
    return tok.lower_ in lex.venues or tok.lower_ in lex.format_nouns or tok.i in story.place_tokens


def read_format(story: Story, draft: Draft, sent: Span, anchors: Anchors) -> None:
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
        path = None if span is None else climb(span[0], held)
        if path is not None and all(_format_link(story, t, cues) for t in path[1:]):
            draft.formats.add(fmt)


def _format_link(story: Story, tok: Token, cues: list[tuple[str, int, int]]) -> bool:
    """Words a cue may hang from: prepositions, format nouns, other cue words."""
    if tok.dep_ == "prep" or tok.lower_ in story.lex.format_nouns:
        return True
    return any(start <= tok.idx < end for _, start, end in cues)


def _read_cues(story: Story, draft: Draft, sent: Span, anchors: Anchors) -> None:
    """ "under the chairmanship of X", "with the participation of X", "at the initiative of X"."""
    for tok in sent:
        cue = story.lex.cue_nouns.get(tok.lower_)
        path = None if cue is None or tok.pos_ not in NOUN_TAGS else climb(tok, anchors)
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
                        draft.credit(story, cue[0], subtree_actors(story, obj))


def read_with(story: Story, draft: Draft, anchors: Anchors) -> None:
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
                    spans = subtree_actors(story, obj)
                    listed = [s for s in spans if s.label_ != "PERSON" and _listed(s, obj)]
                    draft.credit(story, "participant", listed)


def _people_after(story: Story, prep: Token) -> list[Span]:
    """People after a preposition up to the end of its clause ("with the Ambassador of Serbia
    to Russia Momčilo Babić", which the parser often hangs elsewhere)."""
    doc, sent = prep.doc, prep.sent
    end = prep.i + 1
    while end < sent.end and not opens_clause(doc[end]) and doc[end].text not in (";", ":"):
        end += 1
    return [s for s in story.actors if s.label_ == "PERSON" and prep.i < s.start < end]


def _listed(span: Span, obj: Token) -> bool:
    """Whether a span is the object itself or one of its conjuncts."""
    tok = span.root
    while tok.dep_ == "conj" and tok.i != obj.i:
        tok = tok.head
    return span.start <= obj.i < span.end or tok.i == obj.i
