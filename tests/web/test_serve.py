"""`pressgraph serve`: options reach the server, which listens on 127.0.0.1 by default."""

from __future__ import annotations

import pytest

from pressgraph.store.db import Database
from pressgraph.web import app as web_app
from tests.conftest import Cli


def test_serve_passes_host_port_and_database(
    cli: Cli, db_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: object
) -> None:
    calls: list[tuple[str, str, int]] = []
    tokens: list[str | None] = []

    def fake_serve(
        db: Database, *, host: str, port: int, workers: int, cache: int, curate_token: str | None
    ) -> None:
        calls.append((db.url, host, port))
        tokens.append(curate_token)

    monkeypatch.setattr(web_app, "serve", fake_serve)
    result = cli("serve")
    assert result.exit_code == 0
    assert calls == [(db_url, "127.0.0.1", 8000)]
    assert f"Serving {db_url} at http://127.0.0.1:8000/ with" in result.output
    other = db_url.replace("test.db", "other.db")
    assert cli("serve", "--port", "8123", "--db", other).exit_code == 0
    assert calls[-1] == (other, "127.0.0.1", 8123)
    assert tokens == [None, None]  # no curation unless asked for


def test_a_bad_port_is_a_usage_error(cli: Cli) -> None:
    result = cli("serve", "--port", "0")
    assert result.exit_code == 2 and "--port" in result.output
