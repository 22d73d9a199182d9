"""Pipeline component: person mentions, with honorifics and ranks stripped and the rank kept.

A person is a name the model tags PERSON, a run of capitalized words right after an
honorific or a rank ("Mr. Valery Semerikov", "Lieutenant General Baktybek Bekbolotov"), or a
name with a particle the model took into an organization ("the leader of ISIS al-Baghdadi"),
or a name the model glued to the country or organization before it ("the Kyrgyz Republic
Talant Osmonov"). A one-word name needs a title before it or a longer name of the story that
it ends ("Lavrov" after "Sergei Lavrov"): the model also tags common nouns, places and news
agencies PERSON. Names after a post title ("the Minister of Defense of Armenia Suren
Papikian") are added by the roles component, which knows where a title ends.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from pressgraph.nlp import gazetteer
from pressgraph.nlp.name_words import (
    hyphened_particle,
    initials_before,
    is_name_word,
    is_patronymic,
    is_title_word,
    line_end,
    name_run,
    trim_name,
    words,
)
from pressgraph.nlp.spans import (
    ORGS,
    PEOPLE,
    is_free,
    keep_longest,
    make_span,
    positions,
    taken,
)
from pressgraph.resolve.names import looks_personal, parse_person_name

__all__ = ["PersonFinder", "bare_surnames", "name_run", "person_span"]

# Model entities that may hold a name glued after a country or an organization: "the Kyrgyz
# Republic Talant Osmonov" (GPE), "the UN Drugs and Crime Office Ivan Orlov" (ORG).
_GLUE_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC", "PERSON"})
_PARTICLE_SURNAME_TOKENS = 3  # the particle and two words: "de Hoop Scheffer"


def person_span(doc: Doc, start: int, end: int, source: str, rank: str | None) -> Span | None:
    """A person span when the tokens parse as a personal name, else None. A possessive at the
    end and words of address or titles at the start are left out; a word that heads
    organization names ("Interstate Commission") is never in a personal name."""
    start, end = trim_name(doc, start, end)
    if end <= start or any(t.lower_ in words().org_heads for t in doc[start:end]):
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
        found += [s for s in _glued_to_mentions(doc, claimed) if is_free(s, claimed)]
        found += [s for s in self._from_model(doc, triggers, claimed) if is_free(s, claimed)]
        found = [s for s in found if len(s) > 1 or _plausible_single(doc, s, triggers, found)]
        found = keep_longest(found)
        found += list(bare_surnames(doc, found, claimed))
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

    def _from_model(
        self, doc: Doc, triggers: dict[int, tuple[int, str | None]], claimed: set[int]
    ) -> Iterator[Span]:
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            start = ent.start
            while start < ent.end and (
                start in claimed
                or not (is_name_word(doc[start].text) or hyphened_particle(doc, start))
            ):
                start += 1  # a leading "Mr.", a country the model took in, a lower-case word
            if start > ent.start and _particle_opens_surname(doc, start - 1, ent.end):
                start -= 1  # "Mr. de Hoop Scheffer": the particle is the surname's first word
            end = line_end(doc, start, ent.end)
            start = _given_name_before(doc, start, end, claimed)
            rank = triggers.get(start, (0, None))[1]
            span = person_span(doc, start, end, "model", rank)
            if span is not None:
                yield span


def _particle_opens_surname(doc: Doc, at: int, end: int) -> bool:
    """A lower-case particle ("de", "van", "al") before two or more name words of the span."""
    return doc[at].text in words().particles and end - at >= _PARTICLE_SURNAME_TOKENS


def _given_name_before(doc: Doc, start: int, end: int, claimed: set[int]) -> int:
    """The start of a one-word name with the initials or the given name the model left out
    right before it ("R.Sh.Sharifzoda" or "(RCTS) Asylbek Toktogulov" tagged as the
    surname alone), else `start`."""
    glued = initials_before(doc, start)
    if glued < start and end - start == 1 and not any(j in claimed for j in range(glued, start)):
        return glued
    i = start - 1
    if end - start != 1 or i < 0 or i in claimed or doc[i].is_sent_start:
        return start
    word = doc[i].text
    if not is_name_word(word) or is_title_word(word) or doc[i].ent_iob_ != "O":
        return start
    if i > 0 and i - 1 not in claimed and is_name_word(doc[i - 1].text):
        return start  # a longer capitalized run: not clearly a given name and a surname
    name = parse_person_name(doc[i:end].text)
    return i if name is not None and looks_personal(name) else start


def _plausible_single(
    doc: Doc, span: Span, triggers: dict[int, tuple[int, str | None]], found: list[Span]
) -> bool:
    """A one-word person stays only when it is no title word and a title, honorific or rank
    stands before it ("Mr. Fedotov"), or the word ends a longer name in the story: a person
    found ("Sergei Lavrov" ... "Lavrov") or a capitalized pair in the text. A common noun
    ("Observers"), a place or a news agency the model tagged PERSON has neither."""
    word = span.text
    if is_title_word(word):
        return False
    trigger = triggers.get(span.start)
    if trigger is not None and (trigger[0] < span.start - 1 or trigger[1] is None):
        return True  # "Mr. Fedotov", "Minister Lavrov", "Colonel General Sidorov"
    if trigger is not None and _looks_personal(word):
        return True  # "General Sidorov"; "General Information" is a heading
    if any(len(s) > 1 and word in {t.text for t in s} for s in found):
        return True
    return any(
        i != span.start
        and i > 0
        and is_name_word(doc[i - 1].text)
        and not is_title_word(doc[i - 1].text)
        and doc[i - 1].whitespace_ != ""
        and doc[i - 1].ent_type_ not in {"ORG", "GPE", "NORP", "FAC", "LOC"}
        for i in positions(doc, (word,), ORTH)
    )


def bare_surnames(doc: Doc, found: list[Span], claimed: set[int]) -> Iterator[Span]:
    """The surname of a full name of the story written alone, which the model tagged as
    something else or missed ("Viktor Ivashko opened ... Ivashko noted")."""
    surnames = {_surname(s) for s in found if len(s) > 1}
    surnames = {w for w in surnames if len(w) > 3 and is_name_word(w) and not is_title_word(w)}
    if not surnames:
        return
    used = claimed | {i for s in found for i in range(s.start, s.end)}
    heads = words().org_heads
    for token in (doc[i] for i in positions(doc, surnames, ORTH)):
        if token.i in used:
            continue
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if after is not None and (after.lower_ in heads or is_name_word(after.text)):
            continue  # "Ivashko Foundation", or a longer name
        if token.i > 0 and is_name_word(doc[token.i - 1].text) and token.i - 1 not in used:
            continue
        span = person_span(doc, token.i, token.i + 1, "model", None)
        if span is not None:
            yield span


def _looks_personal(text: str) -> bool:
    name = parse_person_name(text)
    return name is not None and looks_personal(name)


def _surname(span: Span) -> str:
    """The surname word of a name ("Ivashko" of "Viktor Ivashko", "Zhang" of "Zhang Ming")."""
    name = parse_person_name(span.text)
    return name.surname if name is not None else span[-1].text


def _glued_to_mentions(doc: Doc, claimed: set[int]) -> Iterator[Span]:
    """A name the model tagged together with the country or organization before it, as one
    GPE, ORG or PERSON: "the Republic of Belarus Ivan Petrov", "Armenia Ara Petrosyan", "the
    UN Crime Office Ivan Petrov". After a known mention or a word that heads organization
    names inside the model's entity, the rest is a person when it is a run of at least two
    name words, with no title or organization word, that looks like a personal name."""
    heads = words().org_heads
    for ent in doc.ents:
        if ent.label_ not in _GLUE_LABELS:
            continue
        for k in range(ent.start + 1, ent.end):
            before = doc[k - 1]
            if k in claimed or not (k - 1 in claimed or before.lower_ in heads):
                continue
            span = _glued_name(doc, k, name_run(doc, k, claimed), ent.end)
            if span is not None:
                yield span
                break


def _glued_name(doc: Doc, start: int, end: int, ent_end: int) -> Span | None:
    if end < ent_end or end - start < 2:
        return None
    tokens = doc[start:end]
    heads = words().org_heads
    if any(is_title_word(t.text) or t.lower_ in heads for t in tokens):
        return None
    name = parse_person_name(tokens.text)
    if name is None or not (name.given or name.initials) or not looks_personal(name):
        return None
    return person_span(doc, start, end, "model", None)


def _glued_to_organizations(doc: Doc) -> Iterator[Span]:
    """A name the model tagged ORG together with the organization before it ("ISIS
    al-Baghdadi"): after a known organization at the start of the model's ORG, the rest is a
    person when it parses as a name with a lower-case particle ("al-", "bin", "von") and has
    no word that heads organization names ("the CSTO Crisis Response Centre" stays whole)."""
    known = {span.start: span for span in doc.spans.get(ORGS, [])}
    vocabulary = words()
    for ent in doc.ents:
        org = known.get(ent.start) if ent.label_ == "ORG" else None
        if org is None or org.end >= ent.end:
            continue
        rest = [t.text.lower() for t in doc[org.end : ent.end]]
        if any(w in vocabulary.particles for w in rest) and not any(
            w in vocabulary.org_heads for w in rest
        ):
            span = person_span(doc, org.end, ent.end, "model", None)
            if span is not None:
                yield span


def _with_patronymics(doc: Doc, claimed: set[int]) -> Iterator[Span]:
    """Three-word names around a patronymic: "Ivanov Sergey Viktorovich", "Sergey Viktorovich
    Ivanov"; the name parser decides the order."""
    for token in doc:
        if token.i in claimed or not is_patronymic(token.text):
            continue
        i = token.i
        for start, end in ((i - 2, i + 1), (i - 1, i + 2)):
            span_words = range(start, end)
            if (
                start >= 0
                and end <= len(doc)
                and all(j not in claimed and is_name_word(doc[j].text) for j in span_words)
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
