"""The PersonName record: one written form of a person's name split into its parts, and the
form a reader expects to see it in."""

# ``initials`` holds one initial per given word, then any middle initials, then the
# patronymic's initial: ``Valery Nikolaevich Semerikov`` and ``V.N. Semerikov`` both have
# ``("V", "N")``. ``surname_first`` keeps the written order of Chinese and Korean names for
# display (``Xie Xiaoyong``), though they are parsed with the surname first.

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PersonName", "extra_initials"]


@dataclass(frozen=True)
class PersonName:
    """One written form of a person's name, split into its parts."""

    given: str | None
    initials: tuple[str, ...]
    patronymic: str | None
    surname: str
    surname_first: bool = False

    def display(self) -> str:
        """The name as a reader expects it: "Valery Semerikov", "V.N. Semerikov", "Xie Xiaoyong"."""
        if self.given is None:
            head = "".join(f"{initial}." for initial in self.initials)
            return f"{head} {self.surname}".strip()
        if self.surname_first:
            return " ".join(p for p in (self.surname, self.given, self.patronymic) if p)
        middle = " ".join(f"{initial}." for initial in extra_initials(self))
        return " ".join(p for p in (self.given, middle, self.patronymic, self.surname) if p)


def extra_initials(name: PersonName) -> tuple[str, ...]:
    """Initials not implied by the given words or the patronymic (the W. of George W. Bush);
    display writes them and comparison gives each its own slot."""
    start = len(name.given.split()) if name.given else 0
    end = len(name.initials) - (1 if name.patronymic else 0)
    return name.initials[start:end]
