"""``graphkit serve``: a read-only SPARQL 1.1 Protocol endpoint over the store.

Routes: ``/sparql`` (queries by GET, POST form and POST direct; service description
without a query), ``/`` (an HTML query page), ``/map`` (the rendered map, if given).

Design (Starlette + uvicorn in the server process, queries in worker processes):

* **Queries run in a small pool of worker processes**, each holding its own read-only
  Oxigraph handle. A query that passes ``timeout_s`` is answered with 503 and its worker is
  killed (and replaced), so a runaway query stops burning CPU. A thread cannot do that:
  a blocking operator (COUNT, ORDER BY) runs inside one Oxigraph call that cannot be
  interrupted.
* **Read-only, no remote access**: updates (``update=``, ``application/sparql-update``,
  INSERT/DELETE/LOAD/... sent as a query) are refused with 403; so are queries with a
  ``SERVICE`` clause, found by a SPARQL tokenizer (pyoxigraph *does* fetch SERVICE
  endpoints over HTTP otherwise). The store is opened with ``Store.read_only`` anyway.
* **Fresh data while ``graphkit build`` writes**: a read-only handle is a snapshot of the
  store when it was opened (it replays the writer's WAL, so it sees committed but unflushed
  transactions). Before each query a worker compares a cheap signature of the store folder
  (names, sizes and mtimes of ``CURRENT``, ``MANIFEST-*`` and ``*.log``) with the one of its
  handle; if it changed, the worker reopens the store in a thread and waits for it up to
  ``fresh_wait_s`` (replaying a large unflushed WAL can take seconds; past that wait the
  query is answered from the previous snapshot and the new one is used when ready).
* **Result limit**: SELECT rows and CONSTRUCT/DESCRIBE triples stop at ``max_results``; a
  truncated answer carries ``X-Results-Truncated: true`` (every answer carries
  ``X-Result-Limit``). Request bodies and query strings above ``max_request_bytes`` get 413.
"""

from __future__ import annotations

import html
import itertools
import json
import logging
import multiprocessing
import os
import queue
import re
import threading
import time
from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import pyoxigraph as ox

from .rdf import PREFIXES
from .store import default_store_path

log = logging.getLogger("graphkit.server")

QRF = ox.QueryResultsFormat
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

#: SELECT/ASK result formats: name -> (media type, Oxigraph format).
RESULT_FORMATS: dict[str, tuple[str, ox.QueryResultsFormat]] = {
    "json": ("application/sparql-results+json", QRF.JSON),
    "xml": ("application/sparql-results+xml", QRF.XML),
    "csv": ("text/csv", QRF.CSV),
    "tsv": ("text/tab-separated-values", QRF.TSV),
}
#: CONSTRUCT/DESCRIBE formats: name -> (media type, Oxigraph format).
GRAPH_FORMATS: dict[str, tuple[str, ox.RdfFormat]] = {
    "turtle": ("text/turtle", ox.RdfFormat.TURTLE),
    "ntriples": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    "jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD),
    "rdfxml": ("application/rdf+xml", ox.RdfFormat.RDF_XML),
}
RESULT_MEDIA = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_MEDIA = {
    "text/turtle": "turtle",
    "application/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "ntriples",
    "text/plain": "ntriples",
    "application/ld+json": "jsonld",
    "application/json": "jsonld",
    "application/rdf+xml": "rdfxml",
    "application/xml": "rdfxml",
    "text/xml": "rdfxml",
}
#: ``format=`` parameter values (besides the names above and full media types).
RESULT_ALIASES = {"srj": "json", "srx": "xml"}
GRAPH_ALIASES = {
    "ttl": "turtle",
    "nt": "ntriples",
    "n-triples": "ntriples",
    "json-ld": "jsonld",
    "json": "jsonld",
    "xml": "rdfxml",
    "rdf": "rdfxml",
}

UPDATE_KEYWORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}


class RequestError(Exception):
    """A request the endpoint refuses: HTTP status and a message for the client."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


# -- query inspection ----------------------------------------------------------------

_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\r\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
             | '''(?:[^'\\]|\\.|'(?!''))*'''
             | "(?:[^"\\\r\n]|\\.)*"
             | '(?:[^'\\\r\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][\w\u00b7\u0300-\u036f\u203f-\u2040]+)
  | (?P<pname>[\w.\-]*:(?:[\w.:%\-]|\\.)*)
  | (?P<lang>@[A-Za-z0-9\-]+)
  | (?P<word>[A-Za-z_]\w*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


def query_keywords(sparql: str) -> list[str]:
    """The bare words of a SPARQL text in upper case: keywords and function names, but
    nothing inside strings, IRIs or comments, and no variables or prefixed names.

    >>> query_keywords('SELECT ?service WHERE { ?s ex:service "SERVICE" } # SERVICE')
    ['SELECT', 'WHERE']
    """
    return [m.group("word").upper() for m in _TOKEN.finditer(sparql) if m.lastgroup == "word"]


@dataclass
class QueryInfo:
    """What the server must know about a query before running it."""

    has_dataset_clause: bool  # FROM / FROM NAMED in the query


def inspect_query(sparql: str) -> QueryInfo:
    """Refuse updates and SERVICE clauses (RequestError 403); say whether FROM is used."""
    words = query_keywords(sparql)
    operation = next((w for w in words if w not in {"BASE", "PREFIX"}), "")
    if operation in UPDATE_KEYWORDS:
        raise RequestError(403, f"this endpoint is read-only: SPARQL Update ({operation}) is not allowed")
    if "SERVICE" in words:
        raise RequestError(403, "federated queries (SERVICE) are not allowed on this endpoint")
    return QueryInfo(has_dataset_clause="FROM" in words)


# -- content negotiation --------------------------------------------------------------


def _accept_ranges(accept: str) -> list[str]:
    """Media ranges of an Accept header, best first (q=0 dropped, ties keep their order)."""
    ranked: list[tuple[float, int, str]] = []
    for i, part in enumerate(accept.split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for p in params:
            if p.lower().startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        if media and q > 0:
            ranked.append((-q, i, media.lower()))
    return [m for _, _, m in sorted(ranked)]


def negotiate(kind: str, accept: str | None, fmt: str | None) -> str:
    """The format name for a result ``kind`` ("results" or "graph"): from ``format=``
    (a name, alias or media type) if given, else the Accept header, else the default.

    >>> negotiate("results", "text/csv, */*;q=0.1", None)
    'csv'
    >>> negotiate("graph", None, "json")
    'jsonld'
    """
    names, media, aliases, default = (
        (RESULT_FORMATS, RESULT_MEDIA, RESULT_ALIASES, "json")
        if kind == "results"
        else (GRAPH_FORMATS, GRAPH_MEDIA, GRAPH_ALIASES, "turtle")
    )
    if fmt:
        key = fmt.strip().lower()
        found = key if key in names else aliases.get(key) or media.get(key)
        if not found:
            raise RequestError(400, f"unknown format {fmt!r} for {kind}; use one of {', '.join(names)}")
        return found
    for rng in _accept_ranges(accept or ""):
        if rng in media:
            return media[rng]
        if rng.endswith("/*"):
            return default
    return default


# -- running a query (in a worker process) ----------------------------------------------


@dataclass
class QueryJob:
    """One query to run, with everything the worker needs."""

    query: str
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    union: bool = True
    accept: str | None = None
    fmt: str | None = None
    max_results: int = 10000


@dataclass
class Reply:
    """An HTTP answer, built in a worker and sent back through a pipe."""

    status: int
    media_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def _query_kwargs(job: QueryJob) -> dict[str, Any]:
    kwargs: dict[str, Any] = {"prefixes": PREFIXES}
    if job.default_graphs or job.named_graphs:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs]
        if job.named_graphs:
            kwargs["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
    else:
        kwargs["use_default_graph_as_union"] = job.union
    return kwargs


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


def execute(store: ox.Store, job: QueryJob) -> Reply:
    """Run one query on a store and serialize its answer (errors become 4xx/5xx replies)."""
    try:
        result = store.query(job.query, **_query_kwargs(job))
        if isinstance(result, ox.QuerySolutions):
            return _solutions_reply(result, job)
        if isinstance(result, ox.QueryBoolean):
            return _boolean_reply(result, job)
        return _triples_reply(result, job)
    except RequestError as exc:
        return error_reply(exc.status, exc.message)
    except SyntaxError as exc:
        return error_reply(400, f"SPARQL syntax error: {exc}")
    except (ValueError, TypeError) as exc:
        return error_reply(400, f"cannot run this query: {exc}")
    except (OSError, RuntimeError) as exc:
        raise StoreReadError(str(exc)) from exc


def error_reply(status: int, message: str) -> Reply:
    return Reply(status, "text/plain; charset=utf-8", (message + "\n").encode())


# -- the store snapshot a worker reads ---------------------------------------------------


def store_signature(path: Path) -> tuple[tuple[str, int, int], ...] | None:
    """A cheap fingerprint of a RocksDB folder that changes on every committed write
    (WAL appends, memtable flushes, compactions); None if the store does not exist."""
    try:
        entries = list(os.scandir(path))
    except OSError:
        return None
    out = []
    for entry in entries:
        name = entry.name
        if name == "CURRENT" or name.startswith("MANIFEST-") or name.endswith(".log"):
            try:
                st = entry.stat()
            except OSError:  # deleted meanwhile by the writer
                continue
            out.append((name, st.st_size, st.st_mtime_ns))
    return tuple(sorted(out))


class StoreReadError(Exception):
    """The store could not be read (e.g. a file the snapshot needs was compacted away)."""


class Snapshot:
    """A read-only handle on the store, reopened when the store changed on disk.

    ``current()`` starts a reopen when the signature changed and waits for it up to
    ``fresh_wait_s``; the previous handle is used until the new one is ready.
    """

    def __init__(self, path: Path, fresh_wait_s: float = 2.0) -> None:
        self.path = path
        self.fresh_wait_s = fresh_wait_s
        self._cond = threading.Condition()
        self._opening = False
        self._opened_at = time.monotonic()  # when the current handle's open started
        self.signature = store_signature(path)
        self.store = self._open()

    def _open(self, attempts: int = 5) -> ox.Store:
        """A new handle; retried because opening can race with the writer's compactions
        (RocksDB then reports a missing .sst file)."""
        for attempt in range(attempts):
            try:
                if store_signature(self.path) is None:
                    return ox.Store()  # no store yet: answer from an empty graph
                return ox.Store.read_only(str(self.path))
            except (OSError, RuntimeError) as exc:
                if attempt == attempts - 1:
                    raise StoreReadError(f"cannot open the store at {self.path}: {exc}") from exc
                time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")

    def reopen(self) -> None:
        """Open a new handle now and make it current (keeps the old one on failure)."""
        started = time.monotonic()
        sig = store_signature(self.path)
        try:
            store = self._open()
        except StoreReadError as exc:
            log.warning("keeping the previous snapshot: %s", exc)
            store = None
        with self._cond:
            if store is not None:
                self.store, self.signature, self._opened_at = store, sig, started
            self._opening = False
            self._cond.notify_all()

    def current(self) -> ox.Store:
        """The freshest handle available within ``fresh_wait_s``."""
        if store_signature(self.path) == self.signature:
            return self.store
        noticed = time.monotonic()
        deadline = noticed + self.fresh_wait_s
        with self._cond:
            while self._opened_at < noticed:
                if not self._opening:
                    self._opening = True
                    threading.Thread(target=self.reopen, daemon=True).start()
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._cond.wait(remaining)
            return self.store


def answer(snapshot: Snapshot, job: QueryJob) -> Reply:
    """Run a job on the freshest snapshot; on a read error reopen once and retry."""
    try:
        return execute(snapshot.current(), job)
    except StoreReadError:
        snapshot.reopen()
    try:
        return execute(snapshot.store, job)
    except StoreReadError as exc:
        return error_reply(500, f"cannot read the store: {exc}")


def worker_main(conn: Connection, store_path: str, fresh_wait_s: float) -> None:
    """A worker process: open the store, say ready, then run jobs until the pipe closes."""
    snapshot = Snapshot(Path(store_path), fresh_wait_s)
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

    def __init__(self, store_path: Path, size: int, fresh_wait_s: float) -> None:
        self.store_path = store_path
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
        proc = self._ctx.Process(target=worker_main, args=(child, str(self.store_path), self.fresh_wait_s), daemon=True)
        proc.start()
        child.close()
        worker = _Worker(proc, parent)
        with self._lock:
            self._all.add(worker)
        try:
            if parent.poll(120) and parent.recv() == "ready" and not self._closed:
                self._idle.put(worker)
                return
        except (EOFError, OSError):
            pass
        log.error("a query worker failed to start")
        self._discard(worker)

    def _discard(self, worker: _Worker) -> None:
        with self._lock:
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


# -- HTTP ---------------------------------------------------------------------------------

SD = "http://www.w3.org/ns/sparql-service-description#"
FORMATS_NS = "http://www.w3.org/ns/formats/"
SD_FORMATS = [
    "SPARQL_Results_JSON",
    "SPARQL_Results_XML",
    "SPARQL_Results_CSV",
    "SPARQL_Results_TSV",
    "Turtle",
    "N-Triples",
    "JSON-LD",
    "RDF_XML",
]


def service_description(endpoint: str) -> bytes:
    """The SPARQL service description of this endpoint, as Turtle."""
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    svc, dataset, graph = ox.BlankNode("service"), ox.BlankNode("dataset"), ox.BlankNode("graph")

    def sd(local: str) -> ox.NamedNode:
        return ox.NamedNode(SD + local)

    triples = [
        ox.Triple(svc, rdf_type, sd("Service")),
        ox.Triple(svc, sd("endpoint"), ox.NamedNode(endpoint)),
        ox.Triple(svc, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(svc, sd("feature"), sd("UnionDefaultGraph")),
        ox.Triple(svc, sd("defaultDataset"), dataset),
        ox.Triple(dataset, rdf_type, sd("Dataset")),
        ox.Triple(dataset, sd("defaultGraph"), graph),
        ox.Triple(graph, rdf_type, sd("Graph")),
    ]
    triples += [ox.Triple(svc, sd("resultFormat"), ox.NamedNode(FORMATS_NS + f)) for f in SD_FORMATS]
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes={"sd": SD, "formats": FORMATS_NS})


@dataclass
class Settings:
    """Limits and files of one server."""

    store_path: Path
    timeout_s: float
    max_results: int
    max_request_bytes: int
    map_path: Path | None
    examples_dir: Path | None


async def _read_body(request: Any, limit: int) -> bytes:
    """The request body, or RequestError 413 once it passes ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise RequestError(413, f"request too large: {declared} bytes (limit {limit})")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise RequestError(413, f"request too large (limit {limit} bytes)")
        chunks.append(chunk)
    return b"".join(chunks)


def _single(params: list[tuple[str, str]], name: str) -> str | None:
    values = [v for k, v in params if k == name]
    if len(values) > 1:
        raise RequestError(400, f"more than one {name!r} parameter")
    return values[0] if values else None


async def _protocol_params(request: Any, limit: int) -> tuple[list[tuple[str, str]], str | None]:
    """(all parameters, the query) of a SPARQL Protocol request; None if no query."""
    url_params = parse_qsl(request.url.query, keep_blank_values=True)
    if len(request.url.query) > limit:
        raise RequestError(413, f"request too large: query string over {limit} bytes")
    if request.method == "GET":
        params = url_params
        body_query = None
    else:
        body = await _read_body(request, limit)
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype == "application/sparql-update":
            raise RequestError(403, "this endpoint is read-only: SPARQL Update is not allowed")
        if ctype == "application/x-www-form-urlencoded":
            params = url_params + parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
            body_query = None
        elif ctype == "application/sparql-query":
            params = url_params
            body_query = body.decode("utf-8", "replace")
        else:
            raise RequestError(
                415, "POST needs Content-Type application/sparql-query or application/x-www-form-urlencoded"
            )
    if any(k in ("update", "using-graph-uri", "using-named-graph-uri") for k, _ in params):
        raise RequestError(403, "this endpoint is read-only: SPARQL Update is not allowed")
    query = _single(params, "query")
    if body_query is not None:
        if query is not None:
            raise RequestError(400, "a query both in the body and in a 'query' parameter")
        query = body_query
    return params, query


def _graph_iris(params: list[tuple[str, str]], name: str) -> list[str]:
    iris = [v for k, v in params if k == name]
    for iri in iris:
        try:
            ox.NamedNode(iri)
        except ValueError:
            raise RequestError(400, f"{name} is not a valid IRI: {iri!r}") from None
    return iris


def build_job(params: list[tuple[str, str]], query: str, accept: str | None, max_results: int) -> QueryJob:
    """Check a query and its protocol parameters; the job for a worker."""
    info = inspect_query(query)
    return QueryJob(
        query=query,
        default_graphs=_graph_iris(params, "default-graph-uri"),
        named_graphs=_graph_iris(params, "named-graph-uri"),
        union=not info.has_dataset_clause,
        accept=accept,
        fmt=_single(params, "format") or _single(params, "output"),
        max_results=max_results,
    )


def _read_examples(examples_dir: Path | None) -> dict[str, str]:
    if not examples_dir or not examples_dir.is_dir():
        return {}
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(examples_dir.glob("*.rq"))}


PAGE_CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'"
)


def query_page(examples: dict[str, str]) -> str:
    """The HTML query page: everything inline, results written with textContent."""
    prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
    initial = prologue + "\nSELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 20\n"
    examples_json = json.dumps(examples).replace("</", "<\\/")
    template = (Path(__file__).parent / "server_assets" / "index.html").read_text(encoding="utf-8")
    return template.replace("{{QUERY}}", html.escape(initial)).replace("{{EXAMPLES}}", examples_json)


def make_app(
    store_path: Path | None,
    *,
    timeout_s: float = 10.0,
    max_results: int = 10000,
    max_request_bytes: int = 1_000_000,
    map_path: Path | None = None,
    examples_dir: Path | None = None,
    workers: int = 2,
    fresh_wait_s: float = 2.0,
) -> Any:
    """The ASGI (Starlette) application; its lifespan starts and stops the query workers.

    ``store_path`` None means the default store (``$GRAPHKIT_STORE`` or the data folder).
    """
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.middleware import Middleware
    from starlette.middleware.cors import CORSMiddleware
    from starlette.requests import Request
    from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
    from starlette.routing import Route

    settings = Settings(
        Path(store_path or default_store_path()), timeout_s, max_results, max_request_bytes, map_path, examples_dir
    )
    pool = WorkerPool(settings.store_path, workers, min(fresh_wait_s, timeout_s / 2))

    def plain(status: int, message: str) -> Response:
        return PlainTextResponse(message + "\n", status_code=status)

    async def sparql(request: Request) -> Response:
        try:
            params, query = await _protocol_params(request, settings.max_request_bytes)
            if query is None:
                if request.method == "POST":
                    raise RequestError(400, "no query given")
                endpoint = str(request.url.replace(query=""))
                return Response(service_description(endpoint), media_type="text/turtle")
            job = build_job(params, query, request.headers.get("accept"), settings.max_results)
            reply = await run_in_threadpool(pool.run, job, settings.timeout_s)
        except RequestError as exc:
            return plain(exc.status, exc.message)
        except QueryTimeout:
            return plain(503, f"query timed out after {settings.timeout_s:g} s and was stopped")
        return Response(reply.body, status_code=reply.status, media_type=reply.media_type, headers=reply.headers)

    async def index(request: Request) -> Response:
        page = query_page(_read_examples(settings.examples_dir))
        return HTMLResponse(page, headers={"Content-Security-Policy": PAGE_CSP})

    async def map_page(request: Request) -> Response:
        if settings.map_path and settings.map_path.is_file():
            return FileResponse(settings.map_path, media_type="text/html")
        return plain(404, "no map: start the server with a rendered map file")

    @asynccontextmanager
    async def lifespan(app: Any) -> AsyncIterator[None]:
        pool.start()
        try:
            yield
        finally:
            pool.close()

    middleware = [
        Middleware(
            CORSMiddleware,
            allow_origins=["*"],
            allow_methods=["GET", "POST"],
            allow_headers=["*"],
            expose_headers=["X-Result-Limit", "X-Results-Truncated"],
        ),
    ]
    routes = [
        Route("/", index, methods=["GET"]),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/map", map_page, methods=["GET"]),
    ]
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    app.state.pool = pool
    app.state.settings = settings
    return app


def serve(store_path: Path | None, host: str = "127.0.0.1", port: int = 7878, **limits: Any) -> None:
    """Run the endpoint until interrupted (blocking). ``limits`` go to ``make_app``."""
    import uvicorn

    uvicorn.run(make_app(store_path, **limits), host=host, port=port, log_level="info")
