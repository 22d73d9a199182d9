"""Claims: a gold figure matches an unused predicted claim with the same low and high figures
(a gold "over N" also takes no high figure, or N) and the same unit; then its hedge and its
speaker are checked."""

from __future__ import annotations

from pressgraph.evaluate.describe import evidence, gold_claim, name_of, pred_claim, shown
from pressgraph.evaluate.entities import entity_names
from pressgraph.evaluate.export import Record
from pressgraph.evaluate.gold import GoldClaim
from pressgraph.evaluate.matching import num_eq, same_person, unit_match
from pressgraph.evaluate.results import Board
from pressgraph.evaluate.view import DocView


def _fits(claim: Record, gold: GoldClaim) -> bool:
    low_ok = num_eq(claim.get("low"), gold.low)
    high_ok = num_eq(claim.get("high"), gold.high) or (
        gold.high is None and claim.get("high") is None
    )
    if gold.approx == "over" and gold.high is None:
        high_ok = claim.get("high") is None or num_eq(claim.get("high"), gold.low)
    return low_ok and high_ok and unit_match(claim.get("unit"), gold.unit)


def _attributes(view: DocView, gold: GoldClaim, hit: Record, board: Board) -> None:
    what, found = gold_claim(gold), hit.get("approx")
    ok = found == gold.approx or (gold.approx == "exact" and found in (None, "exact"))
    board.check("claim.approx", ok, view.file, what, gold.approx, shown(found))
    if gold.speaker:
        speaker = view.ents.get(hit.get("speaker"))
        ok = bool(speaker) and same_person(entity_names(speaker), [gold.speaker])
        found_name = name_of(view.ents, hit.get("speaker"))
        board.check("claim.speaker", ok, view.file, what, gold.speaker, found_name)


def score_claims(view: DocView, board: Board) -> None:
    """Claims: tp per gold claim matched, fn per one not, fp per predicted claim unused."""
    predicted = view.of("claim")
    used: set[int] = set()
    for gold in view.gold.claims:
        hit = next((i for i, c in enumerate(predicted) if i not in used and _fits(c, gold)), None)
        if hit is None:
            board.false_negative("claims", view.file, gold_claim(gold))
            continue
        used.add(hit)
        board.hit("claims")
        _attributes(view, gold, predicted[hit], board)
    for i, claim in enumerate(predicted):
        if i not in used:
            what = pred_claim(claim, view.ents)
            board.false_positive("claims", view.file, what, evidence(claim, view.export))
