"""Building on a Dask cluster: an executor for ``KnowledgeGraph.build``.

The expensive part of a build is extraction (spaCy + the rules); writing quads is cheap. So
``kg.build(paths, executor=DaskExecutor(...))`` reads and selects articles as any build does,
and :class:`DaskExecutor` sends chunks of them to Dask workers; each worker runs the
:class:`~graphkit.pipeline.Pipeline` (loaded once per worker process) and sends back each
article's quads as N-Quads bytes. The executor yields them in input order and the client
stays the only writer, so the store ends up exactly as after a build in one process.

::

    from graphkit import KnowledgeGraph
    from graphkit.distributed import DaskExecutor

    kg = KnowledgeGraph("graph-store")
    kg.build(["corpus/"], executor=DaskExecutor(workers=4))                     # a LocalCluster
    kg.build(["corpus/"], executor=DaskExecutor(scheduler="tcp://10.0.0.5:8786"))  # a cluster

A build that stops (killed client, lost cluster) is resumed by running it again: articles
whose content hash is already in the store are skipped.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import uuid
from collections.abc import Iterator, Sequence
from typing import Any

import pyoxigraph as ox

try:
    from distributed import Client, Future, LocalCluster, WorkerPlugin, as_completed
except ImportError as exc:  # pragma: no cover - optional dependency
    raise ImportError('distributed builds need Dask: pip install "dask[distributed]"') from exc

from .model import Article
from .pipeline import Outcome, Pipeline

__all__ = ["DaskExecutor", "WarmUp", "cluster_client", "extract_chunk"]

#: Chunks in flight per worker: enough to keep every worker busy while results travel back,
#: few enough that the client holds a bounded number of articles and results in memory.
INFLIGHT_PER_WORKER = 4


# -- worker side -------------------------------------------------------------------------------
def extract_chunk(pipeline: Pipeline, articles: list[Article]) -> list[bytes | BaseException]:
    """Each article's quads as N-Quads (or what stopped it), in input order (runs on a worker).

    >>> [data.count(b"\\n") > 10 for data in extract_chunk(Pipeline(), [Article("Europol met the FBI.", lang="en")])]
    [True]
    """
    return [
        quads if isinstance(quads, BaseException) else ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""
        for _, quads in pipeline.run(articles)
    ]


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
        extract_chunk(Pipeline(), [Article("Europol and the FBI ran a joint operation.", lang=self.langs[0])])


# -- client side -------------------------------------------------------------------------------
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


class DaskExecutor:
    """Runs a build's pipeline on Dask workers (see the module docstring).

    ``client``: a connected ``distributed.Client`` to use as it is; else ``scheduler``, the
    address of a running scheduler (``tcp://host:8786``), else a LocalCluster of ``workers``
    single-threaded processes started for each build and stopped after it. Chunks of
    ``chunk_size`` articles are tasks, retried ``retries`` times if a worker dies; a chunk
    that still fails yields its exception for each of its articles (the build reports them).
    No cluster is started when there is nothing to extract.
    """

    def __init__(
        self,
        client: Client | None = None,
        *,
        workers: int = 2,
        scheduler: str | None = None,
        chunk_size: int = 32,
        retries: int = 2,
    ) -> None:
        if chunk_size < 1:
            raise ValueError("chunk_size must be at least 1")
        self.client, self.workers, self.scheduler = client, workers, scheduler
        self.chunk_size, self.retries = chunk_size, retries

    @contextlib.contextmanager
    def _connected(self) -> Iterator[Client]:
        if self.client is not None:
            yield self.client
            return
        with cluster_client(self.workers, self.scheduler) as client:
            client.register_plugin(WarmUp())
            yield client

    def map(self, pipeline: Pipeline, articles: Sequence[Article]) -> Iterator[Outcome]:
        chunks = [list(articles[i : i + self.chunk_size]) for i in range(0, len(articles), self.chunk_size)]
        if not chunks:
            return
        with self._connected() as client:
            n_workers = len(client.scheduler_info().get("workers", {})) or self.workers
            for chunk, result in self._ordered(client, pipeline, chunks, limit=max(1, n_workers) * INFLIGHT_PER_WORKER):
                if isinstance(result, BaseException):
                    yield from ((art, result) for art in chunk)
                else:
                    yield from (
                        (
                            art,
                            data
                            if isinstance(data, BaseException)
                            else list(ox.parse(data, format=ox.RdfFormat.N_QUADS)),
                        )
                        for art, data in zip(chunk, result, strict=True)
                    )

    def _ordered(
        self, client: Client, pipeline: Pipeline, chunks: list[list[Article]], *, limit: int
    ) -> Iterator[tuple[list[Article], list[bytes | BaseException] | BaseException]]:
        """Each chunk with its result, in input order, at most ``limit`` chunks in flight."""
        run = uuid.uuid4().hex[:8]
        todo = iter(enumerate(chunks))
        pending = as_completed([], with_results=False)
        inflight: dict[Future, int] = {}
        done: dict[int, list[bytes | BaseException] | BaseException] = {}
        following = 0

        def submit(index: int, chunk: list[Article]) -> None:
            key = f"graphkit-extract-{run}-{index}"
            fut = client.submit(extract_chunk, pipeline, chunk, retries=self.retries, pure=False, key=key)
            inflight[fut] = index
            pending.add(fut)

        for index, chunk in itertools.islice(todo, limit):
            submit(index, chunk)
        for fut in pending:
            done[inflight.pop(fut)] = _outcome(fut)
            fut.release()
            nxt = next(todo, None)
            if nxt is not None:
                submit(*nxt)
            while following in done:
                yield chunks[following], done.pop(following)
                following += 1


def _outcome(fut: Future) -> list[bytes | BaseException] | BaseException:
    """A finished task's result, or the exception it failed with after its retries."""
    try:
        return fut.result()
    except Exception as exc:  # noqa: BLE001 - a failed chunk is reported, the build goes on
        return exc
