"""Events: a dated gold event is matched by its start date; an undated one by its name, else by
its kind and overlapping participants or place. Then kind, end, place, format, chair and
participants of each matched event are checked."""

from __future__ import annotations

import difflib
from typing import Any

from pressgraph.evaluate.describe import gold_event, name_of, pred_event, shown
from pressgraph.evaluate.entities import chair_match, entity_names, place_match
from pressgraph.evaluate.export import Record
from pressgraph.evaluate.gold import GoldEvent
from pressgraph.evaluate.lexicon import lexicon
from pressgraph.evaluate.matching import date_match, fold, same_person
from pressgraph.evaluate.results import Board
from pressgraph.evaluate.view import DocView

Hits = dict[int, Record]  # gold event index -> the predicted event matched to it


def _take(hits: Hits, used: set[Any], gi: int, event: Record) -> None:
    hits[gi] = event
    used.add(event["id"])


def _dated(
    gold: tuple[GoldEvent, ...], predicted: list[Record], hits: Hits, used: set[Any]
) -> None:
    """A dated gold event: the first unused predicted event with a matching start."""
    for gi, ge in enumerate(gold):
        if ge.start:
            hit = next(
                (
                    e
                    for e in predicted
                    if e["id"] not in used and date_match(e.get("start"), ge.start)
                ),
                None,
            )
            if hit:
                _take(hits, used, gi, hit)


def _assign(
    candidates: list[tuple[float, int, int]], predicted: list[Record], hits: Hits, used: set[Any]
) -> None:
    """Best candidates first, each gold and predicted event taken once."""
    for _, gi, pi in sorted(candidates):
        if gi not in hits and predicted[pi]["id"] not in used:
            _take(hits, used, gi, predicted[pi])


def _named(
    gold: tuple[GoldEvent, ...], predicted: list[Record], hits: Hits, used: set[Any]
) -> None:
    """An undated gold event: an unused predicted event whose name is similar (ratio > 0.7),
    most similar first."""
    candidates: list[tuple[float, int, int]] = []
    for gi, ge in enumerate(gold):
        if ge.start or not ge.name:
            continue
        for pi, e in enumerate(predicted):
            ratio = difflib.SequenceMatcher(None, fold(e.get("name")), fold(ge.name)).ratio()
            if e["id"] not in used and ratio > 0.7:
                candidates.append((-ratio, gi, pi))
    _assign(candidates, predicted, hits, used)


def _person_names(event: Record, view: DocView) -> list[list[str]]:
    parts = [view.ents.get(p.get("entity")) for p in event.get("participants") or []]
    return [entity_names(pe) for pe in parts if pe and pe.get("kind") == "person"]


def _overlap(ge: GoldEvent, event: Record, view: DocView) -> int:
    """How many gold participants the predicted event has, plus one for the same place."""
    names = _person_names(event, view)
    n = sum(1 for gp in ge.participants if any(same_person(pn, [gp]) for pn in names))
    return n + int(place_match(view.ents.get(event.get("place")), ge.place))


def _by_overlap(view: DocView, predicted: list[Record], hits: Hits, used: set[Any]) -> None:
    """An undated gold event with no name match: an unused predicted event of the same kind
    (meeting/session alike) whose participants or place overlap the gold's; largest first."""
    candidates: list[tuple[float, int, int]] = []
    for gi, ge in enumerate(view.gold.events):
        if gi in hits or ge.start:
            continue
        kinds = lexicon().event_kinds(ge.kind)
        for pi, e in enumerate(predicted):
            if e["id"] in used or e.get("kind") not in kinds:
                continue
            n = _overlap(ge, e, view)
            if n:
                candidates.append((-n, gi, pi))
    _assign(candidates, predicted, hits, used)


def _place_ok(ge: GoldEvent, hit: Record, view: DocView) -> bool:
    pe = view.ents.get(hit.get("place"))
    if not pe:
        return False
    return fold(ge.place) in {fold(n) for n in _raw_names(pe)}


def _raw_names(ent: Record) -> list[Any]:
    """Name (None when missing) and aliases, as the event place check reads them."""
    return [ent.get("name"), *(ent.get("aliases") or [])]


def _attributes(view: DocView, ge: GoldEvent, hit: Record, board: Board) -> None:
    what, file, ents = gold_event(ge), view.file, view.ents
    kinds = lexicon().event_kinds(ge.kind)
    board.check("event.kind", hit.get("kind") in kinds, file, what, ge.kind, shown(hit.get("kind")))
    if ge.end:
        ok = date_match(hit.get("end"), ge.end)
        board.check("event.end", ok, file, what, ge.end, shown(hit.get("end")))
    if ge.place:
        found = name_of(ents, hit.get("place"))
        board.check("event.place", _place_ok(ge, hit, view), file, what, ge.place, found)
    if ge.format:
        ok = hit.get("format") == ge.format
        board.check("event.format", ok, file, what, ge.format, shown(hit.get("format")))
    if ge.chair:
        ok = chair_match(ents.get(hit.get("chair")), ge.chair, view.gold, ents)
        board.check("event.chair", ok, file, what, ge.chair, name_of(ents, hit.get("chair")))
    names = _person_names_any(hit, view)
    for gp in ge.participants:
        ok = any(same_person(pn, [gp]) for pn in names)
        found = "; ".join(pn[0] for pn in names) or "no participants"
        board.check("event.participants", ok, file, what, gp, found)


def _person_names_any(event: Record, view: DocView) -> list[list[str]]:
    """Names of every participant entity, of any kind (as the participants check reads them)."""
    parts = [view.ents.get(p.get("entity")) for p in event.get("participants") or []]
    return [entity_names(pe) for pe in parts if pe]


def score_events(view: DocView, board: Board) -> None:
    """Events: tp per gold event matched, fn per one not, fp per predicted event unused."""
    sids = view.story_ids
    predicted = [e for e in view.export.of("event") if set(e.get("stories") or []) & sids]
    hits: Hits = {}
    used: set[Any] = set()
    _dated(view.gold.events, predicted, hits, used)
    _named(view.gold.events, predicted, hits, used)
    _by_overlap(view, predicted, hits, used)
    for gi, ge in enumerate(view.gold.events):
        hit = hits.get(gi)
        if hit is None:
            board.false_negative("events", view.file, gold_event(ge))
            continue
        board.hit("events")
        _attributes(view, ge, hit, board)
    for e in predicted:
        if e["id"] not in used:
            where = ", ".join(str(s) for s in e.get("stories") or [] if s in sids)
            board.false_positive("events", view.file, pred_event(e, view.ents), f"in {where}")
