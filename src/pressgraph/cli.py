"""The `pressgraph` command: ingest pages, inspect what was stored, export it."""

from __future__ import annotations

import os
import sys
import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Literal

import click

from pressgraph import __version__
from pressgraph.cli_judge import checked_token, judge, report_judgements
from pressgraph.errors import EvaluationError, PressgraphError
from pressgraph.flow.ingest import ingest
from pressgraph.flow.runs import running
from pressgraph.ingest.files import Input
from pressgraph.ingest.sources import list_inputs
from pressgraph.records import IngestSummary
from pressgraph.settings import Settings, from_env
from pressgraph.store.db import Database
from pressgraph.store.documents import get_document, list_refusals, list_stories

# Commands in the order of the flow: read pages, look at what was found, judge, share, serve.
FLOW = (
    "ingest", "annotate", "status", "errors", "stories", "show-document", "search", "entities",
    "show", "events", "event", "claims", "said", "judge", "export", "evaluate", "remove",
    "rebuild", "serve",
)  # fmt: skip


class _Group(click.Group):
    """Lists commands in the order of the flow with their whole first paragraph; turns every
    PressgraphError into one clear line on stderr and its exit code."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """The commands in FLOW order (any other after them)."""
        return sorted(self.commands, key=lambda n: (FLOW.index(n) if n in FLOW else 99, n))

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Each command with its description in full (click cuts it at the first period)."""
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                first = (command.help or "").split("\n\n")[0]
                rows.append((name, " ".join(first.split())))
        with formatter.section("Commands (in the order of the work)"):
            formatter.write_dl(rows)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PressgraphError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(exc.exit_code)


def _settings(ctx: click.Context) -> Settings:
    settings: Settings = ctx.obj
    return settings


def _db(ctx: click.Context) -> Database:
    return _open(ctx, _settings(ctx).db_url)


def _open(ctx: click.Context, url: str) -> Database:
    """Open the database for this command and close its connections when the command ends."""
    db = Database(url)
    ctx.call_on_close(db.close)
    return db


@click.group(cls=_Group)
@click.option(
    "--db",
    "db_url",
    help="SQLAlchemy database URL [env PRESSGRAPH_DB; default sqlite:///pressgraph.db].",
)
@click.version_option(__version__, prog_name="pressgraph")
@click.pass_context
def main(ctx: click.Context, db_url: str | None) -> None:
    """Turn press releases into a knowledge base where every fact points to its sentence."""
    try:
        ctx.obj = from_env().with_overrides(db_url=db_url)
    except PressgraphError as exc:
        raise click.UsageError(str(exc)) from exc


def _workers_option(function: Callable[..., Any]) -> Callable[..., Any]:
    """--workers and --scheduler for the commands that annotate."""
    function = click.option(
        "--scheduler",
        envvar="PRESSGRAPH_SCHEDULER",
        metavar="tcp://HOST:PORT",
        help="Annotate on the workers of this Dask scheduler (each loads the model once); this "
        "process alone writes. Overrides --workers [env PRESSGRAPH_SCHEDULER].",
    )(function)
    return click.option(
        "--workers",
        type=click.IntRange(1, 64),
        envvar="PRESSGRAPH_WORKERS",
        default=lambda: os.cpu_count() or 1,
        show_default="the number of cores",
        help="Processes running the annotation pipeline, each loading the model once; this "
        "process alone writes. 1: annotate in this process [env PRESSGRAPH_WORKERS].",
    )(function)


@main.command("ingest")
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    help="Refuse pages (and JSONL records) larger than this "
    "[env PRESSGRAPH_MAX_BYTES; default 5000000].",
)
@click.option(
    "--annotate/--no-annotate",
    default=True,
    show_default=True,
    help="Annotate the new stories (and any an earlier run left) right away.",
)
@click.option(
    "--follow-links",
    is_flag=True,
    help="Read symbolic links that lead out of a given folder (refused by default).",
)
@click.option(
    "--allow-private",
    "allow_private",
    multiple=True,
    metavar="NETWORK|HOST",
    help="Let fetches reach this private address, network (10.0.0.0/8) or host name; "
    "repeat it or separate with commas; `all` for any [env PRESSGRAPH_ALLOW_PRIVATE].",
)
@click.option(
    "--ignore-robots",
    is_flag=True,
    help="Fetch the pages a feed lists even where the site's robots.txt disallows it.",
)
@_workers_option
@click.pass_context
def ingest_command(
    ctx: click.Context,
    inputs: tuple[str, ...],
    max_bytes: int | None,
    annotate: bool,
    follow_links: bool,
    allow_private: tuple[str, ...],
    ignore_robots: bool,
    workers: int,
    scheduler: str | None,
) -> None:
    """Ingest files, directories (recursively), JSONL files, RSS/Atom feeds and http(s) URLs."""
    settings = _settings(ctx).with_overrides(
        max_bytes=max_bytes,
        follow_links=follow_links or None,
        allow_private=(*_settings(ctx).allow_private, *allow_private) or None,
        robots=False if ignore_robots else None,
    )
    found = _existing(inputs)
    if not found:
        ctx.exit(1)
    db = _open(ctx, settings.db_url)
    items = list_inputs(found)
    early = annotate and workers > 1 and not scheduler and _may_need_workers(items)
    if early:
        from pressgraph.nlp.pool import start_server

        start_server(settings.model)  # spaCy and the model load while the pages are read
    with running(db, "ingest", len(items)) as run:
        with _progress("Ingesting", len(items)) as bar:
            summary = ingest(db, items, settings, progress=bar.step, run=run)
        _print_summary(summary)
        if annotate and (summary.stored or _unfinished(db)):
            _annotate(
                db, settings, redo=False, workers=workers, scheduler=scheduler, run=run, early=early
            )
    if summary.stored == 0 and summary.duplicates == 0:
        ctx.exit(1)


def _existing(inputs: tuple[str, ...]) -> list[str]:
    """The inputs that are URLs or exist; each other one is named on stderr ("no such file or
    folder") and left out, not recorded as a refused page: there was nothing to read."""
    from pathlib import Path

    from pressgraph.ingest.addresses import is_url

    kept = []
    for item in inputs:
        if is_url(item) or Path(item).exists() or Path(item).is_symlink():
            kept.append(item)
        else:
            click.echo(
                f"Error: {item}: no such file or folder; check the path (or give an "
                "http(s):// address)",
                err=True,
            )
    return kept


def _may_need_workers(items: list[Input]) -> bool:
    """Whether these inputs may give stories enough for worker processes: many files, or one
    that holds many pages (a JSONL file, a feed, an address). For a few pages the server is
    not started: they are annotated in this process."""
    from pathlib import Path

    from pressgraph.ingest.addresses import is_url
    from pressgraph.ingest.feeds import FEED_SUFFIXES
    from pressgraph.nlp.workers import PER_WORKER

    many = {*FEED_SUFFIXES, ".jsonl"}
    return len(items) >= PER_WORKER or any(
        is_url(i.path) or Path(i.path).suffix.lower() in many for i in items
    )


def _unfinished(db: Database) -> bool:
    """True when an earlier run left stories to annotate or entities to resolve."""
    from pressgraph.store.annotations import unfinished

    return unfinished(db)


def _annotate(
    db: Database,
    settings: Settings,
    *,
    redo: bool,
    retry: bool = False,
    fresh_ids: bool = False,
    workers: int = 1,
    scheduler: str | None = None,
    run: int | None = None,
    early: bool = True,
) -> None:
    """Run the annotation stage with a progress bar and print its summary line (as part of
    run `run`, or as a run of its own). `early`: start the workers' server before it is
    known whether there are stories enough for workers (else it starts when there are)."""
    if early and workers > 1 and not scheduler:
        from pressgraph.nlp.pool import start_server

        start_server(settings.model)  # its imports go on while this process imports the same
    from pressgraph.flow.annotate import annotate_stories  # spaCy loads only when needed

    with _progress("Annotating") as bar:
        done = annotate_stories(
            db,
            settings,
            redo=redo,
            retry=retry,
            fresh_ids=fresh_ids,
            progress=bar.update,
            workers=workers,
            scheduler=scheduler,
            run=run,
        )
    for failure in done.failed:
        click.echo(f"not annotated [{failure.stage}] {failure.story}: {failure.message}", err=True)
    for gone in done.lost:
        click.echo(f"not annotated [worker] {gone.story}: {gone.message}", err=True)
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(done.resolved.entities.items())) or "none"
    failed = f", not annotated: {len(done.failed)}" if done.failed else ""
    lost = f", left for the next run: {len(done.lost)}" if done.lost else ""
    signed = f" (and {done.signatures} press signature{'s' * (done.signatures != 1)})"
    click.echo(
        f"Stories annotated: {done.stories}{signed if done.signatures else ''}{failed}{lost}, "
        f"mentions: {done.mentions}, posts held: {done.roles}; entities: {kinds}; "
        + (f"scheduler: {scheduler}" if scheduler else f"workers: {done.workers}")
    )
    if done.failed:
        click.echo("See `pressgraph errors` for every story not annotated and why.")
    if done.lost:
        click.echo("A worker process stopped: run `pressgraph annotate` to finish the job.")
    report_judgements(db)  # people's corrections, applied again by resolution (issue 12)


class _Progress:
    """Progress on stderr: a live counter on a terminal, a line every 100 items otherwise."""

    def __init__(self, label: str, total: int = 0) -> None:
        self.label = label
        self.total = total
        self.done = 0
        self.tty = sys.stderr.isatty()

    def step(self, _item: object = None) -> None:
        """One more item done."""
        self.update(self.done + 1, self.total)

    def update(self, done: int, total: int) -> None:
        """`done` of `total` items done."""
        self.done, self.total = done, total
        if self.tty:
            click.echo(f"\r{self.label}: {done}/{total}", err=True, nl=False)
        elif done % 100 == 0 and done < total:
            click.echo(f"{self.label}: {done}/{total}", err=True)

    def close(self) -> None:
        """End the live counter's line."""
        if self.tty and self.done:
            click.echo("", err=True)


@contextmanager
def _progress(label: str, total: int = 0) -> Iterator[_Progress]:
    """A `_Progress` that always ends its line."""
    bar = _Progress(label, total)
    try:
        yield bar
    finally:
        bar.close()


@contextmanager
def _stage(label: str, total: int) -> Iterator[Callable[[int, int], None]]:
    """A stage of a longer run shown as a `_Progress`: yields its `update(done, total)`."""
    with _progress(label, total) as bar:
        yield bar.update


def _print_summary(summary: IngestSummary) -> None:
    for refusal in summary.refusals:
        click.echo(f"refused [{refusal.reason}] {refusal.message}", err=True)
    versions = f" ({summary.versions} new versions)" if summary.versions else ""
    click.echo(
        f"Pages read: {summary.read}, stored: {summary.stored}{versions}, "
        f"duplicates: {summary.duplicates}, refused: {summary.refused}, "
        f"stories found: {summary.stories}"
    )
    if summary.refused:
        click.echo("See `pressgraph errors` for every refused input and why.")


def _dates(function: Callable[..., Any]) -> Callable[..., Any]:
    """--from, --to (YYYY, YYYY-MM or YYYY-MM-DD), --limit and --json, as a listing takes them."""
    options = (
        click.option("--from", "date_from", help="From this date: YYYY, YYYY-MM or YYYY-MM-DD."),
        click.option("--to", "date_to", help="Up to this date: YYYY, YYYY-MM or YYYY-MM-DD."),
        click.option("--limit", type=click.IntRange(min=1), help="At most this many rows."),
        click.option("--json", "as_json", is_flag=True, help="One JSON object per line."),
    )
    for option in reversed(options):
        function = option(function)
    return function


def _in_span(date: str | None, start: str | None, end: str | None) -> bool:
    """A date (or a year or month of one) within the range; an undated row is out of any."""
    if not start and not end:
        return True
    if not date:
        return False
    return (not start or date >= start or start.startswith(date)) and (not end or date <= end)


@main.command("stories")
@click.option("--document", "document", help="Only this document's stories (id or prefix).")
@_dates
@click.pass_context
def stories_command(
    ctx: click.Context,
    document: str | None,
    date_from: str | None,
    date_to: str | None,
    limit: int | None,
    as_json: bool,
) -> None:
    """List stored stories: id, date, main or sidebar, headline and size."""
    from pressgraph.dayspan import span

    start, end = span(date_from, date_to)
    db = _db(ctx)
    if document is not None:
        document = get_document(db, document).id
    found = [s for s in list_stories(db, document) if _in_span(s.date, start, end)][:limit]
    if as_json:
        _print_json(found)
        return
    for story in found:
        kind = "main" if story.main else "side"
        headline = story.headline or _first_words(story.text)
        words = len(story.text.split())
        copy = f" (copy of {story.duplicate_of})" if story.duplicate_of else ""
        click.echo(
            f"{story.id}\t{story.date or '-':10}\t{kind}\t{words:5d} words\t{headline}{copy}"
        )
    click.echo(f"{len(found)} stories")


def _print_json(rows: list[Any]) -> None:
    """Records as JSON lines (dataclasses as objects)."""
    import dataclasses
    import json

    for row in rows:
        click.echo(json.dumps(dataclasses.asdict(row), ensure_ascii=False, default=str))


def _first_words(text: str, width: int = 70) -> str:
    return textwrap.shorten(text, width=width, placeholder=" …")


@main.command("show-document")
@click.argument("doc_id")
@click.pass_context
def show_document_command(ctx: click.Context, doc_id: str) -> None:
    """Print one document: metadata, stories with their text, removed furniture and images."""
    doc = get_document(_db(ctx), doc_id)
    click.echo(f"Document {doc.id} (version {doc.version})")
    for label, value in (
        ("source", doc.source),
        ("title", doc.title),
        ("published", doc.published),
        ("language", doc.language),
        ("fetched", doc.fetched_at),
        ("hash", doc.content_hash),
    ):
        click.echo(f"  {label + ':':11}{value if value is not None else '-'}")
    click.echo(f"  images:    {len(doc.images)} ({', '.join(doc.images) or 'none'})")
    for story in doc.stories:
        kind = "main story" if story.main else "sidebar item"
        click.echo(
            f"\n== Story {story.id} [{kind}] date {story.date or 'unknown'}"
            f" (from {story.date_source or '-'})"
        )
        if story.headline:
            click.echo(f"   {story.headline}")
        click.echo(textwrap.indent(story.text, "   | "))
    click.echo(f"\nRemoved furniture ({len(doc.removed)}):")
    for item in doc.removed:
        click.echo(f"  [{item.kind}] {_first_words(item.text, 90)}")


@main.command("status")
@click.option("--json", "as_json", is_flag=True, help="One JSON object, with every problem.")
@click.pass_context
def status_command(ctx: click.Context, as_json: bool) -> None:
    """Show how far the work has gone: inputs queued, stored, annotated, failed or refused,
    stories left to annotate, resolution pending, the last run; and the command that
    finishes it."""
    from pressgraph.cli_status import print_status
    from pressgraph.store.progress import read_status

    print_status(read_status(_db(ctx)), as_json=as_json)


@main.command("errors")
@click.pass_context
def errors_command(ctx: click.Context) -> None:
    """List every refused input and every story not annotated: why, and how to fix it."""
    from pressgraph.store.annotations import list_failures

    db = _db(ctx)
    found = list_refusals(db)
    for at, refusal in found:
        click.echo(f"{at}\t{refusal.reason}\t{refusal.message}")
    failed = list_failures(db)
    for at, failure in failed:
        click.echo(f"{at}\tannotate:{failure.stage}\t{failure.story}: {failure.message}")
    click.echo(f"{len(found)} refused inputs, {len(failed)} stories not annotated")


@main.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "gexf", "graphml", "ftm"]),
    default="jsonl",
    show_default=True,
    help="jsonl: the contract; csv: a file per record type (folder or .zip); gexf, graphml: "
    "the network for Gephi; ftm: FollowTheMoney entities for Aleph.",
)
@click.argument("out", type=click.Path(allow_dash=True))
@click.option("--from", "date_from", help="Only stories and events from this date (ISO).")
@click.option("--to", "date_to", help="Only stories and events up to this date (ISO).")
@click.option("--entity", help="Only what involves this entity (id or name).")
@click.option("--kind", help="Only stories and events of this event kind (conference, ...).")
@click.option("--people", is_flag=True, help="gexf/graphml: people as well as organizations.")
@click.option("--bodies", is_flag=True, help="gexf/graphml: bodies apart from their organization.")
@click.pass_context
def export_command(
    ctx: click.Context,
    fmt: str,
    out: str,
    date_from: str | None,
    date_to: str | None,
    entity: str | None,
    kind: str | None,
    people: bool,
    bodies: bool,
) -> None:
    """Write the knowledge base to OUT (`-` for stdout) in one of five formats, with the web
    pages' filters; the README documents every format and column."""
    from pressgraph.cli_export import export

    filters = {"date_from": date_from, "date_to": date_to, "entity": entity, "kind": kind}
    export(_db(ctx), fmt, out, **filters, people=people, bodies=bodies)


main.add_command(judge)


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--db", "db_url", help="Database URL for this command (overrides the global --db).")
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=lambda: os.cpu_count() or 1,
    show_default="the number of cores",
    help="Processes serving requests, each with read-only database connections "
    "(one process with --curate).",
)
@click.option(
    "--cache",
    type=click.IntRange(min=0),
    default=2000,
    show_default=True,
    help="Pages each process keeps while the database is unchanged (0: none; none with --curate).",
)
@click.option(
    "--curate", is_flag=True, help="Let curators judge (token: env PRESSGRAPH_CURATE_TOKEN)."
)
@click.pass_context
def serve_command(
    ctx: click.Context,
    host: str,
    port: int,
    db_url: str | None,
    workers: int,
    cache: int,
    curate: bool,
) -> None:
    """Serve the read-only web pages and their JSON API until Ctrl+C."""
    from pressgraph.web.app import serve  # the web stack loads only for this command

    settings = _settings(ctx).with_overrides(db_url=db_url)
    token = checked_token(settings.curate_token) if curate else None
    db = _open(ctx, settings.db_url)  # migrated here, once: the workers only read
    if token:
        workers = 1  # judgements are written: one process, a writable database, no cache
    plural = "es" if workers > 1 else ""
    mode = " with curation (log in at /login)" if token else ""
    click.echo(
        f"Serving {settings.db_url} at http://{host}:{port}/ with {workers} process{plural}"
        f"{mode} (Ctrl+C to stop)"
    )
    serve(db, host=host, port=port, workers=workers, cache=cache, curate_token=token)


@main.command("annotate")
@click.option(
    "--redo",
    is_flag=True,
    help="Annotate every story again (after a model or "
    "gazetteer change), replacing earlier mentions and posts.",
)
@click.option(
    "--retry",
    is_flag=True,
    help="Try again the stories that failed before (see `pressgraph errors`).",
)
@click.option(
    "--fresh-ids",
    is_flag=True,
    help="Make every entity id anew from its best name, as a new database would; the ids "
    "that change are kept as aliases that redirect (entities keep their ids otherwise).",
)
@_workers_option
@click.pass_context
def annotate_command(
    ctx: click.Context,
    redo: bool,
    retry: bool,
    fresh_ids: bool,
    workers: int,
    scheduler: str | None,
) -> None:
    """Find people, organizations, countries and posts held in stories; resolve entities.
    Finishes whatever an earlier run left: stories not annotated, entities not resolved."""
    settings = _settings(ctx)
    db = _open(ctx, settings.db_url)
    _annotate(
        db,
        settings,
        redo=redo,
        retry=retry,
        fresh_ids=fresh_ids,
        workers=workers,
        scheduler=scheduler,
    )


@main.command("remove")
@click.argument("documents", nargs=-1, required=True)
@click.pass_context
def remove_command(ctx: click.Context, documents: tuple[str, ...]) -> None:
    """Delete documents (ids or prefixes) and everything derived from them: stories, removed
    furniture, mentions, posts, facts; entities left without mentions disappear."""
    from pressgraph.store.remove import remove_documents

    settings = _settings(ctx)
    db = _open(ctx, settings.db_url)
    done = remove_documents(db, list(documents))
    click.echo(
        f"Removed {len(done.documents)} documents ({', '.join(done.documents)}), "
        f"{done.stories} stories"
    )
    _annotate(db, settings, redo=False)


@main.command("rebuild")
@click.option(
    "--fresh-ids",
    is_flag=True,
    help="Make every entity id anew from its best name (old ids become aliases).",
)
@click.pass_context
def rebuild_command(ctx: click.Context, fresh_ids: bool) -> None:
    """Recompute every entity, fact, event and derived table from the stored annotations
    (after a model or gazetteer change); `annotate` resolves only what new stories touch."""
    import time

    from pressgraph.resolve.update import rebuild  # the resolution stack loads only here

    db = _open(ctx, _settings(ctx).db_url)
    began = time.perf_counter()
    done = rebuild(
        db, fresh_ids=fresh_ids, progress=lambda step: click.echo(f"Resolving {step}...", err=True)
    )
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(done.resolved.entities.items())) or "none"
    click.echo(
        f"Rebuilt from {done.resolved.mentions} mentions: entities: {kinds}; "
        f"{done.facts.story_events} story events merged into {done.facts.events} events; "
        f"{time.perf_counter() - began:.1f} s"
    )
    report_judgements(db)


@main.command("entities")
@click.option("--kind", type=click.Choice(["person", "organization", "country", "place"]))
@click.option("--query", "query", help="Only entities whose name or a spelling contains this.")
@click.pass_context
def entities_command(ctx: click.Context, kind: str | None, query: str | None) -> None:
    """List entities with their mention counts, most mentioned first."""
    from pressgraph.store.entities import list_entities

    found = list_entities(_db(ctx), kind, query)
    for item in found:
        e = item.entity
        extra = f" ({e.acronym})" if e.acronym else ""
        click.echo(f"{e.id}\t{e.kind}\t{item.mentions:4d}\t{e.name}{extra}")
    click.echo(f"{len(found)} entities")


@main.command("show")
@click.argument("name_or_id")
@click.pass_context
def show_command(ctx: click.Context, name_or_id: str) -> None:
    """Print one entity: spellings, rank, parent and bodies, posts over time, mentions."""
    from pressgraph.cli_show import print_entity
    from pressgraph.store.aliases import alias_of
    from pressgraph.store.entities import entity_detail, find_entity

    db = _db(ctx)
    alias = alias_of(db, name_or_id)  # an id it had, merged or renamed: say so, show it now
    if alias is not None:
        into = alias.entity_id
        how = "was merged into" if alias.reason == "merged" else "is now"
        click.echo(f"{name_or_id} {how} {into} (pressgraph judge list --target {into})")
    print_entity(entity_detail(db, find_entity(db, name_or_id)))


@main.command("events")
@click.option(
    "--entity",
    help="Only events with this entity (id or name) as participant, chair, organizer or place.",
)
@_dates
@click.pass_context
def events_command(
    ctx: click.Context,
    entity: str | None,
    date_from: str | None,
    date_to: str | None,
    limit: int | None,
    as_json: bool,
) -> None:
    """List events overlapping the dates: dates, kind, format, place, number of participants
    and sources, name."""
    from pressgraph.cli_facts import print_events
    from pressgraph.dayspan import span

    start, end = span(date_from, date_to)
    print_events(_db(ctx), start, end, entity, limit=limit, as_json=as_json)


@main.command("event")
@click.argument("event_id")
@click.pass_context
def event_command(ctx: click.Context, event_id: str) -> None:
    """Print one event: kind, name, dates, place, format, chair, organizers, participants,
    statements made at it, and the stories that report it."""
    from pressgraph.cli_facts import print_event

    print_event(_db(ctx), event_id)


@main.command("claims")
@click.option("--unit", help="Only claims counting this (singular) unit, e.g. militant.")
@click.option("--entity", help="Only claims by, about or on the authority of this entity.")
@_dates
@click.pass_context
def claims_command(
    ctx: click.Context,
    unit: str | None,
    entity: str | None,
    date_from: str | None,
    date_to: str | None,
    limit: int | None,
    as_json: bool,
) -> None:
    """List numeric claims: date, figure, unit, subject, speaker, authority."""
    from pressgraph.cli_facts import print_claims
    from pressgraph.dayspan import span

    start, end = span(date_from, date_to)
    found = [c for c in _claims(_db(ctx), unit, entity) if _in_span(c.date, start, end)]
    print_claims(_db(ctx), found[:limit], as_json=as_json)


def _claims(db: Database, unit: str | None, entity: str | None) -> list[Any]:
    from pressgraph.store.entities import find_entity
    from pressgraph.store.queries import list_claims

    who = find_entity(db, entity).id if entity else None
    return list_claims(db, unit=unit, entity=who)


@main.command("search")
@click.argument("query", default="")
@click.option("--entity", multiple=True, help="Only stories mentioning this entity (repeat it).")
@click.option("--kind", help="Only stories reporting an event of this kind (meeting, ...).")
@click.option(
    "--sort",
    type=click.Choice(["relevance", "newest", "oldest"]),
    help="Best match first (with words; else newest first), or by date.",
)
@_dates
@click.pass_context
def search_command(
    ctx: click.Context,
    query: str,
    entity: tuple[str, ...],
    kind: str | None,
    sort: str | None,
    date_from: str | None,
    date_to: str | None,
    limit: int | None,
    as_json: bool,
) -> None:
    """Search the stories as the web's search page does: words, "phrases", prefix*,
    AND/OR/NOT; print id, date, headline and the matching words in context."""
    from pressgraph.cli_facts import print_search

    print_search(_db(ctx), query, entity, kind, sort, (date_from, date_to), limit or 20, as_json)


@main.command("said")
@click.argument("person")
@click.pass_context
def said_command(ctx: click.Context, person: str) -> None:
    """Print what a person said (quotes marked), where and when."""
    from pressgraph.cli_facts import print_said

    print_said(_db(ctx), person)


@main.command("evaluate")
@click.argument("gold", type=click.Path(dir_okay=False))
@click.argument("pages", nargs=-1)
@click.option(
    "--half",
    type=click.Choice(["odd", "even"]),
    help="Only the gold documents and pages whose file number is odd / even (007.txt is 7).",
)
@click.option("--only", help="Only these files, separated by commas: 001.txt,003.txt.")
@click.option(
    "--errors",
    is_flag=True,
    help="List every false positive, false negative and wrong attribute, with its file "
    "and evidence.",
)
@click.option("--json", "json_output", is_flag=True, help="Print the scores as JSON.")
@click.option(
    "--export",
    "keep",
    type=click.Path(dir_okay=False),
    help="Keep the export made from the pages at this path.",
)
@click.option(
    "--score-export",
    type=click.Path(dir_okay=False),
    help="Score this existing JSONL export instead of ingesting pages (give no PAGES).",
)
@click.pass_context
def evaluate_command(
    ctx: click.Context,
    gold: str,
    pages: tuple[str, ...],
    half: Literal["odd", "even"] | None,
    only: str | None,
    errors: bool,
    json_output: bool,
    keep: str | None,
    score_export: str | None,
) -> None:
    """Measure accuracy: ingest PAGES (files or folders) into a throwaway database, export
    it and score the export against GOLD (a gold JSON file): P, R, F1 per category,
    attribute accuracies and macro F1, as ../shared/eval/score.py prints them."""
    from pressgraph.cli_evaluate import print_run
    from pressgraph.evaluate.runner import evaluate_export, evaluate_pages
    from pressgraph.evaluate.selection import Selection

    selection = Selection.of(half, only)
    if score_export is None:
        settings = _settings(ctx)
        run = evaluate_pages(gold, pages, selection, settings, keep=keep, stage=_stage)
    elif pages or keep:
        raise EvaluationError(
            "--score-export scores an export that exists: give no PAGES and no --export with it"
        )
    else:
        run = evaluate_export(gold, score_export, selection)
    print_run(run, errors=errors, json_output=json_output)
