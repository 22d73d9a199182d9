"""The CLI's first ten minutes (issue 13): the help in the order of the work, a missing path,
the same count of stories from ingest and annotation, dates, limits and JSON, search."""

from __future__ import annotations

import json

from click.testing import CliRunner

from pressgraph.cli import FLOW, main
from tests.conftest import EXAMPLES, Cli


def test_the_help_lists_the_commands_in_the_order_of_the_work_in_full() -> None:
    shown = CliRunner().invoke(main, ["--help"], terminal_width=200).output
    listed = shown.split("Commands (in the order of the work):", 1)[1]
    names = [line.split()[0] for line in listed.splitlines() if line.startswith("  ") and
             not line.startswith("   ")]  # fmt: skip
    assert names == [n for n in FLOW if n in names] and names[:2] == ["ingest", "annotate"]
    # Whole descriptions, not cut at the first period.
    assert "Finishes whatever an earlier run left" in " ".join(listed.split())


def test_a_missing_path_says_so_and_is_not_kept_as_a_refusal(cli: Cli) -> None:
    done = cli("ingest", "/no/such/path")
    assert done.exit_code == 1
    assert "/no/such/path: no such file or folder" in done.output
    assert cli("errors").output.strip().endswith("0 refused inputs, 0 stories not annotated")


def test_ingest_and_annotation_count_stories_alike_and_the_listings_filter(cli: Cli) -> None:
    done = cli("ingest", str(EXAMPLES))
    assert "stories found: 3" in done.output
    assert "Stories annotated: 3 (and 1 press signature)" in done.output
    assert cli("stories", "--from", "2021").output.strip().endswith("2 stories")
    assert cli("stories", "--from", "2021-13").exit_code == 2
    rows = [
        json.loads(line)
        for line in cli("events", "--to", "2019", "--json").output.split("\n")
        if line
    ]
    assert [r["start"] for r in rows] == ["2019-10-30"]
    assert len(cli("claims", "--limit", "2", "--json").output.strip().splitlines()) == 2
    found = cli("search", "Semerikov", "--sort", "oldest").output
    assert found.index("2019-10-30") < found.index("2021-06-30")
    assert found.strip().endswith("2 stories")
