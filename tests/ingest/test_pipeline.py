"""Ingest through the CLI: identity by content, versions, whole pages only, refusals."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.exc import OperationalError

from pressgraph.store.db import Database
from pressgraph.store.documents import iter_documents, list_refusals
from pressgraph.store.schema import documents, removed, stories
from tests import databases
from tests.conftest import PAGES, SEED_000, SEED_004, Cli


def test_reingesting_the_same_page_is_a_no_op(cli: Cli, db_url: str, tmp_path: Path) -> None:
    cli("ingest", str(SEED_000))
    copy = tmp_path / "elsewhere.txt"
    copy.write_bytes(SEED_000.read_bytes())
    result = cli("ingest", str(SEED_000), str(copy))
    assert "stored: 0, duplicates: 2" in result.output
    db = Database(db_url)
    with db.read() as conn:
        assert conn.execute(select(func.count()).select_from(documents)).scalar() == 1
        assert conn.execute(select(func.count()).select_from(stories)).scalar() == 1
        assert conn.execute(select(func.count()).select_from(removed)).scalar() == 11


def test_a_changed_page_at_the_same_source_is_a_new_version(
    cli: Cli, db_url: str, tmp_path: Path
) -> None:
    page = tmp_path / "news.txt"
    page.write_text(SEED_004.read_text(encoding="utf-8"), encoding="utf-8")
    cli("ingest", str(page))
    page.write_text(
        SEED_004.read_text(encoding="utf-8").replace("five sessions", "six sessions"),
        encoding="utf-8",
    )
    result = cli("ingest", str(page))
    assert "stored: 1 (1 new versions), duplicates: 0" in result.output
    docs = sorted(iter_documents(Database(db_url)), key=lambda d: d.version)
    assert [d.version for d in docs] == [1, 2]
    assert docs[0].source == docs[1].source == str(page.resolve())
    assert "six sessions" in docs[1].stories[1].text
    assert "five sessions" in docs[0].stories[1].text


def test_every_kind_of_bad_input_is_recorded_and_the_batch_goes_on(
    cli: Cli, db_url: str, tmp_path: Path
) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (bad / "latin.txt").write_bytes(b"\x81\x8d\x8f\x90\x9d" * 400)
    (bad / "cp1251.txt").write_bytes(
        "30 июня 2021 года в Нью-Йорке состоялась конференция. ".encode("cp1251") * 3
    )
    (bad / "empty.txt").write_text("   \n\n  ", encoding="utf-8")
    (bad / "furniture_only.txt").write_text("Go back\n\nDSC_0001.JPG\n", encoding="utf-8")
    (bad / "huge.txt").write_text("On May 1, 2020, the CSTO met. " * 1000, encoding="utf-8")
    (bad / "slides.pptx").write_bytes(b"PK\x03\x04")
    (bad / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    good = bad / "good.txt"
    good.write_text(SEED_000.read_text(encoding="utf-8"), encoding="utf-8")
    result = cli(
        "ingest",
        "--max-bytes",
        "20000",
        str(bad / "missing.txt"),
        str(bad),
        str(bad / "slides.pptx"),
    )
    assert result.exit_code == 0
    assert "stored: 2," in result.output
    stored = {Path(d.source).name: d for d in iter_documents(Database(db_url))}
    assert stored["cp1251.txt"].language == "ru"
    assert stored["cp1251.txt"].stories[0].text.startswith("30 июня 2021 года в Нью-Йорке")
    reasons = {Path(r.source).name: r.reason for _, r in list_refusals(Database(db_url))}
    # A path that does not exist is named and left out, not kept as a refusal (issue 13).
    assert "missing.txt: no such file or folder" in result.output
    assert reasons == {
        "binary.txt": "binary",
        "latin.txt": "undecodable",
        "empty.txt": "empty",
        "furniture_only.txt": "empty",
        "huge.txt": "too_large",
        "slides.pptx": "unsupported",
        "dangling.txt": "outside_link",
    }
    errors = cli("errors").output
    assert "raise it with --max-bytes or PRESSGRAPH_MAX_BYTES" in errors
    supported = ".atom, .htm, .html, .jsonl, .markdown, .md, .rss, .txt, .xhtml, .xml"
    assert f"supported: {supported}" in errors
    assert "re-save it as UTF-8" in errors


def test_exit_code_is_non_zero_only_when_nothing_was_ingested(cli: Cli, tmp_path: Path) -> None:
    assert cli("ingest", str(tmp_path / "nothing.txt")).exit_code == 1
    assert (
        cli("ingest", str(tmp_path / "nothing.txt"), str(PAGES / "navigation.txt")).exit_code == 0
    )
    # a batch of duplicates ingested nothing new, but nothing failed either
    assert cli("ingest", str(PAGES / "navigation.txt")).exit_code == 0


def _counts(url: str) -> tuple[int, list[tuple[str, int, int]]]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT d.id, d.story_count, (SELECT COUNT(*) FROM stories s "
                    "WHERE s.document_id = d.id) FROM documents d"
                )
            ).all()
    finally:
        engine.dispose()
    return len(rows), [tuple(r) for r in rows]


def _scalar(url: str, query: str) -> object:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(text(query)).scalar()
    finally:
        engine.dispose()


def test_a_kill_during_a_batch_leaves_only_whole_pages(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    text = SEED_000.read_text(encoding="utf-8")
    for n in range(400):
        (corpus / f"{n:04d}.txt").write_text(text.replace("80 countries", f"{n} countries"))
    url = databases.fresh_url(tmp_path, "kill.db")
    env = {**os.environ, "PRESSGRAPH_DB": url}
    proc = subprocess.Popen(
        [sys.executable, "-m", "pressgraph", "ingest", "--no-annotate", str(corpus)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        if databases.on_postgresql() or (tmp_path / "kill.db").exists():
            try:
                stored, _ = _counts(url)
            except OperationalError:  # not made or not migrated yet
                continue
            if stored >= 20:
                break
    assert proc.poll() is None, "the batch ended before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    total, rows = _counts(url)
    assert 20 <= total < 400
    assert all(expected == found == 1 for _, expected, found in rows)
    if not databases.on_postgresql():
        assert _scalar(url, "PRAGMA integrity_check") == "ok"
    orphans = "SELECT COUNT(*) FROM removed WHERE document_id NOT IN (SELECT id FROM documents)"
    assert _scalar(url, orphans) == 0
    assert _scalar(url, "SELECT COUNT(*) FROM removed WHERE kind = 'image'") == 11 * total
    # the next run picks up where the killed one stopped
    done = subprocess.run(
        [sys.executable, "-m", "pressgraph", "ingest", "--no-annotate", str(corpus)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert f"stored: {400 - total}, duplicates: {total}," in done.stdout
