"""Large regular expressions made from kept programs (regexes.py) are the ones `re.compile`
makes, and a missing, broken or foreign cache only costs the time."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import pressgraph.extract.dates.patterns
import pressgraph.extract.quantities.patterns
from pressgraph import regexes
from pressgraph.extract.roles.grammar import grammar

# A pattern with the shapes the grammar uses: named groups, a conditional, lookarounds,
# scoped flags, a Cyrillic class and a repeat bound.
SAMPLE = (
    r"(?<![\w⟧])(?P<title>(?i:deputy\s+)?(?:Minister|Secretary\s+General))"
    r"[^\S\n]*(?P<open>\()?(?P<name>[A-ZА-Я][a-zа-я]+(?:\s+[A-ZА-Я][a-zа-я]+){0,3})(?(open)\))"
)
TEXT = "the Deputy Secretary General (Ivan Petrov) and Minister Анна Смирнова"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty cache folder, and no programs read yet in this process."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(regexes, "_kept", None)
    yield tmp_path / "pressgraph"
    monkeypatch.setattr(regexes, "_kept", None)


def _next_process() -> None:
    """What a process ending and the next one starting do to the kept programs."""
    kept = regexes._programs()
    kept.write()
    regexes._kept = None


def test_a_kept_program_makes_the_pattern_re_compile_makes(cache: Path) -> None:
    first = regexes.compile(SAMPLE, re.M)
    _next_process()
    assert regexes.cache_file().is_file()
    again = regexes.compile(SAMPLE, re.M)
    expected = re.compile(SAMPLE, re.M)
    assert again == expected == first
    assert again.groupindex == expected.groupindex
    assert again.flags == expected.flags
    found = [m.groupdict() for m in again.finditer(TEXT)]
    assert found == [m.groupdict() for m in expected.finditer(TEXT)]
    assert [f["name"] for f in found] == ["Ivan Petrov", "Анна Смирнова"]


def test_every_pattern_of_the_extractors_is_kept_as_re_compile_makes_it(cache: Path) -> None:
    grammar.__wrapped__()  # made again, not the process's grammar
    kept = regexes._programs().programs
    assert len(kept) >= 13  # the grammar's
    for key, program in kept.items():
        flags, _, pattern = key.partition(":")
        assert regexes._made(pattern, program) == re.compile(pattern, int(flags))


def test_the_dates_and_quantities_patterns_are_the_ones_re_compile_makes() -> None:
    """Made at import, from the user's cache when it had them."""
    modules = (pressgraph.extract.dates.patterns, pressgraph.extract.quantities.patterns)
    found = [p for m in modules for p in vars(m).values() if isinstance(p, re.Pattern)]
    assert len(found) >= 10
    for pattern in found:
        assert pattern == re.compile(pattern.pattern, pattern.flags & ~re.UNICODE)


def test_a_broken_cache_file_only_costs_the_time(cache: Path) -> None:
    regexes.cache_file().parent.mkdir(parents=True)
    regexes.cache_file().write_bytes(b"\x00not marshal")
    assert regexes.compile(SAMPLE) == re.compile(SAMPLE)
    _next_process()
    assert regexes.compile(SAMPLE) == re.compile(SAMPLE)


def test_a_program_the_engine_refuses_is_made_again(cache: Path) -> None:
    kept = regexes._programs()
    kept.programs[f"0:{SAMPLE}"] = (32, [1, 2, 3], 0, {}, ())
    assert regexes.compile(SAMPLE) == re.compile(SAMPLE)
    assert kept.programs[f"0:{SAMPLE}"][1] != [1, 2, 3]


def test_an_unwritable_cache_folder_is_not_an_error(cache: Path) -> None:
    cache.parent.mkdir(exist_ok=True)
    cache.write_text("a file where the folder should be")
    assert regexes.compile(SAMPLE) == re.compile(SAMPLE)
    _next_process()
    assert regexes.compile(SAMPLE) == re.compile(SAMPLE)


def test_a_wrong_pattern_is_the_error_re_gives() -> None:
    with pytest.raises(re.error, match="missing \\)"):
        regexes.compile(r"(?P<open>unclosed")


# Phrases from few letters, so that they share prefixes and fit at the same places.
_PHRASE = st.text(alphabet="aAb .", min_size=1, max_size=5).map(lambda p: " ".join(p.split()))


@given(
    phrases=st.lists(_PHRASE.filter(bool), min_size=1, max_size=8),
    text=st.text(alphabet="aAb .\n", max_size=40),
    after=st.sampled_from(["", r"(?!\w)", r"\.", r"b"]),
)
@example(phrases=["a", "aa"], text="aa", after="")  # the longer phrase first
@example(phrases=["a b", "a"], text="a \n b", after="")  # a space matches white space
@example(phrases=["ab", "a"], text="ab", after="b")  # backs off to the shorter phrase
@settings(max_examples=300)
def test_a_prefix_tree_matches_what_the_longest_first_alternation_matches(
    phrases: list[str], text: str, after: str
) -> None:
    plain = "|".join(
        re.escape(p).replace(r"\ ", r"\s+") for p in sorted(set(phrases), key=lambda p: -len(p))
    )
    tree = regexes.trie(phrases)
    found = [m.span() for m in re.finditer(f"(?:{tree}){after}", text)]
    assert found == [m.span() for m in re.finditer(f"(?:{plain}){after}", text)]


def test_a_prefix_tree_shares_the_prefixes_and_of_nothing_matches_nothing() -> None:
    assert regexes.trie(["Deputy Minister", "Deputy Secretary"]) == (
        r"Deputy\s+(?:Minister|Secretary)"
    )
    assert re.search(regexes.trie([]), "anything") is None


# Words of a masked story, "the" among them, so that the patterns below match, overlap and
# hold another "the" inside a match.
_WORD = st.sampled_from(["the", "The", "then", "xthe", "Secretary", "General", "of", "⟦O1⟧", ","])
_THE = re.compile(r"\b[Tt]he\s")
_OPEN_WITH_THE = [
    r"\b[Tt]he\s+(?P<t>(?i:secretary\s+general))\b(?!\s+of\b)",
    r"\b[Tt]he\s+(?P<t>⟦O1⟧\s+(?i:secretary)|(?i:general)\s+of\s+(?:the\s+)?⟦O1⟧)",
    r"\b[Tt]he\s+\w+(?:\s+the\s+\w+)*",  # a match may hold the next "the"
]


@given(
    words=st.lists(_WORD, max_size=14),
    spaces=st.sampled_from([" ", "  ", "\n"]),
    pattern=st.sampled_from(_OPEN_WITH_THE),
)
@example(words=["the", "the", "Secretary", "the", "General"], spaces=" ", pattern=_OPEN_WITH_THE[2])
@settings(max_examples=300)
def test_matches_tried_where_they_can_begin_are_what_a_search_finds(
    words: list[str], spaces: str, pattern: str
) -> None:
    text = spaces.join(words)
    compiled = re.compile(pattern)
    starts = [m.start() for m in _THE.finditer(text)]
    found = [m.span() for m in regexes.matches_from(compiled, text, starts)]
    assert found == [m.span() for m in compiled.finditer(text)]
