"""A story's text with its facts marked: mentions (linked to their entities), posts held,
statements and claims, as a tree of nested spans per paragraph.

The tree holds only plain text pieces and span descriptions; `marked_html` turns each span
into a tag from a fixed set (`a` or `span`) and escapes every piece of text and every
attribute, so no HTML is ever built from document text. Spans that cross (a statement ending
inside a name) are cut where they cross, so the tags always nest.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup, escape

from pressgraph.store.pages.common import ClaimView, Ref, StatementView
from pressgraph.store.pages.stories import MentionMark, RoleMark, StoryBody, StoryFacts

# Outer layers first when two spans cover the same text: a statement holds a post phrase,
# which holds a claim, which holds a name.
LAYERS = {"said": 0, "quote": 0, "role": 1, "claim": 2, "mention": 3}


@dataclass(frozen=True)
class Span:
    """A marked stretch of the text: what it is, a link (for a name) and a description."""

    start: int
    end: int
    kind: str  # mention | role | quote | said | claim
    css: str  # e.g. "m-person"
    href: str | None
    label: str


@dataclass(frozen=True)
class Node:
    """A span with what it holds: text pieces and nested spans."""

    span: Span
    children: tuple[Node | str, ...]


Piece = Node | str


def entity_url(entity_id: str) -> str:
    """The address of an entity's page (ids are URL-safe; quoting is defence in depth)."""
    return "/entities/" + quote(entity_id, safe=":~")


def evidence_url(story_id: str, start: int, end: int) -> str:
    """The address of a fact's evidence: its story, scrolled to the span, which the story
    page highlights (static/evidence.js reads `#at-START-END`)."""
    return f"/stories/{quote(story_id, safe='')}#at-{int(start)}-{int(end)}"


def event_url(event_id: str) -> str:
    """The address of an event's page."""
    return "/events/" + quote(event_id, safe=":~")


def story_marks(story: StoryBody, facts: StoryFacts) -> list[tuple[int, tuple[Piece, ...]]]:
    """(paragraph start, marked pieces) for each paragraph of the story."""
    spans = [
        *(_mention(m) for m in facts.mentions),
        *(_role(r) for r in facts.roles),
        *(_statement(s) for s in facts.statements),
        *(_claim(c) for c in facts.claims),
    ]
    return [(start, mark(story.text, start, end, spans)) for start, end in story.paragraphs]


def marked_html(pieces: tuple[Piece, ...]) -> Markup:
    """The pieces as HTML: each text escaped, each span a link (a name) or a `span` with its
    kind, class and description. (A template macro did this, calling itself for every span:
    a sixth of a story page's time.)"""
    return Markup("".join([_html(piece) for piece in pieces]))


def _html(piece: Piece) -> str:
    if isinstance(piece, str):
        return escape(piece)
    span = piece.span
    inner = "".join([_html(child) for child in piece.children])
    css = escape(f"mk mk-{span.kind}" + (f" {span.css}" if span.css else ""))
    if span.href:
        link = escape(span.href)
        return f'<a class="{css}" href="{link}" title="{escape(span.label)}">{inner}</a>'
    return f'<span class="{css}" title="{escape(span.label)}">{inner}</span>'


def mark(text: str, start: int, end: int, spans: list[Span]) -> tuple[Piece, ...]:
    """`text[start:end]` as pieces, with the spans that fall in it nested and cut to fit."""
    inside = [_clip(s, start, end) for s in spans if s.start < end and s.end > start]
    return _build(text, start, end, _ordered(inside), linked=False)


def _clip(span: Span, start: int, end: int) -> Span:
    return _moved(span, max(span.start, start), min(span.end, end))


def _moved(span: Span, start: int, end: int) -> Span:
    """The span with other ends (`dataclasses.replace` took a third of a story's marks)."""
    if start == span.start and end == span.end:
        return span
    return Span(start, end, span.kind, span.css, span.href, span.label)


def _key(span: Span) -> tuple[int, int, int]:
    return (span.start, -span.end, LAYERS[span.kind])


def _ordered(spans: list[Span]) -> list[Span]:
    """Spans by start, longest and outermost layer first."""
    return sorted(spans, key=_key)


def _build(
    text: str, start: int, end: int, spans: list[Span], *, linked: bool
) -> tuple[Piece, ...]:
    """Pieces of text[start:end]; `spans` lie inside it, ordered by `_key`."""
    out: list[Piece] = []
    at = start
    pending = list(spans)
    while pending:
        span = pending.pop(0)
        if span.start < at:  # what is left of a span cut by the one before it
            span = _moved(span, at, span.end)
            if span.start >= span.end:
                continue
        if span.start > at:
            out.append(text[at : span.start])
        inner, rest = _split(pending, span.end)
        pending = rest
        link = span.href if not linked else None  # a link never holds another link
        children = _build(text, span.start, span.end, inner, linked=linked or bool(link))
        if link != span.href:
            span = Span(span.start, span.end, span.kind, span.css, link, span.label)
        out.append(Node(span, children))
        at = span.end
    if at < end:
        out.append(text[at:end])
    return tuple(out)


def _split(spans: list[Span], cut: int) -> tuple[list[Span], list[Span]]:
    """Spans starting before `cut` (cut to end there) and the rest (with crossing remainders)."""
    inner: list[Span] = []
    rest: list[Span] = []
    for s in spans:
        if s.start >= cut:
            rest.append(s)
            continue
        inner.append(_moved(s, s.start, min(s.end, cut)))
        if s.end > cut:
            rest.append(_moved(s, cut, s.end))
    return inner, _ordered(rest)


def _name(entity: Ref | None) -> str:
    return entity.name if entity else "not resolved"


def _mention(m: MentionMark) -> Span:
    href = entity_url(m.entity.id) if m.entity else None
    label = f"{m.kind.capitalize()}: {_name(m.entity)}"
    return Span(m.start, m.end, "mention", f"m-{m.kind}", href, label)


def _role(r: RoleMark) -> Span:
    where = r.organization or r.country
    label = f"Post: {r.title}" + (f", {where.name}" if where else "") + f" ({_name(r.person)})"
    return Span(r.start, r.end, "role", "", None, label)


def _statement(s: StatementView) -> Span:
    kind = "quote" if s.quote else "said"
    how = "Quote" if s.quote else f"Reported speech ({s.verb})"
    return Span(s.start, s.end, kind, "", None, f"{how} by {_name(s.speaker)}")


def _claim(c: ClaimView) -> Span:
    what = c.unit or "unit unknown"
    about = c.subject.name if c.subject else c.subject_text
    label = f"Claim: {c.figure} × {what}" + (f" ({about})" if about else "")
    return Span(c.start, c.end, "claim", "", None, label + f", by {_name(c.speaker)}")
