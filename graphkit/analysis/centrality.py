"""Centrality: who sits at the centre of the cooperation network.

Measures are computed on the simple undirected graph of a projection (a multigraph is
collapsed first, its edge weights summed). Betweenness and PageRank run on python-igraph
when it is installed (same values as NetworkX, much faster on big graphs); betweenness is
estimated from a sample of source nodes above ``sample_threshold`` nodes.
"""

from __future__ import annotations

import random
from collections.abc import Hashable, Iterable, Mapping

import networkx as nx

__all__ = ["MEASURES", "centrality", "centrality_table", "simple_graph", "to_igraph"]

#: Names accepted by :func:`centrality`.
MEASURES = ("degree", "weighted_degree", "betweenness", "eigenvector", "pagerank")

#: Source nodes sampled for betweenness on big graphs.
SAMPLE_SIZE = 500


def simple_graph(G: nx.Graph) -> nx.Graph:
    """``G`` as a simple undirected graph; parallel or opposite edges merge, weights add up.

    >>> M = nx.MultiDiGraph([("a", "b", {"weight": 2}), ("b", "a", {"weight": 1})])
    >>> simple_graph(M)["a"]["b"]["weight"]
    3
    """
    if not G.is_multigraph() and not G.is_directed():
        return G
    H = nx.Graph()
    H.add_nodes_from(G.nodes(data=True))
    for u, v, w in G.edges(data="weight", default=1):
        if u == v:
            continue
        if H.has_edge(u, v):
            H[u][v]["weight"] += w
        else:
            H.add_edge(u, v, weight=w)
    return H


def centrality(
    G: nx.Graph,
    measure: str = "pagerank",
    *,
    backend: str = "auto",
    sample_threshold: int = 5000,
    seed: int = 0,
) -> dict[Hashable, float]:
    """One centrality measure of every node of ``G``.

    ``degree`` is normalized degree, ``weighted_degree`` the sum of edge weights (articles),
    ``betweenness`` normalized and unweighted (exact below ``sample_threshold`` nodes, else
    from ``min(n, 500)`` sampled sources), ``eigenvector`` and ``pagerank`` weighted.
    ``backend`` is ``"auto"`` (igraph if installed), ``"igraph"`` or ``"networkx"``; both give
    the same values (betweenness samples the same sources for a given ``seed``).

    >>> star = nx.star_graph(3)
    >>> centrality(star, "degree")[0]
    1.0
    >>> round(centrality(star, "betweenness", backend="networkx")[0], 3)
    1.0
    """
    if measure not in MEASURES:
        raise ValueError(f"unknown measure {measure!r}; choose one of {', '.join(MEASURES)}")
    if backend not in ("auto", "igraph", "networkx"):
        raise ValueError(f"unknown backend {backend!r}; choose auto, igraph or networkx")
    G = simple_graph(G)
    n = G.number_of_nodes()
    if n == 0:
        return {}
    if measure == "degree":
        return nx.degree_centrality(G) if n > 1 else dict.fromkeys(G, 0.0)
    if measure == "weighted_degree":
        return {v: float(d) for v, d in G.degree(weight="weight")}
    if measure == "eigenvector":
        return _eigenvector(G)
    use_igraph = backend == "igraph" or (backend == "auto" and _has_igraph())
    sources = random.Random(seed).sample(list(G), min(n, SAMPLE_SIZE)) if n >= sample_threshold else None
    if measure == "betweenness":
        if use_igraph:
            return _betweenness_igraph(G, sources)
        return nx.betweenness_centrality(G, k=len(sources), seed=seed) if sources else nx.betweenness_centrality(G)
    # a tight tolerance, so that NetworkX agrees with igraph's exact solver
    return _pagerank_igraph(G) if use_igraph else nx.pagerank(G, weight="weight", tol=1e-10, max_iter=1000)


def centrality_table(
    G: nx.Graph,
    measures: Iterable[str] = MEASURES,
    *,
    top: int | None = 10,
    types: Iterable[str] | None = None,
    scores: Mapping[str, Mapping[Hashable, float]] | None = None,
    **options,
) -> list[dict]:
    """The ``top`` nodes (of the given ``types``) with every measure, best first by the
    first measure: rows ``{"node", "label", "type", measure: value, ...}``.
    ``scores`` holds values already computed per measure (the others are computed here);
    ``options`` go to :func:`centrality`.

    >>> G = nx.star_graph(3)
    >>> nx.set_node_attributes(G, "Agency", "type")
    >>> [row["node"] for row in centrality_table(G, ["degree"], top=2)]
    [0, 1]
    """
    measures = list(measures)
    scores = {m: scores[m] if scores and m in scores else centrality(G, m, **options) for m in measures}
    wanted = set(types) if types is not None else None
    rows = [
        {
            "node": v,
            "label": data.get("label", str(v)),
            "type": data.get("type"),
            **{m: scores[m].get(v, 0.0) for m in measures},
        }
        for v, data in G.nodes(data=True)
        if wanted is None or data.get("type") in wanted
    ]
    if measures:
        rows.sort(key=lambda row: -row[measures[0]])
    return rows[:top] if top is not None else rows


# -- backends ------------------------------------------------------------------------------


def _has_igraph() -> bool:
    try:
        import igraph  # noqa: F401
    except ImportError:
        return False
    return True


def to_igraph(G: nx.Graph):
    """``G`` (simple, undirected) as an ``igraph.Graph`` with vertex ``i`` = ``list(G)[i]``
    and a ``weight`` edge attribute."""
    import igraph

    index = {v: i for i, v in enumerate(G)}
    edges, weights = [], []
    for u, v, w in G.edges(data="weight", default=1):
        edges.append((index[u], index[v]))
        weights.append(float(w))
    return igraph.Graph(n=len(index), edges=edges, edge_attrs={"weight": weights})


def _betweenness_igraph(G: nx.Graph, sources: list | None) -> dict[Hashable, float]:
    """Normalized as NetworkX does (igraph counts each undirected path once)."""
    g, nodes, n = to_igraph(G), list(G), G.number_of_nodes()
    if n <= 2:
        return dict.fromkeys(nodes, 0.0)
    if sources is None:
        raw = g.betweenness(directed=False)
        return {v: 2.0 * b / ((n - 1) * (n - 2)) for v, b in zip(nodes, raw, strict=True)}
    index = {v: i for i, v in enumerate(nodes)}
    raw = g.betweenness(directed=False, sources=[index[s] for s in sources])
    k, sampled = len(sources), set(sources)
    return {v: 2.0 * b / ((k - (v in sampled)) * (n - 2)) if b else 0.0 for v, b in zip(nodes, raw, strict=True)}


def _pagerank_igraph(G: nx.Graph) -> dict[Hashable, float]:
    # ARPACK: PRPACK, igraph's default, showed erratic run times (10 ms to 0.7 s) on these graphs
    ranks = to_igraph(G).pagerank(directed=False, damping=0.85, weights="weight", implementation="arpack")
    return dict(zip(G, ranks, strict=True))


def _eigenvector(G: nx.Graph) -> dict[Hashable, float]:
    """Weighted eigenvector centrality: the leading eigenvector of the adjacency matrix,
    unit Euclidean norm. Unlike ``nx.eigenvector_centrality_numpy`` it accepts disconnected
    graphs, where the vector lives on the component of largest spectral radius.
    """
    import numpy as np
    from scipy.sparse.linalg import eigsh

    if G.number_of_edges() == 0:
        return dict.fromkeys(G, 0.0)
    A = nx.to_scipy_sparse_array(G, weight="weight", dtype=float)
    if A.shape[0] < 3:
        vector = np.linalg.eigh(A.toarray())[1][:, -1]
    else:
        vector = eigsh(A, k=1, which="LA", v0=np.ones(A.shape[0]))[1][:, 0]
    vector = np.abs(vector) / np.linalg.norm(vector)
    return dict(zip(G, vector.tolist(), strict=True))
