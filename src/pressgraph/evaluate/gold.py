"""Read a gold file (the schema of docs/gold.md) into typed records, with errors that name the
document and the field that is wrong and say how to fix it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pressgraph.errors import EvaluationError

_SCHEMA = "see docs/gold.md for the gold file's fields"


@dataclass(frozen=True)
class GoldStory:
    """A story the page holds, known by its first words."""

    starts: str
    main: bool
    date: str | None
    headline: str | None


@dataclass(frozen=True)
class GoldRole:
    """A post a person holds, with its organization or country when the page states them."""

    title: str
    organization: str | None
    country: str | None
    date: str | None


@dataclass(frozen=True)
class GoldPerson:
    """A person the page names, with the other spellings it uses and the posts held."""

    name: str
    aliases: tuple[str, ...]
    rank: str | None
    roles: tuple[GoldRole, ...]

    @property
    def names(self) -> list[str]:
        """The name and its aliases."""
        return [self.name, *self.aliases]


@dataclass(frozen=True)
class GoldOrganization:
    """An organization the page names (scored for recall only)."""

    name: str | None
    acronym: str | None
    aliases: tuple[str, ...]

    @property
    def names(self) -> list[str]:
        """Name, acronym and aliases, the ones that are given."""
        return [n for n in (self.name, self.acronym, *self.aliases) if n]


@dataclass(frozen=True)
class GoldEvent:
    """An event the page reports."""

    kind: str
    name: str | None
    start: str | None
    end: str | None
    place: str | None
    format: str | None
    chair: str | None
    participants: tuple[str, ...]


@dataclass(frozen=True)
class GoldClaim:
    """A figure the page states: low (and high for a range), hedge, unit and speaker."""

    low: float | None
    high: float | None
    approx: str
    unit: str
    speaker: str | None


@dataclass(frozen=True)
class GoldQuote:
    """A direct quote, known by its first words, and who said it."""

    starts: str
    speaker: str


@dataclass(frozen=True)
class GoldRelation:
    """A typed relation between two organizations."""

    kind: str
    source: str
    target: str
    date: str | None


@dataclass(frozen=True)
class GoldDocument:
    """Everything the gold says about one page, paired with it by file name."""

    file: str
    stories: tuple[GoldStory, ...]
    must_not_remain: tuple[str, ...]
    images: int | None
    persons: tuple[GoldPerson, ...]
    mentioned_persons: tuple[str, ...]
    organizations: tuple[GoldOrganization, ...]
    events: tuple[GoldEvent, ...]
    claims: tuple[GoldClaim, ...]
    quotes: tuple[GoldQuote, ...]
    statements_by: tuple[str, ...]
    relations: tuple[GoldRelation, ...]


@dataclass(frozen=True)
class _Fields:
    """One JSON object of the gold file and where it stands, for messages."""

    data: dict[str, Any]
    where: str

    def _bad(self, key: str, what: str) -> EvaluationError:
        return EvaluationError(f'{self.where}: "{key}" must be {what}; fix it ({_SCHEMA})')

    def need(self, key: str) -> str:
        if not isinstance(self.data.get(key), str):
            raise self._bad(key, "given, as text")
        value: str = self.data[key]
        return value

    def text(self, key: str) -> str | None:
        value = self.data.get(key)
        if value is not None and not isinstance(value, str):
            raise self._bad(key, "text or null")
        return value

    def flag(self, key: str) -> bool:
        value = self.data.get(key)
        if not isinstance(value, bool):
            raise self._bad(key, "given, as true or false")
        return value

    def number(self, key: str) -> float | None:
        value = self.data.get(key, "missing")
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise self._bad(key, "given, as a number or null")
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.data.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self._bad(key, "a list of texts")
        return tuple(value)

    def each(self, key: str) -> Iterator[_Fields]:
        value = self.data.get(key) or []
        if not isinstance(value, list):
            raise self._bad(key, "a list")
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                raise self._bad(f"{key}[{i}]", "an object")
            yield _Fields(item, f"{self.where}: {key}[{i}]")


def _story(f: _Fields) -> GoldStory:
    return GoldStory(f.need("starts"), f.flag("main"), f.text("date"), f.text("headline"))


def _role(f: _Fields) -> GoldRole:
    return GoldRole(f.need("title"), f.text("organization"), f.text("country"), f.text("date"))


def _person(f: _Fields) -> GoldPerson:
    roles = tuple(_role(r) for r in f.each("roles"))
    return GoldPerson(f.need("name"), f.texts("aliases"), f.text("rank"), roles)


def _organization(f: _Fields) -> GoldOrganization:
    return GoldOrganization(f.text("name"), f.text("acronym"), f.texts("aliases"))


def _event(f: _Fields) -> GoldEvent:
    return GoldEvent(
        kind=f.need("kind"),
        name=f.text("name"),
        start=f.text("start"),
        end=f.text("end"),
        place=f.text("place"),
        format=f.text("format"),
        chair=f.text("chair"),
        participants=f.texts("participants"),
    )


def _claim(f: _Fields) -> GoldClaim:
    low, high = f.number("low"), f.number("high")
    return GoldClaim(low, high, f.need("approx"), f.need("unit"), f.text("speaker"))


def _relation(f: _Fields) -> GoldRelation:
    return GoldRelation(f.need("kind"), f.need("source"), f.need("target"), f.text("date"))


def _images(f: _Fields) -> int | None:
    value = f.data.get("images")
    if "images" in f.data and (isinstance(value, bool) or not isinstance(value, int)):
        raise EvaluationError(
            f'{f.where}: "images" must be the number of photos the page shows (or left out); '
            f"fix it ({_SCHEMA})"
        )
    return value


def _document(f: _Fields) -> GoldDocument:
    return GoldDocument(
        file=f.data["file"],
        stories=tuple(_story(s) for s in f.each("stories")),
        must_not_remain=f.texts("must_not_remain"),
        images=_images(f),
        persons=tuple(_person(p) for p in f.each("persons")),
        mentioned_persons=f.texts("mentioned_persons"),
        organizations=tuple(_organization(o) for o in f.each("organizations")),
        events=tuple(_event(e) for e in f.each("events")),
        claims=tuple(_claim(c) for c in f.each("claims")),
        quotes=tuple(GoldQuote(q.need("starts"), q.need("speaker")) for q in f.each("quotes")),
        statements_by=f.texts("statements_by"),
        relations=tuple(_relation(r) for r in f.each("relations")),
    )


def _parse(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise EvaluationError(
            f"{path}: no such gold file; give the path of a gold JSON file ({_SCHEMA})"
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise EvaluationError(
            f"{path}: cannot read the gold file ({exc}); check the path and that it is UTF-8"
        ) from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise EvaluationError(
            f"{path}: the gold file is not valid JSON ({exc.msg} at line {exc.lineno}, "
            f"column {exc.colno}); fix the syntax there"
        ) from exc


def read_gold(path: str | Path) -> tuple[GoldDocument, ...]:
    """Every document of the gold file at `path`, checked against the schema."""
    path = Path(path)
    data = _parse(path)
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        raise EvaluationError(
            f'{path}: a gold file is a JSON object with a "documents" list; {_SCHEMA}'
        )
    documents = []
    for i, item in enumerate(data["documents"]):
        if not isinstance(item, dict) or not isinstance(item.get("file"), str):
            raise EvaluationError(
                f'{path}: document {i + 1} has no "file"; give the file name of the page it '
                'describes (e.g. "file": "007.txt"), by which it is paired with the page'
            )
        documents.append(_document(_Fields(item, f"{path}: {item['file']}")))
    return tuple(documents)
