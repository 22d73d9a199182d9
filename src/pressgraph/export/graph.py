"""`export --format gexf|graphml`: the network page's graph as a file for Gephi.

The graph is the network page's own (`network_page`: organizations, and people with
`--people`, linked by typed relations and by taking part in the same events), without the
page's cap on nodes. Nodes carry their kind, name, label and weight (links summed); edges
their kind, weight (how many events or statements), first and last date and evidence ids.
Edges are directed (a relation goes from source to target); a co-participation edge runs
from the node first in id order.

GEXF 1.3 is written as a dynamic graph with dates: each edge lives from its first to its
last date and each node from its first to its last link, so Gephi's timeline plays the
network over time. A date known only to the month or the year spans the whole month or
year. GraphML has no time model: the same dates are plain attributes (`first`, `last`),
which Gephi can merge into a time interval on import.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from typing import BinaryIO
from xml.etree import ElementTree as ET

from pressgraph.store.pages.network import Edge, NetworkPage, Node

GEXF_NS = "http://gexf.net/1.3"
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
NODE_ATTRIBUTES = (("kind", "string"), ("name", "string"), ("weight", "integer"))
EDGE_ATTRIBUTES = (
    ("kind", "string"),
    ("count", "integer"),
    ("first", "string"),
    ("last", "string"),
    ("evidence", "string"),
)


@dataclass(frozen=True)
class Spell:
    """When a node or edge exists: first and last day (ISO), or None when undated."""

    start: str | None
    end: str | None


def day_from(date: str | None) -> str | None:
    """The first day a partial date may mean: 2019 -> 2019-01-01, 2019-05 -> 2019-05-01."""
    if not date:
        return None
    return {4: f"{date}-01-01", 7: f"{date}-01"}.get(len(date), date[:10])


def day_to(date: str | None) -> str | None:
    """The last day a partial date may mean: 2019 -> 2019-12-31, 2019-02 -> 2019-02-28."""
    if not date:
        return None
    if len(date) == 4:
        return f"{date}-12-31"
    if len(date) == 7:
        year, month = int(date[:4]), int(date[5:7])
        return f"{date}-{calendar.monthrange(year, month)[1]:02d}"
    return date[:10]


def edge_spell(edge: Edge) -> Spell:
    """The days an edge spans."""
    return Spell(day_from(edge.first), day_to(edge.last))


def node_spells(page: NetworkPage) -> dict[str, Spell]:
    """Each node's days: from its first link to its last (None for undated links only)."""
    starts: dict[str, list[str]] = {n.id: [] for n in page.nodes}
    ends: dict[str, list[str]] = {n.id: [] for n in page.nodes}
    for edge in page.edges:
        spell = edge_spell(edge)
        for end in (edge.source, edge.target):
            if spell.start:
                starts[end].append(spell.start)
            if spell.end:
                ends[end].append(spell.end)
    return {n: Spell(min(starts[n], default=None), max(ends[n], default=None)) for n in starts}


def _evidence(edge: Edge) -> str:
    return " ".join(edge.events or edge.stories)


def _edge_values(edge: Edge) -> dict[str, str]:
    return {
        "kind": edge.kind,
        "count": str(edge.count),
        "first": edge.first or "",
        "last": edge.last or "",
        "evidence": _evidence(edge),
    }


def _node_values(node: Node) -> dict[str, str]:
    return {"kind": node.kind, "name": node.name, "weight": str(node.weight)}


def write_gexf(page: NetworkPage, out: BinaryIO) -> None:
    """The graph as GEXF 1.3, dynamic, with dates (for Gephi's timeline)."""
    root = ET.Element("gexf", {"xmlns": GEXF_NS, "version": "1.3"})
    meta = ET.SubElement(root, "meta")
    ET.SubElement(meta, "creator").text = "pressgraph"
    ET.SubElement(meta, "description").text = _description(page)
    graph = ET.SubElement(
        root,
        "graph",
        {"defaultedgetype": "directed", "mode": "dynamic", "timeformat": "date"},
    )
    _gexf_attributes(graph, "node", NODE_ATTRIBUTES)
    _gexf_attributes(graph, "edge", EDGE_ATTRIBUTES)
    spells = node_spells(page)
    nodes = ET.SubElement(graph, "nodes")
    for node in page.nodes:
        element = ET.SubElement(nodes, "node", {"id": node.id, "label": node.label})
        _gexf_spell(element, spells[node.id])
        _gexf_values(element, _node_values(node), NODE_ATTRIBUTES)
    edges = ET.SubElement(graph, "edges")
    for n, edge in enumerate(page.edges):
        attributes = {
            "id": f"e{n}",
            "source": edge.source,
            "target": edge.target,
            "kind": edge.kind,
            "label": edge.kind,
            "weight": str(edge.count),
        }
        element = ET.SubElement(edges, "edge", attributes)
        _gexf_spell(element, edge_spell(edge))
        _gexf_values(element, _edge_values(edge), EDGE_ATTRIBUTES)
    _write(root, out)


def _gexf_attributes(graph: ET.Element, klass: str, names: Iterable[tuple[str, str]]) -> None:
    block = ET.SubElement(graph, "attributes", {"class": klass, "mode": "static"})
    for name, kind in names:
        ET.SubElement(block, "attribute", {"id": name, "title": name, "type": kind})


def _gexf_spell(element: ET.Element, spell: Spell) -> None:
    if spell.start:
        element.set("start", spell.start)
    if spell.end:
        element.set("end", spell.end)


def _gexf_values(
    element: ET.Element, values: dict[str, str], names: Iterable[tuple[str, str]]
) -> None:
    block = ET.SubElement(element, "attvalues")
    for name, _ in names:
        ET.SubElement(block, "attvalue", {"for": name, "value": values[name]})


def write_graphml(page: NetworkPage, out: BinaryIO) -> None:
    """The graph as GraphML: the same nodes, edges and attributes, dates as attributes."""
    root = ET.Element("graphml", {"xmlns": GRAPHML_NS})
    node_keys = (*NODE_ATTRIBUTES, ("label", "string"), ("start", "string"), ("end", "string"))
    edge_keys = (*EDGE_ATTRIBUTES, ("weight", "double"), ("start", "string"), ("end", "string"))
    for klass, keys in (("node", node_keys), ("edge", edge_keys)):
        for name, kind in keys:
            kind = {"integer": "int"}.get(kind, kind)
            attributes = {"id": f"{klass[0]}_{name}", "for": klass, "attr.name": name}
            ET.SubElement(root, "key", {**attributes, "attr.type": kind})
    graph = ET.SubElement(root, "graph", {"id": "pressgraph", "edgedefault": "directed"})
    spells = node_spells(page)
    for node in page.nodes:
        element = ET.SubElement(graph, "node", {"id": node.id})
        values = {**_node_values(node), "label": node.label}
        values |= _spell_values(spells[node.id])
        _graphml_values(element, "n", values)
    for n, edge in enumerate(page.edges):
        attributes = {"id": f"e{n}", "source": edge.source, "target": edge.target}
        element = ET.SubElement(graph, "edge", attributes)
        values = {**_edge_values(edge), "weight": str(float(edge.count))}
        values |= _spell_values(edge_spell(edge))
        _graphml_values(element, "e", values)
    _write(root, out)


def _spell_values(spell: Spell) -> dict[str, str]:
    return {k: v for k, v in (("start", spell.start), ("end", spell.end)) if v}


def _graphml_values(element: ET.Element, prefix: str, values: dict[str, str]) -> None:
    for name, value in values.items():
        ET.SubElement(element, "data", {"key": f"{prefix}_{name}"}).text = value


def _description(page: NetworkPage) -> str:
    who = "organizations and people" if page.people else "organizations"
    dates = f" from {page.date_from or '…'} to {page.date_to or '…'}"
    return f"pressgraph network of {who}{dates if page.date_from or page.date_to else ''}"


def _write(root: ET.Element, out: BinaryIO) -> None:
    ET.indent(root)
    ET.ElementTree(root).write(out, encoding="utf-8", xml_declaration=True)
