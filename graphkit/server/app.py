"""The served site: the app factory over a ``KnowledgeGraph`` and its pages.

Routes: ``/sparql`` (queries by GET, POST form and POST direct; the service description
without a query), ``/query`` (an HTML query page listing the example queries), ``/map`` (the
rendered map), and the workbench's pages of :mod:`.pages` (``/``, ``/search``,
``/entity/<id>``, ``/edge``, ``/article/<id>``). Request bodies and query strings above ``max_request_bytes`` get 413;
queries run in the worker pool of :mod:`graphkit.server.workers`.

>>> from graphkit import KnowledgeGraph
>>> app = create_app(KnowledgeGraph("store"), examples={"all": "SELECT * { ?s ?p ?o }"})   # doctest: +SKIP
>>> "all" in query_page({"all": "SELECT * { ?s ?p ?o }"})
True
"""

from __future__ import annotations

import html
import json
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from ..rdf import PREFIXES
from .pages import page_routes
from .protocol import RequestError, build_job, protocol_params, service_description
from .workers import QueryTimeout, WorkerPool

if TYPE_CHECKING:  # pragma: no cover
    from ..graph import KnowledgeGraph

#: The example queries of a source checkout (``examples/queries/*.rq``), if there.
EXAMPLE_QUERIES = Path(__file__).resolve().parents[2] / "examples" / "queries"

PAGE_CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'"
)


def read_examples(examples: Path | Mapping[str, str] | None) -> dict[str, str]:
    """Example queries by name: a mapping as it is, or the ``*.rq`` files of a folder."""
    if isinstance(examples, Mapping):
        return dict(examples)
    if examples is None or not Path(examples).is_dir():
        return {}
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(Path(examples).glob("*.rq"))}


def query_page(examples: dict[str, str]) -> str:
    """The HTML query page: everything inline, results written with textContent."""
    prologue = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
    initial = prologue + "\nSELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 20\n"
    examples_json = json.dumps(examples).replace("</", "<\\/")
    template = (Path(__file__).parent / "assets" / "index.html").read_text(encoding="utf-8")
    return template.replace("{{QUERY}}", html.escape(initial)).replace("{{EXAMPLES}}", examples_json)


def _plain(status: int, message: str) -> Response:
    return PlainTextResponse(message + "\n", status_code=status)


def create_app(
    kg: KnowledgeGraph,
    *,
    map_path: Path | None = None,
    examples: Path | Mapping[str, str] | None = EXAMPLE_QUERIES,
    timeout_s: float = 10.0,
    max_results: int = 10000,
    max_request_bytes: int = 1_000_000,
    workers: int = 2,
    fresh_wait_s: float = 2.0,
) -> Starlette:
    """The ASGI (Starlette) application serving ``kg``; its lifespan starts and stops the
    query workers, which open ``kg``'s store by its location (a folder or a SPARQL server).

    ``map_path``: the HTML map served at ``/map`` (404 without); ``examples``: the queries
    listed on the query page (a folder of ``.rq`` files or a name -> query mapping).
    """
    location = kg.store.location
    if location is None:
        raise ValueError("an in-memory graph cannot be served: its query workers need a store folder or a server URL")
    pool = WorkerPool(location, workers, min(fresh_wait_s, timeout_s / 2))
    page = query_page(read_examples(examples))

    async def sparql(request: Request) -> Response:
        try:
            params, query = await protocol_params(request, max_request_bytes)
            if query is None:
                if request.method == "POST":
                    raise RequestError(400, "no query given")
                endpoint = str(request.url.replace(query=""))
                return Response(service_description(endpoint), media_type="text/turtle")
            job = build_job(params, query, request.headers.get("accept"), max_results)
            reply = await run_in_threadpool(pool.run, job, timeout_s)
        except RequestError as exc:
            return _plain(exc.status, exc.message)
        except QueryTimeout:
            return _plain(503, f"query timed out after {timeout_s:g} s and was stopped")
        return Response(reply.body, status_code=reply.status, media_type=reply.media_type, headers=reply.headers)

    async def index(request: Request) -> Response:
        return HTMLResponse(page, headers={"Content-Security-Policy": PAGE_CSP})

    async def map_page(request: Request) -> Response:
        if map_path and Path(map_path).is_file():
            return FileResponse(map_path, media_type="text/html")
        return _plain(404, "no map: start the server with a rendered map file")

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
        *page_routes(kg, has_map=lambda: bool(map_path and Path(map_path).is_file()), fresh_wait_s=fresh_wait_s),
        Route("/query", index, methods=["GET"]),
        Route("/sparql", sparql, methods=["GET", "POST"]),
        Route("/map", map_page, methods=["GET"]),
    ]
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
    app.state.pool = pool
    return app
