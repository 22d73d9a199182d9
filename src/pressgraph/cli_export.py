"""`pressgraph export`: check the filters, write the format, show progress and a summary."""

from __future__ import annotations

import datetime as dt
import sys

import click

from pressgraph.export.run import run_export, summary_line
from pressgraph.export.scope import Scope
from pressgraph.store.db import Database
from pressgraph.store.entities import find_entity
from pressgraph.store.pages.common import Ref
from pressgraph.store.pages.events import KINDS


def export(
    db: Database,
    fmt: str,
    out: str,
    *,
    date_from: str | None,
    date_to: str | None,
    entity: str | None,
    kind: str | None,
    people: bool,
    bodies: bool,
) -> None:
    """Run one export and print its summary line (on stderr when OUT is stdout)."""
    scope = Scope(_day(date_from, "--from"), _day(date_to, "--to"), _entity(db, entity), kind)
    if kind is not None and kind not in KINDS:
        raise click.BadParameter(f"{kind!r}; use one of {', '.join(KINDS)}", param_hint="--kind")
    if scope.date_from and scope.date_to and scope.date_from > scope.date_to:
        raise click.BadParameter(f"--from {date_from} is after --to {date_to}; swap them")
    tty = sys.stderr.isatty()

    def progress(n: int) -> None:
        if tty:
            click.echo(f"\rExporting: {n:,} records", err=True, nl=False)
        elif n % 50_000 == 0:
            click.echo(f"Exporting: {n:,} records", err=True)

    written = run_export(db, fmt, out, scope, people=people, bodies=bodies, progress=progress)
    if tty:
        click.echo("\r", err=True, nl=False)
    click.echo(summary_line(fmt, out, written, scope), err=out == "-")


def _day(value: str | None, option: str) -> str | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a date; write it as 2021-06-30", param_hint=option
        ) from None


def _entity(db: Database, name_or_id: str | None) -> Ref | None:
    if not name_or_id:
        return None
    found = find_entity(db, name_or_id)
    return Ref(found.id, found.name, found.kind)
