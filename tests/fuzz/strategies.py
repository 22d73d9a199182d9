"""Hypothesis strategies for the fuzz suite: inputs as hostile as the ones issue 11 found
(lone surrogates, deep nesting, bare doctypes, control characters, huge numbers, odd dates)
mixed with pieces of real pages, so the fuzzing reaches past the first parser."""

from __future__ import annotations

import json

from hypothesis import strategies as st

PIECES = [
    "On May 24, 2022, the CSTO Secretary General Stanislav Zas met in Moscow.",
    "Valery Semerikov said: “Terrorism is a threat.”",
    "about 11 thousand ISIS fighters",
    "30.06.2021",
    "Go back",
    "DSC_8507.JPG",
    "{{item.group_date}}",
    "MOSCOW, May 5. /TASS/",
    " date 2024-06-26",
    "\x00",
    "\ud800",
    "\u202e",
    "\x02\x03",
    "<!DOCTYPE html>",
    "<script>alert(1)</script>",
    "&amp;&#0;&#x110000;",
    "]]>",
    "\n",
    "\n\n",
    "\r\n",
    "\t",
    " ",
]
HOSTILE = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=30)), max_size=20).map("".join),
)
TEXT = st.one_of(
    HOSTILE,
    st.lists(st.sampled_from(PIECES[:9]), min_size=1, max_size=12).map("\n\n".join),
)
JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | HOSTILE,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=12,
)


@st.composite
def jsonl_line(draw: st.DrawFn) -> bytes:
    """One JSONL line: a record with fields good or bad, deep nesting, raw bytes."""
    kind = draw(st.sampled_from(["record", "deep", "raw", "escape"]))
    if kind == "raw":
        return draw(st.binary(max_size=200)).replace(b"\n", b" ")
    if kind == "deep":
        depth = draw(st.integers(1, 200_000))
        return b'{"text": ' + b"[" * depth + b"]" * depth + b"}"
    if kind == "escape":
        return b'{"text": "' + draw(st.sampled_from([b"\\ud800", b"\\udfff x", b"\\u0000"])) + b'"}'
    record = {
        key: draw(st.one_of(TEXT, JSON_VALUE))
        for key in draw(st.sets(st.sampled_from(["text", "html", "url", "title", "published"])))
    }
    return json.dumps(record, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass")


JSONL = st.lists(jsonl_line(), min_size=1, max_size=5).map(lambda lines: b"\n".join(lines))
TAGS = ["p", "div", "article", "h1", "script", "style", "nav", "br", "table", "td", "li", "a"]


@st.composite
def html(draw: st.DrawFn) -> bytes:
    """An HTML page: tags, text and hostile pieces in any order, maybe unclosed."""
    parts = []
    for _ in range(draw(st.integers(0, 15))):
        tag = draw(st.sampled_from(TAGS))
        parts.append(draw(st.sampled_from([f"<{tag}>", f"</{tag}>", f"<{tag} x='{{"])))
        parts.append(draw(TEXT))
    head = draw(st.sampled_from(["", "<!DOCTYPE html>", "<html><body>", "\ufeff<html>"]))
    return (head + "".join(parts)).encode("utf-8", "surrogatepass")


@st.composite
def feed(draw: st.DrawFn) -> bytes:
    """An RSS or Atom feed whose items carry content (links would need the network)."""
    items = [
        f"<item><title>{draw(st.text(max_size=20))}</title>"
        f"<description>{draw(TEXT)}</description>"
        f"<pubDate>{draw(st.sampled_from(['', 'Tue, 18 May 2021', '9999-99-99', 'x']))}"
        "</pubDate></item>"
        for _ in range(draw(st.integers(0, 4)))
    ]
    escaped = [i.replace("&", "&amp;") if draw(st.booleans()) else i for i in items]
    body = f'<?xml version="1.0"?><rss version="2.0"><channel>{"".join(escaped)}</channel></rss>'
    if draw(st.booleans()):
        body = body.replace("<rss", '<!DOCTYPE rss [<!ENTITY a "aaaa">]><rss')
    return body.encode("utf-8", "surrogatepass")


FILES = st.one_of(
    st.tuples(st.just("page.jsonl"), JSONL),
    st.tuples(st.sampled_from(["page.html", "page.htm"]), html()),
    st.tuples(st.sampled_from(["news.rss", "feed.xml"]), feed() | st.binary(max_size=300)),
    st.tuples(
        st.sampled_from(["page.txt", "page.md"]),
        st.binary(max_size=400) | TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
    ),
)
ROUTES = [
    "/",
    "/index.json",
    "/search",
    "/search.json",
    "/entities.json",
    "/events.json",
    "/network.json",
    "/claims.json",
    "/stories/x.json",
    "/entities/x.json",
    "/events/x.json",
    "/documents/x.json",
]
PARAMS = ["q", "from", "to", "entity", "kind", "page", "unit", "people", "bodies"]
PARAM_VALUE = st.one_of(
    HOSTILE.map(lambda t: t.encode("utf-8", "surrogatepass").decode("utf-8", "replace")),
    st.integers(-(10**30), 10**30).map(str),
    st.sampled_from(["9999-12-31", "0001-01-01", "2021-02-30", "true", "person", "c*", '"']),
    st.dates().map(str),
)


@st.composite
def web_query(draw: st.DrawFn) -> tuple[str, list[tuple[str, str]], str]:
    """A route, query parameters (repeated, empty, hostile) and an Accept header."""
    route = draw(st.sampled_from(ROUTES))
    values = draw(st.lists(st.tuples(st.sampled_from(PARAMS), PARAM_VALUE), max_size=4))
    accept = draw(st.sampled_from(["text/html", "application/json", "*/*", ""]))
    return route, values, accept
