"""Judgements: merge, split, rename, kind, reject, confirm, note and undo change what
resolution makes, never the facts; they survive `annotate --redo` and a rebuild, and one
whose target is gone is kept and reported."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import func, select

from pressgraph.cli import main
from pressgraph.export.jsonl import records
from pressgraph.flow.annotate import annotate_stories
from pressgraph.flow.ingest import ingest
from pressgraph.ingest.sources import expand
from pressgraph.resolve.judging import apply_again, judge
from pressgraph.settings import Settings
from pressgraph.store.annotations import load_entities
from pressgraph.store.db import Database
from pressgraph.store.entities import find_entity
from pressgraph.store.judgements import (
    JudgementError,
    NewJudgement,
    add_judgement,
    list_judgements,
    merged_into,
)
from pressgraph.store.pages import entity_page, event_list, network_page
from pressgraph.store.queries import list_claims, list_events, list_relations, list_statements
from pressgraph.store.schema import claims, mentions, relations, roles, statements
from tests import databases
from tests.conftest import EXAMPLES, Seeded

KHAN, VORONKOV, SEMERIKOV = (
    "person:jehangir-khan",
    "person:vladimir-voronkov",
    "person:valery-semerikov",
)


def copy_of(seeded: Seeded, target: Path) -> str:
    """A copy of the seeded database."""
    return databases.copy(seeded.url, target)


@pytest.fixture
def db(seeded: Seeded, tmp_path: Path) -> Iterator[Database]:
    """A database of the seed pages that a test may judge."""
    opened = Database(copy_of(seeded, tmp_path / "judged.db"))
    yield opened
    opened.close()


def judged(db: Database, action: str, target: str, **values: str) -> str | None:
    """Make a judgement as tester; return its status."""
    return judge(db, action, target, why="test", who="tester", **values).status


TABLES = (mentions, roles, statements, claims, relations)


def facts_unchanged(db: Database, before: dict[str, int]) -> None:
    """Judgements edit no fact: as many rows in each fact table as before."""
    assert counts(db) == before


def counts(db: Database) -> dict[str, int]:
    with db.read() as conn:
        return {
            t.name: int(conn.execute(select(func.count()).select_from(t)).scalar() or 0)
            for t in TABLES
        }


def test_a_merge_moves_mentions_and_facts_and_leaves_a_redirect(db: Database) -> None:
    before = counts(db)
    assert judged(db, "merge", "Jehangir Khan", other=VORONKOV) == "applied"
    assert KHAN not in {e.id for e in load_entities(db)}
    assert find_entity(db, KHAN).id == VORONKOV  # the id it had names the entity it joined
    assert merged_into(db, KHAN) == VORONKOV
    voronkov = find_entity(db, VORONKOV)
    assert {"Jehangir Khan", "J. Khan"} <= set(voronkov.aliases)
    militants = list_claims(db, unit="militant")
    assert [c.speaker for c in militants] == [VORONKOV]
    assert KHAN not in {s.speaker for s in list_statements(db)}
    facts_unchanged(db, before)  # nothing in the facts was edited


def test_a_split_by_name_form_and_by_one_mention(db: Database) -> None:
    assert (
        judged(db, "split", SEMERIKOV, other="form:V. Semerikov", value="Vasily Semerikov")
        == "applied"
    )
    vasily = find_entity(db, "person:vasily-semerikov")
    assert vasily.kind == "person" and "V. Semerikov" in vasily.aliases
    with db.read() as conn:
        forms = set(
            conn.execute(select(mentions.c.text).where(mentions.c.entity_id == vasily.id)).scalars()
        )
        one = conn.execute(
            select(mentions.c.story_id, mentions.c.start, mentions.c.end)
            .where(mentions.c.entity_id == SEMERIKOV, mentions.c.text == "Valery Semerikov")
            .limit(1)
        ).one()
    assert forms == {"V. Semerikov"}
    assert "V. Semerikov" not in find_entity(db, SEMERIKOV).aliases
    key = f"mention:{one.story_id}#{one.start}-{one.end}"
    assert judged(db, "split", SEMERIKOV, other=key, value="Valery Semerikov junior") == "applied"
    with db.read() as conn:
        moved = conn.execute(
            select(mentions.c.start, mentions.c.source).where(
                mentions.c.entity_id == "person:valery-semerikov-junior"
            )
        ).all()
    assert one.start in {m.start for m in moved}  # the mention, and the references to it
    assert {m.source for m in moved if m.start != one.start} <= {"reference"}


def test_rename_kind_and_note(db: Database) -> None:
    assert judged(db, "rename", "org:csto", value="CSTO (the Organization)") == "applied"
    assert find_entity(db, "org:csto").name == "CSTO (the Organization)"
    moscow = find_entity(db, "Moscow")
    assert judged(db, "kind", moscow.id, value="organization") == "applied"
    assert find_entity(db, moscow.id).kind == "organization"
    assert judged(db, "note", SEMERIKOV, value="Acting Secretary General in 2019") == "applied"
    notes = [j for j in entity_page(db, SEMERIKOV).judgements if j.action == "note"]
    assert [n.value for n in notes] == ["Acting Secretary General in 2019"]


def test_rejected_facts_leave_pages_sums_and_exports_until_undone(
    db: Database, seeded: Seeded
) -> None:
    before = counts(db)
    claim = next(c for c in list_claims(db) if c.unit == "militant")
    said = next(s for s in list_statements(db, speaker=SEMERIKOV))
    memo = next(r for r in records(db) if r["type"] == "relation" and r["kind"] == "memorandum")
    ends = (memo["source"], memo["target"])
    with db.read() as conn:
        role = (
            conn.execute(select(roles.c.id).where(roles.c.person_id == SEMERIKOV)).scalars().first()
        )
    for fact in (
        f"claim:{claim.id}",
        f"statement:{said.id}",
        memo["key"],
        f"role:{role}",
    ):
        assert judged(db, "reject", fact) == "applied", fact
    assert judged(db, "reject", seeded.meeting_2022) == "applied"

    assert claim.id not in {c.id for c in list_claims(db)}
    assert said.id not in {s.id for s in list_statements(db)}
    assert (*ends, "memorandum") not in {(r.source, r.target, r.kind) for r in list_relations(db)}
    assert seeded.meeting_2022 not in {e.id for e in list_events(db)}
    page = entity_page(db, SEMERIKOV)
    assert page.statements_total == len(list_statements(db, speaker=SEMERIKOV))
    assert sum(p.seen for p in page.posts) == len(
        [r for r in records(db) if r["type"] == "role" and r["person"] == SEMERIKOV]
    )
    network = network_page(db, date_from=None, date_to=None, people=False, bodies=True)
    assert not [e for e in network.edges if e.kind == "memorandum" and (e.source, e.target) == ends]
    exported = list(records(db))
    assert claim.id not in {r["id"] for r in exported if r["type"] == "claim"}
    assert seeded.meeting_2022 not in {r["id"] for r in exported if r["type"] == "event"}
    rejects = [j for j in entity_page(db, SEMERIKOV).judgements if j.action == "reject"]
    assert len(rejects) >= 2  # his statement and his post, shown (struck through) to curators
    facts_unchanged(db, before)

    for j in list_judgements(db):
        judged(db, "undo", str(j.id))
    assert claim.id in {c.id for c in list_claims(db)}
    shown = event_list(db, date_from=None, date_to=None, entity=None, kind=None, page=1)
    assert seeded.meeting_2022 in {e.id for e in shown.events}
    assert {j.status for j in list_judgements(db) if j.action != "undo"} == {"undone"}


def test_a_judgement_whose_target_is_gone_is_kept_and_reported(db: Database) -> None:
    add_judgement(db, NewJudgement("merge", "person:nobody", "why", "tester", other=VORONKOV))
    add_judgement(db, NewJudgement("reject", "claim:nowhere#1-2", "why", "tester"))
    apply_again(db)
    found = list_judgements(db)
    assert [j.status for j in found] == ["missing", "missing"]
    assert "person:nobody does not exist" in (found[0].message or "")


def test_judgements_refuse_what_they_cannot_do(db: Database) -> None:
    with pytest.raises(JudgementError, match="say why"):
        judge(db, "merge", KHAN, other=VORONKOV, why=" ", who="tester")
    with pytest.raises(JudgementError, match="into itself"):
        judge(db, "merge", KHAN, other=KHAN, why="x", who="tester")
    with pytest.raises(JudgementError, match="not a fact"):
        judge(db, "reject", "claim:abc", why="x", who="tester")
    with pytest.raises(JudgementError, match="is not one of"):
        judge(db, "kind", KHAN, value="animal", why="x", who="tester")
    assert list_judgements(db) == []


def cli(url: str, *args: str) -> Result:
    """`pressgraph judge ARGS` (as tester, for the commands that judge)."""
    who = [] if args[0] in ("list", "export", "import") else ["--who", "tester"]
    return CliRunner().invoke(main, ["--db", url, "judge", *args, *who])


def test_the_judge_commands(db: Database, tmp_path: Path) -> None:
    url = db.url
    merged = cli(url, "merge", KHAN, VORONKOV, "--why", "one person")
    assert (
        merged.exit_code == 0
        and "[applied]" in merged.output
        and "merge person:jehangir-khan" in merged.output
    )
    shown = CliRunner().invoke(main, ["--db", url, "show", KHAN])
    assert shown.exit_code == 0 and shown.output.startswith(f"{KHAN} was merged into {VORONKOV}")
    claim = next(c for c in list_claims(db) if c.unit == "country")
    assert cli(url, "reject", f"claim:{claim.id}", "--why", "wrong figure").exit_code == 0
    split = cli(url, "split", SEMERIKOV, "--form", "V. Semerikov", "--why", "another man")
    assert split.exit_code == 0
    listed = cli(url, "list")
    assert (
        listed.output.count("[applied]") == 3
        and "3 judgements, 0 whose target is missing" in listed.output
    )
    assert cli(url, "undo", "1", "--why", "two people after all").exit_code == 0
    assert find_entity(db, KHAN).id == KHAN
    out = tmp_path / "judgements.jsonl"
    assert cli(url, "export", str(out)).exit_code == 0
    assert len(out.read_text(encoding="utf-8").splitlines()) == 4
    again = cli(url, "import", str(out))
    assert again.exit_code == 0 and "Imported 0 judgements (4 were already here)" in again.output
    bad = cli(url, "split", SEMERIKOV, "--why", "x")
    assert bad.exit_code == 2 and "exactly one of --form" in bad.output


@pytest.mark.slow
def test_judgements_survive_annotate_redo_and_a_rebuild(
    db: Database, seeded: Seeded, tmp_path: Path
) -> None:
    claim = next(c for c in list_claims(db) if c.unit == "militant")
    made = [
        judged(db, "merge", KHAN, other=VORONKOV),
        judged(db, "split", SEMERIKOV, other="form:V. Semerikov", value="Vasily Semerikov"),
        judged(db, "reject", f"claim:{claim.id}"),
        judged(db, "reject", seeded.meeting_2022),
        judged(db, "rename", "org:csto", value="The CSTO"),
    ]
    assert made == ["applied"] * 5

    def still_applied(opened: Database) -> None:
        assert {j.status for j in list_judgements(opened)} == {"applied"}
        assert merged_into(opened, KHAN) == VORONKOV
        assert find_entity(opened, "person:vasily-semerikov").aliases[0] == "Vasily Semerikov"
        assert "militant" not in {c.unit for c in list_claims(opened)}
        assert seeded.meeting_2022 not in {e.id for e in list_events(opened)}
        assert find_entity(opened, "org:csto").name == "The CSTO"

    settings = Settings(db_url=db.url)
    annotate_stories(db, settings, redo=True)
    still_applied(db)

    shared = tmp_path / "shared.jsonl"
    assert cli(db.url, "export", str(shared)).exit_code == 0
    rebuilt = Database(databases.fresh_url(tmp_path, "rebuilt.db"))
    ingest(rebuilt, expand([str(EXAMPLES)]), Settings(db_url=rebuilt.url))
    annotate_stories(rebuilt, Settings(db_url=rebuilt.url))
    imported = cli(rebuilt.url, "import", str(shared))
    assert "Imported 5 judgements" in imported.output
    still_applied(rebuilt)
    rebuilt.close()
