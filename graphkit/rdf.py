"""Namespaces and the mapping from a resolved article to the quads of its named graph.

The layout is described in docs/rdf-model.md. Quads are built as pyoxigraph terms because
the store is Oxigraph; ``rdflib`` users get the same graph through ``Store.as_rdflib()``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from functools import lru_cache

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


# IRIs of the terms an article's quads use, made once: rdflib's namespace look-ups and
# pyoxigraph's IRI checks cost more than the rest of building a quad.
_CCG_EVIDENCESENTENCE = str(CCG.EvidenceSentence)
_CCG_RELATIONASSERTION = str(CCG.RelationAssertion)
_CCG_CONFIDENCE = str(CCG.confidence)
_CCG_CONTENTHASH = str(CCG.contentHash)
_CCG_COOPERATIONKIND = str(CCG.cooperationKind)
_CCG_END = str(CCG.end)
_CCG_EVIDENCE = str(CCG.evidence)
_CCG_INARTICLE = str(CCG.inArticle)
_CCG_ISOCODE = str(CCG.isoCode)
_CCG_MENTIONOF = str(CCG.mentionOf)
_CCG_MENTIONEDIN = str(CCG.mentionedIn)
_CCG_RULE = str(CCG.rule)
_CCG_SOURCEPATH = str(CCG.sourcePath)
_CCG_START = str(CCG.start)
_CCG_TEXT = str(CCG.text)
_DCTERMS_DATE = str(DCTERMS.date)
_DCTERMS_LANGUAGE = str(DCTERMS.language)
_DCTERMS_TITLE = str(DCTERMS.title)
_OA_END = str(OA.end)
_OA_START = str(OA.start)
_PROV_ENTITY = str(PROV.Entity)
_PROV_WASDERIVEDFROM = str(PROV.wasDerivedFrom)
_PROV_WASGENERATEDBY = str(PROV.wasGeneratedBy)
_RDF_STATEMENT = str(RDF.Statement)
_RDF_OBJECT = str(RDF.object)
_RDF_PREDICATE = str(RDF.predicate)
_RDF_SUBJECT = str(RDF.subject)
_RDF_TYPE = str(RDF.type)
_RDFS_LABEL = str(RDFS.label)
_SCHEMA_NEWSARTICLE = str(SCHEMA.NewsArticle)
_SCHEMA_ARTICLEBODY = str(SCHEMA.articleBody)
_SCHEMA_URL = str(SCHEMA.url)
_SKOS_ALTLABEL = str(SKOS.altLabel)
_SKOS_PREFLABEL = str(SKOS.prefLabel)
_XSD_DATE = str(XSD.date)


@lru_cache(maxsize=1 << 12)
def _iri(value: str) -> NamedNode:
    return NamedNode(value)


def article_quads(resolved: ResolvedArticle) -> Iterator[Quad]:
    """Every quad of one article's named graph (deterministic: same input, same quads)."""
    art = resolved.article
    a_iri = article_iri(art.id)
    graph = NamedNode(a_iri)
    a_node = NamedNode(a_iri)

    def q(s: NamedNode, p: str, o) -> Quad:
        return Quad(s, _iri(p), o, graph)

    yield q(a_node, _RDF_TYPE, _iri(_SCHEMA_NEWSARTICLE))
    yield q(a_node, _RDF_TYPE, _iri(_PROV_ENTITY))
    yield q(a_node, _CCG_CONTENTHASH, Literal(art.id))
    if art.title:
        yield q(a_node, _DCTERMS_TITLE, Literal(art.title))
    if art.url:
        yield q(a_node, _SCHEMA_URL, NamedNode(art.url))
    if art.published:
        yield q(a_node, _DCTERMS_DATE, Literal(art.published.isoformat(), datatype=_iri(_XSD_DATE)))
    if art.lang:
        yield q(a_node, _DCTERMS_LANGUAGE, Literal(art.lang))
    if art.source_path:
        yield q(a_node, _CCG_SOURCEPATH, Literal(art.source_path))
    # The text itself, so that pages can show it with its mentions (offsets below refer to it).
    yield q(a_node, _SCHEMA_ARTICLEBODY, Literal(art.text))
    extractor = NamedNode(f"{RES}extractor/{resolved.extractor or EXTRACTOR}")
    yield q(a_node, _PROV_WASGENERATEDBY, extractor)

    for ent in resolved.entities.values():
        e = _iri(ent.iri)
        yield q(e, _RDF_TYPE, _iri(str(CCG[ent.type])))
        yield q(e, _RDFS_LABEL, Literal(ent.pref_label, language=ent.pref_lang))
        yield q(e, _SKOS_PREFLABEL, Literal(ent.pref_label, language=ent.pref_lang))
        for name, lang in sorted(ent.labels):
            if (name, lang) != (ent.pref_label, ent.pref_lang):
                yield q(e, _SKOS_ALTLABEL, Literal(name, language=lang) if lang else Literal(name))
        if ent.iso:
            yield q(e, _CCG_ISOCODE, Literal(ent.iso))
        yield q(e, _CCG_MENTIONEDIN, a_node)

    # One node per mention, three triples: where in the text (Web Annotation's
    # TextPositionSelector offsets) and which entity.
    for start, end, iri in resolved.mentions:
        m = NamedNode(f"{a_iri}/mention/{start}-{end}")
        yield q(m, _OA_START, Literal(start))
        yield q(m, _OA_END, Literal(end))
        yield q(m, _CCG_MENTIONOF, _iri(iri))

    for rel in resolved.relations:
        prop = RELATION_PROPERTIES[rel.predicate]
        s, o = _iri(rel.subject), _iri(rel.object)
        yield q(s, prop, o)
        if rel.predicate in SYMMETRIC:
            yield q(o, prop, s)
        assertion = NamedNode(f"{RES}assertion/{_hash(art.id, rel.subject, prop, rel.object)}")
        yield q(assertion, _RDF_TYPE, _iri(_CCG_RELATIONASSERTION))
        yield q(assertion, _RDF_TYPE, _iri(_RDF_STATEMENT))
        yield q(assertion, _RDF_TYPE, _iri(_PROV_ENTITY))
        yield q(assertion, _RDF_SUBJECT, s)
        yield q(assertion, _RDF_PREDICATE, _iri(prop))
        yield q(assertion, _RDF_OBJECT, o)
        yield q(assertion, _CCG_CONFIDENCE, Literal(round(rel.confidence, 3)))
        if rel.rule:
            yield q(assertion, _CCG_RULE, Literal(rel.rule))
        if rel.kind:
            yield q(assertion, _CCG_COOPERATIONKIND, _iri(str(CCGK[rel.kind])))
        for sent in rel.evidence:
            sent_node = NamedNode(f"{a_iri}/sentence/{sent.start}-{sent.end}")
            yield q(sent_node, _RDF_TYPE, _iri(_CCG_EVIDENCESENTENCE))
            yield q(sent_node, _CCG_TEXT, Literal(sent.text))
            yield q(sent_node, _CCG_START, Literal(sent.start))
            yield q(sent_node, _CCG_END, Literal(sent.end))
            yield q(sent_node, _CCG_INARTICLE, a_node)
            yield q(assertion, _CCG_EVIDENCE, sent_node)
        yield q(assertion, _PROV_WASDERIVEDFROM, a_node)
        yield q(assertion, _PROV_WASGENERATEDBY, extractor)
