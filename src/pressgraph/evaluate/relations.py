"""Relations: a gold relation matches an unused predicted one of the same kind (partnership =
cooperation) between the same two organizations, either way round for a symmetric kind."""

from __future__ import annotations

from pressgraph.evaluate.describe import evidence, gold_relation, pred_relation
from pressgraph.evaluate.entities import org_match
from pressgraph.evaluate.export import Record
from pressgraph.evaluate.gold import GoldRelation
from pressgraph.evaluate.matching import is_symmetric, rel_kind
from pressgraph.evaluate.results import Board
from pressgraph.evaluate.view import DocView


def _fits(view: DocView, relation: Record, gold: GoldRelation) -> bool:
    if rel_kind(relation.get("kind")) != rel_kind(gold.kind):
        return False
    ents, orgs = view.ents, view.gold.organizations
    source, target = ents.get(relation.get("source")), ents.get(relation.get("target"))
    pairs = [(source, target)] + ([(target, source)] if is_symmetric(gold.kind) else [])
    return any(
        org_match(a, gold.source, ents, orgs) and org_match(b, gold.target, ents, orgs)
        for a, b in pairs
    )


def score_relations(view: DocView, board: Board) -> None:
    """Relations: tp per gold relation matched, fn per one not, fp per predicted one unused."""
    predicted = view.of("relation")
    used: set[int] = set()
    for gold in view.gold.relations:
        hit = next(
            (i for i, r in enumerate(predicted) if i not in used and _fits(view, r, gold)), None
        )
        if hit is None:
            board.false_negative("relations", view.file, gold_relation(gold))
            continue
        used.add(hit)
        board.hit("relations")
    for i, relation in enumerate(predicted):
        if i not in used:
            what = pred_relation(relation, view.ents)
            board.false_positive("relations", view.file, what, evidence(relation, view.export))
