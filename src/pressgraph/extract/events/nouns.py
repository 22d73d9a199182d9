"""Event nouns and what is written around them: the noun itself ("round table", "the
event"), the event's name (a capitalized title or a quoted name), and the body it belongs to."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from pressgraph.extract.dates import DateMention
from pressgraph.extract.events.anchors import date_hangs
from pressgraph.extract.events.lexicon import Lexicon
from pressgraph.extract.events.story import NOUN_TAGS, Story
from pressgraph.nlp.lemmas import lemma

_NOT_TITLE = frozenset({"DET", "ADP", "PRON", "CCONJ", "SCONJ", "PUNCT", "VERB", "AUX", "PART"})
_CONNECTORS = frozenset({"of", "on", "for", "and", "in", "against", "the", "to", "-", "–"})
_ORDINAL = re.compile(r"\d+(?:-?(?:st|nd|rd|th))?", re.IGNORECASE)
_ROMAN = re.compile(r"(?=[IVXLC])M*(?:C[MD]|D?C{0,3})(?:X[CL]|L?X{0,3})(?:I[XV]|V?I{0,3})")
QUOTE = r"“[^“”\n]{1,250}”|\"[^\"\n]{1,250}\"|«[^«»\n]{1,250}»|„[^„“”\n]{1,250}[“”]"
_QUOTED_AFTER = re.compile(rf"[^\S\n]*(?:{QUOTE})")
_QUOTED_BEFORE = re.compile(rf"(?:{QUOTE})[^\S\n]*$")
_OF_THE = re.compile(r"[^\S\n]+of[^\S\n]+(?:the[^\S\n]+)?")
_BODY_GAP = re.compile(rf"[^\S\n]*(?:(?:{QUOTE})[^\S\n]*)?")
_NAME_NOISE = re.compile(r"[^\w\s]+")  # "Interaction-2015" is "Interaction 2015"
_UNQUOTED_CODE = r"[A-Z][\w]*(?:[- ][A-Z][\w]*)*(?:(?:-|[^\S\n])(?:19|20)\d{2})?(?![\w-])"


@dataclass(frozen=True)
class Noun:
    """An event noun found in the text: its last token, its first word, and its kind."""

    token: Token
    first: int  # index of the first word ("round table")
    kind: str
    plural: bool
    generic: bool


def event_noun(story: Story, tok: Token) -> Noun | None:
    """The event noun ending at `tok`, if it is one and not inside a mention, nor a word
    before another event noun ("Plenary Meeting" is one meeting, not a session too)."""
    if tok.pos_ not in NOUN_TAGS or tok.i in story.claimed or _modifies_event(story, tok):
        return None
    found = _lexical_noun(story, tok)
    if found is not None and _in_idiom(story, found):
        return None  # "in the course of the training": the training
    if found is not None or tok.lower_ not in story.lex.generic:
        return found
    for child in tok.lefts:  # "the round table event": a round table
        inner = _lexical_noun(story, child) if child.dep_ in ("compound", "amod") else None
        if inner is not None:
            return Noun(tok, inner.first, inner.kind, False, False)
    if _QUOTED_AFTER.match(story.text, tok.idx + len(tok)):
        return Noun(tok, tok.i, "other", False, False)  # 'a high-level event "The UN and ..."'
    return Noun(tok, tok.i, "other", False, True)


def _in_idiom(story: Story, noun: Noun) -> bool:
    """Whether the noun is part of a phrase that is no event ("in the course of")."""
    at = noun.token.idx
    for found in story.lex.idioms.finditer(story.text, max(0, at - 40), at + 60):
        if found.start() <= at < found.end():
            return True
    return False


def _lexical_noun(story: Story, tok: Token) -> Noun | None:
    """The event noun of the lexicon that ends at `tok`."""
    doc = story.doc
    for words, kind, plural in story.lex.nouns.get(tok.lower_, ()):
        first = tok.i - len(words) + 1
        if first < 0 or tuple(t.lower_ for t in doc[first : tok.i + 1]) != words:
            continue
        last = words[-1]
        titled = {last, last[:-1], last[:-2]} & story.lex.titled_only
        if titled and not _in_title(doc[first]):
            return None
        return Noun(tok, first, kind, plural, False)
    return None


def names_event_again(story: Story, tok: Token) -> bool:
    """Whether the noun only says what another event was, or how it went: the predicate of a
    copula whose subject is an event ("Tomorrow's debate will be the fourth meeting on this
    topic", "the evaluation proved to be the first one"), or "in a ..." under the verb of an
    event ("the meeting was held in a plenary session")."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "in" and tok.head.dep_ == "prep":
        indefinite = any(c.lower_ in story.lex.indefinite for c in tok.lefts)
        return indefinite and _subject_is_event(story, tok.head.head)
    if tok.dep_ != "attr":
        return False
    verb = tok.head
    while verb.dep_ == "xcomp" and verb.head.i != verb.i:
        verb = verb.head
    return _subject_is_event(story, verb)


def _subject_is_event(story: Story, verb: Token) -> bool:
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and event_noun(story, subject) is not None


def _modifies_event(story: Story, tok: Token) -> bool:
    """A noun that modifies another noun ("Plenary Meeting", "the Training Team"), or in
    apposition to an earlier event noun ("an educational seminar (coaching session)"): not an
    event of its own."""
    head = tok.head
    if tok.dep_ == "appos" and head.i < tok.i:
        return head.lower_ in story.lex.nouns or head.lower_ in story.lex.generic
    if tok.dep_ not in ("compound", "amod", "nmod") or head.i <= tok.i:
        return False
    # "Plenary Meeting", "the Mobile Training Team", "the exercise area": the head says what
    # it is, unless it is the quoted name after the noun ('the exercise "Echelon"'); "a round
    # table event": the event noun takes the round table (event_noun)
    return not any(t.is_quote for t in tok.doc[tok.i + 1 : head.i])


def _in_title(tok: Token) -> bool:
    """Whether a title-only noun heads a capitalized title ("the UN Online Week")."""
    if not tok.text[:1].isupper():
        return False
    prev = tok.nbor(-1) if tok.i > 0 else None
    return prev is not None and _is_title_word(prev, left=True) and not line_break(prev)


def ordinal(story: Story, noun: Noun) -> int | None:
    """The number of a numbered event: "the 2nd meeting" (2), "XXIII session" (23), "23
    Plenary Meeting", "the VII-th Forum" (7), "the first meeting" (1); None without one."""
    doc = noun.token.doc
    lo = min((c.left_edge.i for c in noun.token.lefts), default=noun.first)
    for tok in doc[lo : noun.first]:
        text = tok.text
        if tok.lower_ in story.lex.ordinals:
            return story.lex.ordinals[tok.lower_]
        digits = re.sub(r"\D", "", text)
        if _ORDINAL.fullmatch(text) and len(digits) < 4:  # not a year: "the 2020 conference"
            return int(digits)
        if _ROMAN.fullmatch(text) and text != "I":
            return _roman(text)
    return None


def ordinal_in(lex: Lexicon, text: str) -> int | None:
    """The first number of a title written as text ("III Meeting of ...": 3, "42ND EAG
    PLENARY MEETING": 42)."""
    for word in re.findall(r"[\w-]+", text):
        digits = re.sub(r"\D", "", word)
        if word.lower() in lex.ordinals:
            return lex.ordinals[word.lower()]
        if _ORDINAL.fullmatch(word) and len(digits) < 4:
            return int(digits)
        if _ROMAN.fullmatch(word) and word != "I":
            return _roman(word)
    return None


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def _roman(text: str) -> int:
    values = [_ROMAN_VALUES[c] for c in text]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def date_holding(story: Story, noun: Token) -> DateMention | None:
    """The date the parser made an event noun an apposition of ("Yesterday, a meeting of the
    Council was held"): the event's date."""
    if noun.dep_ != "appos":
        return None
    at = noun.head.idx
    return next((m for m in story.dates if m.start <= at < m.end and m.precision != "year"), None)


def date_after_place(story: Story, noun: Token) -> DateMention | None:
    """ "the Summit in Astana on 14-15 November": the day or month right after the place the
    noun holds is the event's, wherever the parser hung it (often on the sentence's verb)."""
    place = next((c for c in noun.rights if c.dep_ == "prep" and c.lower_ in _AT), None)
    if place is None:
        return None
    after = place.right_edge.i + 1
    doc = noun.doc
    if after >= len(doc) or doc[after].lower_ not in _ON:
        return None
    at = doc[after].idx + len(doc[after].text)
    found = (m for m in story.dates if m.precision != "year" and not m.relative)
    return next((m for m in found if at <= m.start <= at + 1), None)


def noun_date(story: Story, noun: Token) -> DateMention | None:
    """The date an event noun holds whatever the parser hung it on: the one it is an
    apposition of, or the one right after its place."""
    return date_holding(story, noun) or date_after_place(story, noun)


_AT = ("in", "at")
_ON = ("on", "from")


def own_date(story: Story, head: Token, sent: Span, body: Span | None = None) -> str | None:
    """The day or month that hangs from the noun itself ("the meeting ... on May 16"), or that
    the parser made the noun hang from ("Yesterday, a meeting ... was held")."""
    anchors = {head.i: (head, "noun")}
    held = noun_date(story, head)
    if held is not None:
        return held.value
    for m in story.dates:
        if not sent.start_char <= m.start < sent.end_char or m.precision == "year":
            continue
        span = story.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and span.root.i != head.i and date_hangs(span, anchors, body):
            return m.value
    return None


def title_line(story: Story, noun: Noun, sent: Span) -> bool:
    """Whether the sentence is only the event's title, a line of its own with no verb
    ("Meeting of NATO Ministers of Defence - Brussels, 5 June 2025", "III Meeting of the
    heads of the anti-terrorism centers"): a headline names an event that is real."""
    tok = noun.token
    start = next((t.i for t in sent if not t.is_space), sent.start)
    if not tok.text[:1].isupper() or tok.head.i != tok.i or tok.left_edge.i != start:
        return False  # not "General information about the Plenary Meeting"
    verbs = [t for t in sent if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound")]
    text = sent.text.strip()
    return not verbs and "\n" not in text and not text.endswith((".", "?", "!", ":"))


def source_of_document(story: Story, noun: Noun) -> bool:
    """Whether the event is named only as where a document comes from ("Resolution 71/179 of
    the 71st Session of the General Assembly"): that says nothing happened."""
    tok = noun.token
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ != "of":
        return False
    owner = prep.head  # "Resolution 71/179 of": the number, with the document noun before it
    words = [owner, *(c for c in owner.lefts if c.dep_ == "compound")]
    return any(lemma(w).lower() in story.lex.document_nouns for w in words)


def in_frame(story: Story, noun: Noun) -> str | None:
    """The frame the noun is the object of, when it presupposes the event: "frame" for "on
    the margins of the summit", "as part of the session", "results of the meeting",
    "preparations for", "following the session"; "within" for "during"/"at" the meeting,
    which single it out only with a date ("On April 22, during a meeting between ...")."""
    tok = noun.token
    prep = tok.head
    if tok.dep_ != "pobj" or prep.dep_ != "prep" or prep.head.i == prep.i:
        return None
    if prep.lower_ in story.lex.frame_preps:
        return "frame"
    if prep.lower_ in story.lex.within_preps:
        return "within"
    if any(c.lower_ in story.lex.indefinite for c in tok.lefts):
        return None  # "in the preparation of a joint operation": any operation
    return "frame" if prep.head.lower_ in story.lex.frame_nouns else None


def _is_title_word(tok: Token, left: bool = False) -> bool:
    if left and _ORDINAL.fullmatch(tok.text):
        return True
    return tok.text[:1].isupper() and tok.pos_ not in _NOT_TITLE and tok.text[:1].isalpha()


def line_break(tok: Token) -> bool:
    """Whether a line ends after the token (or the token is a line break): a title never
    runs across lines."""
    return "\n" in tok.whitespace_ or (tok.is_space and "\n" in tok.text)


def _joined(tok: Token) -> bool:
    """A word glued to the next one without a space ("OSCE-", "VII-th")."""
    return not tok.whitespace_ and (tok.is_alpha or tok.like_num or tok.text in "-–")


def _title_range(
    noun: Noun, sent: Span, dates: frozenset[int], places: frozenset[int]
) -> tuple[int, int] | None:
    """Token range of a capitalized title around the noun: 'Second Conference of the Heads of
    ... Member States'; None for a bare 'the Conference'."""
    doc = noun.token.doc
    if not _is_title_word(noun.token):
        return None
    first = noun.first
    while first > sent.start and not line_break(doc[first - 1]) and not doc[first - 1].is_space:
        if _is_title_word(doc[first - 1], left=True):
            first -= 1
        elif _joined(doc[first - 1]) and first - 2 >= sent.start and _joined(doc[first - 2]):
            first -= 2  # "2020 OSCE-wide Counter-Terrorism Video Conference"
        else:
            break
    end = scan = noun.token.i + 1
    while scan < sent.end and (_is_title_word(doc[scan]) or doc[scan].lower_ in _CONNECTORS):
        if line_break(doc[scan - 1]) or scan in dates:
            break
        if doc[scan].lower_ in ("in", "at") and scan + 1 in places:
            break  # "the Seventh Summit in Astana": the place is not in the title
        scan += 1
        if _is_title_word(doc[scan - 1]):
            end = scan
    words = sum(1 for t in doc[first:end] if _is_title_word(t, left=True))
    return (first, end) if words >= 2 else None


@dataclass(frozen=True)
class Named:
    """An event's name as written, with its character range and whether it is quoted."""

    text: str
    start: int
    end: int
    quoted: bool


def find_name(story: Story, noun: Noun, sent: Span, body: Span | None) -> Named | None:
    """The event's name as written: a capitalized title with any quoted title after it, a
    quoted name next to the noun ('the exercise "Interaction-2021"', 'the exercise of the
    CRRF "Interaction-2021"', '"Combat Brotherhood-2019" trainings'), or a name it is
    given ('a drill dubbed Interaction 2015', 'under the code name "Channel"')."""
    doc = noun.token.doc
    text = story.text
    titled = _title_range(noun, sent, story.date_tokens, story.place_tokens)
    first = titled[0] if titled else noun.first
    end_tok = doc[titled[1] - 1] if titled else noun.token
    start, end = doc[first].idx, end_tok.idx + len(end_tok)
    given = _given_name(story, end, sent)
    if given is not None:
        return given
    after = _QUOTED_AFTER.match(text, end)
    if after is None and body is not None and body.start_char > end:
        after = _QUOTED_AFTER.match(text, body.end_char)
    if after and after.end() <= sent.end_char:
        quote_start = after.start() + len(after.group()) - len(after.group().lstrip())
        if noun.token.text[:1].isupper():
            return Named(text[start : after.end()], start, after.end(), True)
        return Named(text[quote_start : after.end()], quote_start, after.end(), True)
    if titled:
        return Named(text[start:end], start, end, False)
    before = _QUOTED_BEFORE.search(text, max(sent.start_char, start - 260), start)
    if before is None:
        return None
    quoted = before.group().rstrip()
    return Named(quoted, before.start(), before.start() + len(quoted), True)


def _given_name(story: Story, end: int, sent: Span) -> Named | None:
    """A name introduced after the noun: "dubbed Interaction 2015", "code-named "Channel"",
    "under the code name "Channel""."""
    found = story.lex.name_introducers.match(story.text, end)
    if found is None:
        return None
    code = re.compile(rf"(?:{QUOTE})|{_UNQUOTED_CODE}").match(story.text, found.end())
    if code is None or code.end() > sent.end_char or code.end() == code.start():
        return None
    return Named(code.group(), code.start(), code.end(), True)


def name_head(tok: Token, named: Named | None) -> Token:
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


def norm_name(name: str) -> tuple[str, ...]:
    """Words of a name for comparison: no quotes or punctuation, no articles, case folded."""
    words = _NAME_NOISE.sub(" ", name.casefold()).split()
    return tuple(w for w in words if w not in {"the", "a", "an"})


def find_body(story: Story, noun: Noun) -> Span | None:
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
