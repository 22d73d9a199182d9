"""Long lists of values in slices a query can take (a module of its own: the store's modules
below `db` use it too)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")


def chunked(values: Sequence[T], size: int = 500) -> Iterator[Sequence[T]]:
    """`values` in slices of `size`: an IN list stays under SQLite's bound-parameter limit."""
    for n in range(0, len(values), size):
        yield values[n : n + size]
