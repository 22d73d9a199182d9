"""The database module: migrations recorded and matching the tables, WAL, clear errors."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import select, text

from pressgraph.errors import SettingsError, StoreError
from pressgraph.store import derived, schema
from pressgraph.store.db import Database
from pressgraph.store.migrations import MIGRATIONS
from tests.conftest import SEED_000, SEED_004, Cli
from tests.store.conftest import described_by_schema


def test_a_new_database_matches_the_tables_and_records_every_migration(db: Database) -> None:
    with db.read() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": described_by_schema})
        diff = compare_metadata(context, schema.metadata)
        recorded = conn.execute(select(schema.migrations.c.id, schema.migrations.c.name)).all()
    assert diff == []
    assert [tuple(r) for r in recorded] == [(m.id, m.name) for m in MIGRATIONS]


def test_opening_again_applies_nothing(empty_db_url: str) -> None:
    assert Database(empty_db_url).applied == [m.name for m in MIGRATIONS]
    assert Database(empty_db_url).applied == []


def test_opening_an_up_to_date_database_does_not_import_alembic(db: Database) -> None:
    """Every command opens the database: alembic (0.1 s to import) only when it migrates."""
    code = (
        "import sys; from pressgraph.store.db import Database; "
        f"assert Database({db.url!r}).applied == []; "
        "print(sorted(m for m in sys.modules if m.startswith('alembic')))"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.returncode == 0 and done.stdout.strip() == "[]", done.stderr


@pytest.mark.sqlite_only(reason="WAL and foreign keys are PRAGMAs of SQLite's")
def test_sqlite_runs_in_wal_mode_with_foreign_keys(db: Database) -> None:
    with db.read() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1


@pytest.mark.sqlite_only(reason="the page cache is a PRAGMA of SQLite's")
def test_a_writing_connection_keeps_more_pages_than_a_read_only_one(db: Database) -> None:
    with db.begin() as conn:
        assert conn.execute(text("PRAGMA cache_size")).scalar() == -64 * 1024
    reader = Database(db.url, read_only=True)
    with reader.read() as conn:
        assert conn.execute(text("PRAGMA cache_size")).scalar() == -2000  # SQLite's default
    reader.close()


@pytest.mark.sqlite_only(reason="reads SQLite's query plan")
def test_an_entitys_members_of_one_month_are_found_by_date(db: Database) -> None:
    m = schema.event_members.c
    query = select(m.event_id).where(
        m.entity_id.in_(["org:csto", "org:csto-secretariat"]),
        m.part != "place",
        derived.in_months(m.start, {"2019-10"}),
    )
    with db.read() as conn:
        # bound as the store binds it, the IN list expanded
        compiled = query.compile(conn, compile_kwargs={"render_postcompile": True})
        values = tuple(compiled.params[name] for name in compiled.positiontup or ())
        rows = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}", values)
        plan = " ".join(str(row[-1]) for row in rows)
    assert "ix_event_members_start (entity_id=? AND start>? AND start<?)" in plan


def test_a_bad_url_says_how_to_fix_it() -> None:
    with pytest.raises(SettingsError, match="Give an SQLAlchemy URL such as sqlite:///"):
        Database("nonsense://x")


def test_an_unwritable_place_is_a_store_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="Check that the folder exists"):
        Database(f"sqlite:///{tmp_path / 'no' / 'such' / 'dir.db'}")


def test_the_environment_variable_chooses_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from pressgraph.cli import main

    target = tmp_path / "env.db"
    monkeypatch.setenv("PRESSGRAPH_DB", f"sqlite:///{target}")
    result = CliRunner().invoke(main, ["ingest", str(SEED_000)])
    assert result.exit_code == 0
    assert target.exists()
    monkeypatch.setenv("PRESSGRAPH_MAX_BYTES", "lots")
    bad = CliRunner().invoke(main, ["errors"])
    assert bad.exit_code == 2
    assert "PRESSGRAPH_MAX_BYTES='lots' is not a number" in bad.output


def test_cli_reports_store_errors_in_one_line(cli: Cli, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from pressgraph.cli import main

    url = f"sqlite:///{tmp_path / 'missing' / 'x.db'}"
    result = CliRunner().invoke(main, ["--db", url, "stories"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: cannot open or migrate the database")
    assert len(result.output.strip().splitlines()) == 1


def test_an_older_database_is_upgraded_by_its_pending_migration(db_url: str, cli: Cli) -> None:
    """A database made before migration 4 gets the new columns and their values."""
    cli("ingest", "--no-annotate", str(SEED_000), str(SEED_004))
    db = Database(db_url)
    with db.begin() as conn:  # turn the database back into what migration 3 left
        conn.execute(text("DROP INDEX ix_stories_text_hash"))
        conn.execute(text("ALTER TABLE stories DROP COLUMN text_hash"))
        conn.execute(text("ALTER TABLE stories DROP COLUMN duplicate_of"))
        conn.execute(text("DELETE FROM schema_migrations WHERE id = 4"))
    db.close()
    upgraded = Database(db_url)
    assert upgraded.applied == ["story_duplicates"]
    with upgraded.read() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": described_by_schema})
        assert compare_metadata(context, schema.metadata) == []
        hashes = conn.execute(text("SELECT text_hash, duplicate_of FROM stories")).all()
    assert len(hashes) == 3 and all(len(h) == 64 and d is None for h, d in hashes)
