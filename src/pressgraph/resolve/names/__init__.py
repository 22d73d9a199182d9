"""Person names: parse a written form, fold its spellings to keys, and tell whether two forms
can name the same person. This package re-exports the public API of its modules."""

# Press releases translated from Russian spell one person many ways: ``Marcel Peško`` and
# ``M. Peshko``, ``Sergey Shoygu`` and ``Sergei Shoigu``, ``Semerikov Valery Nikolaevich`` and
# ``V. Semerikov``. The modules, from the bottom up:
#
# - record: the PersonName record and its display form;
# - keys: transliteration-blind word and surname keys (fold, name_key, KEY_RULES);
# - given: given-name variant groups from resolve/data/given_names.yml;
# - tokens: cleaning a text and classifying its words; parse: reading the name order;
# - compare: name signatures and same_person.

from __future__ import annotations

from pressgraph.resolve.names.compare import (
    NameSignature,
    clear_caches,
    same_person,
    signature,
    signatures_compatible,
)
from pressgraph.resolve.names.given import GivenNameTable, given_key, given_name_table
from pressgraph.resolve.names.keys import KEY_RULES, fold, name_key, surname_key
from pressgraph.resolve.names.parse import looks_personal, parse_person_name
from pressgraph.resolve.names.record import PersonName

__all__ = [
    "KEY_RULES",
    "GivenNameTable",
    "NameSignature",
    "PersonName",
    "clear_caches",
    "fold",
    "given_key",
    "given_name_table",
    "looks_personal",
    "name_key",
    "parse_person_name",
    "same_person",
    "signature",
    "signatures_compatible",
    "surname_key",
]
