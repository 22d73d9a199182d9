"""Pipeline component: typed relations between organizations, each with its sentence and date.

Cooperation, memoranda, agreements, appeals, membership, observer status and partnership, as
one sentence states them. The sentence is masked (organizations, people, countries, places and
pronouns become placeholders ``⟦O3⟧``, ``⟦P1⟧``, ``⟦C2⟧``, ``⟦H4⟧``, ``⟦X5⟧``) and the cues of
``data/relations.yml`` are read over words and placeholders:

- targets follow the cue: "cooperation with ⟦O⟧, ⟦O⟧ and ⟦O⟧", "member of ⟦O⟧", "appeal to
  ⟦O⟧", "joined ⟦O⟧"; or both ends do: "memorandum between ⟦O⟧ and ⟦O⟧"; an organization
  used as a modifier ("the ⟦O⟧ member states", "the ⟦O⟧'s partners") is not a target;
- the source is "cooperation of ⟦O⟧ with ...", or else the nearest actor before the cue in the
  same sentence, once speech tags are set aside ("The UN, emphasized Mr. J. Khan, intends to
  strengthen cooperation with the CSTO"). An organization is a source; a person (or "he"/"she",
  the one person named before in the paragraph) stands for the organization of his post
  (`doc._.roles`; of several nested ones, the outermost) where the kind allows it. A country, an
  unresolved pronoun, an organization used as a modifier or as an object ("in the CSTO",
  "thanked the OSCE") means there is no source, and nothing is emitted;
- "the Organization" stands for the last organization mentioned before it that is called
  "... Organization": by its gazetteer name, so "CSTO" and "SCO" count, and for a body by its
  organization, so "the CSTO Joint Staff" counts for the CSTO. Failing that, it stands for the
  most-mentioned organization of the story. The relation holds the span of that organization
  (its nearest mention before "the Organization", else its first one).

Not relations, on purpose: organizations that attended the same event (co-participation comes
from events), organizations in one sentence without a cue, a topic ("As regards cooperation
with NATO, ..."), a negation or a hedge between source and cue ("has not signed", "should",
"plans to join"), a call to act together ("the CIS, CSTO, OSCE, SCO ... should act together":
no cue, and a pair for every two of six would be a guess), "Y granted X observer status" (the
active form: left out rather than guessed), and a person's own membership.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from pressgraph.datafiles import load_yaml
from pressgraph.errors import DataError, NotFoundError
from pressgraph.extract.dates import DateMention, find_dates
from pressgraph.nlp import gazetteer
from pressgraph.nlp.spans import COUNTRIES, ORGS, PEOPLE, PLACES, doc_text
from pressgraph.resolve.names import parse_person_name, same_person

__all__ = ["FoundRelation", "RelationFinder", "make_relations"]

DATE_KEY = "pressgraph.date"  # the story date, set by nlp.pipeline before the pipeline runs
_DATA = "relations.yml"
_PH = r"⟦[OPHCX]\d+⟧"
_PLACEHOLDER = re.compile(r"⟦([OPHCX])(\d+)⟧")
_ITEM = rf"(?:[Tt]he\s+)?{_PH}(?:\s*\(\s*{_PH}\s*\))?"  # "the ⟦O⟧ (⟦O⟧)": a name and acronym
_SEP = r"(?:\s*,\s*(?:and\s+|as\s+well\s+as\s+)?|\s+and\s+|\s+as\s+well\s+as\s+)"
_LIST = rf"{_ITEM}(?:{_SEP}{_ITEM})*"
_WORD = r"[^\s⟦⟧,;:.()“”\"«»]+"  # a word of a gap: no placeholder, no punctuation
# The actor list at the end of the text before a cue, and the words after it up to the cue.
_ACTOR = re.compile(rf"(?P<list>{_LIST})(?P<rest>[^⟦⟧]*)$")
_CLAUSE_BREAK = re.compile(r"[;:“”\"«»]")
# A relative clause closed before the cue is set aside when the source is sought: in "the SCO,
# which the CSTO had welcomed, received observer status" the SCO is the subject.
_RELATIVE_CLAUSE = re.compile(r",\s*(?:which|who|whom|whose|where)\b[^,;:]*,")
_DETERMINERS = frozenset({"the", "a", "an"})
_MODIFIER_POS = frozenset({"NOUN", "PROPN", "NUM", "ADJ"})
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})


@dataclass(frozen=True)
class FoundRelation:
    """A relation between two organizations as one sentence states it."""

    source: Span  # ORG span (for "the Organization", the span of the organization it stands for)
    target: Span  # ORG span
    kind: str  # cooperation|agreement|memorandum|appeal|membership|observer|partnership
    date: str | None  # ISO date, YYYY-MM or YYYY when the sentence dates it
    start: int  # character offsets of the evidence sentence in the story
    end: int


# ---------------------------------------------------------------- the cue data


@dataclass(frozen=True)
class _Kind:
    name: str
    priority: int  # lower wins
    directed: bool
    speaker: bool
    hedges: tuple[str, ...]


@dataclass(frozen=True)
class _Cue:
    kind: _Kind
    head: re.Pattern[str]
    before: re.Pattern[str] | None  # a required word just before the head
    linked: re.Pattern[str] | None  # head [of ⟦O⟧] gap link [lead-in] list
    between: re.Pattern[str] | None  # head gap "between" list
    joint: bool
    unless_after: re.Pattern[str] | None  # words after the list that cancel the cue


@dataclass(frozen=True)
class _Upgrade:
    sources: frozenset[str]
    target: str
    framing: re.Pattern[str]


@dataclass(frozen=True)
class _Data:
    kinds: dict[str, _Kind]
    cues: tuple[_Cue, ...]
    upgrades: tuple[_Upgrade, ...]
    negations: tuple[str, ...]
    hedges: tuple[str, ...]
    topics: tuple[str, ...]
    interjection: re.Pattern[str]
    reporting_verbs: frozenset[str]
    speaker_pronouns: frozenset[str]
    blocking_pronouns: frozenset[str]
    organization_words: tuple[str, ...]
    organization_kinds: frozenset[str]
    date_prepositions: frozenset[str]


def _strings(raw: Any, key: str) -> tuple[str, ...]:
    value = raw.get(key) if isinstance(raw, dict) else None
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataError(f"pressgraph/extract/data/{_DATA}: {key!r} must be a list of strings")
    return tuple(value)


def _optional(raw: dict[str, Any], key: str) -> tuple[str, ...]:
    return _strings(raw, key) if key in raw else ()


def _alternation(phrases: Iterable[str]) -> str:
    """One regex alternative per phrase, longest first; a space matches any white space."""
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


def _whole(phrases: Iterable[str]) -> str:
    return rf"(?<![\w-])(?:{_alternation(phrases)})(?![\w-])"


def _parse_kinds(raw: Any) -> dict[str, _Kind]:
    if not isinstance(raw, dict) or not raw:
        raise DataError(f"pressgraph/extract/data/{_DATA}: 'kinds' must be a mapping")
    return {
        name: _Kind(
            name, i, bool(spec["directed"]), bool(spec["speaker"]), _strings(spec, "hedges")
        )
        for i, (name, spec) in enumerate(raw.items())
    }


def _parse_cue(raw: Any, kinds: dict[str, _Kind], lead_ins: tuple[str, ...]) -> _Cue:
    kind = kinds.get(str(raw.get("kind"))) if isinstance(raw, dict) else None
    if kind is None:
        raise DataError(f"pressgraph/extract/data/{_DATA}: a cue has an unknown kind: {raw!r}")
    heads = rf"(?i:{_alternation(_strings(raw, 'heads'))})"
    before = _optional(raw, "before")
    joint = bool(raw.get("joint", False))
    if joint and not before:
        raise DataError(f"pressgraph/extract/data/{_DATA}: a joint cue needs 'before': {raw!r}")
    gap = int(raw.get("gap", 0))
    links = _strings(raw, "links") if "links" in raw else None
    unless = _optional(raw, "unless_after")
    return _Cue(
        kind=kind,
        head=re.compile(rf"(?<![\w-]){heads}(?![\w-])"),
        before=re.compile(rf"{_whole(before)}(?:\s+{_WORD}){{0,4}}\s*$") if before else None,
        linked=None if links is None else _linked(heads, links, gap, lead_ins),
        between=_between(heads, gap) if raw.get("between") else None,
        joint=joint,
        unless_after=re.compile(rf"\s*{_whole(unless)}") if unless else None,
    )


def _linked(
    heads: str, links: tuple[str, ...], gap: int, lead_ins: tuple[str, ...]
) -> re.Pattern[str]:
    """head [of ⟦O⟧] [gap words] link [lead-in] list; no link: the list follows the head."""
    lead = rf"(?:(?:{_alternation(lead_ins)})\s+)?"
    if not links:
        return re.compile(rf"{heads}\s+{lead}(?P<list>{_LIST})")
    link = _alternation(links)
    of_source = "" if "of" in links else r"(?:\s+of\s+(?:[Tt]he\s+)?(?P<of>⟦O\d+⟧))?"
    words = rf"(?:\s+(?!(?:{link})\b){_WORD}){{0,{gap}}}?"
    return re.compile(rf"{heads}{of_source}(?P<gap>{words})\s+(?:{link})\s+{lead}(?P<list>{_LIST})")


def _between(heads: str, gap: int) -> re.Pattern[str]:
    words = rf"(?:\s+(?!between\b){_WORD}){{0,{gap}}}?"
    return re.compile(rf"{heads}(?P<gap>{words})\s+between\s+(?P<list>{_LIST})")


def _parse_upgrade(raw: Any, kinds: dict[str, _Kind]) -> _Upgrade:
    sources, target = _strings(raw, "from"), raw.get("to")
    if target not in kinds or not set(sources) <= set(kinds):
        raise DataError(f"pressgraph/extract/data/{_DATA}: an upgrade names an unknown kind")
    framing = _whole(_strings(raw, "framing"))
    heads = _whole(_strings(raw, "heads"))
    return _Upgrade(
        frozenset(sources), target, re.compile(rf"{framing}\s+(?:{_WORD}\s+){{0,3}}{heads}")
    )


def _interjection(verbs: tuple[str, ...]) -> re.Pattern[str]:
    """A speech tag between commas (or at the start): ", emphasized Mr. ⟦P⟧,", ", he said,",
    ", said the ⟦O⟧ Secretary General ⟦P⟧,", ", as ⟦P⟧ noted,", ", according to him,"."""
    who = r"(?:⟦[PHX]\d+⟧|him|her)"
    said = rf"(?i:{_whole(verbs)})"  # "According to him, ..." starts a sentence
    words = r"(?:[^\s,;:⟦⟧]+|⟦[OC]\d+⟧)"  # title words and the organizations in them
    tag = rf"(?:{said}(?:\s+{words}){{0,8}}?\s+{who}|(?:{words}\s+){{0,8}}?{who}\s+{said})"
    return re.compile(rf"(?P<lead>^|,)\s*{tag}\s*,")


@lru_cache(maxsize=1)
def _data() -> _Data:
    raw = load_yaml("pressgraph.extract", _DATA)
    if not isinstance(raw, dict):
        raise DataError(f"pressgraph/extract/data/{_DATA} must be a mapping")
    kinds = _parse_kinds(raw.get("kinds"))
    lead_ins = _strings(raw, "lead_ins")
    return _Data(
        kinds=kinds,
        cues=tuple(_parse_cue(c, kinds, lead_ins) for c in raw.get("cues") or ()),
        upgrades=tuple(_parse_upgrade(u, kinds) for u in raw.get("upgrades") or ()),
        negations=_strings(raw, "negations"),
        hedges=_strings(raw, "hedges"),
        topics=_strings(raw, "topics"),
        interjection=_interjection(_strings(raw, "interjections")),
        reporting_verbs=frozenset(_strings(raw, "reporting_verbs")),
        speaker_pronouns=frozenset(_strings(raw, "speaker_pronouns")),
        blocking_pronouns=frozenset(_strings(raw, "blocking_pronouns")),
        organization_words=_strings(raw, "organization_words"),
        organization_kinds=frozenset(_strings(raw, "organization_kinds")),
        date_prepositions=frozenset(_strings(raw, "date_prepositions")),
    )


# ---------------------------------------------------------------- organizations and people


@lru_cache(maxsize=1024)
def _ancestors(org_id: str) -> tuple[str, ...]:
    try:
        return tuple(f"org:{a}" for a in gazetteer.ancestors(org_id))
    except NotFoundError:
        return ()


def _lineage(span: Span) -> tuple[str, ...]:
    """The span's key and the keys of everything that contains it, nearest first."""
    key: str = span.kb_id_
    if key.startswith("org:"):
        return (key, *_ancestors(key[4:]))
    parent = span._.parent
    if not parent:
        return (key,)
    return (key, parent, *(_ancestors(parent[4:]) if parent.startswith("org:") else ()))


def _related(a: Span, b: Span) -> bool:
    """The same organization, or one is a body of the other: no edge between them."""
    return a.kb_id_ in _lineage(b) or b.kb_id_ in _lineage(a)


def _stands_for(span: Span, data: _Data) -> str | None:
    """The key "the Organization" would mean right after this mention, or None."""
    words = data.organization_words
    if span.kb_id_.startswith("org~") and span.text.endswith(words):
        return str(span.kb_id_)
    orgs = gazetteer.organizations()
    for key in _lineage(span):
        org = orgs.get(key[4:]) if key.startswith("org:") else None
        if org is not None and org.kind in data.organization_kinds:
            return key if org.name.endswith(words) else None
    return None


class _Organizations:
    """The story's organization mentions, and what "the Organization" stands for."""

    def __init__(self, spans: Sequence[Span], data: _Data) -> None:
        self.spans = sorted(spans, key=lambda s: s.start_char)
        self.data = data
        counts = Counter(s.kb_id_ for s in self.spans).most_common(2)
        unique = bool(counts) and (len(counts) == 1 or counts[0][1] > counts[1][1])
        self.most_mentioned = self._first(counts[0][0]) if unique else None

    def _first(self, key: str) -> Span | None:
        return next((s for s in self.spans if s.kb_id_ == key), None)

    def antecedent(self, at: int) -> Span | None:
        """The span of the organization "the Organization" at character `at` stands for."""
        earlier = [s for s in self.spans if s.end_char <= at]
        for span in reversed(earlier):
            key = _stands_for(span, self.data)
            if key is not None:
                same = [s for s in earlier if s.kb_id_ == key]
                return same[-1] if same else self._first(key)
        return self.most_mentioned


def _same_person(a: Span, b: Span) -> bool:
    if a.kb_id_ == b.kb_id_:
        return True
    name_a, name_b = parse_person_name(a.kb_id_), parse_person_name(b.kb_id_)
    return name_a is not None and name_b is not None and same_person(name_a, name_b)


def _speaker_org(doc: Doc, person: Span) -> Span | None:
    """The organization of the person's posts: the outermost when they nest, else None."""
    orgs: list[Span] = [
        r.organization
        for r in doc._.roles or ()
        if r.organization is not None and _same_person(r.person, person)
    ]
    for org in orgs:
        if all(org.kb_id_ in _lineage(other) for other in orgs):
            return org
    return None


def _pronoun_person(people: Sequence[Span], text: str, at: int) -> Span | None:
    """The one person named before character `at` in its paragraph, or None."""
    paragraph = text.rfind("\n", 0, at) + 1
    named = [p for p in people if paragraph <= p.start_char and p.end_char <= at]
    if named and all(_same_person(p, named[-1]) for p in named):
        return named[-1]
    return None


# ---------------------------------------------------------------- the masked sentence


@dataclass(frozen=True)
class _Item:
    """One placeholder: O organization, P person, H he/she, C country or place, X a pronoun
    or "the Organization" that stands for nobody known."""

    tag: str
    start: int  # token indices
    end: int
    entity: Span | None  # O: the organization span; P, H: the person span


def _items(doc: Doc, text: str, data: _Data) -> dict[int, _Item]:
    """Every placeholder of the story by its first token; longer mentions win overlaps."""
    orgs, people = list(doc.spans.get(ORGS, [])), list(doc.spans.get(PEOPLE, []))
    found = [_Item("O", s.start, s.end, s) for s in orgs]
    found += [_Item("P", s.start, s.end, s) for s in people]
    found += [
        _Item("C", s.start, s.end, None)
        for group in (COUNTRIES, PLACES)
        for s in doc.spans.get(group, [])
    ]
    people.sort(key=lambda s: s.start_char)
    found += [_pronoun(t, people, text, data) for t in doc if t.lower_ in data.speaker_pronouns]
    found += [_Item("X", t.i, t.i + 1, None) for t in doc if t.lower_ in data.blocking_pronouns]
    found += [_Item("O", t.i, t.i + 1, None) for t in doc if _is_the_organization(t, data)]
    chosen: dict[int, _Item] = {}
    last_end = 0
    for item in sorted(found, key=lambda i: (i.start, i.start - i.end)):
        if item.start >= last_end:
            chosen[item.start] = item
            last_end = item.end
    context = _Organizations(orgs, data)
    for start, item in chosen.items():
        if item.tag == "O" and item.entity is None:
            entity = context.antecedent(doc[start].idx)
            chosen[start] = replace(item, tag="O" if entity else "X", entity=entity)
    return chosen


def _pronoun(token: Token, people: Sequence[Span], text: str, data: _Data) -> _Item:
    person = _pronoun_person(people, text, token.idx)
    return _Item("H" if person is not None else "X", token.i, token.i + 1, person)


def _is_the_organization(token: Token, data: _Data) -> bool:
    """ "the Organization" standing alone (not "the Organization of American States")."""
    doc = token.doc
    if token.text not in data.organization_words or token.i == 0:
        return False
    follower = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
    return doc[token.i - 1].lower_ == "the" and follower not in {"of", "for"}


class _Sentence:
    """A sentence with its mentions as placeholders and its speech tags set aside."""

    def __init__(self, sent: Span, items: dict[int, _Item], data: _Data) -> None:
        self.sent = sent
        self.items: list[_Item] = []
        parts: list[str] = []
        i = sent.start
        while i < sent.end:
            item = items.get(i)
            if item is not None and item.end <= sent.end:
                parts.append(f"⟦{item.tag}{len(self.items)}⟧{sent.doc[item.end - 1].whitespace_}")
                self.items.append(item)
                i = item.end
            else:
                parts.append(sent.doc[i].text_with_ws)
                i += 1
        self.text = data.interjection.sub(_keep_lead, "".join(parts))

    def item(self, placeholder: str) -> _Item:
        """The item behind a placeholder text like "⟦O3⟧"."""
        return self.items[int(placeholder[2:-1])]


def _keep_lead(m: re.Match[str]) -> str:
    return m.group("lead") + " " if m.group("lead") else ""


# ---------------------------------------------------------------- reading cues


def _words(text: str) -> str:
    """Lower-case words between single spaces, "n't" as "not", placeholders dropped."""
    text = _PLACEHOLDER.sub(" ", text.lower().replace("n’t", " not").replace("n't", " not"))
    return " " + " ".join(re.findall(r"[\w-]+", text)) + " "


def _says_any(text: str, phrases: Iterable[str]) -> bool:
    words = _words(text)
    return any(f" {p} " in words for p in phrases)


def _is_topic(pre: str, data: _Data) -> bool:
    """The cue is named as a topic: "As regards (the) cooperation with ..."."""
    words = _words(pre).split()
    return any(_says_any(" ".join(words[-len(t.split()) - 2 :]), (t,)) for t in data.topics)


def _hedged(region: str, kind: _Kind, data: _Data) -> bool:
    return _says_any(region, (*data.negations, *data.hedges, *kind.hedges))


def _follows_as_modifier(item: _Item, doc: Doc, *, possessive_ok: bool) -> bool:
    """The mention qualifies a noun after it: "the CSTO member states", "the UN leading role"."""
    if item.end >= len(doc):
        return False
    nxt = doc[item.end]
    if nxt.text in _POSSESSIVE:
        return not possessive_ok
    return nxt.pos_ in _MODIFIER_POS


def _in_object_position(item: _Item, sent: Span, data: _Data) -> bool:
    """After a preposition ("in the CSTO") or a verb that is not a reporting verb."""
    i = item.start - 1
    while i >= sent.start and sent.doc[i].lower_ in _DETERMINERS:
        i -= 1
    if i < sent.start:
        return False
    prev = sent.doc[i]
    if prev.pos_ == "ADP":
        return prev.lower_ != "of"
    return prev.pos_ in {"VERB", "AUX"} and prev.lower_ not in data.reporting_verbs


def _blank(m: re.Match[str]) -> str:
    """A comma and spaces in place of a relative clause, so offsets stay as they were."""
    return "," + " " * (len(m.group()) - 1)


@dataclass(frozen=True)
class _Actor:
    orgs: tuple[Span, ...]
    start: int  # offset in the sentence text where the actor list starts


class _Reader:
    """Reads the cues of one sentence into candidate edges."""

    def __init__(self, sentence: _Sentence, data: _Data, max_words: int) -> None:
        self.sentence = sentence
        self.doc = sentence.sent.doc
        self.data = data
        self.max_words = max_words

    def org_of(self, item: _Item, kind: _Kind) -> Span | None:
        """The organization an item stands for as a source."""
        if item.tag == "O":
            return item.entity
        if item.tag in "PH" and kind.speaker and item.entity is not None:
            return _speaker_org(self.doc, item.entity)
        return None

    def targets(self, listed: str) -> list[Span]:
        """The organizations of a list, without those that qualify a noun."""
        items = [self.sentence.item(m.group()) for m in _PLACEHOLDER.finditer(listed)]
        return [
            i.entity
            for i in items
            if i.tag == "O"
            and i.entity is not None
            and not _follows_as_modifier(i, self.doc, possessive_ok=False)
        ]

    def actor(self, pre: str, kind: _Kind) -> _Actor | None:
        """The organization(s) doing what the cue says: the nearest actor before it."""
        m = _ACTOR.search(_RELATIVE_CLAUSE.sub(_blank, pre))
        if m is None or _CLAUSE_BREAK.search(m.group("rest")):
            return None
        if len(m.group("rest").split()) > self.max_words:
            return None
        items = [self.sentence.item(p.group()) for p in _PLACEHOLDER.finditer(m.group("list"))]
        if _in_object_position(items[0], self.sentence.sent, self.data):
            return None
        if _follows_as_modifier(items[-1], self.doc, possessive_ok=True):
            return None
        nearest = self.org_of(items[-1], kind)
        if nearest is None:
            return None
        orgs = [self.org_of(i, kind) for i in items[:-1]]
        return _Actor((*(o for o in orgs if o is not None), nearest), m.start("list"))


@dataclass(frozen=True)
class _Candidate:
    kind: _Kind
    source: Span
    target: Span
    anchor: int  # where the related organizations are listed: one cue per place wins


def _read_cue(reader: _Reader, cue: _Cue, head: re.Match[str]) -> Iterator[_Candidate]:
    text, data = reader.sentence.text, reader.data
    pre = text[: head.start()]
    if _is_topic(pre, data) or (cue.before is not None and not cue.before.search(pre)):
        return
    if cue.between is not None and (m := cue.between.match(text, head.start())):
        region = " ".join([*pre.split()[-4:], text[head.start() : m.end("gap")]])
        if not _hedged(region, cue.kind, data):
            yield from _pairs(cue.kind, reader.targets(m.group("list")), m.start("list"))
        return
    if cue.linked is not None and (m := cue.linked.match(text, head.start())):
        yield from _read_linked(reader, cue, head, m)
        return
    if cue.joint:
        actor = reader.actor(pre, cue.kind)
        if actor is not None and not _hedged(text[actor.start : head.end()], cue.kind, data):
            yield from _pairs(cue.kind, list(actor.orgs), actor.start)


def _read_linked(
    reader: _Reader, cue: _Cue, head: re.Match[str], m: re.Match[str]
) -> Iterator[_Candidate]:
    text, sentence = reader.sentence.text, reader.sentence
    gap_end = m.end("gap") if "gap" in m.re.groupindex else head.end()
    of = m.groupdict().get("of")
    if of is not None:
        entity = sentence.item(of).entity
        sources: tuple[Span, ...] = (entity,) if entity is not None else ()
        region = text[head.start() : gap_end]
    else:
        actor = reader.actor(text[: head.start()], cue.kind)
        if actor is None:
            return
        sources, region = actor.orgs, text[actor.start : gap_end]
    if _hedged(region, cue.kind, reader.data):
        return
    if cue.unless_after is not None and cue.unless_after.match(text, m.end("list")):
        return
    for source in sources:
        for target in reader.targets(m.group("list")):
            yield _Candidate(cue.kind, source, target, m.start("list"))


def _pairs(kind: _Kind, orgs: list[Span], anchor: int) -> Iterator[_Candidate]:
    for i, source in enumerate(orgs):
        for target in orgs[i + 1 :]:
            yield _Candidate(kind, source, target, anchor)


def _best_per_place(candidates: list[_Candidate]) -> list[_Candidate]:
    """Where two kinds name the same organizations, the kind listed first in the data wins."""
    best: dict[int, int] = {}
    for c in candidates:
        best[c.anchor] = min(best.get(c.anchor, c.kind.priority), c.kind.priority)
    return [c for c in candidates if c.kind.priority == best[c.anchor]]


def _upgraded(candidates: list[_Candidate], text: str, data: _Data) -> list[_Candidate]:
    """Cooperation framed by memoranda in the same sentence is a memorandum relation."""
    for upgrade in data.upgrades:
        framing = upgrade.framing.search(text)
        if framing is None or _says_any(framing.group(), data.hedges):
            continue
        kind = data.kinds[upgrade.target]
        candidates = [
            replace(c, kind=kind) if c.kind.name in upgrade.sources else c for c in candidates
        ]
    return candidates


# ---------------------------------------------------------------- dates


def _anchor(doc: Doc) -> dt.date | None:
    value = doc.user_data.get(DATE_KEY)
    try:
        return dt.date.fromisoformat(value[:10]) if isinstance(value, str) else None
    except ValueError:
        return None


def _sentence_date(sent: Span, anchor: dt.date | None, data: _Data) -> str | None:
    """The one date the sentence gives after "in"/"on"/"since", or a relative one; else None."""
    text = sent.text
    dated = {d.value for d in find_dates(text, anchor=anchor) if _dates_event(d, text, data)}
    return dated.pop() if len(dated) == 1 else None


def _dates_event(mention: DateMention, text: str, data: _Data) -> bool:
    if mention.end_value is not None:
        return False  # a period ("for 2019-2021") says when something lasts, not when it began
    if mention.relative and mention.precision == "day":
        return True  # "today", "yesterday"
    before = _words(text[: mention.start]).split()
    return bool(before) and (
        before[-1] in data.date_prepositions or " ".join(before[-2:]) in data.date_prepositions
    )


# ---------------------------------------------------------------- the component


class RelationFinder:
    """Finds relations between organizations; sets `doc._.relations`."""

    def __init__(self, *, max_actor_words: int) -> None:
        self.max_actor_words = max_actor_words

    def __call__(self, doc: Doc) -> Doc:
        data = _data()
        items = _items(doc, doc_text(doc), data)
        anchor = _anchor(doc)
        found: list[FoundRelation] = []
        seen: set[tuple[str, str, str]] = set()
        for sent in doc.sents:
            for relation in self._sentence(sent, items, anchor, data):
                key = _edge_key(relation, data)
                if key not in seen:
                    seen.add(key)
                    found.append(relation)
        doc._.relations = found
        return doc

    def _sentence(
        self, sent: Span, items: dict[int, _Item], anchor: dt.date | None, data: _Data
    ) -> Iterator[FoundRelation]:
        sentence = _Sentence(sent, items, data)
        reader = _Reader(sentence, data, self.max_actor_words)
        candidates = [
            c
            for cue in data.cues
            for head in cue.head.finditer(sentence.text)
            for c in _read_cue(reader, cue, head)
        ]
        candidates = _upgraded(_best_per_place(candidates), sentence.text, data)
        date = _sentence_date(sent, anchor, data) if candidates else None
        for c in sorted(candidates, key=lambda c: (c.anchor, c.target.start_char)):
            if c.source.kb_id_ and c.target.kb_id_ and not _related(c.source, c.target):
                yield _relation(c, date, sent)


def _relation(c: _Candidate, date: str | None, sent: Span) -> FoundRelation:
    source, target = c.source, c.target
    if not c.kind.directed and target.start_char < source.start_char:
        source, target = target, source  # undirected: the one written first is the source
    text = sent.text
    start = sent.start_char + len(text) - len(text.lstrip())
    end = sent.start_char + len(text.rstrip())  # a paragraph's last sentence ends before "\n\n"
    return FoundRelation(source, target, c.kind.name, date, start, end)


def _edge_key(relation: FoundRelation, data: _Data) -> tuple[str, str, str]:
    """One edge per kind and pair of organizations (in either order when undirected)."""
    first, second = relation.source.kb_id_, relation.target.kb_id_
    if not data.kinds[relation.kind].directed and second < first:
        first, second = second, first
    return (relation.kind, first, second)


if not Doc.has_extension("relations"):
    Doc.set_extension("relations", default=None)


@Language.factory(
    "pressgraph_relations",
    requires=["doc.spans", "doc.sents", "doc._.roles"],
    assigns=["doc._.relations"],
    default_config={"max_actor_words": 30},
)
def make_relations(nlp: Language, name: str, *, max_actor_words: int) -> RelationFinder:
    """Factory of the relation finder; `max_actor_words` bounds the words between source and cue."""
    return RelationFinder(max_actor_words=max_actor_words)
