"""Cluster person mentions into one entity per real-world person, across stories and documents.

How `resolve_people` decides, inside each block of mentions sharing a surname key:

1. Names with a written given name are clustered corpus-wide, most specific first (given name
   with patronymic, then with initials, then given name alone). A name joins the one cluster
   whose every member it is compatible with (`same_person`); compatible with none, it starts
   a cluster; compatible with several (``Sergey Ivanov`` when ``Sergey Viktorovich Ivanov``
   and ``Sergey Borisovich Ivanov`` both exist), it is ambiguous and handled like step 2.
2. The other mentions (surname only, initials only, ambiguous) are placed story by story, most
   specific first: a mention joins the one identity of its story it is compatible with;
   with no candidate in the story, it joins the one compatible full-name cluster of the whole
   corpus; otherwise (none, or several) it gets its own identity for that story, which later,
   less specific mentions of the same story may join (``V. Voronkov`` then ``Voronkov``).
3. Different given names or initials never meet: compatibility requires them to agree.

Every step runs over sorted signatures and sorted stories, so the partition does not depend on
the order of the input; the cluster id is the smallest mention key in the cluster, which is
therefore stable too. Comparisons happen only inside a surname block, and each distinct
signature is compared once per block (per story for step 2), so cost grows with the number of
mentions times the (small) number of distinct spellings per surname.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from pressgraph.resolve.names import (
    NameSignature,
    PersonName,
    signature,
    signatures_compatible,
)

_MIN_TYPO_KEY = 5  # shorter surnames differ by one letter too often to be one person

__all__ = [
    "PersonMention",
    "ResolveStats",
    "aliases",
    "best_name",
    "block_keys",
    "resolve_people",
    "resolve_people_with_stats",
]


@dataclass(frozen=True)
class PersonMention:
    """One mention of a person: the caller's unique key, the parsed name, and where it is."""

    key: str
    name: PersonName
    story: str
    document: str


@dataclass(frozen=True)
class ResolveStats:
    """What a resolution cost: blocks, distinct signatures and signature comparisons made."""

    mentions: int
    blocks: int
    largest_block: int
    signatures: int
    comparisons: int
    clusters: int


_Token = tuple[str, ...]


@dataclass
class _Identity:
    """A person as seen while resolving: its token and the signature numbers it holds so far."""

    token: _Token
    members: list[int] = field(default_factory=list)


class _Comparer:
    """Checks a signature against an identity's members and counts the comparisons made."""

    def __init__(self) -> None:
        self.count = 0

    def fits(self, sig: NameSignature, members: Sequence[NameSignature]) -> bool:
        """True when `sig` is compatible with every member (complete linkage)."""
        for member in members:
            self.count += 1
            if not signatures_compatible(sig, member):
                return False
        return True


def resolve_people(
    mentions: Sequence[PersonMention], blocks: Mapping[str, str] | None = None
) -> dict[str, str]:
    """Map each mention key to a cluster id (its smallest mention key); one cluster per person.
    `blocks` (mention key -> surname key, from `block_keys` over whole stories) lets a caller
    resolve some blocks only: each block resolves alone, so the result is the whole run's."""
    return resolve_people_with_stats(mentions, blocks)[0]


def block_keys(mentions: Sequence[PersonMention]) -> dict[str, str]:
    """Mention key -> the surname key it is compared under. Give every person mention of
    each story together: a surname alone may take the key of a full name of its story."""
    sigs = _with_story_spellings(mentions, [signature(m.name) for m in mentions])
    return {m.key: sig.surname_key for m, sig in zip(mentions, sigs, strict=True)}


def resolve_people_with_stats(
    mentions: Sequence[PersonMention], keys: Mapping[str, str] | None = None
) -> tuple[dict[str, str], ResolveStats]:
    """`resolve_people` plus the cost figures the benchmark prints."""
    _check_unique(mentions)
    if keys is None:
        sigs = _with_story_spellings(mentions, [signature(m.name) for m in mentions])
    else:
        sigs = [NameSignature(keys[m.key], signature(m.name).slots) for m in mentions]
    blocks: defaultdict[str, list[int]] = defaultdict(list)
    for index, sig in enumerate(sigs):
        blocks[sig.surname_key].append(index)
    comparer = _Comparer()
    tokens: dict[str, _Token] = {}
    for block in blocks.values():
        members = [mentions[i] for i in block]
        tokens.update(_Block(members, [sigs[i] for i in block], comparer).resolve())
    ids = _cluster_ids(tokens)
    stats = ResolveStats(
        mentions=len(mentions),
        blocks=len(blocks),
        largest_block=max((len(b) for b in blocks.values()), default=0),
        signatures=len(set(sigs)),
        comparisons=comparer.count,
        clusters=len(set(ids.values())),
    )
    return ids, stats


def _with_story_spellings(
    mentions: Sequence[PersonMention], sigs: list[NameSignature]
) -> list[NameSignature]:
    """A surname alone that no full name of its story carries, but one full name of the story
    carries with one letter more, less or other ("Mr. Sharia" after "David Scharia"), is
    that name misspelled: it is compared under that name's surname key."""
    full: defaultdict[str, set[str]] = defaultdict(set)
    for mention, sig in zip(mentions, sigs, strict=True):
        if sig.slots:
            full[mention.story].add(sig.surname_key)
    out = list(sigs)
    for i, (mention, sig) in enumerate(zip(mentions, sigs, strict=True)):
        keys = full.get(mention.story, set())
        if sig.slots or sig.surname_key in keys or len(sig.surname_key) < _MIN_TYPO_KEY:
            continue
        near = [k for k in keys if _one_edit(sig.surname_key, k)]
        if len(near) == 1:
            out[i] = NameSignature(near[0], sig.slots)
    return out


def _one_edit(a: str, b: str) -> bool:
    """Whether two keys differ by exactly one inserted, deleted or replaced letter."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def _check_unique(mentions: Sequence[PersonMention]) -> None:
    """Mention keys identify mentions: a repeated key is a caller bug."""
    seen: set[str] = set()
    for mention in mentions:
        if mention.key in seen:
            raise ValueError(f"mention key {mention.key!r} is used twice; keys must be unique")
        seen.add(mention.key)


def _cluster_ids(tokens: dict[str, _Token]) -> dict[str, str]:
    """Name each identity by its smallest mention key, which no input order can change."""
    smallest: dict[_Token, str] = {}
    for key, token in tokens.items():
        if token not in smallest or key < smallest[token]:
            smallest[token] = key
    return {key: smallest[token] for key, token in tokens.items()}


def _rank(sig: NameSignature) -> tuple[bool, int, bool, NameSignature]:
    """Sort key: most specific first (given name, more slots, patronymic), then the signature."""
    return (not sig.has_given, -len(sig.slots), not sig.has_patronymic, sig)


class _Block:
    """The mentions sharing one surname key, resolved together.

    Distinct signatures are numbered in `_rank` order, so sorting numbers sorts by
    specificity and sets of numbers hash cheaply.
    """

    def __init__(
        self, mentions: list[PersonMention], sigs: list[NameSignature], comparer: _Comparer
    ) -> None:
        self.mentions = mentions
        self.comparer = comparer
        self.surname_key = sigs[0].surname_key
        self.sigs = sorted(set(sigs), key=_rank)
        number = {sig: n for n, sig in enumerate(self.sigs)}
        self.numbers = [number[sig] for sig in sigs]
        self.clusters: list[list[int]] = []
        self.cluster_of: dict[int, int] = {}
        self.corpus_match: dict[int, int | None] = {}

    def resolve(self) -> dict[str, _Token]:
        """Step 1 over the block, then step 2 story by story; mention key -> identity token."""
        self._cluster_full([n for n, sig in enumerate(self.sigs) if sig.has_given])
        stories: defaultdict[tuple[str, str], list[int]] = defaultdict(list)
        for index, mention in enumerate(self.mentions):
            stories[(mention.document, mention.story)].append(index)
        tokens: dict[str, _Token] = {}
        for story, indexes in stories.items():
            placed = self._resolve_story(story, {self.numbers[i] for i in indexes})
            tokens.update((self.mentions[i].key, placed[self.numbers[i]]) for i in indexes)
        return tokens

    def _fits(self, number: int, members: Sequence[int]) -> bool:
        return self.comparer.fits(self.sigs[number], [self.sigs[m] for m in members])

    def _cluster_full(self, ranked: list[int]) -> None:
        """Step 1: each full name joins its one compatible cluster, or starts one if it has none."""
        by_given: defaultdict[str, list[int]] = defaultdict(list)
        for number in ranked:
            candidates = by_given[self.sigs[number].slots[0].key]
            fits = [c for c in candidates if self._fits(number, self.clusters[c])]
            if len(fits) == 1:
                self.clusters[fits[0]].append(number)
                self.cluster_of[number] = fits[0]
            elif not fits:
                self.cluster_of[number] = len(self.clusters)
                candidates.append(len(self.clusters))
                self.clusters.append([number])

    def _resolve_story(self, story: tuple[str, str], numbers: set[int]) -> dict[int, _Token]:
        """Step 2 for one story: place its partial and ambiguous names; number -> token."""
        present = sorted({self.cluster_of[n] for n in numbers if n in self.cluster_of})
        identities = [self._cluster_identity(c) for c in present]
        placed = {
            n: self._cluster_token(self.cluster_of[n]) for n in numbers if n in self.cluster_of
        }
        pending = sorted(n for n in numbers if n not in self.cluster_of)
        for number in pending:
            local = ("local", self.surname_key, *story, str(number))
            identity = self._place(number, identities, local)
            identity.members.append(number)
            placed[number] = identity.token
        return placed

    def _place(self, number: int, identities: list[_Identity], local: _Token) -> _Identity:
        """The story's one compatible identity, else the corpus's one cluster, else a new one."""
        fits = [d for d in identities if self._fits(number, d.members)]
        if len(fits) == 1:
            return fits[0]
        match = self._corpus_match(number) if not fits else None
        identity = self._cluster_identity(match) if match is not None else _Identity(local)
        identities.append(identity)
        return identity

    def _corpus_match(self, number: int) -> int | None:
        """The one full-name cluster of the block compatible with the name, if exactly one."""
        if number not in self.corpus_match:
            fits = [c for c, members in enumerate(self.clusters) if self._fits(number, members)]
            self.corpus_match[number] = fits[0] if len(fits) == 1 else None
        return self.corpus_match[number]

    def _cluster_token(self, cluster: int) -> _Token:
        return ("cluster", self.surname_key, str(cluster))

    def _cluster_identity(self, cluster: int) -> _Identity:
        """A story-local view of a corpus cluster (its members are copied, not shared)."""
        return _Identity(self._cluster_token(cluster), list(self.clusters[cluster]))


# --- naming an entity -------------------------------------------------------------------


def best_name(names: Iterable[PersonName]) -> PersonName:
    """The spelling to show for an entity: the most complete form (given name, patronymic,
    initials), then Latin script, then the native diacritic spelling ("Peško" over "Peshko":
    ASCII forms are usually transliteration artifacts), then the most frequent, then the
    alphabetically first display, so the choice is deterministic."""
    counts = Counter(names)
    if not counts:
        raise ValueError("best_name needs at least one name")
    return min(counts, key=lambda name: _preference(name, counts[name]))


def aliases(names: Iterable[PersonName]) -> list[str]:
    """Distinct display spellings: the best name first, then by frequency and alphabet."""
    counts = Counter(names)
    if not counts:
        return []
    best = best_name(counts.elements()).display()
    shown: Counter[str] = Counter()
    for name, count in counts.items():
        shown[name.display()] += count
    rest = sorted((d for d in shown if d != best), key=lambda d: (-shown[d], d))
    return [best, *rest]


def _preference(name: PersonName, count: int) -> tuple[int, int, int, bool, int, int, str, str]:
    """Smaller is better: see best_name for the order of the criteria."""
    display = name.display()
    letters = [c for c in display if c.isalpha()]
    latin = all("LATIN" in unicodedata.name(c, "") for c in letters)
    return (
        -(name.given is not None),
        -(name.patronymic is not None),
        -len(name.initials),
        not latin,
        -sum(not c.isascii() for c in letters),
        -count,
        display,
        repr(name),
    )
