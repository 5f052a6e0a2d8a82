"""Building a graph on a Dask cluster: corpora larger than one machine can extract in a day.

The expensive part of a build is extraction (spaCy + the rules); writing quads is cheap. So
the client reads the files, skips articles already in the store, and sends chunks of
articles to Dask workers; each worker extracts and resolves them with a pipeline loaded once
per worker process, and sends back each article's quads as N-Quads bytes. The client is the
only writer: it puts each article's graph into the store (one transaction per article) in
input order, so the store ends up exactly as after ``KnowledgeGraph.add_paths`` on the same
files, including the replacement of articles rebuilt from the same URL or file.

>>> from graphkit import KnowledgeGraph
>>> kg = KnowledgeGraph("graph-store")                                  # doctest: +SKIP
>>> build_distributed(kg, ["corpus/"], workers=4)                       # doctest: +SKIP
BuildReport(added=..., skipped=..., replaced=..., problems=[...], read=...)
>>> build_distributed(kg, ["corpus/"], scheduler="tcp://10.0.0.5:8786") # doctest: +SKIP

A build that stops (killed client, lost cluster) is resumed by running it again: articles
whose content hash is already in the store are skipped.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

try:
    from distributed import Client, LocalCluster, WorkerPlugin, as_completed
except ImportError as exc:  # pragma: no cover - optional dependency
    raise ImportError('distributed builds need Dask: pip install "dask[distributed]"') from exc

from .graph import BuildReport, KnowledgeGraph, select_articles
from .model import Article
from .rdf import article_iri

if TYPE_CHECKING:  # pragma: no cover
    from distributed import Future

    from .resolve import Overrides

__all__ = ["build_distributed", "cluster_client", "extract_chunk", "ChunkResult", "WarmUp"]

Progress = Callable[[int, str], None]

#: Chunks in flight per worker: enough to keep every worker busy while results travel back,
#: few enough that the client holds a bounded number of articles and results in memory.
INFLIGHT_PER_WORKER = 4


# -- worker side -------------------------------------------------------------------------------
_WORKER_STATE: dict[str, Any] = {}


def _extractor():
    """The Extractor of this worker process (spaCy pipelines are cached per process too)."""
    if "extractor" not in _WORKER_STATE:
        from .extract import Extractor

        _WORKER_STATE["extractor"] = Extractor()
    return _WORKER_STATE["extractor"]


def _resolver(overrides: Overrides | None):
    """A Resolver for these overrides, reused while the overrides stay the same."""
    from .resolve import Overrides, Resolver

    cached = _WORKER_STATE.get("resolver")
    if cached is None or cached.overrides != (overrides or Overrides()):
        cached = _WORKER_STATE["resolver"] = Resolver(overrides)
    return cached


@dataclass
class ChunkResult:
    """What a worker sends back for a chunk: per article, its id and its quads as N-Quads."""

    quads: list[tuple[str, bytes]] = field(default_factory=list)


def extract_chunk(articles: list[Article], overrides: Overrides | None = None) -> ChunkResult:
    """Extract, resolve and serialize a chunk of articles (runs on a worker)."""
    from .rdf import article_quads

    resolver = _resolver(overrides)
    out = ChunkResult()
    for ex in _extractor().extract_many(articles):
        data = ox.serialize(article_quads(resolver.resolve(ex)), format=ox.RdfFormat.N_QUADS)
        out.quads.append((ex.article.id, data or b""))
    return out


class WarmUp(WorkerPlugin):
    """Dask worker plugin: loads the language pipelines and the gazetteer when a worker starts,
    so the first chunk does not pay for it (and a broken install fails early)."""

    name = "graphkit-warmup"

    def __init__(self, langs: tuple[str, ...] = ("en",)) -> None:
        self.langs = langs

    def setup(self, worker: Any = None) -> None:
        from .extract.nlp import pipeline

        for lang in self.langs:
            pipeline(lang)
        _extractor().extract(Article("Europol and the FBI ran a joint operation.", lang=self.langs[0]))

    def teardown(self, worker: Any = None) -> None:
        _WORKER_STATE.clear()


# -- client side -------------------------------------------------------------------------------
@dataclass
class _Chunk:
    """A chunk of articles to extract, in input order."""

    index: int
    articles: list[Article]


@dataclass
class _Plan:
    """What a build will do: articles skipped (in the store, or repeated) and chunks to extract."""

    skipped: list[Article] = field(default_factory=list)
    chunks: list[_Chunk] = field(default_factory=list)


def _plan(
    kg: KnowledgeGraph, paths: Iterable[str | Path], report: BuildReport, *, force: bool, chunk_size: int
) -> _Plan:
    """Read the files and sort articles the way ``KnowledgeGraph._add`` does."""
    from .readers import ReadProblem, read_paths

    articles = []
    for item in read_paths(paths):
        if isinstance(item, ReadProblem):
            report.problems.append(str(item))
        else:
            articles.append(item)
    todo, skipped = select_articles(articles, kg.store.article_hashes(), report, force=force)
    chunks = [_Chunk(i, todo[start : start + chunk_size]) for i, start in enumerate(range(0, len(todo), chunk_size))]
    return _Plan(skipped, chunks)


class _Writer:
    """The single writer: skipped articles first, then chunks strictly in input order (as
    ``KnowledgeGraph._add`` does), whatever order the workers finish them in."""

    def __init__(self, kg: KnowledgeGraph, report: BuildReport, progress: Progress | None) -> None:
        self.kg = kg
        self.report = report
        self.progress = progress
        self.origins = kg.store.articles_by_origin()
        self.next = 0
        self.done: dict[int, tuple[_Chunk, ChunkResult | BaseException]] = {}

    def skip(self, articles: list[Article]) -> None:
        for art in articles:
            self.kg._drop_stale(art, self.origins, self.report)

    def deliver(self, chunk: _Chunk, result: ChunkResult | BaseException) -> None:
        """Take a finished chunk; write it and every following one already there."""
        self.done[chunk.index] = (chunk, result)
        while self.next in self.done:
            self._write(*self.done.pop(self.next))
            self.next += 1

    def _write(self, chunk: _Chunk, result: ChunkResult | BaseException) -> None:
        if isinstance(result, BaseException):
            first, last = chunk.articles[0].source, chunk.articles[-1].source
            self.report.problems.append(f"{first} .. {last}: extraction failed ({type(result).__name__}: {result})")
            return
        data = dict(result.quads)
        for art in chunk.articles:
            quads = ox.parse(data[art.id], format=ox.RdfFormat.N_QUADS)
            self.kg.store.put_article(article_iri(art.id), quads)
            self.report.added += 1
            self.kg._drop_stale(art, self.origins, self.report)
            if self.progress:
                self.progress(1, art.source)


def _overrides(kg: KnowledgeGraph) -> Overrides | None:
    """The graph's overrides, loaded on the client (workers need not see the file)."""
    from .resolve import Overrides

    path = getattr(kg, "_overrides", None)
    return Overrides.load(path) if path else None


@contextlib.contextmanager
def cluster_client(workers: int, scheduler: str | None) -> Iterator[Client]:
    """A client of the cluster at ``scheduler``, or of a LocalCluster started (and stopped) here."""
    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            scheduler_port=0,
            dashboard_address="127.0.0.1:0",
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def _outcome(fut: Future) -> ChunkResult | BaseException:
    """A finished task's result, or the exception it failed with after its retries."""
    try:
        return fut.result()
    except Exception as exc:  # noqa: BLE001 - a failed chunk is reported, the build goes on
        return exc


def _run(client: Client, chunks: list[_Chunk], writer: _Writer, *, overrides, retries: int, limit: int) -> None:
    """Submit chunks, at most ``limit`` in flight; hand each to the writer when it completes."""
    run = uuid.uuid4().hex[:8]
    todo = iter(chunks)
    pending = as_completed([], with_results=False)
    inflight: dict[Future, _Chunk] = {}

    def submit(chunk: _Chunk) -> None:
        key = f"graphkit-extract-{run}-{chunk.index}"
        fut = client.submit(extract_chunk, chunk.articles, overrides, retries=retries, pure=False, key=key)
        inflight[fut] = chunk
        pending.add(fut)

    for chunk in itertools.islice(todo, limit):
        submit(chunk)
    for fut in pending:
        chunk = inflight.pop(fut)
        writer.deliver(chunk, _outcome(fut))
        fut.release()
        nxt = next(todo, None)
        if nxt is not None:
            submit(nxt)


def build_distributed(
    kg: KnowledgeGraph,
    paths: Iterable[str | Path],
    *,
    workers: int = 2,
    scheduler: str | None = None,
    chunk_size: int = 32,
    retries: int = 2,
    progress: Progress | None = None,
    force: bool = False,
) -> BuildReport:
    """Add the articles of files and folders to ``kg``, extracting them on Dask workers.

    ``scheduler``: address of a running Dask scheduler (``tcp://host:8786``); when None a
    LocalCluster of ``workers`` single-threaded processes is started for the build (and
    stopped after it). Chunks of ``chunk_size`` articles are tasks, retried ``retries`` times
    if a worker dies. Articles already in the store are skipped unless ``force``, so a build
    that stopped is resumed by running it again. ``progress(1, source)`` is called for each
    article written. Problems (unreadable files, chunks that failed) are reported, not raised.
    The store ends up as after ``kg.add_paths(paths, force=force)``.
    """
    if chunk_size < 1:
        raise ValueError("chunk_size must be at least 1")
    report = BuildReport()
    plan = _plan(kg, paths, report, force=force, chunk_size=chunk_size)
    writer = _Writer(kg, report, progress)
    writer.skip(plan.skipped)
    if plan.chunks:
        overrides = _overrides(kg)
        with cluster_client(workers, scheduler) as client:
            client.register_plugin(WarmUp())
            n_workers = len(client.scheduler_info().get("workers", {})) or workers
            limit = max(1, n_workers) * INFLIGHT_PER_WORKER
            _run(client, plan.chunks, writer, overrides=overrides, retries=retries, limit=limit)
    kg.store.flush()
    return report
