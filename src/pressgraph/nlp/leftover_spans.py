"""Pipeline component: read translation leftovers in context (`IWC` as the ICRC, `OSH` as the
CSTO Joint Staff, `MT` as the topic "international terrorism"); leave other uses alone.

The readings and their context rules are data (`data/leftovers.yml`, read by `leftovers.py`);
this component only puts them on the document, before organizations are looked for, so the
model's guesses for these tokens never become organizations.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from pressgraph.nlp.leftovers import find_leftovers
from pressgraph.nlp.organizations import org_key
from pressgraph.nlp.spans import ORGS, TOPICS, char_span, doc_text


class LeftoverReader:
    """Adds leftover organizations to `doc.spans["pg_orgs"]` and topics to `["pg_topics"]`."""

    def __call__(self, doc: Doc) -> Doc:
        orgs = list(doc.spans.get(ORGS, []))
        topics = list(doc.spans.get(TOPICS, []))
        for reading in find_leftovers(doc_text(doc)):
            if reading.org_id is not None:
                span = char_span(
                    doc, reading.start, reading.end, "ORG", org_key(reading.org_id), "leftover"
                )
                if span is not None:
                    orgs.append(span)
            elif reading.topic is not None:
                span = char_span(
                    doc, reading.start, reading.end, "TOPIC", reading.topic, "leftover"
                )
                if span is not None:
                    topics.append(span)
        doc.spans[ORGS] = orgs
        doc.spans[TOPICS] = topics
        return doc


@Language.factory("pressgraph_leftovers", requires=["doc.sents"], assigns=["doc.spans"])
def make_leftovers(nlp: Language, name: str) -> LeftoverReader:
    """Factory of the translation-leftover reader."""
    return LeftoverReader()
