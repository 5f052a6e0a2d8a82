"""The interactive HTML map: one self-contained, offline file built on vis-network.

Why vis-network is vendored and pyvis is not used: pyvis's value is its Jinja template
and its ``add_node``/``add_edge`` API, and neither fits a map that must be offline and
big. The template pulls Bootstrap and Tom Select from CDNs, and ``add_node`` is
quadratic on graphs of thousands of nodes; graphkit only ever used pyvis as a dict holder
and as a folder to borrow vis-network's files from. So the page is graphkit's own
template (``assets/map.html``, ``map.js``, ``map.css``), node and edge records are plain
dicts built in linear time with positions precomputed in Python, and vis-network 9.1.2 is
vendored in ``assets/`` as published on npm (``standalone/umd/vis-network.min.js`` and
``dist/dist/vis-network.min.css``) beside its two licence files
(``vis-network.LICENSE-APACHE-2.0``, ``vis-network.LICENSE-MIT``; it is dual licensed).
To upgrade: ``npm pack vis-network@X`` and copy those four files.

Safety: all graph data travels in one ``<script type="application/json">`` island, with
``<``, ``>``, ``&`` and U+2028/U+2029 escaped so no value can close the element; the page
script builds every tooltip and panel with ``textContent``. A Content-Security-Policy
allows only the page's own inline scripts (by hash) and forbids every network fetch.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from collections.abc import Hashable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx

from ..vocabulary import OTHER_COLOR, OTHER_SHAPE, RELATION_LABELS, TYPE_COLORS, TYPE_LABELS, TYPE_SHAPES
from .layout import compute_layout
from .prepare import (
    ArticleTable,
    Selection,
    Styled,
    edge_record,
    facets,
    node_record,
    select_nodes,
    style_nodes,
)

ASSETS = Path(__file__).parent / "assets"
#: Up to this many nodes vis-network's physics polishes the layout, then is switched off.
PHYSICS_MAX_NODES = 300
#: Above this many nodes edges are drawn straight and hidden while dragging/zooming.
LARGE_GRAPH = 1500
#: Longest node label drawn on the canvas (tooltips show the full names).
MAX_LABEL = 42

_PLACEHOLDER = re.compile(r"\{\{([A-Z_]+)\}\}")


def render_map(
    G: nx.Graph,
    path: str | Path,
    *,
    color_by: str = "type",
    size_by: str = "centrality",
    title: str = "graphkit map",
    max_nodes: int = 2000,
    layout: str = "auto",
) -> Path:
    """Write ``G`` as an interactive, self-contained HTML map and return its path.

    ``color_by`` is ``"type"`` (fixed palette) or a categorical node attribute such as
    ``"community"``; ``size_by`` a numeric node attribute (degree when no node has it).
    Above ``max_nodes`` only the top nodes by ``size_by`` (or degree) are kept and the page
    says so. ``layout`` is ``auto``, ``spring``, ``fast`` or ``random``.
    """
    selection = select_nodes(G, max_nodes, size_by)
    graph = selection.graph
    styled = style_nodes(graph, color_by, size_by)
    positions = compute_layout(graph, layout)
    articles = ArticleTable()
    net = build_network(graph, styled, positions, articles)
    payload = {
        "meta": _meta(graph, selection, styled, color_by, net),
        "options": net.options,
        "nodes": net.nodes,
        "edges": net.edges,
        "articles": articles.rows,
    }
    page = _page(title, payload, cap_note(selection))
    out = Path(path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out


@dataclass
class VisNetwork:
    """The node records, edge records and options handed to ``new vis.Network``."""

    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]
    options: dict[str, Any]


def build_network(
    G: nx.Graph,
    styled: Styled,
    positions: dict[Hashable, tuple[float, float]],
    articles: ArticleTable | None = None,
) -> VisNetwork:
    """vis-network's node and edge records for ``G``, built in linear time.

    Evidence sentences refer to rows of ``articles`` (a fresh table when not given).

    >>> G = nx.Graph([("a", "b")])
    >>> G.nodes["a"].update(label="Europol", type="InternationalOrganization")
    >>> net = build_network(G, style_nodes(G), {"a": (0.0, 0.0), "b": (1.0, 0.0)})
    >>> [(n["label"], n["shape"]) for n in net.nodes]
    [('Europol', 'hexagon'), ('b', 'dot')]
    >>> net.edges[0]["from"], net.edges[0]["to"], net.edges[0]["width"]
    (0, 1, 1.0)
    """
    articles = articles if articles is not None else ArticleTable()
    n = G.number_of_nodes()
    spread = 250.0 + 45.0 * math.sqrt(n)
    ids = {node: i for i, node in enumerate(G)}
    nodes = [_vis_node(ids[node], node, data, styled, positions[node], spread) for node, data in G.nodes(data=True)]
    edges = [_vis_edge(j, ids[u], ids[v], data, articles) for j, (u, v, data) in enumerate(G.edges(data=True))]
    return VisNetwork(nodes, edges, vis_options(n, G.is_directed()))


def _vis_node(
    i: int,
    node: Hashable,
    data: dict[str, Any],
    styled: Styled,
    xy: tuple[float, float],
    spread: float,
) -> dict[str, Any]:
    """One vis-network node record; the full attributes ride along under ``gk``."""
    record = node_record(node, data)
    color = styled.colors[node]
    return {
        "id": i,
        "label": _short(record["label"]),
        "x": round(xy[0] * spread, 1),
        "y": round(xy[1] * spread, 1),
        "size": round(styled.sizes[node], 2),
        "shape": TYPE_SHAPES.get(record["type"], OTHER_SHAPE),
        "color": {
            "background": color,
            "border": _darker(color),
            "highlight": {"background": color, "border": "#111111"},
            "hover": {"background": color, "border": "#111111"},
        },
        "gk": record,
    }


def _vis_edge(j: int, a: int, b: int, data: dict[str, Any], articles: ArticleTable) -> dict[str, Any]:
    """One vis-network edge record; width grows with the log of the weight."""
    record = edge_record(data, articles)
    return {
        "id": j,
        "from": a,
        "to": b,
        "width": round(1.0 + math.log2(record["weight"]), 2),
        "gk": record,
    }


def vis_options(n: int, directed: bool = False) -> dict[str, Any]:
    """vis-network options: physics only for small graphs, cheap drawing for large ones."""
    large = n > LARGE_GRAPH
    physics = n <= PHYSICS_MAX_NODES
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": 7},
        "nodes": {
            "shape": "dot",
            "borderWidth": 1,
            "font": {"size": 14, "color": "#1f2328", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "scaling": {"label": {"drawThreshold": 7}},
        },
        "edges": {
            "color": {"color": "rgba(110,120,135,0.45)", "highlight": "#c0392b",
                      "hover": "#34495e", "inherit": False},
            "smooth": False if large else {"enabled": True, "type": "continuous", "roundness": 0.3},
            "selectionWidth": 2,
            "hoverWidth": 1.5,
            "arrows": {"to": {"enabled": directed, "scaleFactor": 0.5}},
        },
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "multiselect": False,
            "navigationButtons": False,
            "keyboard": False,
        },
        "physics": {
            "enabled": physics,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -6000, "springLength": 120,
                          "springConstant": 0.02, "damping": 0.4, "avoidOverlap": 0.3},
            "stabilization": {"enabled": physics, "iterations": 200, "fit": True},
        },
    }  # fmt: skip


def cap_note(selection: Selection) -> str | None:
    """The visible note for a capped graph, e.g. ``showing 2,000 of 20,000 nodes (top by degree)``."""
    if not selection.capped:
        return None
    shown = selection.graph.number_of_nodes()
    return f"showing {shown:,} of {selection.total_nodes:,} nodes (top by {selection.ranked_by})"


def _meta(G: nx.Graph, selection: Selection, styled: Styled, color_by: str, net: VisNetwork) -> dict[str, Any]:
    """Everything the page script needs besides nodes and edges."""
    type_counts: dict[str, int] = {}
    for node in net.nodes:
        type_counts[node["gk"]["type"]] = type_counts.get(node["gk"]["type"], 0) + 1
    order = [item["key"] for item in styled.legend] if color_by == "type" else sorted(type_counts)
    types = [
        {"key": t, "color": TYPE_COLORS.get(t, OTHER_COLOR), "count": type_counts[t]} for t in order if t in type_counts
    ]
    return {
        "directed": G.is_directed(),
        "color_by": color_by,
        "size_by": styled.size_metric,
        "type_colors": TYPE_COLORS,
        "type_labels": TYPE_LABELS,
        "relation_labels": RELATION_LABELS,
        "types": types,
        "legend": styled.legend,
        "total_nodes": selection.total_nodes,
        "total_edges": selection.total_edges,
        "ranked_by": selection.ranked_by,
        "note": cap_note(selection),
        **facets([n["gk"] for n in net.nodes], [e["gk"] for e in net.edges]),
    }


def json_island(value: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``.

    ``ensure_ascii`` escapes U+2028/U+2029 and lone surrogates; ``<``, ``>`` and ``&`` are
    escaped so that neither ``</script>`` nor ``<!--`` can appear in the element.
    """
    text = json.dumps(value, ensure_ascii=True, allow_nan=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _page(title: str, payload: dict[str, Any], note: str | None) -> str:
    """Fill the page template in one pass (inserted values are never re-scanned)."""
    vis_js, app_js = _script("vis-network.min.js"), _asset("map.js")
    values = {
        "CSP": html.escape(_csp(vis_js, app_js), quote=True),
        "TITLE": html.escape(title),
        "NOTE": html.escape(note or ""),
        "NOTE_HIDDEN": "" if note else " hidden",
        "VIS_CSS": _style("vis-network.min.css"),
        "APP_CSS": _asset("map.css"),
        "VIS_JS": vis_js,
        "APP_JS": app_js,
        "DATA": json_island(payload),
    }
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], _asset("map.html"))


def _csp(*scripts: str) -> str:
    """A policy allowing exactly these inline scripts and no fetch of any kind."""
    hashes = " ".join(f"'sha256-{_sha256(s)}'" for s in scripts)
    return (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
        "img-src data:; font-src 'none'; connect-src 'none'; media-src 'none'; "
        "object-src 'none'; frame-src 'none'; worker-src 'none'; base-uri 'none'; "
        "form-action 'none'"
    )


def _sha256(text: str) -> str:
    """Base64 SHA-256 of a script's text, as CSP wants it."""
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


@cache
def _asset(name: str) -> str:
    """A file of the ``assets`` folder (graphkit's page, or vendored vis-network)."""
    return (ASSETS / name).read_text(encoding="utf-8")


@cache
def _script(name: str) -> str:
    """A vendored script, made safe to inline (no ``</script`` can end it early)."""
    text = _asset(name)
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.IGNORECASE)


@cache
def _style(name: str) -> str:
    """A vendored stylesheet, made safe to inline."""
    return re.sub(r"</(style)", r"<\\/\1", _asset(name), flags=re.IGNORECASE)


def _short(label: str) -> str:
    """A label short enough to draw on the canvas."""
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def _darker(color: str, factor: float = 0.7) -> str:
    """A darker shade of a ``#rrggbb`` colour, for node borders."""
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", color):
        return color
    rgb = [int(color[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{int(c * factor):02x}" for c in rgb)
