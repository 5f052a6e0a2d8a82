"""The workbench's data and pages over a real store on disk: the Python API, the JSON answers
and the CSV/Turtle/JSON-LD downloads give the same exact facts."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
import rdflib
from helpers import HOSTILE_NAME, HOSTILE_SENTENCE, hostile_article
from starlette.testclient import TestClient

from graphkit import KnowledgeGraph
from graphkit.rdf import CCG, RES
from graphkit.server import create_app

IC, MVD = "agency/by-ic", "agency/ru-mvd"
JOINT_SENTENCE = (
    "“With the Russian Ministry of Internal Affairs alone, we have established three joint "
    "investigative-operational groups for interconnected criminal cases."
)


@pytest.fixture(scope="module")
def kg(workbench_store: Path) -> KnowledgeGraph:
    return KnowledgeGraph(workbench_store, read_only=True)


@pytest.fixture(scope="module")
def client(kg: KnowledgeGraph):
    with TestClient(create_app(kg, workers=1, examples=None)) as c:
        yield c


def test_search_finds_a_german_name_accent_and_case_blind(kg: KnowledgeGraph) -> None:
    hits = kg.search("untersuchungsausschuss")
    assert [(h.entity.id, h.entity.label, h.matched, h.rank) for h in hits] == [
        (IC, "Investigative Committee of Belarus", "Untersuchungsausschuss", 0)
    ]
    assert kg.search("MINISTERE")[0].entity.id == kg.search("ministère")[0].entity.id
    assert [h.entity.id for h in kg.search("Следственный комитет")] == [IC]
    assert kg.search("   ") == []


def test_entity_page_groups_ties_with_their_evidence(kg: KnowledgeGraph) -> None:
    page = kg.entity(IC)
    assert page.entity.label == "Investigative Committee of Belarus" and page.entity.type == "Agency"
    assert [c.id for c in page.country] == ["state/BY"]
    assert {"name": "Untersuchungsausschuss der Republik Belarus", "lang": "de"} in page.names
    assert {"name": "Следственный комитет Республики Беларусь", "lang": "ru"} in page.names
    joint = {t.other.id: t for t in page.ties["cooperation: JointOperation"]}
    assert [ev.sentence for ev in joint[MVD].evidence] == [JOINT_SENTENCE]
    assert joint[MVD].count == 1 and page.articles == 2
    assert MVD in {p.id for p in page.partners}
    assert "Untersuchungsausschuss" in {n["name"] for n in page.merged}
    assert kg.entity("agency/no-such-body") is None


def test_edge_page_has_every_sentence_either_way(kg: KnowledgeGraph) -> None:
    page = kg.evidence(MVD, IC)
    assert len(page.evidence) == 4
    assert {ev.kind for ev in page.evidence} == {"InformationExchange", "JointOperation"}
    assert {ev.confidence for ev in page.evidence} == {0.75}
    assert JOINT_SENTENCE in {ev.sentence for ev in page.evidence}
    assert page.years == [{"year": "undated", "ties": 1, "articles": 2, "assertions": 4}]


def test_article_page_marks_mentions_by_type(kg: KnowledgeGraph) -> None:
    art_id = kg.evidence(IC, MVD).evidence[0].article
    page = kg.article(art_id)
    assert page.lang == "de" and page.source.endswith("by-ru-joint-measures-de.txt")
    marked = {(s["text"], s["entity"], s["type"]) for sentence in page.sentences for s in sentence if s["entity"]}
    assert ("Untersuchungsausschusses von Belarus", IC, "Agency") in marked
    assert all(s["text"] != "rf" for sentence in page.sentences for s in sentence)  # whole words only
    assert {(ev.subject, ev.relation, ev.object) for ev in page.extracted} >= {(IC, "cooperatesWith", MVD)}


def test_every_page_answers_json_with_the_api_data(client: TestClient, kg: KnowledgeGraph) -> None:
    answer = client.get(f"/entity/{IC}", headers={"Accept": "application/json"})
    assert answer.headers["content-type"] == "application/json"
    body = answer.json()
    assert body["entity"] == {"id": IC, "label": "Investigative Committee of Belarus", "type": "Agency"}
    joint = {t["other"]["id"]: t for t in body["ties"]["cooperation: JointOperation"]}
    assert joint[MVD]["count"] == 1 and joint[MVD]["evidence"][0]["sentence"] == JOINT_SENTENCE
    search = client.get("/search", params={"q": "Untersuchungsausschuss"}, headers={"Accept": "application/json"})
    assert [h["entity"]["id"] for h in search.json()] == [IC]
    edge = client.get("/edge", params={"a": IC, "b": MVD, "format": "json"}).json()
    assert len(edge["evidence"]) == 4
    art_id = edge["evidence"][0]["article"]
    art = client.get(f"/article/{art_id}", headers={"Accept": "application/json"}).json()
    assert art["id"] == art_id and art["lang"] == "de"
    assert client.get("/", headers={"Accept": "application/json"}).json()["stats"]["articles"] == 6
    assert client.get("/entity/agency/nothing").status_code == 404
    assert client.get(f"/entity/{IC}", params={"format": "xml"}).status_code == 400


def test_csv_downloads_hold_the_exact_rows(client: TestClient) -> None:
    answer = client.get("/search", params={"q": "Untersuchungsausschuss", "format": "csv"})
    assert answer.headers["content-type"].startswith("text/csv")
    assert list(csv.DictReader(io.StringIO(answer.text))) == [
        {"id": IC, "label": "Investigative Committee of Belarus", "type": "Agency",
         "matched": "Untersuchungsausschuss", "articles": "2"}
    ]
    rows = list(csv.DictReader(io.StringIO(client.get("/edge", params={"a": IC, "b": MVD, "format": "csv"}).text)))
    assert len(rows) == 4 and JOINT_SENTENCE in {r["sentence"] for r in rows}
    ent = list(csv.DictReader(io.StringIO(client.get(f"/entity/{IC}", params={"format": "csv"}).text)))
    assert {(r["kind"], r["other"], r["sentence"]) for r in ent} >= {("JointOperation", MVD, JOINT_SENTENCE)}


def test_turtle_and_jsonld_hold_the_page_subgraph(client: TestClient) -> None:
    ic = rdflib.URIRef(f"{RES}{IC}")
    turtle = client.get(f"/entity/{IC}", params={"format": "turtle"})
    assert turtle.headers["content-type"].startswith("text/turtle")
    g = rdflib.Graph().parse(data=turtle.text, format="turtle")
    assert (ic, rdflib.URIRef(CCG.cooperatesWith), rdflib.URIRef(f"{RES}{MVD}")) in g
    assert rdflib.Literal(JOINT_SENTENCE) in set(g.objects(None, rdflib.URIRef(CCG.text)))
    jsonld = client.get(f"/entity/{IC}", headers={"Accept": "application/ld+json"})
    g2 = rdflib.Graph().parse(data=jsonld.text, format="json-ld")
    assert len(g2) == len(g) and json.loads(jsonld.text)


def test_pages_escape_names_and_allow_no_script(client: TestClient) -> None:
    res = hostile_article()
    page = client.get(f"/article/{res.article.id}")
    assert "<script>" not in page.text and "&lt;script&gt;" in page.text
    assert "<img" not in page.text and "&lt;img src=x" in page.text
    assert "script-src" not in page.headers["content-security-policy"]  # default-src 'none': no script runs
    hits = client.get("/search", params={"q": "cyber unit", "format": "json"}).json()
    assert [h["entity"]["label"] for h in hits] == [HOSTILE_NAME]
    sentences = client.get(f"/article/{res.article.id}", params={"format": "json"}).json()["sentences"]
    assert "".join(s["text"] for s in sentences[0]) == HOSTILE_SENTENCE


def test_the_sparql_form_moved_to_query_and_the_endpoint_stays(client: TestClient) -> None:
    assert "PREFIX ccg:" in client.get("/query").text
    assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).json()["boolean"] is True
    home = client.get("/")
    assert 'action="/search"' in home.text and 'href="/query"' in home.text


def test_the_edge_download_holds_only_the_edge_subgraph(client: TestClient, kg: KnowledgeGraph) -> None:
    ic, mvd = rdflib.URIRef(f"{RES}{IC}"), rdflib.URIRef(f"{RES}{MVD}")
    g = rdflib.Graph().parse(data=client.get("/edge", params={"a": IC, "b": MVD, "format": "turtle"}).text,
                             format="turtle")
    assertions = set(g.subjects(rdflib.RDF.type, rdflib.URIRef(CCG.RelationAssertion)))
    evidence = kg.evidence(IC, MVD).evidence
    assert len(assertions) == len({ev.article for ev in evidence}) == 2  # one assertion per article
    assert len(set(g.objects(None, rdflib.URIRef(CCG.evidence)))) == len(evidence) == 4
    assert {frozenset((g.value(a, rdflib.RDF.subject), g.value(a, rdflib.RDF.object))) for a in assertions} == {
        frozenset((ic, mvd))}
    assert JOINT_SENTENCE in {str(t) for t in g.objects(None, rdflib.URIRef(CCG.text))}
    assert {str(g.value(e, rdflib.SKOS.prefLabel)) for e in (ic, mvd)} == {
        "Investigative Committee of Belarus", "Ministry of Internal Affairs of Russia"}
    assert (ic, rdflib.URIRef(CCG.cooperatesWith), mvd) in g and (mvd, rdflib.URIRef(CCG.cooperatesWith), ic) in g
    # nothing else of either entity: not IC's country, names or other partners
    assert set(g.subjects()) - assertions - {ic, mvd} == set(g.objects(None, rdflib.URIRef(CCG.evidence)))
    assert set(g.objects(ic, None)) <= {mvd} | set(g.objects(ic, rdflib.RDF.type)) | set(g.objects(ic, rdflib.RDFS.label)) \
        | set(g.objects(ic, rdflib.SKOS.prefLabel))
    whole = rdflib.Graph().parse(data=client.get(f"/entity/{IC}", params={"format": "turtle"}).text, format="turtle")
    assert len(g) < len(whole)


def test_the_edge_page_pages_its_sentences_newest_first(client: TestClient, kg: KnowledgeGraph, monkeypatch) -> None:
    from graphkit.server import pages

    monkeypatch.setattr(pages, "EDGE_PAGE", 3)
    first = client.get("/edge", params={"a": IC, "b": MVD})
    second = client.get("/edge", params={"a": IC, "b": MVD, "page": 2})
    assert first.text.count('<li class="evidence">') == 3 and second.text.count('<li class="evidence">') == 1
    assert "Page 1 of 2" in first.text and f"b={MVD}&amp;page=2" in first.text and 'rel="prev"' in second.text
    everything = [ev.sentence for ev in kg.evidence(IC, MVD).evidence]
    shown = [s for s in everything if s in first.text or s in second.text]
    assert sorted(shown) == sorted(everything)
    assert client.get("/edge", params={"a": IC, "b": MVD, "page": "x"}).status_code == 400


def test_article_page_shows_the_whole_text_with_the_mentions_at_their_offsets(kg: KnowledgeGraph) -> None:
    from graphkit.readers import read_paths

    source = Path(__file__).resolve().parent.parent / "examples" / "articles" / "by-ru-joint-measures-de.txt"
    (article,) = read_paths([source])
    page = kg.article(article.id)
    assert page.full_text and len(page.sentences) == 1
    segments = page.sentences[0]
    assert "".join(s["text"] for s in segments) == article.text  # the whole text, not only the evidence
    spans = {(r["start"], r["end"], r["e"].rsplit("resource/", 1)[1]) for r in kg.query(
        f"SELECT ?start ?end ?e WHERE {{ GRAPH <{RES}article/{article.id}> {{ ?m ccg:mentionOf ?e ; "
        "oa:start ?start ; oa:end ?end } }")}
    offset, marked = 0, set()
    for s in segments:
        if s["entity"]:
            assert (offset, offset + len(s["text"]), s["entity"]) in spans  # each mark is a stored mention
            marked.add((s["text"], s["entity"], s["type"]))
        offset += len(s["text"])
    # inflected and adjectival mentions are marked where the extractor found them
    assert {("Innenministeriums von Russland", MVD, "Agency"), ("russischen", "state/RU", "State"),
            ("Untersuchungsausschusses von Belarus", IC, "Agency")} <= marked


def test_the_article_graph_keeps_the_text_and_its_mentions(kg: KnowledgeGraph) -> None:
    art_id = kg.evidence(IC, MVD).evidence[0].article
    rows = kg.query(f"SELECT ?body WHERE {{ GRAPH <{RES}{art_id}> {{ <{RES}{art_id}> schema:articleBody ?body }} }}")
    (body,) = [r["body"] for r in rows]
    sentences = kg.query(f"SELECT ?text ?start ?end WHERE {{ GRAPH <{RES}{art_id}> {{ ?s ccg:text ?text ; "
                         "ccg:start ?start ; ccg:end ?end } }")
    assert sentences and all(body[r["start"] : r["end"]] == r["text"] for r in sentences)  # one offset system


def test_the_undo_a_merge_page_gives_splits_the_node_when_rebuilt(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from graphkit.cli import app

    source = Path(__file__).resolve().parent.parent / "examples" / "articles" / "by-ru-joint-measures-de.txt"
    store = tmp_path / "store"
    runner = CliRunner()
    assert runner.invoke(app, ["build", str(source), "--store", str(store)]).exit_code == 0
    kg = KnowledgeGraph(store, read_only=True)
    merged = {n["name"]: n["undo"] for n in kg.entity(IC).merged}
    assert merged["Untersuchungsausschuss"] == {
        "different": [["Untersuchungsausschuss", "Investigative Committee of Belarus"]]}
    with TestClient(create_app(kg, workers=1, examples=None)) as c:
        html = c.get(f"/entity/{IC}").text
    line = '{"different": [["Untersuchungsausschuss", "Investigative Committee of Belarus"]]}'
    assert html.count(f"<code>{line}</code>") == 1 and html.count("<h1>") == 1  # the file's exact line, once
    del kg, c

    overrides = tmp_path / "overrides.json"
    overrides.write_text(line, encoding="utf-8")
    result = runner.invoke(app, ["build", str(source), "--store", str(store), "--overrides", str(overrides), "--force"])
    assert result.exit_code == 0, result.output
    after = KnowledgeGraph(store, read_only=True)
    assert "Untersuchungsausschuss" not in {n["name"] for n in after.entity(IC).merged}
    (hit,) = [h for h in after.search("Untersuchungsausschuss") if h.matched == "Untersuchungsausschuss"]
    assert hit.entity.id != IC and hit.rank == 0  # the name is a node of its own now
    assert "Untersuchungsausschusses von Belarus" in {n["name"] for n in after.entity(IC).names}  # the rest stays


def test_the_home_page_counts_from_the_view_are_the_stats(kg: KnowledgeGraph) -> None:
    stats = kg.stats()
    del stats["quads"]
    assert kg.browser.overview() == stats
