"""One gold document beside what the export holds for its page: the page's document record,
its stories, their text and mentions. Every category's scoring reads this view."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pressgraph.evaluate.entities import Entities
from pressgraph.evaluate.export import Export, Record
from pressgraph.evaluate.gold import GoldDocument


@dataclass
class DocView:
    """A gold document and the predicted records of its page."""

    gold: GoldDocument
    export: Export
    doc: Record  # the page's document record (the last one with its file name), or empty
    story_ids: set[Any]
    stories: list[Record]
    mentions: list[Record]
    # gold person name -> the predicted person entity matched to it (filled by persons)
    matched: dict[str, Any] = field(default_factory=dict)

    @property
    def file(self) -> str:
        """The gold document's file name."""
        return self.gold.file

    @property
    def ents(self) -> Entities:
        """Every entity of the export by id."""
        return self.export.entities

    @property
    def text(self) -> str:
        """The text of all the page's stories, one after the other."""
        return "\n".join(s.get("text") or "" for s in self.stories)

    def of(self, kind: str) -> list[Record]:
        """The records of one type ("role", "claim", ...) whose story is one of the page's."""
        return [r for r in self.export.of(kind) if r.get("story") in self.story_ids]

    def entity_ids(self) -> list[Any]:
        """The entities the page's stories mention, sorted by id."""
        return sorted({m["entity"] for m in self.mentions})

    def first_mention(self, entity_id: Any) -> Record | None:
        """The page's first mention of an entity (the evidence of a person found)."""
        return next((m for m in self.mentions if m.get("entity") == entity_id), None)


def doc_view(export: Export, gold: GoldDocument) -> tuple[DocView, bool]:
    """The view of one gold document and whether its page is missing from the export."""
    docs = export.docs_by_file.get(gold.file)
    doc: Record = docs[-1] if docs else {"stories": [], "images": []}
    ids = set(doc.get("stories") or [])
    ids |= {s["id"] for s in export.stories_by_document.get(doc.get("id"), [])}
    stories = [export.stories[i] for i in sorted(ids) if i in export.stories]
    mentions = [m for s in stories for m in export.mentions_by_story.get(s["id"], [])]
    return DocView(gold, export, doc, ids, stories, mentions), not docs
