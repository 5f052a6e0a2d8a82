"""The ontology, the cooperation-kind scheme and the SHACL shapes, and graphkit.validate."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest
from pyoxigraph import Literal as OxLiteral
from pyoxigraph import NamedNode, Quad
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef

from graphkit.model import Article, Entity, Relation, ResolvedArticle, Sentence
from graphkit.rdf import (
    CCG,
    CCGK,
    ORG,
    RELATION_PROPERTIES,
    SKOS,
    article_iri,
    article_quads,
    entity_iri,
)
from graphkit.resources import ontology_dir
from graphkit.store import Store
from graphkit.validate import ValidationReport, load_ontology, validate
from graphkit.vocabulary import ENTITIES, ENTITY_TYPES, RELATIONS, TYPE_SEGMENTS

CORE_CLASSES = ENTITY_TYPES

SH = Namespace("http://www.w3.org/ns/shacl#")
TTL_FILES = ("ccg.ttl", "shapes.ttl", "cooperation-kinds.ttl")
#: The graph contract's relations (../shared/spec/graph-contract.md): never renamed.
CONTRACT_RELATIONS = {
    "cooperatesWith": "https://w3id.org/ccg/ontology#cooperatesWith",
    "represents": "https://w3id.org/ccg/ontology#represents",
    "memberOf": "http://www.w3.org/ns/org#memberOf",
    "partOf": "http://www.w3.org/ns/org#subOrganizationOf",
    "jurisdiction": "https://w3id.org/ccg/ontology#jurisdiction",
    "organizes": "https://w3id.org/ccg/ontology#organizes",
    "participatesIn": "https://w3id.org/ccg/ontology#participatesIn",
    "partyTo": "https://w3id.org/ccg/ontology#partyTo",
}
#: vis-network's node shapes that are sized by ``size`` and carry their label below.
VIS_SHAPES = {"dot", "diamond", "square", "triangle", "triangleDown", "star", "hexagon"}
CCG_PROPERTIES = (
    "cooperatesWith",
    "represents",
    "jurisdiction",
    "organizes",
    "participatesIn",
    "partyTo",
    "isoCode",
    "contentHash",
    "sourcePath",
    "confidence",
    "rule",
    "text",
    "start",
    "end",
    "demonym",
    "acronym",
    "mentionedIn",
    "evidence",
    "inArticle",
    "cooperationKind",
    "agencyKind",
    "scoreOf",
    "measure",
    "value",
    "computedAt",
    "community",
)
OTHER_CLASSES = ("RelationAssertion", "EvidenceSentence", "CentralityScore")
KINDS = (
    "JointOperation",
    "InformationExchange",
    "AgreementSigned",
    "LegalAssistance",
    "Training",
    "Coordination",
    "BilateralMeeting",
)

TEXT = (
    "Dmitry Gora, Chairman of the Investigative Committee of Belarus, spoke in Minsk. "
    "With the Russian Ministry of Internal Affairs alone, we have established three joint "
    "investigative-operational groups."
)
BY, RU = entity_iri("State", "BY"), entity_iri("State", "RU")
IC, MVD = entity_iri("Agency", "by-ic"), entity_iri("Agency", "ru-mvd")
GORA = entity_iri("Person", "dmitry-gora")


# -- helpers -----------------------------------------------------------------------------------
def _sentences(text: str = TEXT) -> tuple[Sentence, Sentence]:
    cut = text.index("With")
    return Sentence(text[: cut - 1], 0, cut - 1), Sentence(text[cut:], cut, len(text))


def _resolved(text: str = TEXT, **changes) -> ResolvedArticle:
    """The worked example of the guidelines as a resolved article; ``changes`` replace
    ``entities`` or ``relations``."""
    s1, s2 = _sentences(text)
    article = Article(
        text=text,
        title="Belarus and Russia set up joint groups",
        url="https://example.org/news/1",
        published=date(2021, 5, 24),
        lang="en",
        source_path="examples/articles/x.txt",
    )
    entities = {
        BY: Entity(BY, "State", "Belarus", {("Belarus", "en"), ("Weißrussland", "de")}, iso="BY"),
        RU: Entity(RU, "State", "Russia", {("Russia", "en")}, iso="RU"),
        IC: Entity(
            IC,
            "Agency",
            "Investigative Committee of Belarus",
            {("Investigative Committee", "en")},
            jurisdiction="BY",
            key="by-ic",
        ),
        MVD: Entity(MVD, "Agency", "Ministry of Internal Affairs of Russia", set(), jurisdiction="RU"),
        GORA: Entity(GORA, "Person", "Dmitry Gora", {("Dmitry Gora", "en")}),
    }
    relations = [
        Relation(IC, "cooperatesWith", MVD, [s2], 0.85, "coop.cue.joint", "JointOperation"),
        Relation(GORA, "memberOf", IC, [s1], 0.9, "person.post"),
        Relation(GORA, "represents", BY, [s1], 0.8, "person.post.state"),
        Relation(IC, "jurisdiction", BY, [s1], 0.95, "agency.state"),
        Relation(MVD, "jurisdiction", RU, [s2], 0.95, "agency.demonym"),
    ]
    resolved = ResolvedArticle(article, entities, relations, extractor="graphkit-rules")
    for key, value in changes.items():
        setattr(resolved, key, value)
    return resolved


def _store(*articles: ResolvedArticle) -> Store:
    store = Store(None)
    for ra in articles:
        store.put_article(article_iri(ra.article.id), article_quads(ra))
    return store


def _assertion(store: Store, s: str, p: str, o: str) -> str:
    rows = store.select(f"SELECT ?a WHERE {{ ?a rdf:subject <{s}> ; rdf:predicate <{p}> ; rdf:object <{o}> }}")
    assert len(rows) == 1
    return rows[0]["a"]


def _fails_at(report: ValidationReport, focus: str) -> None:
    assert not report.conforms
    assert focus in report.focus_nodes(), report.text


# -- the files ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology()


@pytest.mark.parametrize("name", TTL_FILES)
def test_ttl_files_parse(name):
    g = Graph().parse(ontology_dir() / name, format="turtle")
    landmark = {
        "ccg.ttl": (URIRef("https://w3id.org/ccg/ontology"), RDF.type, OWL.Ontology),
        "shapes.ttl": (URIRef("https://w3id.org/ccg/shapes#EntityShape"), RDF.type, SH.NodeShape),
        "cooperation-kinds.ttl": (CCGK.Cooperation, RDF.type, SKOS.Concept),
    }[name]
    assert landmark in g


def test_ontology_header(ontology):
    assert (URIRef("https://w3id.org/ccg/ontology"), RDF.type, OWL.Ontology) in ontology


def test_cooperates_with_is_symmetric(ontology):
    assert (CCG.cooperatesWith, RDF.type, OWL.SymmetricProperty) in ontology


@pytest.mark.parametrize("name", CORE_CLASSES + OTHER_CLASSES)
def test_classes_declared(ontology, name):
    cls = CCG[name]
    assert (cls, RDF.type, OWL.Class) in ontology
    labels = {lbl.language for lbl in ontology.objects(cls, RDFS.label)}
    assert "en" in labels
    assert "en" in {d.language for d in ontology.objects(cls, SKOS.definition)}
    if name in CORE_CLASSES:
        assert {"de", "ru"} <= labels


def test_class_hierarchy(ontology):
    org_org = ORG.Organization
    for name in ("Agency", "InternationalOrganization", "PrivateOrganization"):
        assert (CCG[name], RDFS.subClassOf, org_org) in ontology
    assert (CCG.Person, RDFS.subClassOf, URIRef("http://xmlns.com/foaf/0.1/Person")) in ontology
    assert (CCG.RelationAssertion, RDFS.subClassOf, RDF.Statement) in ontology


@pytest.mark.parametrize("name", CCG_PROPERTIES)
def test_properties_declared(ontology, name):
    kinds = set(ontology.objects(CCG[name], RDF.type))
    assert kinds & {OWL.ObjectProperty, OWL.DatatypeProperty}, name
    assert "en" in {lbl.language for lbl in ontology.objects(CCG[name], RDFS.label)}


def test_contract_relations_declared(ontology):
    for prop in RELATION_PROPERTIES.values():
        assert (URIRef(prop), RDF.type, OWL.ObjectProperty) in ontology


# -- the vocabulary table agrees with the ontology and the contract ---------------------------


def _class_names(ontology: Graph, node) -> frozenset[str] | None:
    """A declared domain/range as ccg class local names (a union is its members), or None."""
    if node is None:
        return None
    union = ontology.value(node, OWL.unionOf)
    members = list(ontology.items(union)) if union is not None else [node]
    return frozenset(str(m).removeprefix(str(CCG)) for m in members)


def test_vocabulary_entity_types_are_the_disjoint_core_classes(ontology):
    disjoint = ontology.value(predicate=RDF.type, object=OWL.AllDisjointClasses)
    members = [str(m) for m in ontology.items(ontology.value(disjoint, OWL.members))]
    assert members == [e.iri for e in ENTITIES]


@pytest.mark.parametrize("entity", ENTITIES, ids=lambda e: e.name)
def test_vocabulary_entity_labels_are_the_ontology_labels(ontology, entity):
    assert Literal(entity.label, lang="en") in set(ontology.objects(URIRef(entity.iri), RDFS.label))


def test_vocabulary_relations_are_the_contract():
    assert RELATION_PROPERTIES == CONTRACT_RELATIONS
    assert [r.name for r in RELATIONS] == list(CONTRACT_RELATIONS)


@pytest.mark.parametrize("relation", RELATIONS, ids=lambda r: r.name)
def test_vocabulary_relation_agrees_with_ontology(ontology, relation):
    prop = URIRef(relation.iri)
    assert (prop, RDF.type, OWL.ObjectProperty) in ontology
    assert ((prop, RDF.type, OWL.SymmetricProperty) in ontology) == relation.symmetric
    for declared, table in (
        (_class_names(ontology, ontology.value(prop, RDFS.domain)), relation.domain),
        (_class_names(ontology, ontology.value(prop, RDFS.range)), relation.range),
    ):
        assert declared is None or declared == table
    if relation.iri.startswith(str(CCG)):  # ccg's own terms declare both, with an English label
        assert ontology.value(prop, RDFS.domain) is not None and ontology.value(prop, RDFS.range) is not None
        assert Literal(relation.label, lang="en") in set(ontology.objects(prop, RDFS.label))
    else:  # the two reused from ORG: their ccg use is in the scope note, which names the table's types
        note = str(ontology.value(prop, SKOS.scopeNote))
        assert f"'{relation.name}'" in note
        assert all(f"ccg:{t}" in note for t in relation.domain | relation.range)


def test_vocabulary_looks_are_distinct_and_drawable():
    assert len({e.color for e in ENTITIES}) == len({e.shape for e in ENTITIES}) == len(ENTITIES)
    assert {e.shape for e in ENTITIES} <= VIS_SHAPES
    assert all(len(e.color) == 7 and e.color.startswith("#") for e in ENTITIES)
    assert entity_iri("Agreement", "budapest") == "https://w3id.org/ccg/resource/agreement/budapest"
    assert len(set(TYPE_SEGMENTS.values())) == len(ENTITIES)


def test_union_domains(ontology):
    domain = ontology.value(CCG.cooperatesWith, RDFS.domain)
    members = set(ontology.items(ontology.value(domain, OWL.unionOf)))
    assert members == {CCG.Agency, CCG.InternationalOrganization, CCG.PrivateOrganization, CCG.State}
    assert ontology.value(CCG.represents, RDFS.range) == CCG.State


@pytest.mark.parametrize("kind", KINDS)
def test_cooperation_kinds(ontology, kind):
    concept = CCGK[kind]
    assert (concept, RDF.type, SKOS.Concept) in ontology
    assert (concept, SKOS.inScheme, CCG.CooperationKindScheme) in ontology
    assert (concept, SKOS.broader, CCGK.Cooperation) in ontology
    langs = {lbl.language for lbl in ontology.objects(concept, SKOS.prefLabel)}
    assert {"en", "de", "ru", "fr"} <= langs
    assert any(d.language == "en" for d in ontology.objects(concept, SKOS.definition))


def test_cooperation_top_concept(ontology):
    assert (CCGK.Cooperation, SKOS.topConceptOf, CCG.CooperationKindScheme) in ontology


def test_lexicon_kinds_exist(ontology):
    """Every kind the extractor's cue lexicon can emit is a concept of the scheme."""
    import graphkit

    lexicon = Path(graphkit.__file__).parent / "extract" / "data" / "lexicon.toml"
    kinds = set(tomllib.loads(lexicon.read_text("utf-8"))["cooperation"])
    assert {"JointOperation", "LegalAssistance"} <= kinds
    for kind in kinds:
        assert (CCGK[kind], SKOS.inScheme, CCG.CooperationKindScheme) in ontology, kind


# -- validation: conforming graphs -------------------------------------------------------------
def test_built_graph_conforms():
    report = validate(_store(_resolved()))
    assert report.conforms, report.text
    assert not [v for v in report.violations if v.severity == "Violation"]


def test_dataset_and_graph_inputs_conform():
    store = _store(_resolved())
    assert validate(store.as_rdflib()).conforms
    g = Graph()
    for q in store.quads():
        g.add(tuple(_rdflib(t) for t in (q.subject, q.predicate, q.object)))
    before = len(g)
    assert validate(g).conforms
    assert len(g) == before  # the caller's graph is left unchanged


def test_two_articles_conform():
    other = TEXT.replace("Minsk", "Moscow")
    assert validate(_store(_resolved(), _resolved(text=other))).conforms


def test_empty_graph_conforms():
    assert validate(Graph()).conforms


def test_subclass_type_beside_core_type_is_allowed():
    store = _store(_resolved())
    police = NamedNode("https://example.org/PoliceForce")
    g = NamedNode(article_iri(_resolved().article.id))
    store._ox.add(Quad(police, NamedNode(str(RDFS.subClassOf)), NamedNode(str(CCG.Agency)), g))
    store._ox.add(Quad(NamedNode(MVD), NamedNode(str(RDF.type)), police, g))
    assert validate(store).conforms


def test_missing_jurisdiction_is_only_a_warning():
    ra = _resolved()
    ra.relations = [r for r in ra.relations if r.predicate != "jurisdiction"]
    report = validate(_store(ra))
    assert report.conforms
    assert IC in report.focus_nodes("Warning")


# -- validation: broken graphs -----------------------------------------------------------------
def test_state_without_iso_code_fails():
    ra = _resolved()
    ra.entities[RU].iso = None
    _fails_at(validate(_store(ra)), RU)


def test_bad_iso_code_fails():
    ra = _resolved()
    ra.entities[RU].iso = "rus"
    _fails_at(validate(_store(ra)), RU)


def test_represents_from_agency_fails():
    ra = _resolved()
    s1, _ = _sentences()
    ra.relations.append(Relation(IC, "represents", BY, [s1], 0.7, "bad"))
    report = validate(_store(ra))
    _fails_at(report, IC)
    assert [(v.focus, v.message) for v in report.violations] == [(IC, "ccg:represents goes from a Person")]


def test_jurisdiction_to_agency_fails():
    ra = _resolved()
    s1, _ = _sentences()
    ra.relations.append(Relation(GORA, "jurisdiction", IC, [s1], 0.7, "bad"))
    _fails_at(validate(_store(ra)), GORA)


def test_assertion_without_evidence_fails():
    ra = _resolved()
    ra.relations[0].evidence = []
    store = _store(ra)
    assertion = _assertion(store, IC, str(CCG.cooperatesWith), MVD)
    report = validate(store)
    _fails_at(report, assertion)
    assert any(v.focus == assertion and v.path == str(CCG.evidence) for v in report.violations)


def test_two_pref_labels_fail():
    # The same entity IRI named differently by two articles: two prefLabels in the union.
    first = _resolved()
    second = _resolved(text=TEXT.replace("Minsk", "Moscow"))
    second.entities[MVD].pref_label = "Russian Interior Ministry"
    report = validate(_store(first, second))
    _fails_at(report, MVD)
    assert any(v.path == str(SKOS.prefLabel) for v in report.violations if v.focus == MVD)


def test_two_core_types_fail():
    store = _store(_resolved())
    g = NamedNode(article_iri(_resolved().article.id))
    store._ox.add(Quad(NamedNode(IC), NamedNode(str(RDF.type)), NamedNode(str(CCG.Event)), g))
    _fails_at(validate(store), IC)


def test_unknown_cooperation_kind_fails():
    ra = _resolved()
    ra.relations[0].kind = "Friendship"
    store = _store(ra)
    _fails_at(validate(store), _assertion(store, IC, str(CCG.cooperatesWith), MVD))


def test_confidence_out_of_range_fails():
    ra = _resolved()
    ra.relations[1].confidence = 1.5
    store = _store(ra)
    _fails_at(validate(store), _assertion(store, GORA, str(ORG.memberOf), IC))


def test_one_way_cooperation_fails():
    store = _store(_resolved())
    g = NamedNode(article_iri(_resolved().article.id))
    store._ox.remove(Quad(NamedNode(MVD), NamedNode(str(CCG.cooperatesWith)), NamedNode(IC), g))
    _fails_at(validate(store), IC)


def test_relation_without_assertion_fails():
    store = _store(_resolved())
    g = NamedNode(article_iri(_resolved().article.id))
    store._ox.add(Quad(NamedNode(GORA), NamedNode(str(CCG.represents)), NamedNode(RU), g))
    _fails_at(validate(store), GORA)


def test_sentence_start_after_end_fails():
    store = _store(_resolved())
    g = NamedNode(article_iri(_resolved().article.id))
    node = NamedNode("https://example.org/sentence")
    for p, o in (
        (RDF.type, NamedNode(str(CCG.EvidenceSentence))),
        (CCG.text, OxLiteral("x")),
        (CCG.start, OxLiteral(10)),
        (CCG.end, OxLiteral(5)),
        (CCG.inArticle, g),
    ):
        store._ox.add(Quad(node, NamedNode(str(p)), o, g))
    _fails_at(validate(store), node.value)


def test_article_without_content_hash_fails():
    g = Graph()
    art = URIRef("https://w3id.org/ccg/resource/article/x")
    g.add((art, RDF.type, URIRef("https://schema.org/NewsArticle")))
    g.add((art, URIRef("http://purl.org/dc/terms/title"), Literal("t")))
    _fails_at(validate(g), str(art))


def _rdflib(term):
    from pyoxigraph import BlankNode
    from rdflib import BNode
    from rdflib import Literal as RLiteral

    if isinstance(term, NamedNode):
        return URIRef(term.value)
    if isinstance(term, BlankNode):
        return BNode(term.value)
    return RLiteral(term.value, lang=term.language, datatype=None if term.language else URIRef(term.datatype.value))


def _broken_store() -> Store:
    """One-way cooperation, a relation without an assertion, an assertion without its triple."""
    store = _store(_resolved())
    g = NamedNode(article_iri(_resolved().article.id))
    store._ox.remove(Quad(NamedNode(MVD), NamedNode(str(CCG.cooperatesWith)), NamedNode(IC), g))
    store._ox.add(Quad(NamedNode(GORA), NamedNode(str(CCG.represents)), NamedNode(RU), g))
    store._ox.remove(Quad(NamedNode(MVD), NamedNode(str(CCG.jurisdiction)), NamedNode(RU), g))
    return store


def test_assertion_without_its_triple_fails():
    store = _broken_store()
    assertion = _assertion(store, MVD, str(CCG.jurisdiction), RU)
    _fails_at(validate(store), assertion)


def test_native_checks_match_pyshacl():
    store = _broken_store()

    def keys(report: ValidationReport) -> set[tuple]:
        return {(v.focus, v.path, v.message, v.severity) for v in report.violations}

    fast, slow = validate(store), validate(store, native=False)
    assert not fast.conforms and not slow.conforms
    assert keys(fast) == keys(slow)
    found = {(v.focus, v.path, v.message, v.severity) for v in fast.violations}
    assert found == {
        (IC, str(CCG.cooperatesWith), "ccg:cooperatesWith is symmetric: the inverse triple is missing", "Violation"),
        (MVD, str(CCG.jurisdiction), "an Agency is a body of one state: its ccg:jurisdiction is missing", "Warning"),
        (
            _assertion(store, MVD, str(CCG.jurisdiction), RU),
            None,
            "the asserted triple is not in the graph",
            "Violation",
        ),
        (
            GORA,
            str(CCG.represents),
            "the relation triple has no ccg:RelationAssertion (no evidence for it)",
            "Violation",
        ),
    }


def test_analysis_writeback_conforms():
    from graphkit.analysis import write_scores

    store = _store(_resolved())
    write_scores(store, {"pagerank": {IC: 0.4, MVD: 0.6}}, partition={IC: 0, MVD: 0})
    report = validate(store)
    assert report.conforms, report.text
