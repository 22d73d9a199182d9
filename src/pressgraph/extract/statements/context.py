"""The index of a doc every statement rule looks up (people in order, their titles, sentence
units, paragraphs, closed quotes), and the small text tests the rules share."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span

from pressgraph.extract.statements.grammar import ends_sentence, has_finite_verb
from pressgraph.extract.statements.lexicon import lexicon
from pressgraph.extract.statements.marks import closed_quotes
from pressgraph.extract.statements.references import references
from pressgraph.nlp.spans import COUNTRIES, ORGS, PEOPLE, PLACES, doc_text

_NAMED = (PEOPLE, ORGS, COUNTRIES, PLACES)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


class Context:
    """What every rule looks up: people in order, their titles, sentence units, paragraphs."""

    def __init__(self, doc: Doc, max_appositive: int) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.max_appositive = max_appositive
        self.people: list[Span] = sorted(doc.spans.get(PEOPLE, []), key=lambda s: s.start)
        # Tokens of a mention: a person, an organization, a country, a place.
        spans = [span for group in _NAMED for span in doc.spans.get(group, [])]
        self.named = {i for span in spans for i in range(span.start, span.end)}
        # Post references and missed names: speakers too, each standing for a person mention.
        found = references(doc, self.named)
        self.stands_for = {(r.span.start_char, r.span.end_char): r.person for r in found}
        self.people = sorted([*self.people, *(r.span for r in found)], key=lambda s: s.start)
        self.named |= {i for r in found for i in range(r.span.start, r.span.end)}
        self.paragraph_starts = [0] + [m.end() for m in _PARAGRAPH_BREAK.finditer(self.text)]
        paragraphs = [(start, self.paragraph_end(start)) for start in self.paragraph_starts]
        self.quotes = list(closed_quotes(self.text, paragraphs))
        self.close_of = dict(self.quotes)  # opening mark -> its closing mark
        self.open_of = {c: o for o, c in self.quotes}
        self.units = list(_units(doc))
        self._unit_starts = [u[0] for u in self.units]
        self.titles: dict[tuple[int, int], list[tuple[int, int]]] = {}
        roles = doc._.roles if Doc.has_extension("roles") else None
        for role in roles or []:
            key = (role.person.start_char, role.person.end_char)
            self.titles.setdefault(key, []).append((role.start, role.end))

    def mention(self, speaker: Span) -> Span:
        """The person mention a speaker stands for: itself, or the person a reference names."""
        return self.stands_for.get((speaker.start_char, speaker.end_char), speaker)

    def in_quote(self, char: int) -> bool:
        """True inside a pair of quotation marks closed in the same paragraph."""
        return any(start < char < end for start, end in self.quotes)

    def unit_of(self, token: int) -> tuple[int, int]:
        """The sentence piece (token range, never across a paragraph) a token is in."""
        return self.units[bisect.bisect_right(self._unit_starts, token) - 1]

    def paragraph_of(self, char: int) -> int:
        """Index of the paragraph a character offset is in."""
        return bisect.bisect_right(self.paragraph_starts, char) - 1

    def paragraph_end(self, char: int) -> int:
        """Character offset where the paragraph of `char` ends (before its blank line)."""
        index = self.paragraph_of(char)
        match = _PARAGRAPH_BREAK.search(self.text, self.paragraph_starts[index])
        return match.start() if match else len(self.text.rstrip())

    def title_before(self, person: Span) -> int:
        """First token of the person's phrase: a title written before the name, "the", "Mr."."""
        start = person.start
        for role_start, role_end in self.titles.get((person.start_char, person.end_char), []):
            if role_end == person.end_char and role_start < person.start_char:
                span = self.doc.char_span(role_start, person.start_char, alignment_mode="expand")
                if span is not None and not has_finite_verb(span):
                    start = min(start, span.start)
        while start > 0 and self.doc[start - 1].lower_ in lexicon().name_words:
            start -= 1
        return start

    def title_after(self, person: Span) -> int:
        """Token after the person's phrase: a title written after the name ("X, Director of Y")."""
        end = person.end
        for role_start, role_end in self.titles.get((person.start_char, person.end_char), []):
            if role_start == person.start_char and role_end > person.end_char:
                span = self.doc.char_span(person.end_char, role_end, alignment_mode="expand")
                if span is not None and not has_finite_verb(span):
                    end = max(end, span.end)
        return end


def _units(doc: Doc) -> Iterator[tuple[int, int]]:
    """Sentences, cut again at blank lines (the parser sometimes runs over them), and joined
    again where the parser ended one at an abbreviation ("Col.-Gen. | Ivan Petrov said")."""
    pending: tuple[int, int] | None = None
    for start, end in _sentences(doc):
        if pending is not None:
            last = doc[pending[1] - 1]
            if pending[1] == start and last.text == "." and not ends_sentence(last):
                pending = (pending[0], end)
                continue
            yield pending
        pending = (start, end)
    if pending is not None:
        yield pending


def _sentences(doc: Doc) -> Iterator[tuple[int, int]]:
    for sent in doc.sents:
        start = sent.start
        for token in sent:
            if token.is_space and _PARAGRAPH_BREAK.search(token.text):
                if token.i > start:
                    yield start, token.i
                start = token.i + 1
        if sent.end > start:
            yield start, sent.end
