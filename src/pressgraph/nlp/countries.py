"""Pipeline component: country mentions (names, official forms, adjectives) and other places.

Countries come from the gazetteer (pycountry plus our forms), so "the Republic of Belarus",
"Belarus" and "Belarusian" are one country, and "Tajik-Afghan" is two. Places are the
model's GPE/LOC/FAC entities that are neither countries nor organizations (Moscow, New York).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from pressgraph.nlp import gazetteer
from pressgraph.nlp.spans import (
    COUNTRIES,
    PLACES,
    char_span,
    is_free,
    keep_longest,
    make_span,
    strip_determiner,
    taken,
)

_PLACE_LABELS = {"GPE", "LOC", "FAC"}


def country_key(code: str) -> str:
    """The mention key of a country, by ISO alpha-3 code."""
    return f"country:{code}"


def place_key(name: str) -> str:
    """The mention key of a place, by its normalized name."""
    return f"place~{gazetteer.normalize_alias(name)}"


@lru_cache(maxsize=1)
def _not_places() -> frozenset[str]:
    return frozenset(gazetteer.load_data_file("org_words.yml")["not_places"])


class CountryFinder:
    """Finds countries and places; writes `doc.spans["pg_countries"]` and `["pg_places"]`."""

    def __init__(self, nlp: Language, *, places: bool) -> None:
        self.places = places
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        for country in gazetteer.countries().values():
            forms = {country.name, *country.forms, *country.names_ru}
            if country.official_name:
                forms.add(country.official_name)
            forms |= {f.replace("'", "’") for f in forms if "'" in f}  # People’s Republic
            for form in forms:
                # Multi-word official names are matched case-insensitively; single words and
                # adjectives only as capitalized, so "chad" or "georgian" in prose stay words.
                target = self.lower if " " in form else self.matcher
                target.add(country.code, [nlp.make_doc(form)])
            for adjective in country.adjectives:
                self.matcher.add(country.code, [nlp.make_doc(adjective)])

    def __call__(self, doc: Doc) -> Doc:
        claimed = taken(doc)
        found = [s for s in self._countries(doc) if is_free(s, claimed)]
        found = keep_longest([*found, *self._compounds(doc, claimed)])
        doc.spans[COUNTRIES] = found
        if self.places:
            used = claimed | {i for s in found for i in range(s.start, s.end)}
            doc.spans[PLACES] = list(self._places(doc, used))
        return doc

    def _countries(self, doc: Doc) -> Iterator[Span]:
        for matcher in (self.matcher, self.lower):
            for match_id, start, end in matcher(doc):
                start = strip_determiner(doc, start, end)
                code = doc.vocab.strings[match_id]
                span = make_span(doc, start, end, "GPE", country_key(code), "gazetteer")
                if span is not None:
                    yield span

    def _compounds(self, doc: Doc, claimed: set[int]) -> Iterator[Span]:
        """Hyphenated compounds kept as one token ("Russian-Chinese"): one mention per part."""
        for token in doc:
            if "-" not in token.text or token.i in claimed:
                continue
            codes = gazetteer.split_country_compound(token.text)
            if codes is None:
                continue
            offset = token.idx
            for part, code in zip(token.text.split("-"), codes, strict=True):
                span = char_span(
                    doc, offset, offset + len(part), "GPE", country_key(code), "gazetteer"
                )
                if span is not None:
                    yield span
                offset += len(part) + 1

    def _places(self, doc: Doc, used: set[int]) -> Iterator[Span]:
        not_places = _not_places()
        for ent in doc.ents:
            if ent.label_ not in _PLACE_LABELS or not is_free(ent, used):
                continue
            start = strip_determiner(doc, ent.start, ent.end)
            words = [t for t in doc[start : ent.end] if not t.is_punct]
            if not words or any(t.lower_ in not_places for t in words):
                continue
            if not all(t.text[:1].isupper() for t in words if t.is_alpha and len(t.text) > 3):
                continue
            span = make_span(
                doc, start, ent.end, "LOC", place_key(doc[start : ent.end].text), "model"
            )
            if span is not None:
                yield span


@Language.factory(
    "pressgraph_countries",
    requires=["doc.ents", "doc.spans"],
    assigns=["doc.spans"],
    default_config={"places": True},
)
def make_countries(nlp: Language, name: str, *, places: bool) -> CountryFinder:
    """Factory of the country and place finder."""
    return CountryFinder(nlp, places=places)
