"""A headline kept apart from its story names the story's event: "III Meeting of the heads of
the national anti-terrorism centers" over "The meeting was attended by ...". The first event
of the story that the text calls only by its noun ("the meeting", "this workshop") takes the
headline's title of that kind as its name, and its number."""

from __future__ import annotations

import re

from pressgraph.extract.dates import find_dates
from pressgraph.extract.events.draft import Draft
from pressgraph.extract.events.lexicon import Lexicon
from pressgraph.extract.events.nouns import ordinal_in
from pressgraph.extract.events.story import Story

_LEAD_IN = re.compile(r"\b(?:of|in|about|on|at|for)[^\S\n]+(?:the|an?)[^\S\n]+", re.IGNORECASE)
_TAIL = re.compile(r"[^\S\n]+[-–—][^\S\n]+.*$|[^\S\n]*\([^()]*\)[^\S\n]*$")
_WORD = re.compile(r"\w+")
_BARE_WORDS = 2  # a name this short ("meeting", "this workshop") says only the noun


def name_from_headline(story: Story, drafts: list[Draft]) -> None:
    """Give the first barely named event the headline's title of its kind."""
    headline = story.headline
    if not headline:
        return
    for draft in drafts:
        if not _bare(story.lex, draft):
            continue
        title = _title(story.lex, headline, draft.kind)
        if title is not None:
            draft.label = title
            draft.number = draft.number or ordinal_in(story.lex, title)
            _date_from(story, draft, headline)
        return


def _date_from(story: Story, draft: Draft, headline: str) -> None:
    """The one day the headline gives ("... held in Moscow on 19-20 February 2019")."""
    days = [m for m in find_dates(headline, anchor=story.anchor) if m.precision == "day"]
    if draft.start is None and len({(m.value, m.end_value) for m in days}) == 1:
        draft.start, draft.end = days[0].value, days[0].end_value or days[0].value


def _bare(lex: Lexicon, draft: Draft) -> bool:
    """Whether the event is called only by its noun ("meeting", "the get-together")."""
    words = [w.lower() for w in _WORD.findall(draft.label or "")]
    nouns = {w for w in words if w in lex.noun_words or w in lex.generic}
    return draft.name is None and len(words) <= _BARE_WORDS and len(nouns) == len(words)


def _title(lex: Lexicon, headline: str, kind: str) -> str | None:
    """The phrase of the headline that names an event of this kind: from the last "of the",
    "in the" before its noun (or the start) to the end, without a trailing "- Brussels" or
    "(Minsk)"."""
    group = lex.kind_group.get(kind, kind)
    noun = next((m for m in _WORD.finditer(headline) if _of_group(lex, m.group(), group)), None)
    if noun is None:
        return None
    leads = list(_LEAD_IN.finditer(headline, 0, noun.start()))
    start = leads[-1].end() if leads else 0
    end = next(
        (m.start() for m in _WORD.finditer(headline, noun.end()) if m.group() in lex.event_verbs),
        len(headline),
    )  # "... Member-States held in Moscow on 19-20 February": not the name
    title = _TAIL.sub("", headline[start:end]).strip(" .,:;")
    return title or None


def _of_group(lex: Lexicon, word: str, group: str) -> bool:
    """Whether a word is an event noun of a kind of this group."""
    return any(lex.kind_group.get(k, k) == group for _, k, _ in lex.nouns.get(word.lower(), ()))
