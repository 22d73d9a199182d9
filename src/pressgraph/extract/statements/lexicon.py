"""The words statements are found by, read once from `data/reporting.yml` and the title
gazetteer: reporting verbs and their forms, pronouns, frames, chains, dangling words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

from pressgraph.datafiles import load_yaml
from pressgraph.errors import DataError
from pressgraph.nlp import gazetteer

_DATA = "reporting.yml"
_OPTIONAL = re.compile(r"\((.*)\)")


@dataclass(frozen=True)
class Lexicon:
    """Every word list the statement rules look up, in the shape they look it up in."""

    forms: dict[str, list[tuple[str, ...]]]  # lemma -> token sequences ("-ing" ones included)
    according_to: str
    addressee_then: dict[str, frozenset[str]]
    subject_pronouns: frozenset[str]
    object_pronouns: frozenset[str]
    between: frozenset[str]
    frames: tuple[str, ...]
    chain: tuple[tuple[str, ...], ...]
    dangling: frozenset[str]
    name_words: frozenset[str]  # honorific and rank words allowed around a name
    person_nouns: frozenset[str]  # post titles and nouns that name a person ("ambassador")
    subordinators: frozenset[str]
    documents: frozenset[str]
    post_heads: tuple[tuple[str, ...], ...]  # lower-case words of each post title, longest first
    heads_by_first: dict[str, tuple[tuple[str, ...], ...]]  # post_heads by their first word
    generic_posts: frozenset[tuple[str, ...]]
    post_modifiers: frozenset[str]
    distinct_posts: frozenset[str]
    post_synonyms: dict[str, str]  # a word of a post -> the one word it is compared as
    post_fillers: frozenset[str]
    post_aliases: dict[tuple[str, ...], tuple[str, ...]]  # "head of state" -> ("president",)
    first_words: frozenset[str]  # first words of the reporting forms ("said", "pointed")
    abbreviations: frozenset[str]
    clause_only: frozenset[str]  # lemmas that report only a quote or a clause


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The word lists, read from the data files once per process."""
    data = load_yaml("pressgraph.extract", _DATA)
    titles = gazetteer.titles()
    # Only capitalized words: "of" in "General of the Army" must not carry a walk past "of X".
    written = (*titles.honorifics, *titles.ranks, *titles.post_modifiers)
    name_words = {"the"} | {w.lower() for t in written for w in t.split() if w[:1].isupper()}
    chain = (tuple(phrase.split()) for phrase in word_list(data, "chain"))
    heads = {post_words(h) for h in [*titles.post_heads, *data["post_aliases"]] if h.isascii()}
    generic = {post_words(g) for g in word_list(data, "generic_posts")}
    post_heads = tuple(sorted({*heads, *generic}, key=len, reverse=True))
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for head in post_heads:
        by_first.setdefault(head[0], []).append(head)
    return Lexicon(
        forms={
            lemma: [f for form in word_list(data["cues"], lemma) for f in _expand(form)]
            for lemma in data["cues"]
        },
        according_to=data["according_to"],
        addressee_then={
            lemma: frozenset(word_list(data["addressee_then"], lemma))
            for lemma in data["addressee_then"]
        },
        subject_pronouns=frozenset(word_list(data, "subject_pronouns")),
        object_pronouns=frozenset(word_list(data, "object_pronouns")),
        between=frozenset(w for p in word_list(data, "between_words") for w in p.split()),
        frames=tuple(word_list(data, "frames")),
        chain=tuple(sorted(chain, key=len, reverse=True)),  # "and also" before "and"
        dangling=frozenset(word_list(data, "dangling")),
        name_words=frozenset(name_words),
        person_nouns=frozenset(
            [w.lower() for head in titles.post_heads for w in head.split() if w[:1].isupper()]
            + word_list(data, "person_nouns")
        ),
        subordinators=frozenset(word_list(data, "subordinators")),
        documents=frozenset(word_list(data, "documents")),
        post_heads=post_heads,
        heads_by_first={first: tuple(found) for first, found in by_first.items()},
        generic_posts=frozenset(generic),
        post_modifiers=frozenset(
            w for m in titles.post_modifiers for w in post_words(m) if w.isalpha()
        ),
        distinct_posts=frozenset(word_list(data, "distinct_posts")),
        post_synonyms={
            word: group[0]
            for group in data["post_synonyms"]
            for word in word_list({"group": group}, "group")
        },
        post_fillers=frozenset(word_list(data, "post_fillers")),
        post_aliases={post_words(k): post_words(v) for k, v in data["post_aliases"].items()},
        abbreviations=frozenset(word_list(data, "abbreviations")),
        clause_only=frozenset(word_list(data, "clause_only")),
        first_words=frozenset(
            f[0]
            for lemma in data["cues"]
            for form in word_list(data["cues"], lemma)
            for f in _expand(form)
            if not f[0].endswith("ing")
        ),
    )


def post_words(title: str) -> tuple[str, ...]:
    """The lower-case words of a post title, hyphens as spaces: "Secretary-General" is
    ("secretary", "general")."""
    return tuple(title.lower().replace("-", " ").split())


def word_list(data: dict[str, object], key: str) -> list[str]:
    """A list of words from the data file; YAML's `on`/`no` (read as booleans) are refused."""
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataError(
            f"pressgraph/extract/data/{_DATA}: `{key}` must be a list of words; "
            'quote the words YAML reads otherwise ("on", "no")'
        )
    return value


def _expand(form: str) -> Iterator[tuple[str, ...]]:
    """Every token sequence a form stands for: "expressed (the|his) hope" gives three."""
    slots = [
        [alt.split() for alt in ["", *m.group(1).split("|")]]
        if (m := _OPTIONAL.fullmatch(w))
        else [[w]]
        for w in form.lower().split()
    ]
    for choice in product(*slots):
        yield tuple(word for part in choice for word in part)


def is_continuing(lemma: str, form: tuple[str, ...]) -> bool:
    """An "-ing" form ("emphasizing") that only continues a speaker's statement."""
    return lemma != lexicon().according_to and form[0].endswith("ing")
