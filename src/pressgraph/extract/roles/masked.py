"""The story text with mentions replaced by placeholders, and the way back to offsets."""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from pressgraph.extract.roles.grammar import LETTER, PLACEHOLDER
from pressgraph.nlp.spans import COUNTRIES, ORGS, PEOPLE, doc_text


@dataclass(frozen=True)
class _Piece:
    masked_start: int
    masked_end: int
    doc_start: int
    doc_end: int
    marker: bool


class Masked:
    """The story text with mentions replaced by placeholders, and the way back to offsets."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.spans: list[Span] = sorted(
            [*doc.spans.get(PEOPLE, []), *doc.spans.get(ORGS, []), *doc.spans.get(COUNTRIES, [])],
            key=lambda s: s.start_char,
        )
        self.pieces: list[_Piece] = []
        parts: list[str] = []
        cursor = 0
        text = doc_text(doc)
        for i, span in enumerate(self.spans):
            if span.start_char < cursor:
                continue
            self._add(parts, text[cursor : span.start_char], cursor, span.start_char, False)
            self._add(parts, f"⟦{LETTER[span.label_]}{i}⟧", span.start_char, span.end_char, True)
            cursor = span.end_char
        self._add(parts, text[cursor:], cursor, len(text), False)
        self.text = "".join(parts)
        self._starts = [p.masked_start for p in self.pieces]
        self._orgs: dict[str | None, list[int]] | None = None

    def _add(self, parts: list[str], text: str, start: int, end: int, marker: bool) -> None:
        at = self.pieces[-1].masked_end if self.pieces else 0
        self.pieces.append(_Piece(at, at + len(text), start, end, marker))
        parts.append(text)

    def to_doc(self, masked: int, *, end: bool = False) -> int:
        """Doc character offset of a masked offset (a placeholder maps to its whole span)."""
        probe = masked - 1 if end and masked > 0 else masked
        piece = self.pieces[max(0, bisect.bisect_right(self._starts, probe) - 1)]
        if piece.marker:
            return piece.doc_end if end else piece.doc_start
        return min(piece.doc_start + (masked - piece.masked_start), piece.doc_end)

    def span(self, index: int) -> Span:
        """The mention behind placeholder number `index`."""
        return self.spans[index]

    def organizations(self, key: str | None) -> list[int]:
        """Placeholder numbers of the organization mentions of entity `key`."""
        if self._orgs is None:
            self._orgs = {}
            for i, span in enumerate(self.spans):
                if span.label_ == "ORG":
                    self._orgs.setdefault(span._.key, []).append(i)
        return self._orgs.get(key, [])

    def unmask(self, text: str) -> str:
        """Masked text with placeholders replaced by the words they stand for."""
        return PLACEHOLDER.sub(lambda m: self.spans[int(m.group(2))].text, text)
