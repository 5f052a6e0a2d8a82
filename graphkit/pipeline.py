"""From articles to quads, and where that runs: the :class:`Pipeline` and its executors.

A build (``KnowledgeGraph.build``) reads and selects articles, hands the ones to extract to
an **executor**, and writes what comes back, in input order, as the only writer. An executor
is anything with ``map(pipeline, articles)`` (the :class:`Executor` protocol):
:class:`LocalExecutor` runs the pipeline in this process, ``graphkit.distributed.DaskExecutor``
on Dask workers. The pipeline is picklable, so it travels to workers; there it loads its
extractor and resolver once per process.

>>> from graphkit.model import Article
>>> pipeline = Pipeline()
>>> [(art.title, len(quads) > 10) for art, quads in LocalExecutor().map(pipeline, [
...     Article("Europol and the FBI ran a joint operation.", title="t", lang="en")])]
[('t', True)]
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, Protocol

import pyoxigraph as ox

from .model import Article, Extraction, ExtractionFailed

if TYPE_CHECKING:  # pragma: no cover
    from .resolve import Overrides

#: What an executor yields per article: its quads, or the exception its extraction raised.
Outcome = tuple[Article, "list[ox.Quad] | BaseException"]

#: Pipelines already built in this process, by overrides (workers receive many copies).
_PROCESS_PIPELINES: list[Pipeline] = []


class Pipeline:
    """Extract, resolve and turn articles into RDF quads (one named graph each).

    ``extractor`` and ``resolver`` are made on first use; set them to swap a part (an
    extractor has ``extract_many(articles, timeout=...)``, see ``graphkit.extract.Extractor``).
    ``timeout``: seconds of extraction per article before it is given up (None: no limit).
    """

    def __init__(self, overrides: Overrides | None = None, *, timeout: float | None = None) -> None:
        self.overrides = overrides
        self.timeout = timeout
        self._extractor: Any = None
        self._resolver: Any = None

    @property
    def extractor(self) -> Any:
        if self._extractor is None:
            from .extract import Extractor

            self._extractor = Extractor()
        return self._extractor

    @extractor.setter
    def extractor(self, value: Any) -> None:
        self._extractor = value

    @property
    def resolver(self) -> Any:
        if self._resolver is None:
            from .resolve import Overrides, Resolver

            self._resolver = Resolver(self.overrides or Overrides())
        return self._resolver

    @resolver.setter
    def resolver(self, value: Any) -> None:
        self._resolver = value

    def run(self, articles: Sequence[Article]) -> Iterator[Outcome]:
        """Each article with its quads, or with the exception that stopped it, in input order:
        a failure (or the time limit) in extraction, resolution or RDF costs one article only."""
        done = 0
        while done < len(articles):
            try:
                for ex in self.extractor.extract_many(articles[done:], timeout=self.timeout):
                    art = articles[done]
                    done += 1
                    yield art, ex if isinstance(ex, BaseException) else self._quads(ex)
            except Exception as exc:  # noqa: BLE001 - a swapped-in extractor that raises: skip its article
                yield articles[done], exc
                done += 1

    def _quads(self, ex: Extraction) -> list[ox.Quad] | ExtractionFailed:
        from .rdf import article_quads

        try:
            return list(article_quads(self.resolver.resolve(ex)))
        except Exception as exc:  # noqa: BLE001 - reported for this article only
            return ExtractionFailed.of(exc, "resolution")

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Only the overrides and the time limit travel; the receiving process reuses its own
        # pipeline for them.
        return in_process, (self.overrides, self.timeout)


def in_process(overrides: Overrides | None, timeout: float | None = None) -> Pipeline:
    """This process's pipeline for ``overrides`` and ``timeout`` (made once, then reused)."""
    for pipeline in _PROCESS_PIPELINES:
        if pipeline.overrides == overrides and pipeline.timeout == timeout:
            return pipeline
    pipeline = Pipeline(overrides, timeout=timeout)
    _PROCESS_PIPELINES.append(pipeline)
    return pipeline


class Executor(Protocol):
    """Runs a pipeline over articles; yields one :data:`Outcome` per article, in input order."""

    def map(self, pipeline: Pipeline, articles: Sequence[Article]) -> Iterator[Outcome]: ...


class LocalExecutor:
    """In this process, one article after the other."""

    def map(self, pipeline: Pipeline, articles: Sequence[Article]) -> Iterator[Outcome]:
        yield from pipeline.run(articles)
