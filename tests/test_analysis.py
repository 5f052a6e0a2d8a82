"""graphkit.analysis on a small hand-built store whose answers are known."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
from datetime import date, datetime, timezone

import networkx as nx
import pytest

from graphkit.analysis import (
    brokers,
    centrality,
    centrality_table,
    communities,
    plot_centrality,
    plot_ties_per_year,
    project,
    ties_per_year,
    write_scores,
)
from graphkit.analysis.writeback import ANALYSIS_GRAPH
from graphkit.model import Article, Entity, Relation, ResolvedArticle, Sentence
from graphkit.rdf import article_iri, article_quads, entity_iri
from graphkit.store import Store

BY, RU, KZ, US = (entity_iri("State", c) for c in ("BY", "RU", "KZ", "US"))
IC = entity_iri("Agency", "by-ic")
MVD = entity_iri("Agency", "ru-mvd")
FBI = entity_iri("Agency", "us-fbi")
EUROPOL = entity_iri("InternationalOrganization", "europol")
SUMMIT = entity_iri("Event", "cyber-summit-2021")

ENTITIES = {
    BY: Entity(BY, "State", "Belarus", {("Belarus", "en"), ("Беларусь", "ru")}, iso="BY"),
    RU: Entity(RU, "State", "Russia", {("Russia", "en")}, iso="RU"),
    KZ: Entity(KZ, "State", "Kazakhstan", {("Kazakhstan", "en")}, iso="KZ"),
    US: Entity(US, "State", "United States", {("United States", "en")}, iso="US"),
    IC: Entity(
        IC,
        "Agency",
        "Investigative Committee of Belarus",
        {("Investigative Committee of Belarus", "en"), ("Следственный комитет Беларуси", "ru")},
        jurisdiction="BY",
    ),
    MVD: Entity(MVD, "Agency", "Ministry of Internal Affairs of Russia", {("MVD", "en")}, jurisdiction="RU"),
    FBI: Entity(FBI, "Agency", "Federal Bureau of Investigation", {("FBI", "en")}, jurisdiction="US"),
    EUROPOL: Entity(EUROPOL, "InternationalOrganization", "Europol", {("Europol", "en")}),
    SUMMIT: Entity(SUMMIT, "Event", "Cyber Summit 2021", {("Cyber Summit 2021", "en")}),
}

TEXT_2021 = "The Investigative Committee of Belarus and the Russian MVD conducted a joint operation."
TEXT_2023 = "Belarusian investigators exchanged information with the Russian Ministry of Internal Affairs."
TEXT_FBI = "The FBI and Europol took down the botnet together."
TEXT_KZ = "Belarus and Kazakhstan signed an agreement on fighting cybercrime."


def _sentence(text: str) -> list[Sentence]:
    return [Sentence(text, 0, len(text))]


def _article(text, day, entities, relations) -> ResolvedArticle:
    article = Article(text=text, title=text[:30], url=f"https://news.example.org/{day}", published=day, lang="en")
    return ResolvedArticle(article, {iri: ENTITIES[iri] for iri in entities}, relations)


def _jurisdiction(agency: str, state: str, text: str) -> Relation:
    return Relation(agency, "jurisdiction", state, _sentence(text), 0.9, rule="test")


def _coop(s: str, o: str, text: str, kind: str) -> Relation:
    return Relation(s, "cooperatesWith", o, _sentence(text), 0.85, rule="test", kind=kind)


ARTICLES = [
    _article(
        TEXT_2021,
        date(2021, 3, 10),
        [IC, MVD, BY, RU],
        [
            _coop(IC, MVD, TEXT_2021, "JointOperation"),
            _jurisdiction(IC, BY, TEXT_2021),
            _jurisdiction(MVD, RU, TEXT_2021),
        ],
    ),
    _article(
        TEXT_2023,
        date(2023, 6, 1),
        [IC, MVD, BY, RU],
        [
            _coop(MVD, IC, TEXT_2023, "InformationExchange"),  # stated the other way round
            _jurisdiction(IC, BY, TEXT_2023),
            _jurisdiction(MVD, RU, TEXT_2023),
        ],
    ),
    _article(TEXT_KZ, date(2022, 2, 1), [BY, KZ], [_coop(BY, KZ, TEXT_KZ, "AgreementSigned")]),
    _article(
        TEXT_FBI,
        date(2021, 9, 15),
        [FBI, EUROPOL, US, SUMMIT],
        [
            _coop(FBI, EUROPOL, TEXT_FBI, "JointOperation"),
            _jurisdiction(FBI, US, TEXT_FBI),
            Relation(EUROPOL, "organizes", SUMMIT, _sentence(TEXT_FBI), 0.8),
            Relation(FBI, "participatesIn", SUMMIT, _sentence(TEXT_FBI), 0.8),
        ],
    ),
]


@pytest.fixture(scope="module")
def store() -> Store:
    store = Store(None)
    for resolved in ARTICLES:
        store.put_article(article_iri(resolved.article.id), article_quads(resolved))
    return store


# -- projections -----------------------------------------------------------------------------


def test_agencies_edges_count_articles_and_keep_evidence(store):
    G = project(store, "agencies")
    assert set(G) == {IC, MVD, FBI, EUROPOL}
    edge = G.edges[IC, MVD]
    assert edge["weight"] == 2
    assert edge["years"] == [2021, 2023]
    assert edge["kinds"] == ["InformationExchange", "JointOperation"]
    assert edge["predicates"] == ["cooperatesWith"]
    assert [e["text"] for e in edge["evidence"]] == [TEXT_2023, TEXT_2021]  # newest first
    assert edge["evidence"][1] == {
        "text": TEXT_2021,
        "article": article_iri(ARTICLES[0].article.id),
        "url": "https://news.example.org/2021-03-10",
        "title": TEXT_2021[:30],
        "date": "2021-03-10",
    }
    assert G.edges[FBI, EUROPOL]["weight"] == 1


def test_node_attributes(store):
    G = project(store, "agencies")
    ic = G.nodes[IC]
    assert ic["label"] == "Investigative Committee of Belarus"
    assert ic["type"] == "Agency"
    assert ic["jurisdiction"] == "BY"
    assert ic["labels"] == ["Investigative Committee of Belarus@en", "Следственный комитет Беларуси@ru"]
    assert ic["articles"] == 2
    assert ic["first_seen"] == "2021-03-10"
    assert G.nodes[EUROPOL]["type"] == "InternationalOrganization"
    assert "jurisdiction" not in G.nodes[EUROPOL]


def test_states_aggregate_agencies_to_their_jurisdiction(store):
    G = project(store, "states")
    assert set(G) == {BY, RU, KZ, US}
    assert G.edges[BY, RU]["weight"] == 2  # IC Belarus - MVD Russia, two articles
    assert G.edges[BY, KZ]["weight"] == 1  # a State-State edge counts directly
    assert G.edges[BY, KZ]["kinds"] == ["AgreementSigned"]
    assert G.nodes[BY]["iso"] == "BY"
    assert G.nodes[BY]["labels"] == ["Belarus@en", "Беларусь@ru"]
    assert G.degree(US) == 0  # Europol is no state


def test_date_filter(store):
    since = project(store, "agencies", since=date(2022, 1, 1))
    assert not since.has_edge(FBI, EUROPOL)
    assert since.edges[IC, MVD]["weight"] == 1
    assert since.edges[IC, MVD]["years"] == [2023]
    assert [e["text"] for e in since.edges[IC, MVD]["evidence"]] == [TEXT_2023]
    assert since.nodes[IC]["articles"] == 1
    until = project(store, "states", until=date(2021, 12, 31))
    assert until.edges[BY, RU]["weight"] == 1
    assert not until.has_edge(BY, KZ)
    assert KZ not in until  # neither mentioned nor tied in 2021


def test_country_types_and_kinds_filters(store):
    assert set(project(store, "agencies", country="by")) == {IC, MVD}
    assert set(project(store, "states", country="KZ")) == {BY, KZ}
    assert set(project(store, "agencies", types=["Agency"])) == {IC, MVD, FBI}
    exchange = project(store, "agencies", kinds=["InformationExchange"])
    assert set(exchange) == {IC, MVD}
    assert exchange.edges[IC, MVD]["weight"] == 1
    assert project(store, "agencies", kinds=["JointOperation"]).edges[IC, MVD]["years"] == [2021]


def test_actor_event_is_bipartite(store):
    G = project(store, "actor-event")
    assert {frozenset(e) for e in G.edges()} == {frozenset((EUROPOL, SUMMIT)), frozenset((FBI, SUMMIT))}
    assert G.nodes[SUMMIT]["bipartite"] == 1
    assert G.nodes[FBI]["bipartite"] == 0
    assert G.edges[EUROPOL, SUMMIT]["predicates"] == ["organizes"]
    assert nx.is_bipartite(G)


def test_full_projection_keeps_every_relation(store):
    G = project(store, "full")
    assert isinstance(G, nx.MultiDiGraph)
    assert G.edges[IC, MVD, "cooperatesWith"]["weight"] == 2
    assert G.edges[MVD, IC, "cooperatesWith"]["weight"] == 2  # symmetric: both directions
    assert G.edges[IC, BY, "jurisdiction"]["predicate"] == "jurisdiction"
    assert G.edges[EUROPOL, SUMMIT, "organizes"]["weight"] == 1
    assert not G.has_edge(SUMMIT, EUROPOL)


def test_unknown_projection():
    with pytest.raises(ValueError, match="projection"):
        project(Store(None), "people")


# -- centrality ------------------------------------------------------------------------------


def test_star_centre_ranks_first():
    G = nx.star_graph(5)
    nx.set_node_attributes(G, "Agency", "type")
    G.nodes[0]["label"] = "Europol"
    for measure in ("degree", "weighted_degree", "betweenness", "eigenvector", "pagerank"):
        scores = centrality(G, measure)
        assert max(scores, key=scores.get) == 0, measure
    assert centrality(G, "betweenness")[0] == pytest.approx(1.0)
    assert centrality(G, "weighted_degree")[0] == 5.0
    rows = centrality_table(G, ["pagerank", "degree"], top=3)
    assert [r["node"] for r in rows][0] == 0
    assert rows[0]["label"] == "Europol" and rows[0]["type"] == "Agency"
    assert set(rows[0]) == {"node", "label", "type", "pagerank", "degree"}
    assert [r["pagerank"] for r in rows] == sorted((r["pagerank"] for r in rows), reverse=True)
    assert centrality_table(G, types=["State"]) == []


def test_centrality_of_projection_uses_weights(store):
    G = project(store, "agencies")
    assert centrality(G, "weighted_degree")[IC] == 2.0
    full = centrality(project(store, "full"), "degree")
    assert full[IC] == 2 / 8  # distinct neighbours MVD and BY, of 8 other entities
    assert full[FBI] == 3 / 8  # Europol, the US and the summit


@pytest.mark.parametrize("measure", ["betweenness", "pagerank"])
@pytest.mark.parametrize("sample_threshold", [5000, 50])
def test_igraph_agrees_with_networkx(measure, sample_threshold):
    pytest.importorskip("igraph")
    G = nx.gnm_random_graph(120, 300, seed=7)
    G.add_edges_from([(500, 501), (501, 502)])  # a second component
    G.add_node(600)  # an isolated node
    for i, (u, v) in enumerate(G.edges()):
        G.edges[u, v]["weight"] = 1 + i % 3
    a = centrality(G, measure, backend="networkx", sample_threshold=sample_threshold, seed=3)
    b = centrality(G, measure, backend="igraph", sample_threshold=sample_threshold, seed=3)
    assert a.keys() == b.keys()
    for v in a:
        assert b[v] == pytest.approx(a[v], abs=1e-7)


# -- communities -----------------------------------------------------------------------------


def _two_cliques_and_a_bridge() -> nx.Graph:
    G = nx.disjoint_union(nx.complete_graph(5), nx.complete_graph(5))  # nodes 0-4 and 5-9
    G.add_edges_from([(10, 0), (10, 5)])
    return G


def _groups(partition: dict) -> list[set]:
    groups: dict = {}
    for node, community in partition.items():
        groups.setdefault(community, set()).add(node)
    return list(groups.values())


@pytest.mark.parametrize("method", ["louvain", "leiden"])
def test_communities_split_the_cliques(method):
    if method == "leiden":
        pytest.importorskip("leidenalg")
    G = _two_cliques_and_a_bridge()
    partition, modularity = communities(G, method)
    assert len({partition[v] for v in range(5)}) == 1
    assert len({partition[v] for v in range(5, 10)}) == 1
    assert partition[0] != partition[5]
    assert partition[10] in (partition[0], partition[5])
    assert modularity == pytest.approx(nx.community.modularity(G, _groups(partition)))
    assert modularity == pytest.approx(0.4535124)  # either side takes the bridge: the same split


def test_bridge_is_the_top_broker():
    G = _two_cliques_and_a_bridge()
    partition, _ = communities(G)
    rows = brokers(G, partition)
    other_side = 5 if partition[10] == partition[0] else 0  # the clique node the bridge reaches across
    assert [(r["node"], r["communities"]) for r in rows] == [(10, 2), (other_side, 2)]  # insiders bridge nothing
    assert rows[0]["betweenness"] == pytest.approx(0.5555556)
    assert rows[1]["betweenness"] == pytest.approx(0.5333333)


# -- over time -------------------------------------------------------------------------------


def test_ties_per_year(store):
    rows = ties_per_year(store)
    assert [r["year"] for r in rows] == [2021, 2022, 2023]
    y2021, y2022, y2023 = rows
    assert y2021 == {
        "year": 2021,
        "articles": 2,
        "actors": 4,
        "new_actors": 4,
        "ties": 2,
        "new_ties": 2,
        "density": pytest.approx(2 / 6),
    }
    assert (y2022["articles"], y2022["ties"], y2022["density"]) == (1, 0, 0.0)
    assert (y2023["ties"], y2023["new_ties"], y2023["actors"], y2023["new_actors"]) == (1, 0, 2, 0)
    assert y2023["density"] == 1.0
    states = ties_per_year(store, "states")
    assert states[1]["ties"] == 1 and states[1]["new_actors"] == 1  # 2022: BY-KZ, KZ is new


# -- write-back ------------------------------------------------------------------------------


def test_write_scores_then_query(store):
    G = project(store, "agencies")
    scores = {m: centrality(G, m) for m in ("pagerank", "degree")}
    partition, _ = communities(G)
    when = datetime(2024, 1, 2, 3, 4, 5, tzinfo=timezone.utc)
    assert write_scores(store, scores, computed_at=when, partition=partition) == ANALYSIS_GRAPH
    rows = store.select(
        f"""SELECT ?v ?t WHERE {{ ?s a ccg:CentralityScore ; ccg:scoreOf <{IC}> ;
            ccg:measure "pagerank" ; ccg:value ?v ; ccg:computedAt ?t }}"""
    )
    assert len(rows) == 1
    assert rows[0]["v"] == pytest.approx(scores["pagerank"][IC])
    assert datetime.fromisoformat(rows[0]["t"].replace("Z", "+00:00")) == when
    community = store.select(f"SELECT ?c WHERE {{ <{IC}> ccg:community ?c }}")
    assert community == [{"c": partition[IC]}]
    write_scores(store, {"pagerank": scores["pagerank"]})  # replaces the previous results
    count = store.select("SELECT (COUNT(?s) AS ?n) WHERE { ?s a ccg:CentralityScore }")
    assert count == [{"n": len(G)}]
    assert store.select("SELECT ?c WHERE { ?e ccg:community ?c }") == []
    assert set(project(store, "agencies")) == set(G)  # the analysis graph is no article


# -- charts ----------------------------------------------------------------------------------


def _image_size(path) -> tuple[str, str]:
    """Width and height as written in a PNG header (pixels) or an SVG root (points)."""
    data = path.read_bytes()
    if data.startswith(b"\x89PNG"):
        return tuple(str(n) for n in struct.unpack(">II", data[16:24]))
    root = ET.fromstring(data)
    return root.get("width"), root.get("height")


@pytest.mark.parametrize(
    ("suffix", "bars_size", "years_size"),
    [(".png", ("700", "220"), ("800", "450")), (".svg", ("504pt", "158.4pt"), ("576pt", "324pt"))],
)
def test_charts(store, tmp_path, suffix, bars_size, years_size):
    pytest.importorskip("matplotlib")
    rows = centrality_table(project(store, "agencies"), ["pagerank"])
    assert sorted(r["label"] for r in rows) == [
        "Europol",
        "Federal Bureau of Investigation",
        "Investigative Committee of Belarus",
        "Ministry of Internal Affairs of Russia",
    ]
    # the bar chart is 1 inch plus 0.3 inch per bar high: four agencies, 2.2 inches
    assert _image_size(plot_centrality(rows, "pagerank", tmp_path / f"c{suffix}")) == bars_size
    assert _image_size(plot_ties_per_year(ties_per_year(store), tmp_path / f"t{suffix}")) == years_size
