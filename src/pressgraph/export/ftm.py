"""`export --format ftm`: FollowTheMoney entities, one JSON object a line, as Aleph imports
them (`alephclient write-entities`, `ftm store`), built with the `followthemoney` model.

| pressgraph            | FollowTheMoney                                                  |
|-----------------------|-----------------------------------------------------------------|
| person                | Person (name, alias, title = rank)                              |
| organization          | Organization (name, alias, abbreviation, parent)                |
| country, place        | Address (full name; a country's ISO code as `country`)          |
| story                 | Article (title, bodyText, publishedAt, sourceUrl, language)     |
| mention               | Mention (document = the Article, name as written, resolved)     |
| post held             | Membership (member, organization, role, start/end) or, for a    |
|                       | post in a country's government, Occupancy of a Position         |
| event                 | Event (name, dates, location, organizer, involved, country)     |
| relation              | UnknownLink (subject, object, role = the kind, date)            |
| statement, claim      | Note (entity = the speaker, description = the words)            |

Every entity derived from text has `proof`: the Article of the story that says so. Ids are
pressgraph's ids made FtM-safe (`pg-person-valery-semerikov-1a2b3c4d`), stable across runs.
`followthemoney` is an optional dependency (it needs ICU): `pip install followthemoney`.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, TextIO

import pycountry

from pressgraph.errors import PressgraphError

if TYPE_CHECKING:
    from followthemoney import EntityProxy

SCHEMAS = {
    "person": "Person",
    "organization": "Organization",
    "country": "Address",
    "place": "Address",
}


class FtmMissingError(PressgraphError):
    """The optional `followthemoney` package is not installed."""

    exit_code = 2


def ftm_id(*parts: str | None) -> str:
    """A readable FtM entity id from pressgraph ids, unique by a short hash of them all."""
    joined = "|".join(p or "" for p in parts)
    readable = re.sub(r"[^0-9a-zA-Z]+", "-", parts[0] or "x").strip("-")[:60]
    digest = hashlib.sha1(joined.encode("utf-8")).hexdigest()[:10]
    return f"pg-{readable}-{digest}"


def country_code(entity_id: str) -> str | None:
    """The ISO 3166 alpha-2 code of a country entity (`country:RUS` -> `ru`), if known."""
    code = entity_id.split(":", 1)[-1]
    found = pycountry.countries.get(alpha_3=code) if len(code) == 3 else None
    return found.alpha_2.lower() if found else None


class Builder:
    """Turns the contract's records into FtM entities (some need records seen before)."""

    def __init__(self) -> None:
        try:
            from followthemoney import model
        except ImportError as exc:  # pragma: no cover - the test environment has it
            raise FtmMissingError(
                "--format ftm needs the followthemoney package: pip install "
                "'followthemoney==4.11.2' (it builds PyICU: apt-get install libicu-dev first)"
            ) from exc
        self.model = model
        self.kinds: dict[str, str] = {}  # entity id -> kind
        self.names: dict[str, str] = {}  # entity id -> name
        self.urls: dict[str, str | None] = {}  # document id -> its address
        self.posts: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
        self.seen_mentions: set[tuple[str, str, str]] = set()

    def make(self, schema: str, key: str, **values: Any) -> EntityProxy:
        """An entity of `schema` with id `key` and the given properties (lists allowed)."""
        entity = self.model.make_entity(schema)
        entity.id = key
        for prop, value in values.items():
            for v in value if isinstance(value, list | tuple) else [value]:
                if v not in (None, ""):
                    entity.add(prop, str(v))
        return entity

    def of(self, record: dict[str, Any]) -> Iterator[EntityProxy]:
        """The FtM entities of one record."""
        handler = getattr(self, "_" + record["type"], None)
        if handler is not None:
            yield from handler(record)

    def ref(self, entity_id: str | None) -> str | None:
        """The FtM id of a pressgraph entity, or None for none."""
        return ftm_id(entity_id) if entity_id else None

    def article(self, story: str | None) -> str | None:
        """The FtM id of a story's Article."""
        return ftm_id(f"story-{story}") if story else None

    def _document(self, r: dict[str, Any]) -> Iterator[EntityProxy]:
        self.urls[r["id"]] = r["url"] or (r["source"] if "://" in r["source"] else None)
        return iter(())

    def _story(self, r: dict[str, Any]) -> Iterator[EntityProxy]:
        title = r["headline"] or " ".join(r["text"].split()[:12])
        yield self.make(
            "Article",
            self.article(r["id"]) or "",
            title=title,
            bodyText=r["text"],
            publishedAt=r["date"],
            sourceUrl=self.urls.get(r["document"]),
            language="eng",
            summary="main story" if r["main"] else "sidebar item",
        )

    def _entity(self, r: dict[str, Any]) -> Iterator[EntityProxy]:
        self.kinds[r["id"]] = r["kind"]
        self.names[r["id"]] = r["name"]
        key = self.ref(r["id"]) or ""
        names = [a for a in r["aliases"] if a != r["name"]]
        if r["kind"] == "person":
            yield self.make("Person", key, name=r["name"], alias=names, title=r["rank"])
        elif r["kind"] == "organization":
            parent = self.ref(r["parent"])
            yield self.make(
                "Organization",
                key,
                name=r["name"],
                alias=names,
                abbreviation=r["acronym"],
                parent=parent,
            )
        else:
            code = country_code(r["id"]) if r["kind"] == "country" else None
            yield self.make("Address", key, full=r["name"], name=r["name"], country=code)

    def _mention(self, r: dict[str, Any]) -> Iterator[EntityProxy]:
        seen = (r["entity"] or "", r["story"] or "", r["text"])
        if not r["entity"] or not r["story"] or seen in self.seen_mentions:
            return
        self.seen_mentions.add(seen)
        schema = SCHEMAS.get(self.kinds.get(r["entity"], ""), "LegalEntity")
        yield self.make(
            "Mention",
            ftm_id("mention", *seen),
            document=self.article(r["story"]),
            name=r["text"],
            resolved=self.ref(r["entity"]) if schema != "Address" else None,
            detectedSchema=schema,
        )

    def _role(self, r: dict[str, Any]) -> Iterator[EntityProxy]:
        if r["person"] and self.kinds.get(r["person"]) == "person":
            self.posts[(r["person"], r["title"], r["organization"], r["country"])].append(r)
        return iter(())

    def _event(self, r: dict[str, Any]) -> Iterator[EntityProxy]:
        involved = [p["entity"] for p in r["participants"]]
        actors = [e for e in [*involved, r["chair"]] if e and self._is_actor(e)]
        countries = [country_code(e) for e in [*involved, r["place"]] if e]
        yield self.make(
            "Event",
            self.ref(r["id"]) or "",
            name=r["name"] or f"{r['kind']} {r['start'] or ''}".strip(),
            summary=r["kind"],
            startDate=r["start"],
            endDate=r["end"],
            location=self.names.get(r["place"] or ""),
            addressEntity=self.ref(r["place"]),
            organizer=[self.ref(o) for o in r["organizers"] if self._is_actor(o)],
            involved=[self.ref(a) for a in actors],
            country=[c for c in countries if c],
            proof=[self.article(s) for s in r["stories"]],
        )

    def _is_actor(self, entity_id: str) -> bool:
        return self.kinds.get(entity_id) in ("person", "organization")

    def _statement(self, r: dict[str, Any]) -> Iterator[EntityProxy]:
        what = "quote" if r["quote"] else f"reported speech ({r['verb']})"
        yield self.make(
            "Note",
            ftm_id("statement", r["key"]),
            name=f"{what}: {r['text'][:80]}",
            description=r["text"],
            summary=what,
            entity=self.ref(r["speaker"]),
            proof=self.article(r["story"]),
        )

    def _claim(self, r: dict[str, Any]) -> Iterator[EntityProxy]:
        figure = f"{r['low']:g}" if r["low"] == r["high"] else f"{r['low']:g}-{r['high']:g}"
        summary = f"claim: {r['approx']} {figure} {r['unit'] or ''}".strip()
        about = r["speaker"] or r["subject"] or r["source"]
        yield self.make(
            "Note",
            ftm_id("claim", r["key"]),
            name=summary,
            summary=summary,
            description=r["text"],
            entity=self.ref(about),
            proof=self.article(r["story"]),
        )

    def _relation(self, r: dict[str, Any]) -> Iterator[EntityProxy]:
        if not (r["source"] and r["target"]):
            return
        yield self.make(
            "UnknownLink",
            ftm_id("relation", r["key"]),
            subject=self.ref(r["source"]),
            object=self.ref(r["target"]),
            role=r["kind"],
            date=r["date"],
            proof=self.article(r["story"]),
        )

    def finish(self) -> Iterator[EntityProxy]:
        """The posts held, each summed over the phrases that say so."""
        for (person, title, organization, country), said in sorted(
            self.posts.items(), key=lambda i: tuple(str(p) for p in i[0])
        ):
            dates = sorted(r["date"] for r in said if r["date"])
            common = {
                "startDate": dates[0] if dates else None,
                "endDate": dates[-1] if dates else None,
                "proof": list(dict.fromkeys(self.article(r["story"]) for r in said)),
                "description": said[0]["text"],
            }
            key = ftm_id("post", person, title, organization, country)
            if organization and self.kinds.get(organization) == "organization":
                yield self.make(
                    "Membership",
                    key,
                    member=self.ref(person),
                    organization=self.ref(organization),
                    role=title,
                    **common,
                )
            else:
                yield from self._occupancy(key, person, title, country, common)

    def _occupancy(
        self, key: str, person: str, title: str, country: str | None, common: dict[str, Any]
    ) -> Iterator[EntityProxy]:
        post = ftm_id("position", title, country)
        yield self.make(
            "Position", post, name=title, country=country_code(country) if country else None
        )
        yield self.make("Occupancy", key, holder=self.ref(person), post=post, **common)


def write_ftm(
    found: Iterable[dict[str, Any]], out: TextIO, progress: Callable[[int], None]
) -> dict[str, int]:
    """Write the records as FtM entities, one JSON object a line; return counts by schema."""
    builder = Builder()
    written: dict[str, int] = defaultdict(int)
    positions: set[str] = set()
    n = 0
    for entity in _all(builder, found):
        if entity.schema.name == "Position":
            if entity.id in positions:
                continue
            positions.add(str(entity.id))
        out.write(json.dumps(entity.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
        written[entity.schema.name] += 1
        n += 1
        if n % 1000 == 0:
            progress(n)
    return dict(written)


def _all(builder: Builder, found: Iterable[dict[str, Any]]) -> Iterator[EntityProxy]:
    for record in found:
        if record.get("copy_of") is None:  # a later copy of a story adds no fact
            yield from builder.of(record)
    yield from builder.finish()
