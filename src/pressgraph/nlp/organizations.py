"""Pipeline component: organization mentions from the gazetteer, the text and the model.

In order of trust: gazetteer names and acronyms; bare body names ("the Joint Staff",
"Secretariat of the CSTO Parliamentary Assembly") resolved against the organization they
belong to; acronyms the story defines ("Collective Rapid Reaction Forces (CRRF)") or
abbreviates ("the CSTO PA"); and names the model tags ORG that look like organizations.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.attrs import IS_UPPER
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from pressgraph.nlp import gazetteer
from pressgraph.nlp.spans import (
    ORGS,
    flagged,
    is_free,
    keep_longest,
    make_span,
    strip_determiner,
    taken,
)

_ACRONYM = re.compile(r"^[A-ZА-Я][A-ZА-Я0-9&-]{1,9}$")
_MIN_LISTED = 3  # an unknown acronym listed with organizations: at least this many letters
_LIST_LINKS = frozenset({",", "and", "&"})
_NOT_ORG = frozenset({"PERSON", "GPE", "NORP", "LOC", "DATE", "MONEY", "CARDINAL"})
_OF = {"of", "for"}


@lru_cache(maxsize=1)
def _org_words() -> tuple[frozenset[str], frozenset[str]]:
    data = gazetteer.load_data_file("org_words.yml")
    return frozenset(data["heads"]), frozenset(data["not_heads"])


def org_key(org_id: str) -> str:
    """The mention key of a gazetteer organization."""
    return f"org:{org_id}"


def new_org_key(name: str) -> str:
    """The mention key of an organization the gazetteer does not know, by its normalized name."""
    return f"org~{gazetteer.normalize_alias(name)}"


class OrganizationFinder:
    """Finds organization mentions and writes them to `doc.spans["pg_orgs"]`."""

    def __init__(self, nlp: Language, *, use_model: bool) -> None:
        self.use_model = use_model
        self.names = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.acronyms = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.generic = PhraseMatcher(nlp.vocab, attr="LOWER")
        for org in gazetteer.organizations().values():
            for form in org.names:
                for variant in _unhyphened(gazetteer.spelling_variants(form)):
                    if _ACRONYM.match(variant):
                        for written in _acronym_forms(variant):
                            self.acronyms.add(org.id, [nlp.make_doc(written)])
                    else:
                        self.names.add(org.id, [nlp.make_doc(variant)])
            for form in org.generic:
                for variant in gazetteer.spelling_variants(form):
                    self.generic.add(gazetteer.normalize_alias(form), [nlp.make_doc(variant)])

    def __call__(self, doc: Doc) -> Doc:
        claimed = taken(doc)
        found = [s for s in self._gazetteer(doc) if is_free(s, claimed)]
        found = keep_longest(found)
        found += self._bodies(doc, found, claimed)
        found = keep_longest(found)
        if self.use_model:
            found = keep_longest([*found, *self._from_model(doc, found, claimed)])
            found = _refer_back(doc, found)
        found += self._defined_acronyms(doc, found)
        found += _listed_acronyms(doc, found, claimed)
        doc.spans[ORGS] = [*doc.spans.get(ORGS, []), *keep_longest(found)]
        return doc

    def _gazetteer(self, doc: Doc) -> Iterator[Span]:
        for matcher in (self.names, self.acronyms):
            for match_id, start, end in matcher(doc):
                org_id = doc.vocab.strings[match_id]
                span = make_span(doc, start, end, "ORG", org_key(org_id), "gazetteer")
                if span is not None:
                    yield span

    def _bodies(self, doc: Doc, orgs: list[Span], claimed: set[int]) -> list[Span]:
        """Bare body names: "<body> of the <org>", "<org> <body>", or the org named elsewhere."""
        by_start = {s.start: s for s in orgs}
        by_end = {s.end: s for s in orgs}
        in_story = {s._.key.removeprefix("org:") for s in orgs}
        bodies: list[Span] = []
        for match_id, start, end in self.generic(doc):
            name = doc.vocab.strings[match_id]
            owner = _owner_after(doc, end, by_start) or by_end.get(start)
            if owner is None and _inside_name(doc, start):
                continue  # "Security Council", "Permanent Council": the end of another name
            span = self._body(doc, start, end, name, owner, in_story)
            if span is not None and is_free(span, claimed):
                bodies.append(span)
        return bodies

    def _body(
        self, doc: Doc, start: int, end: int, name: str, owner: Span | None, in_story: set[str]
    ) -> Span | None:
        generic = gazetteer.generic_aliases()
        if owner is not None:
            parent = owner._.key.removeprefix("org:")
            span_start, span_end = min(start, owner.start), max(end, owner.end)
            if (name, parent) in generic:
                key = org_key(generic[(name, parent)])
            else:
                key = new_org_key(doc[span_start:span_end].text)
            span = make_span(doc, span_start, span_end, "ORG", key, "gazetteer")
            if span is not None:
                span._.parent = owner._.key
            return span
        candidates = {generic[(n, c)] for (n, c) in generic if n == name and c in in_story}
        if not candidates:  # "Department of Peace Operations" (UN Secretariat) with the UN named
            orgs = gazetteer.organizations()
            candidates = {
                generic[(n, c)]
                for (n, c) in generic
                if n == name and c in orgs and in_story.intersection(gazetteer.ancestors(c))
            }
        if len(candidates) != 1:
            return None  # the bare name is ambiguous or its organization is not in the story
        return make_span(doc, start, end, "ORG", org_key(candidates.pop()), "gazetteer")

    def _defined_acronyms(self, doc: Doc, orgs: list[Span]) -> list[Span]:
        """ "Name (ACR)" makes ACR an alias of Name's entity for the rest of the story."""
        aliases: dict[str, Span] = {}
        known = gazetteer.organization_aliases()
        for org in orgs:
            for alias in [*_defined_after(doc, org), *_abbreviations(org)]:
                # An acronym the gazetteer knows keeps its meaning: "Secretariat of the
                # Collective Security Treaty Organization (CSTO)" does not make CSTO a secretariat.
                if gazetteer.normalize_alias(alias) not in known:
                    aliases.setdefault(alias, org)
        if not aliases:
            return []
        claimed = taken(doc) | {i for s in orgs for i in range(s.start, s.end)}
        out = []
        words = [t.text for t in doc]
        for alias, org in aliases.items():
            for start, end in _token_runs(words, alias):
                span = make_span(doc, start, end, "ORG", org._.key, "acronym")
                if span is not None and start >= org.end and is_free(span, claimed):
                    span._.parent = org._.parent
                    out.append(span)
                    claimed.update(range(start, end))
        return out

    def _from_model(self, doc: Doc, orgs: list[Span], claimed: set[int]) -> list[Span]:
        """ORG entities of the model that the gazetteer missed and that look like organizations.

        "The Legal Department of the CSTO Secretariat" is a new body whose parent is the known
        organization at its end; "The National Anti-Drug Agency of Utopia" a new organization.
        """
        by_end = {s.end: s for s in orgs}
        used = claimed | {i for s in orgs for i in range(s.start, s.end)}
        out = []
        for ent in doc.ents:
            if ent.label_ != "ORG":
                continue
            start = strip_determiner(doc, ent.start, ent.end)
            end = _cut(doc, start, ent.end)
            owner = by_end.get(end)
            if owner is not None and owner.start > start and _of_before(doc, owner.start):
                free_until = owner.start
            else:
                owner, free_until = None, end
            if any(i in used for i in range(start, free_until)):
                continue
            if owner is None:
                end = _extend_of(doc, end, used)
            span = self._new_org(doc, start, end)
            if span is not None:
                span._.parent = owner._.key if owner is not None else None
                out.append(span)
        return out

    def _new_org(self, doc: Doc, start: int, end: int) -> Span | None:
        heads, not_heads = _org_words()
        words = {t.lower_ for t in doc[start:end]}
        name = doc[start:end].text
        generic = gazetteer.normalize_alias(name) in _generic_names()
        if end - start < 2 or generic or not words & heads or words & not_heads:
            return None
        if doc[end - 1].pos_ in _DANGLING_POS:
            return None  # "... of the" cut before a mention: the name is not whole
        return make_span(doc, start, end, "ORG", new_org_key(name), "model")


def _listed_acronyms(doc: Doc, orgs: list[Span], claimed: set[int]) -> list[Span]:
    """Unknown acronyms listed with organizations are organizations too: "between RCTC and the
    CSTO Secretariat", "(FATF, MENAFATF, UNODC)". Country codes ("USA") are not."""
    starts = {s.start for s in orgs} | {s.start - 1 for s in orgs if _is_the(doc, s.start - 1)}
    ends = {s.end for s in orgs}
    used = claimed | {i for s in orgs for i in range(s.start, s.end)}
    countries = gazetteer.country_forms()
    out = []
    for tok in (doc[i] for i in flagged(doc, IS_UPPER)):  # as acronyms are
        if tok.i in used or len(tok.text) < _MIN_LISTED or not _ACRONYM.match(tok.text):
            continue
        if gazetteer.normalize_alias(tok.text) in countries or tok.ent_type_ in _NOT_ORG:
            continue
        before = tok.i >= 2 and doc[tok.i - 1].text in _LIST_LINKS and tok.i - 1 in ends
        after = tok.i + 2 < len(doc) and doc[tok.i + 1].text in _LIST_LINKS
        if before or (after and tok.i + 2 in starts):
            span = make_span(doc, tok.i, tok.i + 1, "ORG", new_org_key(tok.text), "model")
            if span is not None:
                out.append(span)
    return out


def _refer_back(doc: Doc, found: list[Span]) -> list[Span]:
    """A bare body name taken from the gazetteer by its organization in the story ("the
    Council") stands for the nearest longer name before it that ends the same way ("the
    Coordination Council"), when the story names one."""
    generic = _generic_names()
    ordered = sorted(found, key=lambda s: s.start)
    out: list[Span] = []
    for i, span in enumerate(ordered):
        earlier = None
        if span._.parent is None and gazetteer.normalize_alias(span.text) in generic:
            earlier = next(
                (e for e in reversed(ordered[:i]) if _ends_like(e, span) and len(e) > len(span)),
                None,
            )
        if earlier is not None and earlier.kb_id_ != span.kb_id_:
            span = make_span(doc, span.start, span.end, "ORG", earlier.kb_id_, "gazetteer") or span
        out.append(span)
    return out


def _ends_like(longer: Span, bare: Span) -> bool:
    """ "Coordination Council" ends like "Council" (its last word), case aside."""
    return longer[-1].lower_ == bare[-1].lower_


_NAME_POS = frozenset({"PROPN", "NOUN", "ADJ"})
_INITIAL = re.compile(r"(?:[A-Z]\.){1,2}")
_DANGLING_POS = frozenset({"ADP", "DET", "CCONJ"})


def _inside_name(doc: Doc, start: int) -> bool:
    """The word before a bare body name is a capitalized word of the same name ("Security" of
    "Security Council"), so the bare name is not the body the gazetteer means."""
    if start == 0 or doc[start].is_sent_start:
        return False
    # "The Council" is the body, "Security Council" another name; an acronym before it is
    # its organization's ("IWC Regional Delegation", a leftover read later)
    before = doc[start - 1]
    return before.is_alpha and before.is_title and before.pos_ in _NAME_POS


def _is_the(doc: Doc, i: int) -> bool:
    return 0 <= i < len(doc) and doc[i].lower_ == "the"


def _unhyphened(variants: Iterable[str]) -> set[str]:
    """The spellings of a name, also with its hyphens as spaces ("Counter Terrorism Committee"
    for "Counter-Terrorism Committee"): the tokenizer splits the two apart."""
    out = set(variants)
    out |= {v.replace("-", " ") for v in out if "-" in v and not _ACRONYM.match(v)}
    return out


def _of_before(doc: Doc, start: int) -> bool:
    """True when "of" or "of the" stands right before token `start`."""
    before = [t.lower_ for t in doc[max(0, start - 2) : start]]
    return before[-1:] == ["of"] or before == ["of", "the"]


def _extend_of(doc: Doc, end: int, used: set[int]) -> int:
    """Extend a name through "of (the) Capitalized Words" the model left out."""
    i = end
    if i < len(doc) and doc[i].lower_ == "of":
        j = i + 1 + (1 if i + 1 < len(doc) and doc[i + 1].lower_ == "the" else 0)
        k = j
        while k < len(doc) and k not in used and doc[k].is_title and doc[k].is_alpha:
            k += 1
        if k > j:
            return k
    return end


def _cut(doc: Doc, start: int, end: int) -> int:
    """End of a model entity before a spaced dash, a quote, a possessive or a person's
    initials it took in."""
    for i in range(start, end):
        spaced_dash = doc[i].text in {"-", "–", "—"} and bool(doc[i - 1].whitespace_)
        if spaced_dash or doc[i].text in {"“", '"', "'s", "’s"}:
            return i
        if i > start + 1 and _INITIAL.fullmatch(doc[i].text):
            return i  # "the Defense Council of the Kyrgyz Republic T. K. Jumakadyrov": a person
    return end


@lru_cache(maxsize=1)
def _generic_names() -> frozenset[str]:
    return frozenset(name for name, _ in gazetteer.generic_aliases())


def _acronym_forms(acronym: str) -> tuple[str, ...]:
    """An acronym as written: "INTERPOL" also as "Interpol" (word-like acronyms of 4+ letters)."""
    if len(acronym) >= 4 and acronym.isalpha():
        return (acronym, acronym[0] + acronym[1:].lower())
    return (acronym,)


def _owner_after(doc: Doc, end: int, by_start: dict[int, Span]) -> Span | None:
    """The organization named right after "<body> of (the)"."""
    i = end
    if i < len(doc) and doc[i].lower_ in _OF:
        i += 1
        if i < len(doc) and doc[i].lower_ == "the":
            i += 1
        return by_start.get(i)
    return None


def _defined_after(doc: Doc, org: Span) -> Iterator[str]:
    """An acronym in parentheses right after the name: "(CRRF)", "(CRRF CAR)"."""
    if org.end + 2 < len(doc) and doc[org.end].text == "(":
        close = next(
            (i for i in range(org.end + 1, min(len(doc), org.end + 5)) if doc[i].text == ")"), None
        )
        if close is not None and close > org.end + 1:
            words = [t.text for t in doc[org.end + 1 : close]]
            if all(_ACRONYM.match(w) for w in words):
                yield " ".join(words)


def _abbreviations(org: Span) -> Iterator[str]:
    """ "CSTO Parliamentary Assembly" -> "CSTO PA": acronyms kept, other words initialled."""
    words = [t.text for t in org if t.text[:1].isupper()]
    if len(words) < 3:
        return
    lead = [w for w in words if _ACRONYM.match(w)]
    rest = [w for w in words if not _ACRONYM.match(w)]
    if lead and len(rest) >= 2:
        yield " ".join([*lead, "".join(w[0] for w in rest)])


def _token_runs(words: list[str], text: str) -> Iterator[tuple[int, int]]:
    """Token ranges of a Doc's `words` that are exactly the words of `text`."""
    wanted = text.split()
    n = len(wanted)
    if not n:
        return
    for i, word in enumerate(words[: len(words) - n + 1]):
        if word == wanted[0] and words[i : i + n] == wanted:
            yield i, i + n


@Language.factory(
    "pressgraph_organizations",
    requires=["doc.ents"],
    assigns=["doc.spans"],
    default_config={"use_model": True},
)
def make_organizations(nlp: Language, name: str, *, use_model: bool) -> OrganizationFinder:
    """Factory of the organization finder (set `use_model` false to trust only the gazetteer)."""
    return OrganizationFinder(nlp, use_model=use_model)
