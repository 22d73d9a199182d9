"""`pressgraph export`: one entry point for every format, with the pages' filters.

jsonl, csv and ftm write the export contract's records within the scope
(`export/scope.py`); gexf and graphml write the network page's graph (`export/graph.py`).
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from pressgraph.export.csv_tables import ExportError, write_csv
from pressgraph.export.graph import write_gexf, write_graphml
from pressgraph.export.jsonl import write_records
from pressgraph.export.scope import Scope, scoped_records
from pressgraph.store.db import Database
from pressgraph.store.derived import entity_tree, node_folder
from pressgraph.store.pages.network import NetworkPage, network_page

FORMATS = ("jsonl", "csv", "gexf", "graphml", "ftm")
GRAPHS = ("gexf", "graphml")


def run_export(
    db: Database,
    fmt: str,
    out: str,
    scope: Scope,
    *,
    people: bool = False,
    bodies: bool = False,
    progress: Callable[[int], None] = lambda _n: None,
) -> dict[str, int]:
    """Write the export in `fmt` to `out` (`-`: stdout); return what was written, by type."""
    if fmt in GRAPHS:
        graph = scoped_graph(db, scope, people=people, bodies=bodies)
        with _binary(out) as handle:
            (write_gexf if fmt == "gexf" else write_graphml)(graph, handle)
        return {"nodes": len(graph.nodes), "edges": len(graph.edges)}
    found = scoped_records(db, scope)
    if fmt == "csv":
        return dict(write_csv(found, out, progress))
    with _text(out) as handle:
        if fmt == "ftm":
            from pressgraph.export.ftm import write_ftm  # followthemoney loads only for this

            return write_ftm(found, handle, progress)
        return dict(write_records(found, handle, progress))


def scoped_graph(db: Database, scope: Scope, *, people: bool, bodies: bool) -> NetworkPage:
    """The network page's graph in the scope, every node kept; with an entity, only its
    links (to the node it is part of, when bodies are folded into their organization)."""
    graph = network_page(
        db,
        date_from=scope.date_from,
        date_to=scope.date_to,
        people=people,
        bodies=bodies,
        kind=scope.kind,
        max_nodes=None,
    )
    if scope.entity is None:
        return graph
    with db.read() as conn:
        center = node_folder(entity_tree(conn), bodies)(scope.entity.id) or scope.entity.id
    edges = tuple(e for e in graph.edges if center in (e.source, e.target))
    linked = {center} | {e.source for e in edges} | {e.target for e in edges}
    nodes = tuple(n for n in graph.nodes if n.id in linked)
    return replace(graph, nodes=nodes, edges=edges, left_out=0)


@contextmanager
def _text(out: str) -> Iterator[TextIO]:
    if out == "-":
        yield sys.stdout
        return
    with _opened(out, "w") as handle:
        yield handle


@contextmanager
def _binary(out: str) -> Iterator[BinaryIO]:
    if out == "-":
        yield sys.stdout.buffer
        return
    with _opened(out, "wb") as handle:
        yield handle


@contextmanager
def _opened(out: str, mode: str) -> Iterator[Any]:
    path = Path(out)
    if path.is_dir():
        raise ExportError(f"{out} is a folder: give a file name (or - for stdout)")
    try:
        handle = path.open(mode, encoding=None if "b" in mode else "utf-8")
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror}; check the folder exists") from exc
    with handle:
        yield handle


def summary_line(fmt: str, out: str, written: dict[str, int], scope: Scope) -> str:
    """`Exported 2 document, 3 story ... as csv to out/ (everything)`."""
    parts = ", ".join(f"{n} {kind}" for kind, n in sorted(Counter(written).items())) or "nothing"
    return f"Exported {parts} as {fmt} to {out} ({scope.describe()})"
