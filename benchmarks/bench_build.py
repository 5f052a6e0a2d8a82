"""Build benchmark: articles per second, single process vs Dask workers, vs raw spaCy.

    python benchmarks/bench_build.py                       # 10^3 articles (a few minutes)
    python benchmarks/bench_build.py --sizes 1000 10000    # 10^4 takes about an hour on 2 CPUs
    python benchmarks/bench_build.py --workers 2 4

For each size a synthetic corpus (``benchmarks/corpus.py``: half JSON Lines, half .txt) is
written to a temporary folder, then built into a new on-disk store by
``KnowledgeGraph.build`` (one process) and with a ``DaskExecutor`` on a LocalCluster of
N workers. The single-process model load is not timed; the cluster start-up (processes and
model load in each worker) is timed separately and not counted in the build time, as on a
long-running cluster. Raw ``nlp.pipe`` on the same texts gives the floor.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import write_corpus  # noqa: E402
from graphkit.extract import Extractor  # noqa: E402
from graphkit.extract.nlp import pipeline  # noqa: E402
from graphkit.graph import KnowledgeGraph  # noqa: E402
from graphkit.readers import ReadProblem, read_paths  # noqa: E402
from graphkit.store import Store  # noqa: E402


def texts_of(folder: Path) -> list[str]:
    return [a.text for a in read_paths([folder]) if not isinstance(a, ReadProblem)]


def time_raw(texts: list[str]) -> float:
    nlp = pipeline("en")
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=Extractor().batch_size):
        pass
    return time.perf_counter() - start


def time_single(folder: Path, store_path: Path, **options) -> tuple[float, int]:
    """Seconds and articles added by ``KnowledgeGraph.build`` (``options``) into a new store."""
    kg = KnowledgeGraph(Store(store_path))
    kg.pipeline.extractor  # noqa: B018 - create it (the model is already loaded) before the clock starts
    start = time.perf_counter()
    report = kg.build([folder], **options)
    return time.perf_counter() - start, report.added


def time_distributed(folder: Path, store_path: Path, workers: int, chunk_size: int) -> tuple[float, float, int]:
    """Cluster start-up seconds, build seconds, articles added."""
    from graphkit.distributed import DaskExecutor, WarmUp, cluster_client

    start = time.perf_counter()
    with cluster_client(workers, None) as client:
        client.register_plugin(WarmUp())
        startup = time.perf_counter() - start
        start = time.perf_counter()
        executor = DaskExecutor(client, chunk_size=chunk_size)
        report = KnowledgeGraph(Store(store_path)).build([folder], executor=executor)
        return startup, time.perf_counter() - start, report.added


def time_writer(source: Path, target: Path) -> tuple[float, int, int]:
    """The client's share of a distributed build: parse each article's N-Quads and
    ``put_article`` it into a new store. Seconds, articles, quads (from a built store)."""
    import pyoxigraph as ox

    src = Store(source, read_only=True)
    blobs = []
    for graph in sorted(src.article_hashes().values()):
        quads = src._ox.quads_for_pattern(None, None, None, ox.NamedNode(graph))
        blobs.append((graph, ox.serialize(quads, format=ox.RdfFormat.N_QUADS)))
    store = Store(target)
    start = time.perf_counter()
    for graph, data in blobs:
        store.put_article(graph, ox.parse(data, format=ox.RdfFormat.N_QUADS))
    store.flush()
    return time.perf_counter() - start, len(blobs), len(store)


def store_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000], help="corpus sizes (articles)")
    parser.add_argument("--workers", type=int, nargs="+", default=[2], help="Dask worker counts to try")
    parser.add_argument("--chunk-size", type=int, default=32)
    parser.add_argument("--no-single", action="store_true", help="skip the single-process build")
    args = parser.parse_args(argv)
    pipeline("en")
    print(f"# Build benchmark ({os.cpu_count()} CPUs; synthetic press releases; on-disk stores)")
    rows = []
    with tempfile.TemporaryDirectory(prefix="graphkit-bench-build-") as tmp:
        for n in args.sizes:
            folder = write_corpus(Path(tmp) / f"corpus-{n}", n)
            raw = time_raw(texts_of(folder))
            rows.append((n, "raw nlp.pipe (1 process)", raw, None, None))
            print(f"{n}: raw {raw:.1f} s", flush=True)
            if not args.no_single:
                secs, added = time_single(folder, Path(tmp) / f"single-{n}")
                assert added == n, added
                rows.append((n, "graphkit build, 1 process", secs, None, store_mb(Path(tmp) / f"single-{n}")))
                print(f"{n}: single {secs:.1f} s", flush=True)
                w_secs, arts, n_quads = time_writer(Path(tmp) / f"single-{n}", Path(tmp) / f"writer-{n}")
                print(
                    f"{n}: client writer alone (parse N-Quads + put_article): {arts / w_secs:,.0f} articles/s, "
                    f"{n_quads / w_secs:,.0f} quads/s, {n_quads / arts:.0f} quads/article",
                    flush=True,
                )
            for w in args.workers:
                path = Path(tmp) / f"dist-{n}-{w}"
                startup, secs, added = time_distributed(folder, path, w, args.chunk_size)
                assert added == n, added
                rows.append((n, f"DaskExecutor, {w} workers", secs, startup, store_mb(path)))
                print(f"{n}: {w} workers {secs:.1f} s (+{startup:.1f} s start-up)", flush=True)
    print("\n| articles | how | seconds | docs/s | x raw time | cluster start-up s | store MB |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    raw_of = {n: s for n, how, s, _, _ in rows if how.startswith("raw")}
    for n, how, secs, startup, mb in rows:
        print(
            f"| {n} | {how} | {secs:.1f} | {n / secs:.1f} | {secs / raw_of[n]:.2f} | "
            f"{'' if startup is None else f'{startup:.1f}'} | {'' if mb is None else f'{mb:.1f}'} |"
        )


if __name__ == "__main__":
    main()
