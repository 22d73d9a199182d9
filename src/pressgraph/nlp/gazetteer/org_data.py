"""The organizations gazetteer: organizations.yml validated into entries with a parent tree,
indexed by every name (English and Russian) and by generic bare names in their context.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from pressgraph.errors import DataError, NotFoundError
from pressgraph.nlp.gazetteer.loading import (
    alpha3_codes,
    claim_form,
    load_data_file,
    optional_string,
    require_mapping,
    required_string,
    string_list,
)
from pressgraph.nlp.gazetteer.normalization import normalize_alias

__all__ = [
    "KINDS",
    "Organization",
    "ancestors",
    "generic_aliases",
    "organization_aliases",
    "organizations",
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
    org_id = required_string(entry, "id", f"organizations.yml entry #{position}")
    where = f"organizations.yml entry {org_id!r}"
    if not _SLUG.fullmatch(org_id):
        raise DataError(f"{where}: ids are lowercase slugs like 'csto-joint-staff'; rename it")
    kind = required_string(entry, "kind", where)
    if kind not in KINDS:
        raise DataError(f"{where}: kind {kind!r} is not one of {sorted(KINDS)}")
    return Organization(
        id=org_id,
        name=required_string(entry, "name", where),
        acronyms=string_list(entry, "acronyms", where),
        aliases=string_list(entry, "aliases", where),
        names_ru=string_list(entry, "names_ru", where),
        aliases_ru=string_list(entry, "aliases_ru", where),
        generic=string_list(entry, "generic", where),
        parent=optional_string(entry, "parent", where),
        kind=kind,
        country=_organization_country(entry, kind, where),
    )


def _organization_country(entry: Mapping[str, Any], kind: str, where: str) -> str | None:
    """The entry's alpha-3 country; national bodies must have one."""
    country = optional_string(entry, "country", where)
    if country is None and kind == "national_body":
        raise DataError(f"{where}: a national_body needs `country` (alpha-3, e.g. RUS)")
    if country is not None and country not in alpha3_codes():
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
            claim_form(index, form, org.id, "organizations.yml")
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
