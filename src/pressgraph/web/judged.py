"""What the pages show of the judgements next to the facts: notes (to everyone) and, to a
logged-in curator, who rejected a fact and why, with the way to undo it.

A curator's HTML pages are queried inside `showing_rejected` (`rejected_shown`), so the
facts they rejected stay in place; the templates strike them through with `rejection(key)`.
Everyone else, and every JSON and CSV twin, gets the facts without them.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from functools import cached_property
from weakref import WeakKeyDictionary

from fastapi import Request

from pressgraph.store.db import Database
from pressgraph.store.judgements import Judgement, list_judgements, showing_rejected
from pressgraph.web.curate import curator_of
from pressgraph.web.tables import wants_csv

# The applied judgements each database had when last read, with its version stamp then: a page
# read them all again (one query, a sixteenth of a story page's time under load) though they
# change only when a curator judges. A database without a stamp (PostgreSQL) is always read.
_READ: WeakKeyDictionary[Database, tuple[Hashable, list[Judgement]]] = WeakKeyDictionary()


def applied_judgements(db: Database) -> list[Judgement]:
    """The applied judgements, in the order they were made (read again after any write)."""
    stamp = db.version_stamp()  # taken before reading: a write meanwhile reads them again
    kept = _READ.get(db)
    if stamp is not None and kept is not None and kept[0] == stamp:
        return kept[1]
    applied = [j for j in list_judgements(db) if j.status == "applied"]
    if stamp is not None:
        _READ[db] = (stamp, applied)
    return applied


class Judged:
    """The judgements a page shows beside its facts, read once per page when first asked."""

    def __init__(self, db: Database, curator: bool) -> None:
        self.db = db
        self.curator = curator

    @cached_property
    def _applied(self) -> list[Judgement]:
        return applied_judgements(self.db)

    @cached_property
    def _rejections(self) -> dict[str, Judgement]:
        return {j.target: j for j in self._applied if j.action == "reject"}

    @cached_property
    def _notes(self) -> dict[str, list[Judgement]]:
        found: dict[str, list[Judgement]] = {}
        for j in self._applied:
            if j.action == "note":
                found.setdefault(j.target, []).append(j)
        return found

    def rejection(self, key: str) -> Judgement | None:
        """The applied judgement that rejected the fact `key`; curators only (None for
        everyone else, who never see a rejected fact)."""
        return self._rejections.get(key) if self.curator else None

    def notes(self, key: str) -> list[Judgement]:
        """The notes on a fact or entity, oldest first. Shown to everyone, like the audit log
        that lists them: a note is context an analyst reading the fact needs ("this figure
        is the UN's, quoted"), not a private remark between curators."""
        return self._notes.get(key, [])


def judged(request: Request) -> Judged:
    """The page's judgements beside its facts (rejections only for a curator)."""
    db: Database = request.app.state.db
    return Judged(db, curator_of(request) is not None)


@contextmanager
def rejected_shown(request: Request, wants_json: bool) -> Iterator[None]:
    """Query the page with its rejected facts if a curator asks for it as HTML; a JSON or
    CSV twin always leaves them out (its readers have no strike-through)."""
    on = curator_of(request) is not None and not wants_json and not wants_csv(request)
    with showing_rejected(on):
        yield
