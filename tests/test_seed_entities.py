"""Issue 3 on the two real seed pages, through the CLI: people, posts held, one entity each."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pressgraph.store.annotations import all_mentions, all_roles, load_entities
from pressgraph.store.db import Database
from pressgraph.store.documents import iter_documents
from tests.conftest import EXAMPLES, SEED_000, SEED_004, Cli

SPEAKERS_000 = {
    "Valery Semerikov": ("Acting Secretary General", "org:csto"),
    "Alexander Pankin": ("Deputy Minister of Foreign Affairs", "country:RUS"),
    "Vladimir Voronkov": ("Under-Secretary-General", "org:un"),
    "Jehangir Khan": ("Director", "org:un-oct"),
    "Marcel Peško": ("Director", "org:osce-cpc"),
    "Xie Xiaoyong": ("Deputy Secretary General", "org:sco"),
    "Sergey Ivanov": (
        "Deputy Chairman of the Executive Committee - Executive Secretary",
        "org:cis",
    ),
    "Anatoly Sidorov": ("Head", "org:csto-joint-staff"),
    "Sergei Pospelov": ("Acting Executive Secretary", "org:csto-pa"),
    "Jurgen Stock": ("Director General", "org:interpol"),
    "Marie Dubot": ("Head", "org:icrc"),
}
DEFENSE_MINISTERS = {
    "Viktor Khrenin": ("country:BLR", "Lieutenant General"),
    "Ruslan Zhaksylykov": ("country:KAZ", "Colonel General"),
    "Baktybek Bekbolotov": ("country:KGZ", "Lieutenant General"),
    "Sergey Shoygu": ("country:RUS", "Army General"),
    "Sherali Mirzo": ("country:TJK", "Colonel General"),
}
PEOPLE_004 = {
    "Suren Papikian",
    *DEFENSE_MINISTERS,
    "Stanislav Zas",
    "Anatoly Sidorov",
    "Valery Semerikov",
    "António Guterres",
    "Vladimir Zaynetdinov",
}


@pytest.fixture
def seeded(cli: Cli, db_url: str) -> Database:
    """Both seed pages ingested and annotated through the CLI."""
    result = cli("ingest", str(EXAMPLES))
    assert result.exit_code == 0, result.output
    # Counted as ingest counts them: three stories, the press signature apart (issue 13).
    assert "Stories annotated: 3 (and 1 press signature)," in result.output
    return Database(db_url)


def _posts(db: Database) -> dict[str, set[tuple[str, str | None, str | None]]]:
    """Person name -> {(title, organization or country entity id, date)}."""
    names = {e.id: e.name for e in load_entities(db)}
    out: dict[str, set[tuple[str, str | None, str | None]]] = {}
    for r in all_roles(db):
        assert r.person is not None
        out.setdefault(names[r.person], set()).add(
            (r.role.title, r.organization or r.country, r.role.date)
        )
    return out


def _people_of(db: Database, seed: Path) -> set[str]:
    doc = next(d for d in iter_documents(db) if Path(d.source).name == seed.name)
    names = {e.id: e.name for e in load_entities(db)}
    docs = {s.id: doc.id for s in doc.stories}
    signature = {f"removed:{r.id}" for r in doc.removed}
    return {
        names[m.entity]
        for m in all_mentions(db)
        if m.mention.kind == "person" and m.entity and (m.story in docs or m.story in signature)
    }


def test_all_eleven_speakers_of_page_000_with_their_posts(seeded: Database) -> None:
    posts = _posts(seeded)
    assert SPEAKERS_000.keys() <= _people_of(seeded, SEED_000)
    for name, (title, where) in SPEAKERS_000.items():
        assert (title, where, "2019-10-30") in posts[name], (name, posts.get(name))


def test_all_eleven_named_people_of_page_004(seeded: Database) -> None:
    assert _people_of(seeded, SEED_004) == PEOPLE_004
    posts = _posts(seeded)
    assert ("Minister of Defense", "country:ARM", "2022-05-24") in posts["Suren Papikian"]
    assert ("Secretary General", "org:csto", "2022-05-24") in posts["Stanislav Zas"]
    assert ("Secretary General", "org:un", "2021-06-30") in posts["António Guterres"]
    assert ("Press Secretary", "org:csto", "2021-06-30") in posts["Vladimir Zaynetdinov"]


def test_each_defense_minister_of_the_list_gets_his_country_and_rank(seeded: Database) -> None:
    posts = _posts(seeded)
    ranks = {e.name: e.rank for e in load_entities(seeded) if e.kind == "person"}
    for name, (country, rank) in DEFENSE_MINISTERS.items():
        assert posts[name] == {("Minister of Defense", country, "2022-05-24")}
        assert ranks[name] == rank
    assert ranks["Anatoly Sidorov"] == "Colonel General"


def test_semerikov_is_one_person_with_both_posts(cli: Cli, seeded: Database) -> None:
    people = [e for e in load_entities(seeded) if "Semerikov" in e.name]
    assert len(people) == 1
    assert set(people[0].aliases) == {"Valery Semerikov", "V. Semerikov", "Semerikov"}
    assert {
        ("Acting Secretary General", "org:csto", "2019-10-30"),
        ("Deputy Secretary General", "org:csto", "2021-06-30"),
    } <= _posts(seeded)["Valery Semerikov"]
    shown = cli("show", "Semerikov").output
    assert "Valery Semerikov  [person]  person:valery-semerikov" in shown
    assert "2019-10-30               Acting Secretary General, Collective Security Treaty" in shown
    assert "2021-06-30               Deputy Secretary General, Collective Security Treaty" in shown
    assert '"the Acting Secretary General of the Collective Security Treaty Organization, Mr.' in (
        shown
    )


def test_spellings_and_references_join_their_person(seeded: Database) -> None:
    names = {e.id: e for e in load_entities(seeded)}
    by_text: dict[str, set[str]] = {}
    for m in all_mentions(seeded):
        if m.mention.kind == "person" and m.entity:
            by_text.setdefault(m.mention.text, set()).add(names[m.entity].name)
    assert by_text["M. Peshko"] == by_text["Marcel Peško"] == {"Marcel Peško"}
    assert by_text["J. Khan"] == by_text["Jehangir Khan"] == {"Jehangir Khan"}
    assert by_text["V. Voronkov"] == {"Vladimir Voronkov"}
    # posts introduced with the name, used later instead of it
    assert by_text["CSTO Acting Secretary General"] == {"Valery Semerikov"}
    assert by_text["Acting Secretary General"] == {"Valery Semerikov"}
    assert by_text["CSTO Deputy Secretary General"] == {"Valery Semerikov"}
    assert by_text["head of the OSH"] == {"Anatoly Sidorov"}
    assert by_text["chief of the Joint Staff"] == {"Anatoly Sidorov"}


def test_the_icrc_delegation_head_is_linked_to_the_icrc(seeded: Database) -> None:
    assert ("Head", "org:icrc", "2019-10-30") in _posts(seeded)["Marie Dubot"]
    entities = {e.id: e for e in load_entities(seeded)}
    iwc = [m for m in all_mentions(seeded) if m.mention.text == "IWC"]
    assert [m.entity for m in iwc] == ["org:icrc"]
    assert not any(e.name == "IWC" for e in entities.values())
    mt = [m for m in all_mentions(seeded) if m.mention.text == "MT"]
    assert mt == []  # "MT" is a topic (international terrorism), not an organization


def test_bodies_keep_their_parent_and_unknown_organizations_are_new(seeded: Database) -> None:
    entities = {e.id: e for e in load_entities(seeded)}
    assert entities["org:csto-secretariat"].parent == "org:csto"
    assert entities["org:csto-joint-staff"].parent == "org:csto"
    assert entities["org:sco-rats"].parent == "org:sco"
    assert entities["org:csto-pa-secretariat"].parent == "org:csto-pa"
    new = entities["org~partnership-and-observation-institute"]
    assert new.name == "Partnership and Observation Institute" and new.gazetteer_id is None
    texts = {m.mention.text: m.entity for m in all_mentions(seeded)}
    assert texts["Secretariat of the Collective Security Treaty Organization"] == (
        "org:csto-secretariat"
    )
    assert texts["CRRF"] == "org:csto-crrf"
    assert texts["CSTO PA"] == "org:csto-pa"
    assert texts["Tajik"] == "country:TJK" and texts["Afghan"] == "country:AFG"


def test_entities_list_and_export(cli: Cli, seeded: Database, tmp_path: Path) -> None:
    listing = cli("entities", "--kind", "person").output
    assert listing.splitlines()[0].startswith("person:valery-semerikov\tperson\t  12\t")
    assert "21 entities" in listing
    # "the leader of ISIS al-Baghdadi", which the model tags ORG whole
    assert "person:al-baghdadi\tperson" in listing
    assert "org:csto\torganization" in cli("entities", "--query", "CSTO").output
    out = tmp_path / "all.jsonl"
    cli("export", "--format", "jsonl", str(out))
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    stories = {r["id"]: r for r in records if r["type"] == "story"}
    removed = {
        item["id"]: item for r in records if r["type"] == "document" for item in r["removed"]
    }
    for r in records:
        if r["type"] == "entity":
            assert {"id", "kind", "name", "aliases", "acronym", "parent", "rank"} <= r.keys()
        if r["type"] == "mention":
            assert {"entity", "story", "start", "end", "text"} <= r.keys()
            source = stories[r["story"]]["text"] if r["story"] else removed[r["removed"]]["text"]
            assert source[r["start"] : r["end"]] == r["text"]
        if r["type"] == "role":
            assert {
                "person",
                "title",
                "organization",
                "country",
                "date",
                "story",
                "start",
                "end",
            } <= r.keys()
            source = stories[r["story"]]["text"] if r["story"] else removed[r["removed"]]["text"]
            assert source[r["start"] : r["end"]] == r["text"]
    kinds = {r["type"] for r in records}
    assert {"document", "story", "entity", "mention", "role"} <= kinds


def test_show_explains_an_unknown_name(cli: Cli, seeded: Database) -> None:
    result = cli("show", "Nobody Atall")
    assert result.exit_code == 3
    assert "no entity named 'Nobody Atall'; try `pressgraph entities --query`" in result.output
