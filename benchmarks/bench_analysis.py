"""How long the analysis takes on synthetic graphs of growing size.

    python benchmarks/bench_analysis.py                  # 10^3 and 10^4 nodes
    python benchmarks/bench_analysis.py --sizes 1000 10000 100000

Per size: loading the synthetic store, projecting it (``agencies``), each centrality
measure (default backend), and for betweenness and PageRank the NetworkX time over the
igraph time when igraph is installed. Times are wall-clock seconds of one run.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from importlib.util import find_spec

from synthetic import synthetic_store

from graphkit.analysis import MEASURES, centrality, project

HAS_IGRAPH = find_spec("igraph") is not None


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def bench(n_nodes: int, edges_per_node: int, projection: str) -> dict[str, object]:
    row: dict[str, object] = {"nodes": n_nodes}
    row["load"], store = timed(lambda: synthetic_store(n_nodes, edges_per_node * n_nodes))
    row["project"], G = timed(lambda: project(store, projection))
    row["graph"] = f"{G.number_of_nodes()}/{G.number_of_edges()}"
    for measure in MEASURES:
        row[measure], _ = timed(lambda m=measure: centrality(G, m))
    if HAS_IGRAPH:
        for measure in ("betweenness", "pagerank"):
            nx_time, _ = timed(lambda m=measure: centrality(G, m, backend="networkx"))
            ig_time, _ = timed(lambda m=measure: centrality(G, m, backend="igraph"))
            row[f"{measure} nx/ig"] = f"{nx_time / ig_time:.1f}x"
    return row


COLUMNS = ("nodes", "load", "project", "graph", *MEASURES, "betweenness nx/ig", "pagerank nx/ig")


def print_row(values: list[str]) -> None:
    """One line of the table, each cell right-aligned under its column name."""
    print(
        "  ".join(v.rjust(max(len(c), 13 if c == "graph" else 7)) for v, c in zip(values, COLUMNS, strict=True)),
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000], help="numbers of nodes")
    parser.add_argument("--edges-per-node", type=int, default=3)
    parser.add_argument("--projection", default="agencies")
    args = parser.parse_args()
    print(f"projection {args.projection}, {args.edges_per_node} relations per node, igraph: {HAS_IGRAPH}")
    print("seconds; graph = nodes/edges of the projection\n")
    warm_up = project(synthetic_store(50, 100), args.projection)
    for measure in MEASURES:  # first calls import igraph and scipy: keep that out of the times
        centrality(warm_up, measure)
    print_row(list(COLUMNS))
    for n in args.sizes:
        row = bench(n, args.edges_per_node, args.projection)
        print_row([f"{row[c]:.2f}" if isinstance(row.get(c), float) else str(row.get(c, "-")) for c in COLUMNS])


if __name__ == "__main__":
    main()
