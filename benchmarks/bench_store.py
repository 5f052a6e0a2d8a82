"""Store benchmark: bulk load, SPARQL latency, and latency under concurrent HTTP clients.

    python benchmarks/bench_store.py                       # 10^5 and 10^6 quads
    python benchmarks/bench_store.py --sizes 100000        # quicker
    python benchmarks/bench_store.py --no-http             # skip the endpoint part

For each size, a synthetic graph in the docs/rdf-model.md layout (``benchmarks/synthetic.py``)
is generated in memory (not timed), then loaded into a fresh on-disk store with
``Store.bulk_load`` from an N-Quads file, next to pyoxigraph's own ``bulk_load`` of the same
file (both timed; peak RSS from ``getrusage``; graphkit's load includes counting the aggregate
view), then the view is rebuilt from the store with ``refresh_aggregates`` (timed apart).
Every ``examples/queries/*.rq`` and ``examples/queries/full/*.rq`` is
then run through ``Store.query`` (results consumed) a bounded number of times: p50/p95.
If ``graphkit.server`` is importable, the store is served on 127.0.0.1 (free port, subprocess)
and 8 client threads send the same queries over HTTP; loopback only, bounded loops.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks")]

import pyoxigraph as ox  # noqa: E402
from synthetic import write_synthetic  # noqa: E402

from graphkit.store import Store  # noqa: E402

QUERIES = ROOT / "examples" / "queries"
QUADS_PER_EDGE = 38  # measured on synthetic_store: about 38 quads per relation statement


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MB (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def load_average() -> str:
    """The machine's 1, 5 and 15 minute load averages (it is shared: say so with each figure)."""
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def percentile(values: list[float], p: float) -> float:
    """The ``p``-th percentile (nearest rank) of ``values``."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def write_quads(path: Path, n_quads: int, seed: int = 0) -> int:
    """Write about ``n_quads`` quads of a synthetic graph to an N-Quads file, as they are made
    (the graph is never held in memory); the number written."""
    edges = max(10, n_quads // QUADS_PER_EDGE)
    return write_synthetic(path, max(50, edges // 4), edges, seed=seed)


def bench_load(nquads: Path, path: Path, *, refresh: bool = True) -> tuple[Store, float, float, float]:
    """Load an N-Quads file into a new store at ``path`` the way graphkit does (parse, then
    ``Store.bulk_load``, which counts the aggregate view as the quads stream in), then
    (if ``refresh``) rebuild the view from the store (``refresh_aggregates``, timed apart):
    the store, load seconds, refresh seconds, peak RSS (MB)."""
    store = Store(path)
    start = time.perf_counter()
    store.bulk_load(ox.parse(path=str(nquads), format=ox.RdfFormat.N_QUADS))
    store.flush()
    loaded = time.perf_counter()
    if refresh:
        store.refresh_aggregates()
        store.flush()
    return store, loaded - start, time.perf_counter() - loaded, peak_rss_mb()


def bench_raw_load(nquads: Path, path: Path) -> float:
    """Seconds for pyoxigraph's own ``Store.bulk_load`` of the same file (the reference)."""
    start = time.perf_counter()
    raw = ox.Store(str(path))
    raw.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    raw.flush()
    seconds = time.perf_counter() - start
    del raw
    return seconds


def read_queries() -> dict[str, str]:
    """The example queries (reading the aggregate view) and their ``full/`` versions."""
    out = {p.stem: p.read_text(encoding="utf-8") for p in sorted(QUERIES.glob("*.rq"))}
    out |= {f"full/{p.stem}": p.read_text(encoding="utf-8") for p in sorted((QUERIES / "full").glob("*.rq"))}
    return out


def time_query(store: Store, sparql: str, *, reps: int, budget_s: float) -> tuple[list[float], int]:
    """Latencies (ms) of up to ``reps`` runs (fewer if ``budget_s`` runs out), and row count."""
    times: list[float] = []
    rows = 0
    deadline = time.perf_counter() + budget_s
    for _ in range(reps):
        start = time.perf_counter()
        rows = sum(1 for _ in store.query(sparql))
        times.append((time.perf_counter() - start) * 1000)
        if time.perf_counter() > deadline:
            break
    return times, rows


def child_query(store_path: str, name: str, reps: int, budget_s: float) -> None:
    """Run in a subprocess (an Oxigraph query cannot be interrupted): print times as JSON."""
    times, rows = time_query(Store(store_path, read_only=True), read_queries()[name], reps=reps, budget_s=budget_s)
    print(json.dumps({"times": times, "rows": rows}))


def bench_queries(
    store_path: Path, queries: dict[str, str], *, reps: int, budget_s: float, timeout_s: float
) -> list[tuple]:
    """One row per query: name, rows, runs, p50 ms, p95 ms (None when killed at ``timeout_s``)."""
    out = []
    for name in queries:
        cmd = [sys.executable, __file__, "--child-query", str(store_path), name, str(reps), str(budget_s)]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout_s, check=True)
        except subprocess.TimeoutExpired:
            out.append((name, None, 0, None, None))
            continue
        data = json.loads(done.stdout.strip().splitlines()[-1])
        times = data["times"]
        out.append((name, data["rows"], len(times), statistics.median(times), percentile(times, 95)))
    return out


# -- HTTP -------------------------------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(store_path: Path, port: int, workers: int) -> subprocess.Popen:
    """``KnowledgeGraph.serve`` on 127.0.0.1:port in a subprocess; waits until it answers."""
    code = (
        "from graphkit import open_graph; "
        f"open_graph({str(store_path)!r}, read_only=True).serve('127.0.0.1', {port}, render_map=False, workers={workers}, timeout_s=120.0)"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.time() + 60
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited: {proc.stderr.read().decode(errors='replace')[-2000:]}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/sparql", timeout=2).read()
            return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("server did not answer within 60 s")


def http_query(port: int, sparql: str) -> int:
    """POST one query; the number of result rows."""
    data = urllib.parse.urlencode({"query": sparql}).encode()
    req = urllib.request.Request(
        f"http://127.0.0.1:{port}/sparql", data=data, headers={"Accept": "application/sparql-results+json"}
    )
    with urllib.request.urlopen(req, timeout=180) as resp:
        return len(json.load(resp)["results"]["bindings"])


def bench_http(port: int, queries: dict[str, str], *, clients: int, rounds: int) -> tuple[list[tuple], float, int]:
    """``clients`` threads each send every query ``rounds`` times (in a rotated order).

    Returns per-query rows (name, requests, p50 ms, p95 ms), wall seconds, and errors."""
    names = list(queries)
    latencies: dict[str, list[float]] = {n: [] for n in names}
    errors: list[str] = []
    lock = threading.Lock()

    def client(k: int) -> None:
        order = names[k % len(names) :] + names[: k % len(names)]
        for _ in range(rounds):
            for name in order:
                start = time.perf_counter()
                try:
                    http_query(port, queries[name])
                except OSError as exc:
                    with lock:
                        errors.append(f"{name}: {exc}")
                    continue
                with lock:
                    latencies[name].append((time.perf_counter() - start) * 1000)

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - start
    rows = [(n, len(v), statistics.median(v), percentile(v, 95)) for n, v in latencies.items() if v]
    return rows, wall, len(errors)


def server_available() -> bool:
    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401

        import graphkit.server  # noqa: F401
    except ImportError:
        return False
    return True


# -- main ---------------------------------------------------------------------------------------
def run_size(n_quads: int, tmp: Path, args: argparse.Namespace, queries: dict[str, str]) -> None:
    start = time.perf_counter()
    nquads = tmp / f"synthetic-{n_quads}.nq"
    write_quads(nquads, n_quads)
    gen_s = time.perf_counter() - start
    rss_before = peak_rss_mb()
    raw_s = bench_raw_load(nquads, tmp / f"raw-{n_quads}")
    shutil.rmtree(tmp / f"raw-{n_quads}")  # the reference store is not queried: room on disk at 10^7
    store, load_s, refresh_s, rss = bench_load(nquads, tmp / f"store-{n_quads}", refresh=args.refresh)
    n = len(store)
    size_mb = sum(f.stat().st_size for f in (tmp / f"store-{n_quads}").rglob("*") if f.is_file()) / 1e6
    print(f"\n## {n:,} quads (target {n_quads:,})")
    print(f"generate (streamed to an N-Quads file, not the load): {gen_s:.1f} s; load average {load_average()}")
    print(
        f"bulk_load: {load_s:.2f} s = {n / load_s:,.0f} quads/s; store on disk {size_mb:.0f} MB; "
        f"peak RSS {rss:.0f} MB (was {rss_before:.0f} MB before the loads)"
    )
    print(
        f"same N-Quads file: pyoxigraph bulk_load {raw_s:.2f} s; graphkit Store.bulk_load with the view "
        f"{load_s:.2f} s = {load_s / raw_s:.2f}x"
        + (
            f"; refresh_aggregates alone (from the store) {refresh_s:.2f} s = {refresh_s / raw_s:.2f}x"
            if args.refresh
            else ""
        )
    )
    del store
    gc.collect()
    path = tmp / f"store-{n_quads}"
    print(f"load average after the loads: {load_average()}")
    print("\n| query | rows | runs | p50 ms | p95 ms |\n|---|---:|---:|---:|---:|")
    fast = {}
    results = bench_queries(path, queries, reps=args.reps, budget_s=args.budget, timeout_s=args.timeout)
    for name, rows, runs, p50, p95 in results:
        if p50 is None:
            print(f"| {name} | ? | 0 | > {args.timeout * 1000:.0f} (killed) | |")
            continue
        print(f"| {name} | {rows} | {runs} | {p50:.1f} | {p95:.1f} |")
        if p95 <= args.http_max_ms:
            fast[name] = queries[name]
    print(f"load average after the queries: {load_average()}")
    sys.stdout.flush()
    if args.no_http:
        return
    if not server_available():
        print("\n(HTTP part skipped: graphkit.server, starlette or uvicorn not importable)")
        return
    port = free_port()
    slow = sorted(set(queries) - set(fast))
    if not fast:
        print(f"\n(HTTP part skipped: no query with p95 <= {args.http_max_ms:.0f} ms)")
        return
    proc = start_server(path, port, args.server_workers)
    try:
        rows, wall, errors = bench_http(port, fast, clients=args.clients, rounds=args.rounds)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    total = sum(r[1] for r in rows)
    print(
        f"\nHTTP, {args.clients} concurrent clients x {args.rounds} rounds, server workers={args.server_workers}: "
        f"{total} requests in {wall:.1f} s = {total / wall:.1f} req/s, {errors} errors"
        + (f"; left out (p95 > {args.http_max_ms:.0f} ms direct): {', '.join(slow)}" if slow else "")
    )
    print("\n| query | requests | p50 ms | p95 ms |\n|---|---:|---:|---:|")
    for name, count, p50, p95 in rows:
        print(f"| {name} | {count} | {p50:.1f} | {p95:.1f} |")
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000], help="quads per store")
    parser.add_argument("--reps", type=int, default=20, help="runs per query (at most)")
    parser.add_argument("--budget", type=float, default=20.0, help="seconds per query before stopping repeats")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=3, help="times each client sends each query")
    parser.add_argument("--server-workers", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a query's runs are killed")
    parser.add_argument("--http-max-ms", type=float, default=5000.0, help="HTTP part: only queries with p95 below")
    parser.add_argument("--no-http", action="store_true")
    parser.add_argument(
        "--no-refresh", dest="refresh", action="store_false", help="skip timing refresh_aggregates (minutes at 10^7)"
    )
    parser.add_argument("--child-query", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_query:
        path, name, reps, budget = args.child_query
        child_query(path, name, int(reps), float(budget))
        return
    queries = read_queries()
    print(f"# Store benchmark ({os.cpu_count()} CPUs; queries: {', '.join(queries)})")
    with tempfile.TemporaryDirectory(prefix="graphkit-bench-store-") as tmp:
        for n in args.sizes:
            run_size(n, Path(tmp), args, queries)


if __name__ == "__main__":
    main()
