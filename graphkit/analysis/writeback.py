"""Analysis results back into the store, so that SPARQL users can query them.

Scores live in one named graph, ``ANALYSIS_GRAPH``, replaced on every run::

    <analysis/latest/score/pagerank/…> a ccg:CentralityScore ; ccg:scoreOf <entity> ;
        ccg:measure "pagerank" ; ccg:value 0.12 ; ccg:computedAt "…"^^xsd:dateTime .
    <entity> ccg:community 3 .
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable
from datetime import datetime, timezone

from pyoxigraph import Literal, NamedNode, Quad

from ..rdf import CCG, RDF, RES, XSD

__all__ = ["ANALYSIS_GRAPH", "write_scores"]

#: The named graph holding the latest analysis results.
ANALYSIS_GRAPH = f"{RES}analysis/latest"


def write_scores(
    store,
    scores: dict[str, dict[Hashable, float]],
    *,
    computed_at: datetime | None = None,
    partition: dict[Hashable, int] | None = None,
) -> str:
    """Write ``scores`` (measure -> entity IRI -> value) and the community of each entity
    in ``partition`` into the analysis graph, replacing its previous content; return the
    graph's IRI. ``computed_at`` defaults to now (UTC).

    >>> from graphkit.store import Store
    >>> store = Store(None)
    >>> write_scores(store, {"pagerank": {"https://w3id.org/ccg/resource/io/europol": 0.4}})
    'https://w3id.org/ccg/resource/analysis/latest'
    >>> store.select("SELECT ?v WHERE { ?s ccg:measure 'pagerank' ; ccg:value ?v }")
    [{'v': 0.4}]
    """
    computed_at = computed_at or datetime.now(timezone.utc)
    store.put_article(ANALYSIS_GRAPH, _quads(scores, computed_at, partition or {}))
    return ANALYSIS_GRAPH


def _quads(scores, computed_at: datetime, partition) -> list[Quad]:
    g = NamedNode(ANALYSIS_GRAPH)
    when = Literal(computed_at.isoformat(), datatype=NamedNode(str(XSD.dateTime)))
    double, integer = NamedNode(str(XSD.double)), NamedNode(str(XSD.integer))
    p = {name: NamedNode(str(CCG[name])) for name in ("scoreOf", "measure", "value", "computedAt", "community")}
    score_class, rdf_type = NamedNode(str(CCG.CentralityScore)), NamedNode(str(RDF.type))
    quads = []
    for measure, values in scores.items():
        for entity, value in values.items():
            key = hashlib.sha256(str(entity).encode("utf-8")).hexdigest()[:20]
            score = NamedNode(f"{ANALYSIS_GRAPH}/score/{measure}/{key}")
            quads += [
                Quad(score, rdf_type, score_class, g),
                Quad(score, p["scoreOf"], NamedNode(str(entity)), g),
                Quad(score, p["measure"], Literal(measure), g),
                Quad(score, p["value"], Literal(repr(float(value)), datatype=double), g),
                Quad(score, p["computedAt"], when, g),
            ]
    for entity, community in partition.items():
        quads.append(Quad(NamedNode(str(entity)), p["community"], Literal(str(int(community)), datatype=integer), g))
    return quads
