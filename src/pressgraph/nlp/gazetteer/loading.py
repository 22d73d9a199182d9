"""Reading the YAML files bundled in pressgraph/nlp/data and validating their fields, so a typo
in any gazetteer file fails loudly with a DataError naming the file, the entry and the fix.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

import pycountry

from pressgraph.datafiles import load_yaml
from pressgraph.errors import DataError
from pressgraph.nlp.gazetteer.normalization import normalize_alias

__all__ = [
    "alpha3_codes",
    "claim_form",
    "load_data_file",
    "optional_string",
    "require_mapping",
    "required_string",
    "string_list",
]


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


def string_list(entry: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    """The list of non-empty strings under `key` (missing or null means empty)."""
    value = entry.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise DataError(
            f"{where}: `{key}` must be a list of non-empty strings, got {value!r}; "
            "quote items that contain commas or colons"
        )
    return tuple(v.strip() for v in value)


def optional_string(entry: Mapping[str, Any], key: str, where: str) -> str | None:
    """The string under `key`, or None when it is missing or null."""
    value = entry.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise DataError(f"{where}: `{key}` must be a non-empty string or null, got {value!r}")
    return value.strip()


def required_string(entry: Mapping[str, Any], key: str, where: str) -> str:
    """The required string under `key`."""
    value = optional_string(entry, key, where)
    if value is None:
        raise DataError(f"{where}: `{key}` is required; add it")
    return value


def claim_form(index: dict[str, str], form: str, owner: str, source: str) -> None:
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
def alpha3_codes() -> frozenset[str]:
    """Every ISO 3166 alpha-3 code pycountry knows."""
    return frozenset(country.alpha_3 for country in pycountry.countries)
