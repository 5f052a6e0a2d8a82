"""Benchmark the HTML map: generation time in Python and time until the page is interactive.

    python benchmarks/bench_render.py                 # 10^3 and 10^4 nodes
    python benchmarks/bench_render.py 1000 10000 100000
    python benchmarks/bench_render.py --max-nodes 2000 100000   # with the default cap

Random graphs have 3 edges per node and the attributes of graphkit's analysis projection.
Page-ready time is measured in headless Chromium (``/usr/bin/chromium`` through Playwright):
from navigation to ``window.graphkit.ready`` (DataSet loaded, network drawn).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from graphkit.viz import render_map  # noqa: E402

R = "https://w3id.org/ccg/resource/"
TYPES = ("Agency", "InternationalOrganization", "PrivateOrganization", "State", "Person", "Event", "Agreement")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def random_graph(n: int, edges_per_node: int = 3, seed: int = 1) -> nx.Graph:
    """A random graph with ``n`` nodes, ``edges_per_node * n`` edges and projection attributes."""
    rng = random.Random(seed)
    G = nx.gnm_random_graph(n, edges_per_node * n, seed=seed)
    G = nx.relabel_nodes(G, {i: f"{R}agency/n{i}" for i in range(n)})
    degree = dict(G.degree())
    articles = [(f"{R}article/{i}", f"https://news.example/{i}", f"Article {i}") for i in range(max(n // 5, 1))]
    for i, node in enumerate(G):
        G.nodes[node].update(
            label=f"Entity {i}", type=rng.choice(TYPES), labels=[f"Entity {i}@en", f"Объект {i}@ru"],
            iso=None, jurisdiction=rng.choice(["RU", "BY", "DE", "US", "FR", None]), articles=rng.randint(1, 9),
            first_seen="2021-01-01", community=rng.randint(0, 30), centrality=degree[node] / max(n - 1, 1),
        )  # fmt: skip
    for u, v, data in G.edges(data=True):
        year = rng.randint(2015, 2024)
        iri, url, title = rng.choice(articles)
        data.update(
            weight=1, kinds=[rng.choice(["JointOperation", "InformationExchange", "Extradition"])],
            predicates=["cooperatesWith"], years=[year],
            evidence=[{"text": f"Entity {u[-4:]} and Entity {v[-4:]} worked together in {year}.", "article": iri,
                       "url": url, "title": title, "date": f"{year}-06-01"}],
        )  # fmt: skip
    return G


def page_ready_seconds(path: Path, timeout_s: float) -> float | None:
    """Seconds from navigation to ``window.graphkit.ready`` in headless Chromium (None if unavailable)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("  (playwright not installed: page-ready time skipped)")
        return None
    if not Path(CHROMIUM).exists():
        print(f"  ({CHROMIUM} missing: page-ready time skipped)")
        return None
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            errors: list[str] = []
            page.on("pageerror", lambda err: errors.append(str(err)))
            start = time.perf_counter()
            page.goto(path.resolve().as_uri(), timeout=timeout_s * 1000)
            page.wait_for_function("window.graphkit && window.graphkit.ready === true", timeout=timeout_s * 1000)
            elapsed = time.perf_counter() - start
            if errors:
                print(f"  page errors: {errors[:3]}")
            return elapsed
        finally:
            browser.close()


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark for each size given (default 10^3 and 10^4)."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[1_000, 10_000], help="node counts")
    parser.add_argument("--max-nodes", type=int, default=0, help="cap passed to render_map (default: no cap)")
    parser.add_argument("--timeout", type=float, default=600.0, help="page-ready timeout in seconds")
    parser.add_argument("--no-browser", action="store_true", help="only time HTML generation")
    args = parser.parse_args(argv)
    print(f"{'nodes':>8} {'edges':>8} {'shown':>8} {'graph s':>8} {'html s':>8} {'MB':>7} {'ready s':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            start = time.perf_counter()
            G = random_graph(n)
            built = time.perf_counter() - start
            cap = args.max_nodes or n
            start = time.perf_counter()
            path = render_map(G, Path(tmp) / f"map-{n}.html", max_nodes=cap)
            generated = time.perf_counter() - start
            ready = None if args.no_browser else page_ready_seconds(path, args.timeout)
            shown = min(n, cap)
            ready_text = f"{ready:8.2f}" if ready is not None else f"{'-':>8}"
            print(
                f"{n:>8} {G.number_of_edges():>8} {shown:>8} {built:8.2f} {generated:8.2f} "
                f"{path.stat().st_size / 1e6:7.1f} {ready_text}",
                flush=True,
            )


if __name__ == "__main__":
    main()
