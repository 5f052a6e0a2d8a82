"""RemoteStore against a real Oxigraph server (the ``oxigraph`` CLI of the PyPI package
``oxigraph``, a test dependency), started on a free local port by ``conftest.py``."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from helpers import free_port
from helpers import view_triples as view
from rdflib import Dataset
from test_analysis import ARTICLES, EUROPOL, FBI, IC, MVD, TEXT_2021

from graphkit.analysis import centrality, project
from graphkit.graph import KnowledgeGraph, open_graph
from graphkit.rdf import CCG, article_iri, article_quads
from graphkit.remote import RemoteStore
from graphkit.store import QueryError, Store, StoreError

RES = "https://w3id.org/ccg/resource/"
FIRST = ARTICLES[0]
FIRST_IRI = article_iri(FIRST.article.id)


@pytest.fixture(scope="module")
def server(oxigraph_server) -> str:
    return oxigraph_server


@pytest.fixture
def remote(remote_store) -> RemoteStore:
    return remote_store


def _put_all(store) -> None:
    for resolved in ARTICLES:
        store.put_article(article_iri(resolved.article.id), article_quads(resolved))


@pytest.fixture(scope="module")
def embedded() -> Store:
    store = Store(None)
    _put_all(store)
    return store


def _nquads(store) -> set:
    buf = BytesIO()
    store.export(buf, "nq")
    ds = Dataset()
    ds.parse(data=buf.getvalue().decode("utf-8"), format="nquads")
    return {(s, p, o, g) for s, p, o, g in ds.quads((None, None, None, None))}


# -- endpoints ------------------------------------------------------------------------------


def test_both_stores_offer_the_store_protocol():
    from graphkit.store import GraphStore, open_store

    assert isinstance(RemoteStore("http://h:7878"), GraphStore) and isinstance(Store(None), GraphStore)
    assert isinstance(open_store("https://h/sparql"), RemoteStore) and open_store(None).location is None


def test_endpoints_follow_the_server_layout():
    assert RemoteStore("http://h:7878").query_url == "http://h:7878/query"
    assert RemoteStore("http://h:7878/").update_url == "http://h:7878/update"
    fuseki = RemoteStore("http://h:3030/ds/sparql")
    assert (fuseki.query_url, fuseki.update_url) == ("http://h:3030/ds/sparql", "http://h:3030/ds/update")
    graphdb = RemoteStore("http://h:7200/repositories/r", update_url="http://h:7200/repositories/r/statements")
    assert graphdb.update_url == "http://h:7200/repositories/r/statements"
    assert RemoteStore("http://h:7878").location == "http://h:7878"
    with pytest.raises(StoreError, match="not a SPARQL server URL"):
        RemoteStore("ftp://h/x")


def test_connection_failure_names_the_url():
    store = RemoteStore(f"http://127.0.0.1:{free_port()}", timeout=2)
    with pytest.raises(StoreError, match=r"cannot reach the SPARQL server at http://127\.0\.0\.1:\d+/query"):
        store.article_hashes()


# -- against the server -------------------------------------------------------------------------


def test_select_finds_cooperation_with_evidence(remote):
    remote.put_article(FIRST_IRI, article_quads(FIRST))
    rows = remote.select(
        f"""SELECT ?text ?conf WHERE {{
          <{IC}> ccg:cooperatesWith <{MVD}> .
          ?a rdf:subject <{IC}> ; rdf:predicate ccg:cooperatesWith ; rdf:object <{MVD}> ;
             ccg:confidence ?conf ; ccg:evidence/ccg:text ?text }}"""
    )
    assert rows == [{"text": TEXT_2021, "conf": 0.85}]
    assert remote.query(f"ASK {{ <{MVD}> ccg:cooperatesWith <{IC}> }}")
    # without the union, the triples are only in the article's named graph
    assert not remote.select(f"SELECT ?o WHERE {{ <{IC}> ccg:cooperatesWith ?o }}", union=False)


def test_article_hashes_and_origins(remote):
    remote.put_article(FIRST_IRI, article_quads(FIRST))
    assert remote.article_hashes() == {FIRST.article.id: FIRST_IRI}
    assert remote.articles_by_origin() == {FIRST.article.url: {FIRST_IRI}}


def test_put_twice_replaces_and_remove_removes(remote):
    remote.put_article(FIRST_IRI, article_quads(FIRST))
    n = len(remote)
    assert n == len(set(article_quads(FIRST)))
    remote.put_article(FIRST_IRI, article_quads(FIRST))
    assert len(remote) == n
    other = ARTICLES[2]
    remote.put_article(article_iri(other.article.id), article_quads(other))
    remote.remove_article(FIRST_IRI)
    assert FIRST_IRI not in remote.article_hashes().values()
    assert set(remote.article_hashes()) == {other.article.id}
    assert len(remote) == len(set(article_quads(other)))
    remote.remove_article(FIRST_IRI)  # removing a missing article is no error


def test_export_nq_equals_embedded_store(remote, embedded):
    _put_all(remote)
    quads = _nquads(remote)
    assert quads == _nquads(embedded)
    assert len(quads) == len(remote) == len(embedded)
    assert {q for q in remote.quads()} == set(embedded.quads())


@pytest.mark.parametrize("fmt", ["trig", "ttl", "nt", "jsonld", "xml"])
def test_other_export_formats_parse_to_the_same_triples(remote, embedded, fmt):
    remote.put_article(FIRST_IRI, article_quads(FIRST))
    mine, theirs = BytesIO(), BytesIO()
    remote.export(mine, fmt)
    single = Store(None)
    single.put_article(FIRST_IRI, article_quads(FIRST))
    single.export(theirs, fmt)
    rdflib_fmt = {"ttl": "turtle", "jsonld": "json-ld"}.get(fmt, fmt)
    parsed = []
    for buf in (mine, theirs):
        g = Dataset()
        g.parse(data=buf.getvalue(), format=rdflib_fmt)
        parsed.append({(s, p, o) for s, p, o, _ in g.quads((None, None, None, None))})
    assert parsed[0] == parsed[1]
    assert len(parsed[0]) == len(single)  # no named graphs in FIRST besides its own


def test_export_to_a_file_and_unknown_format(remote, tmp_path):
    remote.put_article(FIRST_IRI, article_quads(FIRST))
    remote.export(tmp_path / "g.nq", "nq")
    assert (tmp_path / "g.nq").read_text().count("\n") == len(remote)
    with pytest.raises(StoreError, match="unknown export format"):
        remote.export(tmp_path / "g.x", "x")


def test_projection_matches_embedded_store(remote, embedded):
    _put_all(remote)
    for name in ("agencies", "states", "full"):
        mine, theirs = project(remote, name), project(embedded, name)
        assert mine.number_of_edges() == theirs.number_of_edges(), name
        for *ends, data in theirs.edges(data=True, **({"keys": True} if theirs.is_multigraph() else {})):
            assert mine.edges[tuple(ends)] == data, (name, ends)
        assert dict(mine.nodes(data=True)) == dict(theirs.nodes(data=True)), name
    assert set(map(frozenset, project(remote, "agencies").edges)) == {frozenset((IC, MVD)), frozenset((FBI, EUROPOL))}


def test_union_modes_agree(server, remote):
    _put_all(remote)
    query = "SELECT ?s ?o WHERE { ?s ccg:cooperatesWith ?o } ORDER BY ?s ?o"
    expected = remote.select(query)
    pairs = {(IC, MVD), (FBI, EUROPOL), (f"{RES}state/BY", f"{RES}state/KZ")}
    assert {(r["s"], r["o"]) for r in expected} == pairs | {(b, a) for a, b in pairs}
    assert RemoteStore(server + "/query", union_mode="graphs").select(query) == expected
    # "server" trusts the server to merge the graphs; this one was started without that
    assert RemoteStore(server, union_mode="server").select(query) == []


def test_bulk_load_and_construct(remote, embedded):
    remote.bulk_load(embedded.quads())
    assert len(remote) == len(embedded)
    triples = remote.query(f"CONSTRUCT {{ <{IC}> ?p ?o }} WHERE {{ <{IC}> ?p ?o }}")
    assert {t.object.value for t in triples if t.predicate.value == str(CCG.cooperatesWith)} == {MVD}


def test_small_batches(server, remote):
    RemoteStore(server, batch_size=7).bulk_load(article_quads(FIRST))
    assert len(remote) == len(set(article_quads(FIRST)))


def test_errors_name_the_server(remote):
    with pytest.raises(QueryError, match=r"SPARQL server http://127\.0\.0\.1:\d+/query answered HTTP 400"):
        remote.select("SELEKT nothing")
    with pytest.raises(StoreError, match="read-only"):
        RemoteStore(remote.location, read_only=True).put_article(FIRST_IRI, article_quads(FIRST))
    remote.flush()  # a no-op


def test_write_scores_back(remote):
    from graphkit.analysis import write_scores

    _put_all(remote)
    ranks = centrality(project(remote, "agencies"))
    write_scores(remote, {"pagerank": ranks})
    rows = remote.select("SELECT ?e ?v WHERE { ?s ccg:measure 'pagerank' ; ccg:value ?v ; ccg:scoreOf ?e }")
    assert {r["e"]: r["v"] for r in rows} == pytest.approx(ranks)


def test_knowledge_graph_over_remote(remote):
    kg = KnowledgeGraph(remote)
    assert kg.store is remote
    _put_all(remote)
    assert kg.query(f"SELECT DISTINCT ?o WHERE {{ <{IC}> ccg:cooperatesWith ?o }}") == [{"o": MVD}]
    assert kg.stats()["quads"] == len(remote)
    assert kg.stats()["articles"] == len(ARTICLES)


def test_open_graph_url_analyses_and_validates(server, remote):
    _put_all(remote)
    kg = open_graph(server, read_only=True)
    assert kg.store.location == server and kg.store.read_only
    assert set(map(frozenset, kg.to_networkx("agencies").edges)) == {frozenset((IC, MVD)), frozenset((FBI, EUROPOL))}
    rows = kg.centrality("agencies", measures=["weighted_degree"], top=4)
    assert {r["node"]: r["weighted_degree"] for r in rows} == {IC: 2.0, MVD: 2.0, FBI: 1.0, EUROPOL: 1.0}
    assert {r["node"] for r in rows[:2]} == {IC, MVD}  # two articles tie them
    report = kg.validate()
    assert report.conforms, report.text[:2000]
    with pytest.raises(StoreError, match="read-only"):
        kg.remove_article(FIRST_IRI)


def test_the_view_is_refreshed_on_demand_on_a_remote_store(remote, embedded):
    _put_all(remote)
    assert view(remote) == set()  # writes to a remote store do not maintain the view
    remote.refresh_aggregates()
    assert view(remote) == view(embedded) != set()
    query = (Path(__file__).resolve().parents[1] / "examples/queries/most-connected.rq").read_text()
    assert remote.select(query) == embedded.select(query) != []
