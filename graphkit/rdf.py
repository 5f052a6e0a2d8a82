"""Namespaces and the mapping from a resolved article to the quads of its named graph.

The layout is described in docs/rdf-model.md. Quads are built as pyoxigraph terms because
the store is Oxigraph; ``rdflib`` users get the same graph through ``Store.as_rdflib()``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from pyoxigraph import Literal, NamedNode, Quad
from rdflib import Namespace

from .model import ResolvedArticle

# CCG, ORG, RELATION_PROPERTIES, SYMMETRIC and TYPE_SEGMENTS stay importable from here.
from .vocabulary import CCG, ORG, RELATION_PROPERTIES, SYMMETRIC, TYPE_SEGMENTS

CCGK = Namespace("https://w3id.org/ccg/cooperation-kind#")
RES = Namespace("https://w3id.org/ccg/resource/")
PROV = Namespace("http://www.w3.org/ns/prov#")
SCHEMA = Namespace("https://schema.org/")
DCTERMS = Namespace("http://purl.org/dc/terms/")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
OA = Namespace("http://www.w3.org/ns/oa#")

#: Prefixes offered to SPARQL queries, exports and the query page.
PREFIXES: dict[str, str] = {
    "ccg": str(CCG),
    "ccgk": str(CCGK),
    "res": str(RES),
    "org": str(ORG),
    "prov": str(PROV),
    "schema": str(SCHEMA),
    "dcterms": str(DCTERMS),
    "skos": str(SKOS),
    "rdfs": str(RDFS),
    "rdf": str(RDF),
    "xsd": str(XSD),
    "foaf": str(FOAF),
    "oa": str(OA),
}

EXTRACTOR = "graphkit-rules"


def entity_iri(type_: str, key: str) -> str:
    """The IRI of an entity of a core type with a key.

    >>> entity_iri("State", "BY")
    'https://w3id.org/ccg/resource/state/BY'
    """
    return f"{RES}{TYPE_SEGMENTS[type_]}/{key}"


def article_iri(article_id: str) -> str:
    return f"{RES}article/{article_id}"


def _hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:20]


def article_quads(resolved: ResolvedArticle) -> Iterator[Quad]:
    """Every quad of one article's named graph (deterministic: same input, same quads)."""
    art = resolved.article
    a_iri = article_iri(art.id)
    graph = NamedNode(a_iri)
    a_node = NamedNode(a_iri)

    def q(s: NamedNode, p: str, o) -> Quad:
        return Quad(s, NamedNode(p), o, graph)

    yield q(a_node, str(RDF.type), NamedNode(str(SCHEMA.NewsArticle)))
    yield q(a_node, str(RDF.type), NamedNode(str(PROV.Entity)))
    yield q(a_node, str(CCG.contentHash), Literal(art.id))
    if art.title:
        yield q(a_node, str(DCTERMS.title), Literal(art.title))
    if art.url:
        yield q(a_node, str(SCHEMA.url), NamedNode(art.url))
    if art.published:
        yield q(a_node, str(DCTERMS.date), Literal(art.published.isoformat(), datatype=NamedNode(str(XSD.date))))
    if art.lang:
        yield q(a_node, str(DCTERMS.language), Literal(art.lang))
    if art.source_path:
        yield q(a_node, str(CCG.sourcePath), Literal(art.source_path))
    # The text itself, so that pages can show it with its mentions (offsets below refer to it).
    yield q(a_node, str(SCHEMA.articleBody), Literal(art.text))
    extractor = NamedNode(f"{RES}extractor/{resolved.extractor or EXTRACTOR}")
    yield q(a_node, str(PROV.wasGeneratedBy), extractor)

    for ent in resolved.entities.values():
        e = NamedNode(ent.iri)
        yield q(e, str(RDF.type), NamedNode(str(CCG[ent.type])))
        yield q(e, str(RDFS.label), Literal(ent.pref_label, language=ent.pref_lang))
        yield q(e, str(SKOS.prefLabel), Literal(ent.pref_label, language=ent.pref_lang))
        for name, lang in sorted(ent.labels):
            if (name, lang) != (ent.pref_label, ent.pref_lang):
                yield q(e, str(SKOS.altLabel), Literal(name, language=lang) if lang else Literal(name))
        if ent.iso:
            yield q(e, str(CCG.isoCode), Literal(ent.iso))
        yield q(e, str(CCG.mentionedIn), a_node)

    # One node per mention, three triples: where in the text (Web Annotation's
    # TextPositionSelector offsets) and which entity.
    for start, end, iri in resolved.mentions:
        m = NamedNode(f"{a_iri}/mention/{start}-{end}")
        yield q(m, str(OA.start), Literal(start))
        yield q(m, str(OA.end), Literal(end))
        yield q(m, str(CCG.mentionOf), NamedNode(iri))

    for rel in resolved.relations:
        prop = RELATION_PROPERTIES[rel.predicate]
        s, o = NamedNode(rel.subject), NamedNode(rel.object)
        yield q(s, prop, o)
        if rel.predicate in SYMMETRIC:
            yield q(o, prop, s)
        assertion = NamedNode(f"{RES}assertion/{_hash(art.id, rel.subject, prop, rel.object)}")
        yield q(assertion, str(RDF.type), NamedNode(str(CCG.RelationAssertion)))
        yield q(assertion, str(RDF.type), NamedNode(str(RDF.Statement)))
        yield q(assertion, str(RDF.type), NamedNode(str(PROV.Entity)))
        yield q(assertion, str(RDF.subject), s)
        yield q(assertion, str(RDF.predicate), NamedNode(prop))
        yield q(assertion, str(RDF.object), o)
        yield q(assertion, str(CCG.confidence), Literal(round(rel.confidence, 3)))
        if rel.rule:
            yield q(assertion, str(CCG.rule), Literal(rel.rule))
        if rel.kind:
            yield q(assertion, str(CCG.cooperationKind), NamedNode(str(CCGK[rel.kind])))
        for sent in rel.evidence:
            sent_node = NamedNode(f"{a_iri}/sentence/{sent.start}-{sent.end}")
            yield q(sent_node, str(RDF.type), NamedNode(str(CCG.EvidenceSentence)))
            yield q(sent_node, str(CCG.text), Literal(sent.text))
            yield q(sent_node, str(CCG.start), Literal(sent.start))
            yield q(sent_node, str(CCG.end), Literal(sent.end))
            yield q(sent_node, str(CCG.inArticle), a_node)
            yield q(assertion, str(CCG.evidence), sent_node)
        yield q(assertion, str(PROV.wasDerivedFrom), a_node)
        yield q(assertion, str(PROV.wasGeneratedBy), extractor)
