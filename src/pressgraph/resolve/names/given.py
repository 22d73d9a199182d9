"""Given-name variant groups from resolve/data/given_names.yml (Yuri = Yury = Юрий), so
spellings of one given name share a key and an initial can be matched against all of them."""

# A given name compares through its group, or through its own key when the table does not
# know it.

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from pressgraph.datafiles import parse_yaml
from pressgraph.errors import DataError
from pressgraph.resolve.names.keys import fold, name_key
from pressgraph.resolve.names.record import PersonName

__all__ = [
    "GivenNameTable",
    "given_key",
    "given_name_table",
    "given_word_key",
    "given_word_spellings",
]


@dataclass(frozen=True)
class GivenNameTable:
    """Groups of spellings of one given name (Yuri, Yury, Юрий), looked up by key."""

    canonical_by_key: Mapping[str, str]
    spellings: Mapping[str, tuple[str, ...]]

    @classmethod
    def from_yaml(cls, text: str, source: str = "given_names.yml") -> GivenNameTable:
        """Build the table from YAML text; DataError says what is malformed and how to fix it."""
        groups = _read_groups(text, source)
        canonical_by_key: dict[str, str] = {}
        spellings: dict[str, tuple[str, ...]] = {}
        for canonical, variants in groups.items():
            names = [canonical, *variants]
            for name in names:
                _index_spelling(canonical_by_key, canonical, name, source)
            spellings[canonical] = tuple(sorted({fold(n) for n in names}))
        return cls(canonical_by_key, spellings)

    def canonical(self, given: str) -> str | None:
        """The canonical spelling of the group `given` belongs to, or None when unknown."""
        return self.canonical_by_key.get(name_key(given))


def _read_groups(text: str, source: str) -> dict[str, list[str]]:
    """The `groups:` mapping of a given-names file, checked for shape."""
    try:
        data = parse_yaml(text)
    except yaml.YAMLError as exc:
        raise DataError(f"{source}: not valid YAML ({exc}); fix the syntax") from exc
    groups = data.get("groups") if isinstance(data, dict) else None
    if not isinstance(groups, dict) or not groups:
        raise DataError(f"{source}: expected `groups:` mapping a canonical name to its spellings")
    checked: dict[str, list[str]] = {}
    for canonical, variants in groups.items():
        items = [] if variants is None else variants
        if not isinstance(canonical, str) or not isinstance(items, list):
            raise DataError(f"{source}: group {canonical!r} must map a name to a list of names")
        if not all(isinstance(v, str) and v.strip() for v in items):
            raise DataError(
                f"{source}: group {canonical!r} has a spelling that is not a name; "
                "quote spellings that YAML reads as booleans or numbers"
            )
        checked[canonical] = items
    return checked


def _index_spelling(index: dict[str, str], canonical: str, name: str, source: str) -> None:
    """Add one spelling to the key index; a key claimed by two groups is a data error."""
    key = name_key(name)
    if not key:
        raise DataError(
            f"{source}: {name!r} in group {canonical!r} has no Latin or Cyrillic letter"
        )
    owner = index.setdefault(key, canonical)
    if owner != canonical:
        raise DataError(
            f"{source}: {name!r} (group {canonical!r}) folds to {key!r} like a spelling of "
            f"{owner!r}; put the two spellings in one group or drop one"
        )


@cache
def given_name_table() -> GivenNameTable:
    """The bundled given-name groups (resolve/data/given_names.yml), loaded once."""
    resource = resources.files("pressgraph.resolve") / "data" / "given_names.yml"
    return GivenNameTable.from_yaml(resource.read_text(encoding="utf-8"), "given_names.yml")


def given_word_key(word: str) -> str:
    """Group key of one given word: the canonical spelling's key, else the word's own key;
    Sergei and Sergey compare equal through it."""
    canonical = given_name_table().canonical(word)
    return name_key(canonical if canonical is not None else word)


def given_word_spellings(word: str) -> tuple[str, ...]:
    """Folded spellings of a given word's group, which an initial may start with."""
    table = given_name_table()
    canonical = table.canonical(word)
    return table.spellings[canonical] if canonical is not None else (fold(word),)


def given_key(name: PersonName) -> str | None:
    """Key of the first given name's group (Sergei and Sergey share one); None without one."""
    return given_word_key(name.given.split()[0]) if name.given else None
