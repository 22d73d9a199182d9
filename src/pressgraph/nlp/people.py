"""Pipeline component: person mentions, with honorifics and ranks stripped and the rank kept.

A person is a name the model tags PERSON, a run of capitalized words right after an
honorific or a rank ("Mr. Valery Semerikov", "Lieutenant General Baktybek Bekbolotov"), or a
name with a particle the model took into an organization ("the leader of ISIS al-Baghdadi").
Names after a post title ("the Minister of Defense of Armenia Suren Papikian") are added
by the roles component, which knows where a title ends.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from pressgraph.nlp import gazetteer
from pressgraph.nlp.spans import ORGS, PEOPLE, is_free, keep_longest, make_span, taken
from pressgraph.resolve.names import parse_person_name

_MAX_NAME_TOKENS = 5


@dataclass(frozen=True)
class _Words:
    particles: frozenset[str]
    not_names: frozenset[str]
    patronymic_endings: tuple[str, ...]
    org_heads: frozenset[str]  # "council", "centre": a name with one is an organization's


@lru_cache(maxsize=1)
def _words() -> _Words:
    data = gazetteer.load_data_file("person_words.yml")
    org_words = gazetteer.load_data_file("org_words.yml")
    return _Words(
        frozenset(data["particles"]),
        frozenset(data["not_names"]),
        tuple(data["patronymic_endings"]),
        frozenset(org_words["heads"]),
    )


def _is_patronymic(text: str) -> bool:
    return (
        len(text) >= 6
        and _is_name_word(text)
        and text.lower().endswith(_words().patronymic_endings)
    )


def _is_name_word(text: str) -> bool:
    """A capitalized word or an initial ("V.", "J.-P.") that can stand in a name."""
    if text in _words().not_names:
        return False
    core = text.replace("-", "").replace("'", "").replace("’", "").rstrip(".")
    return bool(core) and core[0].isupper() and core.isalpha()


def name_run(doc: Doc, start: int, claimed: set[int]) -> int:
    """End (exclusive) of the longest name-like token run starting at `start`; `start` if none."""
    end = start
    particles = _words().particles
    while end < len(doc) and end - start < _MAX_NAME_TOKENS and end not in claimed:
        text = doc[end].text
        if _is_name_word(text) or (text.lower().rstrip("-") in particles and end > start):
            end += 1
        else:
            break
    while end > start and doc[end - 1].text.lower().rstrip("-") in particles:
        end -= 1
    return end


def person_span(doc: Doc, start: int, end: int, source: str, rank: str | None) -> Span | None:
    """A person span when the tokens parse as a personal name, else None."""
    if end <= start:
        return None
    text = doc[start:end].text
    if parse_person_name(text) is None:
        return None
    span = make_span(doc, start, end, "PERSON", text, source)
    if span is not None:
        span._.rank = rank
    return span


class PersonFinder:
    """Finds person mentions and writes them to `doc.spans["pg_people"]`."""

    def __init__(self, nlp: Language) -> None:
        titles = gazetteer.titles()
        self.ranks = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.honorifics = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.posts = PhraseMatcher(nlp.vocab, attr="LOWER")
        for post in titles.post_heads:
            self.posts.add(post, [nlp.make_doc(post)])
        for rank in titles.ranks:
            self.ranks.add(rank, [nlp.make_doc(rank)])
            self.ranks.add(rank, [nlp.make_doc(rank[0].lower() + rank[1:])])
        for honorific in titles.honorifics:
            self.honorifics.add(honorific, [nlp.make_doc(honorific)])

    def __call__(self, doc: Doc) -> Doc:
        claimed = taken(doc)
        triggers = self._triggers(doc)
        found = list(self._after_triggers(doc, triggers, claimed))
        found += list(_with_patronymics(doc, claimed))
        found += [s for s in _glued_to_organizations(doc) if is_free(s, claimed)]
        found += [s for s in self._from_model(doc, triggers) if is_free(s, claimed)]
        doc.spans[PEOPLE] = keep_longest(found)
        return doc

    def _triggers(self, doc: Doc) -> dict[int, tuple[int, str | None]]:
        """Token index right after an honorific, rank or post -> (trigger start, rank or None).

        A rank word inside a post ("General" in "Secretary General") is not a rank.
        """
        posts = keep_longest_matches(self.posts(doc))
        in_post = {i for _, start, end in posts for i in range(start, end)}
        ranks = [m for m in keep_longest_matches(self.ranks(doc)) if m[1] not in in_post]
        out: dict[int, tuple[int, str | None]] = {end: (start, None) for _, start, end in posts}
        for matches, is_rank in (
            (keep_longest_matches(self.honorifics(doc)), False),
            (ranks, True),
        ):
            for match_id, start, end in matches:
                rank = doc.vocab.strings[match_id] if is_rank else None
                previous = out.get(start)
                if previous is not None:  # "Colonel General Mr. X" or "Mr. Colonel X"
                    start, rank = previous[0], rank or previous[1]
                out[end] = (start, rank)
        return out

    def _after_triggers(
        self, doc: Doc, triggers: dict[int, tuple[int, str | None]], claimed: set[int]
    ) -> Iterator[Span]:
        for begin, (_, rank) in triggers.items():
            span = person_span(doc, begin, name_run(doc, begin, claimed), "title", rank)
            if span is not None:
                yield span

    def _from_model(self, doc: Doc, triggers: dict[int, tuple[int, str | None]]) -> Iterator[Span]:
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            start = ent.start
            while (
                start < ent.end
                and not _is_name_word(doc[start].text)
                and not _hyphened_particle(doc, start)
            ):
                start += 1  # a leading "Mr." or a lower-case word the model took in
            rank = triggers.get(start, (0, None))[1]
            span = person_span(doc, start, ent.end, "model", rank)
            if span is not None:
                yield span


def _hyphened_particle(doc: Doc, i: int) -> bool:
    """A particle joined by a hyphen to the name word after it: the "al-" of "al-Zawahiri"."""
    return (
        doc[i].text.lower() in _words().particles
        and i + 2 < len(doc)
        and doc[i + 1].text == "-"
        and _is_name_word(doc[i + 2].text)
    )


def _glued_to_organizations(doc: Doc) -> Iterator[Span]:
    """A name the model tagged ORG together with the organization before it ("ISIS
    al-Baghdadi"): after a known organization at the start of the model's ORG, the rest is a
    person when it parses as a name with a lower-case particle ("al-", "bin", "von") and has
    no word that heads organization names ("the CSTO Crisis Response Centre" stays whole)."""
    known = {span.start: span for span in doc.spans.get(ORGS, [])}
    words = _words()
    for ent in doc.ents:
        org = known.get(ent.start) if ent.label_ == "ORG" else None
        if org is None or org.end >= ent.end:
            continue
        rest = [t.text.lower() for t in doc[org.end : ent.end]]
        if any(w in words.particles for w in rest) and not any(w in words.org_heads for w in rest):
            span = person_span(doc, org.end, ent.end, "model", None)
            if span is not None:
                yield span


def _with_patronymics(doc: Doc, claimed: set[int]) -> Iterator[Span]:
    """Three-word names around a patronymic: "Ivanov Sergey Viktorovich", "Sergey Viktorovich
    Ivanov"; the name parser decides the order."""
    for token in doc:
        if token.i in claimed or not _is_patronymic(token.text):
            continue
        i = token.i
        for start, end in ((i - 2, i + 1), (i - 1, i + 2)):
            words = range(start, end)
            if (
                start >= 0
                and end <= len(doc)
                and all(j not in claimed and _is_name_word(doc[j].text) for j in words)
            ):
                span = person_span(doc, start, end, "title", None)
                if span is not None:
                    yield span
                    break


def keep_longest_matches(matches: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """Matcher results without overlaps, longest first ("Colonel General" over "General")."""
    chosen: list[tuple[int, int, int]] = []
    used: set[int] = set()
    for match in sorted(matches, key=lambda m: (-(m[2] - m[1]), m[1])):
        if not any(i in used for i in range(match[1], match[2])):
            chosen.append(match)
            used.update(range(match[1], match[2]))
    return sorted(chosen, key=lambda m: m[1])


@Language.factory(
    "pressgraph_people",
    requires=["doc.ents", "doc.spans"],
    assigns=["doc.spans"],
)
def make_people(nlp: Language, name: str) -> PersonFinder:
    """Factory of the person finder."""
    return PersonFinder(nlp)
