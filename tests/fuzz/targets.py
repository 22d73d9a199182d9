"""What the fuzz suite checks, one function per target: each takes one generated input, runs
it through pressgraph as a user's input would go, asserts the invariants, and returns what
happened ("page", "refused:<reason>", "ok", "failed:<stage>"), which bench/fuzz.py counts.

A crash is any exception out of a target, or a refusal whose reason is "internal" (an error no
refusal foresaw) or has no message: the promise of issue 11 is that every bad input is refused
with a reason and nothing else happens.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import httpx
from fastapi.testclient import TestClient
from spacy.language import Language
from spacy.tokens import Doc

from pressgraph.clean.page import clean_page
from pressgraph.clean.stories import split_stories
from pressgraph.errors import InputError
from pressgraph.extract.dates import find_dates
from pressgraph.ingest.decode import decode
from pressgraph.ingest.files import Input
from pressgraph.ingest.sources import read_input
from pressgraph.nlp.pipeline import with_context
from pressgraph.nlp.windows import annotate_safely
from pressgraph.records import Annotated, Page, Refusal
from pressgraph.settings import Settings
from pressgraph.web.middleware import SECURITY_HEADERS

REASONS = {
    "unreadable",
    "binary",
    "undecodable",
    "too_large",
    "empty",
    "unsupported",
    "bad_record",
    "bad_html",
    "bad_feed",
    "not_a_file",
    "outside_link",
}
WEB_STATUSES = {200, 400, 404, 422, 503}
SETTINGS = Settings(db_url="sqlite://", max_bytes=200_000, robots=False)


def _refusal(refusal: Refusal) -> str:
    assert refusal.reason in REASONS, (refusal.reason, refusal.message)
    assert refusal.message.strip(), refusal
    return f"refused:{refusal.reason}"


def _page(page: Page) -> str:
    """What ingest does with a page before it writes it: clean, split, check the offsets."""
    cleaned = clean_page(page.text)
    stories = split_stories(cleaned.text, published=page.published, title=page.title)
    for story in stories:
        assert 0 <= story.start < story.end <= len(cleaned.text)
    for item in cleaned.removed:
        assert 0 <= item.start <= item.end <= len(page.text)
    return "page" if stories else "refused:empty"


def read_file(folder: Path, name: str, data: bytes) -> list[str]:
    """One file as ingest reads it (no network: feed items with links are refused offline)."""
    path = folder / name
    path.write_bytes(data)
    try:
        return [
            _refusal(got) if isinstance(got, Refusal) else _page(got)
            for got in read_input(Input(str(path), str(folder)), SETTINGS)
        ]
    finally:
        path.unlink()


def decode_bytes(data: bytes) -> str:
    """Bytes as a page: text, or refused with a reason."""
    try:
        text = decode(data, "fuzz")
    except InputError as exc:
        assert exc.reason in REASONS and str(exc)
        return f"refused:{exc.reason}"
    assert isinstance(text, str)
    return "ok"


def clean_and_split(text: str, published: str | None) -> str:
    """Cleaning and splitting any text: offsets stay inside."""
    return _page(Page("fuzz", text, text, "text", published=published))


def dates(text: str) -> str:
    """Dates found in any text point at it and are ISO dates."""
    for mention in find_dates(text, anchor=dt.date(2021, 6, 30)):
        assert 0 <= mention.start <= mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text
        assert len(mention.value) in (4, 7, 10)
    return "ok"


def annotate(nlp: Language, texts: list[str]) -> list[str]:
    """Annotation of any stories: records with exact offsets, or a failure with its stage."""
    items = [(f"s{n}", text, "2021-06-30") for n, text in enumerate(texts)]
    out = []
    for (story, text, _), found in zip(items, annotate_safely(nlp, items, _dated), strict=True):
        assert found.story == story
        if isinstance(found, Annotated):
            for mention in found.mentions:
                assert text[mention.start : mention.end] == mention.text
            out.append("ok")
        else:
            assert found.stage and found.message
            out.append(f"failed:{found.stage}")
    return out


def web(client: TestClient, path: str, params: list[tuple[str, str]], accept: str) -> str:
    """Any query on any page: an answer in the one shape with the security headers, never 500."""
    response = client.get(path, params=httpx.QueryParams(params), headers={"Accept": accept})
    assert response.status_code in WEB_STATUSES, (path, params, response.status_code)
    assert all(response.headers.get(k) == v for k, v in SECURITY_HEADERS.items())
    if response.status_code >= 400 and path.endswith(".json"):
        error = response.json()["error"]
        assert error["status"] == response.status_code and error["message"]
    return f"http:{response.status_code}"


def _dated(doc: Doc, _story: str, date: str | None) -> Doc:
    return with_context(doc, date)
