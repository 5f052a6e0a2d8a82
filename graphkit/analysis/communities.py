"""Communities of cooperation and the brokers between them.

Detection runs on the simple undirected graph of a projection, with edge weights (number
of articles). ``louvain`` is NetworkX's; ``leiden`` needs ``leidenalg`` and ``igraph``.
Community ids are ranked by size: 0 is the largest community.
"""

from __future__ import annotations

from collections.abc import Hashable

import networkx as nx

from .centrality import centrality, simple_graph, to_igraph

__all__ = ["METHODS", "brokers", "communities"]

#: Names accepted by :func:`communities`.
METHODS = ("louvain", "leiden")


def communities(
    G: nx.Graph, method: str = "louvain", *, seed: int = 0, resolution: float = 1.0
) -> tuple[dict[Hashable, int], float]:
    """A partition of the nodes of ``G`` and its (weighted) modularity.

    >>> G = nx.barbell_graph(4, 0)
    >>> partition, q = communities(G)
    >>> sorted(set(partition.values())), round(q, 2)
    ([0, 1], 0.42)
    """
    if method not in METHODS:
        raise ValueError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    G = simple_graph(G)
    if G.number_of_nodes() == 0:
        return {}, 0.0
    if method == "louvain":
        groups = nx.community.louvain_communities(G, weight="weight", resolution=resolution, seed=seed)
    else:
        groups = _leiden(G, seed=seed, resolution=resolution)
    groups = sorted(groups, key=lambda c: (-len(c), min(map(str, c))))
    partition = {v: i for i, group in enumerate(groups) for v in group}
    if G.number_of_edges() == 0:
        return partition, 0.0
    return partition, nx.community.modularity(G, groups, weight="weight", resolution=resolution)


def _leiden(G: nx.Graph, *, seed: int, resolution: float) -> list[set]:
    try:
        import leidenalg
    except ImportError as exc:
        raise ImportError("method 'leiden' needs the packages leidenalg and igraph") from exc
    nodes = list(G)
    found = leidenalg.find_partition(
        to_igraph(G),
        leidenalg.RBConfigurationVertexPartition,
        weights="weight",
        resolution_parameter=resolution,
        seed=seed,
    )
    return [{nodes[i] for i in members} for members in found]


def brokers(G: nx.Graph, partition: dict[Hashable, int], *, top: int | None = 10) -> list[dict]:
    """Nodes that tie communities together: those whose neighbourhood (themselves included)
    spans at least two communities, by betweenness, best first. Rows
    ``{"node", "label", "type", "community", "communities", "betweenness"}``, where
    ``communities`` counts the communities the node touches.

    >>> G = nx.barbell_graph(4, 1)  # two 4-cliques and node 4 between them
    >>> partition = {v: 0 if v < 4 else 1 for v in G}
    >>> brokers(G, partition)[0]["node"], brokers(G, partition)[0]["communities"]
    (4, 2)
    """
    G = simple_graph(G)
    betweenness = centrality(G, "betweenness")
    rows = []
    for v, data in G.nodes(data=True):
        touched = {partition[u] for u in G[v] if u in partition}
        if v in partition:
            touched.add(partition[v])
        if len(touched) >= 2:
            rows.append(
                {
                    "node": v,
                    "label": data.get("label", str(v)),
                    "type": data.get("type"),
                    "community": partition.get(v),
                    "communities": len(touched),
                    "betweenness": betweenness[v],
                }
            )
    rows.sort(key=lambda row: (-row["betweenness"], -row["communities"]))
    return rows[:top] if top is not None else rows
