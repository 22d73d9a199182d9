"""Stable entity ids: an entity keeps its id when more documents arrive (issue 10).

A person's id is made from the best name of its cluster, and the best name changes as pages
add spellings (``Ivan Petrov`` then ``Ivan Sergeyevich Petrov``). So resolution remembers,
per mention, the id its cluster had (`mentions.cluster_id`, before people's judgements, which
work on those ids), and a cluster takes the id most of its previously clustered mentions had
(`kept_ids`). One old id goes to one cluster only, the one holding most of its mentions; any
other cluster, and every new one, gets a fresh slug id that no entity or alias has
(`IdMaker`). Organizations, countries and places have ids made from what defines their
cluster (a gazetteer entry, an ISO code, a normalized name), which more documents do not
change. Ids that stop being entities become aliases of the entity holding most of their
mentions (`moved_ids`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from pressgraph.store.aliases import Alias, now


@dataclass(frozen=True)
class Previous:
    """What the last resolution left: each mention's cluster id, and the ids a new entity
    may not take (the entities and aliases of before)."""

    votes: Mapping[int, str]
    reserved: frozenset[str]

    @classmethod
    def fresh(cls) -> Previous:
        """Nothing remembered: ids as a new database gets them."""
        return cls({}, frozenset())


def kept_ids(clusters: Sequence[Iterable[int]], votes: Mapping[int, str]) -> dict[int, str]:
    """Cluster index -> the old id it keeps. A cluster wants the id most of its mentions had
    (ties: the smaller id); an id wanted by several goes to the one with most of its
    mentions (ties: the earlier cluster, in the caller's deterministic order)."""
    wanted: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for index, members in enumerate(clusters):
        counts = Counter(votes[m] for m in members if m in votes)
        if counts:
            old = min(counts, key=lambda i: (-counts[i], i))
            wanted[old].append((counts[old], index))
    return {min(claims, key=lambda c: (-c[0], c[1]))[1]: old for old, claims in wanted.items()}


class IdMaker:
    """Fresh ids from a base (``person:ivan-petrov``, then ``-2``, ``-3``...), never one
    already taken."""

    def __init__(self, taken: Iterable[str]) -> None:
        self.taken = set(taken)

    def make(self, base: str) -> str:
        """The base, or the base with the first free number from 2."""
        made, n = base, 1
        while made in self.taken:
            n += 1
            made = f"{base}-{n}"
        self.taken.add(made)
        return made


def moved_ids(
    before: Mapping[int, str], after: Mapping[int, str], current: Iterable[str]
) -> dict[str, Alias]:
    """Each id mentions had before that no entity has now -> an alias of the entity holding
    most of those mentions now (ties: the smaller id): `merged` when that entity was there
    before too, `renamed` otherwise. An id whose mentions are all gone has no alias."""
    present = set(current)
    had = set(before.values())
    held: dict[str, Counter[str]] = defaultdict(Counter)
    for mention, old in before.items():
        if old not in present and after.get(mention) in present:
            held[old][after[mention]] += 1
    made = now()
    found = {}
    for old, counts in sorted(held.items()):
        into = min(counts, key=lambda e: (-counts[e], e))
        found[old] = Alias(old, into, "merged" if into in had else "renamed", made)
    return found
