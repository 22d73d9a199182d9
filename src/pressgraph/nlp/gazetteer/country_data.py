"""The countries gazetteer: every pycountry record merged with countries.yml (common forms,
adjectives, Russian names), indexed by form and able to split compounds like "Sino-Russian".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pycountry

from pressgraph.errors import DataError
from pressgraph.nlp.gazetteer.loading import (
    alpha3_codes,
    claim_form,
    load_data_file,
    optional_string,
    require_mapping,
    string_list,
)
from pressgraph.nlp.gazetteer.normalization import normalize_alias

__all__ = ["Country", "countries", "country_forms", "split_country_compound"]


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
        if code not in alpha3_codes():
            raise DataError(f"{where}: not an ISO 3166 alpha-3 code pycountry knows, e.g. RUS")
        entry = require_mapping(item or {}, where, _COUNTRY_FIELDS)
        extras[code] = _CountryExtra(
            name=optional_string(entry, "name", where),
            official_name=optional_string(entry, "official_name", where),
            forms=string_list(entry, "forms", where),
            adjectives=string_list(entry, "adjectives", where),
            names_ru=string_list(entry, "names_ru", where),
            combining=string_list(entry, "combining", where),
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
            claim_form(index, form, country.code, "countries.yml")
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
            claim_form(index, form, code, "countries.yml")
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
