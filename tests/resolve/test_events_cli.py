"""One event reported by two pages is one event with two sources, through the CLI."""

from __future__ import annotations

from pathlib import Path

from pressgraph.store.db import Database
from pressgraph.store.queries import list_events, names
from tests.conftest import Cli

EVENTS = Path(__file__).resolve().parent.parent / "fixtures" / "events"


def test_an_event_reported_twice_is_one_event(cli: Cli, db_url: str) -> None:
    result = cli("ingest", str(EVENTS / "report_a.txt"), str(EVENTS / "report_b.txt"))
    assert result.exit_code == 0
    db = Database(db_url)
    (event,) = list_events(db)
    known = names(db)
    assert event.kind == "exercise" and event.name == '"Interaction-2023"'
    assert (event.start, event.end) == ("2023-09-12", "2023-09-14")
    assert known[event.place or ""] == "Belarus"
    assert len(event.stories) == 2
    people = {known[p] for p, _ in event.participants}
    assert {"Imangali Tasmagambetov", "Viktor Khrenin"} <= people
    shown = cli("event", event.id)
    assert shown.exit_code == 0
    assert f'"Interaction-2023"  [exercise]  {event.id}' in shown.output
    assert "dates:    2023-09-12..2023-09-14" in shown.output
    assert "Sources: " + ", ".join(event.stories) in shown.output
    listing = cli("events", "--from", "2023-09-13", "--to", "2023-09-13").output
    assert "1 events" in listing and "2 sources" in listing
    assert "0 events" in cli("events", "--to", "2023-01-01").output


def test_an_unknown_event_says_how_to_find_one(cli: Cli) -> None:
    result = cli("event", "event:nothing")
    assert result.exit_code == 3
    assert "run `pressgraph events`" in result.output
