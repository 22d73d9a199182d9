"""Score an export against gold documents, category by category, the way the shared scorer
(../shared/eval/score.py) does: the same pairing (a document's source file name is the gold
"file"), the same matching, the same counts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from pressgraph.evaluate.claims import score_claims
from pressgraph.evaluate.events import score_events
from pressgraph.evaluate.export import Export
from pressgraph.evaluate.gold import GoldDocument
from pressgraph.evaluate.people import (
    PersonIds,
    score_organizations,
    score_persons,
    score_roles,
)
from pressgraph.evaluate.relations import score_relations
from pressgraph.evaluate.results import Board, Scores
from pressgraph.evaluate.selection import Selection
from pressgraph.evaluate.statements import score_quotes, score_speakers
from pressgraph.evaluate.stories import score_stories
from pressgraph.evaluate.view import doc_view


def _score_document(export: Export, gold: GoldDocument, board: Board, ids: PersonIds) -> None:
    view, missing = doc_view(export, gold)
    board.documents.append(gold.file)
    if missing:
        board.missing_documents.append(gold.file)
    score_stories(view, board)
    score_persons(view, board, ids)
    score_roles(view, board)
    score_events(view, board)
    score_claims(view, board)
    score_quotes(view, board)
    score_speakers(view, board)
    score_relations(view, board)
    score_organizations(view, board)


def _cross_document(documents: Sequence[GoldDocument], ids: PersonIds, board: Board) -> None:
    """One entity per real person: a gold person named in several documents should have
    been matched to the same predicted entity in each."""
    for name, found in ids.items():
        files = [d.file for d in documents if any(p.name == name for p in d.persons)]
        if len(files) > 1:
            board.check(
                "person.cross_doc_same_id",
                len(found) == 1,
                ",".join(files),
                f"person {name}",
                "one entity",
                ", ".join(sorted(str(i) for i in found)),
            )


def score(export: Export, gold: Sequence[GoldDocument], selection: Selection) -> Scores:
    """Every count, accuracy and miss of the export on the selected gold documents."""
    board = Board()
    ids: PersonIds = defaultdict(set)
    chosen = [d for d in gold if selection.keeps(d.file)]
    for document in chosen:
        _score_document(export, document, board, ids)
    _cross_document(chosen, ids, board)
    return board.scores()
