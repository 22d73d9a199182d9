"""How often each spelling names the entity of a summed block (`block_spellings`).

An organization's, a country's or a place's entity row depends only on how often each
spelling names it (and, for an organization the gazetteer does not know, how often each
parent is given). Resolution keeps these counts as it links mentions, so a batch that
mentions the CSTO reads the few rows of its block instead of counting its hundreds of
thousands of mentions (issue 10): a full resolution fills the table from the mentions, an
incremental one writes the new totals of the blocks it touched, both in the transaction
that writes the links.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from sqlalchemy import Connection, delete, func, insert, literal, or_, select

from pressgraph.store.chunks import chunked
from pressgraph.store.schema import SUMMED_BLOCKS, block_spellings, mentions

Spellings = Counter[tuple[str, str]]  # (text, parent key or "") -> mentions


def read_spellings(conn: Connection, blocks: Iterable[str]) -> dict[str, Spellings]:
    """Block -> how often each (spelling, parent key) names its entity."""
    found: dict[str, Spellings] = {}
    b = block_spellings.c
    for chunk in chunked(sorted(set(blocks))):
        query = select(b.block, b.text, b.parent_key, b.mentions).where(b.block.in_(chunk))
        for block, text, parent, n in conn.execute(query):
            found.setdefault(str(block), Counter())[(str(text), str(parent))] += int(n)
    return found


def write_spellings(conn: Connection, totals: Mapping[str, Spellings]) -> None:
    """Replace the counts of these blocks with `totals`."""
    b = block_spellings.c
    for chunk in chunked(sorted(totals)):
        conn.execute(delete(block_spellings).where(b.block.in_(chunk)))
    rows = [
        {"block": block, "text": text, "parent_key": parent, "mentions": n}
        for block, counts in sorted(totals.items())
        for (text, parent), n in sorted(counts.items())
        if n > 0
    ]
    if rows:
        conn.execute(insert(block_spellings), rows)


def fill_spellings(conn: Connection) -> None:
    """Count every summed block's spellings again from the resolved mentions."""
    conn.execute(delete(block_spellings))
    m = mentions.c
    parent = func.coalesce(m.parent_key, literal(""))
    counted = (
        select(m.block, m.text, parent, func.count())
        .where(or_(*(m.block.startswith(prefix) for prefix in SUMMED_BLOCKS)))
        .group_by(m.block, m.text, parent)
    )
    columns = ["block", "text", "parent_key", "mentions"]
    conn.execute(insert(block_spellings).from_select(columns, counted))
