"""A descriptive name for every event: the noun phrase as written ("2nd meeting of the
Coordination Council of ... on biological security issues"), without its determiner, its
date, its place, clauses about it, or the personal names that follow a post ("the Secretary
General Ivan Petrov" -> "the Secretary General"); for a meeting told by a verb, "meeting of
SUBJECT with OBJECT"."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from pressgraph.extract.dates import DateMention
from pressgraph.extract.events.anchors import opens_clause
from pressgraph.extract.events.nouns import QUOTE, Named, line_break
from pressgraph.extract.events.story import Story
from pressgraph.nlp import gazetteer

_LEFT_SKIP = frozenset({"det", "poss", "predet", "punct", "prep", "advmod", "cc", "case"})
_NESTED_RIGHT = frozenset({"compound", "amod", "nummod", "conj", "cc", "nmod", "poss", "case"})
_NESTED_RIGHT |= {"npadvmod", "quantmod", "hmod", "hyph", "pobj", "det", "predet", "appos"}
_NESTED_RIGHT |= {"pcomp", "dobj", "prt"}
_MAX_TOKENS = 32
_BRACKETS = frozenset({"(", ")", "“", "”", '"', "«", "»"})
_SPACES = re.compile(r"\s+")
_COMMA_RUNS = re.compile(r"\s*,(?:\s*,)+")
_BAD_ENDS = re.compile(r"^[\s,;:(\-–—]+|[\s,;:(\-–—]+$")
_BAD_END_WORDS = frozenset({"and", "or", "of", "the", "with", "to", "a", "an", "on", "for", "in"})


def noun_phrase_tokens(story: Story, head: Token, first: int) -> list[Token]:
    """The tokens of the phrase the event noun heads, in order, contiguous from its first
    modifier on the left to the last word of the prepositions that describe it."""
    keep = _keep_right(story, head, top=True)
    lo = _left_start(head, first)
    tokens: list[Token] = []
    doc = head.doc
    i = lo
    while i < len(doc) and (i <= head.i or i in keep) and len(tokens) < _MAX_TOKENS:
        tokens.append(doc[i])
        if i >= head.i and line_break(doc[i]):
            break
        i += 1
    return _trim(tokens)


def _left_start(head: Token, first: int) -> int:
    """The first word of the noun's left modifiers ("the 23rd regular", "2020 OSCE-wide")."""
    lo = first
    for child in head.lefts:
        owner = child.dep_ == "poss" and child.pos_ == "PROPN"  # "the Assembly's Autumn Meeting"
        if (child.dep_ in _LEFT_SKIP and not owner) or child.pos_ == "PRON":
            continue
        lo = min(lo, child.left_edge.i)
    doc = head.doc
    breaks = [t.i + 1 for t in doc[lo:first] if line_break(t)]
    lo = max([lo, *breaks])
    while lo < first and (doc[lo].pos_ in ("DET", "PUNCT", "ADP", "CCONJ") and doc[lo].text != "-"):
        lo += 1
    return lo


def _keep_right(story: Story, tok: Token, *, top: bool) -> set[int]:
    """Indices of the words right of `tok` that describe it."""
    lex = story.lex
    out: set[int] = set()
    for child in tok.rights:
        if child.i in story.date_tokens:
            break  # "the 66th session ... this March": its date, not its name
        if child.dep_ == "prep":
            if child.lower_ not in lex.name_preps or _says_when_or_where(story, child):
                break
            out |= {child.i} | _keep_right(story, child, top=False)
        elif child.dep_ == "acl" and child.lower_ in lex.name_participles:
            out |= {child.i} | _keep_right(story, child, top=False)
        elif child.dep_ == "punct" and (not top or child.text in _BRACKETS):
            out.add(child.i)
        elif child.dep_ in _NESTED_RIGHT and not (top and child.dep_ in ("conj", "cc")):
            out |= {t.i for t in child.lefts for t in t.subtree} | {child.i}
            out |= _keep_right(story, child, top=False)
        else:
            break
    return out


def _says_when_or_where(story: Story, prep: Token) -> bool:
    """Whether a preposition's object is a date, a place or a venue ("in Minsk", "on 4
    July", "at the Europa building"): those are facts about the event, not its name."""
    if prep.lower_ not in story.lex.place_preps and prep.lower_ not in ("on", "from", "during"):
        return False
    for obj in prep.children:
        if obj.dep_ != "pobj":
            continue
        words = {t.i for t in obj.subtree}
        if words & story.date_tokens or obj.i in story.place_tokens:
            return True
        if obj.lower_ in story.lex.venues:
            return True
    return False


def _trim(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[-1].lower_ in _BAD_END_WORDS or tokens[-1].is_punct):
        if tokens[-1].text in (")", "”", '"', "»") and _opened(tokens):
            break
        tokens.pop()
    return tokens


def _opened(tokens: list[Token]) -> bool:
    text = "".join(t.text_with_ws for t in tokens)
    return text.count("(") >= text.count(")") or text.count('"') % 2 == 0


def render(story: Story, tokens: list[Token]) -> str | None:
    """The words as written, without the names of people that follow their post."""
    if not tokens:
        return None
    drop = _names_after_posts(story, tokens)
    text = "".join(t.text_with_ws if t.i not in drop else " " for t in tokens)
    text = _COMMA_RUNS.sub(",", _SPACES.sub(" ", text))
    text = text.replace(" ,", ",")
    if text.count("(") > text.count(")"):  # a parenthesis the phrase does not close
        text = text[: text.rindex("(")]
    text = _BAD_ENDS.sub("", text)
    return text or None


def _names_after_posts(story: Story, tokens: list[Token]) -> set[int]:
    """Tokens of personal names written right after a post ("Secretary General Ivan Petrov",
    "the Deputy, Samat Ordabaev,"): the post says who it is in the event's name."""
    lo, hi = tokens[0].i, tokens[-1].i + 1
    doc = tokens[0].doc
    drop: set[int] = set()
    for span in story.actors:
        if span.label_ != "PERSON" or span.start < lo or span.end > hi:
            continue
        before = span.start - 1
        while before >= lo and doc[before].text == ",":
            before -= 1
        post = doc[before] if before >= lo else None
        if post is None or post.text in gazetteer.titles().honorifics:
            continue  # "Mr. Stoltenberg": an honorific says nobody without the name
        if post.pos_ in ("PROPN", "NOUN") and post.text[:1].isupper():
            drop |= set(range(span.start, span.end))
    return drop


_CODE_NAME_WORDS = 3  # a quoted name this short is the event's own name ("Interaction-2021")
_THEME_GAP = 40  # characters between a noun phrase and the quoted theme that completes it


_THEME = re.compile(rf"[^\S\n]*[^,;.\n]{{0,{_THEME_GAP}}}?(?:{QUOTE})")


def _theme_after(story: Story, last: Token) -> Named | None:
    """A quoted theme right after the phrase ("a seminar (coaching session) on the theme:
    "..."") with no clause or list between them."""
    end = last.idx + len(last)
    found = _THEME.match(story.text, end)
    if found is None or found.end() > last.sent.end_char:
        return None
    gap = story.doc.char_span(end, found.end(), alignment_mode="expand")
    if gap is None or any(opens_clause(t) for t in gap if t.is_alpha):
        return None
    return Named(found.group().strip(), end, found.end(), True)


def describe(story: Story, head: Token, first: int, named: Named | None) -> str | None:
    """The event's descriptive name: a quoted code name alone; else its noun phrase, joined
    with the title or quoted theme written around it ("round table on the theme: "...")."""
    if named is not None and named.quoted and len(named.text.split()) <= _CODE_NAME_WORDS:
        return named.text
    tokens = noun_phrase_tokens(story, head, first)
    tokens = _without_aside(story, head, first, tokens)
    if named is None and tokens:
        named = _theme_after(story, tokens[-1])
    if named is None or not tokens:
        return render(story, tokens) if tokens else (named.text if named else None)
    doc = head.doc
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    if named.start - end > _THEME_GAP or start - named.end > _THEME_GAP:
        return render(story, tokens)
    span = doc.char_span(min(start, named.start), max(end, named.end), alignment_mode="expand")
    return render(story, list(span)) if span is not None else render(story, tokens)


_ASIDE = re.compile(r"\(([^()\n]{1,100})\)")
_ASIDE_FILLER = re.compile(r"[\s,;–—-]*")


def aside(
    story: Story, head: Token, first: int, sent: Span
) -> tuple[DateMention | None, Span | None]:
    """The day and the place of a parenthesis after the event's phrase that holds nothing
    else: "A get-together of ... (31 May - 1 June 2017, Dushanbe)", "the Conference (Vienna,
    Austria)"."""
    tokens = noun_phrase_tokens(story, head, first)
    lo = head.idx
    hi = tokens[-1].idx + len(tokens[-1]) if tokens else lo
    for m in _ASIDE.finditer(story.text, lo, sent.end_char):
        if m.start() > hi + 2:
            break
        start, end = m.span(1)
        dates = [d for d in story.dates if start <= d.start and d.end <= end]
        places = [p for p in story.places if start <= p.start_char and p.end_char <= end]
        spans = [(d.start, d.end) for d in dates] + [(p.start_char, p.end_char) for p in places]
        if not spans or not _ASIDE_FILLER.fullmatch(_blank(story.text, spans, start, end)):
            continue
        days = [d for d in dates if d.precision != "year"]
        place = min(places, key=lambda p: p.start_char) if places else None
        return (days[0] if len(days) == 1 else None), place
    return None, None


def _without_aside(story: Story, head: Token, first: int, tokens: list[Token]) -> list[Token]:
    """The phrase without a parenthesis of place and date that the parser put inside it."""
    if not tokens:
        return tokens
    date, place = aside(story, head, first, head.sent)
    if date is None and place is None:
        return tokens
    opening = next((t for t in tokens if t.text == "(" and t.i > head.i), None)
    return tokens if opening is None else _trim(tokens[: tokens.index(opening)])


def _blank(text: str, spans: list[tuple[int, int]], start: int, end: int) -> str:
    """text[start:end] with the given spans blanked out."""
    chars = list(text[start:end])
    for lo, hi in spans:
        chars[lo - start : hi - start] = " " * (hi - lo)
    return "".join(chars)


def phrase(story: Story, tok: Token) -> str | None:
    """The noun phrase a word heads, as a name would write it ("the CSTO Secretary General")."""
    first = min((c.left_edge.i for c in tok.lefts), default=tok.i)
    tokens = noun_phrase_tokens(story, tok, min(first, tok.i))
    if tokens and tokens[0].i > first and tokens[0].i > 0 and tokens[0].nbor(-1).pos_ == "DET":
        tokens.insert(0, tokens[0].nbor(-1))  # "the CSTO Secretary General"
    text = render(story, tokens)
    return text[0].lower() + text[1:] if text and tokens[0].pos_ == "DET" else text


def with_doer(story: Story, label: str | None, noun: Token, doer: Token | None) -> str | None:
    """A meeting or visit named after who had it: "The CSTO Secretary General had a meeting
    with the Ambassador" -> "meeting of the CSTO Secretary General with the Ambassador"."""
    if label is None or doer is None or doer.pos_ == "PRON":
        return label
    at = label.find(noun.text)
    rest = label[at + len(noun.text) :] if at >= 0 else ""
    if at < 0 or not rest.startswith((" with ", " to ")):
        return label
    who = phrase(story, doer)
    return label if not who else f"{label[: at + len(noun.text)]} of {who}{rest}"


_OWNER_PRONOUNS = frozenset({"its", "their"})
_OBJECT_DEPS = frozenset({"dobj", "attr", "nsubjpass"})


def with_owner(story: Story, label: str | None, noun: Token) -> str | None:
    """An event its doer owns, named after it: "The Council of Interior Ministers held its 45th
    meeting" -> "45th meeting of the Council of Interior Ministers"."""
    if label is None or " of " in label:
        return label
    if not any(c.dep_ == "poss" and c.lower_ in _OWNER_PRONOUNS for c in noun.lefts):
        return label
    verb = noun.head if noun.dep_ in _OBJECT_DEPS else None
    subject = next((c for c in verb.lefts if c.dep_ == "nsubj"), None) if verb else None
    if subject is None or subject.pos_ == "PRON":
        return label
    who = phrase(story, subject)
    return f"{label} of {who}" if who else label
