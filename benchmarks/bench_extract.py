"""Extraction benchmark: raw spaCy ``nlp.pipe`` vs graphkit's extraction vs a full build.

    python benchmarks/bench_extract.py                 # 500 synthetic articles, 3 repeats
    python benchmarks/bench_extract.py -n 200 --no-multiprocess

All three run on the same synthetic texts (``benchmarks/corpus.py``) with the same pipeline
(``graphkit.extract.nlp.pipeline("en")``) and batch size. The model is loaded once and not
timed; a warm-up run comes first; each measurement is repeated and the median printed (the
machine is noisy). ``n_process=2`` is measured for both spaCy and the extractor too.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.corpus import synthetic_articles  # noqa: E402
from graphkit.extract import Extractor  # noqa: E402
from graphkit.extract.nlp import pipeline  # noqa: E402
from graphkit.graph import KnowledgeGraph  # noqa: E402
from graphkit.model import Article  # noqa: E402


def median_time(fn: Callable[[], object], repeat: int) -> tuple[float, list[float]]:
    """Median wall time of ``repeat`` calls, and all the times."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def raw_spacy(texts: list[str], batch_size: int, n_process: int) -> Callable[[], object]:
    nlp = pipeline("en")
    return lambda: sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size, n_process=n_process))


def extraction(articles: list[Article], batch_size: int, n_process: int) -> Callable[[], object]:
    ex = Extractor(batch_size=batch_size, n_process=n_process)
    return lambda: sum(len(x.mentions) for x in ex.extract_many(articles))


def full_build(articles: list[Article], batch_size: int, n_process: int) -> Callable[[], object]:
    """Extraction + resolution + quads + writes, into a new in-memory store each time."""
    extractor = Extractor(batch_size=batch_size, n_process=n_process)

    def run() -> object:
        kg = KnowledgeGraph(None)
        kg._extractor = extractor
        return kg.add_articles(articles)

    return run


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=500, help="number of synthetic articles")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--batch-size", type=int, default=Extractor().batch_size)
    parser.add_argument("--no-multiprocess", action="store_true", help="skip the n_process=2 runs")
    args = parser.parse_args(argv)

    articles = synthetic_articles(args.n, seed=0)
    texts = [a.text for a in articles]
    chars = sum(map(len, texts))
    nlp = pipeline("en")  # loaded here, outside every timing
    print(
        f"# Extraction benchmark: {args.n} articles, {chars / args.n:,.0f} chars each on average, "
        f"model {nlp.meta.get('name')} {nlp.meta.get('version')} (pipes: {', '.join(nlp.pipe_names)}), "
        f"batch_size={args.batch_size}, {os.cpu_count()} CPUs, median of {args.repeat}"
    )
    warm = articles[: min(50, args.n)]
    raw_spacy([a.text for a in warm], args.batch_size, 1)()
    extraction(warm, args.batch_size, 1)()
    full_build(warm, args.batch_size, 1)()

    procs = [1] if args.no_multiprocess else [1, 2]
    rows = []
    for n_process in procs:
        results = {}
        for name, make in (
            ("raw nlp.pipe", raw_spacy),
            ("graphkit extraction", extraction),
            ("full build (memory store)", full_build),
        ):
            subject = texts if make is raw_spacy else articles
            med, times = median_time(make(subject, args.batch_size, n_process), args.repeat)
            results[name] = med
            rows.append((name, n_process, med, args.n / med, times))
            print(
                f"  {name:28} n_process={n_process}: {med:7.2f} s  ({', '.join(f'{t:.2f}' for t in times)})", flush=True
            )
        ratio = results["graphkit extraction"] / results["raw nlp.pipe"]
        build_ratio = results["full build (memory store)"] / results["raw nlp.pipe"]
        print(
            f"  -> n_process={n_process}: extraction / raw = {ratio:.2f}x (target <= 2x); "
            f"full build / raw = {build_ratio:.2f}x",
            flush=True,
        )

    print("\n| step | n_process | median s | docs/s | ms/doc |\n|---|---:|---:|---:|---:|")
    for name, n_process, med, dps, _ in rows:
        print(f"| {name} | {n_process} | {med:.2f} | {dps:.1f} | {1000 / dps:.1f} |")


if __name__ == "__main__":
    main()
