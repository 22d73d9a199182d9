"""Marks on a story's text: nesting, cutting crossing spans, links; and the story page itself."""

from __future__ import annotations

from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from pressgraph.web.marks import Node, Piece, Span, mark
from tests.web.conftest import SCRIPT, Seeded

TEXT = "The CSTO Acting Secretary General Valery Semerikov said over 80 countries agreed."


def _span(part: str, kind: str, href: str | None = None) -> Span:
    start = TEXT.index(part)
    return Span(start, start + len(part), kind, "", href, kind)


def _text(pieces: tuple[Piece, ...]) -> str:
    return "".join(p if isinstance(p, str) else _text(p.children) for p in pieces)


def _shape(pieces: tuple[Piece, ...]) -> list[object]:
    return [p if isinstance(p, str) else (p.span.kind, _shape(p.children)) for p in pieces]


def test_spans_nest_outer_layers_first() -> None:
    spans = [
        _span("Semerikov", "mention", "/entities/person:valery-semerikov"),
        _span("CSTO Acting Secretary General Valery Semerikov", "role"),
        _span("over 80 countries", "claim"),
        _span("over 80 countries agreed", "said"),
    ]
    pieces = mark(TEXT, 0, len(TEXT), spans)
    assert _text(pieces) == TEXT
    assert _shape(pieces) == [
        "The ",
        ("role", ["CSTO Acting Secretary General Valery ", ("mention", ["Semerikov"])]),
        " said ",
        ("said", [("claim", ["over 80 countries"]), " agreed"]),
        ".",
    ]


def test_crossing_spans_are_cut_where_they_cross() -> None:
    spans = [_span("Valery Semerikov said", "said"), _span("Semerikov said over", "claim")]
    pieces = mark(TEXT, 0, len(TEXT), spans)
    assert _text(pieces) == TEXT
    said = next(p for p in pieces if isinstance(p, Node))
    assert _shape(said.children) == ["Valery ", ("claim", ["Semerikov said"])]
    assert _shape(pieces)[-2:] == [("claim", [" over"]), " 80 countries agreed."]


def test_a_link_never_holds_another_link() -> None:
    spans = [
        _span("Acting Secretary General Valery Semerikov", "mention", "/entities/a"),
        _span("Semerikov", "mention", "/entities/b"),
    ]
    (outer,) = [p for p in mark(TEXT, 0, len(TEXT), spans) if isinstance(p, Node)]
    inner = outer.children[-1]
    assert isinstance(inner, Node) and outer.span.href == "/entities/a"
    assert inner.span.href is None


def test_a_paragraph_clips_the_spans() -> None:
    start = TEXT.index("Valery")
    pieces = mark(TEXT, start, len(TEXT), [_span("General Valery Semerikov", "role")])
    assert _shape(pieces)[0] == ("role", ["Valery Semerikov"])
    assert _text(pieces) == TEXT[start:]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, len(TEXT)),
            st.integers(1, 30),
            st.sampled_from(["mention", "role", "claim", "said", "quote"]),
        ),
        max_size=8,
    ),
    st.integers(0, 20),
)
def test_marking_keeps_every_character_once_in_order(
    raw: list[tuple[int, int, str]], cut: int
) -> None:
    spans = [Span(s, min(s + n, len(TEXT)), k, "", None, k) for s, n, k in raw if s < len(TEXT)]
    pieces = mark(TEXT, cut, len(TEXT), spans)
    assert _text(pieces) == TEXT[cut:]


def test_the_story_page_links_names_and_marks_facts(client: TestClient, seeded: Seeded) -> None:
    html = client.get(f"/stories/{seeded.seed_000}").text
    text = html.split('<div class="story-text marked">', 1)[1].split("</div>", 1)[0]
    assert (
        '<a class="mk mk-mention m-person" href="/entities/person:valery-semerikov" '
        'title="Person: Valery Semerikov">Valery Semerikov</a>'
    ) in text
    assert '<span class="mk mk-claim" title="Claim: over 80 × country' in text
    assert '<span class="mk mk-quote" title="Quote by Vladimir Voronkov">' in text
    assert '<span class="mk mk-role" title="Post: Acting Secretary General' in text
    assert "Events it reports" in html and f'href="/events/{seeded.conference_2019}"' in html


def test_the_story_json_has_the_facts_as_spans(client: TestClient, seeded: Seeded) -> None:
    data = client.get(f"/stories/{seeded.seed_000}.json").json()
    text, facts = data["story"]["text"], data["facts"]
    for group in ("mentions", "statements", "claims", "roles"):
        assert facts[group], group
        for item in facts[group]:
            assert 0 <= item["start"] < item["end"] <= len(text)
    first = facts["mentions"][0]
    assert text[first["start"] : first["end"]] == first["text"]
    assert {e["id"] for e in facts["entities"]} >= {"person:valery-semerikov", "org:csto"}


def test_marks_on_the_injected_story_stay_escaped(client: TestClient, seeded: Seeded) -> None:
    html = client.get(f"/stories/{seeded.injected}").text
    main = html.split('<main id="main"', 1)[1]
    assert SCRIPT not in main and "<img" not in main
    assert "org:csto-secretariat" in main  # the mention is still linked
