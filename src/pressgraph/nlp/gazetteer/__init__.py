"""Gazetteers of organizations, countries and titles, read once from pressgraph/nlp/data,
validated (a DataError names the file, entry and fix), indexed by one normalization and
cached (treat what loaders return as read-only); submodules hold one gazetteer each.
"""

from __future__ import annotations

from pressgraph.nlp.gazetteer.country_data import (
    Country,
    countries,
    country_forms,
    split_country_compound,
)
from pressgraph.nlp.gazetteer.loading import load_data_file, require_mapping
from pressgraph.nlp.gazetteer.normalization import normalize_alias, spelling_variants
from pressgraph.nlp.gazetteer.org_data import (
    KINDS,
    Organization,
    ancestors,
    generic_aliases,
    organization_aliases,
    organizations,
)
from pressgraph.nlp.gazetteer.title_data import Titles, titles

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
