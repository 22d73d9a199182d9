"""Issue 4 on the two real seed pages, through the CLI: events, statements, claims, relations."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from pressgraph.nlp.gazetteer import ancestors
from pressgraph.store.annotations import load_entities
from pressgraph.store.db import Database
from pressgraph.store.queries import (
    list_claims,
    list_events,
    list_relations,
    list_statements,
    names,
)
from tests import databases
from tests.conftest import EXAMPLES, SPEAKERS_000, Cli

CLAIMS_000 = {
    # (low, high, approx, unit, subject, speaker, authority)
    (80, 80, "over", "country", None, "Valery Semerikov", None),
    (20000, 30000, "range", "militant", None, "Jehangir Khan", None),
    (110, 110, "exact", "country", None, "Jehangir Khan", None),
    (600, 600, "about", "agreement", None, "Xie Xiaoyong", None),
    (18000, 18000, "exact", "person", None, "Anatoly Sidorov", None),
    (5000, 5000, "exact", "person", None, "Anatoly Sidorov", None),
    (
        60000,
        60000,
        "over",
        "member",
        "Taliban",
        "Anatoly Sidorov",
        "Joint Staff of the Collective Security Treaty Organization",
    ),
    (
        11000,
        11000,
        "about",
        "fighter",
        "Islamic State of Iraq and the Levant",
        "Anatoly Sidorov",
        "Joint Staff of the Collective Security Treaty Organization",
    ),
    (100, 100, "about", "act", None, "Sergei Pospelov", None),
}


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """Both seed pages ingested and annotated once for this module (closed after it: an open
    PostgreSQL connection left to the garbage collector is a ResourceWarning)."""
    from click.testing import CliRunner

    from pressgraph.cli import main

    url = databases.fresh_url(tmp_path_factory.mktemp("facts"), "facts.db")
    result = CliRunner().invoke(main, ["--db", url, "ingest", str(EXAMPLES)])
    assert result.exit_code == 0, result.output
    opened = Database(url)
    yield opened
    opened.close()


def test_the_2019_conference_in_moscow(seeded: Database) -> None:
    known = names(seeded)
    (conf,) = [e for e in list_events(seeded) if e.start == "2019-10-30"]
    assert conf.kind == "conference" and conf.end == "2019-10-30"
    assert known[conf.place or ""] == "Moscow"
    assert conf.format == "in_person"
    organizers = set(conf.organizers)
    assert organizers & {"org:csto-secretariat", "org:csto"}
    people = {known[p] for p, _ in conf.participants if p.startswith("person:")}
    assert people >= SPEAKERS_000


def test_the_council_of_defense_ministers_by_video(seeded: Database) -> None:
    known = names(seeded)
    (meeting,) = [e for e in list_events(seeded) if e.start == "2022-05-24"]
    assert meeting.kind == "meeting" and meeting.format == "video"
    assert known[meeting.chair or ""] == "Suren Papikian"
    people = {known[p]: part for p, part in meeting.participants if p.startswith("person:")}
    assert people["Suren Papikian"] == "chair"
    assert set(people) == {
        "Suren Papikian",
        "Viktor Khrenin",
        "Ruslan Zhaksylykov",
        "Baktybek Bekbolotov",
        "Sergey Shoygu",
        "Sherali Mirzo",
        "Stanislav Zas",
        "Anatoly Sidorov",
    }


def test_the_second_conference_in_new_york(seeded: Database) -> None:
    known = names(seeded)
    (conf,) = [e for e in list_events(seeded) if e.start == "2021-06-28"]
    assert conf.end == "2021-06-30" and conf.kind == "conference"
    assert conf.format == "mixed"
    assert known[conf.place or ""] == "New York"
    assert conf.name is not None and conf.name.startswith("Second Conference of the Heads")
    quotes = [s for s in list_statements(seeded) if s.quote and s.date == "2021-06-30"]
    assert len(quotes) >= 2
    assert {known[s.speaker or ""] for s in quotes} == {"Valery Semerikov"}
    assert any(s.text.startswith("In 2022 the CSTO will celebrate") for s in quotes)
    assert any(s.text.startswith("I want to express confidence") for s in quotes)


def test_statements_from_all_eleven_speakers_and_voronkovs_quote(seeded: Database) -> None:
    known = names(seeded)
    said = [s for s in list_statements(seeded) if s.date == "2019-10-30"]
    assert {known[s.speaker or ""] for s in said} >= SPEAKERS_000
    quote = [s for s in said if s.quote]
    assert any(
        known[s.speaker or ""] == "Vladimir Voronkov"
        and "no one is able to cope with terrorism alone" in s.text
        for s in quote
    )


def test_the_nine_numeric_claims_with_their_speakers(seeded: Database) -> None:
    known = names(seeded)
    got = {
        (
            c.low,
            c.high,
            c.approx,
            c.unit,
            known.get(c.subject or ""),
            known.get(c.speaker or ""),
            known.get(c.authority or ""),
        )
        for c in list_claims(seeded)
        if c.date == "2019-10-30"
    }
    assert got == CLAIMS_000


def test_no_claim_from_years_ordinals_or_names(seeded: Database) -> None:
    texts = " | ".join(c.text for c in list_claims(seeded))
    for not_a_claim in ("20th", "Second", "2022", "2019-2021", "2016", "2025", "2019"):
        assert not_a_claim not in texts, texts


def test_the_csto_appeal_to_nato_in_may_2019(seeded: Database) -> None:
    (appeal,) = [r for r in list_relations(seeded) if r.kind == "appeal"]
    assert appeal.date == "2019-05"
    # the Council of Foreign Ministers of the CSTO appealed to the NATO "Foreign Ministry"
    assert appeal.source == "org:csto-council-foreign-ministers"
    assert "csto" in ancestors("csto-council-foreign-ministers")
    parents = {e.id: e.parent for e in load_entities(seeded)}
    assert appeal.target == "org:nato" or parents[appeal.target or ""] == "org:nato"


def test_export_has_every_fact_type(seeded: Database, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from pressgraph.cli import main

    out = tmp_path / "facts.jsonl"
    CliRunner().invoke(main, ["--db", seeded.url, "export", "--format", "jsonl", str(out)])
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    kinds = {r["type"] for r in records}
    assert {"event", "statement", "claim", "relation"} <= kinds
    stories = {r["id"]: r["text"] for r in records if r["type"] == "story"}
    for r in records:
        if r["type"] in {"statement", "claim", "relation"}:
            assert 0 <= r["start"] < r["end"] <= len(stories[r["story"]])
        if r["type"] in {"statement", "claim"}:
            assert stories[r["story"]][r["start"] : r["end"]] == r["text"]
        if r["type"] == "event":
            assert set(r) >= {
                "id",
                "kind",
                "name",
                "start",
                "end",
                "place",
                "format",
                "organizers",
                "chair",
                "participants",
                "stories",
            }


def test_cli_commands_for_facts(cli: Cli, db_url: str) -> None:
    cli("ingest", str(EXAMPLES))
    events = cli("events").output
    assert "3 events" in events or "events" in events
    assert "2021-06-28..2021-06-30" in events
    assert "2022-05-24" in cli("events", "--entity", "Suren Papikian").output
    claims = cli("claims", "--unit", "militant").output
    assert "20,000-30,000" in claims and "Jehangir Khan" in claims and "1 claims" in claims
    said = cli("said", "Voronkov").output
    assert "Vladimir Voronkov:" in said and "“quote”" in said
