"""A figure stated twice in one story is one claim: the narrative gives it, then the quote (or a
subtitle, then the body). The copy that someone is reported to say is kept, else the first."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, TypeVar

from pressgraph.extract.quantities import Quantity


class _Claim(Protocol):
    @property
    def quantity(self) -> Quantity: ...

    @property
    def speaker(self) -> object | None: ...


C = TypeVar("C", bound=_Claim)


def _key(quantity: Quantity, same_units: dict[str, str]) -> tuple[float, float, str | None]:
    unit = quantity.unit
    return quantity.low, quantity.high, same_units.get(unit, unit) if unit else None


def without_restated(claims: Sequence[C], same_units: dict[str, str]) -> list[C]:
    """The claims with every restated figure kept once, in text order."""
    chosen: dict[tuple[float, float, str | None], C] = {}
    for claim in claims:
        key = _key(claim.quantity, same_units)
        kept = chosen.get(key)
        if kept is None or (kept.speaker is None and claim.speaker is not None):
            chosen[key] = claim
    keep = {id(c) for c in chosen.values()}
    return [c for c in claims if id(c) in keep]
