"""Pipeline component: statements, who said what (direct quotes and reported speech), each a
person, a reporting verb from `data/reporting.yml` and the words said. Importing this package
registers the `pressgraph_statements` spaCy factory (in component.py)."""

from __future__ import annotations

from pressgraph.extract.statements.component import EXTENSION, StatementFinder, make_statements
from pressgraph.extract.statements.lexicon import word_list
from pressgraph.extract.statements.records import FoundStatement

__all__ = ["EXTENSION", "FoundStatement", "StatementFinder", "make_statements", "word_list"]
