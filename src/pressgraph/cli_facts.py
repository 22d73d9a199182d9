"""How the CLI prints events, claims and statements."""

from __future__ import annotations

import textwrap

import click

from pressgraph.store.db import Database
from pressgraph.store.entities import find_entity
from pressgraph.store.queries import get_event, list_claims, list_events, list_statements, names


def _entity_id(db: Database, name_or_id: str | None) -> str | None:
    return find_entity(db, name_or_id).id if name_or_id else None


def _dates(start: str | None, end: str | None) -> str:
    if not start:
        return "date unknown"
    return start if not end or end == start else f"{start}..{end}"


def print_events(
    db: Database, date_from: str | None, date_to: str | None, entity: str | None
) -> None:
    """One line per event, then a count."""
    known = names(db)
    found = list_events(db, date_from=date_from, date_to=date_to, entity=_entity_id(db, entity))
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


def print_claims(db: Database, unit: str | None, entity: str | None) -> None:
    """One line per claim, then a count."""
    known = names(db)
    found = list_claims(db, unit=unit, entity=_entity_id(db, entity))
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
