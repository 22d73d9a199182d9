"""Pipeline component: posts held ("title + name") and later references to the post holder.

The story text is masked: every person, organization and country mention becomes a
placeholder (`⟦P3⟧`, `⟦O1⟧`, `⟦C2⟧`), so the title grammar is a few readable regular
expressions over words and placeholders. Patterns (each tested on its own page):

- title before name:  "the Acting Secretary General of ⟦O⟧, Mr. ⟦P⟧", "the ⟦O⟧ Deputy
  Secretary General ⟦P⟧", "Head of the ⟦O⟧ - Colonel General ⟦P⟧", several titles: "the ⟦O⟧
  Under-Secretary-General, the head of ⟦O⟧, Mr. ⟦P⟧", compound: "Deputy Chairman of ... -
  Executive Secretary of ⟦O⟧ ⟦P⟧"
- title after name:   "⟦P⟧, Director of the ⟦O⟧", "⟦P⟧, the head of the ⟦O⟧"
- a list:             "the defense ministers of ⟦C⟧ (Lieutenant General ⟦P⟧), of ⟦C⟧ (...)"
- a reference:        "the ⟦O⟧ Acting Secretary General" later in the story, when one person
  of the story holds that post, becomes a mention of that person.

A name the model missed right after a title ("... of ⟦C⟧ Suren Papikian") is added as a person.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Span

from pressgraph.extract.roles.grammar import grammar, title_data
from pressgraph.extract.roles.masked import Masked
from pressgraph.extract.roles.records import FoundRole
from pressgraph.extract.roles.references import references
from pressgraph.extract.roles.titles import read_titles, set_rank, tidy
from pressgraph.nlp.people import bare_surnames, name_run, person_span
from pressgraph.nlp.spans import PEOPLE, keep_longest, taken
from pressgraph.resolve.names import looks_personal, parse_person_name

# What stands before a title that is the apposition of an earlier name: "⟦P1⟧, Title, ⟦P2⟧".
_APPOSITION_OF_PREVIOUS = re.compile(r"⟦P\d+⟧\s*,\s*(?:the\s+)?$")


def _singular(heading: str) -> str | None:
    """The post of one holder in a plural heading ("Deputy Secretaries General" -> "Deputy
    Secretary General"); None when no word of it is plural."""
    plurals = title_data().plurals
    words = heading.split()
    singular = [plurals.get(w.casefold(), w) for w in words]
    return " ".join(singular) if singular != words else None


def _possessor(text: str, at: int) -> str | None:
    """The organization or country that "its" or "the organization's" right before `at`
    stands for: the last one named earlier in the sentence."""
    before = text[:at].rstrip()
    # str.casefold maps each character to one or more: the last len(k) + 1 characters decide
    letters = next(
        (
            v
            for k, v in title_data().possessives.items()
            if before[-len(k) - 1 :].casefold().endswith(" " + k)
        ),
        None,
    )
    if letters is None:
        return None
    sentence = re.split(r"[.!?]\s|\n", before)[-1]
    refs = re.findall(rf"⟦[{letters}]\d+⟧", sentence)
    return refs[-1] if refs else None


def _clause_follows(masked: Masked, person: Span, start: int, at: int) -> bool:
    """True when the titles (masked `start`..`at`) after `person` are the subject of a verb
    right after them: "Meeting ... ⟦P⟧, the Secretary General outlined" starts a new clause,
    while "⟦P⟧, Vice Prime Minister of ⟦C⟧ has addressed" (the person is the subject) and
    "accompanied by ⟦P⟧, Permanent Secretary of ⟦O⟧ was briefed" (a title naming its
    organization) are appositions without their closing comma."""
    rest = masked.text[at:]
    if not rest[:1].isspace() or not rest.strip()[:1].islower():
        return False
    first = masked.to_doc(at + len(rest) - len(rest.lstrip()))
    verb = masked.doc.char_span(first, first + 1, alignment_mode="expand")
    if verb is None or verb[0].pos_ not in {"VERB", "AUX"}:
        return False
    if person.root.dep_ in {"nsubj", "nsubjpass"}:
        return False
    if "⟦" not in masked.text[start:at]:
        return True
    span = masked.doc.char_span(
        masked.to_doc(start), masked.to_doc(at, end=True), alignment_mode="expand"
    )
    return span is not None and any(
        t.dep_ in {"nsubj", "nsubjpass"} and not span.start <= t.head.i < span.end for t in span
    )


def _with_tail(titles: str, tail: str | None) -> str:
    """The titles with an organization or country written after them without "of" ("the
    Minister of Foreign Affairs ⟦C⟧ ⟦P⟧", "⟦P⟧, Commissioner, ⟦O⟧") read as "of" it."""
    return f"{titles} of {tail}" if tail else titles


# Words right before capitalized words that make them no personal name.
_NOT_BEFORE_NAMES = frozenset({"the", "a", "an", "of", "for", "in", "on", "at", "to"})

# Model entities whose words are never taken as a missed personal name.
_NOT_PEOPLE = {"GPE", "LOC", "FAC", "NORP", "DATE", "TIME", "EVENT", "LAW", "PRODUCT"}


class RoleFinder:
    """Finds posts held and references to post holders; sets `doc._.roles`."""

    def __call__(self, doc: Doc) -> Doc:
        self._add_missed_names(doc)
        masked = Masked(doc)
        roles = [
            *self._before(masked),
            *self._after(masked),
            *self._listed(masked),
            *self._delegations(masked),
            *self._headed(masked),
            *self._under_heading(masked),
        ]
        roles = _dedupe(roles)
        doc._.roles = roles
        found = list(references(masked, roles))
        if found:
            doc.spans[PEOPLE] = keep_longest([*doc.spans[PEOPLE], *found])
        return doc

    def _add_missed_names(self, doc: Doc) -> None:
        """A name right before or after a title that the model did not tag becomes a person."""
        masked = Masked(doc)
        mentions = taken(doc)
        claimed = mentions | {
            i for e in doc.ents if e.label_ in _NOT_PEOPLE for i in range(e.start, e.end)
        }
        rules = grammar()
        starts = [
            (m.start("name"), m.group("rank")) for m in rules.before_name.finditer(masked.text)
        ]
        starts += [(m.start("name"), None) for m in rules.name_before.finditer(masked.text)]
        added = []
        for at, rank in starts:
            start_char = masked.to_doc(at)
            token = doc.char_span(start_char, start_char + 1, alignment_mode="expand")
            if token is None or token.start in claimed:
                continue
            end = name_run(doc, token.start, claimed)
            span = person_span(doc, token.start, end, "title", rank)
            if span is not None and span.end - span.start >= 2 and _plausible(span, mentions):
                added.append(span)
        if added:
            people = keep_longest([*doc.spans.get(PEOPLE, []), *added])
            people += bare_surnames(doc, people, taken(doc))
            doc.spans[PEOPLE] = keep_longest(people)

    def _before(self, masked: Masked) -> Iterator[FoundRole]:
        for m in grammar().before.finditer(masked.text):
            if "," in m.group("sep") and _APPOSITION_OF_PREVIOUS.search(
                masked.text, 0, m.start("titles")
            ):
                continue  # "⟦P1⟧, Title, ⟦P2⟧": the title is the first person's
            person = masked.span(int(m.group("person")))
            set_rank(person, m.group("rank"))
            tail = m.group("tail") or _possessor(masked.text, m.start("titles"))
            text = _with_tail(m.group("titles"), tail)
            yield from read_titles(masked, text, m.start("titles"), person, m.end())

    def _after(self, masked: Masked) -> Iterator[FoundRole]:
        rules = grammar()
        for m in rules.after.finditer(masked.text):
            person = masked.span(int(m.group("person")))
            apposition = m.group("apposition")
            next_person = apposition is None and rules.next_person.match(masked.text, m.end())
            if apposition is None and _clause_follows(masked, person, m.start("titles"), m.end()):
                continue  # "⟦P⟧, the Secretary General outlined ...": a new clause's subject
            yield from read_titles(
                masked,
                _with_tail(m.group("titles"), apposition),
                m.start("titles"),
                person,
                m.end(),
                evidence_start=m.start(),
                drop_last=bool(next_person),
            )

    def _under_heading(self, masked: Masked) -> Iterator[FoundRole]:
        """A plural post as a heading over a list of its holders: "CSTO Deputy Secretaries
        General:" then "- ⟦P⟧ ..." lines, each holder with the singular post."""
        rules = grammar()
        for m in rules.heading.finditer(masked.text):
            title = _singular(m.group("heading"))
            if title is None or not rules.title.fullmatch(title):
                continue
            pos = m.end()
            while (item := rules.bullet.match(masked.text, pos)) is not None:
                person = masked.span(int(item.group("person")))
                set_rank(person, item.group("rank"))
                yield from read_titles(masked, title, m.start(), person, item.end())
                pos = item.end()

    def _headed(self, masked: Masked) -> Iterator[FoundRole]:
        """ "⟦O⟧, headed by Colonel General ⟦P⟧": the head of that body (not of a delegation,
        which `_delegations` reads)."""
        for m in grammar().headed.finditer(masked.text):
            if "delegation" in masked.text[max(0, m.start() - 40) : m.start()].lower():
                continue
            person = masked.span(int(m.group("person")))
            set_rank(person, m.group("rank"))
            yield FoundRole(
                person,
                title_data().headed_by[m.group("verb")],
                masked.span(int(m.group("ref")[2:-1])),
                None,
                masked.to_doc(m.start()),
                masked.to_doc(m.end(), end=True),
            )

    def _delegations(self, masked: Masked) -> Iterator[FoundRole]:
        for m in grammar().delegation.finditer(masked.text):
            person = masked.span(int(m.group("person")))
            ref = masked.span(int(m.group("ref")[2:-1]))
            org, country = (ref, None) if ref.label_ == "ORG" else (None, ref)
            yield FoundRole(
                person,
                title_data().delegation_head,
                org,
                country,
                masked.to_doc(m.start()),
                masked.to_doc(m.end(), end=True),
            )

    def _listed(self, masked: Masked) -> Iterator[FoundRole]:
        rules = grammar()
        for m in rules.listed.finditer(masked.text):
            title = tidy(m.group("head"))
            pos = m.end()
            while (item := rules.item.match(masked.text, pos)) is not None:
                person = masked.span(int(item.group("person")))
                set_rank(person, item.group("rank"))
                ref = masked.span(int(item.group("ref")[2:-1]))
                org, country = (ref, None) if ref.label_ == "ORG" else (None, ref)
                first = item.start("of") if item.group("of") else item.start("ref")
                yield FoundRole(
                    person,
                    title,
                    org,
                    country,
                    masked.to_doc(first),
                    masked.to_doc(item.end(), end=True),
                )
                pos = item.end()


def _plausible(span: Span, claimed: set[int]) -> bool:
    """A name found next to a title follows no article or preposition, and is no tail of an
    organization the model tagged ("the troops of the Central ⟦Military District⟧") unless a
    known mention ends right before it ("the ⟦Russian Federation⟧ Momčilo Babić") or it looks
    like a personal name."""
    if span.start > 0 and span.doc[span.start - 1].lower_ in _NOT_BEFORE_NAMES:
        return False  # "for the Great Lakes, Head of ...": a place or a thing
    inside = span[0].ent_type_ == "ORG" and span[0].ent_iob_ == "I"
    if not inside or span.start - 1 in claimed:
        return True
    name = parse_person_name(span.text)
    return name is not None and looks_personal(name)


def _dedupe(roles: list[FoundRole]) -> list[FoundRole]:
    """One role per person and title; a bare repeat of a post the story states in full
    ("Chargé d'Affaires Tursunov" after "Chargé d'Affaires of ⟦C⟧ in ⟦C⟧ Batyr Tursunov")
    is that post, with its title, organization and country."""
    seen: set[tuple[int, str]] = set()
    out = []
    for role in sorted(roles, key=lambda r: (r.start, r.end)):
        key = (role.person.start_char, role.title.casefold())
        if key not in seen:
            seen.add(key)
            out.append(role)
    return [_completed(r, out) for r in out]


def _completed(role: FoundRole, roles: list[FoundRole]) -> FoundRole:
    fuller = next((other for other in roles if _repeats(role, other)), None)
    if fuller is None:
        return role
    return replace(
        role, title=fuller.title, organization=fuller.organization, country=fuller.country
    )


def _repeats(role: FoundRole, fuller: FoundRole) -> bool:
    """True when `role` names nothing that `fuller`, a post of the same surname, lacks."""
    if role.organization is not None or role.country is not None or role is fuller:
        return False
    if fuller.organization is None and fuller.country is None:
        return False
    if _surname(role) != _surname(fuller):
        return False
    return _words(role.title) <= _words(fuller.title)


def _surname(role: FoundRole) -> str:
    return role.person.text.split()[-1].casefold()


def _words(title: str) -> set[str]:
    return {w for w in re.split(r"[\s'’-]+", title.casefold()) if w not in {"the", "of", "and"}}


@Language.factory(
    "pressgraph_roles",
    requires=["doc.spans"],
    assigns=["doc._.roles", "doc.spans"],
)
def make_roles(nlp: Language, name: str) -> RoleFinder:
    """Factory of the role finder."""
    return RoleFinder()
