"""The SPARQL endpoint, tested over real HTTP against a real server and a store on disk."""

from __future__ import annotations

import csv
import gc
import io
import json
import socket
import subprocess
import sys
import textwrap
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
import uvicorn
from helpers import free_port
from SPARQLWrapper import CSV, JSON, TURTLE, SPARQLWrapper

from graphkit import KnowledgeGraph
from graphkit.model import Article, Entity, Relation, ResolvedArticle, Sentence
from graphkit.rdf import CCG, article_iri, article_quads, entity_iri
from graphkit.remote import RemoteStore
from graphkit.server import RequestError, create_app, inspect_query, negotiate
from graphkit.store import Store

ROOT = Path(__file__).resolve().parent.parent
EVIDENCE = "The Investigative Committee of Belarus cooperates closely with the Russian MVD."
IC, MVD = entity_iri("Agency", "by-ic"), entity_iri("Agency", "ru-mvd")

EDGE_QUERY = f"""
SELECT ?a ?b ?text WHERE {{
  ?a ccg:cooperatesWith ?b .
  ?as rdf:subject ?a ; rdf:object ?b ; ccg:evidence/ccg:text ?text .
  FILTER(?a = <{IC}>)
}}"""


def resolved_article(text: str = EVIDENCE, title: str = "Belarus and Russia") -> ResolvedArticle:
    """An article stating that IC Belarus cooperates with the MVD of Russia."""
    art = Article(text=text, title=title, url="https://example.org/news/1", lang="en")
    ents = [
        Entity(
            IC,
            "Agency",
            "Investigative Committee of Belarus",
            {("Investigative Committee of Belarus", "en")},
            jurisdiction="BY",
        ),
        Entity(MVD, "Agency", "Ministry of Internal Affairs of Russia", {("MVD", "en")}, jurisdiction="RU"),
        Entity(entity_iri("State", "BY"), "State", "Belarus", {("Belarus", "en")}, iso="BY"),
        Entity(entity_iri("State", "RU"), "State", "Russia", {("Russia", "en")}, iso="RU"),
    ]
    rel = Relation(IC, "cooperatesWith", MVD, [Sentence(text, 0, len(text))], 0.9, "test.rule", "JointOperation")
    return ResolvedArticle(art, {e.iri: e for e in ents}, [rel], "test")


def fill_store(path: Path, articles: list[ResolvedArticle]) -> None:
    """Write articles and close the store again (one writer process at a time)."""
    store = Store(path)
    for res in articles:
        store.put_article(article_iri(res.article.id), article_quads(res))
    store.flush()
    del store
    gc.collect()


def app_for(location: Path | str, **options):
    """The app over the graph at ``location``, opened read-only as ``graphkit serve`` does."""
    return create_app(KnowledgeGraph(location, read_only=True), **options)


@contextmanager
def running(app) -> Iterator[str]:
    """Run an app with uvicorn on a free 127.0.0.1 port; yields its base URL once the
    query workers answer."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    base = f"http://127.0.0.1:{sock.getsockname()[1]}"
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while True:
        try:
            if http_get(base, "/sparql", {"query": "ASK {}"})[0] == 200:
                break
        except OSError:
            pass
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.2)
    try:
        yield base
    finally:
        server.should_exit = True
        thread.join(15)
        sock.close()


def _call(req: urllib.request.Request) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, dict(resp.headers.items()), resp.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers.items()), err.read()


def http_get(base: str, path: str, params: dict | None = None, accept: str | None = None):
    url = base + path + ("?" + urllib.parse.urlencode(params) if params else "")
    return _call(urllib.request.Request(url, headers={"Accept": accept} if accept else {}))


def http_post(base: str, body: bytes, ctype: str, accept: str | None = None, path: str = "/sparql"):
    headers = {"Content-Type": ctype, **({"Accept": accept} if accept else {})}
    return _call(urllib.request.Request(base + path, data=body, headers=headers, method="POST"))


def post_form(base: str, params: dict, accept: str | None = None):
    return http_post(base, urllib.parse.urlencode(params).encode(), "application/x-www-form-urlencoded", accept)


def count_triples(base: str) -> int:
    status, _, body = post_form(base, {"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"})
    assert status == 200, body
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


# -- fixtures ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("store") / "db"
    fill_store(path, [resolved_article()])
    return path


@pytest.fixture(scope="module")
def server(store_dir, tmp_path_factory) -> Iterator[str]:
    extra = tmp_path_factory.mktemp("extra")
    (extra / "edges.rq").write_text("SELECT * WHERE { ?a ccg:cooperatesWith ?b }\n")
    (extra / "map.html").write_text("<html><body>map</body></html>")
    app = app_for(
        store_dir,
        max_results=20,
        max_request_bytes=10_000,
        timeout_s=10,
        map_path=extra / "map.html",
        examples=extra,
    )
    with running(app) as base:
        yield base


# -- query inspection (unit) -------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "select * where { service silent <http://example.org/sparql> { ?s ?p ?o } }",
        "PREFIX ex: <http://e/> SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE ?svc { ?s ex:q ?z } } }",
        'SELECT * WHERE { ?s ?p "x" . # comment\n SERVICE <http://e/> { ?s ?p ?o } }',
    ],
)
def test_service_is_found(query: str) -> None:
    with pytest.raises(RequestError) as err:
        inspect_query(query)
    assert err.value.status == 403 and "SERVICE" in err.value.message


@pytest.mark.parametrize(
    "query",
    [
        'SELECT ?service WHERE { ?s ?p "SERVICE" }',
        "PREFIX service: <http://e/> SELECT * WHERE { ?s service:x <http://e/SERVICE> } # SERVICE",
        "SELECT * WHERE { ?s ?p ?o FILTER(CONTAINS(?o, 'web service')) }",
    ],
)
def test_service_word_elsewhere_is_fine(query: str) -> None:
    inspect_query(query)


@pytest.mark.parametrize(
    "query",
    [
        "INSERT DATA { <a:b> <a:c> <a:d> }",
        "PREFIX x: <a:> DELETE WHERE { ?s ?p ?o }",
        "LOAD <http://e/x>",
        "clear all",
        "DROP GRAPH <a:b>",
        "WITH <a:g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }",
    ],
)
def test_updates_are_found(query: str) -> None:
    with pytest.raises(RequestError) as err:
        inspect_query(query)
    assert err.value.status == 403


def test_negotiation() -> None:
    assert negotiate("results", "application/sparql-results+xml;q=0.5, text/csv", None) == "csv"
    assert negotiate("results", "text/html", None) == "json"
    assert negotiate("graph", "application/ld+json", None) == "jsonld"
    assert negotiate("graph", None, "nt") == "ntriples"
    with pytest.raises(RequestError):
        negotiate("results", None, "yaml")


# -- over HTTP ---------------------------------------------------------------------------


def test_sparqlwrapper_select_edge_with_evidence(server: str) -> None:
    sw = SPARQLWrapper(server + "/sparql")
    sw.setQuery(EDGE_QUERY)
    sw.setReturnFormat(JSON)
    rows = sw.query().convert()["results"]["bindings"]
    assert [(r["a"]["value"], r["b"]["value"], r["text"]["value"]) for r in rows] == [(IC, MVD, EVIDENCE)]


def test_sparqlwrapper_csv_and_construct(server: str) -> None:
    sw = SPARQLWrapper(server + "/sparql")
    sw.setQuery(EDGE_QUERY)
    sw.setReturnFormat(CSV)
    assert EVIDENCE in sw.query().convert().decode()
    sw.setQuery("CONSTRUCT WHERE { ?a ccg:cooperatesWith ?b }")
    sw.setReturnFormat(TURTLE)
    g = rdflib.Graph().parse(data=sw.query().convert(), format="turtle")
    assert (rdflib.URIRef(IC), rdflib.URIRef(str(CCG.cooperatesWith)), rdflib.URIRef(MVD)) in g


def test_get_post_form_and_post_direct(server: str) -> None:
    answers = [
        http_get(server, "/sparql", {"query": EDGE_QUERY}),
        post_form(server, {"query": EDGE_QUERY}),
        http_post(server, EDGE_QUERY.encode(), "application/sparql-query"),
    ]
    for status, headers, body in answers:
        assert status == 200, body
        assert headers["content-type"] == "application/sparql-results+json"
        assert json.loads(body)["results"]["bindings"][0]["text"]["value"] == EVIDENCE


@pytest.mark.parametrize(
    "accept,ctype",
    [
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("*/*", "application/sparql-results+json"),
    ],
)
def test_result_formats_by_accept(server: str, accept: str, ctype: str) -> None:
    status, headers, body = http_get(server, "/sparql", {"query": EDGE_QUERY}, accept=accept)
    assert status == 200 and headers["content-type"].startswith(ctype)
    text = body.decode()
    if ctype == "text/csv":
        rows = list(csv.DictReader(io.StringIO(text)))
        assert rows == [{"a": IC, "b": MVD, "text": EVIDENCE}]
    elif ctype == "text/tab-separated-values":
        assert text.splitlines()[0] == "?a\t?b\t?text" and f"<{IC}>" in text
    elif "xml" in ctype:
        ns = "{http://www.w3.org/2005/sparql-results#}"
        assert [e.text for e in ET.fromstring(body).iter(ns + "literal")] == [EVIDENCE]
    else:
        assert json.loads(body)["results"]["bindings"][0]["b"]["value"] == MVD


def test_format_parameter_and_ask(server: str) -> None:
    status, headers, body = http_get(server, "/sparql", {"query": EDGE_QUERY, "format": "tsv"})
    assert status == 200 and headers["content-type"].startswith("text/tab-separated-values")
    status, _, body = http_get(server, "/sparql", {"query": f"ASK {{ <{IC}> ccg:cooperatesWith <{MVD}> }}"})
    assert status == 200 and json.loads(body)["boolean"] is True


@pytest.mark.parametrize(
    "accept,fmt",
    [
        ("text/turtle", "turtle"),
        ("application/ld+json", "json-ld"),
        ("application/n-triples", "nt"),
        ("application/rdf+xml", "xml"),
        (None, "turtle"),
    ],
)
def test_construct_formats(server: str, accept: str | None, fmt: str) -> None:
    query = (
        "CONSTRUCT { ?a ccg:cooperatesWith ?b . ?a rdfs:label ?l } WHERE { ?a ccg:cooperatesWith ?b ; rdfs:label ?l }"
    )
    status, headers, body = post_form(server, {"query": query}, accept=accept)
    assert status == 200, body
    g = rdflib.Graph().parse(data=body.decode(), format=fmt)
    assert (rdflib.URIRef(IC), rdflib.URIRef(str(CCG.cooperatesWith)), rdflib.URIRef(MVD)) in g
    assert len(g) == 4


def test_update_refused_and_store_unchanged(server: str) -> None:
    before = count_triples(server)
    update = f"INSERT DATA {{ GRAPH <urn:x> {{ <{IC}> ccg:cooperatesWith <urn:evil> }} }}"
    for status, _, body in [
        post_form(server, {"update": update}),
        http_post(server, update.encode(), "application/sparql-update"),
        post_form(server, {"query": update}),
        http_get(server, "/sparql", {"query": "CLEAR ALL"}),
    ]:
        assert status == 403 and b"read-only" in body
    assert count_triples(server) == before


def test_service_refused(server: str) -> None:
    query = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    status, _, body = post_form(server, {"query": query})
    assert status == 403 and b"SERVICE" in body


def test_syntax_error_is_400(server: str) -> None:
    status, _, body = post_form(server, {"query": "SELECT * WHERE { ?s ?p "})
    assert status == 400 and b"syntax" in body


def test_dataset_parameters(server: str) -> None:
    graph = article_iri(resolved_article().article.id)
    query = f"ASK {{ <{IC}> ccg:cooperatesWith <{MVD}> }}"
    assert json.loads(post_form(server, {"query": query, "default-graph-uri": graph})[2])["boolean"] is True
    assert json.loads(post_form(server, {"query": query, "default-graph-uri": "urn:none"})[2])["boolean"] is False
    named = post_form(server, {"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": graph})
    assert [b["g"]["value"] for b in json.loads(named[2])["results"]["bindings"]] == [graph]
    assert post_form(server, {"query": query, "default-graph-uri": "not an iri"})[0] == 400


def test_result_limit_truncates_with_header(server: str) -> None:
    status, headers, body = post_form(server, {"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert status == 200
    assert len(json.loads(body)["results"]["bindings"]) == 20
    assert headers["x-results-truncated"] == "true" and headers["x-result-limit"] == "20"
    status, headers, body = post_form(server, {"query": "CONSTRUCT WHERE { ?s ?p ?o }"}, accept="application/n-triples")
    assert len(body.decode().strip().splitlines()) == 20 and headers["x-results-truncated"] == "true"
    status, headers, _ = post_form(server, {"query": EDGE_QUERY})
    assert "x-results-truncated" not in headers


def test_oversized_request_is_413(server: str) -> None:
    big = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 20_000
    assert post_form(server, {"query": big})[0] == 413
    assert http_post(server, big.encode(), "application/sparql-query")[0] == 413


def test_bad_content_type_is_415(server: str) -> None:
    assert http_post(server, b"SELECT * {}", "text/plain")[0] == 415


def test_service_description(server: str) -> None:
    status, headers, body = http_get(server, "/sparql")
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    g = rdflib.Graph().parse(data=body.decode(), format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    assert (None, sd.endpoint, rdflib.URIRef(server + "/sparql")) in g


def test_query_page_and_map(server: str) -> None:
    status, headers, body = http_get(server, "/query")
    page = body.decode()
    assert status == 200 and "PREFIX ccg: &lt;https://w3id.org/ccg/ontology#&gt;" in page
    assert "edges" in page and "innerHTML" not in page
    assert "default-src 'none'" in headers["content-security-policy"]
    assert 'src="http' not in page and 'href="http' not in page
    assert http_get(server, "/map")[2] == b"<html><body>map</body></html>"


def test_map_missing_is_404_and_an_empty_store_answers(tmp_path: Path) -> None:
    from starlette.testclient import TestClient

    fill_store(tmp_path / "empty", [])
    with TestClient(app_for(tmp_path / "empty", workers=1, examples=None)) as client:
        assert client.get("/map").status_code == 404
        assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is False
        assert '"edges"' not in client.get("/query").text


def test_an_in_memory_graph_cannot_be_served() -> None:
    with pytest.raises(ValueError, match="in-memory graph cannot be served"):
        create_app(KnowledgeGraph(None))


# -- a heavy query times out -------------------------------------------------------------


def test_heavy_query_times_out(tmp_path: Path) -> None:
    path = tmp_path / "big"
    store = Store(path)
    g = ox.NamedNode("urn:g")
    store.bulk_load(
        ox.Quad(ox.NamedNode(f"urn:s{i // 10}"), ox.NamedNode(f"urn:p{i % 10}"), ox.Literal(i), g)
        for i in range(200_000)
    )
    store.flush()
    del store
    gc.collect()
    timeout = 1.5
    with running(app_for(path, timeout_s=timeout, workers=1)) as base:
        heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
        started = time.monotonic()
        status, _, body = post_form(base, {"query": heavy})
        elapsed = time.monotonic() - started
        assert status == 503 and b"timed out" in body
        assert elapsed < timeout + 10
        # the killed worker is replaced and the endpoint answers again
        status, _, body = post_form(base, {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"})
        assert status == 200 and json.loads(body)["results"]["bindings"][0]["n"]["value"] == "200000"


# -- a writer process while the server runs -----------------------------------------------

WRITER = textwrap.dedent(
    """
    import sys
    sys.path[:0] = [{root!r}, {root!r} + "/tests"]
    from graphkit.rdf import article_iri, article_quads
    from graphkit.store import Store
    from tests.test_server import resolved_article

    store = Store({path!r})  # read-write: the server must not hold the lock
    res = resolved_article("Europol and the MVD of Russia held a joint operation.", "Second article")
    store.put_article(article_iri(res.article.id), article_quads(res))
    print("written", flush=True)
    sys.stdin.readline()  # keep the writer open until the test says so
    """
)


def test_sees_writes_of_a_concurrent_writer(tmp_path: Path) -> None:
    path = tmp_path / "db"
    fill_store(path, [resolved_article()])
    titles = "SELECT ?t WHERE { ?a a schema:NewsArticle ; dcterms:title ?t } ORDER BY ?t"
    with running(app_for(path)) as base:
        status, _, body = post_form(base, {"query": titles})
        assert [b["t"]["value"] for b in json.loads(body)["results"]["bindings"]] == ["Belarus and Russia"]
        script = WRITER.format(root=str(ROOT), path=str(path))
        writer = subprocess.Popen(
            [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT
        )
        try:
            assert writer.stdout.readline().strip() == "written"
            # the writer still holds the store open: the server answers and sees its article
            for _ in range(2):  # both workers
                status, _, body = post_form(base, {"query": titles})
                assert status == 200
                got = [b["t"]["value"] for b in json.loads(body)["results"]["bindings"]]
                assert got == ["Belarus and Russia", "Second article"]
        finally:
            writer.communicate("\n", timeout=30)
        assert writer.returncode == 0


# -- nothing is fetched from elsewhere ------------------------------------------------------


@contextmanager
def listener() -> Iterator[tuple[str, list]]:
    """A TCP port on 127.0.0.1 that records every connection made to it."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.settimeout(0.2)
    seen: list = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = sock.accept()
            except OSError:
                continue
            seen.append(conn.recv(1024))
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}", seen
    finally:
        stop.set()
        thread.join(5)
        sock.close()


def test_service_load_and_from_never_reach_another_server(server: str) -> None:
    with listener() as (elsewhere, seen):
        service = post_form(server, {"query": f"SELECT * WHERE {{ SERVICE <{elsewhere}/sparql> {{ ?s ?p ?o }} }}"})
        assert service[0] == 403 and b"SERVICE" in service[2]
        load = post_form(server, {"query": f"LOAD <{elsewhere}/data.ttl>"})
        assert load[0] == 403 and b"read-only" in load[2]
        # FROM names a graph of the store (none has that name): answered, and never fetched
        status, _, body = post_form(server, {"query": f"SELECT * FROM <{elsewhere}/data.ttl> WHERE {{ ?s ?p ?o }}"})
        assert status == 200 and json.loads(body)["results"]["bindings"] == []
        time.sleep(0.5)
    assert seen == []


# -- the server over a remote store, and as the CLI starts it -----------------------------------


def test_serves_a_remote_store(oxigraph_server: str, remote_store: RemoteStore) -> None:
    remote = remote_store
    res = resolved_article()
    remote.put_article(article_iri(res.article.id), article_quads(res))
    try:
        with running(app_for(oxigraph_server, workers=1)) as base:
            status, _, body = post_form(base, {"query": EDGE_QUERY})
            assert status == 200, body
            rows = json.loads(body)["results"]["bindings"]
            assert [(r["a"]["value"], r["b"]["value"], r["text"]["value"]) for r in rows] == [(IC, MVD, EVIDENCE)]
            assert post_form(base, {"query": "CLEAR ALL"})[0] == 403
            assert post_form(base, {"query": "SELECT * WHERE { ?s ?p "})[0] == 400
    finally:
        remote.remove_article(article_iri(res.article.id))


@contextmanager
def cli_serve(store: str, *extra: str, env: dict | None = None) -> Iterator[str]:
    """``graphkit serve --store STORE`` in a subprocess on a free port; yields its base URL."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "graphkit.cli", "serve", "--store", store, "--port", str(port), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if http_get(base, "/sparql", {"query": "ASK {}"})[0] == 200:
                    break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"graphkit serve did not start: {proc.communicate()[0].decode(errors='replace')[-2000:]}")
            time.sleep(0.3)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_cli_serve_on_a_remote_store_with_map_and_examples(oxigraph_server: str, remote_store: RemoteStore) -> None:
    remote = remote_store
    res = resolved_article()
    remote.put_article(article_iri(res.article.id), article_quads(res))
    try:
        with cli_serve(oxigraph_server) as base:
            status, _, body = post_form(base, {"query": EDGE_QUERY})
            assert status == 200 and json.loads(body)["results"]["bindings"][0]["text"]["value"] == EVIDENCE
            status, _, page = http_get(base, "/map")
            assert status == 200 and b"Investigative Committee of Belarus" in page
            status, _, page = http_get(base, "/query")
            for example in sorted((ROOT / "examples" / "queries").glob("*.rq")):
                assert json.dumps(example.stem) in page.decode(), example.stem
    finally:
        remote.remove_article(article_iri(res.article.id))


def test_cli_serve_without_the_server_packages_says_what_to_install(store_dir: Path) -> None:
    blocker = "import sys; sys.modules['uvicorn'] = sys.modules['starlette'] = None; "
    script = blocker + "from graphkit.cli import main; sys.argv = ['graphkit', 'serve', '--store', sys.argv[1]]; main()"
    res = subprocess.run(
        [sys.executable, "-c", script, str(store_dir)], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert res.returncode == 1
    assert "pip install" in res.stderr and "uvicorn" in res.stderr
    assert "Traceback" not in res.stderr + res.stdout


# -- shutting the worker pool down ---------------------------------------------------------


class _CountingPipe:
    """A worker's real pipe, counting the calls to close()."""

    def __init__(self, conn) -> None:
        self.conn, self.closes = conn, 0

    def close(self) -> None:
        self.closes += 1
        self.conn.close()

    def __getattr__(self, name: str):
        return getattr(self.conn, name)


def test_a_worker_discarded_by_shutdown_and_its_start_thread_at_once_is_closed_once(tmp_path: Path) -> None:
    # close() and the thread of a worker still starting both discard it; the pipe used to be
    # closed twice at the same time ("Bad file descriptor" at shutdown, seen in the workbench tests).
    from graphkit.server.workers import WorkerPool

    path = tmp_path / "db"
    fill_store(path, [resolved_article()])
    pool = WorkerPool(path, 0, fresh_wait_s=0.1)
    for _ in range(3):
        pool._spawn()
    workers = [pool._idle.get(timeout=60) for _ in range(3)]
    errors: list[BaseException] = []
    for worker in workers:
        worker.conn = _CountingPipe(worker.conn)
        barrier = threading.Barrier(2)

        def discard(w=worker, b=barrier) -> None:
            b.wait()
            try:
                pool._discard(w)
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

        threads = [threading.Thread(target=discard) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert worker.conn.closes == 1 and worker.conn.closed and not worker.process.is_alive()
    assert errors == [] and pool._all == set()
    pool.close()


def test_the_search_of_a_served_remote_store_sees_a_new_article(oxigraph_server: str, remote_store: RemoteStore) -> None:
    # The pages of a remote store keep their name index until the store's generation stamp,
    # which every write of graphkit replaces, changes.
    first = resolved_article()
    remote_store.put_article(article_iri(first.article.id), article_quads(first))
    token = remote_store.change_token()
    assert remote_store.change_token() == token  # reading changes nothing
    europol = Entity(entity_iri("InternationalOrganization", "europol"), "InternationalOrganization", "Europol", {("Europol", "en")})
    second = resolved_article("Europol supported the investigation.", "Second article")
    second.entities[europol.iri] = europol
    with running(app_for(oxigraph_server, workers=1)) as base:
        def hits(text: str) -> list[str]:
            status, _, body = http_get(base, "/search", {"q": text, "format": "json"})
            assert status == 200, body
            return [h["entity"]["id"] for h in json.loads(body)]

        assert hits("Europol") == [] and hits("Investigative") == ["agency/by-ic"]
        writer = RemoteStore(oxigraph_server)  # another writer, as a build beside the server
        writer.put_article(article_iri(second.article.id), article_quads(second))
        assert remote_store.change_token() != token
        assert hits("Europol") == ["io/europol"]
        writer.remove_article(article_iri(second.article.id))
        assert hits("Europol") == []
    assert len(remote_store) == len(set(article_quads(first)))  # the stamp is not data
