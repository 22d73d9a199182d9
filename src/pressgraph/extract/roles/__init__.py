"""Pipeline component: posts held ("title + name") and later references to the post holder.
Importing this package registers the `pressgraph_roles` spaCy factory (in component.py)."""

from __future__ import annotations

from pressgraph.extract.roles.component import RoleFinder, make_roles
from pressgraph.extract.roles.records import FoundRole

__all__ = ["FoundRole", "RoleFinder", "make_roles"]
