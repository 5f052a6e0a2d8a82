"""A graph store on a SPARQL 1.1 server, with the same interface as :class:`graphkit.store.Store`.

``RemoteStore("http://127.0.0.1:7878")`` talks to an Oxigraph server (``oxigraph serve``):
queries go to ``{base}/query`` and updates to ``{base}/update`` (SPARQL 1.1 Protocol). Other
servers are reached by naming their endpoints:

========================  ==============================================  =====================================
server                    ``url``                                         ``update_url``
========================  ==============================================  =====================================
Oxigraph                  ``http://host:7878``                            (derived: ``/update``)
Apache Jena Fuseki        ``http://host:3030/ds/sparql`` (or ``/query``)  (derived: ``/ds/update``)
GraphDB                   ``http://host:7200/repositories/r``             ``http://host:7200/repositories/r/statements``
Blazegraph                ``http://host:9999/blazegraph/sparql``          the same URL
========================  ==============================================  =====================================

A ``url`` whose path ends in ``/query`` or ``/sparql`` is the query endpoint itself and the
update endpoint defaults to its sibling ``update``; any other ``url`` is a base under which
``/query`` and ``/update`` are used. A remote store opened ``read_only`` refuses writes.

**Writes.** ``put_article`` replaces an article's named graph with one SPARQL Update request
(``DROP SILENT GRAPH <g> ; INSERT DATA { GRAPH <g> { ... } }``); SPARQL servers run one
request as one transaction (Oxigraph and Fuseki/TDB2 do), so an interrupted build leaves each
article fully present or absent, as with the embedded store. ``bulk_load`` sends
``INSERT DATA`` requests of ``batch_size`` quads (not atomic as a whole).

**The aggregate view** (``graphkit.aggregate``) is not maintained by these writes: on a
remote store it is refreshed on demand, with :meth:`RemoteStore.refresh_aggregates`
(``graphkit stats --refresh-view``), and is stale (or absent) until then.

**Changes.** Every write request ends by replacing a generation stamp (a random value of
``ccg:generation`` in the graph :data:`STAMP`) in the same request, so that
``change_token()`` (one small query) tells readers that keep memos (the workbench's search
index) that the data changed. Writes that do not come through graphkit go unnoticed. The
stamp's graph and the view's are left out of ``quads()``, ``len()`` and exports (the
embedded store leaves the view out too).

**The union default graph.** Graphkit queries read the union of the article graphs as their
default graph. How the server is asked for it is ``union_mode``:

* ``"param"`` (default): Oxigraph's ``union-default-graph`` request parameter.
* ``"server"``: the server already answers with the union (``oxigraph serve
  --union-default-graph``, Fuseki with ``tdb2:unionDefaultGraph true``); nothing is sent.
  Queries with ``union=False`` (graphkit's own use ``GRAPH ?g``) then see the union too.
* ``"graphs"``: the standard SPARQL Protocol way, for any server: every named graph is sent
  as a ``default-graph-uri`` (their RDF merge is the default graph). One extra query per
  query, and a large request body for stores of many articles.

Queries are not rewritten. HTTP is SPARQLWrapper's (POST, form-encoded, content
negotiation only); answers are parsed with pyoxigraph, so callers get the same terms as from
the embedded store. Measured on a local Oxigraph server, a 5,000-row SELECT took 57 ms
through SPARQLWrapper's own JSON conversion and 117 ms through this class (pyoxigraph terms
turned into Python values): the difference is the conversion, which ``select`` keeps for the
typed values (int, float, bool) the rest of graphkit reads. SPARQLWrapper opens requests with
urllib's module-level ``urlopen``: environment proxies apply, and a 301/302/303 answer is
followed as a GET (307/308 are errors), so give the endpoints' own URLs.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import uuid
from collections.abc import Hashable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox
from SPARQLWrapper import POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import (
    EndPointInternalError,
    EndPointNotFound,
    QueryBadFormed,
    SPARQLWrapperException,
    Unauthorized,
    URITooLong,
)

from . import aggregate
from .rdf import CCG, PREFIXES, RES
from .store import ArticleIndex, QueryError, StoreError, export_format, python_value

_PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
#: The graph (and node) of the generation stamp that every write replaces (see "Changes" above).
STAMP = f"{RES}generation"
_STAMP_PATTERN = f"GRAPH <{STAMP}> {{ <{STAMP}> <{CCG.generation}> ?generation }}"
#: The graphs that hold no article: the view (derived) and the stamp.
_NOT_DATA = f"FILTER(?g NOT IN (<{aggregate.AGGREGATE}>, <{STAMP}>))"
_ALL_QUADS = f"SELECT ?s ?p ?o ?g WHERE {{ {{ ?s ?p ?o }} UNION {{ GRAPH ?g {{ ?s ?p ?o }} {_NOT_DATA} }} }}"
#: The HTTP status behind each of SPARQLWrapper's exceptions.
_STATUS = {QueryBadFormed: 400, Unauthorized: 401, EndPointNotFound: 404, URITooLong: 414, EndPointInternalError: 500}


def _endpoints(url: str) -> tuple[str, str]:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise StoreError(f"not a SPARQL server URL: {url!r} (expected http://host:port/...)")
    base = url.rstrip("/")
    head, _, last = base.rpartition("/")
    if last in ("query", "sparql") and head.partition("://")[2]:
        return base, f"{head}/update"
    return f"{base}/query", f"{base}/update"


def _term(term: Any) -> str:
    return str(term)  # N-Triples syntax, which is also SPARQL syntax


def _insert_data(quads: Iterable[ox.Quad]) -> str:
    """``INSERT DATA { ... }`` for the quads, grouped by graph."""
    by_graph: dict[str, list[str]] = {}
    for q in quads:
        g = "" if isinstance(q.graph_name, ox.DefaultGraph) else _term(q.graph_name)
        by_graph.setdefault(g, []).append(f"{_term(q.subject)} {_term(q.predicate)} {_term(q.object)} .")
    body = []
    for g, lines in by_graph.items():
        block = "\n".join(lines)
        body.append(block if not g else f"GRAPH {g} {{\n{block}\n}}")
    return "INSERT DATA {\n" + "\n".join(body) + "\n}"


class RemoteStore(ArticleIndex):
    """A graph on a SPARQL 1.1 server (see the module docstring); a ``GraphStore``.

    >>> RemoteStore("http://127.0.0.1:7878/sparql").update_url
    'http://127.0.0.1:7878/update'
    """

    def __init__(
        self,
        url: str,
        *,
        update_url: str | None = None,
        timeout: float = 30,
        read_only: bool = False,
        union_mode: str = "param",
        batch_size: int = 10_000,
    ) -> None:
        if union_mode not in ("param", "server", "graphs"):
            raise StoreError(f"unknown union_mode {union_mode!r}; choose param, server or graphs")
        self.location = url
        self.read_only = read_only
        self.query_url, derived_update = _endpoints(url)
        self.update_url = update_url or derived_update
        if update_url is not None:
            _endpoints(update_url)  # same URL checks
        self.timeout = timeout
        self.union_mode = union_mode
        self.batch_size = batch_size

    def __repr__(self) -> str:
        return f"RemoteStore({self.location!r})"

    # -- HTTP ----------------------------------------------------------------------------------
    def _send(self, sparql: str, *, update: bool = False, **params: Iterable[str]) -> tuple[bytes, str]:
        """POST a query (or an update) with extra protocol parameters; the answer's body and
        content type. HTTP and connection failures become ``StoreError`` naming the URL."""
        url = self.update_url if update else self.query_url
        wrapper = SPARQLWrapper(self.query_url, updateEndpoint=self.update_url)
        wrapper.setMethod(POST)
        wrapper.setOnlyConneg(True)
        wrapper.setTimeout(self.timeout)
        wrapper.setQuery(sparql)
        for graph in params.get("default_graphs", ()):
            wrapper.addDefaultGraph(graph)
        for graph in params.get("named_graphs", ()):
            wrapper.addNamedGraph(graph)
        for name in params.get("flags", ()):
            wrapper.addParameter(name, "")
        try:
            response = wrapper.query().response
            return response.read(), response.headers.get("Content-Type", "")
        except SPARQLWrapperException as exc:
            status = _STATUS.get(type(exc), 0)
            detail = exc.args[0] if exc.args else ""
            raise (QueryError if status == 400 else StoreError)(
                f"SPARQL server {url} answered HTTP {status}: {detail}"[:800]
            ) from exc
        except urllib.error.HTTPError as exc:
            raise StoreError(f"SPARQL server {url} answered HTTP {exc.code} {exc.reason}") from exc
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(f"cannot reach the SPARQL server at {url}: {reason}") from exc

    def _update(self, sparql: str) -> None:
        """Send an update, with a new generation stamp in the same request (one transaction)."""
        if self.read_only:
            raise StoreError(f"the store at {self.location} is open read-only")
        stamp = f'<{STAMP}> <{CCG.generation}> "{uuid.uuid4().hex}"'
        self._send(
            f"{sparql} ;\nDELETE WHERE {{ {_STAMP_PATTERN} }} ;\n"
            f"INSERT DATA {{ GRAPH <{STAMP}> {{ {stamp} }} }}",
            update=True,
        )

    # -- articles ---------------------------------------------------------------------------------
    def put_article(self, graph_iri: str, quads: Iterable[ox.Quad]) -> None:
        """Replace one article's graph in a single update request (one server transaction)."""
        self.put_articles([(graph_iri, quads)])

    def put_articles(self, articles: Sequence[tuple[str, Iterable[ox.Quad]]]) -> None:
        """Replace several articles' graphs in a single update request (one server transaction)."""
        ops: list[str] = []
        for graph_iri, quads in articles:
            ops.append(f"DROP SILENT GRAPH {_term(ox.NamedNode(graph_iri))}")
            quads = list(quads)
            if quads:
                ops.append(_insert_data(quads))
        if ops:
            self._update(" ;\n".join(ops))

    def remove_article(self, graph_iri: str) -> None:
        self._update(f"DROP SILENT GRAPH {_term(ox.NamedNode(graph_iri))}")

    def bulk_load(self, quads: Iterable[ox.Quad]) -> None:
        """Add many quads in ``INSERT DATA`` requests of ``batch_size`` quads (not atomic)."""
        batch: list[ox.Quad] = []
        for q in quads:
            batch.append(q)
            if len(batch) >= self.batch_size:
                self._update(_insert_data(batch))
                batch = []
        if batch:
            self._update(_insert_data(batch))

    def refresh_aggregates(self) -> None:
        """Rebuild the aggregate view from the article graphs in one update request. A
        remote store does not maintain the view as articles come and go: it is refreshed
        on demand (``graphkit stats --refresh-view``), and is stale until then."""
        self._update(aggregate.refresh(self.quads()))

    # -- queries ------------------------------------------------------------------------------------
    def _graph_names(self) -> list[str]:
        result = self._parse(*self._send(_PROLOGUE + "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"))
        return [sol[0].value for sol in result if isinstance(sol[0], ox.NamedNode)]

    def _parse(self, body: bytes, ctype: str) -> Any:
        media = ctype.split(";", 1)[0].strip().lower()
        results_format = ox.QueryResultsFormat.from_media_type(media) if media else None
        if results_format is not None:
            return ox.parse_query_results(body, results_format)
        rdf_format = ox.RdfFormat.from_media_type(media) if media else None
        if rdf_format is not None:  # CONSTRUCT / DESCRIBE: a list of triples
            return [q.triple for q in ox.parse(body, rdf_format)]
        raise StoreError(f"SPARQL server {self.query_url} answered with unsupported content type {ctype!r}")

    def query(
        self,
        sparql: str,
        *,
        union: bool = True,
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
    ) -> Any:
        """Run a SPARQL query; the default graph is the union of article graphs unless
        ``union`` is False or ``default_graphs``/``named_graphs`` name the dataset (sent as
        ``default-graph-uri``/``named-graph-uri``).

        SELECT and ASK give pyoxigraph ``QuerySolutions`` / ``QueryBoolean`` (parsed from the
        server's results); CONSTRUCT and DESCRIBE give a list of ``pyoxigraph.Triple``
        (``Store.query`` gives an iterator of them). The prefixes of ``graphkit.rdf.PREFIXES``
        are declared, as for ``Store.query``."""
        params: dict[str, Iterable[str]] = {}
        if default_graphs or named_graphs:
            params = {"default_graphs": default_graphs, "named_graphs": named_graphs}
        elif union and self.union_mode == "param":
            params = {"flags": ["union-default-graph"]}
        elif union and self.union_mode == "graphs":
            # no named graph: an empty default graph, not the server's default
            params = {"default_graphs": self._graph_names() or ["urn:x-graphkit:empty"]}
        return self._parse(*self._send(_PROLOGUE + sparql, **params))

    def select(self, sparql: str, *, union: bool = True) -> list[dict[str, Any]]:
        """A SELECT query's rows as dicts of plain Python values (IRIs as strings)."""
        result = self.query(sparql, union=union)
        if not isinstance(result, ox.QuerySolutions):
            raise StoreError("select() needs a SELECT query")
        names = [v.value for v in result.variables]
        return [{n: python_value(sol[n]) for n in names} for sol in result]

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad on the server (its default graph and all named graphs)."""
        result = self.query(_ALL_QUADS, union=False)
        out = []
        for sol in result:
            g = sol["g"]
            out.append(ox.Quad(sol["s"], sol["p"], sol["o"], ox.DefaultGraph() if g is None else g))
        return iter(out)

    def __len__(self) -> int:
        rows = self.select(_ALL_QUADS.replace("SELECT ?s ?p ?o ?g", "SELECT (COUNT(*) AS ?n)"), union=False)
        return int(rows[0]["n"])

    # -- export ------------------------------------------------------------------------------------
    def export(self, output: str | Path | IO[bytes], fmt: str = "nq") -> None:
        """Write the graph in ``fmt`` (see ``FORMATS``); formats without named graphs
        get the union of all article graphs."""
        rdf_format, with_graphs = export_format(fmt)
        target = str(output) if isinstance(output, Path) else output
        if with_graphs:
            data: Iterable[Any] = self.quads()
            prefixes = PREFIXES if fmt != "nq" else None
        else:
            data = self.query(
                f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_NOT_DATA} }}",
                union=False,
            )
            prefixes = None if fmt == "nt" else PREFIXES
        ox.serialize(data, target, rdf_format, prefixes=prefixes)

    def flush(self) -> None:
        """Nothing to do: the server commits each request."""

    def change_token(self) -> Hashable:
        """The server's generation stamp (None before graphkit first wrote to it): it changes
        with every write that graphkit sends (queries themselves always read current data)."""
        rows = self.select(f"SELECT ?generation WHERE {{ {_STAMP_PATTERN} }}", union=False)
        return (self.location, rows[0]["generation"] if rows else None)
