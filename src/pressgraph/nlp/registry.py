"""Registers every pressgraph pipeline component with spaCy, in one place.

Importing this module is what makes the factories known; nothing else registers them as a
side effect. The order below is the order they run in the pipeline.
"""

from __future__ import annotations

from pressgraph.extract import claims, events, relations, roles, statements
from pressgraph.nlp import countries, leftover_spans, organizations, paragraphs, people
from pressgraph.nlp.spans import register_extensions

register_extensions()

# Runs before the model's parser, so that the parser keeps its sentence starts.
BEFORE_PARSER: tuple[tuple[str, object], ...] = (("pressgraph_paragraphs", paragraphs),)

# (factory name, module that defines it), in pipeline order, after the model's NER.
COMPONENTS: tuple[tuple[str, object], ...] = (
    ("pressgraph_leftovers", leftover_spans),
    ("pressgraph_organizations", organizations),
    ("pressgraph_countries", countries),
    ("pressgraph_people", people),
    ("pressgraph_roles", roles),
    ("pressgraph_statements", statements),
    ("pressgraph_events", events),
    ("pressgraph_relations", relations),
    ("pressgraph_claims", claims),
)
