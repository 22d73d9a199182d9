"""One-line summaries of gold and predicted facts, and the evidence of a predicted one (its
story, offsets and the text there), for the --errors list."""

from __future__ import annotations

from typing import Any

from pressgraph.evaluate.entities import Entities
from pressgraph.evaluate.export import Export, Record
from pressgraph.evaluate.gold import GoldClaim, GoldEvent, GoldQuote, GoldRelation, GoldRole

_WORDS = 8
_EVIDENCE_CHARS = 120


def first_words(text: str | None, words: int = _WORDS) -> str:
    """The first few words of a text, with … when there are more."""
    parts = (text or "").split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _EVIDENCE_CHARS else text[: _EVIDENCE_CHARS - 1] + "…"


def name_of(ents: Entities, entity_id: Any) -> str:
    """An entity's name by id; "-" for none."""
    ent = ents.get(entity_id) if entity_id is not None else None
    return str(ent.get("name")) if ent else "-"


def evidence(record: Record, export: Export) -> str | None:
    """Story id, offsets and the text at them, of a record that carries them."""
    story_id = record.get("story")
    if story_id is None:
        return None
    start, end = record.get("start"), record.get("end")
    story = export.stories.get(story_id)
    if story is None or not isinstance(start, int) or not isinstance(end, int):
        return str(story_id)
    return f'{story_id} [{start}:{end}] "{_clip((story.get("text") or "")[start:end])}"'


def story_evidence(story: Record) -> str:
    """A story's id and first words."""
    return f'{story.get("id")} "{first_words(story.get("text"))}"'


def _figure(value: Any) -> str:
    """20.0 as 20; anything else as it is."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _range(low: Any, high: Any) -> str:
    return _figure(low) if high is None or high == low else f"{_figure(low)}-{_figure(high)}"


def _by(speaker: str | None) -> str:
    return f" by {speaker}" if speaker else ""


def _post(title: Any, organization: str | None, country: str | None) -> str:
    where = ", ".join(w for w in (organization, country) if w and w != "-")
    return f"{title}" + (f", {where}" if where else "")


def gold_role(person: str, role: GoldRole) -> str:
    """role PERSON: TITLE, ORGANIZATION/COUNTRY."""
    return f"role {person}: {_post(role.title, role.organization, role.country)}"


def pred_role(role: Record, ents: Entities) -> str:
    """role PERSON: TITLE, ORGANIZATION, COUNTRY (by entity names)."""
    org, country = name_of(ents, role.get("organization")), name_of(ents, role.get("country"))
    return f"role {name_of(ents, role.get('person'))}: {_post(role.get('title'), org, country)}"


def _event(kind: Any, name: Any, start: Any, place: str | None) -> str:
    at = f" in {place}" if place and place != "-" else ""
    return f'event {kind} "{name or ""}" {start or "undated"}{at}'


def gold_event(event: GoldEvent) -> str:
    """event KIND "NAME" START in PLACE."""
    return _event(event.kind, event.name, event.start, event.place)


def pred_event(event: Record, ents: Entities) -> str:
    """event KIND "NAME" START in PLACE (the place entity's name)."""
    place = name_of(ents, event.get("place"))
    return _event(event.get("kind"), event.get("name"), event.get("start"), place)


def gold_claim(claim: GoldClaim) -> str:
    """claim LOW-HIGH UNIT (APPROX) by SPEAKER."""
    figure = _range(claim.low, claim.high)
    return f"claim {figure} {claim.unit} ({claim.approx}){_by(claim.speaker)}"


def pred_claim(claim: Record, ents: Entities) -> str:
    """claim LOW-HIGH UNIT (APPROX) by SPEAKER."""
    speaker = claim.get("speaker")
    figure = _range(claim.get("low"), claim.get("high"))
    by = _by(name_of(ents, speaker) if speaker else None)
    return f"claim {figure} {claim.get('unit')} ({claim.get('approx')}){by}"


def gold_quote(quote: GoldQuote) -> str:
    """quote "FIRST WORDS" by SPEAKER."""
    return f'quote "{first_words(quote.starts)}" by {quote.speaker}'


def pred_quote(statement: Record, ents: Entities) -> str:
    """quote "FIRST WORDS" by SPEAKER."""
    speaker = name_of(ents, statement.get("speaker"))
    return f'quote "{first_words(statement.get("text"))}" by {speaker}'


def gold_relation(relation: GoldRelation) -> str:
    """relation KIND SOURCE -> TARGET."""
    return f"relation {relation.kind} {relation.source} -> {relation.target}"


def pred_relation(relation: Record, ents: Entities) -> str:
    """relation KIND SOURCE -> TARGET (by entity names)."""
    source, target = name_of(ents, relation.get("source")), name_of(ents, relation.get("target"))
    return f"relation {relation.get('kind')} {source} -> {target}"


def shown(value: Any) -> str:
    """A value as an --errors line shows it ("-" for none)."""
    return "-" if value is None or value == "" else str(value)
