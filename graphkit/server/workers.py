"""Where ``graphkit serve`` runs queries: worker processes with a time limit.

* **Queries run in a small pool of worker processes**, each holding its own read-only
  store, opened with :func:`graphkit.store.open_store` from the served graph's location (a
  folder or a SPARQL server: both serve). A query that passes ``timeout_s`` is answered with
  503 and its worker is killed (and replaced), so a runaway query stops burning CPU. A
  thread cannot do that: a blocking operator (COUNT, ORDER BY) runs inside one Oxigraph call
  that cannot be interrupted.
* **Fresh data while ``graphkit build`` writes**: each worker reads a
  :class:`graphkit.snapshot.Snapshot`, which reopens the read-only store when the folder's
  ``change_token()`` changed and waits for it up to ``fresh_wait_s`` (past that wait the
  query is answered from the previous snapshot and the new one is used when ready).
* **Result limit**: SELECT rows and CONSTRUCT/DESCRIBE triples stop at ``max_results``; a
  truncated answer carries ``X-Results-Truncated: true`` (every answer carries
  ``X-Result-Limit``).

>>> from graphkit.store import open_store
>>> store = open_store(None)
>>> execute(store, QueryJob("ASK { ?s ?p ?o }")).body
b'{"head":{},"boolean":false}'
"""

from __future__ import annotations

import itertools
import json
import logging
import multiprocessing
import queue
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ..rdf import PREFIXES
from ..snapshot import Snapshot
from ..store import GraphStore, QueryError, StoreError
from .protocol import GRAPH_FORMATS, QRF, RESULT_FORMATS, XSD_STRING, QueryJob, RequestError, negotiate

log = logging.getLogger("graphkit.server")

@dataclass
class Reply:
    """An HTTP answer, built in a worker and sent back through a pipe."""

    status: int
    media_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def _term_json(term: Any) -> dict[str, Any]:
    """One RDF term as a SPARQL 1.1 (1.2 for triple terms) JSON results binding."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        parts = ("subject", "predicate", "object")
        return {"type": "triple", "value": {p: _term_json(getattr(term, p)) for p in parts}}
    raise TypeError(f"unexpected term {term!r}")


def _limit(items: Iterable[Any], max_results: int) -> tuple[list[Any], bool]:
    """At most ``max_results`` items, and whether there were more."""
    taken = list(itertools.islice(items, max_results + 1))
    return taken[:max_results], len(taken) > max_results


def _limit_headers(max_results: int, truncated: bool) -> dict[str, str]:
    headers = {"X-Result-Limit": str(max_results)}
    if truncated:
        headers["X-Results-Truncated"] = "true"
    return headers


def _solutions_reply(result: ox.QuerySolutions, job: QueryJob) -> Reply:
    name = negotiate("results", job.accept, job.fmt)
    media, fmt = RESULT_FORMATS[name]
    names = [v.value for v in result.variables]
    rows, truncated = _limit(result, job.max_results)
    bindings = [{n: _term_json(row[n]) for n in names if row[n] is not None} for row in rows]
    body = json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}).encode()
    if fmt != QRF.JSON:
        body = ox.parse_query_results(body, QRF.JSON).serialize(format=fmt)
    return Reply(200, media, body, _limit_headers(job.max_results, truncated))


def _boolean_reply(result: ox.QueryBoolean, job: QueryJob) -> Reply:
    media, fmt = RESULT_FORMATS[negotiate("results", job.accept, job.fmt)]
    return Reply(200, media, result.serialize(format=fmt))


def _triples_reply(result: ox.QueryTriples, job: QueryJob) -> Reply:
    media, fmt = GRAPH_FORMATS[negotiate("graph", job.accept, job.fmt)]
    triples, truncated = _limit(result, job.max_results)
    prefixes = PREFIXES if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
    body = ox.serialize(triples, format=fmt, prefixes=prefixes)
    return Reply(200, media, body, _limit_headers(job.max_results, truncated))


def execute(store: GraphStore, job: QueryJob) -> Reply:
    """Run one query on a store and serialize its answer (the asker's errors become 4xx
    replies; a store that cannot be read raises ``StoreError``)."""
    try:
        result = store.query(
            job.query, union=job.union, default_graphs=job.default_graphs, named_graphs=job.named_graphs
        )
        if isinstance(result, ox.QuerySolutions):
            return _solutions_reply(result, job)
        if isinstance(result, ox.QueryBoolean):
            return _boolean_reply(result, job)
        return _triples_reply(result, job)
    except RequestError as exc:
        return error_reply(exc.status, exc.message)
    except QueryError as exc:
        return error_reply(400, str(exc))
    except (ValueError, TypeError) as exc:
        return error_reply(400, f"cannot run this query: {exc}")
    except (OSError, RuntimeError) as exc:  # while reading the results
        raise StoreError(str(exc)) from exc


def error_reply(status: int, message: str) -> Reply:
    return Reply(status, "text/plain; charset=utf-8", (message + "\n").encode())


def answer(snapshot: Snapshot, job: QueryJob) -> Reply:
    """Run a job on the freshest snapshot; on a read error reopen once and retry."""
    try:
        return execute(snapshot.current(), job)
    except StoreError:
        snapshot.reopen()
    try:
        return execute(snapshot.store, job)
    except StoreError as exc:
        return error_reply(500, f"cannot read the store: {exc}")


def worker_main(conn: Connection, location: str, fresh_wait_s: float) -> None:
    """A worker process: open the store, say ready, then run jobs until the pipe closes."""
    snapshot = Snapshot(location, fresh_wait_s)
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        conn.send(answer(snapshot, job))


# -- the worker pool (server side) -------------------------------------------------------


class QueryTimeout(Exception):
    """A query did not finish in time (its worker was stopped)."""


@dataclass(eq=False)
class _Worker:
    process: Any
    conn: Connection


class WorkerPool:
    """Worker processes that run queries one at a time each; a worker whose query times
    out is killed and replaced."""

    def __init__(self, location: str | Path, size: int, fresh_wait_s: float) -> None:
        self.location = location
        self.size = size
        self.fresh_wait_s = fresh_wait_s
        self._ctx = multiprocessing.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False

    def start(self) -> None:
        for _ in range(self.size):
            self._spawn_async()

    def _spawn_async(self) -> None:
        threading.Thread(target=self._spawn, daemon=True).start()

    def _spawn(self) -> None:
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(target=worker_main, args=(child, str(self.location), self.fresh_wait_s), daemon=True)
        proc.start()
        child.close()
        worker = _Worker(proc, parent)
        with self._lock:
            self._all.add(worker)
        try:
            ready = parent.poll(120) and parent.recv() == "ready"
        except (EOFError, OSError):  # killed by close() while starting, or crashed
            ready = False
        if ready and not self._closed:
            self._idle.put(worker)
            return
        if not self._closed:
            log.error("a query worker failed to start")
        self._discard(worker)

    def _discard(self, worker: _Worker) -> None:
        """Kill a worker and close its pipe, once: close() and a starting worker's thread
        may both discard it, and a pipe closed twice closes whatever file reused its number
        (or fails with "Bad file descriptor")."""
        with self._lock:
            if worker not in self._all:
                return
            self._all.discard(worker)
        worker.process.kill()
        worker.process.join(5)
        worker.conn.close()

    def run(self, job: QueryJob, timeout_s: float) -> Reply:
        """Run a job on an idle worker; QueryTimeout after ``timeout_s`` in all."""
        deadline = time.monotonic() + timeout_s
        try:
            worker = self._idle.get(timeout=timeout_s)
        except queue.Empty:
            raise RequestError(503, f"the server is busy: no query worker free within {timeout_s:g} s") from None
        try:
            worker.conn.send(job)
            if worker.conn.poll(max(0.0, deadline - time.monotonic())):
                reply = worker.conn.recv()
                self._idle.put(worker)
                return reply
        except (EOFError, OSError) as exc:
            self._discard(worker)
            self._spawn_async()
            raise RequestError(500, f"the query worker failed: {exc!r}") from exc
        self._discard(worker)
        self._spawn_async()
        raise QueryTimeout

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
        for worker in workers:
            self._discard(worker)

