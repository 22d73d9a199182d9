"""Quotes (found by their first words inside a predicted quote) with their speaker, and the
people the page reports as speaking (speakers, compared as sets of persons)."""

from __future__ import annotations

from pressgraph.evaluate.describe import evidence, first_words, gold_quote, name_of, pred_quote
from pressgraph.evaluate.entities import entity_names
from pressgraph.evaluate.export import Record
from pressgraph.evaluate.matching import fold, same_person
from pressgraph.evaluate.results import Board
from pressgraph.evaluate.view import DocView


def score_quotes(view: DocView, board: Board) -> None:
    """Quotes: tp per gold quote some predicted quote contains the first words of, fn per one
    none does; fp per predicted quote that contains no gold quote's first words."""
    predicted = [s for s in view.of("statement") if s.get("quote")]
    for gold in view.gold.quotes:
        key = fold(gold.starts)
        hit = next((s for s in predicted if key in fold(s.get("text"))), None)
        if hit is None:
            board.false_negative("quotes", view.file, gold_quote(gold))
            continue
        board.hit("quotes")
        speaker = view.ents.get(hit.get("speaker"))
        ok = bool(speaker) and same_person(entity_names(speaker), [gold.speaker])
        found = name_of(view.ents, hit.get("speaker"))
        what = f'quote "{first_words(gold.starts)}"'
        board.check("quote.speaker", ok, view.file, what, gold.speaker, found)
    keys = {fold(q.starts) for q in view.gold.quotes}
    for statement in predicted:
        if not any(k in fold(statement.get("text")) for k in keys):
            what = pred_quote(statement, view.ents)
            board.false_positive("quotes", view.file, what, evidence(statement, view.export))


def _speakers(view: DocView) -> list[tuple[list[str], Record]]:
    """The names of every predicted person speaker, with the statement, in page order."""
    found = []
    for statement in view.of("statement"):
        speaker = view.ents.get(statement.get("speaker"))
        if speaker and speaker.get("kind") == "person":
            found.append((entity_names(speaker), statement))
    return found


def _unique(speakers: list[tuple[list[str], Record]]) -> list[tuple[list[str], Record]]:
    """Each speaker once (by same_person), with their first statement."""
    unique: list[tuple[list[str], Record]] = []
    for names, statement in speakers:
        if not any(same_person(names, known) for known, _ in unique):
            unique.append((names, statement))
    return unique


def score_speakers(view: DocView, board: Board) -> None:
    """Speakers: tp per gold speaker some predicted person speaker is, fn per one none is; fp
    per distinct predicted person speaker who is no gold speaker."""
    speakers = _speakers(view)
    for gold in view.gold.statements_by:
        if any(same_person(names, [gold]) for names, _ in speakers):
            board.hit("speakers")
        else:
            board.false_negative("speakers", view.file, f"speaker {gold}")
    for names, statement in _unique(speakers):
        if not any(same_person(names, [g]) for g in view.gold.statements_by):
            found = evidence(statement, view.export)
            board.false_positive("speakers", view.file, f"speaker {names[0]}", found)
