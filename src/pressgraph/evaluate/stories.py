"""Stories (found by their first words) with their date, headline and main flag, and the
cleaning (junk lines that must not remain, images counted)."""

from __future__ import annotations

from pressgraph.evaluate.describe import first_words, shown, story_evidence
from pressgraph.evaluate.export import Record
from pressgraph.evaluate.gold import GoldStory
from pressgraph.evaluate.matching import date_match, fold
from pressgraph.evaluate.results import Board
from pressgraph.evaluate.view import DocView


def _find(view: DocView, gold: GoldStory, used: set[object]) -> Record | None:
    """An unused story whose first 400 characters hold the gold's first words; one with the
    gold headline first, then one with the gold date."""
    key = fold(gold.starts)
    found = [
        s for s in view.stories if s["id"] not in used and key in fold((s.get("text") or "")[:400])
    ]
    found.sort(
        key=lambda s: (
            fold(s.get("headline")) != fold(gold.headline),
            not date_match(s.get("date"), gold.date),
        )
    )
    return found[0] if found else None


def _attributes(view: DocView, gold: GoldStory, hit: Record, board: Board) -> None:
    what = f'story "{first_words(gold.starts)}"'

    def main(flag: bool) -> str:
        return "main" if flag else "sidebar"

    found_main = bool(hit.get("main"))
    board.check(
        "story.main", found_main == gold.main, view.file, what, main(gold.main), main(found_main)
    )
    board.check(
        "story.date",
        date_match(hit.get("date"), gold.date),
        view.file,
        what,
        shown(gold.date),
        shown(hit.get("date")),
    )
    if gold.headline:
        ok = fold(hit.get("headline")) == fold(gold.headline)
        board.check(
            "story.headline", ok, view.file, what, gold.headline, shown(hit.get("headline"))
        )


def _cleaning(view: DocView, board: Board) -> None:
    text = view.text
    for junk in view.gold.must_not_remain:
        what = f'furniture "{junk}"'
        board.check("clean.removed", junk not in text, view.file, what, "removed", "remained")
    if view.gold.images is not None:
        found = len(view.doc.get("images") or [])
        ok = found == view.gold.images
        board.check("clean.images", ok, view.file, "images", str(view.gold.images), str(found))


def score_stories(view: DocView, board: Board) -> None:
    """Stories: tp per gold story found, fn per one not found, fp per predicted one unused."""
    used: set[object] = set()
    for gold in view.gold.stories:
        hit = _find(view, gold, used)
        if hit is None:
            board.false_negative("stories", view.file, f'story "{first_words(gold.starts)}"')
            continue
        used.add(hit["id"])
        board.hit("stories")
        _attributes(view, gold, hit, board)
    for story in view.stories:
        if story["id"] not in used:
            what = f'story "{first_words(story.get("headline") or story.get("text"))}"'
            board.false_positive("stories", view.file, what, story_evidence(story))
    _cleaning(view, board)
