"""`pressgraph judge`: correct what the machine got wrong, without editing facts.

Every command stores one judgement (who, when, why, what) and resolves again, so it takes
effect now and after every later `annotate --redo`; `list` shows them all with how each
fared, `undo N` cancels one, `export` and `import` share them as JSON lines.
"""

from __future__ import annotations

import getpass
import json
import os
import sys
from pathlib import Path
from typing import TextIO

import click

from pressgraph.errors import SettingsError
from pressgraph.resolve.judging import import_records, judgement_records
from pressgraph.resolve.judging import judge as make_judgement
from pressgraph.settings import Settings
from pressgraph.store.db import Database
from pressgraph.store.judgements import Judgement, list_judgements

MIN_TOKEN = 16  # characters of the curation token, at least
WHY = click.option("--why", required=True, help="Why: kept with the judgement in the audit log.")
WHO = click.option("--who", help="Who judges [env PRESSGRAPH_CURATOR; default: the login name].")


def _db(ctx: click.Context) -> Database:
    settings: Settings = ctx.find_root().obj
    db = Database(settings.db_url)
    ctx.call_on_close(db.close)
    return db


def _who(who: str | None) -> str:
    return who or os.environ.get("PRESSGRAPH_CURATOR") or getpass.getuser()


def _made(ctx: click.Context, action: str, target: str, **values: str | None) -> None:
    """Store and apply one judgement; print it and how it fared."""
    click.echo("Applying the judgement: resolving again …", err=True)
    who = _who(values.pop("who"))
    why = values.pop("why") or ""
    done = make_judgement(_db(ctx), action, target, why=why, who=who, **values)
    click.echo(_line(done))
    if done.status == "missing":
        ctx.exit(1)


def _line(j: Judgement) -> str:
    status = j.status or "not applied yet"
    message = f" — {j.message}" if j.message else ""
    return f"#{j.id} {j.at} {j.who}: {j.describe()} [{status}{message}] why: {j.why}"


def report_judgements(db: Database) -> None:
    """After a resolution: how many judgements applied, and which targets are missing."""
    found = list_judgements(db)
    if not found:
        return
    missing = [j for j in found if j.status == "missing"]
    applied = sum(1 for j in found if j.status == "applied")
    click.echo(
        f"Judgements applied again: {applied} of {len(found)}; target missing: {len(missing)}"
    )
    for j in missing:
        click.echo(f"  missing: {_line(j)}", err=True)


def checked_token(token: str | None) -> str:
    """The curation token for `serve --curate`, or a SettingsError saying how to set one."""
    if not token or len(token) < MIN_TOKEN:
        raise SettingsError(
            f"serve --curate needs PRESSGRAPH_CURATE_TOKEN set to a secret of at least "
            f"{MIN_TOKEN} characters, e.g. the output of "
            "python3 -c 'import secrets; print(secrets.token_urlsafe(32))'"
        )
    return token


@click.group("judge")
def judge() -> None:
    """Judgements: merge, split, rename, set the kind, reject or confirm facts, notes."""


@judge.command("merge")
@click.argument("entity")
@click.argument("into")
@WHY
@WHO
@click.pass_context
def merge(ctx: click.Context, entity: str, into: str, why: str, who: str | None) -> None:
    """Merge ENTITY into INTO (ids or names): its mentions and facts become INTO's, and its
    page redirects there."""
    _made(ctx, "merge", entity, other=into, why=why, who=who)


@judge.command("split")
@click.argument("entity")
@click.option("--form", help="Split off every mention written this way ('V. Semerikov').")
@click.option("--mention", help="Split off one mention: STORY#START-END.")
@click.option("--name", help="The name of the new entity [default: the form or mention].")
@WHY
@WHO
@click.pass_context
def split(
    ctx: click.Context,
    entity: str,
    form: str | None,
    mention: str | None,
    name: str | None,
    why: str,
    who: str | None,
) -> None:
    """Split mentions off ENTITY into a new entity, by name form or one mention."""
    if (form is None) == (mention is None):
        raise click.UsageError("give exactly one of --form TEXT and --mention STORY#START-END")
    other = f"form:{form}" if form is not None else f"mention:{mention}"
    _made(ctx, "split", entity, other=other, value=name, why=why, who=who)


@judge.command("rename")
@click.argument("entity")
@click.argument("name")
@WHY
@WHO
@click.pass_context
def rename(ctx: click.Context, entity: str, name: str, why: str, who: str | None) -> None:
    """Give ENTITY the display name NAME (its id stays)."""
    _made(ctx, "rename", entity, value=name, why=why, who=who)


@judge.command("kind")
@click.argument("entity")
@click.argument("kind", type=click.Choice(["person", "organization", "country", "place"]))
@WHY
@WHO
@click.pass_context
def set_kind(ctx: click.Context, entity: str, kind: str, why: str, who: str | None) -> None:
    """Set the kind of ENTITY (person, organization, country, place)."""
    _made(ctx, "kind", entity, value=kind, why=why, who=who)


@judge.command("reject")
@click.argument("fact")
@WHY
@WHO
@click.pass_context
def reject(ctx: click.Context, fact: str, why: str, who: str | None) -> None:
    """Reject FACT: an event id, a fact key (claim:<story>#<start>-<end>, the `key` of an
    exported record) or claim:123 / statement:12 / relation:5 / role:9 (row numbers)."""
    _made(ctx, "reject", fact, why=why, who=who)


@judge.command("confirm")
@click.argument("fact")
@WHY
@WHO
@click.pass_context
def confirm(ctx: click.Context, fact: str, why: str, who: str | None) -> None:
    """Confirm FACT (named as for reject): a person checked it against the source."""
    _made(ctx, "confirm", fact, why=why, who=who)


@judge.command("note")
@click.argument("target")
@click.argument("text")
@click.option("--why", default="", help="Why [default: the note itself].")
@WHO
@click.pass_context
def note(ctx: click.Context, target: str, text: str, why: str, who: str | None) -> None:
    """Attach the note TEXT to an entity or a fact."""
    _made(ctx, "note", target, value=text, why=why, who=who)


@judge.command("undo")
@click.argument("number", type=int)
@WHY
@WHO
@click.pass_context
def undo(ctx: click.Context, number: int, why: str, who: str | None) -> None:
    """Cancel judgement NUMBER (the log keeps both; undoing the undo brings it back)."""
    _made(ctx, "undo", str(number), why=why, who=who)


@judge.command("list")
@click.option("--target", help="Only judgements about this entity id or fact key.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object a line.")
@click.pass_context
def list_command(ctx: click.Context, target: str | None, as_json: bool) -> None:
    """Every judgement, oldest first, with how it fared at the last resolution."""
    found = list_judgements(_db(ctx), target=target)
    for j in found:
        click.echo(json.dumps(j.__dict__, ensure_ascii=False) if as_json else _line(j))
    missing = sum(1 for j in found if j.status == "missing")
    click.echo(f"{len(found)} judgements, {missing} whose target is missing", err=as_json)


@judge.command("export")
@click.argument("out", type=click.Path(dir_okay=False, allow_dash=True))
@click.pass_context
def export_command(ctx: click.Context, out: str) -> None:
    """Write every judgement to OUT as JSON lines (`-` for stdout)."""
    lines = [json.dumps(r, ensure_ascii=False) + "\n" for r in judgement_records(_db(ctx))]
    if out == "-":
        sys.stdout.writelines(lines)
    else:
        Path(out).write_text("".join(lines), encoding="utf-8")
    click.echo(f"Exported {len(lines)} judgements to {out}", err=out == "-")


@judge.command("import")
@click.argument("source", type=click.File("r", encoding="utf-8"))
@click.pass_context
def import_command(ctx: click.Context, source: TextIO) -> None:
    """Add the judgements of a `judge export` file not already here, and apply them."""
    click.echo("Importing judgements; resolving again …", err=True)
    added, skipped = import_records(_db(ctx), source)
    click.echo(f"Imported {added} judgements ({skipped} were already here)")
