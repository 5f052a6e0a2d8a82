"""The aggregate view (graph res:aggregate): kept in step by every write, equal to a fresh
recount, and the example queries that read it answer as their full versions do."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
import pytest
from helpers import view_triples as view

from benchmarks.synthetic import synthetic_store
from graphkit import Store

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "examples" / "queries"
VIEW_QUERIES = sorted(p.name for p in (QUERIES / "full").glob("*.rq"))




def refreshed(store) -> set[str]:
    store.refresh_aggregates()
    return view(store)


@pytest.fixture(scope="module")
def synthetic() -> Store:
    return synthetic_store(300, 3000, seed=7)


def test_the_three_whole_graph_queries_have_full_versions():
    assert VIEW_QUERIES == ["cooperation-per-year.rq", "most-connected.rq", "who-cooperates.rq"]


@pytest.mark.parametrize("name", VIEW_QUERIES)
def test_view_queries_answer_as_the_full_queries_on_a_synthetic_corpus(synthetic, name):
    fast = synthetic.select((QUERIES / name).read_text())
    full = synthetic.select((QUERIES / "full" / name).read_text())
    assert fast == full
    assert len(fast) >= 10


def test_view_holds_the_exact_counts_of_one_pair():
    store = Store(None)
    g = "https://w3id.org/ccg/resource/article/"
    for n, day in enumerate(["2021-05-01", "2021-06-01", "2022-01-01"]):
        store.put_article(g + f"a{n}", _article(g + f"a{n}", day, "urn:ex:b", "urn:ex:a"))
    rows = store.select((QUERIES / "cooperation-per-year.rq").read_text())
    assert rows == [{"year": 2021, "ties": 1, "articles": 2}, {"year": 2022, "ties": 1, "articles": 1}]
    store.remove_article(g + "a1")
    rows = store.select((QUERIES / "who-cooperates.rq").read_text())
    assert rows == [{"a": "A", "b": "B", "articles": 2, "evidence": "A and B met."}]
    store.remove_article(g + "a0")
    store.remove_article(g + "a2")
    assert view(store) == set() and len(store) == 0


def _article(iri: str, day: str, s: str, o: str) -> list[ox.Quad]:
    """One article stating ``s`` cooperatesWith ``o`` (the contract's layout, minimal)."""
    from graphkit.rdf import CCG, DCTERMS, PROV, RDF, SKOS

    g = a = ox.NamedNode(iri)
    x, ev = ox.NamedNode(iri + "/assertion"), ox.NamedNode(iri + "/sentence/0-12")
    coop = ox.NamedNode(str(CCG.cooperatesWith))

    def q(s_, p, o_):
        return ox.Quad(s_, ox.NamedNode(str(p)), o_, g)

    out = [q(a, DCTERMS.date, ox.Literal(day, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")))]
    for e, label in ((s, "B"), (o, "A")):
        out += [
            q(ox.NamedNode(e), RDF.type, ox.NamedNode(str(CCG.Agency))),
            q(ox.NamedNode(e), SKOS.prefLabel, ox.Literal(label)),
        ]
    out += [
        q(x, RDF.type, ox.NamedNode(str(CCG.RelationAssertion))),
        q(x, RDF.subject, ox.NamedNode(s)),
        q(x, RDF.predicate, coop),
        q(x, RDF.object, ox.NamedNode(o)),
        q(x, PROV.wasDerivedFrom, a),
        q(x, CCG.evidence, ev),
        q(ev, CCG.text, ox.Literal("A and B met.")),
    ]
    return out


def test_writing_removing_and_rewriting_articles_keeps_the_view_equal_to_a_refresh(synthetic, tmp_path):
    by_graph: dict[str, list[ox.Quad]] = defaultdict(list)
    for q in synthetic.quads():
        by_graph[q.graph_name.value].append(q)
    graphs = sorted(by_graph)[:400]
    store = Store(tmp_path / "store")
    for g in graphs:
        store.put_article(g, by_graph[g])
    built = view(store)
    assert built and built == refreshed(store)
    for g in graphs[::3]:
        store.remove_article(g)
    assert view(store) == refreshed(store) != built
    for g in graphs[::3]:
        store.put_article(g, by_graph[g])
    for g in graphs[::5]:  # rewriting an article already there changes nothing
        store.put_article(g, by_graph[g])
    assert view(store) == built == refreshed(store)
    assert len(store) == sum(len(by_graph[g]) for g in graphs)
