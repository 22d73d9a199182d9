"""The spaCy component `pressgraph_statements`: matches reporting cues, attributes them,
resolves speakers and sets `doc._.statements` to the FoundStatements with their contents."""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from pressgraph.extract.statements.attributions import attribute
from pressgraph.extract.statements.contents import dedupe, statements_from
from pressgraph.extract.statements.context import Context
from pressgraph.extract.statements.interviews import interview_statements
from pressgraph.extract.statements.lexicon import is_continuing, lexicon
from pressgraph.extract.statements.records import Attribution, Cue
from pressgraph.extract.statements.speakers import resolve_speakers

EXTENSION = "statements"
_PERFECT = frozenset({"has", "have", "had"})
if not Doc.has_extension(EXTENSION):
    Doc.set_extension(EXTENSION, default=None)


class StatementFinder:
    """Finds who said what in a doc; sets `doc._.statements` to a list of FoundStatement."""

    def __init__(self, nlp: Language, *, max_appositive: int, pronoun_paragraphs: int) -> None:
        self.max_appositive = max_appositive
        self.pronoun_paragraphs = pronoun_paragraphs
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        for lemma, forms in lexicon().forms.items():
            for continuing in (False, True):
                chosen = [f for f in forms if is_continuing(lemma, f) == continuing]
                if chosen:
                    key = f"{lemma}|{'ing' if continuing else ''}"
                    self.matcher.add(key, [nlp.make_doc(" ".join(f)) for f in chosen])

    def __call__(self, doc: Doc) -> Doc:
        context = Context(doc, self.max_appositive)
        found = self._attributions(doc, context)
        found = resolve_speakers(context, found, self.pronoun_paragraphs)
        said = [*statements_from(doc, context, found), *interview_statements(context)]
        doc._.set(EXTENSION, list(dedupe(sorted(said, key=lambda s: s.start))))
        return doc

    def _cues(self, doc: Doc) -> list[Cue]:
        spans = [Span(doc, s, e, label=m) for m, s, e in self.matcher(doc)]
        cues = []
        for span in filter_spans(spans):
            lemma, ing = span.label_.split("|")
            if lemma != lexicon().according_to and span[0].tag_.startswith("NN"):
                continue  # "the remarks of", "notes"
            start = span.start
            while start > 0 and doc[start - 1].lower_ in _PERFECT and doc[start - 1].dep_ == "aux":
                start -= 1  # "X has informed": the auxiliary goes with the verb
            cues.append(Cue(lemma, start, span.end, bool(ing)))
        return cues

    def _attributions(self, doc: Doc, context: Context) -> list[Attribution]:
        found: list[Attribution] = []
        for cue in self._cues(doc):
            if context.in_quote(doc[cue.start].idx):
                continue  # the quoted words of someone (or a title), not an attribution
            unit = context.unit_of(cue.start)
            same_unit = found[-1] if found and context.unit_of(found[-1].start) == unit else None
            attribution = attribute(doc, context, cue, unit, same_unit, len(found) - 1)
            if attribution is not None:
                found.append(attribution)
        return found


@Language.factory(
    "pressgraph_statements",
    requires=["doc.spans", "doc.sents"],
    assigns=[f"doc._.{EXTENSION}"],
    default_config={"max_appositive": 30, "pronoun_paragraphs": 1},
)
def make_statements(
    nlp: Language, name: str, *, max_appositive: int, pronoun_paragraphs: int
) -> StatementFinder:
    """Factory of the statement finder: `max_appositive` tokens of ", title," between a
    speaker and the verb; a pronoun looks back `pronoun_paragraphs` paragraphs for its person."""
    return StatementFinder(
        nlp, max_appositive=max_appositive, pronoun_paragraphs=pronoun_paragraphs
    )
