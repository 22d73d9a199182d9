"""The fuzz suite, short run (issue 11): every ingest format, cleaning and splitting, dates,
annotation and the web parameters, with hostile generated inputs. bench/fuzz.py runs the same
targets over 100,000 cases; here a few hundred keep CI fast."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from tests.fuzz import strategies as gen
from tests.fuzz import targets

SHORT = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def folder() -> Iterator[Path]:
    """A folder for the generated files (one at a time)."""
    with tempfile.TemporaryDirectory() as tmp:
        yield Path(tmp)


@SHORT
@given(gen.FILES)
def test_any_file_is_read_or_refused_with_a_reason(folder: Path, file: tuple[str, bytes]) -> None:
    outcomes = targets.read_file(folder, *file)
    assert all(o == "page" or o.startswith("refused:") for o in outcomes)


@SHORT
@given(st.binary(max_size=2000))
def test_any_bytes_decode_or_are_refused(data: bytes) -> None:
    assert targets.decode_bytes(data) in {"ok", "refused:binary", "refused:undecodable"}


@SHORT
@given(gen.TEXT, st.sampled_from([None, "2021-06-30", "9999-12-31", "x"]))
def test_cleaning_and_splitting_keep_offsets_inside(text: str, published: str | None) -> None:
    targets.clean_and_split(text, published)


@SHORT
@given(gen.TEXT)
def test_dates_point_into_the_text(text: str) -> None:
    targets.dates(text)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(gen.TEXT, min_size=1, max_size=4))
def test_annotation_gives_exact_records_or_a_recorded_failure(
    nlp: Language, texts: list[str]
) -> None:
    assert all(o.startswith(("ok", "failed:")) for o in targets.annotate(nlp, texts))


@SHORT
@given(gen.web_query())
@example(("/search", [("entity", "\x00")], "text/html"))  # PostgreSQL refuses NUL in text
@example(("/entities", [("q", "a\x00b")], "text/html"))
def test_no_query_makes_a_500(
    client: TestClient, query: tuple[str, list[tuple[str, str]], str]
) -> None:
    targets.web(client, *query)
