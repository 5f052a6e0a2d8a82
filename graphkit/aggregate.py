"""The aggregate view: whole-graph counts that the writer keeps in step with the articles.

Whole-graph questions (who cooperates most, ties per year, the most connected bodies) scan
every assertion of every article when asked of the article graphs. The view answers them
from one small named graph, :data:`AGGREGATE` (``res:aggregate``), holding per entity its
preferred labels, core types and jurisdiction, and per relation, pair and year the number
of articles stating it (see docs/rdf-model.md, "Aggregate view").

Every fact of the view counts the articles that support it, so an article's
:func:`contribution` can be added when it is written and subtracted when it is removed;
the store does both in the same transaction as the article itself (``Store.put_article``).
A fact whose count falls to zero leaves the view. Counts of distinct articles add up because
each article is one graph: a symmetric relation is counted once per unordered pair.

>>> from pyoxigraph import Literal, NamedNode, Quad
>>> g, x = NamedNode("https://w3id.org/ccg/resource/article/a1"), NamedNode("urn:x")
>>> c = contribution([Quad(x, NamedNode(str(SKOS.prefLabel)), Literal("X", language="en"), g)])
>>> list(c)
[('label', 'urn:x', '"X"@en')]
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from .rdf import CCG, DCTERMS, PROV, RDF, RES, SKOS
from .vocabulary import ENTITIES, RELATIONS

#: The named graph of the view (derived data: not exported, not counted by ``len``).
AGGREGATE = f"{RES}aggregate"

#: A fact of the view: ("label", entity, literal), ("type", entity, class IRI),
#: ("country", entity, state IRI), ("pair", subject, relation IRI, object, year or None),
#: ("year", relation IRI, year). Terms are N-Triples strings for literals, plain IRIs otherwise.
Fact = tuple

_TYPES = frozenset(e.iri for e in ENTITIES)
_RELATIONS = frozenset(r.iri for r in RELATIONS)
_SYMMETRIC = frozenset(r.iri for r in RELATIONS if r.symmetric)
_PREF, _TYPE, _JURISDICTION = str(SKOS.prefLabel), str(RDF.type), str(CCG.jurisdiction)
_SUBJECT, _PREDICATE, _OBJECT = str(RDF.subject), str(RDF.predicate), str(RDF.object)
_DERIVED, _DATE = str(PROV.wasDerivedFrom), str(DCTERMS.date)


def contribution(quads: Iterable[ox.Quad]) -> Counter[Fact]:
    """The facts one article's quads give the view, each counted once (the article)."""
    facts: set[Fact] = set()
    dates: dict[str, str] = {}
    assertions: dict[str, dict[str, str]] = {}
    for q in quads:
        p, s, o = q.predicate.value, q.subject.value, q.object
        if p == _PREF:
            facts.add(("label", s, str(o)))
        elif p == _TYPE and o.value in _TYPES:
            facts.add(("type", s, o.value))
        elif p == _JURISDICTION:
            facts.add(("country", s, o.value))
        elif p == _DATE:
            dates[s] = o.value
        elif p in (_SUBJECT, _PREDICATE, _OBJECT, _DERIVED):
            assertions.setdefault(s, {})[p] = o.value
    for a in assertions.values():
        rel, s, o = a.get(_PREDICATE), a.get(_SUBJECT), a.get(_OBJECT)
        if rel not in _RELATIONS or s is None or o is None or _DERIVED not in a:
            continue
        year = _year(dates.get(a.get(_DERIVED, "")))
        if rel in _SYMMETRIC and o < s:
            s, o = o, s
        facts.add(("pair", s, rel, o, year))
        if year is not None:
            facts.add(("year", rel, year))
    return Counter(facts)


def _year(day: str | None) -> int | None:
    try:
        return int(day[:4]) if day else None
    except ValueError:
        return None


def node(fact: Fact) -> str:
    """The IRI of a fact's node in the view (deterministic, so a writer finds it again)."""
    return f"{RES}aggregate/{hashlib.sha256(repr(fact).encode()).hexdigest()[:24]}"


def description(fact: Fact, count: int) -> Iterator[str]:
    """The view's triples for one fact, in N-Triples syntax (for SPARQL Update)."""
    n = f"<{node(fact)}>"
    kind = fact[0]
    if kind == "pair":
        _, s, rel, o, year = fact
        yield f"{n} <{CCG.pairSubject}> <{s}> ; <{CCG.pairRelation}> <{rel}> ; <{CCG.pairObject}> <{o}>"
    elif kind == "year":
        _, rel, year = fact
        yield f"{n} <{CCG.yearRelation}> <{rel}>"
    else:
        _, e, value = fact
        prop = {"label": CCG.viewLabel, "type": CCG.entityType, "country": CCG.viewCountry}[kind]
        yield f"{n} <{CCG.viewOf}> <{e}> ; <{prop}> {value if kind == 'label' else f'<{value}>'}"
        year = None
    if year is not None:
        yield f'{n} <{CCG.year}> "{year}"^^<http://www.w3.org/2001/XMLSchema#integer>'
    yield f'{n} <{CCG.articleCount}> "{count}"^^<http://www.w3.org/2001/XMLSchema#integer>'


def insert_data(graph: str, triples: Iterable[str]) -> str:
    """A SPARQL ``INSERT DATA`` of N-Triples statements into ``graph`` ('' when none)."""
    body = " .\n".join(triples)
    return f"INSERT DATA {{ GRAPH <{graph}> {{ {body} . }} }}" if body else ""


def changes(old: Counter[Fact], new: Counter[Fact], current: dict[Fact, int]) -> str:
    """The SPARQL Update operations that move the view from ``current`` counts of the facts
    of ``old`` and ``new`` to ``current - old + new`` ('' when nothing changes)."""
    ops, triples = [], []
    for fact in old.keys() | new.keys():
        if old[fact] == new[fact]:
            continue
        count = current.get(fact, 0) - old[fact] + new[fact]
        if fact in current:
            ops.append(f"DELETE WHERE {{ GRAPH <{AGGREGATE}> {{ <{node(fact)}> ?p ?o }} }}")
        if count > 0:
            triples.extend(description(fact, count))
    ops.append(insert_data(AGGREGATE, triples))
    return " ;\n".join(op for op in ops if op)


def current_counts(store: ox.Store, facts: Iterable[Fact]) -> dict[Fact, int]:
    """The counts the view holds now for ``facts`` (absent facts are left out)."""
    by_node = {node(f): f for f in facts}
    if not by_node:
        return {}
    values = " ".join(f"<{n}>" for n in by_node)
    rows = store.query(
        f"SELECT ?n ?c WHERE {{ VALUES ?n {{ {values} }} GRAPH <{AGGREGATE}> {{ ?n <{CCG.articleCount}> ?c }} }}"
    )
    return {by_node[row["n"].value]: int(row["c"].value) for row in rows}


def recount(quads: Iterable[ox.Quad]) -> Counter[Fact]:
    """The whole view from scratch: the sum of every article graph's contribution (quads
    of the view itself and of the default graph are ignored)."""
    by_graph: dict[ox.NamedNode, list[ox.Quad]] = {}
    for q in quads:
        if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value != AGGREGATE:
            by_graph.setdefault(q.graph_name, []).append(q)
    total: Counter[Fact] = Counter()
    for article in by_graph.values():
        total.update(contribution(article))
    return total


def refresh(quads: Iterable[ox.Quad]) -> str:
    """The SPARQL Update (one transaction) that replaces the view by a recount of ``quads``."""
    counts = recount(quads)
    triples = (t for fact, n in counts.items() for t in description(fact, n))
    return " ;\n".join(op for op in (f"DROP SILENT GRAPH <{AGGREGATE}>", insert_data(AGGREGATE, triples)) if op)


__all__ = ["AGGREGATE", "changes", "contribution", "current_counts", "description", "node", "recount", "refresh"]
