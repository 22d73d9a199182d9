"""How the CLI prints events, claims and statements."""

from __future__ import annotations

import dataclasses
import json
import textwrap
from typing import Any

import click

from pressgraph.store.db import Database
from pressgraph.store.entities import find_entity
from pressgraph.store.queries import get_event, list_events, list_statements, names


def _entity_id(db: Database, name_or_id: str | None) -> str | None:
    return find_entity(db, name_or_id).id if name_or_id else None


def _dates(start: str | None, end: str | None) -> str:
    if not start:
        return "date unknown"
    return start if not end or end == start else f"{start}..{end}"


def print_events(
    db: Database,
    date_from: str | None,
    date_to: str | None,
    entity: str | None,
    *,
    limit: int | None = None,
    as_json: bool = False,
) -> None:
    """One line per event, then a count (or one JSON object per event)."""
    known = names(db)
    found = list_events(db, date_from=date_from, date_to=date_to, entity=_entity_id(db, entity))
    found = found[:limit]
    if as_json:
        _json_lines(found)
        return
    for e in found:
        place = known.get(e.place or "", "-")
        click.echo(
            f"{e.id}\t{_dates(e.start, e.end):22}\t{e.kind:10}\t{e.format or '-':9}\t{place}\t"
            f"{len(e.participants)} participants\t{len(e.stories)} sources\t{e.name or ''}"
        )
    click.echo(f"{len(found)} events")


def print_event(db: Database, event_id: str) -> None:
    """An event's attributes, people, statements and sources."""
    known = names(db)
    e = get_event(db, event_id)
    click.echo(f"{e.name or e.kind.title()}  [{e.kind}]  {e.id}")
    click.echo(f"  dates:    {_dates(e.start, e.end)}")
    click.echo(f"  place:    {known.get(e.place or '', '-')}")
    click.echo(f"  format:   {e.format or 'unknown'}")
    click.echo(f"  chair:    {known.get(e.chair or '', '-')}")
    click.echo("  organizers: " + ("; ".join(known.get(o, o) for o in e.organizers) or "-"))
    click.echo(f"\nParticipants ({len(e.participants)}):")
    for entity, part in e.participants:
        click.echo(f"  {part:16} {known.get(entity, entity)}")
    said = list_statements(db, event=e.id)
    click.echo(f"\nStatements made at it ({len(said)}):")
    for s in said:
        mark = "quote" if s.quote else s.verb
        line = f"  {known.get(s.speaker or '', '?')} ({mark}): {s.text}"
        click.echo(textwrap.shorten(line, width=160, placeholder=" …"))
    click.echo("\nSources: " + ", ".join(e.stories))


def print_claims(db: Database, found: list[Any], *, as_json: bool = False) -> None:
    """One line per claim, then a count (or one JSON object per claim)."""
    if as_json:
        _json_lines(found)
        return
    known = names(db)
    for c in found:
        figure = f"{c.low:,.0f}" if c.low == c.high else f"{c.low:,.0f}-{c.high:,.0f}"
        subject = known.get(c.subject or "", c.subject_text or "-")
        click.echo(
            f"{c.date or '-':10}\t{c.approx:6}\t{figure:>13}\t{c.unit or '-':12}\t{subject}\t"
            f"said by {known.get(c.speaker or '', '-')}\t"
            f"{('on ' + c.authority_text) if c.authority_text else ''}"
        )
    click.echo(f"{len(found)} claims")


def print_said(db: Database, person: str) -> None:
    """Everything a person said, quotes marked, with story and date."""
    entity = find_entity(db, person)
    said = list_statements(db, speaker=entity.id)
    click.echo(f"{entity.name}: {len(said)} statements")
    for s in said:
        mark = "“quote”" if s.quote else s.verb
        line = f"  {s.date or '-'} {s.story} [{mark}] {s.text}"
        click.echo(textwrap.shorten(line, width=200, placeholder=" …"))


def _json_lines(rows: list[Any]) -> None:
    for row in rows:
        click.echo(json.dumps(dataclasses.asdict(row), ensure_ascii=False, default=str))


def print_search(
    db: Database,
    query: str,
    entities: tuple[str, ...],
    kind: str | None,
    sort: str | None,
    dates: tuple[str | None, str | None],
    limit: int,
    as_json: bool,
) -> None:
    """The stories a search finds: one line each and the words in context, then a count."""
    from pressgraph.dayspan import span
    from pressgraph.store.pages.common import Ref
    from pressgraph.store.pages.search import search_page

    start, end = span(*dates)
    chosen = tuple(Ref(e.id, e.name, e.kind) for e in (find_entity(db, n) for n in entities))
    order = sort or ("relevance" if query.strip() else "newest")
    found = search_page(
        db, query, date_from=start, date_to=end, entities=chosen, kind=kind, page=1,
        page_size=limit, sort=order,
    )  # fmt: skip
    if as_json:
        _json_lines(list(found.hits))
        return
    for hit in found.hits:
        click.echo(f"{hit.story}\t{hit.date or '-':10}\t{hit.title}")
        if hit.snippet.text:
            click.echo(textwrap.indent(textwrap.fill(hit.snippet.text, 96), "    "))
    shown = f" (the first {len(found.hits)})" if found.total > len(found.hits) else ""
    click.echo(f"{found.total} stories{shown}")
