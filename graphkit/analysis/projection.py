"""From the RDF store to a NetworkX graph: the projections that analyses work on.

A projection reads the union of article graphs with a handful of bulk SPARQL queries
(entities, names, articles, assertions), never one query per node, and aggregates the
relation assertions of the articles into weighted edges with their evidence.

==============  =====================================================================
projection      graph
==============  =====================================================================
``agencies``    ``nx.Graph``: agencies, international and private organizations, joined
                by ``ccg:cooperatesWith``
``states``      ``nx.Graph``: states; an agency's ties count for its ``ccg:jurisdiction``
``actor-event`` ``nx.Graph``, bipartite: actors (``bipartite=0``) and events
                (``bipartite=1``) joined by ``ccg:participatesIn`` / ``ccg:organizes``
``full``        ``nx.MultiDiGraph``: every entity and every contract relation, keyed by
                relation name; symmetric relations are stored in both directions, as in RDF
==============  =====================================================================
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import networkx as nx

from ..rdf import CCG, DCTERMS, PROV, RDF, RES, SCHEMA, SKOS
from ..vocabulary import ACTORS, ENTITIES, ENTITY, ORGANIZATIONS, RELATION, RELATIONS, entity_type_of, relation_of

__all__ = ["PROJECTIONS", "project"]

#: Names accepted by :func:`project`.
PROJECTIONS = ("agencies", "states", "actor-event", "full")

#: Evidence sentences kept per edge.
MAX_EVIDENCE = 20

_STATE_PREFIX = f"{RES}{ENTITY['State'].segment}/"
_ALL_TYPES = frozenset(ENTITY)

#: projection -> (entity types that become nodes, relation names that become edges)
_LAYOUT: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {
    "agencies": (ORGANIZATIONS, ("cooperatesWith",)),
    "states": (_ALL_TYPES, ("cooperatesWith",)),
    "actor-event": (ACTORS | {"Event"}, ("participatesIn", "organizes")),
    "full": (_ALL_TYPES, tuple(r.name for r in RELATIONS)),
}


def project(
    store,
    projection: str = "agencies",
    *,
    since: date | None = None,
    until: date | None = None,
    country: str | None = None,
    types: Iterable[str] | None = None,
    kinds: Iterable[str] | None = None,
    evidence: bool = True,
) -> nx.Graph | nx.MultiDiGraph:
    """The graph of one projection of the store (see the module docstring).

    Nodes are entity IRIs with ``label``, ``type``, ``labels`` (``"name@lang"``), ``iso``
    (states), ``jurisdiction`` (ISO code), ``articles`` (distinct articles mentioning the
    entity) and ``first_seen`` (earliest such article's date, ISO string, or None).
    Edges carry ``weight`` (distinct articles stating the edge), ``kinds``,
    ``predicates``, ``evidence`` (up to 20 ``{"text", "article", "url", "title",
    "date"}``, newest first) and ``years``.

    Filters: ``since``/``until`` keep the statements and mentions of articles dated in
    range (both inclusive; undated articles drop out); ``kinds`` keeps the
    ``cooperatesWith`` statements of these cooperation kinds (other relations pass) and
    only the nodes that keep an edge; ``types`` keeps entities of these core types
    (for ``states``: the entities whose ties are aggregated); ``country`` (ISO code)
    keeps the nodes of that state or under its jurisdiction, and their neighbours.

    ``evidence=False`` is for analyses that need the weights only (centrality,
    communities): ``agencies`` and ``full`` without date or kind filters then read their
    edges from the aggregate view of an embedded store (``graphkit.aggregate``: per pair
    its article count and years), not from every assertion; the nodes, edges, ``weight``,
    ``predicates`` and ``years`` are the same, ``kinds`` and ``evidence`` are left out.

    >>> from graphkit.store import Store
    >>> G = project(Store(None), "agencies")
    >>> G.number_of_nodes(), G.is_directed()
    (0, False)
    """
    if projection not in PROJECTIONS:
        raise ValueError(f"unknown projection {projection!r}; choose one of {', '.join(PROJECTIONS)}")
    node_types, relations = _LAYOUT[projection]
    if types is not None:
        node_types = node_types & frozenset(types)
    kinds = frozenset(kinds) if kinds is not None else None
    dated = since is not None or until is not None

    articles = _articles(store)
    keep = {a for a, info in articles.items() if _in_range(info.date, since, until)} if dated else None
    entities = _entities(store, articles, keep)

    if projection == "states":
        states = {e for e, info in entities.items() if info.type == "State"}
        states |= {info.jurisdiction_iri for info in entities.values() if info.jurisdiction_iri}

        def node_of(e: str) -> str | None:
            info = entities.get(e)
            if info is None or info.type not in node_types:
                return None
            return e if info.type == "State" else info.jurisdiction_iri

        nodes = states
    else:

        def node_of(e: str) -> str | None:
            info = entities.get(e)
            return e if info is not None and info.type in node_types else None

        nodes = {e for e, info in entities.items() if info.type in node_types}

    directed = projection == "full"
    if not evidence and _from_view(store, projection, dated, kinds):
        edges = _view_edges(store, relations, node_of, directed=directed)
    else:
        edges = _edges(store, relations, articles, keep, kinds, node_of, directed=directed)

    G: nx.Graph = nx.MultiDiGraph() if projection == "full" else nx.Graph()
    if kinds is None:
        G.add_nodes_from(n for n in nodes if not dated or entities.get(n, _NO_ENTITY).articles)
    for (u, v, name), edge in edges.items():
        G.add_edge(u, v, **({"key": name, "predicate": name} if G.is_multigraph() else {}), **edge.attrs(articles))
    for n, data in G.nodes(data=True):
        data.update(entities.get(n, _NO_ENTITY).attrs(n))
    if projection == "actor-event":
        for _, data in G.nodes(data=True):
            data["bipartite"] = int(data["type"] == "Event")
        G.remove_nodes_from([n for n, d in G.degree() if d == 0 and G.nodes[n]["bipartite"] == 0])
    if country is not None:
        G = _around_country(G, country.upper())
    return G


# -- reading the store -------------------------------------------------------------------


@dataclass
class _ArticleInfo:
    date: date | None = None
    title: str | None = None
    url: str | None = None


@dataclass
class _EntityInfo:
    type: str | None = None
    pref: dict[str, str] = field(default_factory=dict)  # language -> preferred name
    labels: set[str] = field(default_factory=set)
    iso: str | None = None
    jurisdiction_iri: str | None = None
    jurisdiction: str | None = None
    articles: int = 0
    first_seen: str | None = None

    def attrs(self, iri: str) -> dict[str, Any]:
        tail = iri.rstrip("/").rsplit("/", 1)[-1]
        label = self.pref.get("en") or next(iter(sorted(self.pref.values())), None)
        state = iri.startswith(_STATE_PREFIX)
        attrs = {
            "label": label or (tail if state else tail.replace("-", " ")),
            "type": self.type or ("State" if state else None),
            "labels": sorted(self.labels),
            "articles": self.articles,
            "first_seen": self.first_seen,
        }
        if attrs["type"] == "State":
            attrs["iso"] = self.iso or tail
        if self.jurisdiction:
            attrs["jurisdiction"] = self.jurisdiction
        return attrs


_NO_ENTITY = _EntityInfo()


def _rows(store, sparql: str) -> Iterator[tuple[str | None, ...]]:
    """The rows of a SELECT as tuples of lexical values (fast path for big results)."""
    result = store.query(sparql)
    n = len(result.variables)
    for solution in result:
        yield tuple(None if solution[i] is None else solution[i].value for i in range(n))


def _parse_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _in_range(day: date | None, since: date | None, until: date | None) -> bool:
    if day is None:
        return False
    return (since is None or day >= since) and (until is None or day <= until)


def _articles(store) -> dict[str, _ArticleInfo]:
    out: dict[str, _ArticleInfo] = {}
    query = f"""SELECT ?a ?date ?title ?url WHERE {{
        ?a a <{SCHEMA.NewsArticle}> .
        OPTIONAL {{ ?a <{DCTERMS.date}> ?date }}
        OPTIONAL {{ ?a <{DCTERMS.title}> ?title }}
        OPTIONAL {{ ?a <{SCHEMA.url}> ?url }} }}"""
    for a, day, title, url in _rows(store, query):
        info = out.setdefault(a, _ArticleInfo())
        info.date = info.date or _parse_date(day)
        info.title = info.title or title
        info.url = info.url or url
    return out


def _entities(store, articles: dict[str, _ArticleInfo], keep: set[str] | None) -> dict[str, _EntityInfo]:
    """Every typed entity, with names, codes and mentions (only in ``keep`` articles)."""
    out: dict[str, _EntityInfo] = defaultdict(_EntityInfo)
    order = {e.name: i for i, e in enumerate(ENTITIES)}
    values = " ".join(f"<{e.iri}>" for e in ENTITIES)
    for e, t in _rows(store, f"SELECT DISTINCT ?e ?t WHERE {{ VALUES ?t {{ {values} }} ?e a ?t }}"):
        t = entity_type_of(t).name
        info = out[e]
        if info.type is None or order[t] < order[info.type]:
            info.type = t
    names = f"""SELECT DISTINCT ?e ?p ?name (LANG(?name) AS ?lang) WHERE {{
        VALUES ?p {{ <{SKOS.prefLabel}> <{SKOS.altLabel}> }} ?e ?p ?name }}"""
    for e, p, name, lang in _rows(store, names):
        info = out[e]
        info.labels.add(f"{name}@{lang}" if lang else name)
        if p == str(SKOS.prefLabel):
            info.pref[lang or ""] = min(name, info.pref.get(lang or "", name))
    for e, iso in _rows(store, f"SELECT DISTINCT ?e ?iso WHERE {{ ?e <{CCG.isoCode}> ?iso }}"):
        out[e].iso = iso
    for e, state in _rows(store, f"SELECT DISTINCT ?e ?s WHERE {{ ?e <{RELATION['jurisdiction'].iri}> ?s }}"):
        out[e].jurisdiction_iri = state
    for info in list(out.values()):
        if info.jurisdiction_iri:
            state = out.get(info.jurisdiction_iri)
            info.jurisdiction = (state.iso if state else None) or info.jurisdiction_iri.rsplit("/", 1)[-1]
    for e, a in _rows(store, f"SELECT ?e ?a WHERE {{ ?e <{CCG.mentionedIn}> ?a }}"):
        if keep is not None and a not in keep or e not in out:
            continue
        info = out[e]
        info.articles += 1
        day = articles[a].date.isoformat() if a in articles and articles[a].date else None
        if day and (info.first_seen is None or day < info.first_seen):
            info.first_seen = day
    return dict(out)


@dataclass
class _Edge:
    articles: set[str] = field(default_factory=set)
    kinds: set[str] = field(default_factory=set)
    predicates: set[str] = field(default_factory=set)
    evidence: set[tuple[str, str]] = field(default_factory=set)  # (text, article)

    def attrs(self, articles: dict[str, _ArticleInfo]) -> dict[str, Any]:
        def when(a: str) -> date | None:
            return articles[a].date if a in articles else None

        evidence = sorted(self.evidence, key=lambda ta: (when(ta[1]) or date.min, ta[1], ta[0]), reverse=True)
        return {
            "weight": len(self.articles),
            "kinds": sorted(self.kinds),
            "predicates": sorted(self.predicates),
            "evidence": [_evidence(text, a, articles.get(a, _ArticleInfo())) for text, a in evidence[:MAX_EVIDENCE]],
            "years": sorted({d.year for d in map(when, self.articles) if d}),
        }


def _evidence(text: str, article: str, info: _ArticleInfo) -> dict[str, str | None]:
    return {
        "text": text,
        "article": article,
        "url": info.url,
        "title": info.title,
        "date": info.date.isoformat() if info.date else None,
    }


def _edges(store, relations, articles, keep, kinds, node_of, *, directed: bool) -> dict[tuple, _Edge]:
    """Relation assertions aggregated into edges ``(u, v, relation) -> _Edge``."""
    values = " ".join(f"<{RELATION[r].iri}>" for r in relations)
    query = f"""SELECT ?s ?p ?o ?a ?kind ?text WHERE {{
        VALUES ?p {{ {values} }}
        ?x a <{CCG.RelationAssertion}> ; <{RDF.predicate}> ?p ; <{RDF.subject}> ?s ;
           <{RDF.object}> ?o ; <{PROV.wasDerivedFrom}> ?a .
        OPTIONAL {{ ?x <{CCG.cooperationKind}> ?kind }}
        OPTIONAL {{ ?x <{CCG.evidence}> ?ev . ?ev <{CCG.text}> ?text }} }}"""
    edges: dict[tuple, _Edge] = defaultdict(_Edge)
    for s, p, o, a, kind, text in _rows(store, query):
        if keep is not None and a not in keep:
            continue
        relation = relation_of(p)
        name = relation.name
        kind = kind.rsplit("#", 1)[-1] if kind else None
        if kinds is not None and name == "cooperatesWith" and kind not in kinds:
            continue
        u, v = node_of(s), node_of(o)
        if u is None or v is None or u == v:
            continue
        pairs = [(u, v), (v, u)] if directed and relation.symmetric else [(u, v)]
        for pair in pairs:
            edge = edges[(*pair, name) if directed else (*sorted(pair), None)]
            edge.articles.add(a)
            edge.predicates.add(name)
            if kind:
                edge.kinds.add(kind)
            if text:
                edge.evidence.add((text, a))
    return edges


def _from_view(store, projection: str, dated: bool, kinds) -> bool:
    """Whether the edges can come from the aggregate view: its counts are exact per pair
    (so not for ``states``, where pairs merge, nor ``actor-event``, where two relations do),
    without per-article filters, and only where the writer keeps it (a remote store's view
    is as old as its last refresh)."""
    from ..store import Store

    return projection in ("agencies", "full") and not dated and kinds is None and isinstance(store, Store)


@dataclass
class _ViewEdge:
    weight: int = 0
    predicates: set[str] = field(default_factory=set)
    years: set[int] = field(default_factory=set)

    def attrs(self, articles: dict[str, _ArticleInfo]) -> dict[str, Any]:
        return {"weight": self.weight, "predicates": sorted(self.predicates), "years": sorted(self.years)}


def _view_edges(store, relations, node_of, *, directed: bool) -> dict[tuple, _ViewEdge]:
    """The same edges as :func:`_edges` without filters, from the view's pair totals and
    pair-year nodes (``weight``, ``predicates`` and ``years`` only)."""
    from ..aggregate import AGGREGATE

    values = " ".join(f"<{RELATION[r].iri}>" for r in relations)
    totals = f"""SELECT ?s ?p ?o ?n WHERE {{ VALUES ?p {{ {values} }} GRAPH <{AGGREGATE}> {{
        ?c <{CCG.totalRelation}> ?p ; <{CCG.totalSubject}> ?s ; <{CCG.totalObject}> ?o ; <{CCG.articleCount}> ?n }} }}"""
    years = f"""SELECT ?s ?p ?o ?y WHERE {{ VALUES ?p {{ {values} }} GRAPH <{AGGREGATE}> {{
        ?c <{CCG.pairRelation}> ?p ; <{CCG.pairSubject}> ?s ; <{CCG.pairObject}> ?o ; <{CCG.year}> ?y }} }}"""
    edges: dict[tuple, _ViewEdge] = defaultdict(_ViewEdge)

    def keys(s: str, p: str, o: str) -> list[tuple]:
        relation = relation_of(p)
        u, v = node_of(s), node_of(o)
        if u is None or v is None or u == v:
            return []
        pairs = [(u, v), (v, u)] if directed and relation.symmetric else [(u, v)]
        return [(*pair, relation.name) if directed else (*sorted(pair), None) for pair in pairs]

    for s, p, o, n in _rows(store, totals):
        for key in keys(s, p, o):
            edges[key].weight += int(n)
            edges[key].predicates.add(relation_of(p).name)
    for s, p, o, y in _rows(store, years):
        for key in keys(s, p, o):
            edges[key].years.add(int(y))
    return edges


def _around_country(G: nx.Graph, iso: str) -> nx.Graph:
    seeds = {n for n, d in G.nodes(data=True) if d.get("iso") == iso or d.get("jurisdiction") == iso}
    keep = set(seeds)
    for n in seeds:
        keep.update(nx.all_neighbors(G, n))
    return G.subgraph(keep).copy()
