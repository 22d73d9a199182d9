"""Every export format, written by the CLI from the seeded pages and read back with the
format's own reader: JSON lines, CSV (folder and zip), GEXF and GraphML (networkx), and
FollowTheMoney (its model validates every entity)."""

from __future__ import annotations

import json
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner, Result
from fastapi.testclient import TestClient
from followthemoney import model
from hypothesis import given
from hypothesis import strategies as st

from pressgraph.cli import main
from pressgraph.export.cells import ENCODING, cell, uncell
from pressgraph.export.csv_tables import COLUMNS, FILES, read_csv
from pressgraph.export.graph import day_from, day_to
from pressgraph.export.jsonl import records
from pressgraph.store.db import Database
from pressgraph.web.app import create_app
from tests.conftest import Seeded


def export(seeded: Seeded, *args: str) -> Result:
    """`pressgraph export ARGS` over the seeded database (read only)."""
    result = CliRunner().invoke(main, ["--db", seeded.url, "export", *args])
    assert result.exit_code == 0, result.output
    return result


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def contract(seeded: Seeded) -> list[dict[str, Any]]:
    """Every record of the export contract, as the exporter makes them."""
    db = Database(seeded.url)
    found = list(records(db))
    db.close()
    return found


@pytest.fixture(scope="module")
def network_json(seeded: Seeded) -> Iterator[dict[str, Any]]:
    """The network page's JSON twin, organizations and people, bodies apart."""
    db = Database(seeded.url)
    with TestClient(create_app(db)) as client:
        yield client.get("/network.json?people=true&bodies=true").json()
    db.close()


# --- JSON lines ------------------------------------------------------------------------------


def test_jsonl_reads_back_as_the_contract(
    seeded: Seeded, tmp_path: Path, contract: list[dict[str, Any]]
) -> None:
    out = tmp_path / "all.jsonl"
    result = export(seeded, "--format", "jsonl", str(out))
    assert read_jsonl(out) == contract
    assert "(everything)" in result.output
    keyed = [r for r in contract if r["type"] in ("role", "statement", "claim", "relation")]
    for r in keyed:
        story = r["story"] if r.get("copy_of") is None else None
        where = story or (f"removed:{r['removed']}" if r.get("removed") else "")
        assert (
            r["key"].startswith(f"{r['type']}:{where}") and f"#{r['start']}-{r['end']}" in r["key"]
        )


def test_jsonl_filters_mean_what_the_pages_mean(seeded: Seeded, tmp_path: Path) -> None:
    out = tmp_path / "f.jsonl"
    export(seeded, "--format", "jsonl", "--entity", "Semerikov", str(out))
    found = read_jsonl(out)
    stories = {r["id"] for r in found if r["type"] == "story"}
    assert stories == {seeded.seed_000, seeded.seed_004_main}  # the two that mention him
    said = [r for r in found if r["type"] == "statement"]
    assert said and {r["speaker"] for r in said} == {"person:valery-semerikov"}
    events = {r["id"] for r in found if r["type"] == "event"}
    assert seeded.conference_2019 in events and seeded.meeting_2022 not in events
    kinds = Counter(r["type"] for r in found)
    assert kinds["entity"] == len({r["id"] for r in found if r["type"] == "entity"})
    referred = {r["speaker"] for r in said} | {r["entity"] for r in found if r["type"] == "mention"}
    assert referred <= {r["id"] for r in found if r["type"] == "entity"}

    export(seeded, "--format", "jsonl", "--from", "2022-01-01", "--kind", "meeting", str(out))
    found = read_jsonl(out)
    assert {r["id"] for r in found if r["type"] == "event"} == {seeded.meeting_2022}
    assert {r["id"] for r in found if r["type"] == "story"} == {seeded.seed_004_side}
    facts = [r for r in found if r["type"] in ("mention", "role", "statement", "claim", "relation")]
    assert facts and all(r["story"] == seeded.seed_004_side for r in facts)


def test_bad_filters_say_how_to_fix_them(seeded: Seeded, tmp_path: Path) -> None:
    run = CliRunner().invoke
    bad = run(main, ["--db", seeded.url, "export", "--from", "May 2021", str(tmp_path / "x")])
    assert bad.exit_code == 2 and "write it as 2021-06-30" in bad.output
    bad = run(main, ["--db", seeded.url, "export", "--kind", "party", str(tmp_path / "x")])
    assert bad.exit_code == 2 and "use one of conference" in bad.output
    bad = run(main, ["--db", seeded.url, "export", "--format", "csv", "-"])
    assert bad.exit_code == 2 and "give a folder or a .zip" in bad.output


# --- CSV -------------------------------------------------------------------------------------


def test_csv_reads_back_as_the_contract_with_ids_that_join(
    seeded: Seeded, tmp_path: Path, contract: list[dict[str, Any]]
) -> None:
    out = tmp_path / "csv"
    export(seeded, "--format", "csv", str(out))
    assert sorted(p.name for p in out.iterdir()) == sorted(FILES.values())
    for kind, name in FILES.items():
        raw = (out / name).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf" + ",".join(COLUMNS[kind]).encode() + b"\r\n")
    tables = {kind: read_csv(out / FILES[kind]) for kind in COLUMNS}
    for kind in ("document", "story", "entity", "mention", "role", "event", "claim", "relation"):
        mine = [r for r in contract if r["type"] == kind]
        assert len(tables[kind]) == len(mine), kind
        for row, record in zip(tables[kind], mine, strict=True):
            assert row == {c: uncell(cell(record.get(c))) for c in COLUMNS[kind]}, kind
    entity_ids = {r["id"] for r in tables["entity"]}
    assert {r["entity"] for r in tables["mention"]} - {""} <= entity_ids
    assert {r["story"] for r in tables["claim"]} <= {r["id"] for r in tables["story"]}
    assert {r["event"] for r in tables["event_participant"]} <= {r["id"] for r in tables["event"]}
    people = [r for r in tables["event_participant"] if r["event"] == seeded.conference_2019]
    assert len({r["entity"] for r in people if r["entity"].startswith("person:")}) == 11
    peshko = [r for r in tables["entity"] if r["id"] == "person:marcel-pesko"]
    assert peshko[0]["name"] == "Marcel Peško" and "M. Peshko" in peshko[0]["aliases"]


def test_csv_in_a_zip_holds_the_same_files(seeded: Seeded, tmp_path: Path) -> None:
    export(seeded, "--format", "csv", str(tmp_path / "folder"))
    export(seeded, "--format", "csv", str(tmp_path / "all.zip"))
    with zipfile.ZipFile(tmp_path / "all.zip") as archive:
        assert sorted(archive.namelist()) == sorted(FILES.values())
        for name in archive.namelist():
            assert archive.read(name) == (tmp_path / "folder" / name).read_bytes()


@given(st.text())
def test_a_cell_reads_back_as_written_and_never_starts_a_formula(text: str) -> None:
    written = cell(text)
    assert uncell(written) == text
    assert not written.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_cells_of_other_types() -> None:
    assert [cell(v) for v in (None, True, 3, 11000.0, 1.5, ["a", "b"])] == [
        "", "true", "3", "11000", "1.5", "a | b",
    ]  # fmt: skip
    assert ENCODING == "utf-8-sig"


# --- GEXF and GraphML --------------------------------------------------------------------------


def _edges(graph: nx.MultiDiGraph) -> set[tuple[str, str, str, int, str, str]]:
    return {
        (a, b, d["kind"], int(d["count"]), d["first"] or "", d["last"] or "")
        for a, b, d in graph.edges(data=True)
    }


def _page_edges(page: dict[str, Any]) -> set[tuple[str, str, str, int, str, str]]:
    return {
        (e["source"], e["target"], e["kind"], e["count"], e["first"] or "", e["last"] or "")
        for e in page["edges"]
    }


def test_gexf_reads_back_as_the_network_page(
    seeded: Seeded, tmp_path: Path, network_json: dict[str, Any]
) -> None:
    out = tmp_path / "net.gexf"
    export(seeded, "--format", "gexf", "--people", "--bodies", str(out))
    graph = nx.read_gexf(out)
    assert graph.graph["mode"] == "dynamic"
    assert {n: d["kind"] for n, d in graph.nodes(data=True)} == {
        n["id"]: n["kind"] for n in network_json["nodes"]
    }
    assert {n: graph.nodes[n]["label"] for n in graph} == {
        n["id"]: n["label"] for n in network_json["nodes"]
    }
    assert _edges(graph) == _page_edges(network_json)
    for a, b, d in graph.edges(data=True):  # Gephi's timeline: the edge's spell
        assert d["start"] == day_from(d["first"]) and d["end"] == day_to(d["last"])
        assert d["weight"] == d["count"]
        for node in (a, b):
            assert graph.nodes[node]["start"] <= d["start"] and graph.nodes[node]["end"] >= d["end"]
    assert "memorandum" in {d["kind"] for _, _, d in graph.edges("org:csto", data=True)}


def test_graphml_reads_back_as_the_network_page(
    seeded: Seeded, tmp_path: Path, network_json: dict[str, Any]
) -> None:
    out = tmp_path / "net.graphml"
    export(seeded, "--format", "graphml", "--people", "--bodies", str(out))
    graph = nx.read_graphml(out, force_multigraph=True)
    assert graph.is_directed()
    assert {n: d["kind"] for n, d in graph.nodes(data=True)} == {
        n["id"]: n["kind"] for n in network_json["nodes"]
    }
    assert _edges(graph) == _page_edges(network_json)
    assert all(d["weight"] == d["count"] for _, _, d in graph.edges(data=True))


def test_the_graph_keeps_to_an_entity_and_a_kind(seeded: Seeded, tmp_path: Path) -> None:
    out = tmp_path / "ego.gexf"
    export(seeded, "--format", "gexf", "--entity", "org:un", str(out))
    graph = nx.read_gexf(out)
    assert "org:un" in graph and all("org:un" in (a, b) for a, b in graph.edges())
    export(seeded, "--format", "gexf", "--kind", "meeting", str(out))
    kinds = {d["kind"] for _, _, d in nx.read_gexf(out).edges(data=True)}
    assert kinds <= {"co-participation"}


def test_partial_dates_span_their_month_or_year() -> None:
    assert (day_from("2019"), day_to("2019")) == ("2019-01-01", "2019-12-31")
    assert (day_from("2020-02"), day_to("2020-02")) == ("2020-02-01", "2020-02-29")
    assert (day_from(None), day_to("2021-06-30")) == (None, "2021-06-30")


# --- FollowTheMoney ------------------------------------------------------------------------------


def _problems(data: dict[str, Any], ids: dict[str, str]) -> list[str]:
    """What is wrong with one FtM entity, checked against its schema."""
    schema = model.get(data["schema"])
    if schema is None or schema.abstract:
        return [f"{data['id']}: no concrete schema {data['schema']}"]
    schema.validate(data)  # raises on a value its type refuses
    problems = [f"{data['id']}: lacks {p}" for p in schema.required if p not in data["properties"]]
    for name, values in data["properties"].items():
        prop = schema.get(name)
        if prop is None:
            problems.append(f"{data['id']}: {schema.name} has no property {name}")
            continue
        if prop.type.name == "entity":
            for v in values:
                if v not in ids or not model.get(ids[v]).is_a(prop.range):  # type: ignore[union-attr]
                    problems.append(f"{data['id']}.{name} -> {v} is not a {prop.range}")
        cleaned = [prop.type.clean(v, proxy=None) for v in values]
        if cleaned != values:
            problems.append(f"{data['id']}.{name}: {values} cleans to {cleaned}")
    return problems


def test_every_ftm_entity_is_valid_for_its_model(seeded: Seeded, tmp_path: Path) -> None:
    out = tmp_path / "aleph.jsonl"
    export(seeded, "--format", "ftm", str(out))
    found = read_jsonl(out)
    ids = {e["id"]: e["schema"] for e in found}
    assert len(ids) == len(found)  # one line per entity
    problems = [p for e in found for p in _problems(e, ids)]
    assert problems == []
    proxies = [model.get_proxy(e) for e in found]
    by_schema = Counter(p.schema.name for p in proxies)
    assert by_schema["Article"] == 4 and by_schema["Event"] >= 2
    assert by_schema["Person"] >= 20 and by_schema["Organization"] > 10
    names = {p.id: p.caption for p in proxies}
    members = [p for p in proxies if p.schema.name == "Membership"]
    posts = [p for p in members if names[p.first("member")] == "Valery Semerikov"]
    assert {"Acting Secretary General", "Deputy Secretary General"} <= {
        p.first("role") for p in posts
    }
    assert all(ids[p.first("proof")] == "Article" for p in posts)
    russia = [p for p in proxies if p.schema.name == "Address" and p.caption == "Russia"]
    assert russia and russia[0].first("country") == "ru"
