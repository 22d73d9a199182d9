"""Build a perfect export of a gold file: every gold fact written as the record pressgraph
would export for it. `variant=True` writes the same facts in the other forms the scorer
accepts (undated events with participants or a place left unnamed, symmetric relations
reversed with partnership/cooperation swapped, a post's organization named inside its title,
Defence/Defense and people/person swapped); it must score perfectly too."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pressgraph.evaluate.gold import GoldDocument, GoldEvent, read_gold

SWAPS = {"Defence": "Defense", "Defense": "Defence", "defence": "defense", "defense": "defence"}
UNIT_SWAPS = {"people": "person", "person": "people"}
KIND_SWAPS = {"cooperation": "partnership", "partnership": "cooperation"}


class _Builder:
    """Collects records; one entity per (kind, name)."""

    def __init__(self, variant: bool) -> None:
        self.variant = variant
        self.records: list[dict[str, Any]] = []
        self.entities: dict[tuple[str, str], dict[str, Any]] = {}

    def entity(self, kind: str, name: str, **extra: Any) -> str:
        key = (kind, name)
        if key not in self.entities:
            self.entities[key] = {
                "type": "entity",
                "id": f"e{len(self.entities)}",
                "kind": kind,
                "name": name,
                "aliases": list(extra.get("aliases", [])),
                "acronym": extra.get("acronym"),
                "parent": None,
                "rank": extra.get("rank"),
            }
        return str(self.entities[key]["id"])

    def agent(self, gd: GoldDocument, name: str, other: str) -> str:
        """A gold person as a person; an organization the gold lists as one; else `other`."""
        people = {n.lower() for p in gd.persons for n in p.names}
        people |= {n.lower() for n in (*gd.mentioned_persons, *gd.statements_by)}
        people |= {n.lower() for e in gd.events for n in e.participants}
        if name.lower() in people:
            return self.entity("person", name)
        orgs = {n.lower() for o in gd.organizations for n in o.names}
        return self.entity("organization" if name.lower() in orgs else other, name)

    def add(self, **record: Any) -> None:
        self.records.append(record)

    def document(self, index: int, gd: GoldDocument) -> None:
        sids = [f"s{index}_{i}" for i in range(len(gd.stories))]
        for sid, gs in zip(sids, gd.stories, strict=True):
            self.add(
                type="story",
                id=sid,
                document=f"d{index}",
                headline=gs.headline,
                date=gs.date,
                main=gs.main,
                text=gs.starts + " ...",
            )
        images = ["photo.jpg"] * (gd.images or 0)
        self.add(
            type="document", id=f"d{index}", source=f"pages/{gd.file}", images=images, stories=sids
        )
        story = sids[0] if sids else f"s{index}_none"
        self.people(gd, story)
        self.events(gd, index, story)
        self.facts(gd, story)

    def people(self, gd: GoldDocument, story: str) -> None:
        for person in gd.persons:
            pid = self.entity("person", person.name, aliases=person.aliases, rank=person.rank)
            if person.rank:  # a person named in an earlier document may get a rank here
                self.entities[("person", person.name)]["rank"] = person.rank
            for name in person.names:
                self.add(type="mention", entity=pid, story=story, start=0, end=1, text=name)
            for role in person.roles:
                title, org = role.title, role.organization
                org_id = self.entity("organization", org) if org else None
                if self.variant:
                    title = " ".join(SWAPS.get(w, w) for w in title.split(" "))
                    if org:
                        title, org_id = f"{title} of the {org}", None
                country = self.entity("country", role.country) if role.country else None
                self.add(
                    type="role",
                    person=pid,
                    title=title,
                    organization=org_id,
                    country=country,
                    date=role.date,
                    story=story,
                )
        for o in gd.organizations:
            oid = self.entity("organization", o.name or "", aliases=o.aliases, acronym=o.acronym)
            self.add(type="mention", entity=oid, story=story, start=0, end=1, text=o.name)

    def event(self, gd: GoldDocument, eid: str, e: GoldEvent, story: str) -> None:
        unnamed = self.variant and not e.start and (e.participants or e.place)
        self.add(
            type="event",
            id=eid,
            kind=e.kind,
            name=None if unnamed else e.name,
            start=e.start,
            end=e.end,
            place=self.entity("place", e.place) if e.place else None,
            format=e.format,
            chair=self.agent(gd, e.chair, "country") if e.chair else None,
            participants=[{"entity": self.entity("person", n)} for n in e.participants],
            stories=[story],
        )

    def events(self, gd: GoldDocument, index: int, story: str) -> None:
        for i, e in enumerate(gd.events):
            self.event(gd, f"v{index}_{i}", e, story)

    def facts(self, gd: GoldDocument, story: str) -> None:
        for c in gd.claims:
            unit = UNIT_SWAPS.get(c.unit, c.unit) if self.variant else c.unit
            speaker = self.entity("person", c.speaker) if c.speaker else None
            self.add(
                type="claim",
                speaker=speaker,
                story=story,
                low=c.low,
                high=c.high,
                approx=c.approx,
                unit=unit,
            )
        for q in gd.quotes:
            speaker = self.agent(gd, q.speaker, "organization")
            self.add(type="statement", speaker=speaker, story=story, quote=True, text=q.starts)
        for name in gd.statements_by:
            speaker = self.entity("person", name)
            self.add(type="statement", speaker=speaker, story=story, quote=False, text="...")
        for r in gd.relations:
            source, target, kind = r.source, r.target, r.kind
            if self.variant and kind in KIND_SWAPS:
                source, target, kind = target, source, KIND_SWAPS[kind]
            self.add(
                type="relation",
                source=self.entity("organization", source),
                target=self.entity("organization", target),
                kind=kind,
                story=story,
            )


def write_perfect_export(gold: Path, out: Path, *, variant: bool = False) -> Path:
    """Write the perfect export of the gold file `gold` to `out`."""
    builder = _Builder(variant)
    for index, gd in enumerate(read_gold(gold)):
        builder.document(index, gd)
    with out.open("w", encoding="utf-8") as handle:
        for record in [*builder.entities.values(), *builder.records]:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return out
