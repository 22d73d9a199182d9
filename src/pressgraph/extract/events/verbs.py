"""Events told by a verb alone: "X met with Y", "X will meet Y", "X received Y", "Y were
received by X" (meetings), "X will visit Norway", "X welcomed Y to the headquarters" (visits).
A verb is an event only when it says whom (or, for a visit, where): "the plan met with
approval" and "received a letter" are none."""

from __future__ import annotations

from spacy.tokens import Span, Token

from pressgraph.extract.events.anchors import Anchors, subtree_actors
from pressgraph.extract.events.draft import Draft, Said
from pressgraph.extract.events.naming import phrase
from pressgraph.extract.events.reading import read_date, read_place, read_with
from pressgraph.extract.events.story import Story, sentence_range

_PLACES = frozenset({"GPE", "LOC"})


Told = tuple[Said, Draft]  # an event noun of the sentence and the event it speaks of


def verb_event(story: Story, tok: Token, sent: Span, told: list[Told]) -> Draft | None:
    """The event a verb tells by itself, or None. When the sentence speaks of an event that
    the verb happens within ("During the visit, he met with ..."), the people take part in
    that event instead, and no new one is made."""
    lex = story.lex
    kind = lex.verb_events.get(tok.lower_)
    if kind is None or tok.pos_ != "VERB":
        return None
    if tok.lower_ in lex.destination_verbs and not _destination(story, tok):
        return None
    anchors: Anchors = {tok.i: (tok, "participant")}
    draft = Draft(kind, None, sentence_range(sent), True, None)
    read_with(story, draft, anchors)
    whom = _object(tok) if tok.lower_ in lex.object_verbs else None
    place, named = _whom(story, draft, whom)
    company = draft.parts or named or _titled_company(story, tok)
    if not company and not _meet_among(story, tok, whom):
        return None
    who = _doer(tok)
    if who is not None:
        draft.credit(story, "participant", subtree_actors(story, who))
    within = next((d for s, d in told if _within(story, s)), None)
    if within is not None:
        for part in draft.parts.values():
            within.add(story, part.entity, part.part)
        return None
    draft.mentions.add(draft.sentence)
    read_date(story, draft, sent, anchors)
    draft.place = place
    read_place(story, draft, sent, anchors)
    _next_to(story, draft, told)
    if tok.lower_ in lex.destination_verbs:  # "X welcomed Y to Z": Y's visit to Z
        draft.label = _label(story, kind, tok, whom, _destination_object(story, tok))
    else:
        draft.label = _label(story, kind, tok, who, whom)
    return draft


def _destination(story: Story, verb: Token) -> bool:
    """Whether the verb says where the guest came."""
    return _destination_object(story, verb) is not None


def _destination_object(story: Story, verb: Token) -> Token | None:
    """Where the guest came: "to" a place, a body or a venue (the parser may hang "to" on
    the guest: "welcomed X and his delegation to ...")."""
    whom = _object(verb)
    guests = [] if whom is None else [whom, *whom.conjuncts]
    for prep in (c for t in (verb, *guests) for c in t.children):
        if prep.dep_ == "prep" and prep.lower_ in story.lex.visit_preps:
            for obj in prep.children:
                if obj.dep_ != "pobj":
                    continue
                if subtree_actors(story, obj) or obj.lower_ in story.lex.venues:
                    return obj
    return None


def _next_to(story: Story, draft: Draft, told: list[Told]) -> None:
    """A meeting said to be before or after an event ("Before the meeting, the ministers
    were received by ...") is on its day and at its place, unless the text says otherwise."""
    for said, other in told:
        prep = said.noun.token.head
        if said.noun.token.dep_ == "pobj" and prep.lower_ in story.lex.frame_preps:
            if draft.start is None and other.start is not None:
                draft.start = draft.end = other.start
            draft.place = draft.place or other.place
            return


def _titled_company(story: Story, verb: Token) -> bool:
    """Whether the verb is "with" someone named by a post or a party noun even when no name
    was recognized ("met with the President of the Republic", "met with the delegation")."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in story.lex.company_preps:
            for obj in prep.children:
                if obj.dep_ == "pobj" and (
                    obj.pos_ == "PROPN" or obj.lower_ in story.lex.party_nouns
                ):
                    return True
    return False


def _meet_among(story: Story, verb: Token, whom: Token | None) -> bool:
    """Whether a verb of meeting has no object but a plural subject that meets among itself:
    "the heads of the border services will meet in Almaty", "X and Y met in Minsk", or a body
    that meets as a whole ("the Council will convene in Minsk"; "the Council convened a
    session" is the session's, told by its noun)."""
    if whom is not None or verb.lower_ not in story.lex.mutual_verbs:
        return False
    if any(c.dep_ == "dobj" for c in verb.children):
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ == "PRON":
        return False
    plural = bool(subject.conjuncts) or subject.lower_ in story.lex.party_nouns
    return plural or subject.lower_ in story.lex.body_nouns


def _object(verb: Token) -> Token | None:
    """Whom the verb is about: its direct object, or the subject of its passive ("the
    officials were received by ...")."""
    for dep in ("dobj", "nsubjpass"):
        found = next((c for c in verb.children if c.dep_ == dep), None)
        if found is not None:
            return found
    return None


def _doer(verb: Token) -> Token | None:
    """Who met, received or visited: the subject, or the "by" agent of a passive."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def _whom(story: Story, draft: Draft, whom: Token | None) -> tuple[Span | None, bool]:
    """Credit the people and bodies the object names; for a visit, the place it names.
    (place, whether the object names someone or somewhere): a party noun ("the delegation",
    "the participants") is someone too."""
    if whom is None:
        return None, False
    actors = subtree_actors(story, whom)
    if draft.kind == "visit":
        lo, hi = whom.left_edge.i, whom.right_edge.i + 1
        places = [p for p in story.places if lo <= p.start and p.end <= hi]
        if places:
            return min(places, key=lambda p: p.start), True
    people = [a for a in actors if a.label_ not in _PLACES]
    draft.credit(story, "participant", people)
    return None, bool(people) or whom.lower_ in story.lex.party_nouns


def _within(story: Story, said: Said) -> bool:
    """Whether the verb happens within the event the noun names ("during the visit", "at the
    meeting", "on the sidelines of the summit"), not before or after it."""
    tok = said.noun.token
    prep = tok.head
    if tok.dep_ != "pobj" or prep.dep_ != "prep":
        return False
    if prep.lower_ in story.lex.within_preps:
        return True
    return prep.lower_ == "of" and prep.head.lower_ in story.lex.within_nouns


def _label(
    story: Story, kind: str, verb: Token, who: Token | None, whom: Token | None
) -> str | None:
    """ "meeting of SUBJECT with OBJECT", "visit of SUBJECT to PLACE"."""
    with_obj = (
        None
        if verb.lower_ in story.lex.destination_verbs
        else next(
            (
                o
                for p in verb.children
                if p.dep_ == "prep" and p.lower_ in story.lex.company_preps
                for o in p.children
                if o.dep_ == "pobj"
            ),
            None,
        )
    )
    obj = with_obj or whom
    parts = [kind]
    for word, tok in (("of", who), ("to" if kind == "visit" else "with", obj)):
        text = None if tok is None or tok.pos_ == "PRON" else phrase(story, tok)
        if text:
            parts += [word, text]
    return " ".join(parts) if len(parts) > 1 else None
