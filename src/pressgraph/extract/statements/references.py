"""Speakers written without a person mention: a post ("the Belarusian leader", "said the press
secretary of the CSTO", "the organization's deputy secretary general") that a person of the
story holds, and a surname or full name the model missed that a mention of the story carries
("According to Petrov", after "Ivan Petrov" was named).

A post reference names the person whose post (in `doc._.roles`) has its title words and its
organization or country; when several people of the story hold such a post, the one named last
before the reference. A generic noun ("leader", "diplomat", "head") needs an organization or a
country with it: "the Uzbek diplomat" is the person of the story with a post of Uzbekistan.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from pressgraph.extract.roles import FoundRole
from pressgraph.extract.statements.grammar import is_subject
from pressgraph.extract.statements.lexicon import lexicon, post_words
from pressgraph.nlp.spans import COUNTRIES, ORGS, PEOPLE, PLACES, positions

_NOT_NAMES = frozenset({"GPE", "NORP", "ORG", "LOC", "DATE", "FAC", "EVENT"})
_DETERMINERS = frozenset({"the", "its", "his", "her", "their"})
_POSSESSIVE = frozenset({"'s", "’s"})
_MAX_MODIFIERS = 6
_HEAD_TOKENS = 12


@dataclass(frozen=True)
class Reference:
    """Words that name a person of the story, and a mention of that person."""

    span: Span  # label PERSON, kb_id of the person
    person: Span


@dataclass(frozen=True)
class _Post:
    """A post reference as written: its token range, title words, organizations, countries."""

    start: int
    end: int
    words: frozenset[str]
    head: str  # the last word of the title ("general" of "the deputy secretary general")
    generic: bool
    orgs: frozenset[str]
    countries: frozenset[str]


def references(doc: Doc, named: set[int]) -> list[Reference]:
    """Every post reference and missed name in the doc that names one person of the story."""
    people = sorted(doc.spans.get(PEOPLE, []), key=lambda s: s.start)
    # A surname the model took for a place ("According to Petrov") may still name a person.
    places = {i for s in doc.spans.get(PLACES, []) for i in range(s.start, s.end)}
    found = [
        *_post_references(doc, people, named),
        *_name_references(doc, people, named - places),
    ]
    return sorted(found, key=lambda r: r.span.start)


# --- posts ---------------------------------------------------------------------------------------


def _post_references(doc: Doc, people: list[Span], named: set[int]) -> Iterator[Reference]:
    roles = [r for r in doc._.roles or [] if r.person is not None]
    if not roles:
        return
    keys = _mention_keys(doc)
    taken = {i for p in people for i in range(p.start, p.end)}
    evidence = [(r.start, r.end) for r in roles]
    at = 0
    for start in positions(doc, _DETERMINERS):  # what a post reference opens with
        post = _post_at(doc, start, keys) if start >= at else None
        if post is None:
            continue
        at = post.end
        if any(i in taken for i in range(post.start, post.end)) or _names_follow(doc, post, taken):
            continue  # a mention already, or a title before a name ("the minister Ivan Petrov")
        char = doc[post.start].idx
        if any(s <= char < e for s, e in evidence):
            continue
        holder = _holder(roles, post, people, char)
        if holder is not None:
            span = Span(doc, post.start, post.end, label="PERSON", kb_id=holder.kb_id_)
            yield Reference(span, holder)


def _mention_keys(doc: Doc) -> dict[int, tuple[str, str]]:
    """Token index -> ("org" | "country", key) for the organization and country mentions."""
    keys: dict[int, tuple[str, str]] = {}
    for group, kind in ((ORGS, "org"), (COUNTRIES, "country")):
        for span in doc.spans.get(group, []):
            for i in range(span.start, span.end):
                keys[i] = (kind, span.kb_id_)
    return keys


def _post_at(doc: Doc, start: int, keys: dict[int, tuple[str, str]]) -> _Post | None:
    """A post reference opened by a determiner at `start`: "the [ORG|country|modifiers] head
    [of ORG|country]"."""
    if doc[start].lower_ not in _DETERMINERS:
        return None
    lex = lexicon()
    i = start + 1
    words: list[str] = []
    qualifiers: list[tuple[str, str]] = []
    while i < len(doc) and i - start <= _MAX_MODIFIERS:
        head = _head_at(doc, i)
        if head is not None:
            end, head_words = head
            head_words = lex.post_aliases.get(head_words, head_words)  # "head of state"
            words.extend(head_words)
            end = _of_part(doc, end, keys, qualifiers)
            generic = tuple(head_words) in lex.generic_posts
            return _Post(
                start,
                end,
                frozenset(words),
                _canonical(head_words[-1]),
                generic,
                frozenset(k for kind, k in qualifiers if kind == "org"),
                frozenset(k for kind, k in qualifiers if kind == "country"),
            )
        token = doc[i]
        if i in keys:
            qualifiers.append(keys[i])
        elif token.lower_ in lex.post_modifiers or token.text in {"-", *_POSSESSIVE}:
            if token.lower_ in lex.post_modifiers:
                words.append(token.lower_)
        else:
            return None
        i += 1
    return None


def _head_at(doc: Doc, start: int) -> tuple[int, tuple[str, ...]] | None:
    """The longest post title (or generic post noun) starting at token `start`."""
    words: list[str] = []
    ends: list[int] = []  # token index after each word
    heads = lexicon().heads_by_first
    for token in doc[start : start + _HEAD_TOKENS]:
        if token.text == "-":
            continue
        parts = post_words(token.text)  # "Secretary-General" may be one token
        if not parts or not all(p.isalpha() for p in parts):
            break
        if not words and parts[0] not in heads:  # no title starts with this word
            return None
        words.extend(parts)
        ends.extend([token.i + 1] * len(parts))
    for head in heads.get(words[0], ()) if words else ():
        if tuple(words[: len(head)]) == head:
            return ends[len(head) - 1], head
    return None


def _of_part(
    doc: Doc, end: int, keys: dict[int, tuple[str, str]], qualifiers: list[tuple[str, str]]
) -> int:
    """ "of (the) ORG" / "of (the) country" after the head: taken into the reference."""
    if end >= len(doc) or doc[end].lower_ != "of":
        return end
    i = end + 1
    if i < len(doc) and doc[i].lower_ == "the":
        i += 1
    if i >= len(doc) or i not in keys:
        return end
    key = keys[i]
    while i < len(doc) and keys.get(i) == key:
        i += 1
    qualifiers.append(key)
    return i


def _names_follow(doc: Doc, post: _Post, people: set[int]) -> bool:
    """True when a name follows the post: it is the person's title, not a reference."""
    skip = lexicon().name_words - {"the"}
    i = post.end
    while i < len(doc) and (doc[i].text in {",", "-", "–", "—"} or doc[i].lower_ in skip):
        i += 1
    if i >= len(doc):
        return False
    if i in people:
        return True
    return doc[i].is_title and doc[i].tag_ == "NNP" and doc[i].ent_type_ not in _NOT_NAMES


def _holder(roles: list[FoundRole], post: _Post, people: list[Span], char: int) -> Span | None:
    """The person of the story holding the post: the one whose title has every word of the
    reference, else the one whose title has its head word ("the press secretary" for a
    "Secretary"); among several, the one last named as a subject before it, else last named."""
    for strict in (True, False):
        holders: dict[str, Span] = {}
        for role in roles:
            if _fits(role, post, strict=strict):
                holders.setdefault(role.person.kb_id_, role.person)
        if holders:
            return _latest(holders, people, char, subject=post.generic)
    return None


def _latest(
    holders: dict[str, Span], people: list[Span], char: int, *, subject: bool
) -> Span | None:
    """The holder named before the reference: the only one, or the one last named as a subject
    (else last named). A generic reference ("the Uzbek diplomat") takes up a person who was a
    subject or a speaker before."""
    named = [p for p in people if p.end_char <= char and p.kb_id_ in holders]
    subjects = [p for p in named if is_subject(p) or _speaks(p)]
    if subject:
        return holders[subjects[-1].kb_id_] if subjects else None
    if len({p.kb_id_ for p in named}) == 1:
        return holders[named[0].kb_id_]
    chosen = subjects or named
    return holders[chosen[-1].kb_id_] if chosen else None


def _speaks(person: Span) -> bool:
    """True when a reporting verb follows the person ("X said"), however the parse reads it."""
    lex = lexicon()
    doc = person.doc
    i = person.end
    while i < len(doc) and doc[i].lower_ in lex.between:
        i += 1
    return i < len(doc) and doc[i].lower_ in lex.first_words


def _fits(role: FoundRole, post: _Post, *, strict: bool) -> bool:
    """Whether a post held is the post a reference names."""
    org_key = role.organization.kb_id_ if role.organization is not None else None
    country_key = role.country.kb_id_ if role.country is not None else None
    if post.orgs and org_key is not None and org_key not in post.orgs:
        return False
    known = country_key is not None or org_key is not None  # a post of nowhere fits anywhere
    if post.countries and known and not ({country_key, org_key} & post.countries):
        return False
    if post.generic:
        return bool((post.orgs and org_key) or (post.countries and country_key))
    lex = lexicon()
    title = {_canonical(w) for w in post_words(role.title)} - lex.post_fillers
    words = {_canonical(w) for w in post.words} - lex.post_fillers
    if (title & lex.distinct_posts) != (words & lex.distinct_posts):
        return False
    return words <= title if strict else post.head in title


def _canonical(word: str) -> str:
    return lexicon().post_synonyms.get(word, word)


# --- names ---------------------------------------------------------------------------------------


def _name_references(doc: Doc, people: list[Span], named: set[int]) -> Iterator[Reference]:
    """A capitalized name the model missed that equals a person of the story's full name or
    surname ("Petrov" after "Ivan Petrov"): one person, or nothing when two share it."""
    by_name: dict[str, dict[str, Span]] = {}
    for person in people:
        if person._.source == "reference":
            continue  # "the Secretary General": a post, not a name
        words = _name_parts(person)
        if not words:
            continue
        for form in {" ".join(words), words[-1]}:
            by_name.setdefault(form, {}).setdefault(person.kb_id_, person)
    at = 0
    while at < len(doc):
        end = at
        while end < len(doc) and end not in named and _is_name_word(doc[end]):
            end += 1
        if end == at:
            at += 1
            continue
        form = " ".join(t.text.lower() for t in doc[at:end])
        holders = by_name.get(form) or _by_surname(by_name, doc[at:end])
        if len(holders) == 1:
            (person,) = holders.values()
            span = Span(doc, at, end, label="PERSON", kb_id=person.kb_id_)
            yield Reference(span, person)
        at = end


def _by_surname(by_name: dict[str, dict[str, Span]], run: Span) -> dict[str, Span]:
    """ "Yury Fedotov" for "Yuri Fedotov": the surname, and given names that begin alike."""
    if len(run) < 2:
        return {}
    holders = by_name.get(run[-1].text.lower(), {})
    first = run[0].text[:1].lower()
    return {
        k: p for k, p in holders.items() if _name_parts(p)[:1] and _name_parts(p)[0][:1] == first
    }


def _name_parts(person: Span) -> list[str]:
    return [t.text.lower() for t in person if t.is_alpha and t.text[:1].isupper()]


def _is_name_word(token: Token) -> bool:
    """A capitalized word: the tag does not matter, the name must be a person's of the story
    ("Sokolov: We will ..." is tagged a common noun)."""
    return token.is_alpha and token.text[:1].isupper()
