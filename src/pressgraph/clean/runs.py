"""Furniture that only its neighbours give away: menus (runs of short lines), lists of links
after a "Read also" marker, labels and banners above a headline, tag lines, and short labels
in another script than the page's.

Each rule reads the shape of the lines around a line (clean/shape.py), never its words; the
words a marker may have are data (data/furniture.yml).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pressgraph.clean.furniture import date_labels, weekdays
from pressgraph.clean.shape import (
    date_line,
    ends_sentence,
    ends_strongly,
    is_short,
    looks_like_headline,
    strip_bullets,
)
from pressgraph.extract.dates import find_dates

# A run of at least this many short lines is a menu or a list of links.
MENU_MIN_LINES = 4
# A label is at most this many words.
LABEL_MAX_WORDS = 5
# A line of text ends a sentence and has at least this many words (or is long).
_BODY_MIN_WORDS = 8
_BODY_LONG_WORDS = 60
_MENU_ITEM_MAX_WORDS = 10
_MENU_SHORT_SHARE = 0.6
_TAG_ITEM_MAX_WORDS = 4
_TAG_MIN_ITEMS = 3
_FOREIGN_LABEL_MAX_WORDS = 3
_DIRECTORY_MIN_LINES = 4
_DIRECTORY_MIN_LABELS = 3
_DIRECTORY_LABEL_SHARE = 0.4
_TAGLINE_MAX_WORDS = 10
_LEAD_DATE_CHARS = 30


@dataclass(frozen=True)
class Verdict:
    """A line index the rules call furniture, and the kind they give it."""

    index: int
    kind: str


def is_body(text: str) -> bool:
    """A line of story text: a sentence of some length, or a long line."""
    n = len(text.split())
    return n > _BODY_LONG_WORDS or (ends_strongly(text) and n >= _BODY_MIN_WORDS)


def find_run_furniture(
    texts: Sequence[str],
    markers: Sequence[bool],
    alone: Sequence[bool],
    is_date: Callable[[str], bool],
) -> list[Verdict]:
    """Every line (by index into `texts`, the page's kept lines in order) that its
    neighbourhood shows to be furniture. `markers[i]` says that a list marker ("Read also")
    stood right before line i; `alone[i]` that blank lines stand on both sides of it; `is_date`
    tells a date line, which is never removed but inside a list of links after a marker."""
    found: dict[int, str] = {}
    for rule, kind in (
        (lambda t, d: _menus(t, alone, d), "menu"),
        (lambda t, d: _after_markers(t, markers), "related"),
        (_labels, "label"),
        (_tags, "tags"),
        (_foreign_labels, "label"),
        (_directory, "directory"),
        (_tagline, "tagline"),
    ):
        for i in rule(texts, is_date):
            if not is_date(texts[i]) or kind == "related":
                # the dates of a list of links after "Related news" date those links, not a
                # story of the page
                found.setdefault(i, kind)
    return [Verdict(i, kind) for i, kind in sorted(found.items())]


def _menus(
    texts: Sequence[str], alone: Sequence[bool], is_date: Callable[[str], bool]
) -> list[int]:
    """Runs of menu items, at least MENU_MIN_LINES of them short and most of them short (dates
    inside do not break or count), unless the line before the run introduces a list (':').
    A longer item standing alone between blank lines (a headline) breaks a run."""
    out: list[int] = []
    i = 0
    while i < len(texts):
        if not is_short(texts[i]) or (i > 0 and texts[i - 1].rstrip().endswith(":")):
            i += 1
            continue
        j, members = i, []
        while j < len(texts) and (_menu_item(texts[j], alone[j]) or is_date(texts[j])):
            if not is_date(texts[j]):
                members.append(j)
            j += 1
        short = sum(1 for k in members if is_short(texts[k]))
        if short >= MENU_MIN_LINES and short >= _MENU_SHORT_SHARE * len(members):
            out.extend(members)
        i = max(j, i + 1)
    return out


def _menu_item(text: str, alone: bool) -> bool:
    """A line that can stand in a menu: a few words (bullets aside), not a sentence."""
    return is_short(text) or (
        not alone
        and len(strip_bullets(text).split()) <= _MENU_ITEM_MAX_WORDS
        and not ends_sentence(text)
    )


def _after_markers(texts: Sequence[str], markers: Sequence[bool]) -> list[int]:
    """After a list marker, the headline-like and short lines up to the next line of text; a
    headline over a lead that opens with a date is a related story, kept. Above the page's
    first line of text a marker is a menu item, not a list of links."""
    out: list[int] = []
    inside = False
    text_seen = False
    for i, text in enumerate(texts):
        inside = inside or (markers[i] and text_seen)
        text_seen = text_seen or is_body(text)
        if not inside:
            continue
        if is_body(text) or not (looks_like_headline(text) or is_short(text)):
            inside = False
            continue
        if i + 1 < len(texts) and is_body(texts[i + 1]) and _dated_lead(texts[i + 1]):
            inside = False
            continue
        out.append(i)
    return out


def _dated_lead(text: str) -> bool:
    """A paragraph whose first words hold a date ("On 8 May 2023, ..."): a story's lead."""
    return any(m.start < _LEAD_DATE_CHARS for m in find_dates(" ".join(text.split()[:8])))


def _labels(texts: Sequence[str], is_date: Callable[[str], bool]) -> list[int]:
    """Short lines at the head of the page (no text above them) that are followed by another
    headline-like or short line: site banners, section labels, tag lines over the title."""
    out: list[int] = []
    for i, text in enumerate(texts):
        if is_body(text):
            break
        if i + 1 >= len(texts) or len(text.split()) > LABEL_MAX_WORDS or ends_strongly(text):
            continue
        nxt = texts[i + 1]
        if looks_like_headline(nxt) or is_short(nxt):
            out.append(i)
    return out


def _head_region(texts: Sequence[str]) -> list[int]:
    """The lines above the page's first headline that has text under it."""
    last_body = max((i for i, t in enumerate(texts) if is_body(t)), default=-1)
    for i, text in enumerate(texts[: max(last_body, 0)]):
        if looks_like_headline(text):
            return list(range(i))
    return []


def _undated(texts: Sequence[str], region: Sequence[int]) -> bool:
    return not any(find_dates(texts[i]) for i in region)


_LABEL_LINE = re.compile(r"^[A-ZА-ЯЁ][^:]{0,200}:(?:\s*\S+){0,4}\s*$")


def _directory(texts: Sequence[str], is_date: Callable[[str], bool]) -> list[int]:
    """At the top of the page, an undated block of "Label: value" or "Label:" lines and
    sentences, mostly labels (a contact card, a directory of delegations): page furniture."""
    block: list[int] = []
    for i, text in enumerate(texts):
        if find_dates(text) or any(q in text for q in '"“”«»'):
            break
        if not (_LABEL_LINE.match(text) or ends_strongly(text)):
            break
        block.append(i)
    labels = sum(1 for i in block if _LABEL_LINE.match(texts[i]))
    if (
        len(block) >= _DIRECTORY_MIN_LINES
        and labels >= _DIRECTORY_MIN_LABELS
        and labels >= _DIRECTORY_LABEL_SHARE * len(block)
    ):
        return block
    return []


def _tagline(texts: Sequence[str], is_date: Callable[[str], bool]) -> list[int]:
    """One short undated line above the first headline: a site's tagline."""
    region = _head_region(texts)
    if len(region) == 1 and len(texts[region[0]].split()) <= _TAGLINE_MAX_WORDS:
        return region if _undated(texts, region) else []
    return []


_LATIN = re.compile("[A-Za-z]+")  # runs of letters: counted by their lengths
_CYRILLIC = re.compile("[\u0400-\u04ff]+")
_TAG_WORD = re.compile(r"^(?:\(.*\)|[\W\d]*[A-ZА-ЯЁ0-9].*)$")


def _tags(texts: Sequence[str], is_date: Callable[[str], bool]) -> list[int]:
    """A list of capitalised keywords ("Russia, Kazakhstan, Security Agreement") on its own
    line: the tags of an article."""
    out = []
    for i, text in enumerate(texts):
        items = [p.strip() for p in text.split(",")]
        if len(items) < _TAG_MIN_ITEMS or ends_sentence(text):
            continue
        if all(_is_tag(item) for item in items):
            out.append(i)
    return out


def _is_tag(item: str) -> bool:
    words = item.split()
    return 0 < len(words) <= _TAG_ITEM_MAX_WORDS and all(_TAG_WORD.match(w) for w in words)


def _foreign_labels(texts: Sequence[str], is_date: Callable[[str], bool]) -> list[int]:
    """A short line in Cyrillic on a page written in Latin letters (or the reverse): a menu
    word or a section label the translation left behind."""
    script = _page_script(texts)
    if script is None:
        return []
    return [
        i
        for i, text in enumerate(texts)
        if len(text.split()) <= _FOREIGN_LABEL_MAX_WORDS
        and not ends_strongly(text)
        and _page_script([text]) not in (None, script)
    ]


def _page_script(texts: Sequence[str]) -> str | None:
    """ "cyrillic" or "latin": the script of most letters of the texts; None without letters."""
    latin = sum(len(run) for text in texts for run in _LATIN.findall(text))
    cyrillic = sum(len(run) for text in texts for run in _CYRILLIC.findall(text))
    if latin + cyrillic == 0:
        return None
    return "cyrillic" if cyrillic > latin else "latin"


def is_date_line(text: str) -> bool:
    """A date line, with the labels of data/furniture.yml."""
    return date_line(text, labels=date_labels(), weekdays=weekdays()) is not None
