"""Clean a page: drop furniture (remembering it), repair text, and keep a map back to the page.

The cleaned text is what every later offset points into. It is a sequence of paragraphs
separated by one blank line. A page's lines are paragraphs of their own (many pages separate
paragraphs by a single line break), except a line that continues the sentence of the line
before it (it starts in lower case after a line that does not end a sentence, or the page is
hard-wrapped at a fixed width). Each kept line is mapped back to its span in the page text
(`Segment`), so evidence can always be shown on the page as it was read.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from pressgraph.clean.furniture import (
    classify_line,
    is_list_marker,
    is_signature,
    strip_inline,
    tells_update,
)
from pressgraph.clean.runs import find_run_furniture, is_date_line
from pressgraph.clean.shape import ends_sentence, ends_strongly, starts_lower
from pressgraph.clean.text import fix_line, fold, line_key
from pressgraph.extract.dates import find_dates, trailing_date
from pressgraph.records import CleanedPage, Removed, Segment

# Paragraphs shorter than this may repeat legitimately ("- ", "Moscow").
_MIN_REPEAT_CHARS = 25
# A press-service signature is looked for only among the last paragraphs of a page.
_SIGNATURE_TAIL_BLOCKS = 3
# A sentence cut by a blank line: the part before it has at least this many words.
_CUT_SENTENCE_MIN_WORDS = 12
# A page is hard-wrapped when most of its lines fill nearly the same width.
_WRAP_MIN_LINES = 5
_WRAP_MAX_WIDTH = 110
_WRAP_SHARE = 0.7
_WRAP_FILL = 0.8
# The last step of a breadcrumb trail of at least this many words is the page's title.
_TITLE_MIN_WORDS = 3
_NEWLINE = re.compile(r"\r\n|\r|\n")
# Metadata a scraper put in front of the page text: " date 2024-06-26 ...".
_METADATA_PREFIX = re.compile(
    r"^\s*(?:date|published|pubdate|publication date)\s*:?\s*"
    r"(?P<date>\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?\s*",
    re.I,
)


@dataclass
class _Line:
    text: str
    start: int  # span of the line in the page text
    end: int
    blank_before: bool = False  # a blank line separates it from the kept line before
    contact_after: bool = False  # the next furniture line after it was a contact line


@dataclass
class _Block:
    lines: list[_Line] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def start(self) -> int:
        return self.lines[0].start

    @property
    def end(self) -> int:
        return self.lines[-1].end

    @property
    def before_contact(self) -> bool:
        return self.lines[-1].contact_after


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


class _Reader:
    """Reads the page line by line, keeping text lines and recording furniture."""

    def __init__(self, removed: list[Removed], site_lines: frozenset[str]) -> None:
        self.removed = removed
        self.site_lines = site_lines
        self.lines: list[_Line] = []
        self.markers: list[bool] = []  # a list marker stood right before the kept line
        self.published: str | None = None
        self.titles: set[str] = set()  # the last step of a breadcrumb trail: the page title
        self._blank = False
        self._marker = False

    def read(self, page: str) -> None:
        for n, (raw, start, _) in enumerate(_page_lines(page)):
            if n == 0:
                raw, start = self._metadata_prefix(raw, start)
            self._line(raw, start)

    def _metadata_prefix(self, raw: str, start: int) -> tuple[str, int]:
        """Take a scraper's " date YYYY-MM-DD" off the first line; it dates the page."""
        m = _METADATA_PREFIX.match(raw)
        if m is None:
            return raw, start
        self.published = m.group("date")
        self.removed.append(Removed("metadata", m.group().strip(), *_line_span(m.group(), start)))
        return raw[m.end() :], start + m.end()

    def _line(self, raw: str, start: int) -> None:
        text = fix_line(raw)
        if not text:
            self._blank = True
            return
        s, e = _line_span(raw, start)
        kind = classify_line(text)
        if kind == "download" and self._dated_download(text, s, e):
            return
        if kind is None and fold(text) in self.titles:
            kind = "repeated"
        if kind is None and self.site_lines and line_key(text) in self.site_lines:
            kind = "site"
        if kind is not None:
            self._furniture(kind, text, s, e)
            return
        text = self._inline(text, raw, start, s, e)
        if text:
            self._keep(text, s, e)

    def _keep(self, text: str, s: int, e: int) -> None:
        self.lines.append(_Line(text, s, e, blank_before=self._blank or not self.lines))
        self.markers.append(self._marker)
        self._blank = self._marker = False

    def _dated_download(self, text: str, s: int, e: int) -> bool:
        """A download link with its document's date in front ("10.06.2022 Download ..."): the
        date stays as a date line, the link goes."""
        found = find_dates(text)
        if not found or found[0].start != 0 or found[0].precision != "day":
            return False
        cut = found[0].end
        self._keep(text[:cut], s, s + cut)
        rest = len(text) - len(text[cut:].lstrip())
        self.removed.append(Removed("download", text[rest:], s + rest, e))
        return True

    def _furniture(self, kind: str, text: str, s: int, e: int) -> None:
        if kind in ("metadata", "byline") and self.published is None and not tells_update(text):
            self.published = _full_date(text)
        if kind == "breadcrumb":
            last = re.split(r"[»›>/|]", text)[-1]
            if len(last.split()) >= _TITLE_MIN_WORDS:
                self.titles.add(fold(last))
        self.removed.append(Removed(kind, text, s, e))
        if kind == "contact" and self.lines:
            self.lines[-1].contact_after = True
        self._marker = self._marker or is_list_marker(text)

    def _inline(self, text: str, raw: str, start: int, s: int, e: int) -> str:
        text, inline = strip_inline(text)
        for what, _, _ in inline:
            kind = "placeholder" if what.startswith(("{", "$", "[")) else "marker"
            at = raw.find(what)
            span = (start + at, start + at + len(what)) if at >= 0 else (s, e)
            self.removed.append(Removed(kind, what, *span))
        return text


def _full_date(text: str) -> str | None:
    """The first date with day and year in a metadata line ("Source: X | 2024-05-06 | ...")."""
    for found in find_dates(text):
        if found.precision == "day" and not found.relative:
            return found.value
    return None


def _drop_run_furniture(reader: _Reader) -> list[_Line]:
    """Remove menus, link lists, labels and tag lines, which their neighbours give away."""
    lines = reader.lines
    texts = [line.text for line in lines]
    alone = [
        line.blank_before and (i + 1 == len(lines) or lines[i + 1].blank_before)
        for i, line in enumerate(lines)
    ]
    verdicts = find_run_furniture(texts, reader.markers, alone, is_date_line)
    gone = {v.index: v.kind for v in verdicts}
    kept: list[_Line] = []
    blank = False
    for i, line in enumerate(reader.lines):
        if i in gone:
            reader.removed.append(Removed(gone[i], line.text, line.start, line.end))
            blank = True
            continue
        line.blank_before = line.blank_before or blank
        blank = False
        kept.append(line)
    return kept


def _is_wrapped(lines: list[_Line]) -> bool:
    """Whether the page is hard-wrapped: most lines inside paragraphs fill the same width."""
    inner = [a for a, b in itertools.pairwise(lines) if not b.blank_before]
    if len(inner) < _WRAP_MIN_LINES:
        return False
    width = max(len(line.text) for line in inner)
    if width > _WRAP_MAX_WIDTH:
        return False
    full = [a for a in inner if len(a.text) >= _WRAP_FILL * width and not ends_strongly(a.text)]
    return len(full) >= _WRAP_SHARE * len(inner)


def _continues(before: _Line, line: _Line, wrapped: bool) -> bool:
    """Whether `line` continues the paragraph of `before` rather than opening its own."""
    if is_date_line(line.text):
        return False
    if not line.blank_before:
        if wrapped and not ends_strongly(before.text):
            return True
        return starts_lower(line.text) and not ends_strongly(before.text)
    cut = not ends_sentence(before.text) or before.text.rstrip().endswith(",")
    long_enough = len(before.text.split()) >= _CUT_SENTENCE_MIN_WORDS
    return starts_lower(line.text) and cut and long_enough and not _capitals(before.text)


def _capitals(text: str) -> bool:
    """A line in capitals (a title), which no lower-case line continues."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _paragraphs(lines: list[_Line]) -> list[_Block]:
    """Group the kept lines into paragraphs."""
    wrapped = _is_wrapped(lines)
    blocks: list[_Block] = []
    for line in lines:
        if blocks and _continues(blocks[-1].lines[-1], line, wrapped):
            blocks[-1].lines.append(line)
        else:
            blocks.append(_Block([line]))
    return blocks


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
    """Remove paragraphs repeated within the page (a copy cut off by the page's end counts);
    a headline repeated with a date glued on keeps the dated copy, so the story splitter sees
    one headline with its date."""
    kept: list[_Block] = []
    seen: set[str] = set()  # a set: a page of 100,000 paragraphs is compared in linear time
    for i, block in enumerate(blocks):
        key = fold(block.text)
        last = i == len(blocks) - 1
        if len(key) >= _MIN_REPEAT_CHARS and (
            key in seen or (last and any(s.startswith(key) for s in seen))
        ):
            removed.append(Removed("repeated", block.text, block.start, block.end))
            continue
        # only a block holding the paragraph before it can be that paragraph with a date on
        previous = fold(kept[-1].text) if kept and len(block.lines) == 1 else ""
        dated = trailing_date(block.text) if previous and previous in key else None
        if dated is not None and fold(dated[0]) == previous:
            twin = kept.pop()
            removed.append(Removed("repeated", twin.text, twin.start, twin.end))
        seen.add(key)
        kept.append(block)
    return kept


def page_line_keys(page: str) -> list[str]:
    """The keys of a page's lines (clean.text.line_key), to count them for the page's site."""
    return [line_key(text) for raw, _, _ in _page_lines(page) if (text := fix_line(raw))]


def clean_page(page: str, *, site_lines: frozenset[str] = frozenset()) -> CleanedPage:
    """Remove furniture from a page text and return the cleaned text with what was removed.

    `site_lines` holds the keys of lines that are furniture on the page's site (lines seen on
    most of its pages, see store/sitelines.py); they are removed as "site" furniture."""
    removed: list[Removed] = []
    reader = _Reader(removed, site_lines)
    reader.read(page)
    blocks = _paragraphs(_drop_run_furniture(reader))
    blocks = _drop_repeats(_drop_signatures(blocks, removed), removed)
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
    return CleanedPage("".join(parts), tuple(removed), tuple(segments), reader.published)
