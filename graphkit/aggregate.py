"""The aggregate view: whole-graph counts that the writer keeps in step with the articles.

Whole-graph questions (who cooperates most, ties per year, the most connected bodies) scan
every assertion of every article when asked of the article graphs. The view answers them
from one small named graph, :data:`AGGREGATE` (``res:aggregate``), holding per entity its
preferred labels, core types, jurisdiction and (for a symmetric relation) partner count, per
relation and pair the number of articles stating it with one representative evidence
sentence, per relation, pair and year the number of articles, per cooperation pair and kind
the number of articles, and per entity its ties by article count and per year (see
docs/rdf-model.md, "Aggregate view"), so that an entity page reads a hub's strongest ties
and its timeline without reading all its pairs.

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
#: ("year", relation IRI, year), ("ties", relation IRI, year) (distinct pairs of that year),
#: ("total", subject, relation IRI, object) (articles over
#: all years, with the pair's evidence), ("bucket", relation IRI, articles) (how many pairs
#: of two distinct ends have that total), ("partners", relation IRI, entity) (a symmetric
#: relation's partner count), ("rank", relation IRI, type IRI, partners) (how many entities of
#: a type have that many partners), ("kind", subject, relation IRI, object, kind IRI or None) (a
#: symmetric relation's pair per cooperation kind), ("ebucket", entity, relation IRI, articles)
#: (how many of the entity's ties have that total), ("eyear", entity, year or None) (articles
#: stating its ties that year, summed over ties), ("etiesyear", entity, year or None) (its
#: ties stated that year). Terms are N-Triples strings for literals, plain IRIs otherwise.
Fact = tuple

#: A pair's representative evidence: (sentence text, article IRI).
Evidence = tuple[str, str]

_TYPES = frozenset(e.iri for e in ENTITIES)
_RELATIONS = frozenset(r.iri for r in RELATIONS)
_SYMMETRIC = frozenset(r.iri for r in RELATIONS if r.symmetric)
_PREF, _TYPE, _JURISDICTION = str(SKOS.prefLabel), str(RDF.type), str(CCG.jurisdiction)
_SUBJECT, _PREDICATE, _OBJECT = str(RDF.subject), str(RDF.predicate), str(RDF.object)
_DERIVED, _DATE, _EVIDENCE, _TEXT = str(PROV.wasDerivedFrom), str(DCTERMS.date), str(CCG.evidence), str(CCG.text)
_KIND = str(CCG.cooperationKind)
_ASSERTION_PARTS = frozenset({_SUBJECT, _PREDICATE, _OBJECT, _DERIVED, _KIND})
#: The only predicates the view is computed from (a recount reads nothing else).
SOURCE_PREDICATES = (
    _PREF, _TYPE, _JURISDICTION, _DATE, _SUBJECT, _PREDICATE, _OBJECT, _DERIVED, _KIND, _EVIDENCE, _TEXT
)
_SOURCES = frozenset(SOURCE_PREDICATES)
_INT = "http://www.w3.org/2001/XMLSchema#integer"
_NODE = f"{RES}aggregate/"
_CCG = str(CCG)  # a plain string: rdflib's Namespace look-ups cost more than the rest of a write


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
    counter = Tally()
    for q in quads:
        counter.add(q)
    return counter.share()


class Tally:
    """Counts the view's facts quad by quad (so a bulk load can count what streams past):
    :meth:`add` every quad (distinct ones), then :meth:`share`."""

    def __init__(self) -> None:
        self.counts: Counter[Fact] = Counter()
        self.dates: dict[tuple[str, str], str] = {}
        self.assertions: dict[tuple[str, str], dict[str, str]] = {}
        self.evidence: dict[tuple[str, str], list[str]] = {}
        self.texts: dict[tuple[str, str], str] = {}

    def add(self, q: ox.Quad) -> None:
        # The predicate first: most quads of a graph are of predicates the view ignores, and a
        # bulk load calls this once per quad.
        p = q.predicate.value
        if p not in _SOURCES:
            return
        g = q.graph_name
        if not isinstance(g, ox.NamedNode):
            return
        g = g.value
        if g == AGGREGATE:
            return
        s, o = q.subject.value, q.object
        if p == _PREF:
            self.counts["label", s, str(o)] += 1
        elif p == _TYPE:
            if o.value in _TYPES:
                self.counts["type", s, o.value] += 1
        elif p == _JURISDICTION:
            self.counts["country", s, o.value] += 1
        elif p == _DATE:
            self.dates[g, s] = o.value
        elif p in _ASSERTION_PARTS:
            self.assertions.setdefault((g, s), {})[p] = o.value
        elif p == _EVIDENCE:
            self.evidence.setdefault((g, s), []).append(o.value)
        else:
            self.texts[g, s] = o.value

    def watch(self, quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
        """``quads`` unchanged, each added on its way."""
        for q in quads:
            self.add(q)
            yield q

    def share(self) -> Share:
        """The facts counted so far (assertions are paired with their article's date now)."""
        share = Share(Counter(self.counts))
        texts = self.texts
        pairs: set[tuple[str, Fact]] = set()
        for (g, node_), a in self.assertions.items():
            rel, s, o, article = a.get(_PREDICATE), a.get(_SUBJECT), a.get(_OBJECT), a.get(_DERIVED)
            if rel not in _RELATIONS or s is None or o is None or article is None:
                continue
            if rel in _SYMMETRIC and o < s:
                s, o = o, s
            year = _year(self.dates.get((g, article)))
            total = ("total", s, rel, o)
            pairs.update(((g, ("pair", s, rel, o, year)), (g, total)))
            if rel in _SYMMETRIC:
                pairs.add((g, ("kind", s, rel, o, a.get(_KIND))))
            if year is not None:
                pairs.add((g, ("year", rel, year)))
            said = [(texts[g, e], article) for e in self.evidence.get((g, node_), ()) if (g, e) in texts]
            if said:
                best = min(said)
                share.evidence[total] = min(best, share.evidence.get(total, best))
        share.counts.update(fact for _, fact in pairs)
        return share


def _year(day: str | None) -> int | None:
    try:
        return int(day[:4]) if day else None
    except ValueError:
        return None


def node(fact: Fact) -> str:
    """The IRI of a fact's node in the view (deterministic, so a writer finds it again)."""
    return f"{_NODE}{hashlib.sha256(repr(fact).encode()).hexdigest()[:24]}"


def _string(text: str) -> str:
    return str(ox.Literal(text))


def description(fact: Fact, count: int, evidence: Evidence | None = None) -> Iterator[str]:
    """The view's triples for one fact, one N-Triples statement each (for SPARQL Update).
    A fact's node is always written this way, so a writer that knows a fact's count and
    evidence knows its exact triples (and can delete or keep them one by one)."""
    n = f"<{node(fact)}>"
    return (f"{n} <{_CCG}{p}> {o}" for p, o in _properties(fact, count, evidence))


def _properties(fact: Fact, count: int, evidence: Evidence | None) -> Iterator[tuple[str, str]]:
    """(ccg: local name, object term in N-Triples syntax) of each triple of a fact's node."""
    kind, year, count_prop = fact[0], None, "articleCount"
    if kind == "pair":
        _, s, rel, o, year = fact
        yield from (("pairSubject", f"<{s}>"), ("pairRelation", f"<{rel}>"), ("pairObject", f"<{o}>"))
    elif kind == "total":
        _, s, rel, o = fact
        yield from (("totalSubject", f"<{s}>"), ("totalRelation", f"<{rel}>"), ("totalObject", f"<{o}>"))
        if s != o:
            yield "inBucket", f"<{node(('bucket', rel, count))}>"
        for e in {s, o}:
            yield "inEntityBucket", f"<{node(('ebucket', e, rel, count))}>"
        if evidence is not None:
            yield from (("evidenceText", _string(evidence[0])), ("evidenceArticle", f"<{evidence[1]}>"))
    elif kind == "year":
        _, rel, year = fact
        yield "yearRelation", f"<{rel}>"
    elif kind == "bucket":
        _, rel, articles = fact
        yield from (("bucketRelation", f"<{rel}>"), ("bucketCount", _int(articles)))
        count_prop = "pairCount"
    elif kind == "ties":
        _, rel, ties_year = fact
        yield from (("tiesRelation", f"<{rel}>"), ("tiesYear", _int(ties_year)))
        count_prop = "pairCount"
    elif kind == "kind":
        _, s, rel, o, coop = fact
        yield "kindOf", f"<{node(('total', s, rel, o))}>"
        if coop is not None:
            yield "viewKind", f"<{coop}>"
    elif kind == "ebucket":
        _, e, rel, articles = fact
        yield from (
            ("entityBucketOf", f"<{e}>"),
            ("entityBucketRelation", f"<{rel}>"),
            ("entityBucketCount", _int(articles)),
        )
        count_prop = "pairCount"
    elif kind in ("eyear", "etiesyear"):
        _, e, year = fact
        yield ("entityYearOf" if kind == "eyear" else "entityTiesOf"), f"<{e}>"
        count_prop = "articleCount" if kind == "eyear" else "pairCount"
    elif kind == "rank":
        _, rel, type_, partners = fact
        yield from (("rankRelation", f"<{rel}>"), ("rankType", f"<{type_}>"), ("rankPartners", _int(partners)))
        count_prop = "entityCount"
    elif kind == "partners":
        _, rel, e = fact
        yield from (("viewOf", f"<{e}>"), ("partnerRelation", f"<{rel}>"))
        count_prop = "partnerCount"
    else:
        _, e, value = fact
        prop = {"label": "viewLabel", "type": "entityType", "country": "viewCountry"}[kind]
        yield from (("viewOf", f"<{e}>"), (prop, value if kind == "label" else f"<{value}>"))
    if year is not None:
        yield "year", _int(year)
    yield count_prop, _int(count)


def _int(value: int) -> str:
    return f'"{value}"^^<{_INT}>'


def insert_data(graph: str, triples: Iterable[str]) -> str:
    """A SPARQL ``INSERT DATA`` of N-Triples statements into ``graph`` ('' when none)."""
    return _data("INSERT", graph, triples)


def delete_data(graph: str, triples: Iterable[str]) -> str:
    """A SPARQL ``DELETE DATA`` of N-Triples statements from ``graph`` ('' when none)."""
    return _data("DELETE", graph, triples)


def _data(verb: str, graph: str, triples: Iterable[str]) -> str:
    body = " .\n".join(triples)
    return f"{verb} DATA {{ GRAPH <{graph}> {{ {body} . }} }}" if body else ""


@dataclass
class State:
    """What the view holds now for some facts: counts, and the evidence of "total" facts."""

    counts: dict[Fact, int] = field(default_factory=dict)
    evidence: dict[Fact, Evidence] = field(default_factory=dict)


def touched(old: Share, new: Share) -> set[Fact]:
    """Every fact whose node a write from ``old`` to ``new`` may change, and every fact the
    ranks of the entities it may move depend on (their types and partner counts), so that
    one read tells all but the buckets, ties and ranks."""
    facts = old.counts.keys() | new.counts.keys()
    ends = {e for f in facts if f[0] == "total" and f[2] in _SYMMETRIC for e in (f[1], f[3])}
    ends |= {f[1] for f in facts if f[0] == "type"}
    around = {("type", e, t) for e in ends for t in _TYPES} | {("partners", rel, e) for e in ends for rel in _SYMMETRIC}
    return facts | around


def changes(
    old: Share,
    new: Share,
    read: Callable[[Iterable[Fact]], State],
    others: Callable[[Fact], Evidence | None],
    written: State | None = None,
) -> str:
    """The SPARQL Update operations that move the view from what it holds now to
    ``now - old + new`` ('' when nothing changes). ``read(facts)`` is what the view holds
    for some facts (two reads: the :func:`touched` facts, then the buckets, ties and ranks
    they move); ``others(total)`` the smallest evidence of a pair among the articles other
    than the one written, asked only when that article held the pair's evidence. ``written``,
    if given, receives the count (0: gone) and evidence of every fact the operations change."""
    current = read(touched(old, new))
    now = dict(current.counts)
    counts: dict[Fact, int] = {}
    evidence: dict[Fact, Evidence | None] = {}
    delta: Counter[Fact] = Counter()
    for fact in old.counts.keys() | new.counts.keys():
        was = now.get(fact, 0)
        count = was - old.counts[fact] + new.counts[fact]
        held = current.evidence.get(fact)
        if fact[0] == "total" and count > 0 and held is not None and held == old.evidence.get(fact):
            held = others(fact)
        candidates = [e for e in (held, new.evidence.get(fact)) if e is not None]
        best = min(candidates) if count > 0 and candidates else None
        if count == was and best == current.evidence.get(fact):
            continue
        counts[fact], evidence[fact] = count, best
        if count != was:
            delta.update(_derived_steps(fact, was, count))
    steps = Counter({fact: step for fact, step in delta.items() if step})
    for fact in [f for f in steps if f[0] == "partners"]:  # read already: in touched()
        counts[fact] = now.get(fact, 0) + steps.pop(fact)
    steps.update(_rank_steps(counts, now))
    now |= read(steps).counts
    for fact, step in steps.items():
        counts[fact] = now.get(fact, 0) + step
    # Only the triples that differ are written: a fact whose count moves keeps its node and
    # changes its count (and, for a pair's total, its bucket), instead of rewriting the node.
    deleted, inserted = [], []
    for fact, count in counts.items():
        was = set(description(fact, now[fact], current.evidence.get(fact))) if fact in now else set()
        new = set(description(fact, count, evidence.get(fact))) if count > 0 else set()
        deleted.extend(was - new)
        inserted.extend(new - was)
        if written is not None:
            written.counts[fact] = count
            if evidence.get(fact) is not None:
                written.evidence[fact] = evidence[fact]
    return " ;\n".join(op for op in (delete_data(AGGREGATE, deleted), insert_data(AGGREGATE, inserted)) if op)


def _rank_steps(counts: dict[Fact, int], now: dict[Fact, int]) -> Counter[Fact]:
    """How the entities whose partner count or types change (from ``now`` to ``counts``;
    ``now`` holds their types and partner counts, see :func:`touched`) move the ranks:
    ("rank", relation, type, partners) counts the entities of that type with that many
    partners."""
    moved = {f[2] for f in counts if f[0] == "partners"}
    moved |= {f[1] for f, n in counts.items() if f[0] == "type" and (n > 0) != (now.get(f, 0) > 0)}
    out: Counter[Fact] = Counter()
    for e in moved:
        for rel in _SYMMETRIC:
            key = ("partners", rel, e)
            before, after = now.get(key, 0), counts.get(key, now.get(key, 0))
            for t in _TYPES:
                typed = ("type", e, t)
                if before > 0 and now.get(typed, 0) > 0:
                    out["rank", rel, t, before] -= 1
                if after > 0 and counts.get(typed, now.get(typed, 0)) > 0:
                    out["rank", rel, t, after] += 1
    return Counter({f: n for f, n in out.items() if n})


def _derived_steps(fact: Fact, was: int, count: int) -> Counter[Fact]:
    """How a fact's count going from ``was`` to ``count`` moves the facts derived from it:
    a pair's total moves the bucket of pairs by count (pairs of two distinct ends), each
    end's bucket of ties by count and the partner counts; a pair of one year moves each
    end's articles of that year, and appearing or going, the ties of its year (the
    relation's, when dated, and each end's)."""
    out: Counter[Fact] = Counter()
    step = 1 if count > 0 else -1
    if fact[0] == "pair":
        _, s, rel, o, year = fact
        for e in {s, o}:
            out["eyear", e, year] += count - was
            if (was > 0) != (count > 0):
                out["etiesyear", e, year] += step
        if year is not None and (was > 0) != (count > 0):
            out["ties", rel, year] += step
    if fact[0] != "total":
        return out
    _, s, rel, o = fact
    for e in {s, o}:
        if was > 0:
            out["ebucket", e, rel, was] -= 1
        if count > 0:
            out["ebucket", e, rel, count] += 1
    if s != o:
        if was > 0:
            out["bucket", rel, was] -= 1
        if count > 0:
            out["bucket", rel, count] += 1
    if rel in _SYMMETRIC and (was > 0) != (count > 0):
        for e in {s, o}:
            out["partners", rel, e] += step
    return out


def current_state(store: ox.Store, facts: Iterable[Fact]) -> State:
    """What the view holds now for ``facts`` (absent facts are left out)."""
    by_node = {node(f): f for f in facts}
    state = State()
    if not by_node:
        return state
    values = " ".join(f"<{n}>" for n in by_node)
    rows = store.query(
        f"SELECT ?n ?c ?t ?a WHERE {{ VALUES ?n {{ {values} }} GRAPH <{AGGREGATE}> {{ "
        f"?n <{CCG.articleCount}>|<{CCG.partnerCount}>|<{CCG.pairCount}>|<{CCG.entityCount}> ?c "
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
    union = " UNION ".join(f"{{ ?x <{_SUBJECT}> <{a}> ; <{_OBJECT}> <{b}> ; <{_PREDICATE}> <{rel}> }}" for a, b in ends)
    return (
        f"SELECT ?t ?a WHERE {{ GRAPH ?g {{ {union} ?x <{_DERIVED}> ?a ; <{_EVIDENCE}> ?e . ?e <{_TEXT}> ?t }} "
        f"FILTER(?g != <{graph}> && ?g != <{AGGREGATE}>) }} ORDER BY ?t ?a LIMIT 1"
    )


def whole(share: Share) -> Share:
    """A share of every article graph made the whole view: its derived facts added (the
    buckets of pairs by count and the partner counts)."""
    derived: Counter[Fact] = Counter()
    types: dict[str, list[str]] = {}
    for fact, n in share.counts.items():
        if fact[0] in ("total", "pair"):
            derived.update(_derived_steps(fact, 0, n))
        elif fact[0] == "type":
            types.setdefault(fact[1], []).append(fact[2])
    for fact, n in list(derived.items()):
        if fact[0] == "partners":
            derived.update(("rank", fact[1], t, n) for t in types.get(fact[2], ()))
    share.counts.update(derived)
    return share


def recount(quads: Iterable[ox.Quad]) -> Share:
    """The whole view from scratch (quads of the view itself and of the default graph are
    ignored)."""
    return whole(tally(quads))


def statements(share: Share) -> Iterator[str]:
    """The view's triples of a whole share, in N-Triples syntax."""
    return (t for fact, n in share.counts.items() for t in description(fact, n, share.evidence.get(fact)))


def turtle(share: Share) -> str:
    """The view of a whole share as a Turtle document (for a store's bulk loader): each
    node's triples after its subject once, IRIs of the view's nodes and terms by prefix (a
    third of the text of plain N-Triples, which the loader has to parse).

    >>> print(turtle(Share(Counter({("year", "urn:r", 2020): 2}))))  # doctest: +ELLIPSIS
    @prefix c: <https://w3id.org/ccg/ontology#> .
    @prefix v: <https://w3id.org/ccg/resource/aggregate/> .
    v:... c:yearRelation <urn:r> ;
     c:year "2020"^^<http://www.w3.org/2001/XMLSchema#integer> ;
     c:articleCount "2"^^<http://www.w3.org/2001/XMLSchema#integer> .
    <BLANKLINE>
    """
    out = [f"@prefix c: <{_CCG}> .\n@prefix v: <{_NODE}> .\n"]
    for fact, n in share.counts.items():
        props = " ;\n ".join(f"c:{p} {o}" for p, o in _properties(fact, n, share.evidence.get(fact)))
        out.append(f"v:{node(fact)[len(_NODE) :]} {props} .\n")
    return "".join(out)


def refresh(quads: Iterable[ox.Quad]) -> str:
    """The SPARQL Update (one transaction) that replaces the view by a recount of ``quads``."""
    ops = (f"DROP SILENT GRAPH <{AGGREGATE}>", insert_data(AGGREGATE, statements(recount(quads))))
    return " ;\n".join(op for op in ops if op)


__all__ = [
    "AGGREGATE",
    "Share",
    "State",
    "Tally",
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
    "turtle",
    "whole",
]
