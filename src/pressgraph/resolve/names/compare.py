"""Comparing names: the signature a name compares by, and whether two names can be one person
(``Marcel Peško`` and ``M. Peshko``, ``Sergey Shoygu`` and ``Sergei Shoigu``)."""

# Surnames compare by key. A given name compares through its group in given_names.yml. An
# initial fits a given name when any spelling of that name starts with it (``Yu.`` and ``Y.``
# fit Yuri), and two initials fit when one starts with the other.

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, NamedTuple

from pressgraph.resolve.names.given import given_word_key, given_word_spellings
from pressgraph.resolve.names.keys import fold, name_key, surname_key, surname_text_key
from pressgraph.resolve.names.record import PersonName, extra_initials

__all__ = [
    "NameSignature",
    "clear_caches",
    "same_person",
    "signature",
    "signatures_compatible",
]


class _Slot(NamedTuple):
    """One position of the name after the surname: a given word, an initial or a patronymic."""

    kind: Literal["word", "initial", "patronymic"]
    key: str
    spellings: tuple[str, ...]


@dataclass(frozen=True, order=True)
class NameSignature:
    """Everything comparing names needs: surname key and the slots of given names and initials.

    Equal signatures compare alike, so a resolver compares each distinct signature once.
    """

    surname_key: str
    slots: tuple[_Slot, ...]

    @property
    def has_given(self) -> bool:
        """True when the first slot is a written given name, not an initial."""
        return bool(self.slots) and self.slots[0].kind == "word"

    @property
    def has_patronymic(self) -> bool:
        """True when the name carries a written patronymic."""
        return any(slot.kind == "patronymic" for slot in self.slots)


@lru_cache(maxsize=131072)
def signature(name: PersonName) -> NameSignature:
    """The comparison signature of a name (cached: names repeat across a corpus)."""
    words = name.given.split() if name.given else []
    slots = [_Slot("word", given_word_key(w), given_word_spellings(w)) for w in words]
    slots += [_initial_slot(i) for i in extra_initials(name)]
    if name.patronymic:
        slots.append(_Slot("patronymic", name_key(name.patronymic), (fold(name.patronymic),)))
    return NameSignature(surname_key(name), tuple(slots))


def _initial_slot(initial: str) -> _Slot:
    folded = fold(initial)
    return _Slot("initial", folded, (folded,))


def _slots_fit(a: _Slot, b: _Slot) -> bool:
    """Two slots can be the same name part: equal keys, or an initial that starts the other."""
    if a.kind == "initial" and b.kind == "initial":
        return a.key.startswith(b.key) or b.key.startswith(a.key)
    if a.kind == "initial":
        return any(s.startswith(a.key) for s in b.spellings)
    if b.kind == "initial":
        return any(s.startswith(b.key) for s in a.spellings)
    return a.key == b.key


def signatures_compatible(a: NameSignature, b: NameSignature) -> bool:
    """Same surname key and every slot both sides have fits (a missing slot fits anything)."""
    return a.surname_key == b.surname_key and all(map(_slots_fit, a.slots, b.slots))


def same_person(a: PersonName, b: PersonName) -> bool:
    """True when the two forms can name one person: surname keys equal, given names,
    initials and patronymics compatible where both sides have them."""
    return signatures_compatible(signature(a), signature(b))


def clear_caches() -> None:
    """Forget memoized keys and signatures, so a benchmark run starts cold."""
    for cached in (fold, name_key, signature, surname_text_key):
        cached.cache_clear()
