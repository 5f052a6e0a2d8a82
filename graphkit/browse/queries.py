"""Every SPARQL query the workbench runs, in one place.

They read the union of the article graphs (the default graph), and the aggregate view
(graph ``res:aggregate``, :mod:`graphkit.aggregate`) for an entity's counts per tie and year. ``{e}``, ``{a}``, ``{b}``, ``{art}`` are IRIs
(checked by :func:`iri`), ``{values}`` the body of a VALUES clause (IRIs, or rows of them).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..aggregate import AGGREGATE
from ..rdf import CCG

#: A group with no solution (an empty ``{}`` has one, with nothing bound).
_NOTHING = "{ FILTER(false) }"
_NOT_CORE = "?t NOT IN (ccg:RelationAssertion, ccg:EvidenceSentence)"
_CORE_TYPE = f'FILTER(STRSTARTS(STR(?t), "{CCG}") && {_NOT_CORE})'


def iri(value: str) -> str:
    """``<value>`` for a query, refusing anything that could end the IRI early.

    >>> iri("https://w3id.org/ccg/resource/agency/by-ic")
    '<https://w3id.org/ccg/resource/agency/by-ic>'
    """
    if any(c in value for c in '<>"{}|^`\\ \n\t'):
        raise ValueError(f"not an IRI: {value!r}")
    return f"<{value}>"


def values(iris: Iterable[str]) -> str:
    """A VALUES body of IRIs."""
    return " ".join(iri(i) for i in iris)


# Entities are repeated in every article graph that mentions them, so a pattern on one
# entity matches once per graph: the queries below join nothing across two such patterns
# (that would multiply the copies) but UNION them and let DISTINCT fold the copies.

#: Every entity's names, core type and number of articles, one branch each (search index).
NAMES = f"""
SELECT DISTINCT ?e ?name ?t ?articles WHERE {{
  {{ ?e skos:prefLabel ?name }} UNION {{ ?e skos:altLabel ?name }} UNION {{ ?e a ?t . {_CORE_TYPE} }}
  UNION {{ SELECT ?e (COUNT(DISTINCT ?art) AS ?articles) WHERE {{ ?e ccg:mentionedIn ?art }} GROUP BY ?e }}
}}"""

#: Preferred label and core type of a set of entities, one branch each.
LABELS = f"""
SELECT DISTINCT ?e ?label ?type WHERE {{
  VALUES ?e {{ {{values}} }}
  {{ ?e skos:prefLabel ?label }} UNION {{ ?e a ?t . {_CORE_TYPE} BIND(?t AS ?type) }}
}}"""

#: Preferred labels (with the articles giving each) and core types of a set of entities, from the view.
VIEW_LABELS = f"""
SELECT ?e ?label ?n ?type WHERE {{
  VALUES ?e {{ {{values}} }}
  GRAPH <{AGGREGATE}> {{ {{ ?f ccg:viewOf ?e ; ccg:viewLabel ?label ; ccg:articleCount ?n }}
                        UNION {{ ?f ccg:viewOf ?e ; ccg:entityType ?t BIND(?t AS ?type) }} }}
}}"""

#: Every name of an entity (its language is read from the literal: ``LANG(?name)`` in the
#: projection is computed for every copy, before DISTINCT: 17 ms instead of 2.5 for a hub).
ENTITY_NAMES = """
SELECT DISTINCT ?name ?pref WHERE {
  { {e} skos:prefLabel ?name BIND(true AS ?pref) } UNION { {e} skos:altLabel ?name BIND(false AS ?pref) }
}"""

#: The structural facts of an entity: country, parent bodies, units.
ENTITY_FACTS = """
SELECT DISTINCT ?what ?x WHERE {
  { {e} ccg:jurisdiction ?x BIND("country" AS ?what) }
  UNION { {e} org:subOrganizationOf ?x BIND("parent" AS ?what) }
  UNION { ?x org:subOrganizationOf {e} BIND("unit" AS ?what) }
}"""

#: How many articles mention an entity, from the article graphs (where the view is empty).
ENTITY_ARTICLES = """SELECT (COUNT(DISTINCT ?art) AS ?n) WHERE { {e} ccg:mentionedIn ?art }"""

# The view keeps per entity its ties by article count (buckets: relation, count, how many)
# and per year the ties stated and the articles stating them: an entity page reads those few
# rows, then only the ties of the buckets that reach its listing, without touching the other
# pairs or the assertions (a hub has thousands).
#: An entity's buckets of ties (``?what`` "bucket": ``?rel``, ``?count``, ``?n`` ties) and years
#: (``?what`` "ties" or "assertions": ``?year``, unbound when undated, and ``?n``).
ENTITY_SHAPE = f"""
SELECT ?what ?rel ?count ?year ?n WHERE {{
  GRAPH <{AGGREGATE}> {{
    {{ ?f ccg:entityBucketOf {{e}} ; ccg:entityBucketRelation ?rel ; ccg:entityBucketCount ?count ;
          ccg:pairCount ?n BIND("bucket" AS ?what) }}
    UNION {{ ?f ccg:entityTiesOf {{e}} ; ccg:pairCount ?n OPTIONAL {{ ?f ccg:year ?year }} BIND("ties" AS ?what) }}
    UNION {{ ?f ccg:entityYearOf {{e}} ; ccg:articleCount ?n OPTIONAL {{ ?f ccg:year ?year }}
             BIND("assertions" AS ?what) }}
  }}
}}"""

_BUCKET_TIES = "?t ccg:inEntityBucket ?b ; ccg:totalSubject ?s ; ccg:totalRelation ?rel ; ccg:totalObject ?o ; ccg:articleCount ?n"


def bucket_ties(e: str, whole: Iterable[str], parts: Iterable[tuple[str, int, int]]) -> str:
    """A SELECT of the pair totals ``?s ?rel ?o ?n`` of ``e`` in the view's buckets ``whole``
    (node IRIs) and, of each ``(bucket, offset, k)`` in ``parts``, k of them from ``offset``
    in the order of an entity page (partner IRI, incoming first)."""
    branches = [f"{{ VALUES ?b {{ {values(whole)} }} {_BUCKET_TIES} }}"] if whole else []
    branches += [
        f"{{ SELECT ?s ?rel ?o ?n WHERE {{ BIND({iri(b)} AS ?b) {_BUCKET_TIES} }} "
        f"ORDER BY (IF(?s = {iri(e)}, ?o, ?s)) (?s = {iri(e)}) OFFSET {int(offset)} LIMIT {int(k)} }}"
        for b, offset, k in parts
    ]
    return f"SELECT ?s ?rel ?o ?n WHERE {{ GRAPH <{AGGREGATE}> {{ {' UNION '.join(branches) or _NOTHING} }} }}"


#: Articles per cooperation kind (unbound: none) of pairs given by their total nodes (``{values}``).
PAIR_KINDS = f"""
SELECT ?t ?kind ?n WHERE {{
  VALUES ?t {{ {{values}} }}
  GRAPH <{AGGREGATE}> {{ ?k ccg:kindOf ?t ; ccg:articleCount ?n OPTIONAL {{ ?k ccg:viewKind ?kind }} }}
}}"""

#: How many articles mention an entity, from the view (each article gives it one preferred label).
VIEW_ARTICLES = f"""
SELECT (SUM(?n) AS ?articles) WHERE {{
  GRAPH <{AGGREGATE}> {{ ?f ccg:viewOf {{e}} ; ccg:viewLabel ?l ; ccg:articleCount ?n }}
}}"""

# ?s and ?o are bound by each query's anchor: repeating "?as rdf:subject ?s" here makes
# Oxigraph start from every assertion of the store (500 ms instead of 12 at 10^6 quads).
_ASSERTION_BODY = """
  ?as rdf:predicate ?p ; prov:wasDerivedFrom ?art .
  OPTIONAL { ?as ccg:cooperationKind ?kind }
  OPTIONAL { ?as ccg:confidence ?conf }
  OPTIONAL { ?as ccg:rule ?rule }
  OPTIONAL { ?as ccg:evidence ?sent . ?sent ccg:text ?text ; ccg:start ?start }
  OPTIONAL { ?art dcterms:title ?title }
  OPTIONAL { ?art dcterms:date ?date }
  OPTIONAL { ?art dcterms:language ?lang }
  OPTIONAL { ?art schema:url ?url }
"""
_ASSERTION_VARS = "?as ?s ?p ?o ?kind ?conf ?rule ?sent ?text ?start ?art ?title ?date ?lang ?url"

# The anchoring pattern and the body stay in one group: a body outside a UNION is evaluated
# on its own (every assertion of the store) and joined afterwards.

#: The assertions with the entity as subject or object, and their two ends (fast: it only
#: walks the entity's own rdf:subject/rdf:object links).
ENTITY_ASSERTION_IDS = """
SELECT DISTINCT ?as ?s ?o WHERE {
  { ?as rdf:subject {e} ; rdf:object ?o BIND({e} AS ?s) }
  UNION { ?as rdf:object {e} ; rdf:subject ?s BIND({e} AS ?o) }
}"""



def assertion_ids_between(pairs: Iterable[tuple[str, str, bool]]) -> str:
    """A SELECT of the assertions ``?as ?s ?o`` of each ``(subject, object, subject_first)``:
    Oxigraph follows the written order, so the end with fewer assertions is looked up first
    (0.2 ms instead of 12 for a pair of a hub and a small body).

    >>> "rdf:object <urn:b> ; rdf:subject <urn:a>" in assertion_ids_between([("urn:a", "urn:b", False)])
    True
    """
    blocks = []
    for s, o, subject_first in pairs:
        ends = [f"rdf:subject {iri(s)}", f"rdf:object {iri(o)}"]
        first, second = ends if subject_first else ends[::-1]
        blocks.append(f"{{ ?as {first} ; {second} BIND({iri(s)} AS ?s) BIND({iri(o)} AS ?o) }}")
    return f"SELECT DISTINCT ?as ?s ?o WHERE {{ {' UNION '.join(blocks) or _NOTHING} }}"


# The evidence of those assertions is asked for by VALUES in a second query: with the
# anchor in the same query, Oxigraph evaluates the optional evidence and article parts
# over the whole store (0.9 s for any entity at 10^6 quads, against 1 ms in two steps).
#: Evidence and article of the assertions given as ``{values}`` rows of ``(?as ?s ?o)``.
ASSERTIONS_BY_ID = f"""
SELECT DISTINCT {_ASSERTION_VARS} WHERE {{
  VALUES (?as ?s ?o) {{ {{values}} }}
  {_ASSERTION_BODY}
}}"""


def assertion_rows(rows: Iterable[dict[str, str]]) -> str:
    """VALUES rows ``(<as> <s> <o>)`` for :data:`ASSERTIONS_BY_ID` from ENTITY_ASSERTION_IDS rows."""
    return " ".join(f"({iri(r['as'])} {iri(r['s'])} {iri(r['o'])})" for r in rows)


#: Every assertion between two entities, either way round.
EDGE_ASSERTIONS = f"""
SELECT DISTINCT {_ASSERTION_VARS} WHERE {{
  {{ ?as rdf:subject {{a}} ; rdf:object {{b}} . {_ASSERTION_BODY} BIND({{a}} AS ?s) BIND({{b}} AS ?o) }}
  UNION {{ ?as rdf:subject {{b}} ; rdf:object {{a}} . {_ASSERTION_BODY} BIND({{b}} AS ?s) BIND({{a}} AS ?o) }}
}}"""

#: Every assertion derived from one article (all in the article's own graph).
ARTICLE_ASSERTIONS = f"""
SELECT DISTINCT {_ASSERTION_VARS} WHERE {{
  GRAPH {{art}} {{ ?as prov:wasDerivedFrom {{art}} ; rdf:subject ?s ; rdf:object ?o .
  {_ASSERTION_BODY} }}
}}"""

#: How many articles the store holds.
ARTICLE_COUNT = "SELECT (COUNT(?g) AS ?n) WHERE { GRAPH ?g { ?g a schema:NewsArticle } }"

#: Entities per core type, from the view (one "type" fact per entity and type).
VIEW_TYPES = f"""
SELECT ?t (COUNT(?f) AS ?n) WHERE {{ GRAPH <{AGGREGATE}> {{ ?f ccg:entityType ?t }} }}
GROUP BY ?t"""

#: Pairs per relation, from the view's one "total" fact per pair (a symmetric relation's pair once).
VIEW_TOTALS = f"""
SELECT ?rel (COUNT(?f) AS ?n) WHERE {{ GRAPH <{AGGREGATE}> {{ ?f ccg:totalRelation ?rel }} }} GROUP BY ?rel"""

#: The same from the per-year pair facts, for a view written before it had totals.
VIEW_RELATIONS = f"""
SELECT ?rel (COUNT(*) AS ?n) WHERE {{
  SELECT DISTINCT ?rel ?s ?o WHERE {{
    GRAPH <{AGGREGATE}> {{ ?f ccg:pairRelation ?rel ; ccg:pairSubject ?s ; ccg:pairObject ?o }} }}
}} GROUP BY ?rel"""

#: An article's metadata.
ARTICLE = """
SELECT ?title ?date ?lang ?url ?path ?body WHERE {
  GRAPH {art} { {art} a schema:NewsArticle
    OPTIONAL { {art} dcterms:title ?title } OPTIONAL { {art} dcterms:date ?date }
    OPTIONAL { {art} dcterms:language ?lang } OPTIONAL { {art} schema:url ?url }
    OPTIONAL { {art} ccg:sourcePath ?path } OPTIONAL { {art} schema:articleBody ?body } }
} LIMIT 1"""

#: The spans of an article's text that name an entity (offsets into its schema:articleBody).
ARTICLE_SPANS = """
SELECT ?start ?end ?e WHERE {
  GRAPH {art} { ?m ccg:mentionOf ?e ; oa:start ?start ; oa:end ?end }
} ORDER BY ?start DESC(?end)"""

#: The sentences kept from an article (evidence), in text order.
ARTICLE_SENTENCES = """
SELECT DISTINCT ?text ?start ?end WHERE {
  GRAPH {art} { ?sent ccg:inArticle {art} ; ccg:text ?text ; ccg:start ?start ; ccg:end ?end }
} ORDER BY ?start"""

#: The entities an article mentions, with the names met in it.
ARTICLE_MENTIONS = f"""
SELECT DISTINCT ?e ?t ?name WHERE {{
  GRAPH {{art}} {{ ?e ccg:mentionedIn {{art}} ; a ?t . {_CORE_TYPE}
    {{ ?e skos:prefLabel ?name }} UNION {{ ?e skos:altLabel ?name }} }}
}}"""

#: The subgraph behind a page: the entities' (or article's) own triples, the assertions about
#: them or derived from them, and those assertions' evidence sentences.
SUBGRAPH = """
CONSTRUCT { ?s ?p ?o } WHERE {
  VALUES ?x { {values} }
  { ?x ?p ?o BIND(?x AS ?s) }
  UNION { { ?s rdf:subject ?x } UNION { ?s rdf:object ?x } UNION { ?s prov:wasDerivedFrom ?x }
          ?s a ccg:RelationAssertion ; ?p ?o }
  UNION { { ?as rdf:subject ?x } UNION { ?as rdf:object ?x } UNION { ?as prov:wasDerivedFrom ?x }
          ?as ccg:evidence ?s . ?s ?p ?o }
}"""


#: The subgraph behind an edge page: the two entities' types and labels, the relation triples
#: between them, the assertions of those and their evidence sentences (nothing else of either
#: entity: a hub's whole subgraph is not the edge's).
EDGE_SUBGRAPH = """
CONSTRUCT { ?s ?p ?o } WHERE {
  { VALUES ?s { {a} {b} } VALUES ?p { rdf:type rdfs:label skos:prefLabel } ?s ?p ?o }
  UNION { VALUES (?s ?o) { ({a} {b}) ({b} {a}) } ?s ?p ?o }
  UNION { { ?s rdf:subject {a} ; rdf:object {b} } UNION { ?s rdf:subject {b} ; rdf:object {a} }
          ?s a ccg:RelationAssertion ; ?p ?o }
  UNION { { ?as rdf:subject {a} ; rdf:object {b} } UNION { ?as rdf:subject {b} ; rdf:object {a} }
          ?as ccg:evidence ?s . ?s ?p ?o }
}"""


def fill(query: str, **terms: str) -> str:
    """``query`` with ``{name}`` replaced by the IRI ``terms[name]`` (``values``: given as is).

    >>> fill("SELECT * { {e} ?p ?o }", e="https://x.org/a")
    'SELECT * { <https://x.org/a> ?p ?o }'
    """
    for name, value in terms.items():
        query = query.replace("{" + name + "}", value if name == "values" else iri(value))
    return query
