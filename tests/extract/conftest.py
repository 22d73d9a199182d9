"""The annotation pipeline, loaded once for the tests that run it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from pressgraph.nlp.pipeline import Annotated, build_pipeline, to_records
from pressgraph.settings import DEFAULT_MODEL

Annotate = Callable[[str], Annotated]


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The configured model with our components."""
    return build_pipeline(DEFAULT_MODEL)


@pytest.fixture
def annotate(nlp: Language) -> Annotate:
    """Annotate one text as a story dated 2024-01-15."""
    return lambda text: to_records("s", "2024-01-15", nlp(text))
