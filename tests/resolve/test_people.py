"""Resolving person mentions into one cluster per person, across stories and documents."""

from __future__ import annotations

from collections import defaultdict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pressgraph.resolve.names import PersonName, parse_person_name
from pressgraph.resolve.people import (
    PersonMention,
    aliases,
    best_name,
    resolve_people,
    resolve_people_with_stats,
)


def parse(text: str) -> PersonName:
    name = parse_person_name(text)
    assert name is not None, text
    return name


def mentions(document: str, story: str, *texts: str) -> list[PersonMention]:
    """Mentions keyed document/story/index, in the order the names appear in the story."""
    return [
        PersonMention(f"{document}/{story}/{i:02d}", parse(text), story, document)
        for i, text in enumerate(texts)
    ]


def partition(clusters: dict[str, str]) -> frozenset[frozenset[str]]:
    groups: defaultdict[str, set[str]] = defaultdict(set)
    for key, cluster in clusters.items():
        groups[cluster].add(key)
    return frozenset(frozenset(g) for g in groups.values())


def together(clusters: dict[str, str], keys: list[str]) -> bool:
    return len({clusters[k] for k in keys}) == 1


# Names as they appear on the two seed pages, in page order. Page 000 is one story; page 004
# holds a sidebar story (the Council of Defense Ministers) and the main story.
PAGE_000 = mentions(
    "000",
    "main",
    "Valery Semerikov",
    "Valery Semerikov",
    "Valery Semerikov",
    "Valery Semerikov",
    "Alexander Pankin",
    "Vladimir Voronkov",
    "V. Voronkov",
    "Jehangir Khan",
    "J. Khan",
    "Marcel Peško",
    "M. Peshko",
    "Xie Xiaoyong",
    "Xie Xiaoyong",
    "Sergey Ivanov",
    "Anatoly Sidorov",
    "Anatoly Sidorov",
    "Sergei Pospelov",
    "Jurgen Stock",
    "Marie Dubot",
)
PAGE_004_SIDEBAR = mentions(
    "004",
    "sidebar",
    "Suren Papikian",
    "Viktor Khrenin",
    "Ruslan Zhaksylykov",
    "Baktybek Bekbolotov",
    "Sergey Shoygu",
    "Sherali Mirzo",
    "Stanislav Zas",
    "Anatoly Sidorov",
)
PAGE_004_MAIN = mentions(
    "004",
    "main",
    "V. Semerikov",
    "V. Semerikov",
    "António Guterres",
    "Valery Semerikov",
    "V. Semerikov",
    "Valery Semerikov",
    "Semerikov",
    "Vladimir Zaynetdinov",
)
SEEDS = PAGE_000 + PAGE_004_SIDEBAR + PAGE_004_MAIN


def keys_named(items: list[PersonMention], surname: str) -> list[str]:
    return [m.key for m in items if m.name.surname == surname]


def test_seed_pages_one_cluster_for_semerikov_across_documents() -> None:
    clusters = resolve_people(SEEDS)
    semerikov = keys_named(SEEDS, "Semerikov")
    assert len(semerikov) == 10
    assert together(clusters, semerikov)


def test_seed_pages_one_cluster_per_person() -> None:
    clusters = resolve_people(SEEDS)
    surnames = {m.name.surname for m in SEEDS}
    assert len(set(clusters.values())) == len(surnames) - 1  # Peško and Peshko are one person
    for surname in ("Voronkov", "Khan", "Sidorov", "Xie"):
        assert together(clusters, keys_named(SEEDS, surname)), surname
    assert together(clusters, keys_named(SEEDS, "Peško") + keys_named(SEEDS, "Peshko"))


def test_seed_pages_cluster_id_is_smallest_key() -> None:
    clusters = resolve_people(SEEDS)
    assert clusters["004/main/06"] == "000/main/00"  # the bare "Semerikov" on page 004


def test_cross_document_spellings_meet() -> None:
    items = mentions("a", "s1", "Sergey Shoygu") + mentions("b", "s2", "Sergei Shoigu", "Shoigu")
    assert len(set(resolve_people(items).values())) == 1


def test_two_people_sharing_a_surname_stay_apart() -> None:
    items = (
        mentions("d1", "s1", "Sergey Ivanov", "Ivanov")
        + mentions("d2", "s2", "Andrey Ivanov", "A. Ivanov", "Ivanov")
        + mentions("d3", "s3", "Ivanov", "Ivanov")
    )
    clusters = resolve_people(items)
    sergey = ["d1/s1/00", "d1/s1/01"]
    andrey = ["d2/s2/00", "d2/s2/01", "d2/s2/02"]
    bare = ["d3/s3/00", "d3/s3/01"]
    assert together(clusters, sergey)
    assert together(clusters, andrey)
    assert together(clusters, bare)  # the same story's two "Ivanov"s are one mention chain
    assert len({clusters[sergey[0]], clusters[andrey[0]], clusters[bare[0]]}) == 3


def test_initial_matching_two_full_names_stays_alone() -> None:
    items = (
        mentions("d1", "s1", "Sergey Ivanov")
        + mentions("d2", "s2", "Stanislav Ivanov")
        + mentions("d3", "s3", "S. Ivanov")
    )
    clusters = resolve_people(items)
    assert len(set(clusters.values())) == 3


def test_initial_matching_one_full_name_in_corpus_joins_it() -> None:
    items = (
        mentions("d1", "s1", "Sergey Ivanov")
        + mentions("d2", "s2", "Andrey Ivanov")
        + mentions("d3", "s3", "S. Ivanov")
    )
    clusters = resolve_people(items)
    assert clusters["d3/s3/00"] == clusters["d1/s1/00"]
    assert clusters["d2/s2/00"] != clusters["d1/s1/00"]


def test_story_context_wins_over_corpus_ambiguity() -> None:
    items = mentions("d1", "s1", "Sergey Ivanov", "Ivanov") + mentions("d2", "s2", "Andrey Ivanov")
    clusters = resolve_people(items)
    assert clusters["d1/s1/01"] == clusters["d1/s1/00"]


def test_two_compatible_full_names_in_one_story_leave_the_surname_alone() -> None:
    items = mentions("d1", "s1", "Sergey Ivanov", "Andrey Ivanov", "Ivanov")
    clusters = resolve_people(items)
    assert len(set(clusters.values())) == 3


def test_different_initials_stay_apart() -> None:
    items = mentions("d1", "s1", "V. Ivanov") + mentions("d2", "s2", "A. Ivanov")
    assert len(set(resolve_people(items).values())) == 2


def test_surname_joins_the_initials_of_its_story() -> None:
    items = mentions("d1", "s1", "V. Voronkov", "Voronkov")
    assert len(set(resolve_people(items).values())) == 1


def test_unresolved_partials_in_different_stories_stay_apart() -> None:
    items = mentions("d1", "s1", "Voronkov") + mentions("d2", "s2", "Voronkov")
    assert len(set(resolve_people(items).values())) == 2


def test_female_form_is_another_person() -> None:
    items = mentions("d1", "s1", "Sergey Ivanov") + mentions("d2", "s2", "Ivanova")
    assert len(set(resolve_people(items).values())) == 2


def test_patronymics_split_namesakes_and_leave_the_plain_name_ambiguous() -> None:
    items = (
        mentions("d1", "s1", "Sergey Viktorovich Ivanov")
        + mentions("d2", "s2", "Sergey Borisovich Ivanov")
        + mentions("d3", "s3", "Sergey Ivanov")
        + mentions("d4", "s4", "Sergey Viktorovich Ivanov", "Sergey Ivanov")
    )
    clusters = resolve_people(items)
    assert clusters["d1/s1/00"] != clusters["d2/s2/00"]
    assert clusters["d3/s3/00"] not in {clusters["d1/s1/00"], clusters["d2/s2/00"]}
    assert clusters["d4/s4/01"] == clusters["d1/s1/00"]  # its story says which Sergey


def test_patronymic_and_initials_join_the_full_name() -> None:
    items = (
        mentions("d1", "s1", "Semerikov Valery Nikolaevich")
        + mentions("d2", "s2", "Valery Semerikov")
        + mentions("d3", "s3", "Semerikov V.N.")
    )
    assert len(set(resolve_people(items).values())) == 1


def test_duplicate_keys_are_refused() -> None:
    item = mentions("d1", "s1", "Valery Semerikov")[0]
    with pytest.raises(ValueError, match="twice"):
        resolve_people([item, item])


def test_empty_input() -> None:
    clusters, stats = resolve_people_with_stats([])
    assert clusters == {}
    assert stats.mentions == stats.clusters == stats.comparisons == 0


def test_stats_count_blocks_and_comparisons() -> None:
    _, stats = resolve_people_with_stats(SEEDS)
    assert stats.mentions == len(SEEDS)
    assert stats.blocks == stats.clusters == 20  # Peško and Peshko share one block
    assert 0 < stats.comparisons < len(SEEDS) ** 2


POOL = [
    "Sergey Ivanov",
    "Sergei Ivanov",
    "Andrey Ivanov",
    "S. Ivanov",
    "A. Ivanov",
    "Ivanov",
    "Ivanova",
    "Sergey Viktorovich Ivanov",
    "Sergey Borisovich Ivanov",
    "S.B. Ivanov",
    "Valery Semerikov",
    "V. Semerikov",
    "Semerikov",
    "Semerikov Valery Nikolaevich",
    "V.A. Semerikov",
    "Marcel Peško",
    "M. Peshko",
    "Stanislav Ivanov",
]


@settings(max_examples=200, deadline=None, database=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(POOL), st.sampled_from("ab"), st.sampled_from("xy")),
        max_size=30,
    ).flatmap(lambda rows: st.tuples(st.just(rows), st.permutations(range(len(rows)))))
)
def test_result_does_not_depend_on_mention_order(
    case: tuple[list[tuple[str, str, str]], list[int]],
) -> None:
    rows, order = case
    items = [
        PersonMention(f"m{i:03d}", parse(text), story, document)
        for i, (text, story, document) in enumerate(rows)
    ]
    shuffled = [items[i] for i in order]
    first, second = resolve_people(items), resolve_people(shuffled)
    assert partition(first) == partition(second)
    assert first == second  # ids are smallest keys, so they are stable too


# --- naming -----------------------------------------------------------------------------


def test_best_name_prefers_the_fullest_form() -> None:
    names = [parse(t) for t in ("V. Semerikov", "Semerikov", "Valery Semerikov")]
    assert best_name(names).display() == "Valery Semerikov"
    with_patronymic = [*names, parse("Semerikov Valery Nikolaevich")]
    assert best_name(with_patronymic).display() == "Valery Nikolaevich Semerikov"


def test_best_name_prefers_the_diacritic_spelling() -> None:
    names = [parse(t) for t in ("Marcel Peshko", "Marcel Peshko", "Marcel Peško", "M. Peshko")]
    assert best_name(names).display() == "Marcel Peško"


def test_best_name_prefers_latin_then_frequency_then_alphabet() -> None:
    names = [parse(t) for t in ("Валерий Семериков", "Valery Semerikov")]
    assert best_name(names).display() == "Valery Semerikov"
    names = [parse(t) for t in ("Sergey Shoygu", "Sergei Shoigu", "Sergei Shoigu")]
    assert best_name(names).display() == "Sergei Shoigu"
    names = [parse(t) for t in ("Sergey Shoygu", "Sergei Shoigu")]
    assert best_name(names).display() == "Sergei Shoigu"
    assert best_name(reversed(names)).display() == "Sergei Shoigu"


def test_best_name_of_nothing_is_an_error() -> None:
    with pytest.raises(ValueError, match="at least one"):
        best_name([])


def test_aliases_are_distinct_display_spellings_best_first() -> None:
    names = [
        parse(t) for t in ("M. Peshko", "Marcel Peško", "M. Peshko", "Mr. Marcel Peško", "Peshko")
    ]
    assert aliases(names) == ["Marcel Peško", "M. Peshko", "Peshko"]
    assert aliases([]) == []


def test_a_misspelled_surname_alone_joins_the_one_full_name_of_its_story() -> None:
    found = mentions("d", "s", "Anna Schaller", "Shaller", "Petrov", "Petrova")
    clusters = resolve_people(found)
    assert together(clusters, ["d/s/00", "d/s/01"])  # one letter lost: the same man
    # no full name carries either spelling: two surnames, not one misspelled
    assert not together(clusters, ["d/s/02", "d/s/03"])


def test_a_misspelling_needs_the_full_name_in_the_same_story() -> None:
    found = [*mentions("d", "s1", "Anna Schaller"), *mentions("d", "s2", "Shaller")]
    assert not together(resolve_people(found), ["d/s1/00", "d/s2/00"])


def test_a_short_surname_one_letter_off_is_another_person() -> None:
    found = mentions("d", "s", "Ivan Popov", "Popa")
    assert not together(resolve_people(found), ["d/s/00", "d/s/01"])
