"""Clean a page: drop furniture (remembering it), repair text, and keep a map back to the page.

The cleaned text is what every later offset points into. Paragraphs are blocks of
lines separated by one blank line; each kept line is mapped back to its span in the
page text (`Segment`), so evidence can always be shown on the page as it was read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pressgraph.clean.furniture import classify_line, is_signature, strip_inline
from pressgraph.clean.text import fix_line, fold
from pressgraph.extract.dates import trailing_date
from pressgraph.records import CleanedPage, Removed, Segment

# Paragraphs shorter than this may repeat legitimately ("- ", "Moscow").
_MIN_REPEAT_CHARS = 25
# A press-service signature is looked for only among the last blocks of a page.
_SIGNATURE_TAIL_BLOCKS = 3
_NEWLINE = re.compile(r"\r\n|\r|\n")


@dataclass
class _Line:
    text: str
    start: int  # span of the line in the page text
    end: int


@dataclass
class _Block:
    lines: list[_Line] = field(default_factory=list)
    before_contact: bool = False  # the next furniture line after it was a contact line

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        return self.lines[-1].end


def _page_lines(page: str) -> list[tuple[str, int, int]]:
    """Split the page into lines with their spans, on \\n, \\r\\n and \\r only.

    (`str.splitlines` also breaks on NEL, form feed and others, which pages use as text.)
    """
    out: list[tuple[str, int, int]] = []
    pos = 0
    for m in _NEWLINE.finditer(page):
        out.append((page[pos : m.start()], pos, m.start()))
        pos = m.end()
    out.append((page[pos:], pos, len(page)))
    return out


def _line_span(raw: str, start: int) -> tuple[int, int]:
    """Span of the non-blank part of a raw line, in page offsets."""
    stripped = raw.strip()
    if not stripped:
        return start, start + len(raw)
    lead = len(raw) - len(raw.lstrip())
    return start + lead, start + lead + len(stripped)


def _split_blocks(page: str, removed: list[Removed]) -> list[_Block]:
    """Group kept lines into paragraph blocks, recording furniture lines as removed."""
    blocks: list[_Block] = [_Block()]
    for raw, start, _ in _page_lines(page):
        text = fix_line(raw)
        if not text:
            if blocks[-1].lines:
                blocks.append(_Block())
            continue
        s, e = _line_span(raw, start)
        kind = classify_line(text)
        if kind is not None:
            removed.append(Removed(kind, text, s, e))
            if kind == "contact" and blocks[-1].lines:
                blocks[-1].before_contact = True
            elif kind == "contact" and len(blocks) > 1:
                blocks[-2].before_contact = True
            continue
        text, inline = strip_inline(text)
        for what, _, _ in inline:
            kind = "placeholder" if what.startswith(("{", "$", "[")) else "marker"
            at = raw.find(what)
            span = (start + at, start + at + len(what)) if at >= 0 else (s, e)
            removed.append(Removed(kind, what, *span))
        if text:
            blocks[-1].lines.append(_Line(text, s, e))
    return [b for b in blocks if b.lines]


def _drop_signatures(blocks: list[_Block], removed: list[Removed]) -> list[_Block]:
    """Remove a press service's signature: a short named line at the foot or above a contact."""
    kept: list[_Block] = []
    tail_from = len(blocks) - _SIGNATURE_TAIL_BLOCKS
    for i, block in enumerate(blocks):
        near_end = i >= tail_from or block.before_contact
        if len(block.lines) == 1 and near_end and is_signature(block.text):
            removed.append(Removed("signature", block.text, block.start, block.end))
        else:
            kept.append(block)
    return kept


def _drop_repeats(blocks: list[_Block], removed: list[Removed]) -> list[_Block]:
    """Remove paragraphs repeated within the page; a headline repeated with a date glued on
    keeps the dated copy, so the story splitter sees one headline with its date."""
    kept: list[_Block] = []
    seen: set[str] = set()
    for block in blocks:
        key = fold(block.text)
        if len(key) >= _MIN_REPEAT_CHARS and key in seen:
            removed.append(Removed("repeated", block.text, block.start, block.end))
            continue
        dated = trailing_date(block.text) if len(block.lines) == 1 else None
        if dated is not None and kept and fold(dated[0]) == fold(kept[-1].text):
            twin = kept.pop()
            removed.append(Removed("repeated", twin.text, twin.start, twin.end))
        seen.add(key)
        kept.append(block)
    return kept


def clean_page(page: str) -> CleanedPage:
    """Remove furniture from a page text and return the cleaned text with what was removed."""
    removed: list[Removed] = []
    blocks = _drop_repeats(_drop_signatures(_split_blocks(page, removed), removed), removed)
    parts: list[str] = []
    segments: list[Segment] = []
    pos = 0
    for b, block in enumerate(blocks):
        if b:
            parts.append("\n\n")
            pos += 2
        for n, line in enumerate(block.lines):
            if n:
                parts.append("\n")
                pos += 1
            parts.append(line.text)
            segments.append(Segment(pos, pos + len(line.text), line.start, line.end))
            pos += len(line.text)
    removed.sort(key=lambda r: (r.start, r.end))
    return CleanedPage("".join(parts), tuple(removed), tuple(segments))
