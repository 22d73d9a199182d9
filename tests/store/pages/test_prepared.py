"""Statements made once per shape: the same condition gives the same statement, a condition
made anew another one, and the curator's view of rejected facts its own."""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, select

from pressgraph.store.judgements import kept, showing_rejected
from pressgraph.store.pages.prepared import Prepared
from pressgraph.store.schema import statements


def _build(where: Any, limit: int | None) -> Any:
    return select(statements.c.id).where(where, kept(statements)).limit(limit)


def test_a_statement_is_made_once_per_condition_limit_and_view() -> None:
    made = Prepared(_build)
    of_story = statements.c.story_id == bindparam("story")
    first = made(of_story, 5)
    assert made(of_story, 5) is first
    assert made(of_story, 6) is not first
    # a condition that looks the same but was made anew is another condition
    assert made(statements.c.story_id == bindparam("story"), 5) is not first
    with showing_rejected(True):
        shown = made(of_story, 5)
    assert shown is not first
    assert "rejected_facts" in str(first) and "rejected_facts" not in str(shown)
