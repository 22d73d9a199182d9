"""How the CLI prints an evaluation: warnings on stderr, then the table or its JSON."""

from __future__ import annotations

import json

import click

from pressgraph.evaluate.report import as_json, header, miss_line, summary, table
from pressgraph.evaluate.runner import Run


def _warnings(run: Run) -> None:
    if run.ingested is not None:
        for refusal in run.ingested.refusals:
            click.echo(f"refused [{refusal.reason}] {refusal.message}", err=True)
    if run.unpaired:
        n = len(run.unpaired)
        them = "1 document matches" if n == 1 else f"{n} documents match"
        is_ = "is" if n == 1 else "are"
        click.echo(
            f"Warning: {them} no gold document and {is_} not scored: "
            f"{', '.join(run.unpaired)}; add them to the gold, or leave them out",
            err=True,
        )
    if run.export_path is not None and run.ingested is not None:
        click.echo(f"Export kept at {run.export_path}", err=True)


def print_run(run: Run, *, errors: bool, json_output: bool) -> None:
    """The evaluation as the shared scorer's table (or JSON), with --errors lines."""
    _warnings(run)
    if json_output:
        click.echo(json.dumps(as_json(run.scores, errors=errors), indent=1, ensure_ascii=False))
        return
    click.echo(header(run))
    if errors:
        for miss in run.scores.misses:
            click.echo(miss_line(miss))
    for line in table(run.scores):
        click.echo(line)
    click.echo(summary(run))
