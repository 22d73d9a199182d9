"""Issue 11, failures 4, 5 and 9: no input stops a batch, every one refused with its reason;
only regular files read, links kept in their folder, reads capped; concurrent ingests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pressgraph.store.db import Database
from pressgraph.store.documents import iter_documents, list_refusals
from pressgraph.store.schema import documents
from tests.conftest import ROOT, SEED_000, Cli

GOOD = "On May 5, 2021, the CSTO Secretary General met the OSCE Secretary General in Moscow."


def _reasons(db_url: str) -> dict[str, str]:
    return {Path(r.source).name: r.reason for _, r in list_refusals(Database(db_url))}


def _record(**fields: object) -> str:
    return json.dumps(fields)


def test_bad_jsonl_records_are_refused_and_the_later_ones_read(
    cli: Cli, db_url: str, tmp_path: Path
) -> None:
    page = tmp_path / "records.jsonl"
    lines = [
        '{"text": "\\ud800 lone surrogate"}',
        '{"text": ' + "[" * 100_000 + "]" * 100_000 + "}",
        _record(html="<!DOCTYPE html>"),
        _record(text=GOOD),
    ]
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli("ingest", "--no-annotate", str(page))
    assert result.exit_code == 0
    assert "Pages read: 4, stored: 1, duplicates: 0, refused: 3" in result.output
    refused = {r.source.rsplit("#", 1)[1]: r for _, r in list_refusals(Database(db_url))}
    assert "lone surrogate" in refused["L1"].message and refused["L1"].reason == "bad_record"
    assert "nested too deeply" in refused["L2"].message
    assert refused["L3"].reason == "empty"  # trafilatura finds no text in a bare doctype


def test_a_feed_item_whose_content_is_not_html_is_refused_alone(
    cli: Cli, db_url: str, tmp_path: Path
) -> None:
    feed = tmp_path / "news.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>'
        "<item><title>a</title><description>&lt;!DOCTYPE html&gt;</description></item>"
        f"<item><title>b</title><description>{GOOD}</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    result = cli("ingest", "--no-annotate", str(feed))
    assert result.exit_code == 0 and "stored: 1," in result.output and "refused: 1" in result.output
    ((_at, refusal),) = list_refusals(Database(db_url))
    assert refusal.reason == "bad_html" and refusal.source.endswith("#item 1")


def test_only_regular_files_are_read(cli: Cli, db_url: str, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "x.txt")  # opened for reading, it would block forever
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "zero.txt").symlink_to("/dev/zero")  # read whole, it would fill the memory
    result = cli("ingest", "--no-annotate", "--follow-links", str(folder))
    assert result.exit_code == 0 and "stored: 1," in result.output
    refused = {r.source: r for _, r in list_refusals(Database(db_url))}
    assert refused[str(folder / "x.txt")].reason == "not_a_file"
    assert "a named pipe, not a regular file" in refused[str(folder / "x.txt")].message
    assert "a character device" in refused[str(folder / "zero.txt")].message


def test_links_out_of_the_folder_are_refused_unless_followed(
    cli: Cli, db_url: str, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    outside = tmp_path / "outside.txt"
    outside.write_text(GOOD, encoding="utf-8")
    (folder / "outside.txt").symlink_to(outside)
    (folder / "inside.txt").symlink_to(folder / "real.txt")
    (folder / "real.txt").write_text(SEED_000.read_text(encoding="utf-8"), encoding="utf-8")
    result = cli("ingest", "--no-annotate", str(folder))
    assert result.exit_code == 0
    assert "stored: 1, duplicates: 1, refused: 3" in result.output  # inside.txt is real.txt
    assert _reasons(db_url) == {
        "zero.txt": "outside_link",
        "passwd.txt": "outside_link",
        "outside.txt": "outside_link",
    }
    assert not any("root:" in d.cleaned for d in iter_documents(Database(db_url)))
    followed = cli("ingest", "--no-annotate", "--follow-links", str(folder))
    assert "stored: 1," in followed.output  # outside.txt; zero.txt is still not a file
    assert _reasons(db_url)["zero.txt"] == "not_a_file"


def test_a_folder_that_cannot_be_listed_is_refused_with_its_reason(
    cli: Cli, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    (folder / "locked" / "page.txt").write_text(GOOD, encoding="utf-8")
    (folder / "good.txt").write_text(GOOD + " Later.", encoding="utf-8")
    real = os.scandir

    def scandir(path: object) -> object:  # root reads any folder: deny this one by hand
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    result = cli("ingest", "--no-annotate", str(folder))
    assert result.exit_code == 0 and "stored: 1," in result.output
    ((_at, refusal),) = list_refusals(Database(db_url))
    assert refusal.reason == "unreadable" and refusal.source == str(folder / "locked")
    assert "cannot list this folder (Permission denied)" in refusal.message


def test_the_cap_applies_to_each_jsonl_record_and_reads_stop_at_it(
    cli: Cli, db_url: str, tmp_path: Path
) -> None:
    many = tmp_path / "many.jsonl"
    with many.open("w", encoding="utf-8") as out:
        for n in range(300):
            out.write(_record(text=f"{GOOD} Record {n}. " + "Words of the story. " * 8) + "\n")
        out.write(_record(text="x " * 3000) + "\n")  # one record over the cap
        out.write(_record(text=f"{GOOD} The last record.") + "\n")
    assert many.stat().st_size > 20_000
    result = cli("ingest", "--no-annotate", "--max-bytes", "5000", str(many))
    assert "Pages read: 302, stored: 301, duplicates: 0, refused: 1" in result.output
    ((_at, refusal),) = list_refusals(Database(db_url))
    assert refusal.source.endswith("#L301") and refusal.reason == "too_large"
    sparse = tmp_path / "sparse.txt"  # 8 GB on paper, nothing on disk: never read whole
    with sparse.open("wb") as handle:
        handle.truncate(8 << 30)
    refused = cli("ingest", "--no-annotate", str(sparse))
    assert "refused: 1" in refused.output and _reasons(db_url)["sparse.txt"] == "too_large"


def test_two_ingests_of_the_same_pages_store_each_once_and_both_finish(
    db_url: str, tmp_path: Path
) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    body = SEED_000.read_text(encoding="utf-8")
    for n in range(150):  # pages long enough for the runs to overlap
        (folder / f"{n:03}.txt").write_text(f"{body}\n\nReference {n} of the archive.\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "pressgraph", "--db", db_url, "ingest", "--no-annotate"]
    runs = [
        subprocess.Popen(
            [*command, str(folder)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for _ in range(3)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    assert [run.returncode for run in runs] == [0, 0, 0], [err for _, err in outputs]
    with Database(db_url).read() as conn:
        assert conn.execute(select(func.count()).select_from(documents)).scalar() == 150
    stored = sum(int(out.decode().split("stored: ")[1].split(",")[0]) for out, _ in outputs)
    assert stored == 150
