"""Read Russian translation leftovers (MT, OSH, IWC) in English stories: context rules kept in
leftovers.yml decide whether a token is the leftover or the same letters meaning something else.

"combating MT" is international terrorism, "the head of the OSH" the CSTO Joint Staff and "the
IWC Regional Delegation" the ICRC; "the tanker MT Sea Star", "OSH region" or an IWC that talks
about whaling are left alone. Sentence bounds come from a small splitter that knows honorifics
and initials ("Mr. V. Voronkov"); it is only used to keep the rules inside one sentence.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from pressgraph.errors import DataError
from pressgraph.nlp.gazetteer import load_data_file, organizations, require_mapping

__all__ = ["ContextRule", "Leftover", "LeftoverReading", "find_leftovers", "leftovers"]

_SOURCE = "leftovers.yml"


@dataclass(frozen=True)
class LeftoverReading:
    """One leftover token in a story, read either as an organization or as a topic."""

    token: str
    start: int
    end: int
    org_id: str | None  # gazetteer id when it reads as an organization
    topic: str | None  # e.g. "international terrorism"


@dataclass(frozen=True)
class ContextRule:
    """Conditions around one occurrence; the rule holds when every stated condition holds."""

    preceded_by: tuple[tuple[str, ...], ...] = ()
    followed_by: tuple[tuple[str, ...], ...] = ()
    window: int = 1
    sentence_has: tuple[tuple[str, ...], ...] = ()
    text_has: tuple[tuple[str, ...], ...] = ()
    number_before: bool = False
    capitalized_after: bool = False


@dataclass(frozen=True)
class Leftover:
    """A leftover token, its reading, and the rules that confirm (`when`) or veto (`unless`) it."""

    token: str
    org_id: str | None
    topic: str | None
    when: tuple[ContextRule, ...]
    unless: tuple[ContextRule, ...]


@dataclass(frozen=True)
class _Context:
    """The words around one occurrence, lowercased; `sentence` and `text` are space-padded."""

    before: tuple[str, ...]
    after: tuple[str, ...]
    sentence: str
    text: str
    capitalized_after: bool


# --- finding -----------------------------------------------------------------------------------


def find_leftovers(text: str) -> list[LeftoverReading]:
    """Every leftover token in `text` whose context confirms its Russian reading, in text order."""
    known = leftovers()
    if not known:
        return []
    sentences = _sentence_spans(text)
    starts = [start for start, _ in sentences]
    text_words = _padded(_words(text))
    readings: list[LeftoverReading] = []
    for match in _token_pattern().finditer(text):
        leftover = known[match.group()]
        sentence = sentences[bisect.bisect_right(starts, match.start()) - 1]
        context = _context(text, match.start(), match.end(), sentence, text_words)
        if _confirmed(leftover, context):
            readings.append(
                LeftoverReading(
                    match.group(), match.start(), match.end(), leftover.org_id, leftover.topic
                )
            )
    return readings


def _confirmed(leftover: Leftover, context: _Context) -> bool:
    """Some `when` rule holds and no `unless` rule does."""
    if any(_holds(rule, context) for rule in leftover.unless):
        return False
    return any(_holds(rule, context) for rule in leftover.when)


def _holds(rule: ContextRule, context: _Context) -> bool:
    """Every condition the rule states holds in `context`."""
    window = rule.window
    checks = (
        not rule.preceded_by
        or any(_ends_near(context.before, p, window) for p in rule.preceded_by),
        not rule.followed_by
        or any(_starts_near(context.after, p, window) for p in rule.followed_by),
        not rule.sentence_has or any(_padded(p) in context.sentence for p in rule.sentence_has),
        not rule.text_has or any(_padded(p) in context.text for p in rule.text_has),
        not rule.number_before or (bool(context.before) and context.before[-1].isdigit()),
        not rule.capitalized_after or context.capitalized_after,
    )
    return all(checks)


def _ends_near(words: tuple[str, ...], phrase: tuple[str, ...], window: int) -> bool:
    """`phrase` ends within the last `window` words of `words`."""
    size, total = len(phrase), len(words)
    return any(
        words[total - skip - size : total - skip] == phrase
        for skip in range(window)
        if total - skip - size >= 0
    )


def _starts_near(words: tuple[str, ...], phrase: tuple[str, ...], window: int) -> bool:
    """`phrase` starts within the first `window` words of `words`."""
    return any(words[skip : skip + len(phrase)] == phrase for skip in range(window))


# --- words and sentences -------------------------------------------------------------------------

_WORD = re.compile(r"\w+(?:['’]\w+)*")
_CAPITALIZED_NEXT = re.compile(r"[ \t]+(\w)")
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’»)]*\s+|\n\s*")
# A period after these is not a sentence end: "Mr. Valery Semerikov", "V. Voronkov".
_NOT_AN_END = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Col|Lt|Maj|Capt|No|vs|etc|e\.g|i\.e)|\b[A-ZА-ЯЁ])\.$"
)
_LONGEST_NOT_AN_END = 8  # characters: "Capt." and a line break; \b still sees the one before


def _words(text: str) -> tuple[str, ...]:
    """The lowercased words of `text`; hyphens and punctuation split words."""
    return tuple(word.casefold() for word in _WORD.findall(text))


def _padded(words: tuple[str, ...]) -> str:
    """Words joined with a space before, between and after, for whole-word containment tests."""
    return f" {' '.join(words)} "


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`, in order and covering all of it."""
    spans: list[tuple[int, int]] = []
    start = 0
    for boundary in _BOUNDARY.finditer(text):
        if _ends_sentence(text, boundary):
            spans.append((start, boundary.start()))
            start = boundary.end()
    spans.append((start, len(text)))
    return spans


def _ends_sentence(text: str, boundary: re.Match[str]) -> bool:
    """A line break always ends a sentence; a period only before a non-lowercase word."""
    if boundary.group().startswith("\n"):
        return True
    if text[boundary.end() : boundary.end() + 1].islower():
        return False
    end = boundary.start() + 1  # a match ends here and is a few characters long ("Capt.")
    return not _NOT_AN_END.search(text, max(0, end - _LONGEST_NOT_AN_END), end)


def _context(
    text: str, start: int, end: int, sentence: tuple[int, int], text_words: str
) -> _Context:
    """The words around text[start:end] inside its sentence, and the whole text's words."""
    sentence_start, sentence_end = sentence
    next_word = _CAPITALIZED_NEXT.match(text, end, sentence_end)
    return _Context(
        before=_words(text[sentence_start:start]),
        after=_words(text[end:sentence_end]),
        sentence=_padded(_words(text[sentence_start:sentence_end])),
        text=text_words,
        capitalized_after=bool(next_word and next_word.group(1).isupper()),
    )


# --- loading -------------------------------------------------------------------------------------

_LEFTOVER_FIELDS = ("token", "reading", "when", "unless")
_RULE_FIELDS = (
    "preceded_by",
    "followed_by",
    "window",
    "sentence_has",
    "text_has",
    "number_before",
    "capitalized_after",
)


@lru_cache(maxsize=1)
def leftovers() -> dict[str, Leftover]:
    """The leftovers of leftovers.yml by token; their organization ids must be in the gazetteer."""
    return _parse_leftovers(load_data_file(_SOURCE), frozenset(organizations()))


@lru_cache(maxsize=1)
def _token_pattern() -> re.Pattern[str]:
    """One case-sensitive whole-word pattern for every leftover token, longest first."""
    tokens = sorted(leftovers(), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, tokens)) + r")(?!\w)")


def _parse_leftovers(raw: object, org_ids: frozenset[str]) -> dict[str, Leftover]:
    """All entries of leftovers.yml by token; repeated tokens raise DataError."""
    if not isinstance(raw, list):
        raise DataError(f"{_SOURCE}: expected a list of entries (`- token: ...`)")
    parsed: dict[str, Leftover] = {}
    for position, item in enumerate(raw, start=1):
        leftover = _parse_leftover(item, position, org_ids)
        if leftover.token in parsed:
            raise DataError(f"{_SOURCE}: token {leftover.token!r} is listed twice; merge them")
        parsed[leftover.token] = leftover
    return parsed


def _parse_leftover(raw: object, position: int, org_ids: frozenset[str]) -> Leftover:
    """One validated entry: a word token, a reading, at least one `when` rule."""
    entry = require_mapping(raw, f"{_SOURCE} entry #{position}", _LEFTOVER_FIELDS)
    token = entry.get("token")
    if not isinstance(token, str) or not re.fullmatch(r"\w+", token):
        raise DataError(f"{_SOURCE} entry #{position}: `token` must be one word, got {token!r}")
    where = f"{_SOURCE} entry {token!r}"
    org_id, topic = _reading(entry.get("reading"), where, org_ids)
    when = _rules(entry.get("when"), f"{where} `when`")
    if not when:
        raise DataError(f"{where}: `when` needs at least one rule, or the token is never read")
    return Leftover(token, org_id, topic, when, _rules(entry.get("unless"), f"{where} `unless`"))


def _reading(raw: object, where: str, org_ids: frozenset[str]) -> tuple[str | None, str | None]:
    """(org_id, None) for an organization id, (None, topic) for `{topic: ...}`."""
    if isinstance(raw, str):
        if raw not in org_ids:
            raise DataError(f"{where}: reading {raw!r} is not an id in organizations.yml")
        return raw, None
    topic = require_mapping(raw, f"{where} reading", ("topic",)).get("topic")
    if not isinstance(topic, str) or not topic.strip():
        raise DataError(f"{where}: `reading` must be an organization id or {{topic: <text>}}")
    return None, topic.strip()


def _rules(raw: object, where: str) -> tuple[ContextRule, ...]:
    """A list of rules (missing or null means none)."""
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise DataError(f"{where}: expected a list of rules (`- preceded_by: [...]`)")
    return tuple(_rule(item, f"{where} rule #{n}") for n, item in enumerate(raw, start=1))


def _rule(raw: object, where: str) -> ContextRule:
    """One rule; it must state at least one condition and a positive window."""
    entry = require_mapping(raw, where, _RULE_FIELDS)
    rule = ContextRule(
        preceded_by=_phrases(entry.get("preceded_by"), f"{where} `preceded_by`"),
        followed_by=_phrases(entry.get("followed_by"), f"{where} `followed_by`"),
        window=_window(entry.get("window", 1), where),
        sentence_has=_phrases(entry.get("sentence_has"), f"{where} `sentence_has`"),
        text_has=_phrases(entry.get("text_has"), f"{where} `text_has`"),
        number_before=_flag(entry.get("number_before", False), f"{where} `number_before`"),
        capitalized_after=_flag(
            entry.get("capitalized_after", False), f"{where} `capitalized_after`"
        ),
    )
    if rule == ContextRule(window=rule.window):
        raise DataError(f"{where}: states no condition; add one or remove the rule")
    return rule


def _window(raw: object, where: str) -> int:
    """A positive whole number of words."""
    if not isinstance(raw, int) or isinstance(raw, bool) or raw < 1:
        raise DataError(f"{where}: `window` must be a whole number of words >= 1, got {raw!r}")
    return raw


def _flag(raw: object, where: str) -> bool:
    """true or false, nothing else."""
    if not isinstance(raw, bool):
        raise DataError(f"{where} takes true or false, got {raw!r}")
    return raw


def _phrases(raw: object, where: str) -> tuple[tuple[str, ...], ...]:
    """A list of phrases as tuples of lowercased words."""
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(p, str) and _words(p) for p in raw):
        raise DataError(f"{where}: expected a list of words or phrases, got {raw!r}")
    return tuple(_words(phrase) for phrase in raw)
