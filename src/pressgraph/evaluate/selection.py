"""Which gold documents and pages an evaluation keeps: a half of the corpus by file number
(odd or even, so one half can be tuned on and the other measured) and/or named files."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePath
from typing import Literal

from pressgraph.ingest.addresses import is_url

Half = Literal["odd", "even"]

_LEADING_DIGITS = re.compile(r"\d+")


def file_number(name: str) -> int | None:
    """The leading digits of a file's name as a number (007.txt -> 7), None without them."""
    found = _LEADING_DIGITS.match(PurePath(name).name)
    return int(found.group()) if found else None


@dataclass(frozen=True)
class Selection:
    """Keep files of one half (by file number) and/or only the named files; None keeps all."""

    half: Half | None = None
    only: frozenset[str] | None = None

    @classmethod
    def of(cls, half: Half | None, only: str | None) -> Selection:
        """From the command line's --half and --only (file names separated by commas)."""
        names = frozenset(n.strip() for n in (only or "").split(",") if n.strip())
        return cls(half, names or None)

    def keeps(self, name: str) -> bool:
        """Whether the file `name` (a base name or a path) is kept."""
        base = PurePath(name).name
        if self.only is not None and base not in self.only:
            return False
        if self.half is None:
            return True
        number = file_number(base)
        return number is not None and number % 2 == (1 if self.half == "odd" else 0)

    def pages(self, paths: Iterable[str]) -> list[str]:
        """The page paths kept (a URL is kept: its pages are paired by their own names)."""
        return [p for p in paths if is_url(p) or self.keeps(p)]
