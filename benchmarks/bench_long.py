"""Long-article benchmark: time per KB of a graphkit build against raw spaCy on the same pieces.

    python benchmarks/bench_long.py                          # 10 KB, 100 KB, 1 MB; issue 12's inputs; 300 articles
    python benchmarks/bench_long.py --sizes 10 100 --no-hostile --corpus 0

Each article is written to a folder of its own and built by ``KnowledgeGraph.build`` into a
new on-disk store (``bench_build.time_single``: reading, extraction, resolution, writes); the
reference is raw ``nlp.pipe`` over the same pieces (``graphkit.extract.pieces.windows`` of the
text as read), in the same process, with the model already loaded. Ratios near a constant
from 10 KB to 1 MB mean cost linear in length. ``--hostile`` adds issue 12's inputs at full
size (six bodies in each of 5,000 sentences; a 1 MB page of ``&amp;``; a 3 MB "word"; a 5 MB
line with ``--line``), built without the size cap. ``--corpus N`` measures the build ratio of
N synthetic press releases on disk, as ``bench_build.py`` does. ``--repeat N`` runs raw and
build by turns N times and prints medians.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.bench_build import texts_of, time_raw, time_single  # noqa: E402
from benchmarks.corpus import write_corpus  # noqa: E402
from benchmarks.hostile import entities_page, press_release_text, six_bodies_text  # noqa: E402
from graphkit.extract.nlp import pipeline  # noqa: E402
from graphkit.extract.pieces import windows  # noqa: E402
from graphkit.graph import KnowledgeGraph  # noqa: E402


def peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def medians(repeat: int, raw: Callable[[], float], build: Callable[[int], float]) -> tuple[float, float]:
    """Median seconds of ``raw()`` and ``build(i)``, run by turns ``repeat`` times (the machine is
    shared: taking turns spreads its load over both)."""
    times = [(raw(), build(i)) for i in range(repeat)]
    return statistics.median(r for r, _ in times), statistics.median(b for _, b in times)


def measure(name: str, folder: Path, store: Path, repeat: int) -> tuple[str, int, int, float, float]:
    """(name, characters, pieces, raw s, build s) for the one article in ``folder``."""
    (text,) = texts_of(folder)
    pieces = [text[a:b] for a, b in windows(text)]

    def build(i: int) -> float:
        secs, added = time_single(folder, store.with_name(f"{store.name}-{i}"), max_chars=None, article_timeout=None)
        assert added == 1, (name, added)
        return secs

    return name, len(text), len(pieces), *medians(repeat, lambda: time_raw(pieces), build)


def inputs(sizes: list[int], hostile: bool, line: bool) -> list[tuple[str, str, Callable[[], str]]]:
    """(row name, file name, content maker), smallest first."""
    out = [(f"press releases, {kb:,} KB", "article.txt", lambda kb=kb: press_release_text(kb * 1000)) for kb in sizes]
    if hostile:
        out += [
            ("5,000 sentences x 6 bodies", "bodies.txt", lambda: six_bodies_text(5000)),
            ("1 MB page of &amp;", "amp.html", lambda: entities_page(200_000)),
            ('3 MB "word"', "word.txt", lambda: "Interpol met Europol in Lyon. " + "x" * 3_000_000),
        ]
    if line:
        out.append(
            (
                "5 MB on one line",
                "line.txt",
                lambda: "Europol and the FBI ran a joint operation against a botnet. " * 84_000,
            )
        )
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10, 100, 1000], help="article sizes in KB")
    parser.add_argument("--no-hostile", dest="hostile", action="store_false", help="skip issue 12's inputs")
    parser.add_argument("--line", action="store_true", help="also the 5 MB one-line text (minutes)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each measurement (medians are printed)")
    parser.add_argument(
        "--corpus", type=int, default=300, help="synthetic articles for the corpus build ratio (0: none)"
    )
    args = parser.parse_args(argv)
    pipeline("en")
    KnowledgeGraph(None).add_text(
        "Europol and the FBI ran a joint operation.", lang="en"
    )  # warm-up: lexicons, gazetteer
    print(f"# Long-article benchmark ({os.cpu_count()} CPUs; on-disk stores; raw = nlp.pipe on the same pieces)")
    rows = []
    with tempfile.TemporaryDirectory(prefix="graphkit-bench-long-") as tmp:
        for i, (name, filename, make) in enumerate(inputs(args.sizes, args.hostile, args.line)):
            folder = Path(tmp) / f"in-{i}"
            folder.mkdir()
            (folder / filename).write_text(make(), encoding="utf-8")
            start = time.perf_counter()
            rows.append(measure(name, folder, Path(tmp) / f"store-{i}", args.repeat))
            print(f"{name}: {time.perf_counter() - start:.1f} s, peak RSS so far {peak_rss_mb():,.0f} MB", flush=True)
        if args.corpus:
            folder = write_corpus(Path(tmp) / "corpus", args.corpus)
            texts = texts_of(folder)

            def build(i: int) -> float:
                secs, added = time_single(folder, Path(tmp) / f"store-corpus-{i}")
                assert added == args.corpus, added
                return secs

            raw, secs = medians(args.repeat, lambda: time_raw(texts), build)
            corpus_row = (
                f"{args.corpus} press releases (bench_build corpus)",
                sum(map(len, texts)),
                len(texts),
                raw,
                secs,
            )
    print(
        "\n| input | characters | pieces | raw nlp.pipe s | graphkit build s | raw ms/KB | build ms/KB | build / raw |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, chars, pieces, raw, secs in rows + ([corpus_row] if args.corpus else []):
        kb = chars / 1000
        print(
            f"| {name} | {chars:,} | {pieces:,} | {raw:.2f} | {secs:.2f} | {1000 * raw / kb:.2f} | "
            f"{1000 * secs / kb:.2f} | {secs / raw:.2f} |"
        )
    print(f"\npeak RSS of the process: {peak_rss_mb():,.0f} MB")


if __name__ == "__main__":
    main()
