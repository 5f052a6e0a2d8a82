"""Static pictures of the graph (PNG, SVG, PDF by file suffix) with matplotlib's Agg backend."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from .layout import compute_layout
from .prepare import Selection, Styled, select_nodes, style_nodes

if TYPE_CHECKING:
    from matplotlib.axes import Axes

#: Graphs up to this size get every node labelled; bigger ones only the largest nodes.
LABEL_ALL_MAX = 60
#: How many of the largest nodes are labelled in bigger graphs.
LABEL_TOP = 30
FORMATS = {".png", ".svg", ".pdf"}


def render_image(
    G: nx.Graph,
    path: str | Path,
    *,
    color_by: str = "type",
    size_by: str = "centrality",
    max_nodes: int = 500,
) -> Path:
    """Draw ``G`` to ``path``; the format follows the suffix (``.png``, ``.svg`` or ``.pdf``).

    Above ``max_nodes`` only the top nodes by ``size_by`` (else degree) are drawn, and the
    caption says so.
    """
    out = Path(path)
    if out.suffix.lower() not in FORMATS:
        raise ValueError(f"unsupported image format {out.suffix!r}; use one of {sorted(FORMATS)}")
    import matplotlib

    matplotlib.use("Agg", force=True)
    from matplotlib import pyplot as plt

    selection = select_nodes(G, max_nodes, size_by)
    graph = selection.graph
    styled = style_nodes(graph, color_by, size_by)
    pos = {n: (x, -y) for n, (x, y) in compute_layout(graph, "auto").items()}  # screen-style: first row on top
    fig, ax = plt.subplots(figsize=(12, 9), dpi=120)
    try:
        _draw(ax, graph, styled, pos)
        _legend(ax, styled.legend)
        ax.set_title(_caption(selection), fontsize=10, loc="left", color="#444444")
        ax.set_axis_off()
        out.parent.mkdir(parents=True, exist_ok=True)
        with _quiet_glyph_warnings():
            fig.savefig(out, bbox_inches="tight", facecolor="white")
    finally:
        plt.close(fig)
    return out


def _draw(ax: Axes, graph: nx.Graph, styled: Styled, pos: dict[Hashable, tuple[float, float]]) -> None:
    """Edges, nodes (area ~ size²) and labels (plain text: no mathtext parsing)."""
    nodes = list(graph)
    scale = min(1.0, max(0.04, 25.0 / max(len(nodes), 1)))  # smaller discs in bigger graphs
    area = {n: styled.sizes[n] ** 2 * scale for n in nodes}
    if graph.number_of_edges():
        nx.draw_networkx_edges(graph, pos, ax=ax, edge_color="#8a94a0", alpha=0.35, width=0.7, node_size=0)
    nx.draw_networkx_nodes(
        graph,
        pos,
        ax=ax,
        nodelist=nodes,
        node_color=[styled.colors[n] for n in nodes],
        node_size=[area[n] for n in nodes],
        linewidths=0.5,
        edgecolors="#333333",
    )
    ranked = sorted(nodes, key=lambda n: -styled.sizes[n])
    labelled = ranked if len(nodes) <= LABEL_ALL_MAX else ranked[:LABEL_TOP]
    for node in labelled:
        label = str(graph.nodes[node].get("label") or node)[:40]
        lift = area[node] ** 0.5 / 2 + 1  # radius of the disc in points
        ax.annotate(label, pos[node], xytext=(0, lift), textcoords="offset points", fontsize=7, ha="center",
                    va="bottom", color="#1f2328", parse_math=False, annotation_clip=True)  # fmt: skip


def _legend(ax: Axes, legend: list[dict[str, Any]]) -> None:
    """A legend of colours with counts."""
    from matplotlib.lines import Line2D

    handles = [
        Line2D([0], [0], marker="o", linestyle="", markerfacecolor=item["color"],
               markeredgecolor="#333333", markersize=8, label=f"{item['key']} ({item['count']})")
        for item in legend
    ]  # fmt: skip
    if handles:
        leg = ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8,
                        frameon=False)  # fmt: skip
        for text in leg.get_texts():
            text.set_parse_math(False)


def _caption(selection: Selection) -> str:
    """What the picture shows, including the cap when there is one."""
    g = selection.graph
    text = f"{g.number_of_nodes():,} nodes, {g.number_of_edges():,} edges"
    if selection.capped:
        text += f" (top {g.number_of_nodes():,} of {selection.total_nodes:,} by {selection.ranked_by})"
    return text


@contextmanager
def _quiet_glyph_warnings() -> Iterator[None]:
    """Silence 'Glyph missing from font' noise for names in scripts DejaVu lacks."""
    logger = logging.getLogger("matplotlib.font_manager")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=".*Glyph .* missing from.*")
            yield
    finally:
        logger.setLevel(level)
