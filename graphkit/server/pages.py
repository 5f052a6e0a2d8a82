"""The workbench's pages: home with search, /search, /entity/<id>, /ties?e=&relation=&page=
(an entity's ties past those its page lists), /edge?a=&b=, /article/<id>.

Each page is a Jinja2 template over the data of :mod:`graphkit.browse` (the same the Python
API returns). Every page also answers JSON (``Accept: application/json`` or ``?format=json``);
lists download as CSV (``?format=csv``), a page's subgraph as Turtle or JSON-LD
(``?format=turtle``, ``?format=jsonld``). Pages are server-rendered and run no script;
autoescaping escapes every name and sentence.

>>> page_format("application/json, text/html;q=0.5", None)
'json'
>>> page_format("text/html,application/xhtml+xml,*/*;q=0.8", None)
'html'
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

import pyoxigraph as ox
from jinja2 import Environment, PackageLoader, select_autoescape
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from ..browse import as_data, entity_iri_of
from ..rdf import PREFIXES
from ..snapshot import Snapshot
from ..store import Store
from .protocol import RequestError, accept_ranges

if TYPE_CHECKING:  # pragma: no cover
    from ..graph import KnowledgeGraph

#: Pages run no script at all; styles and pictures come from this server only.
WORKBENCH_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; frame-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'self'"
)
STATIC = Path(__file__).parent / "assets"
#: Sentences per page of an edge page (newest first); its JSON and CSV hold them all.
EDGE_PAGE = 25

_MEDIA = {
    "text/html": "html", "application/xhtml+xml": "html", "application/json": "json", "text/csv": "csv",
    "text/turtle": "turtle", "application/ld+json": "jsonld",
}
_RDF = {"turtle": (ox.RdfFormat.TURTLE, "text/turtle"), "jsonld": (ox.RdfFormat.JSON_LD, "application/ld+json")}


def page_format(accept: str | None, fmt: str | None) -> str:
    """html, json, csv, turtle or jsonld: ``format=`` if given, else the best of Accept."""
    if fmt:
        key = {"ttl": "turtle", "json-ld": "jsonld"}.get(fmt.lower(), fmt.lower())
        if key not in {"html", *_MEDIA.values()}:
            raise RequestError(400, f"unknown format {fmt!r}; use html, json, csv, turtle or jsonld")
        return key
    for media in accept_ranges(accept or ""):
        if media in _MEDIA:
            return _MEDIA[media]
    return "html"


def environment() -> Environment:
    """The templates (package data), autoescaped."""
    env = Environment(loader=PackageLoader("graphkit.server", "templates"), autoescape=select_autoescape(default=True))
    env.filters["q"] = lambda s: quote(str(s), safe="/")
    env.filters["with_format"] = with_format
    return env


def with_format(request: Request, fmt: str) -> str:
    """This page's path and query with ``format=fmt`` (relative, so it stays on this server)."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k != "format"] + [("format", fmt)]
    return f"{request.url.path}?{urlencode(params)}"


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text else default
    except ValueError:
        raise RequestError(400, f"not a page number: {text!r}") from None


def _csv(rows: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    if rows:
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
    return buf.getvalue()


def live_graph(kg: KnowledgeGraph, fresh_wait_s: float = 2.0) -> KnowledgeGraph:
    """The graph the pages read: ``kg`` when its store sees every write (the writer's own
    handle, memory, a SPARQL server), else the same folder through a
    :class:`~graphkit.snapshot.Snapshot`, so that a build while the server runs shows on
    the next page (``graphkit serve`` opens the store read-only: a snapshot at start)."""
    from ..graph import KnowledgeGraph

    store = kg.store
    if isinstance(store, Store) and store.read_only and store.path is not None:
        return KnowledgeGraph(Snapshot(store.path, fresh_wait_s))
    return kg


def page_routes(kg: KnowledgeGraph, *, has_map: Callable[[], bool], fresh_wait_s: float = 2.0) -> list[Route]:
    """The workbench routes over the browse methods of ``kg`` (read live, see :func:`live_graph`)."""
    env = environment()
    kg = live_graph(kg, fresh_wait_s)

    def answer(
        request: Request,
        template: str,
        data: Any,
        *,
        rows: list[dict[str, Any]] | None = None,
        subgraph: Callable[[], list[Any]] | None = None,
        name: str = "page",
        **context: Any,
    ) -> Response:
        fmt = page_format(request.headers.get("accept"), request.query_params.get("format"))
        if fmt == "json":
            return JSONResponse(as_data(data))
        if fmt == "csv" and rows is not None:
            return Response(_csv(rows), media_type="text/csv; charset=utf-8",
                            headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})
        if fmt in _RDF and subgraph is not None:
            rdf_format, media = _RDF[fmt]
            body = ox.serialize(subgraph(), format=rdf_format, prefixes=dict(PREFIXES))
            return Response(body, media_type=media)
        if fmt != "html":
            raise RequestError(406, f"this page has no {fmt} form")
        html = env.get_template(template).render(data=data, request=request, has_map=has_map(), **context)
        return HTMLResponse(html, headers={"Content-Security-Policy": WORKBENCH_CSP})

    def not_found(what: str) -> Response:
        return PlainTextResponse(f"{what} is not in this graph\n", status_code=404)

    def guarded(handler: Callable[[Request], Any]) -> Callable[[Request], Any]:
        async def run(request: Request) -> Response:
            try:
                return await run_in_threadpool(handler, request)
            except RequestError as exc:
                return PlainTextResponse(exc.message + "\n", status_code=exc.status)
            except ValueError as exc:  # an id that is no IRI
                return PlainTextResponse(f"{exc}\n", status_code=400)

        return run

    def home(request: Request) -> Response:
        return answer(request, "home.html", {"stats": kg.browser.memo("stats", kg.browser.overview)})

    def search(request: Request) -> Response:
        text = request.query_params.get("q", "")
        hits = kg.search(text) if text else []
        rows = [{"id": h.entity.id, "label": h.entity.label, "type": h.entity.type or "", "matched": h.matched,
                 "articles": h.articles} for h in hits]
        return answer(request, "search.html", hits, rows=rows, name="search", text=text)

    def entity(request: Request) -> Response:
        page = kg.entity(request.path_params["id"])
        if page is None:
            return not_found(request.path_params["id"])
        iris = [entity_iri_of(page.entity.id)]
        return answer(request, "entity.html", page, rows=page.rows(), subgraph=lambda: kg.browser.subgraph(iris),
                      name=page.entity.id.replace("/", "-"))

    def ties(request: Request) -> Response:
        e, relation = request.query_params.get("e", ""), request.query_params.get("relation", "")
        page = kg.ties(e, relation, _int(request.query_params.get("page"), 2)) if e and relation else None
        if page is None:
            return not_found(f"{e} {relation}")
        return answer(request, "ties.html", page, rows=page.rows(), name="ties")

    def edge(request: Request) -> Response:
        a, b = request.query_params.get("a", ""), request.query_params.get("b", "")
        if not a or not b:
            return answer(request, "edge_form.html", {}, a=a, b=b)
        page = kg.evidence(a, b)
        if page is None:
            return not_found(f"{a} - {b}")
        pages = max(1, -(-len(page.evidence) // EDGE_PAGE))
        number = min(max(1, _int(request.query_params.get("page"), 1)), pages)
        newest = sorted(page.evidence, key=lambda ev: (ev.date or "", ev.article, ev.sentence or ""), reverse=True)
        return answer(request, "edge.html", page, rows=page.rows(), subgraph=lambda: kg.browser.edge_subgraph(a, b),
                      name="edge", shown=newest[(number - 1) * EDGE_PAGE : number * EDGE_PAGE], number=number,
                      pages=pages)

    def article(request: Request) -> Response:
        page = kg.article(request.path_params["id"])
        if page is None:
            return not_found(request.path_params["id"])
        return answer(request, "article.html", page, rows=page.rows(),
                      subgraph=lambda: kg.browser.subgraph([entity_iri_of(page.id)]), name=page.id.replace("/", "-"))

    async def static(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in {"workbench.css"}:
            return not_found(name)
        return FileResponse(STATIC / name, media_type="text/css")

    return [
        Route("/", guarded(home), methods=["GET"]),
        Route("/search", guarded(search), methods=["GET"]),
        Route("/entity/{id:path}", guarded(entity), methods=["GET"]),
        Route("/edge", guarded(edge), methods=["GET"]),
        Route("/ties", guarded(ties), methods=["GET"]),
        Route("/article/{id:path}", guarded(article), methods=["GET"]),
        Route("/static/{name}", static, methods=["GET"]),
    ]


__all__ = ["WORKBENCH_CSP", "environment", "live_graph", "page_format", "page_routes"]
