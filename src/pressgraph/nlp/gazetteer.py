"""Gazetteers of organizations, countries and titles, read once from bundled YAML and indexed by
one normalization, so every stage resolves a name the same way.

The data lives in ``pressgraph/nlp/data``: ``organizations.yml``, ``countries.yml`` (merged over
pycountry) and ``titles.yml``. Every loader validates its file and raises :class:`DataError`
naming the file, the entry and the fix. Loaders are cached: treat what they return as read-only.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pycountry

from pressgraph.datafiles import load_yaml
from pressgraph.errors import DataError, NotFoundError

__all__ = [
    "KINDS",
    "Country",
    "Organization",
    "Titles",
    "ancestors",
    "countries",
    "country_forms",
    "generic_aliases",
    "load_data_file",
    "normalize_alias",
    "organization_aliases",
    "organizations",
    "require_mapping",
    "spelling_variants",
    "split_country_compound",
    "titles",
]

KINDS = frozenset(
    {
        "international_organization",
        "body",
        "national_body",
        "designated_terrorist",
        "humanitarian",
        "alliance",
        "other",
    }
)


@dataclass(frozen=True)
class Organization:
    """One organization or body; its `generic` names mean it only next to its parent or country."""

    id: str
    name: str
    acronyms: tuple[str, ...]
    aliases: tuple[str, ...]
    names_ru: tuple[str, ...]
    aliases_ru: tuple[str, ...]
    generic: tuple[str, ...]
    parent: str | None
    kind: str
    country: str | None

    @property
    def names(self) -> tuple[str, ...]:
        """Every form that names this entry on its own: name, acronyms, aliases, Russian names."""
        return (self.name, *self.acronyms, *self.aliases, *self.names_ru, *self.aliases_ru)


@dataclass(frozen=True)
class Country:
    """One country: pycountry's names merged with the common forms, adjectives and Russian names."""

    code: str
    name: str
    official_name: str | None
    forms: tuple[str, ...]
    adjectives: tuple[str, ...]
    names_ru: tuple[str, ...]


@dataclass(frozen=True)
class Titles:
    """Words that wrap a person's name; every list is sorted longest first for greedy matching."""

    honorifics: tuple[str, ...]
    ranks: tuple[str, ...]
    post_heads: tuple[str, ...]
    post_modifiers: tuple[str, ...]


# --- normalization -------------------------------------------------------------------------------

_QUOTES = str.maketrans(
    {
        **dict.fromkeys("“”„‟«»″", '"'),
        **dict.fromkeys("‘’‚‛′ʼ`", "'"),
        "\u00ad": None,  # soft hyphen
    }
)
_DASHES = re.compile(r"[\u2010-\u2015\u2212-]")
# US spelling is the canonical one; each pattern runs on casefolded, hyphen-free text.
_SPELLINGS = (
    (re.compile(r"\bcentre(s?)\b"), r"center\1"),
    (re.compile(r"\b(defen|offen)ce\b"), r"\1se"),
    (
        re.compile(
            r"\b(organ|author|special|recogn|harmon|mobil|stabil|util|civil)is(e|ed|es|ing|ations?)\b"
        ),
        r"\1iz\2",
    ),
    (re.compile(r"\bprogramme(s?)\b"), r"program\1"),
    (re.compile(r"\bco (operat|ordinat)"), r"co\1"),
    (re.compile(r"\b(counter|anti)(?=terror)"), r"\1 "),
    (re.compile(r"\bpeace keep"), "peacekeep"),
    # Every "the", not only a leading one: translations add and drop it inside names too
    # ("Joint Staff of the CSTO" / "Joint Staff of CSTO").
    (re.compile(r"\bthe\b"), " "),
)


def normalize_alias(text: str) -> str:
    """The one key every lookup uses: casefolded, no "the", one spelling, one kind of quote/dash."""
    folded = unicodedata.normalize("NFKC", text).translate(_QUOTES).replace("&", " and ")
    folded = _strip_latin_marks(folded.casefold()).replace("ё", "е")
    folded = " ".join(_DASHES.sub(" ", folded).split())
    for pattern, replacement in _SPELLINGS:
        folded = pattern.sub(replacement, folded)
    return " ".join(folded.split())


def _strip_latin_marks(text: str) -> str:
    """Drop accents on Latin letters ("Peško" -> "Pesko") but keep Cyrillic "й"."""
    kept: list[str] = []
    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char) and kept and kept[-1].isascii():
            continue
        kept.append(char)
    return unicodedata.normalize("NFC", "".join(kept))


_VARIANT_PAIRS = (
    ("center", "centre"),
    ("centers", "centres"),
    ("defense", "defence"),
    ("organization", "organisation"),
    ("organizations", "organisations"),
    ("program", "programme"),
    ("programs", "programmes"),
    ("cooperation", "co-operation"),
    ("counter-terrorism", "counterterrorism"),
    ("anti-terrorism", "antiterrorism"),
    ("anti-terrorist", "antiterrorist"),
)
_VARIANTS = {a: b for pair in _VARIANT_PAIRS for a, b in (pair, pair[::-1])}
_VARIANT_WORD = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, _VARIANTS), key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)


def spelling_variants(text: str) -> tuple[str, ...]:
    """`text` with every US/UK spelling combination, for matchers that compare surface strings."""
    pieces = _VARIANT_WORD.split(text)  # odd positions hold the variant words
    options = [
        (piece, _same_case(_VARIANTS[piece.lower()], piece)) if position % 2 else (piece,)
        for position, piece in enumerate(pieces)
    ]
    return tuple(dict.fromkeys("".join(combo) for combo in itertools.product(*options)))


def _same_case(word: str, model: str) -> str:
    """`word` cased like `model`: all capitals, capitalized, or lowercase."""
    if model.isupper():
        return word.upper()
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


# --- reading and validating data files ------------------------------------------------------------


def load_data_file(filename: str) -> Any:
    """Parse one YAML file bundled in pressgraph/nlp/data; a broken file raises DataError."""
    return load_yaml("pressgraph.nlp", filename)


def require_mapping(raw: object, where: str, allowed: Iterable[str]) -> dict[str, Any]:
    """`raw` as a mapping with only `allowed` keys, so a typo in a data file fails loudly."""
    if not isinstance(raw, dict):
        raise DataError(f"{where}: expected a mapping, got {type(raw).__name__}; fix its layout")
    unknown = sorted(str(key) for key in raw if key not in allowed)
    if unknown:
        raise DataError(f"{where}: unknown field(s) {unknown}; allowed are {sorted(allowed)}")
    return raw


def _strings(entry: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    """The list of non-empty strings under `key` (missing or null means empty)."""
    value = entry.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DataError(
            f"{where}: `{key}` must be a list of non-empty strings, got {value!r}; "
            "quote items that contain commas or colons"
        )
    return tuple(v.strip() for v in value)


def _optional_string(entry: Mapping[str, Any], key: str, where: str) -> str | None:
    """The string under `key`, or None when it is missing or null."""
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise DataError(f"{where}: `{key}` must be a non-empty string or null, got {value!r}")
    return value.strip()


def _string(entry: Mapping[str, Any], key: str, where: str) -> str:
    """The required string under `key`."""
    value = _optional_string(entry, key, where)
    if value is None:
        raise DataError(f"{where}: `{key}` is required; add it")
    return value


def _claim(index: dict[str, str], form: str, owner: str, source: str) -> None:
    """Point the normalized `form` at `owner`, refusing a key another owner already holds."""
    key = normalize_alias(form)
    if not key:
        raise DataError(f"{source}: {form!r} of {owner!r} normalizes to nothing; remove it")
    holder = index.setdefault(key, owner)
    if holder != owner:
        raise DataError(
            f"{source}: {form!r} of {owner!r} and a form of {holder!r} both normalize to {key!r}; "
            "keep it on one entry only (a bare, ambiguous name belongs in `generic`)"
        )


@lru_cache(maxsize=1)
def _alpha3_codes() -> frozenset[str]:
    """Every ISO 3166 alpha-3 code pycountry knows."""
    return frozenset(country.alpha_3 for country in pycountry.countries)


# --- organizations ----------------------------------------------------------------------------

_ORG_FIELDS = (
    "id",
    "name",
    "acronyms",
    "aliases",
    "names_ru",
    "aliases_ru",
    "generic",
    "parent",
    "kind",
    "country",
)
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _parse_organization(raw: object, position: int) -> Organization:
    """One validated entry of organizations.yml."""
    entry = require_mapping(raw, f"organizations.yml entry #{position}", _ORG_FIELDS)
    org_id = _string(entry, "id", f"organizations.yml entry #{position}")
    where = f"organizations.yml entry {org_id!r}"
    if not _SLUG.fullmatch(org_id):
        raise DataError(f"{where}: ids are lowercase slugs like 'csto-joint-staff'; rename it")
    kind = _string(entry, "kind", where)
    if kind not in KINDS:
        raise DataError(f"{where}: kind {kind!r} is not one of {sorted(KINDS)}")
    return Organization(
        id=org_id,
        name=_string(entry, "name", where),
        acronyms=_strings(entry, "acronyms", where),
        aliases=_strings(entry, "aliases", where),
        names_ru=_strings(entry, "names_ru", where),
        aliases_ru=_strings(entry, "aliases_ru", where),
        generic=_strings(entry, "generic", where),
        parent=_optional_string(entry, "parent", where),
        kind=kind,
        country=_organization_country(entry, kind, where),
    )


def _organization_country(entry: Mapping[str, Any], kind: str, where: str) -> str | None:
    """The entry's alpha-3 country; national bodies must have one."""
    country = _optional_string(entry, "country", where)
    if country is None and kind == "national_body":
        raise DataError(f"{where}: a national_body needs `country` (alpha-3, e.g. RUS)")
    if country is not None and country not in _alpha3_codes():
        raise DataError(f"{where}: country {country!r} is not an ISO alpha-3 code such as RUS")
    return country


def _parse_organizations(raw: object) -> dict[str, Organization]:
    """All entries of organizations.yml by id, with unique ids and an acyclic parent tree."""
    if not isinstance(raw, list) or not raw:
        raise DataError("organizations.yml: expected a non-empty list of entries (`- id: ...`)")
    orgs: dict[str, Organization] = {}
    for position, item in enumerate(raw, start=1):
        org = _parse_organization(item, position)
        if org.id in orgs:
            raise DataError(f"organizations.yml: id {org.id!r} is used twice; rename one of them")
        orgs[org.id] = org
    for org in orgs.values():
        if org.parent is not None and org.parent not in orgs:
            raise DataError(
                f"organizations.yml entry {org.id!r}: parent {org.parent!r} is not an id in "
                "the file; fix the id or set `parent: null`"
            )
        _parent_chain(org.id, orgs)
    return orgs


def _parent_chain(org_id: str, orgs: Mapping[str, Organization]) -> tuple[str, ...]:
    """The ids above `org_id`, nearest first; a cycle raises DataError."""
    chain = [org_id]
    parent = orgs[org_id].parent
    while parent is not None:
        if parent in chain:
            cycle = " -> ".join([*chain, parent])
            raise DataError(f"organizations.yml: parents form a cycle {cycle}; fix one parent")
        chain.append(parent)
        parent = orgs[parent].parent
    return tuple(chain[1:])


def _alias_index(orgs: Mapping[str, Organization]) -> dict[str, str]:
    """Normalized name, acronym and alias (English and Russian) -> the one id it names."""
    index: dict[str, str] = {}
    for org in orgs.values():
        for form in org.names:
            _claim(index, form, org.id, "organizations.yml")
    return index


def _generic_index(
    orgs: Mapping[str, Organization], aliases: Mapping[str, str]
) -> dict[tuple[str, str], str]:
    """(normalized bare name, parent id or country code) -> id, checked against the aliases."""
    index: dict[tuple[str, str], str] = {}
    for org in orgs.values():
        for name in org.generic:
            key = normalize_alias(name)
            if key in aliases:
                raise DataError(
                    f"organizations.yml entry {org.id!r}: generic {name!r} is also a name of "
                    f"{aliases[key]!r}; a bare name cannot be both, remove one"
                )
            for context in _contexts(org):
                holder = index.setdefault((key, context), org.id)
                if holder != org.id:
                    raise DataError(
                        f"organizations.yml: generic {name!r} of {org.id!r} and of {holder!r} "
                        f"share the context {context!r}; keep it on one of them"
                    )
    return index


def _contexts(org: Organization) -> tuple[str, ...]:
    """What must be in context for a generic name of `org`: its parent id and/or its country."""
    contexts = tuple(c for c in (org.parent, org.country) if c is not None)
    if not contexts:
        raise DataError(
            f"organizations.yml entry {org.id!r}: `generic` names need a parent or a country "
            "to resolve against; add one or drop `generic`"
        )
    return contexts


@lru_cache(maxsize=1)
def organizations() -> dict[str, Organization]:
    """Every organization in organizations.yml by id."""
    return _parse_organizations(load_data_file("organizations.yml"))


@lru_cache(maxsize=1)
def organization_aliases() -> dict[str, str]:
    """Normalized name/acronym/alias (English and Russian) -> organization id; no form is shared."""
    return _alias_index(organizations())


@lru_cache(maxsize=1)
def generic_aliases() -> dict[tuple[str, str], str]:
    """(normalized bare name, parent id or country code) -> id: "Joint Staff" next to the CSTO."""
    return _generic_index(organizations(), organization_aliases())


def ancestors(org_id: str) -> tuple[str, ...]:
    """The ids that contain `org_id`, nearest first: ancestors("sco-rats") == ("sco",)."""
    orgs = organizations()
    if org_id not in orgs:
        raise NotFoundError(f"no organization with id {org_id!r}; see organizations.yml")
    return _parent_chain(org_id, orgs)


# --- countries ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _CountryExtra:
    """What countries.yml adds to one pycountry record."""

    name: str | None = None
    official_name: str | None = None
    forms: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    names_ru: tuple[str, ...] = ()
    combining: tuple[str, ...] = ()


_COUNTRY_FIELDS = ("name", "official_name", "forms", "adjectives", "names_ru", "combining")


def _parse_country_extras(raw: object) -> dict[str, _CountryExtra]:
    """countries.yml by alpha-3 code; unknown codes and fields raise DataError."""
    if not isinstance(raw, dict):
        raise DataError("countries.yml: expected a mapping of alpha-3 codes (`RUS: ...`)")
    extras: dict[str, _CountryExtra] = {}
    for code, item in raw.items():
        where = f"countries.yml entry {code!r}"
        if code not in _alpha3_codes():
            raise DataError(f"{where}: not an ISO 3166 alpha-3 code pycountry knows, e.g. RUS")
        entry = require_mapping(item or {}, where, _COUNTRY_FIELDS)
        extras[code] = _CountryExtra(
            name=_optional_string(entry, "name", where),
            official_name=_optional_string(entry, "official_name", where),
            forms=_strings(entry, "forms", where),
            adjectives=_strings(entry, "adjectives", where),
            names_ru=_strings(entry, "names_ru", where),
            combining=_strings(entry, "combining", where),
        )
    return extras


def _build_country(record: Any, extra: _CountryExtra) -> Country:
    """One Country from a pycountry record and its countries.yml entry."""
    common = getattr(record, "common_name", None)
    official = extra.official_name or getattr(record, "official_name", None)
    name = extra.name or common or record.name
    return Country(
        code=record.alpha_3,
        name=name,
        official_name=official,
        forms=_unique((name, record.name, official, common, *extra.forms)),
        adjectives=extra.adjectives,
        names_ru=extra.names_ru,
    )


def _unique(values: Iterable[str | None]) -> tuple[str, ...]:
    """`values` without None and repeats, in order."""
    return tuple(dict.fromkeys(v for v in values if v))


@lru_cache(maxsize=1)
def _country_extras() -> dict[str, _CountryExtra]:
    """countries.yml, parsed once."""
    return _parse_country_extras(load_data_file("countries.yml"))


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    """Every country pycountry knows, by alpha-3 code, with countries.yml merged in."""
    extras = _country_extras()
    return {
        record.alpha_3: _build_country(record, extras.get(record.alpha_3, _CountryExtra()))
        for record in pycountry.countries
    }


def _country_index(all_countries: Mapping[str, Country]) -> dict[str, str]:
    """Normalized form, adjective or Russian name -> the one alpha-3 code it names."""
    index: dict[str, str] = {}
    for country in all_countries.values():
        for form in (*country.forms, *country.adjectives, *country.names_ru):
            _claim(index, form, country.code, "countries.yml")
    return index


@lru_cache(maxsize=1)
def country_forms() -> dict[str, str]:
    """Normalized country form or adjective (English or Russian) -> alpha-3 code."""
    return _country_index(countries())


@lru_cache(maxsize=1)
def _compound_parts() -> dict[str, str]:
    """country_forms() plus combining forms ("Sino", "Russo") that only occur inside compounds."""
    index = dict(country_forms())
    for code, extra in _country_extras().items():
        for form in extra.combining:
            _claim(index, form, code, "countries.yml")
    return index


_COMPOUND_SEPARATOR = re.compile(r"\s*[-\u2010-\u2013]\s*")


def split_country_compound(text: str) -> tuple[str, ...] | None:
    """ "Tajik-Afghan" -> ("TJK", "AFG"); None unless every hyphenated part names a country."""
    parts = _COMPOUND_SEPARATOR.split(text.strip())
    if len(parts) < 2:
        return None
    lookup = _compound_parts()
    codes: list[str] = []
    for part in parts:
        code = lookup.get(normalize_alias(part))
        if code is None:
            return None
        codes.append(code)
    return tuple(codes)


# --- titles ---------------------------------------------------------------------------------------

_TITLE_FIELDS = ("honorifics", "ranks", "post_heads", "post_modifiers")


def _parse_titles(raw: object) -> Titles:
    """titles.yml with every list present, free of repeats, sorted longest first."""
    entry = require_mapping(raw, "titles.yml", _TITLE_FIELDS)
    lists = {key: _longest_first(_strings(entry, key, "titles.yml"), key) for key in _TITLE_FIELDS}
    return Titles(**lists)


def _longest_first(words: tuple[str, ...], key: str) -> tuple[str, ...]:
    """`words` sorted longest first; an empty list or a repeated word raises DataError."""
    if not words:
        raise DataError(f"titles.yml: `{key}` is missing or empty; list its words")
    repeated = sorted({w for w in words if words.count(w) > 1})
    if repeated:
        raise DataError(f"titles.yml: `{key}` lists {repeated} more than once; keep one of each")
    return tuple(sorted(words, key=lambda word: (-len(word), word)))


@lru_cache(maxsize=1)
def titles() -> Titles:
    """Honorifics, ranks, post heads and post modifiers from titles.yml."""
    return _parse_titles(load_data_file("titles.yml"))
