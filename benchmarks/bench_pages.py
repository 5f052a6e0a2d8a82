"""Workbench page latency: p50/p95 of each page kind over a synthetic graph.

    python benchmarks/bench_pages.py                    # 10^5 quads
    python benchmarks/bench_pages.py --sizes 100000 1000000

For each size, a synthetic graph in the docs/rdf-model.md layout (``benchmarks/synthetic.py``)
is bulk-loaded into an on-disk store (not timed), the app of ``graphkit serve`` is driven
in-process through Starlette's TestClient (no sockets), and each page kind is asked for a
bounded number of different entities, pairs, articles and search words: the hubs, which have
the most ties, and random ones; "hub" is the five hubs' entity pages alone, four times each. The first search builds the name index and is reported on its
own (cold). Each figure is also given as a ratio to the stylesheet request of the same run
(the cost of the app itself), so runs on different machines compare.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

from bench_store import QUADS_PER_EDGE, percentile  # noqa: E402
from synthetic import synthetic_store  # noqa: E402

from graphkit import KnowledgeGraph  # noqa: E402
from graphkit.browse import entity_id  # noqa: E402
from graphkit.server import create_app  # noqa: E402
from graphkit.store import Store  # noqa: E402


def samples(kg: KnowledgeGraph, n: int, seed: int) -> dict[str, list[str]]:
    """Paths to ask for: entity, edge and article pages of hubs and random picks, searches."""
    rng = random.Random(seed)
    hubs = kg.query("""SELECT ?e (COUNT(?o) AS ?n) WHERE { ?e ccg:cooperatesWith ?o } GROUP BY ?e ORDER BY DESC(?n) LIMIT 5""")
    pairs = kg.query("SELECT DISTINCT ?a ?b WHERE { ?a ccg:cooperatesWith ?b } LIMIT 5000")
    labels = kg.query("SELECT DISTINCT ?e ?l WHERE { ?e skos:prefLabel ?l } LIMIT 5000")
    arts = kg.query("SELECT ?g WHERE { GRAPH ?g { ?g a schema:NewsArticle } } LIMIT 5000")
    ents = [h["e"] for h in hubs] + [r["e"] for r in rng.sample(labels, min(n, len(labels)))]
    return {
        "entity": [f"/entity/{entity_id(e)}" for e in ents[:n]],
        "hub": [f"/entity/{entity_id(h['e'])}" for h in hubs] * 4,
        "edge": [f"/edge?a={entity_id(p['a'])}&b={entity_id(p['b'])}" for p in rng.sample(pairs, min(n, len(pairs)))],
        "article": [f"/article/{entity_id(a['g'])}" for a in rng.sample(arts, min(n, len(arts)))],
        "search": [f"/search?q={r['l'].split()[0][:6]}" for r in rng.sample(labels, min(n, len(labels)))],
        "home": ["/"] * min(n, 10),
        "reference": ["/static/workbench.css"] * n,
    }


def timed(client, path: str) -> float:
    start = time.perf_counter()
    answer = client.get(path)
    elapsed = time.perf_counter() - start
    assert answer.status_code == 200, (path, answer.status_code, answer.text[:200])
    return elapsed * 1000


def run(size: int, n: int, seed: int) -> None:
    from starlette.testclient import TestClient

    edges = max(10, size // QUADS_PER_EDGE)
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as tmp:
        store = synthetic_store(max(50, edges // 4), edges, seed=seed, store=Store(Path(tmp) / "store"))
        store.flush()
        quads = len(store)
        kg = KnowledgeGraph(store)
        paths = samples(kg, n, seed)
        with TestClient(create_app(kg, workers=1, examples=None, fresh_wait_s=0.1)) as client:
            cold = timed(client, paths["search"][0])
            ref = statistics.median(timed(client, p) for p in paths.pop("reference"))
            print(f"\n{quads:,} quads; first search (builds the name index): {cold:.0f} ms; reference {ref:.2f} ms")
            print(f"{'page':8} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'p95/ref':>8}")
            for kind, todo in paths.items():
                times = [timed(client, p) for p in todo]
                p50, p95 = percentile(times, 50), percentile(times, 95)
                print(f"{kind:8} {len(times):4d} {p50:8.1f} {p95:8.1f} {p95 / ref:8.0f}")
        del kg, store
        gc.collect()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--n", type=int, default=40, help="pages of each kind per size")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    for size in args.sizes:
        run(size, args.n, args.seed)


if __name__ == "__main__":
    main()
