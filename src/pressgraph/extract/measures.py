"""One unit per dimension: a figure in kilograms and one in tons compare once both are in the
base unit of mass (`measures` in data/units.yml); a unit that is not a measure counts things.

Kept apart from the quantity finder so that readers of stored claims (the exporter, the web
pages) can normalize figures without loading spaCy.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from pressgraph.datafiles import load_yaml
from pressgraph.errors import DataError

COUNT = "count"  # the dimension of a unit that counts things ("country", "fighter")


@dataclass(frozen=True)
class Measure:
    """A unit of measure: the dimension it measures, the base unit and how many base units one
    of it is ("ton": mass, kilogram, 1000)."""

    dimension: str
    base: str
    factor: float


class Normalized(NamedTuple):
    """A figure in the base unit of its dimension: 790 kilogram of mass for "0.79 tons"."""

    dimension: str
    unit: str | None
    low: float
    high: float


def _measure(unit: object, spec: object) -> Measure:
    if isinstance(unit, str) and isinstance(spec, list) and len(spec) == 3:
        dimension, base, factor = spec
        number = isinstance(factor, int | float) and not isinstance(factor, bool)
        if isinstance(dimension, str) and isinstance(base, str) and number and factor > 0:
            return Measure(dimension.lower(), base.lower(), float(factor))
    raise DataError(
        "pressgraph/extract/data/units.yml: 'measures' must map each unit to "
        f"[dimension, base unit, positive factor], not {unit!r}: {spec!r}; fix the file"
    )


def parse_measures(raw: object) -> dict[str, Measure]:
    """The `measures` of a parsed units.yml, checked; DataError if malformed."""
    table = raw.get("measures") if isinstance(raw, dict) else None
    if not isinstance(table, dict) or not table:
        raise DataError("pressgraph/extract/data/units.yml: 'measures' must be a mapping")
    return {" ".join(str(u).lower().split()): _measure(u, spec) for u, spec in table.items()}


@lru_cache(maxsize=1)
def measures() -> dict[str, Measure]:
    """The bundled units of measure, read once."""
    return parse_measures(load_yaml("pressgraph.extract", "units.yml"))


def is_measure(unit: str | None) -> bool:
    """Whether a unit measures an amount ("ton", "liter") rather than counting things."""
    return unit is not None and unit in measures()


def normalized(low: float, high: float, unit: str | None) -> Normalized:
    """The figure in its dimension's base unit ("count" and the unit itself when it counts)."""
    measure = measures().get(unit) if unit is not None else None
    if measure is None:
        return Normalized(COUNT, unit, low, high)
    return Normalized(measure.dimension, measure.base, low * measure.factor, high * measure.factor)
