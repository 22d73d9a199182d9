"""How `pressgraph show` prints an entity: the sections a reader asks for, in order."""

from __future__ import annotations

import textwrap

import click

from pressgraph.store.entities import EntityDetail, Post


def _when(post: Post) -> str:
    if post.first is None:
        return "date unknown"
    return post.first if post.first == post.last else f"{post.first} .. {post.last}"


def _of(detail: EntityDetail, post: Post) -> str:
    where = post.organization or post.country
    return f", {detail.names.get(where, where)}" if where else ""


def print_entity(detail: EntityDetail) -> None:
    """Print an entity's names, rank, parent and bodies, posts, officials and mentions."""
    e = detail.entity
    click.echo(f"{e.name}  [{e.kind}]  {e.id}")
    if e.acronym:
        click.echo(f"  acronym:  {e.acronym}")
    click.echo(f"  names:    {'; '.join(e.aliases)}")
    if e.rank:
        click.echo(f"  rank:     {e.rank}")
    if detail.parent is not None:
        click.echo(f"  part of:  {detail.parent.name} ({detail.parent.id})")
    if detail.children:
        click.echo("  bodies:   " + "; ".join(c.name for c in detail.children))
    if detail.posts:
        click.echo("\nPosts held (as the documents show them):")
        for post in detail.posts:
            click.echo(f"  {_when(post):24} {post.title}{_of(detail, post)}")
            for story, phrase, _date in post.evidence:
                click.echo(f'  {"":24}   {story}: "{phrase}"')
    if detail.officials:
        click.echo("\nOfficials seen:")
        for person, post in detail.officials:
            click.echo(f"  {_when(post):24} {detail.names.get(person, person)}: {post.title}")
    click.echo(f"\nMentioned {len(detail.seen)} times:")
    for seen in detail.seen:
        line = f"{seen.story} ({seen.date or 'no date'}) {seen.text!r}: {seen.context}"
        click.echo(textwrap.shorten(f"  {line}", width=160, placeholder=" …"))
