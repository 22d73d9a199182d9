"""Benchmark: person resolution cost against corpus size, on synthetic mentions.

Builds 2,000 surnames with transliteration variants (ya/ia, ay/ai, ks/x, sh/š, doubled
letters), draws persons from them (a given name from the bundled groups, some with a
patronymic; several persons share each surname), and scatters their mentions over stories:
full names in varied spellings, surname-first forms, initials and bare surnames, and stories
that only say "Ivanov". Then runs `resolve_people` at 10k, 25k, 50k and 100k mentions and
prints seconds, mentions per second and signature comparisons, which should grow close to
linearly, plus B-cubed precision and recall against the true persons.

    .venv/bin/python bench/resolve_people.py [--sizes 10000 25000 50000 100000] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import time
from collections import Counter
from dataclasses import dataclass
from importlib import resources

import yaml

from pressgraph.resolve.names import PersonName, clear_caches, name_key, parse_person_name
from pressgraph.resolve.people import PersonMention, resolve_people_with_stats

SURNAMES = 2_000
MENTIONS_PER_PERSON = 10
SYLLABLES = [
    *("ka", "sa", "ma", "ri", "lo", "na", "to", "va", "shi", "zha", "cho", "ksa", "ya", "bek"),
    *("dar", "mur", "ta", "li", "ra", "ne", "go", "ber", "tu", "kay", "zoy", "ser", "dan"),
    *("vol", "pet", "gor", "bor", "les"),
]
ENDINGS = ("ov", "ev", "in", "yan", "enko", "sky", "bayev", "ullin")
VARIANTS = (("ya", "ia"), ("ay", "ai"), ("oy", "oi"), ("ks", "x"), ("sh", "š"), ("zh", "ž"))


@dataclass(frozen=True)
class Person:
    """A synthetic person: spellings of the surname and the given name, maybe a patronymic."""

    surnames: tuple[str, ...]
    givens: tuple[str, ...]
    patronymic: str | None


def make_surnames(rng: random.Random) -> list[tuple[str, ...]]:
    """2,000 surnames with distinct keys, each with its spelling variants."""
    out: list[tuple[str, ...]] = []
    seen: set[str] = set()
    while len(out) < SURNAMES:
        base = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3)))
        base = (base + rng.choice(ENDINGS)).capitalize()
        if name_key(base) not in seen:
            seen.add(name_key(base))
            out.append(spellings(base))
    return out


def spellings(word: str) -> tuple[str, ...]:
    """The word and the variants the key must fold back onto it."""
    forms = {word}
    for a, b in VARIANTS:
        forms |= {f.replace(a, b) for f in forms}
    if word.endswith("sky"):
        forms |= {word + "i", word[:-1] + "ii"}
    return tuple(sorted(f[0].upper() + f[1:] for f in forms))


def given_groups() -> list[tuple[str, ...]]:
    """Latin spellings of each bundled given-name group."""
    path = resources.files("pressgraph.resolve") / "data" / "given_names.yml"
    groups = yaml.safe_load(path.read_text(encoding="utf-8"))["groups"]
    latin = (tuple(n for n in [k, *v] if n.isascii() and n.isalpha()) for k, v in groups.items())
    return [g for g in latin if g]


def make_persons(rng: random.Random, count: int) -> list[Person]:
    """Persons with distinct (surname, given name) pairs, so each is truly distinguishable."""
    surnames, givens = make_surnames(rng), given_groups()
    persons: list[Person] = []
    taken: set[tuple[int, int]] = set()
    while len(persons) < count:
        pair = (rng.randrange(len(surnames)), rng.randrange(len(givens)))
        if pair in taken:
            continue
        taken.add(pair)
        father = rng.choice(givens)[0]
        patronymic = f"{father.rstrip('aeiy')}ovich" if rng.random() < 0.2 else None
        persons.append(Person(surnames[pair[0]], givens[pair[1]], patronymic))
    return persons


def mention_texts(rng: random.Random, person: Person, with_full: bool) -> list[str]:
    """The ways one story names a person: maybe a full name, then short references."""
    surname, given = rng.choice(person.surnames), rng.choice(person.givens)
    texts: list[str] = []
    if with_full:
        if person.patronymic and rng.random() < 0.5:
            texts.append(f"{surname} {given} {person.patronymic}")
        else:
            texts.append(f"{given} {surname}")
    for _ in range(rng.randint(1, 3)):
        texts.append(rng.choice((f"{given[0]}. {surname}", surname, rng.choice(person.surnames))))
    return texts


def make_mentions(rng: random.Random, total: int) -> tuple[list[PersonMention], dict[str, int]]:
    """About `total` mentions over stories of 1-4 persons; also each mention's true person."""
    persons = make_persons(rng, max(1, total // MENTIONS_PER_PERSON))
    parsed: dict[str, PersonName] = {}
    mentions: list[PersonMention] = []
    truth: dict[str, int] = {}
    story = 0
    while len(mentions) < total:
        for who in rng.sample(range(len(persons)), rng.randint(1, 4)):
            for text in mention_texts(rng, persons[who], with_full=rng.random() < 0.8):
                name = parsed.get(text) or parsed.setdefault(text, parse(text))
                key = f"m{len(mentions):07d}"
                mentions.append(PersonMention(key, name, f"s{story}", f"d{story // 3}"))
                truth[key] = who
        story += 1
    rng.shuffle(mentions)
    return mentions[:total], truth


def parse(text: str) -> PersonName:
    name = parse_person_name(text)
    if name is None:
        raise SystemExit(f"synthetic name {text!r} did not parse")
    return name


def b_cubed(clusters: dict[str, str], truth: dict[str, int]) -> tuple[float, float]:
    """B-cubed precision and recall of the clusters against the true persons."""
    pair = Counter((clusters[k], truth[k]) for k in clusters)
    size_c = Counter(clusters.values())
    size_p = Counter(truth[k] for k in clusters)
    precision = sum(n * n / size_c[c] for (c, _), n in pair.items()) / len(clusters)
    recall = sum(n * n / size_p[p] for (_, p), n in pair.items()) / len(clusters)
    return precision, recall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 25_000, 50_000, 100_000])
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    header = (
        f"{'mentions':>9} {'persons':>8} {'seconds':>8} {'mentions/s':>11} "
        f"{'comparisons':>12} {'cmp/mention':>12} {'clusters':>9} {'B3 prec':>8} {'B3 rec':>7}"
    )
    print(header)
    for size in args.sizes:
        mentions, truth = make_mentions(random.Random(args.seed), size)
        clear_caches()
        start = time.perf_counter()
        clusters, stats = resolve_people_with_stats(mentions)
        seconds = time.perf_counter() - start
        precision, recall = b_cubed(clusters, truth)
        print(
            f"{size:>9,} {size // MENTIONS_PER_PERSON:>8,} {seconds:>8.2f} "
            f"{size / seconds:>11,.0f} {stats.comparisons:>12,} "
            f"{stats.comparisons / size:>12.2f} {stats.clusters:>9,} "
            f"{precision:>8.3f} {recall:>7.3f}"
        )


if __name__ == "__main__":
    main()
