"""Recognize page furniture line by line: navigation, photos, downloads, placeholders, contacts,
metadata, bylines, credits, cookie notices, language switchers, share buttons, counters.

The vocabulary lives in `data/furniture.yml`; this module only turns it into matchers. Each
kind is named after what the line is, and the cleaner records it with that name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pressgraph.datafiles import load_yaml
from pressgraph.errors import DataError
from pressgraph.extract.dates import find_dates
from pressgraph.nlp import gazetteer

# Arrows, bullets and brackets that sites wrap around navigation links.
_LINK_DECORATION = " \t\u00a0<>«»‹›←→↑↓|•·-–—:^"
_PLACEHOLDER = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\$\{[^}]*\}|\[\[[^\]]*\]\]")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"\+?\d[\d\s().-]{6,}\d")
_SIGNATURE_MAX_WORDS = 14
# Lines longer than this are text, whatever words they hold.
_PREFIX_MAX_WORDS = 12
_COOKIE_MAX_WORDS = 45
_METADATA_MAX_WORDS = 16
_ROW_MIN_FIELDS = 3
_ROW_FIELD_WORDS = 7  # "Distributed by Public on 09/23/2019 14:14"
_BANNER_SPLIT = re.compile(r"\s+[-–—|]\s+")
_BANNER_MAX_PARTS = 3
_BYLINE_MAX_WORDS = 10
_CREDIT_MAX_WORDS = 12
_CREDIT_OPENING_MAX_WORDS = 40
# "• 1", "^", "16": a pager, a counter or an ornament on its own line.
_COUNTER = re.compile(r"^[\W\d_]{1,4}$")
_LISTING_COUNT = re.compile(
    r"^\d[\d,. ]*\s+(?:entries|results|items|records|pages? in this article|articles|news)$",
    re.I,
)
# "DatePress release codeTitle": column titles glued together by a lost layout.
_GLUED = re.compile(r"[a-zа-я][A-ZА-Я]")
_BREADCRUMB_SEPARATOR = re.compile(r"\s[»›>/|]\s|\s[»›]$|^[»›]\s")
_BY = re.compile(r"^(?:[Bb]y|[Pp]ar|[Pp]or)\s+(?:\S+|[A-ZА-Я]\S*(?:\s+\S+){1,3})$")
_LANGUAGE_CODE = re.compile(r"^[a-z]{2}[-_][a-z]{2}\d*$", re.I)
_SPLIT_TOKENS = re.compile(r"[\s|/•·,;]+")


@dataclass(frozen=True)
class Furniture:
    """Compiled matchers built from the furniture data file."""

    navigation: frozenset[str]
    empty_values: frozenset[str]  # "None", "null": a missing value a scraper printed
    navigation_prefixes: tuple[str, ...]
    list_markers: frozenset[str]
    inline_markers: tuple[str, ...]
    bracketed_links: re.Pattern[str]
    image_line: re.Pattern[str]
    download_line: re.Pattern[str]
    contact_line: re.Pattern[str]
    metadata_line: re.Pattern[str]
    date_labels: frozenset[str]
    update_labels: tuple[str, ...]
    weekdays: frozenset[str]
    signature_words: tuple[str, ...]
    platforms: frozenset[str]
    languages: frozenset[str]
    language_phrases: tuple[str, ...]
    cookie_words: tuple[str, ...]
    cookie_context: tuple[str, ...]
    byline_phrases: tuple[str, ...]


def _load_yaml() -> dict[str, Any]:
    data = load_yaml("pressgraph.clean", "furniture.yml")
    if not isinstance(data, dict):
        raise DataError("clean/data/furniture.yml must be a mapping of lists; see its comments")
    return data


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _folded(words: list[str]) -> list[str]:
    return [" ".join(str(w).casefold().split()) for w in words]


@lru_cache(maxsize=1)
def furniture() -> Furniture:
    """Load and compile the furniture vocabulary once per process."""
    data = _load_yaml()
    try:
        return _compile(data)
    except KeyError as exc:
        raise DataError(f"clean/data/furniture.yml lacks the list {exc}; restore it") from exc


def _compile(data: dict[str, Any]) -> Furniture:
    images = _alternation(data["image_extensions"])
    documents = _alternation(data["document_extensions"])
    downloads = _alternation(data["download_words"])
    labels = _alternation(data["contact_labels"])
    metadata = _alternation(_folded(data["metadata_labels"]))
    languages = _folded(data["languages"])
    return Furniture(
        navigation=frozenset(_folded(data["navigation"]) + _folded(data["boilerplate"])),
        navigation_prefixes=tuple(_folded(data["navigation_prefixes"])),
        list_markers=frozenset(_folded(data["list_markers"])),
        empty_values=frozenset(data["empty_values"]),
        inline_markers=tuple(data["inline_markers"]),
        bracketed_links=re.compile(
            rf"\s*\((?:{_alternation(data['bracketed_links'])})\b[^()]{{0,80}}\)", re.I
        ),
        # A file name alone on its line: letters of any script, digits, spaces, _-.,()
        image_line=re.compile(rf"^[\w\s.,()\[\]«»\"'’&+-]{{1,200}}\.(?:{images})$", re.I),
        download_line=re.compile(
            rf"^(?:(?:{downloads})\b.*|[\w\s.,()-]{{1,200}}\.(?:{documents})"
            rf"(?:\s*\(\s*[\d.,]+\s*[KMG]?B\s*\))?)$",
            re.I,
        ),
        contact_line=re.compile(rf"^(?:{labels})\s*[:.]?\s*\S.*$", re.I),
        metadata_line=re.compile(rf"^(?:{metadata})\s*:\s*\S", re.I),
        date_labels=frozenset(_folded(data["date_labels"])),
        update_labels=tuple(_folded(data["update_labels"])),
        weekdays=frozenset(_folded(data["weekdays"])),
        signature_words=tuple(w.casefold() for w in data["signature_words"]),
        platforms=frozenset(_folded(data["platforms"])),
        languages=frozenset(w for w in languages if " " not in w),
        language_phrases=tuple(sorted((w for w in languages if " " in w), key=len, reverse=True)),
        cookie_words=tuple(_folded(data["cookie_words"])),
        cookie_context=tuple(_folded(data["cookie_context"])),
        byline_phrases=tuple(_folded(data["byline_phrases"])),
    )


def _plain(line: str) -> str:
    """The line case-folded, without the decoration around links, spaces collapsed."""
    return " ".join(line.strip(_LINK_DECORATION).casefold().split())


def classify_line(line: str) -> str | None:
    """Name the kind of furniture a whole (stripped) line is, or None for story text."""
    if not line:
        return None
    for kind, test in _LINE_TESTS:
        if test(line):
            return kind
    return None


def _is_navigation(line: str) -> bool:
    f = furniture()
    plain = _plain(line)
    if plain in f.navigation or plain in f.list_markers:
        return True
    n = len(plain.split())
    return n <= _PREFIX_MAX_WORDS and any(
        plain == p or plain.startswith(p + " ") for p in f.navigation_prefixes
    )


def _is_placeholder(line: str) -> bool:
    """A template left unfilled ("{{item.date}}") or an empty value a scraper printed
    ("None", "null", "undefined")."""
    return _PLACEHOLDER.sub("", line).strip() == "" or line.strip() in furniture().empty_values


def _is_image(line: str) -> bool:
    return bool(furniture().image_line.match(line))


def _is_download(line: str) -> bool:
    return bool(furniture().download_line.match(line))


def _is_metadata(line: str) -> bool:
    """A labelled metadata line ("Content type: Press release", "Region:Armenia")."""
    bare = line.lstrip(_LINK_DECORATION)
    return len(bare.split()) <= _METADATA_MAX_WORDS and bool(furniture().metadata_line.match(bare))


def _is_field_row(line: str) -> bool:
    """A row of short fields, one a full date: "09/23/2019 | Press release | Distributed by
    X on 09/23/2019 14:14" (a wire service's header over the story)."""
    fields = [f.strip() for f in line.split(" | ")]
    if len(fields) < _ROW_MIN_FIELDS or any(len(f.split()) > _ROW_FIELD_WORDS for f in fields):
        return False
    return any(m.precision == "day" for f in fields for m in find_dates(f))


def _is_org_banner(line: str) -> bool:
    """The name of one known organization, in one or more forms ("OSCE - Organization for
    Security and Co-operation in Europe"): the site's banner, never a headline."""
    parts = [p for p in _BANNER_SPLIT.split(line.strip()) if p]
    if not parts or len(parts) > _BANNER_MAX_PARTS:
        return False
    if any(len(p) > _longest_name() for p in parts):
        return False  # a paragraph: not normalized to be looked up
    known = gazetteer.organization_aliases()
    ids = {known.get(gazetteer.normalize_alias(p)) for p in parts}
    return len(ids) == 1 and None not in ids


@lru_cache(maxsize=1)
def _longest_name() -> int:
    """Twice the length of the longest known form of an organization's name (normalizing
    may shorten a written form, rarely lengthen it)."""
    return 2 * max(map(len, gazetteer.organization_aliases()), default=0)


def _is_byline(line: str) -> bool:
    """An author line: "by admin", "Name Surname January 17, 2022 3 min read"."""
    n = len(line.split())
    if n > _BYLINE_MAX_WORDS:
        return False
    plain = line.casefold()
    return bool(_BY.match(line.strip())) or any(p in plain for p in furniture().byline_phrases)


def _is_credit(line: str) -> bool:
    """A photo credit or a caption signed with ©; a line that opens with © is one at any
    length ("© Agency / Photographer / Go to the media bank<caption glued on>")."""
    n = len(line.split())
    opens = line.lstrip().startswith("©") and n <= _CREDIT_OPENING_MAX_WORDS
    return opens or ("©" in line and n <= _CREDIT_MAX_WORDS)


def _is_cookie_notice(line: str) -> bool:
    f = furniture()
    plain = line.casefold()
    return (
        len(line.split()) <= _COOKIE_MAX_WORDS
        and _has_any(plain, f.cookie_words)
        and _has_any(plain, f.cookie_context)
    )


def _has_any(plain: str, words: tuple[str, ...]) -> bool:
    return any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", plain) for w in words)


def _is_language_switcher(line: str) -> bool:
    """A row of language names or codes ("English Русский", "en-GB1 ru-RU1")."""
    f = furniture()
    plain = line.casefold()
    for phrase in f.language_phrases:
        plain = plain.replace(phrase, " ")
    tokens = [t for t in _SPLIT_TOKENS.split(plain) if t]
    if not all(t in f.languages or _LANGUAGE_CODE.match(t) for t in tokens):
        return False  # most lines: stops at the first word that is no language
    named = [t for t in tokens if _LANGUAGE_CODE.match(t) or (t in f.languages and len(t) > 3)]
    return len(named) >= 2


def _is_share_row(line: str) -> bool:
    """A row of social networks and aggregators ("Google News", "Facebook Twitter")."""
    f = furniture()
    plain = _plain(line)
    if plain in f.platforms:
        return True
    tokens = [t for t in _SPLIT_TOKENS.split(plain) if t]
    return len(tokens) >= 2 and all(t in f.platforms for t in tokens)


def _is_counter(line: str) -> bool:
    stripped = line.strip()
    return bool(_COUNTER.match(stripped)) or bool(_LISTING_COUNT.match(stripped))


def _is_glued_labels(line: str) -> bool:
    """Column titles that a lost layout glued together: "DatePress release codeTitle"."""
    return len(line.split()) <= 6 and len(_GLUED.findall(line)) >= 2 and not line.endswith(".")


def _is_breadcrumb(line: str) -> bool:
    """A trail of links: "Home » News » Article", "Home »"."""
    if not _BREADCRUMB_SEPARATOR.search(line):
        return False
    first = re.split(r"[»›>/|]", line, maxsplit=1)[0].strip()
    return 0 < len(first.split()) <= 3 and _plain(first) in furniture().navigation


_LINE_TESTS = (
    ("navigation", _is_navigation),
    ("placeholder", _is_placeholder),
    ("image", _is_image),
    ("download", _is_download),
    ("contact", lambda line: is_contact(line)),
    ("metadata", _is_metadata),
    ("metadata", _is_field_row),
    ("label", _is_org_banner),
    ("byline", _is_byline),
    ("credit", _is_credit),
    ("cookie", _is_cookie_notice),
    ("language", _is_language_switcher),
    ("share", _is_share_row),
    ("counter", _is_counter),
    ("labels", _is_glued_labels),
    ("breadcrumb", _is_breadcrumb),
)


def is_list_marker(line: str) -> bool:
    """Whether the line opens a list of links to other stories ("Read also", "Most read")."""
    return _plain(line) in furniture().list_markers


def date_labels() -> frozenset[str]:
    """Labels that introduce a publishing date ("Publishing date:", "Дата:")."""
    return furniture().date_labels


def tells_update(line: str) -> bool:
    """Whether a metadata line gives the date of a later change ("Last updated: ...")."""
    plain = _plain(line)
    return any(plain.startswith(label) for label in furniture().update_labels)


def weekdays() -> frozenset[str]:
    """Names of weekdays, which a date line may carry ("Tuesday, 20 May 2025")."""
    return furniture().weekdays


def is_contact(line: str) -> bool:
    """True for a line that is only an e-mail address or phone number, with or without a label."""
    email = "@" in line and _EMAIL.search(line) is not None
    if not email and _PHONE.search(line) is None:
        return False  # most lines: the text of the page
    if furniture().contact_line.match(line):
        return True
    rest = _PHONE.sub("", _EMAIL.sub("", line) if email else line).strip(" ,;:/")
    return rest == "" and (email or _is_bare_phone(line))


def _is_bare_phone(line: str) -> bool:
    """A phone number without a label: international form or at least ten digits.

    A bare `30.06.2021` date line has eight digits and must not count.
    """
    digits = sum(c.isdigit() for c in line)
    return bool(_PHONE.search(line)) and (line.lstrip().startswith("+") or digits >= 10)


def is_signature(line: str) -> bool:
    """True for a short line naming a press service or press secretary (no sentence ending)."""
    words = line.split()
    if not words or len(words) > _SIGNATURE_MAX_WORDS or line.rstrip().endswith((".", "!", "?")):
        return False
    folded = line.casefold()
    return any(w in folded for w in furniture().signature_words)


def strip_inline(line: str) -> tuple[str, list[tuple[str, int, int]]]:
    """Remove placeholders, bracketed link texts and trailing markers inside a line; return the
    rest and what went."""
    removed: list[tuple[str, int, int]] = []
    for m in _PLACEHOLDER.finditer(line):
        removed.append((m.group(), m.start(), m.end()))
    for m in furniture().bracketed_links.finditer(line):
        removed.append((m.group().strip(), m.start(), m.end()))
    for marker in furniture().inline_markers:
        pos = line.rfind(marker)
        if pos > 0 and line[pos + len(marker) :].strip() == "":
            removed.append((marker, pos, pos + len(marker)))
    if not removed:
        return line, []
    removed.sort(key=lambda r: r[1])
    kept: list[str] = []
    cursor = 0
    for _, start, end in removed:
        if start >= cursor:
            kept.append(line[cursor:start])
            cursor = end
    kept.append(line[cursor:])
    return re.sub(r"\s{2,}", " ", "".join(kept)).strip(), removed
