"""The annotation pipeline, loaded once for the tests that run it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from pressgraph.extract.events import FoundEvent
from pressgraph.nlp.pipeline import Annotated, build_pipeline, to_records
from pressgraph.settings import DEFAULT_MODEL

Annotate = Callable[[str], Annotated]
Find = Callable[..., list[FoundEvent]]


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The configured model with our components."""
    return build_pipeline(DEFAULT_MODEL)


@pytest.fixture
def annotate(nlp: Language) -> Annotate:
    """Annotate one text as a story dated 2024-01-15."""
    return lambda text: to_records("s", "2024-01-15", nlp(text))


@pytest.fixture(scope="session")
def events_nlp() -> Language:
    """The annotation pipeline, which runs the event finder after the roles."""
    nlp = build_pipeline(DEFAULT_MODEL)
    assert "pressgraph_events" in nlp.pipe_names
    return nlp


@pytest.fixture(scope="session")
def find(events_nlp: Language) -> Find:
    """The events of one story text, read with its story date."""

    def run(text: str, date: str | None = "2023-05-10") -> list[FoundEvent]:
        doc = events_nlp.make_doc(text)
        if date:
            doc.user_data["pressgraph.date"] = date
        return list(events_nlp(doc)._.events)

    return run
