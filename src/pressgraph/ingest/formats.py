"""Reduce each input format to page text: HTML through trafilatura, Markdown to plain text."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

import lxml.html

from pressgraph.errors import InputError

T = TypeVar("T")

_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)[^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", re.M)
_MD_EMPHASIS = re.compile(r"(\*\*|\*)(?=\S)(.+?)(?<=\S)\1|(?<!\w)(__|_)(?=\S)(.+?)(?<=\S)\3(?!\w)")
_MD_RULE = re.compile(r"^\s{0,3}([-*_])(\s*\1){2,}\s*$", re.M)
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?", re.M)
_BLOCK_END = re.compile(
    r"</(?:p|div|h[1-6]|li|blockquote|tr|section|article|header|footer)\s*>|<br\s*/?>", re.I
)
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class Extracted:
    """Main text of a page and the metadata found with it."""

    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None


def from_html(html: str, url: str | None = None) -> Extracted:
    """Main text, title and date of an HTML page, by trafilatura; one paragraph per block."""
    import trafilatura  # here: 0.1 s that a run of text files does not pay

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True
    )
    if doc is None:
        return Extracted("")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = data.get("text") or ""
    # trafilatura puts one paragraph per line; our paragraphs are blank-line separated.
    text = "\n\n".join(line for line in text.splitlines() if line.strip())
    date = data.get("date")
    return Extracted(
        text=text,
        title=data.get("title") or None,
        published=date[:10] if isinstance(date, str) and date else None,
        url=data.get("url") or url,
    )


def from_fragment(html: str) -> str:
    """Text of an HTML fragment (the content a feed item carries): one paragraph per block,
    white space inside a paragraph collapsed. Too short for trafilatura's main-text search."""
    marked = _BLOCK_END.sub(lambda m: m.group() + "\n\n", html)
    text = lxml.html.fragment_fromstring(marked, create_parent="div").text_content()
    paragraphs = (" ".join(p.split()) for p in _PARAGRAPH_BREAK.split(text))
    return "\n\n".join(p for p in paragraphs if p)


def _image_line(match: re.Match[str]) -> str:
    """A Markdown image becomes its file name on its own line, which the cleaner counts."""
    return "\n\n" + match.group(2).rsplit("/", 1)[-1] + "\n\n"


def from_markdown(md: str) -> Extracted:
    """Plain text of a Markdown page: headings, emphasis, links and rules reduced to text."""
    title_match = _MD_HEADING.search(md)
    text = _MD_IMAGE.sub(_image_line, md)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_HEADING.sub(r"\1", text)
    text = _MD_RULE.sub("", text)
    text = _MD_QUOTE.sub("", text)
    text = _MD_EMPHASIS.sub(lambda m: m.group(2) or m.group(4), text)
    return Extracted(text=text, title=title_match.group(1) if title_match else None)


def parsed(parse: Callable[..., T], text: str, *, where: str, **options: Any) -> T:
    """`parse(text, **options)`, with any error of the parser (lxml, trafilatura: an empty
    document, a bare `<!DOCTYPE html>`, nesting too deep) refused with its reason."""
    try:
        return parse(text, **options)
    except RecursionError as exc:
        raise InputError(
            "bad_html", f"{where}: the HTML is nested too deeply to read; save a simpler page"
        ) from exc
    except Exception as exc:  # a parser's error on hostile input can be of any type
        raise InputError(
            "bad_html",
            f"{where}: the HTML cannot be read ({type(exc).__name__}: {exc}); check that it is "
            "a web page, or save its text as .txt",
        ) from exc
