"""Split a cleaned page into stories: the main story and any sidebar items glued to it.

The cleaned text is a sequence of paragraphs. A new story starts at a date line, at a
headline-like paragraph after a story body (unless it is a sub-heading: undated, and the text
after it does not open with a date), and at a paragraph that opens with its own date after the
body of a story without a headline (a run of dated teasers). Three or more headline-like
paragraphs in a row are a list of links: each is a story of its own. The last paragraph of a
page is text, never a headline, since pages are often cut off mid-sentence.

Each story gets its date from, in order: its date line, its headline's date, the first date of
its first paragraph, and (for the main story) the page's date; a date without a year takes
the year of the page or, failing that, of the nearest dated story of the page. The one story
with a headline among teasers without one is the main story; otherwise the longest, unless
every story is teaser-sized, which is what a page of sidebar items looks like.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from pressgraph.clean.furniture import date_labels, weekdays
from pressgraph.clean.shape import date_line, ends_strongly, looks_like_headline
from pressgraph.extract.dates import DateMention, find_dates, trailing_date
from pressgraph.records import Story

_PARAGRAPH = re.compile(r"[^\n](?:.|\n(?!\n))*")
# Below this many words every story of a multi-story page looks like a teaser.
_TEASER_MAX_WORDS = 120
# A list of links: at least this many headline-like paragraphs in a row.
_LINK_LIST_MIN = 3
# The longest story is the main one only when it is this many times longer than the next.
_MAIN_LEAD = 1.5
# A page's last paragraph of at most this many words under a date line may be a title.
_LAST_TITLE_MAX_WORDS = 25
# Where a paragraph's own date may stand: after at most this many words ("On Tuesday, ...",
# "VIENNA, 31 May 2017 -", "From 25 to 27 July").
_LEAD_MAX_WORDS_BEFORE = 3
_LEAD_WORDS = frozenset({"on", "from", "in", "since", "between", "by"})

Span = tuple[int, int]


@dataclass
class _Draft:
    date: str | None = None
    date_source: str | None = None
    headline: tuple[str, int, int] | None = None
    body: list[Span] = field(default_factory=list)
    after_body: bool = False  # opened by a bare headline right after another story's body
    link: bool = False  # a headline of a list of links, its own body
    dated_first: bool = False  # its date line stood above its headline

    @property
    def empty(self) -> bool:
        return self.headline is None and not self.body and self.date is None


def _paragraphs(text: str) -> list[Span]:
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]


# Any date: lets a date without a year be seen where the page gives no year.
_PROBE = dt.date(2000, 1, 1)


def opens_with_date(par: str) -> bool:
    """Whether a paragraph opens with its own date, with or without a year ("Today" and
    "On Monday" are the story's own days, not a new story's)."""
    found = opening_date(par, _PROBE)
    return found is not None and any(c.isdigit() for c in found.text)


def opening_date(par: str, anchor: dt.date | None) -> DateMention | None:
    """The date a paragraph opens with ("On 13 July, ...", "From 25 to 27 July ...",
    "VIENNA, 31 May 2017 - ...", "December 2023 - ..."), or None."""
    for found in find_dates(par[:160], anchor=anchor):
        before = par[: found.start]
        words = [w.strip(",.:()–—-").casefold() for w in before.split()]
        words = [w for w in words if w and w not in _LEAD_WORDS]
        if len(words) > _LEAD_MAX_WORDS_BEFORE or any(not _dateline_word(w) for w in words):
            return None
        if found.precision == "day" or _dash_after(par, found.end):
            return found
        return None
    return None


def _dateline_word(word: str) -> bool:
    """A word that may stand before a paragraph's opening date: a weekday, a place in capitals
    ("VIENNA"), "Tuesday"."""
    return word.isalpha() and (word.upper() == word or word.capitalize() == word or len(word) > 2)


def _dash_after(par: str, end: int) -> bool:
    return par[end : end + 4].lstrip()[:1] in ("-", "–", "—")


_SALUTATION_MAX_WORDS = 8
_LIST_ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]|[-–—•*▪●])")


@dataclass(frozen=True)
class _Par:
    """A paragraph of the page, what it looks like, and its date if it is a date line."""

    start: int
    end: int
    kind: str  # date | head | link | deck | body
    date: DateMention | None = None
    glued: tuple[str, DateMention] | None = None


class _Splitter:
    """Walks the paragraphs of a page and opens a draft story where a new story starts."""

    def __init__(self, text: str, anchor: dt.date | None) -> None:
        self.text = text
        self.anchor = anchor
        self.labels = date_labels()
        self.weekdays = weekdays()
        self.drafts = [_Draft()]

    def split(self) -> list[_Draft]:
        pars = self._classify(_paragraphs(self.text))
        teasers = _teaser_region(self.text, pars)
        for n, par in enumerate(pars):
            self._paragraph(par, teaser=n in teasers)
        return self.drafts

    def _classify(self, spans: list[Span]) -> list[_Par]:
        """Each paragraph's kind; a run of three or more headlines is a list of links, and a
        second headline right under the first is its deck (text of the story)."""
        pars = [self._kind(s, e, last=n == len(spans) - 1) for n, (s, e) in enumerate(spans)]
        if len(pars) >= 2 and pars[-2].kind == "date" and self._dated_title(pars[-1]):
            pars[-1] = _Par(pars[-1].start, pars[-1].end, "link")  # a dated headline, no text
        n = 0
        while n < len(pars):
            m = n
            while m < len(pars) and pars[m].kind == "head":
                m += 1
            if m - n >= _LINK_LIST_MIN:
                pars[n:m] = [_Par(p.start, p.end, "link", glued=p.glued) for p in pars[n:m]]
            elif m - n == 2:
                pars[n + 1] = _Par(pars[n + 1].start, pars[n + 1].end, "deck")
            n = max(m, n + 1)
        return pars

    def _kind(self, start: int, end: int, *, last: bool) -> _Par:
        par = self.text[start:end]
        dated = date_line(par, self.anchor, self.labels, self.weekdays)
        if dated is None and self.anchor is None:
            probe = date_line(par, _PROBE, self.labels, self.weekdays)
            if probe is not None:
                return _Par(start, end, "date")
        if dated is not None:
            return _Par(start, end, "date", dated)
        if last or ends_strongly(par) or _LIST_ITEM.match(par):
            return _Par(start, end, "body")
        glued = trailing_date(par)
        if looks_like_headline(glued[0] if glued else par):
            return _Par(start, end, "head", glued=glued)
        return _Par(start, end, "body")

    def _dated_title(self, par: _Par) -> bool:
        """A page's last paragraph under a date line that is a title, not cut-off text."""
        text = self.text[par.start : par.end]
        return (
            looks_like_headline(text)
            and len(text.split()) <= _LAST_TITLE_MAX_WORDS
            and not opens_with_date(text)
        )

    def _new(self, *, after_body: bool = False) -> _Draft:
        self.drafts.append(_Draft(after_body=after_body))
        return self.drafts[-1]

    def _paragraph(self, par: _Par, *, teaser: bool) -> None:
        cur = self.drafts[-1]
        if par.kind == "date":
            self._date(cur, par.date)
        elif par.kind == "link":
            cur = cur if not cur.body and cur.headline is None else self._new()
            self._headline(cur, par)
            cur.link = True
            cur.body.append((par.start, par.end))
            self._new()
        elif par.kind == "head" and not self._sealed(cur):
            self._headline(cur, par)
        else:
            self._body(cur, par, teaser=teaser)

    def _sealed(self, cur: _Draft) -> bool:
        """A headline with its date line and no text yet: what follows is its text."""
        return cur.headline is not None and cur.date_source == "dateline" and not cur.body

    def _body(self, cur: _Draft, par: _Par, *, teaser: bool) -> None:
        text = self.text[par.start : par.end]
        after_salutation = bool(cur.body) and _salutation(
            self.text[cur.body[-1][0] : cur.body[-1][1]]
        )
        teaser = teaser and _has_own_date(text)
        if cur.body and (teaser or self._opens_teaser(cur, text)) and not after_salutation:
            if cur.headline is not None and not teaser:
                self._split_off_headline(cur)
            cur = self._new()
        cur.body.append((par.start, par.end))

    def _opens_teaser(self, cur: _Draft, text: str) -> bool:
        """A paragraph with its own date after a one-paragraph story without a headline, or
        after a headline with one dated paragraph: a new dated teaser. (An article's later
        paragraph that opens with a date stays in it.)"""
        if not opens_with_date(text) or len(cur.body) != 1:
            return False
        first = self.text[cur.body[0][0] : cur.body[0][1]]
        return cur.headline is None or opens_with_date(first)

    def _split_off_headline(self, cur: _Draft) -> None:
        """The headline over one teaser among teasers is a headline-only item of the list."""
        assert cur.headline is not None
        link = _Draft(headline=cur.headline, link=True)
        link.body = [(cur.headline[1], cur.headline[2])]
        self.drafts.insert(len(self.drafts) - 1, link)
        cur.headline = None

    def _date(self, cur: _Draft, dated: DateMention | None) -> None:
        if cur.headline is not None and not cur.body and cur.date is not None:
            if not cur.dated_first:
                return  # a second date under a headline ("Last updated ...")
            cur.link = True  # a dated headline with no text, then the next item's date
            cur.body = [(cur.headline[1], cur.headline[2])]
        if cur.body or cur.date is not None:
            cur = self._new()
        cur.dated_first = cur.headline is None
        if dated is not None:
            cur.date, cur.date_source = dated.value, "dateline"
        else:
            cur.date_source = "dateline"

    def _headline(self, cur: _Draft, par: _Par) -> None:
        if cur.body:
            cur = self._new(after_body=True)
        cur.headline = _headline_span(self.text, par.start, par.end, par.glued)
        if par.glued is not None and cur.date is None:
            cur.date, cur.date_source = par.glued[1].value, "headline"


def _has_own_date(text: str) -> bool:
    """Whether a paragraph states a day of its own (with or without a year)."""
    return any(
        m.precision == "day" and any(c.isdigit() for c in m.text)
        for m in find_dates(text, anchor=_PROBE)
    )


def _salutation(text: str) -> bool:
    """A short line that opens a letter or a speech ("Dear colleagues!", "Excellencies,")."""
    return len(text.split()) <= _SALUTATION_MAX_WORDS and text.rstrip().endswith(("!", ","))


def _teaser_region(text: str, pars: list[_Par]) -> set[int]:
    """Paragraphs above the page's first headline that may each be a teaser of their own (those
    that state their own day are): a run of short texts, one of them opening with its own
    date, above a headline whose story is at least as long as any of them (the page's main
    story, not one more sidebar item)."""
    words = [len(text[p.start : p.end].split()) for p in pars]
    first = next((n for n, p in enumerate(pars) if p.kind in ("head", "link")), None)
    if first is None:
        return set()
    region = [n for n in range(first) if pars[n].kind == "body"]
    story = 0
    for n in range(first + 1, len(pars)):
        if pars[n].kind == "date" and story == 0:
            continue  # the headline's own date line
        if pars[n].kind not in ("body", "deck"):
            break
        story += words[n]
    if (
        len(region) < 2
        or any(words[n] > _TEASER_MAX_WORDS for n in region)
        or story < max(words[n] for n in region)
        or not any(opens_with_date(text[pars[n].start : pars[n].end]) for n in region)
    ):
        return set()
    return set(region)


def _drop_empty(drafts: list[_Draft]) -> list[_Draft]:
    """Drafts with text; a page title above the headline has none."""
    return [d for d in drafts if d.body]


def _join_subheadings(text: str, drafts: list[_Draft], anchor: dt.date | None) -> list[_Draft]:
    """A bare headline after a story body, whose text does not open with a date, is a
    sub-heading of that story ("Results of the meeting"): its draft joins the one before."""
    joined: list[_Draft] = []
    for d in drafts:
        heading = d.headline
        if (
            joined
            and d.after_body
            and d.date is None
            and heading is not None
            and not joined[-1].link
            and not opens_with_date(text[d.body[0][0] : d.body[0][1]])
        ):
            joined[-1].body.extend([(heading[1], heading[2]), *d.body])
        else:
            joined.append(d)
    return joined


def _headline_span(
    text: str, start: int, end: int, dated: tuple[str, DateMention] | None
) -> tuple[str, int, int]:
    """The headline text and span, without a date glued to either end."""
    if dated is None or _written_after_comma(text[start:end], dated):
        return text[start:end], start, end
    head = dated[0]
    offset = text.find(head, start, end)
    if offset < 0:
        return head, start, end
    return head, offset, offset + len(head)


def _written_after_comma(par: str, dated: tuple[str, DateMention]) -> bool:
    """A date written out after a comma ("..., October 7, 2020") is part of the title's wording,
    not a date a site glued on."""
    head, date = dated
    if not par.startswith(head) or not date.text[:1].isalpha():
        return False
    return "," in par[len(head) : date.start]


def _choose_main(drafts: list[_Draft], sizes: list[int]) -> int | None:
    """Index of the main story: the only story that is not a link or a teaser among them (one
    headed story among unheaded teasers, one text under a list of links), else the longest
    one when it is clearly the longest, or None when all stories look like sidebar items. One
    unheaded story longer than the one headed story is an article with a sidebar item."""
    if not sizes:
        return None
    if len(sizes) == 1:
        return 0
    texts = [i for i, d in enumerate(drafts) if not d.link]
    if len(texts) == 1 and len(texts) < len(drafts):
        return texts[0]
    headed = [i for i in texts if drafts[i].headline is not None]
    unheaded = [sizes[i] for i in texts if drafts[i].headline is None]
    if len(headed) == 1 and (len(unheaded) >= 2 or sizes[headed[0]] >= max(unheaded, default=0)):
        return headed[0]
    order = sorted(range(len(sizes)), key=lambda i: (-sizes[i], i))
    first, second = sizes[order[0]], sizes[order[1]]
    if first < _TEASER_MAX_WORDS or first < _MAIN_LEAD * second:
        return None
    return order[0]


def _lead_date(text: str, d: _Draft, anchor: dt.date | None) -> str | None:
    """The first date of a story's first paragraph (the start of a range; a month alone only
    at the very start, dateline style)."""
    start, end = d.body[0]
    par = text[start:end]
    opening = opening_date(par, anchor)
    if opening is not None:
        return opening.value
    if opens_with_date(par):
        return None  # its own date has no year here: the nearest dated story gives one
    for found in find_dates(par, anchor=anchor):
        if found.precision == "day" and not (found.relative and anchor is None):
            return found.value
    return None


def _dates(text: str, drafts: list[_Draft], anchor: dt.date | None, main: int | None) -> None:
    """Date every draft: date line, headline; then the page date for the main story; then
    the first date of its first paragraph or of its headline. Dates without a year take it
    from the page or, failing that, from the nearest dated story."""
    for i, d in enumerate(drafts):
        if d.date is None and anchor is not None and i == main:
            d.date, d.date_source = anchor.isoformat(), "metadata"
        if d.date is None and not d.link:
            d.date = _lead_date(text, d, anchor) or _headline_date(d, anchor)
            d.date_source = "lead" if d.date else None
    if anchor is not None:
        return
    for i, d in enumerate(drafts):
        near = _nearest_date(drafts, i) if d.date is None and not d.link and i != main else None
        if near is not None:
            d.date = _lead_date(text, d, near) or _headline_date(d, near)
            d.date_source = "lead" if d.date else None


def _headline_date(d: _Draft, anchor: dt.date | None) -> str | None:
    """The first day-precise date written in the headline ("... held in Moscow on 19-20
    February 2019")."""
    if d.headline is None:
        return None
    for found in find_dates(d.headline[0], anchor=anchor):
        if found.precision == "day" and not found.relative:
            return found.value
    return None


def _nearest_date(drafts: list[_Draft], i: int) -> dt.date | None:
    """The date of the nearest story before (else after) story i that has a full date."""
    order = [*range(i - 1, -1, -1), *range(i + 1, len(drafts))]
    for j in order:
        value = drafts[j].date
        if value is not None and len(value) == 10:
            return dt.date.fromisoformat(value)
    return None


def split_stories(
    text: str, *, published: str | None = None, title: str | None = None
) -> list[Story]:
    """Split a cleaned page text into dated stories with offsets into that text."""
    anchor = _anchor(published)
    drafts = _drop_empty(_Splitter(text, anchor).split())
    drafts = _join_subheadings(text, drafts, anchor)
    sizes = [sum(len(text[s:e].split()) for s, e in d.body) for d in drafts]
    main = _choose_main(drafts, sizes)
    _dates(text, drafts, anchor, main)
    stories = []
    for i, d in enumerate(drafts):
        headline: tuple[str, int | None, int | None] | None = d.headline
        if headline is None and title and i == main:
            headline = (title, None, None)
        stories.append(
            Story(
                index=i,
                start=d.body[0][0],
                end=d.body[-1][1],
                headline=headline[0] if headline else None,
                headline_start=headline[1] if headline else None,
                headline_end=headline[2] if headline else None,
                date=d.date,
                date_source=d.date_source,
                main=i == main,
            )
        )
    return stories


def _anchor(published: str | None) -> dt.date | None:
    """The page date as a `date`, to resolve dates without a year; None when unknown."""
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None
