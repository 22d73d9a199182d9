"""Merge the events that several stories report into one event each.

Two story events are one event when they are of the same kind, their dates overlap (a range
overlapping a single day counts; "2021-06" covers its days), their places agree (the same, or
one unknown), and they carry the same name (compared without case, quotes or articles) or the
same people (at least two shared participants, or the one participant one of them names: a
host who meets two guests on one day at one place has two meetings).

A wrong merge is worse than two records, so:

- an event without a date never merges;
- two events of one story never merge (the extractor already joined what one story says);
- a group only grows while all its members still share a day, one place and no story: a
  story giving "June 28-30" does not join a meeting of June 28 to another of June 30.

Candidates are compared only inside blocks of (kind, month), so the cost is near-linear. Pairs
are taken in a fixed order (strongest evidence first, then by key) and the event id is the
smallest candidate key of the group, so neither the grouping nor the ids depend on the order
the candidates come in.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations

__all__ = [
    "EventCandidate",
    "may_merge",
    "may_overlap",
    "merge_events",
    "merge_keys",
    "neighbour_keys",
]

SHORT = 7  # days: an event over fewer is keyed by its days, a longer one by its months
_NOISE = re.compile(r"[^\w\s-]+")
_ARTICLES = frozenset({"the", "a", "an"})
_QUOTES = ('"', "“", "”", "«", "»")


@dataclass(frozen=True)
class EventCandidate:
    """One event as one story tells it, with its place and people as resolved entity ids."""

    key: str
    story: str
    kind: str
    name: str | None
    start: str | None  # YYYY-MM-DD, YYYY-MM or YYYY
    end: str | None
    place: str | None  # resolved entity id
    participants: frozenset[str]  # resolved entity ids


@dataclass(frozen=True)
class _Dated:
    cand: EventCandidate
    first: dt.date
    last: dt.date
    name: tuple[str, ...] | None


@dataclass
class _Group:
    """A growing event: the day range all members share, their place and stories."""

    keys: list[str]
    first: dt.date
    last: dt.date
    place: str | None
    stories: set[str]


def merge_events(candidates: Sequence[EventCandidate]) -> dict[str, str]:
    """Candidate key -> event id; the same event from several stories is one event."""
    _check_unique(candidates)
    dated = {c.key: d for c in candidates if (d := _dated(c)) is not None}
    groups = {
        c.key: _Group([c.key], *_bounds(dated.get(c.key)), c.place, {c.story}) for c in candidates
    }
    for _, a, b in sorted(_matches(dated)):
        ga, gb = groups[a], groups[b]
        if ga is not gb and _can_join(ga, gb):
            _join(groups, ga, gb)
    _attach_undated_by_name(candidates, dated, groups)
    return {key: f"event:{min(group.keys)}" for key, group in groups.items()}


def merge_keys(kind: str, name: str | None, start: str | None, end: str | None) -> set[str]:
    """The keys a story event is compared under: each (kind, day) of a short event (at most
    SHORT days), else each (kind, month) its dates cover; and its (kind, name) as a dated
    event or, undated, as a name that identifies one. Two candidates can merge only when
    their days overlap, so one's keys meet the other's `neighbour_keys`: the candidates
    linked by keys to a new one are all a merge needs to see again. Days, not months, keep
    what a new event reads as few as the events of its own days, however full its months."""
    dated = _dated(EventCandidate("", "", kind, name, start, end, None, frozenset()))
    if dated is None:
        norm = _norm_name(name) if name and _identifies(name) else ()
        return {f"undated|{kind}|{' '.join(norm)}"} if norm else set()
    if (dated.last - dated.first).days < SHORT:
        keys = {f"day|{kind}|{day.isoformat()}" for day in _days(dated.first, dated.last)}
    else:
        keys = {f"month|{kind}|{year}-{month:02d}" for year, month in _months(dated)}
    if dated.name:
        keys.add(f"dated|{kind}|{' '.join(dated.name)}")
    return keys


def may_merge(a: EventCandidate, b: EventCandidate) -> bool:
    """Whether two candidates sharing a merge key can end in one event: a matching pair
    (groups join only along matching pairs), or an undated mention and a dated event of its
    name (whether it attaches depends on every dated event of that name)."""
    x, y = _dated(a), _dated(b)
    if x is None or y is None:
        return True
    return _strength(x, y) > 0


def may_overlap(a: EventCandidate, b: EventCandidate) -> bool:
    """`may_merge` before the entities are known: other stories, days that overlap (or a
    name link, for an undated one)."""
    x, y = _dated(a), _dated(b)
    if x is None or y is None:
        return True
    return a.story != b.story and not (x.last < y.first or y.last < x.first)


def neighbour_keys(keys: set[str]) -> set[str]:
    """The keys of the candidates one with `keys` may merge with: a day meets the same day
    and the month it is in (the long events, and what was keyed by month before day keys);
    a month meets the same month and each of its days; a dated name meets the undated
    mentions of it, and the other way round."""
    found: set[str] = set()
    for key in keys:
        head, _, rest = key.partition("|")
        kind, _, value = rest.partition("|")
        if head == "day":
            found |= {key, f"month|{kind}|{value[:7]}"}
        elif head == "month":
            year, month = (int(p) for p in value.split("-"))
            first = dt.date(year, month, 1)
            last = first.replace(day=calendar.monthrange(year, month)[1])
            found |= {key, *(f"day|{kind}|{d.isoformat()}" for d in _days(first, last))}
        else:
            found.add(("undated" if head == "dated" else "dated") + "|" + rest)
    return found


def _days(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    for n in range((last - first).days + 1):
        yield first + dt.timedelta(days=n)


def _attach_undated_by_name(
    candidates: Sequence[EventCandidate], dated: dict[str, _Dated], groups: dict[str, _Group]
) -> None:
    """An undated mention of a named event ('observed the exercise "Interaction-2023"') joins
    the one dated event of that kind and name, if there is exactly one and nothing conflicts.
    Only a name that identifies an event (quoted, or with a number: a year, an ordinal)
    does: "SCO summit" or "annual training course" name a kind of recurring event."""
    named: dict[tuple[str, tuple[str, ...]], list[_Group]] = {}
    for key, item in sorted(dated.items()):
        if item.name:
            target = named.setdefault((item.cand.kind, item.name), [])
            if groups[key] not in target:
                target.append(groups[key])
    for cand in sorted(candidates, key=lambda c: c.key):
        name = _norm_name(cand.name) if cand.name and _identifies(cand.name) else None
        if cand.key in dated or not name:
            continue
        targets = named.get((cand.kind, name), [])
        lone = groups[cand.key]
        if len(targets) == 1 and _can_join_undated(targets[0], lone):
            targets[0].keys += lone.keys
            targets[0].place = targets[0].place or lone.place
            targets[0].stories |= lone.stories
            groups[cand.key] = targets[0]


def _identifies(name: str) -> bool:
    """Whether a name singles one event out: quoted, or with a number in it."""
    return any(c.isdigit() for c in name) or any(q in name for q in _QUOTES)


def _can_join_undated(group: _Group, lone: _Group) -> bool:
    if group.place and lone.place and group.place != lone.place:
        return False
    return not group.stories & lone.stories


def _check_unique(candidates: Sequence[EventCandidate]) -> None:
    """Candidate keys identify candidates: a repeated key is a caller bug."""
    seen: set[str] = set()
    for cand in candidates:
        if cand.key in seen:
            raise ValueError(f"event candidate key {cand.key!r} is used twice; keys must be unique")
        seen.add(cand.key)


def _bounds(dated: _Dated | None) -> tuple[dt.date, dt.date]:
    """An undated candidate's group has an empty day range, so nothing can join it."""
    return (dated.first, dated.last) if dated else (dt.date.max, dt.date.min)


def _dated(cand: EventCandidate) -> _Dated | None:
    """The candidate's first and last possible day; None without a readable date."""
    first = _day(cand.start, last=False)
    last = _day(cand.end or cand.start, last=True)
    if first is None or last is None or last < first:
        return None
    name = _norm_name(cand.name) if cand.name else None
    return _Dated(cand, first, last, name or None)


def _day(value: str | None, *, last: bool) -> dt.date | None:
    """The first (or last) day a date of any precision covers: "2021-06" -> June 1 (30)."""
    if not value:
        return None
    try:
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 3:
            return dt.date(*parts)
        year, month = parts[0], parts[1] if len(parts) == 2 else (12 if last else 1)
        day = calendar.monthrange(year, month)[1] if last else 1
        return dt.date(year, month, day)
    except (ValueError, IndexError):
        return None


def _norm_name(name: str) -> tuple[str, ...]:
    words = _NOISE.sub(" ", name.casefold()).split()
    return tuple(w for w in words if w not in _ARTICLES)


def _months(dated: _Dated) -> Iterator[tuple[int, int]]:
    year, month = dated.first.year, dated.first.month
    while (year, month) <= (dated.last.year, dated.last.month):
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _matches(dated: dict[str, _Dated]) -> set[tuple[int, str, str]]:
    """(-strength, key, key) of every matching pair, found inside (kind, month) blocks."""
    blocks: dict[tuple[str, int, int], list[_Dated]] = {}
    for item in dated.values():
        for month in _months(item):
            blocks.setdefault((item.cand.kind, *month), []).append(item)
    found: set[tuple[int, str, str]] = set()
    for block in blocks.values():
        for x, y in combinations(sorted(block, key=lambda d: d.cand.key), 2):
            strength = _strength(x, y)
            if strength:
                found.add((-strength, x.cand.key, y.cand.key))
    return found


def _strength(x: _Dated, y: _Dated) -> int:
    """How strongly two candidates look like one event (0: they are not)."""
    a, b = x.cand, y.cand
    if a.story == b.story or x.last < y.first or y.last < x.first:
        return 0
    if a.place and b.place and a.place != b.place:
        return 0
    shared = len(a.participants & b.participants)
    smaller = min(len(a.participants), len(b.participants))
    # two people, or the one a story names: a host who meets two guests is two meetings
    by_people = shared >= 2 or shared == smaller == 1
    by_name = x.name is not None and x.name == y.name
    return (100 if by_name else 0) + (shared if by_people else 0)


def _can_join(ga: _Group, gb: _Group) -> bool:
    """Whether two groups can be one event: a shared day, one place, no story twice."""
    if ga.place and gb.place and ga.place != gb.place:
        return False
    return max(ga.first, gb.first) <= min(ga.last, gb.last) and not ga.stories & gb.stories


def _join(groups: dict[str, _Group], ga: _Group, gb: _Group) -> None:
    ga.keys += gb.keys
    ga.first, ga.last = max(ga.first, gb.first), min(ga.last, gb.last)
    ga.place = ga.place or gb.place
    ga.stories |= gb.stories
    for key in gb.keys:
        groups[key] = ga
