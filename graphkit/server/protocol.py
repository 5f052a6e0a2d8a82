"""The SPARQL 1.1 Protocol side of ``graphkit serve``: what a request asks, and in which format.

* **Read-only, no remote access.** Updates (``update=``, ``application/sparql-update``,
  INSERT/DELETE/LOAD/... sent as a query) are refused with 403, and so are queries with a
  ``SERVICE`` clause (Oxigraph would fetch the endpoint over HTTP). ``FROM <iri>`` names a
  graph of the store and is never fetched.
* **Recognising the query form** uses a SPARQL tokenizer (:func:`query_keywords`), not
  rdflib's parser: measured here, ``rdflib.plugins.sparql.parser.parseQuery`` raised
  ``RecursionError`` on a SELECT of 5,000 triple patterns (a 150 KB query, well inside the
  1 MB request limit) and refused SPARQL 1.2 triple terms (``<< ?s ?p ?o >>``) that Oxigraph
  answers; pyoxigraph parses a query only while running it, which for SERVICE is too late.
  Syntax errors are Oxigraph's to report (400), when the worker runs the query.
* **Content negotiation**: ``format=`` (a name, alias or media type), else ``Accept``.

>>> inspect_query("SELECT * WHERE { ?s ?p ?o }")
QueryInfo(has_dataset_clause=False)
>>> inspect_query("LOAD <http://example.org/data.ttl>")
Traceback (most recent call last):
    ...
graphkit.server.protocol.RequestError: this endpoint is read-only: SPARQL Update (LOAD) is not allowed
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

import pyoxigraph as ox

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


def accept_ranges(accept: str) -> list[str]:
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
    for rng in accept_ranges(accept or ""):
        if rng in media:
            return media[rng]
        if rng.endswith("/*"):
            return default
    return default


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


# -- requests ------------------------------------------------------------------------------

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


async def protocol_params(request: Any, limit: int) -> tuple[list[tuple[str, str]], str | None]:
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
