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

from collections.abc import Iterator

from spacy.language import Language
from spacy.tokens import Doc

from pressgraph.extract.roles.grammar import grammar, title_data
from pressgraph.extract.roles.masked import Masked
from pressgraph.extract.roles.records import FoundRole
from pressgraph.extract.roles.references import references
from pressgraph.extract.roles.titles import read_titles, set_rank, tidy
from pressgraph.nlp.people import name_run, person_span
from pressgraph.nlp.spans import PEOPLE, keep_longest, taken

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
        claimed = taken(doc) | {
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
            if span is not None and span.end - span.start >= 2:
                added.append(span)
        if added:
            doc.spans[PEOPLE] = keep_longest([*doc.spans.get(PEOPLE, []), *added])

    def _before(self, masked: Masked) -> Iterator[FoundRole]:
        for m in grammar().before.finditer(masked.text):
            person = masked.span(int(m.group("person")))
            set_rank(person, m.group("rank"))
            yield from read_titles(masked, m.group("titles"), m.start("titles"), person, m.end())

    def _after(self, masked: Masked) -> Iterator[FoundRole]:
        for m in grammar().after.finditer(masked.text):
            person = masked.span(int(m.group("person")))
            yield from read_titles(
                masked,
                m.group("titles"),
                m.start("titles"),
                person,
                m.end(),
                evidence_start=m.start(),
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
                first = item.start("of")
                yield FoundRole(
                    person,
                    title,
                    org,
                    country,
                    masked.to_doc(first),
                    masked.to_doc(item.end(), end=True),
                )
                pos = item.end()


def _dedupe(roles: list[FoundRole]) -> list[FoundRole]:
    seen: set[tuple[int, str]] = set()
    out = []
    for role in sorted(roles, key=lambda r: (r.start, r.end)):
        key = (role.person.start_char, role.title.casefold())
        if key not in seen:
            seen.add(key)
            out.append(role)
    return out


@Language.factory(
    "pressgraph_roles",
    requires=["doc.spans"],
    assigns=["doc._.roles", "doc.spans"],
)
def make_roles(nlp: Language, name: str) -> RoleFinder:
    """Factory of the role finder."""
    return RoleFinder()
