"""The aggregate view: whole-graph counts that the writer keeps in step with the articles.

Whole-graph questions (who cooperates most, ties per year, the most connected bodies) scan
every assertion of every article when asked of the article graphs. The view answers them
from one small named graph, :data:`AGGREGATE` (``res:aggregate``), holding per entity its
preferred labels, core types, jurisdiction and (for a symmetric relation) partner count, per
relation and pair the number of articles stating it with one representative evidence
sentence, and per relation, pair and year the number of articles (see docs/rdf-model.md,
"Aggregate view").

Every counted fact of the view counts the articles that support it, so an article's
:func:`contribution` can be added when it is written and subtracted when it is removed;
the store does both in the same transaction as the article itself (``Store.put_article``).
A fact whose count falls to zero leaves the view. Counts of distinct articles add up because
each article is one graph: a symmetric relation is counted once per unordered pair. The two
derived values follow the counts exactly: a pair's evidence is the smallest (sentence text,
article IRI) in code-point order over its articles (on removing the article that held it,
the next smallest is looked up among the others), and an entity's partner count is the
number of pairs it is in whose count is above zero.

>>> from pyoxigraph import Literal, NamedNode, Quad
>>> g, x = NamedNode("https://w3id.org/ccg/resource/article/a1"), NamedNode("urn:x")
>>> share = contribution([Quad(x, NamedNode(str(SKOS.prefLabel)), Literal("X", language="en"), g)])
>>> list(share.counts)
[('label', 'urn:x', '"X"@en')]
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox

from .rdf import CCG, DCTERMS, PROV, RDF, RES, SKOS
from .vocabulary import ENTITIES, RELATIONS

#: The named graph of the view (derived data: not exported, not counted by ``len``).
AGGREGATE = f"{RES}aggregate"

#: A fact of the view: ("label", entity, literal), ("type", entity, class IRI),
#: ("country", entity, state IRI), ("pair", subject, relation IRI, object, year or None),
#: ("year", relation IRI, year), ("total", subject, relation IRI, object) (articles over
#: all years, with the pair's evidence), ("partners", relation IRI, entity) (a symmetric
#: relation's partner count). Terms are N-Triples strings for literals, plain IRIs otherwise.
Fact = tuple

#: A pair's representative evidence: (sentence text, article IRI).
Evidence = tuple[str, str]

_TYPES = frozenset(e.iri for e in ENTITIES)
_RELATIONS = frozenset(r.iri for r in RELATIONS)
_SYMMETRIC = frozenset(r.iri for r in RELATIONS if r.symmetric)
_PREF, _TYPE, _JURISDICTION = str(SKOS.prefLabel), str(RDF.type), str(CCG.jurisdiction)
_SUBJECT, _PREDICATE, _OBJECT = str(RDF.subject), str(RDF.predicate), str(RDF.object)
_DERIVED, _DATE, _EVIDENCE, _TEXT = str(PROV.wasDerivedFrom), str(DCTERMS.date), str(CCG.evidence), str(CCG.text)
_ASSERTION_PARTS = frozenset({_SUBJECT, _PREDICATE, _OBJECT, _DERIVED})
#: The only predicates the view is computed from (a recount reads nothing else).
SOURCE_PREDICATES = (_PREF, _TYPE, _JURISDICTION, _DATE, _SUBJECT, _PREDICATE, _OBJECT, _DERIVED, _EVIDENCE, _TEXT)
_INT = "http://www.w3.org/2001/XMLSchema#integer"


@dataclass
class Share:
    """What some article graphs give the view: counts of facts (each article counted once)
    and, per ("total", ...) fact, the smallest evidence among them."""

    counts: Counter[Fact] = field(default_factory=Counter)
    evidence: dict[Fact, Evidence] = field(default_factory=dict)


def contribution(quads: Iterable[ox.Quad]) -> Share:
    """The share of the view one article's quads give (duplicates counted once)."""
    return tally(set(quads))


def tally(quads: Iterable[ox.Quad]) -> Share:
    """The share of the view of any number of article graphs, in one pass over ``quads``
    (which must be distinct, as a store's are; only :data:`SOURCE_PREDICATES` matter)."""
    share = Share()
    counts = share.counts
    dates: dict[tuple[str, str], str] = {}
    assertions: dict[tuple[str, str], dict[str, str]] = {}
    evidence: dict[tuple[str, str], list[str]] = {}
    texts: dict[tuple[str, str], str] = {}
    for q in quads:
        g = q.graph_name
        if not isinstance(g, ox.NamedNode) or g.value == AGGREGATE:
            continue
        p, s, o, g = q.predicate.value, q.subject.value, q.object, g.value
        if p == _PREF:
            counts["label", s, str(o)] += 1
        elif p == _TYPE:
            if o.value in _TYPES:
                counts["type", s, o.value] += 1
        elif p == _JURISDICTION:
            counts["country", s, o.value] += 1
        elif p == _DATE:
            dates[g, s] = o.value
        elif p in _ASSERTION_PARTS:
            assertions.setdefault((g, s), {})[p] = o.value
        elif p == _EVIDENCE:
            evidence.setdefault((g, s), []).append(o.value)
        elif p == _TEXT:
            texts[g, s] = o.value
    pairs: set[tuple[str, Fact]] = set()
    for (g, node_), a in assertions.items():
        rel, s, o, article = a.get(_PREDICATE), a.get(_SUBJECT), a.get(_OBJECT), a.get(_DERIVED)
        if rel not in _RELATIONS or s is None or o is None or article is None:
            continue
        if rel in _SYMMETRIC and o < s:
            s, o = o, s
        year = _year(dates.get((g, article)))
        pairs.update(((g, ("pair", s, rel, o, year)), (g, ("total", s, rel, o))))
        if year is not None:
            pairs.add((g, ("year", rel, year)))
        said = [(texts[g, e], article) for e in evidence.get((g, node_), ()) if (g, e) in texts]
        if said:
            best = min(said)
            total = ("total", s, rel, o)
            share.evidence[total] = min(best, share.evidence.get(total, best))
    counts.update(fact for _, fact in pairs)
    return share


def _year(day: str | None) -> int | None:
    try:
        return int(day[:4]) if day else None
    except ValueError:
        return None


def partners(totals: Counter[Fact]) -> Counter[Fact]:
    """The ("partners", relation, entity) counts that pairs of symmetric relations give."""
    out: Counter[Fact] = Counter()
    for fact, n in totals.items():
        if fact[0] == "total" and fact[2] in _SYMMETRIC and n > 0:
            _, s, rel, o = fact
            out.update({("partners", rel, s), ("partners", rel, o)})
    return out


def node(fact: Fact) -> str:
    """The IRI of a fact's node in the view (deterministic, so a writer finds it again)."""
    return f"{RES}aggregate/{hashlib.sha256(repr(fact).encode()).hexdigest()[:24]}"


def _string(text: str) -> str:
    return str(ox.Literal(text))


def description(fact: Fact, count: int, evidence: Evidence | None = None) -> Iterator[str]:
    """The view's triples for one fact, in N-Triples syntax (for SPARQL Update)."""
    n = f"<{node(fact)}>"
    kind, year, count_prop = fact[0], None, CCG.articleCount
    if kind == "pair":
        _, s, rel, o, year = fact
        yield f"{n} <{CCG.pairSubject}> <{s}> ; <{CCG.pairRelation}> <{rel}> ; <{CCG.pairObject}> <{o}>"
    elif kind == "total":
        _, s, rel, o = fact
        yield f"{n} <{CCG.totalSubject}> <{s}> ; <{CCG.totalRelation}> <{rel}> ; <{CCG.totalObject}> <{o}>"
        if evidence is not None:
            yield f"{n} <{CCG.evidenceText}> {_string(evidence[0])} ; <{CCG.evidenceArticle}> <{evidence[1]}>"
    elif kind == "year":
        _, rel, year = fact
        yield f"{n} <{CCG.yearRelation}> <{rel}>"
    elif kind == "partners":
        _, rel, e = fact
        yield f"{n} <{CCG.viewOf}> <{e}> ; <{CCG.partnerRelation}> <{rel}>"
        count_prop = CCG.partnerCount
    else:
        _, e, value = fact
        prop = {"label": CCG.viewLabel, "type": CCG.entityType, "country": CCG.viewCountry}[kind]
        yield f"{n} <{CCG.viewOf}> <{e}> ; <{prop}> {value if kind == 'label' else f'<{value}>'}"
    if year is not None:
        yield f'{n} <{CCG.year}> "{year}"^^<{_INT}>'
    yield f'{n} <{count_prop}> "{count}"^^<{_INT}>'


def insert_data(graph: str, triples: Iterable[str]) -> str:
    """A SPARQL ``INSERT DATA`` of N-Triples statements into ``graph`` ('' when none)."""
    body = " .\n".join(triples)
    return f"INSERT DATA {{ GRAPH <{graph}> {{ {body} . }} }}" if body else ""


@dataclass
class State:
    """What the view holds now for some facts: counts, and the evidence of "total" facts."""

    counts: dict[Fact, int] = field(default_factory=dict)
    evidence: dict[Fact, Evidence] = field(default_factory=dict)


def touched(old: Share, new: Share) -> set[Fact]:
    """Every fact whose node a write from ``old`` to ``new`` may change (incl. partners)."""
    facts = old.counts.keys() | new.counts.keys()
    ends = {("partners", f[2], e) for f in facts if f[0] == "total" and f[2] in _SYMMETRIC for e in (f[1], f[3])}
    return facts | ends


def changes(old: Share, new: Share, current: State, others: Callable[[Fact], Evidence | None]) -> str:
    """The SPARQL Update operations that move the view from ``current`` (read for
    :func:`touched` facts) to ``current - old + new`` ('' when nothing changes).
    ``others(total)`` is the smallest evidence of a pair among the articles other than the
    one written, asked only when that article held the pair's evidence."""
    counts: dict[Fact, int] = {}
    evidence: dict[Fact, Evidence | None] = {}
    delta: Counter[Fact] = Counter()
    for fact in old.counts.keys() | new.counts.keys():
        was = current.counts.get(fact, 0)
        count = was - old.counts[fact] + new.counts[fact]
        held = current.evidence.get(fact)
        if fact[0] == "total" and count > 0 and held is not None and held == old.evidence.get(fact):
            held = others(fact)
        candidates = [e for e in (held, new.evidence.get(fact)) if e is not None]
        best = min(candidates) if count > 0 and candidates else None
        if count == was and best == current.evidence.get(fact):
            continue
        counts[fact], evidence[fact] = count, best
        if fact[0] == "total" and fact[2] in _SYMMETRIC and (was > 0) != (count > 0):
            step = 1 if count > 0 else -1
            delta.update({("partners", fact[2], e): step for e in {fact[1], fact[3]}})
    for fact, step in delta.items():
        if step:
            counts[fact] = current.counts.get(fact, 0) + step
    ops, triples = [], []
    for fact, count in counts.items():
        if fact in current.counts:
            ops.append(f"DELETE WHERE {{ GRAPH <{AGGREGATE}> {{ <{node(fact)}> ?p ?o }} }}")
        if count > 0:
            triples.extend(description(fact, count, evidence.get(fact)))
    ops.append(insert_data(AGGREGATE, triples))
    return " ;\n".join(op for op in ops if op)


def current_state(store: ox.Store, facts: Iterable[Fact]) -> State:
    """What the view holds now for ``facts`` (absent facts are left out)."""
    by_node = {node(f): f for f in facts}
    state = State()
    if not by_node:
        return state
    values = " ".join(f"<{n}>" for n in by_node)
    rows = store.query(
        f"SELECT ?n ?c ?t ?a WHERE {{ VALUES ?n {{ {values} }} GRAPH <{AGGREGATE}> {{ "
        f"?n <{CCG.articleCount}>|<{CCG.partnerCount}> ?c "
        f"OPTIONAL {{ ?n <{CCG.evidenceText}> ?t ; <{CCG.evidenceArticle}> ?a }} }} }}"
    )
    for row in rows:
        fact = by_node[row["n"].value]
        state.counts[fact] = int(row["c"].value)
        if row["t"] is not None:
            state.evidence[fact] = (row["t"].value, row["a"].value)
    return state


def others_query(total: Fact, graph: str) -> str:
    """A SELECT of the smallest (text, article) evidence of a pair outside ``graph``."""
    _, s, rel, o = total
    ends = [(s, o), (o, s)] if rel in _SYMMETRIC and s != o else [(s, o)]
    union = " UNION ".join(
        f"{{ ?x <{_SUBJECT}> <{a}> ; <{_OBJECT}> <{b}> ; <{_PREDICATE}> <{rel}> }}" for a, b in ends
    )
    return (
        f"SELECT ?t ?a WHERE {{ GRAPH ?g {{ {union} ?x <{_DERIVED}> ?a ; <{_EVIDENCE}> ?e . ?e <{_TEXT}> ?t }} "
        f"FILTER(?g != <{graph}> && ?g != <{AGGREGATE}>) }} ORDER BY ?t ?a LIMIT 1"
    )


def recount(quads: Iterable[ox.Quad]) -> Share:
    """The whole view from scratch: every article graph's share, with the partner counts
    (quads of the view itself and of the default graph are ignored)."""
    share = tally(quads)
    share.counts.update(partners(share.counts))
    return share


def refresh(quads: Iterable[ox.Quad]) -> str:
    """The SPARQL Update (one transaction) that replaces the view by a recount of ``quads``."""
    share = recount(quads)
    triples = (t for fact, n in share.counts.items() for t in description(fact, n, share.evidence.get(fact)))
    return " ;\n".join(op for op in (f"DROP SILENT GRAPH <{AGGREGATE}>", insert_data(AGGREGATE, triples)) if op)


__all__ = [
    "AGGREGATE",
    "Share",
    "State",
    "changes",
    "contribution",
    "current_state",
    "description",
    "node",
    "others_query",
    "recount",
    "refresh",
    "tally",
    "touched",
]
