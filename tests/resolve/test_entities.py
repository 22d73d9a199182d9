"""Resolution across documents through the CLI: spellings merge, namesakes stay apart,
and the result does not depend on the order documents arrive in."""

from __future__ import annotations

import itertools
from collections import Counter
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pressgraph.cli import main
from pressgraph.records import Mention
from pressgraph.resolve.entities import (
    build_entities,
    mention_blocks,
    parent_counts,
    slug,
    summed_row,
)
from pressgraph.resolve.identity import Previous
from pressgraph.store.annotations import (
    StoredMention,
    all_mentions,
    all_roles,
    load_entities,
)
from pressgraph.store.db import Database
from pressgraph.store.documents import iter_documents
from tests import databases
from tests.conftest import PAGES, SEED_000, SEED_004, Cli

PEOPLE = Path(__file__).resolve().parent.parent / "fixtures" / "people"


def _spellings(db: Database) -> dict[str, set[str]]:
    """Entity name -> the person spellings mentioned for it."""
    names = {e.id: e.name for e in load_entities(db)}
    out: dict[str, set[str]] = {}
    for m in all_mentions(db):
        if m.mention.kind == "person" and m.entity and m.mention.source != "reference":
            out.setdefault(names[m.entity], set()).add(m.mention.text)
    return out


def test_one_entity_per_person_across_spellings(cli: Cli, db_url: str) -> None:
    assert cli("ingest", str(PEOPLE)).exit_code == 0
    groups = sorted(sorted(g) for g in _spellings(Database(db_url)).values())
    for pair in (
        ["Sergei Shoigu", "Sergey Shoygu"],
        ["Suren Papikian", "Suren Papikyan"],
        ["Yuri Petrosyan", "Yury Petrosyan"],
        ["Andrei Kovalenko", "Andrey Kovalenko"],
        ["Aleksandr Ivanov", "Alexander Ivanov"],
        ["Jurgen Stock", "Jürgen Stock"],
        ["Vladimir Zainetdinov", "Vladimir Zaynetdinov"],
        ["Imangali Tasmagambetov", "Tasmagambetov Imangali Nurgalievich"],
    ):
        assert pair in groups, (pair, groups)


def test_namesakes_with_different_first_names_stay_apart(cli: Cli, db_url: str) -> None:
    cli("ingest", str(PEOPLE))
    db = Database(db_url)
    ivanovs = {e.name for e in load_entities(db) if e.name.endswith("Ivanov")}
    # Aleksandr (Director of the FSB) and Andrey (Deputy Chairman of the Duma) are two people;
    # the bare "Ivanov" in a story that names both is not guessed into either.
    assert ivanovs == {"Aleksandr Ivanov", "Andrey Ivanov", "Ivanov"}
    titles = {
        (e.name, r.role.title)
        for r in all_roles(db)
        for e in load_entities(db)
        if e.id == r.person and e.name.endswith("Ivanov")
    }
    assert titles == {("Aleksandr Ivanov", "Director"), ("Andrey Ivanov", "Deputy Chairman")}


def test_a_person_seen_in_the_seeds_and_in_other_pages_is_one_entity(cli: Cli, db_url: str) -> None:
    cli("ingest", str(SEED_004), str(PEOPLE / "doc_a.txt"), str(PEOPLE / "doc_b.txt"))
    spellings = _spellings(Database(db_url))
    assert spellings["Sergey Shoygu"] >= {"Sergey Shoygu", "Sergei Shoigu"} or spellings[
        "Sergei Shoigu"
    ] >= {"Sergey Shoygu", "Sergei Shoigu"}
    assert {"Suren Papikian", "Suren Papikyan"} <= next(
        v for k, v in spellings.items() if "Papiki" in k
    )


def _partition(db_url: str) -> tuple[set[frozenset[tuple[str, int, int]]], set[str]]:
    """Entities as sets of mention positions, and the entity ids. A position is (story id,
    start, end); in a press signature, (document id and the signature's page offset, ...),
    since the row id of a removed item depends on the order pages were stored in."""
    db = Database(db_url)
    signatures = {
        f"removed:{r.id}": f"{doc.id}@{r.start}" for doc in iter_documents(db) for r in doc.removed
    }
    groups: dict[str, set[tuple[str, int, int]]] = {}
    for m in all_mentions(db):
        if m.entity:
            where = signatures.get(m.story, m.story)
            groups.setdefault(m.entity, set()).add((where, m.mention.start, m.mention.end))
    return {frozenset(g) for g in groups.values()}, set(groups)


ORDERS = list(
    itertools.permutations(
        [SEED_000, SEED_004, PEOPLE / "doc_a.txt", PEOPLE / "doc_b.txt", PAGES / "photos.txt"]
    )
)


@settings(
    max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.sampled_from(ORDERS))
def test_resolution_does_not_depend_on_document_order(
    tmp_path_factory: object, order: tuple[Path, ...]
) -> None:
    """The same entities (sets of mentions) whatever the order; ids may differ, since an
    entity keeps the id it got when its first page came (test_identity checks them)."""
    reference = _ingested(ORDERS[0], "reference")
    candidate = _ingested(order, "candidate")
    assert _partition(candidate)[0] == _partition(reference)[0]


_CACHE: dict[tuple[str, ...], str] = {}


def _ingested(order: tuple[Path, ...], label: str) -> str:
    """A database with the pages ingested one by one in this order (cached per order)."""
    key = tuple(str(p) for p in order)
    if key not in _CACHE:
        import tempfile

        folder = Path(tempfile.mkdtemp(prefix=f"pressgraph-{label}-"))
        url = databases.fresh_url(folder, "order.db")
        for page in order:
            result = CliRunner().invoke(main, ["--db", url, "ingest", str(page)])
            assert result.exit_code == 0, result.output
        _CACHE[key] = url
    return _CACHE[key]


def test_ids_of_names_in_cyrillic_are_romanized_and_distinct() -> None:
    assert slug("Сергей Лавров") == "sergey-lavrov"
    assert slug("Қасым-Жомарт Тоқаев") == "kasym-zhomart-tokaev"
    assert slug("Marcel Peško") == "marcel-pesko"
    assert slug("Совет министров обороны") != slug("Совет министров иностранных дел")


def _new_body(number: int, story: str, text: str, parent: str | None) -> StoredMention:
    """A mention of an organization the gazetteer does not know, under `parent`."""
    key = "org~legal department"
    mention = Mention(story, 0, len(text), text, "organization", key, text, "model", parent=parent)
    return StoredMention(number, story, story, 0, mention, None)


def test_a_new_organization_is_summed_from_counts_as_its_mentions_make_it() -> None:
    """Its row (most frequent spelling, most frequent parent, the first by id on a tie)
    is what the counts of its spellings and parents give, whatever the mentions' order: a
    new batch need not read the stored mentions of its block."""
    mentions = [
        _new_body(1, "s1", "Legal Department", "org:csto-secretariat"),
        _new_body(2, "s2", "legal department", "org:cis"),
        _new_body(3, "s3", "Legal Department", None),
    ]
    blocks = mention_blocks(mentions)
    spellings = Counter(m.mention.text for m in mentions)
    parents = parent_counts(Counter(m.mention.parent for m in mentions if m.mention.parent))
    for order in itertools.permutations(mentions):
        rows, _links = build_entities(list(order), Previous.fresh(), blocks)
        (row,) = rows
        assert row.parent == "org:cis"  # one each: the first by id
        assert row.name == "Legal Department"
        assert summed_row(blocks[1], spellings, parents) == row
