"""What hangs from an event: the noun and the verbs that say it happens (its anchors), the
paths from words up to them, and the actors a phrase names. Facts are read only along these."""

from __future__ import annotations

import re
from itertools import pairwise

from spacy.tokens import Span, Token

from pressgraph.extract.events.lexicon import Lexicon
from pressgraph.extract.events.story import Story

_VERBS = frozenset({"VERB", "AUX"})
_GLOSS_GAP = re.compile(r"\s*\(\s*")
_LIST_WORDS = frozenset({"and", "as", "well", "the"})
_ITEM_ENDS = frozenset({",", ";", ".", ":"})
_CHAINED = frozenset({"advcl", "conj", "xcomp"})  # "scheduled to be held", "held and closed"
_RELATIVES = frozenset({"who", "which", "whose", "where", "that", "while"})

Anchors = dict[int, tuple[Token, str]]  # token index -> (token, part); the noun's part: "noun"


def verb_part(lex: Lexicon, tok: Token) -> str | None:
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


def find_anchors(lex: Lexicon, noun: Token) -> Anchors:
    """The noun and the event verbs that tie it to something happening: its verb ("a meeting
    was held", "participated in the meeting"), participles on it ("trainings held in"), and
    participles on those ("hosted the Conference, organized by")."""
    out: Anchors = {noun.i: (noun, "noun")}
    first = noun
    while first.dep_ in ("conj", "appos") and first.head.i != first.i:
        first = first.head  # "the meetings and the 6th Plenary took place": the list's verb
    head = first.head
    verb = None
    if first.dep_ in ("nsubj", "nsubjpass", "dobj") and head.i != first.i:
        verb = head
    elif first.dep_ == "pobj" and head.dep_ == "prep":
        verb = head.head
        if head.lower_ in lex.within_preps and verb.pos_ in _VERBS and verb.i != head.i:
            out[verb.i] = (verb, "within")  # "During the meeting, they signed ...": its time
    clauses = [c for c in noun.children if c.dep_ in ("acl", "relcl") and _nearest(lex, noun, c)]
    clauses += _clauses_hung_before(lex, noun) + _clauses_hung_inside(lex, noun)
    for cand in (verb, *clauses):
        part = None if cand is None else verb_part(lex, cand)
        if cand is not None and part is not None:
            out[cand.i] = (cand, part)
    for tok, part in list(out.values()):
        if part in ("noun", "within"):
            continue
        for child in tok.children:
            more = verb_part(lex, child)
            if child.dep_ in _CHAINED and more is not None and not _has_subject(child):
                out[child.i] = (child, more)
    return out


def happens(anchors: Anchors) -> bool:
    """Whether a verb says the event happens (not only the noun, nor a clause it was the time
    of: "voiced at the last session" says nothing of the session)."""
    return any(part not in ("noun", "within") for _, part in anchors.values())


def _clauses_hung_before(lex: Lexicon, noun: Token) -> list[Token]:
    """Clauses after the noun that the parser hung on an event noun before it ("the second
    meeting on preparations for the Meeting of ..., scheduled for August 2022": the clause
    is the nearer Meeting's)."""
    sent = noun.sent
    found = []
    for tok in noun.doc[sent.start : noun.i]:
        if tok.lower_ not in lex.nouns or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        for clause in tok.children:
            late = clause.dep_ in ("acl", "relcl") and clause.i > noun.i
            if late and _nearest(lex, noun, clause):
                found.append(clause)
    return found


def _clauses_hung_inside(lex: Lexicon, noun: Token) -> list[Token]:
    """Participles the parser hung on a word of the noun's own phrase ("the exercise X of the
    competent authorities conducted in May": the exercise was conducted, not the
    authorities); only clauses of event verbs count (verb_part, in find_anchors)."""
    return [
        clause
        for tok in noun.subtree
        if tok.i != noun.i and tok.pos_ in ("NOUN", "PROPN")
        for clause in tok.children
        if clause.dep_ == "acl" and clause.tag_ == "VBN" and _nearest(lex, noun, clause)
    ]


def _nearest(lex: Lexicon, noun: Token, clause: Token) -> bool:
    """Whether no other event noun comes between a noun and a clause the parser hung on it
    ("the second meeting on preparations for the Meeting of ..., scheduled for August": the
    clause is about the nearer Meeting)."""
    between = noun.doc[noun.i + 1 : clause.i]
    return not any(t.lower_ in lex.nouns and t.pos_ in ("NOUN", "PROPN") for t in between)


def climb(tok: Token, anchors: Anchors) -> list[Token] | None:
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


def date_hangs(doc_span: Span | None, anchors: Anchors, body: Span | None = None) -> bool:
    """Whether a date hangs from an anchor, directly or through one preposition ("held on 5
    May", "the meeting on 5 May"), also when the parser hung it on the event's body ("the
    session of the Council of December 2"); any word of a range may carry it ("from 28
    November - 1 December", which the parser splits)."""
    through = set() if body is None else set(range(body.start, body.end))
    if doc_span is None:
        return False
    for tok in doc_span:
        if tok.is_punct or tok.is_space:
            continue
        path = climb(tok, anchors)
        if path is None:
            continue
        outside = [
            t
            for t in path
            if not doc_span.start <= t.i < doc_span.end
            and t.i not in through
            and not (t.lower_ == "of" and t.head.i in through)
        ]
        if not outside or (len(outside) == 1 and outside[0].dep_ == "prep"):
            return True
    return False


def subtree_actors(story: Story, top: Token) -> list[Span]:
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
            if opens_clause(doc[stop]):
                return end
            stop += 1
        end = stop
    return end


def opens_clause(tok: Token) -> bool:
    """Whether a word starts a new clause (a verb, an auxiliary, a relative pronoun), which
    ends the phrase or list before it."""
    if tok.lower_ in _RELATIVES or tok.pos_ == "AUX":
        return True
    return tok.pos_ == "VERB" and tok.dep_ not in ("pcomp", "amod", "compound")


def _is_actor(story: Story, span: Span) -> bool:
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


def doers(verb: Token, noun: Token) -> Token | None:
    """Who did what the verb says: its "by" agent, or else its subject unless that subject is
    the event itself ("a meeting was held": nobody)."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    if noun.head.i == verb.i and noun.dep_ in ("nsubj", "nsubjpass"):
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)
