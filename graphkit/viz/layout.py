"""Node positions for the map, computed in Python so the browser never runs physics on big graphs.

``spring`` is a Fruchterman-Reingold layout of each connected component (python-igraph's
when installed, else networkx's dense one), components packed in rows. ``fast`` is a vectorised force layout in numpy whose cost per iteration is
linear in nodes + edges: attraction pulls each node towards the mean of its neighbours,
repulsion pushes it down the gradient of a smoothed node-density grid. It lays out
100,000 nodes in a few seconds and keeps linked groups together, which is what an
analyst needs from a first picture of a big graph.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Hashable

import networkx as nx
import numpy as np

#: Up to this many nodes ``auto`` uses networkx's (dense, quadratic) spring layout.
SPRING_MAX_NODES = 400
#: With python-igraph installed, ``auto`` uses its spring layout up to this many nodes.
IGRAPH_SPRING_MAX_NODES = 5000

LAYOUTS = ("auto", "spring", "fast", "random")

Positions = dict[Hashable, tuple[float, float]]


def compute_layout(G: nx.Graph, layout: str = "auto", *, seed: int = 7) -> Positions:
    """Positions in the unit square (roughly [-1, 1]²) for every node of ``G``.

    ``layout`` is one of :data:`LAYOUTS`. ``auto`` picks ``spring`` for small graphs and
    ``fast`` for large ones.
    """
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {LAYOUTS}, not {layout!r}")
    n = G.number_of_nodes()
    if n == 0:
        return {}
    if n == 1:
        return {next(iter(G)): (0.0, 0.0)}
    if layout == "auto":
        layout = "spring" if n <= _spring_limit() else "fast"
    if layout == "spring":
        return _spring(G, seed)
    if layout == "random":
        rng = np.random.default_rng(seed)
        return _as_dict(G, rng.random((n, 2)) * 2 - 1)
    return _as_dict(G, fast_layout(G, seed=seed))


def _has_igraph() -> bool:
    """Whether python-igraph is installed."""
    return importlib.util.find_spec("igraph") is not None


def _spring_limit() -> int:
    """How many nodes ``auto`` lays out with a spring layout (igraph lifts the limit)."""
    return IGRAPH_SPRING_MAX_NODES if _has_igraph() else SPRING_MAX_NODES


def _spring(G: nx.Graph, seed: int) -> Positions:
    """A spring layout per connected component, components packed in rows."""
    simple = nx.Graph(G.to_undirected(as_view=True)) if G.is_multigraph() or G.is_directed() else G
    parts = sorted(nx.connected_components(simple), key=len, reverse=True)
    use_igraph = _has_igraph()
    return _pack([_spring_component(simple.subgraph(part), seed, use_igraph) for part in parts])


def _spring_component(H: nx.Graph, seed: int, use_igraph: bool) -> Positions:
    """One component laid out in a square whose side grows with the square root of its size."""
    n = H.number_of_nodes()
    if n == 1:
        return {next(iter(H)): (0.0, 0.0)}
    if use_igraph:
        xy = _igraph_fr(H, seed)
    elif n <= SPRING_MAX_NODES:
        pos = nx.spring_layout(H, seed=seed, iterations=100, k=1.6 / np.sqrt(n), weight=None)
        xy = np.array([pos[node] for node in H])
    else:
        xy = fast_layout(H, seed=seed)
    xy = xy - xy.mean(axis=0)
    xy = xy / max(float(np.abs(xy).max()), 1e-9) * np.sqrt(n)
    return _as_dict(H, xy)


def _igraph_fr(H: nx.Graph, seed: int) -> np.ndarray:
    """python-igraph's Fruchterman-Reingold layout (grid-accelerated for bigger components)."""
    import igraph

    rng = np.random.default_rng(seed)
    n = H.number_of_nodes()
    src, dst = edge_index(H)
    g = igraph.Graph(n=n, edges=list(zip(src.tolist(), dst.tolist(), strict=True)))
    start = ((rng.random((n, 2)) - 0.5) * np.sqrt(n)).tolist()  # the scale igraph itself starts from
    layout = g.layout_fruchterman_reingold(seed=start, niter=300, grid="grid" if n > 300 else "nogrid")
    return np.asarray(layout.coords, dtype=float)


def _pack(boxes: list[Positions]) -> Positions:
    """Place laid-out components (largest first) in rows, then scale all into [-1, 1]²."""
    out: Positions = {}
    total = sum(len(b) for b in boxes)
    row_width = max(2.0 * np.sqrt(total) * 1.4, 4.0)
    x = y = row_height = 0.0
    for box in boxes:
        xy = np.array(list(box.values()))
        low, high = xy.min(axis=0), xy.max(axis=0)
        w, h = high - low + 1.5  # a margin between components
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (px, py) in box.items():
            out[node] = (px - low[0] + x, py - low[1] + y)
        x += w
        row_height = max(row_height, h)
    xy = np.array(list(out.values()))
    center = (xy.min(axis=0) + xy.max(axis=0)) / 2
    half = max(float((xy.max(axis=0) - xy.min(axis=0)).max()) / 2, 1e-9)
    return {node: ((px - center[0]) / half, (py - center[1]) / half) for node, (px, py) in out.items()}


def _as_dict(G: nx.Graph, xy: np.ndarray) -> Positions:
    """Zip nodes with rows of an ``(n, 2)`` array."""
    return {node: (float(x), float(y)) for node, (x, y) in zip(G, xy, strict=True)}


def edge_index(G: nx.Graph) -> tuple[np.ndarray, np.ndarray]:
    """Edges as two integer arrays of node positions in ``G``'s iteration order."""
    index = {node: i for i, node in enumerate(G)}
    m = G.number_of_edges()
    src = np.fromiter((index[u] for u, _ in G.edges()), dtype=np.int64, count=m)
    dst = np.fromiter((index[v] for _, v in G.edges()), dtype=np.int64, count=m)
    return src, dst


def fast_layout(G: nx.Graph, *, seed: int = 7, iterations: int = 60) -> np.ndarray:
    """An ``(n, 2)`` array of positions in [-1, 1]², linear cost per iteration."""
    n = G.number_of_nodes()
    src, dst = edge_index(G)
    keep = src != dst
    src, dst = src[keep], dst[keep]
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2))
    degree = np.bincount(np.concatenate([src, dst]), minlength=n).astype(float)
    grid = int(np.clip(np.sqrt(n) / 1.5, 16, 320))
    for step in range(iterations):
        temperature = 0.08 * (1 - step / iterations) + 0.002
        move = _attraction(pos, src, dst, degree) + _repulsion(pos, grid) * 1.2
        pos += _cap(move, temperature)
        np.clip(pos, 0.0, 1.0, out=pos)
    return pos * 2 - 1


def _attraction(pos: np.ndarray, src: np.ndarray, dst: np.ndarray, degree: np.ndarray) -> np.ndarray:
    """Pull every node towards the mean position of its neighbours."""
    n = len(pos)
    move = np.zeros_like(pos)
    for axis in (0, 1):
        total = np.bincount(src, pos[dst, axis], minlength=n)
        total += np.bincount(dst, pos[src, axis], minlength=n)
        linked = degree > 0
        move[linked, axis] = total[linked] / degree[linked] - pos[linked, axis]
    return move


def _repulsion(pos: np.ndarray, grid: int) -> np.ndarray:
    """Push nodes away from crowded cells: minus the gradient of the smoothed density."""
    cells = np.minimum((pos * grid).astype(np.int64), grid - 1)
    density = np.zeros((grid, grid))
    np.add.at(density, (cells[:, 0], cells[:, 1]), 1.0)
    density = _blur(_blur(density))
    density /= max(density.mean(), 1e-9)
    gx, gy = np.gradient(density)
    push = -np.stack([gx[cells[:, 0], cells[:, 1]], gy[cells[:, 0], cells[:, 1]]], axis=1)
    return push / grid


def _blur(a: np.ndarray) -> np.ndarray:
    """A 3x3 box blur with edge padding."""
    p = np.pad(a, 1, mode="edge")
    rows = p[:-2] + p[1:-1] + p[2:]
    return (rows[:, :-2] + rows[:, 1:-1] + rows[:, 2:]) / 9.0


def _cap(move: np.ndarray, limit: float) -> np.ndarray:
    """Shorten every displacement vector to at most ``limit``."""
    length = np.hypot(move[:, 0], move[:, 1])
    scale = np.minimum(1.0, limit / np.maximum(length, 1e-12))
    return move * scale[:, None]
