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
#: The kinds of facts counted from other facts (a write reads their counts before moving them).
_DERIVED_KINDS = ("bucket", "ties", "ebucket", "eyear", "etiesyear")
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
        g = q.graph_name
        if not isinstance(g, ox.NamedNode) or g.value == AGGREGATE:
            return
        p, s, o, g = q.predicate.value, q.subject.value, q.object, g.value
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
        elif p == _TEXT:
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
        if s != o:
            yield f"{n} <{CCG.inBucket}> <{node(('bucket', rel, count))}>"
        for e in {s, o}:
            yield f"{n} <{CCG.inEntityBucket}> <{node(('ebucket', e, rel, count))}>"
        if evidence is not None:
            yield f"{n} <{CCG.evidenceText}> {_string(evidence[0])} ; <{CCG.evidenceArticle}> <{evidence[1]}>"
    elif kind == "year":
        _, rel, year = fact
        yield f"{n} <{CCG.yearRelation}> <{rel}>"
    elif kind == "bucket":
        _, rel, articles = fact
        yield f'{n} <{CCG.bucketRelation}> <{rel}> ; <{CCG.bucketCount}> "{articles}"^^<{_INT}>'
        count_prop = CCG.pairCount
    elif kind == "ties":
        _, rel, ties_year = fact
        yield f'{n} <{CCG.tiesRelation}> <{rel}> ; <{CCG.tiesYear}> "{ties_year}"^^<{_INT}>'
        count_prop = CCG.pairCount
    elif kind == "kind":
        _, s, rel, o, coop = fact
        yield f"{n} <{CCG.kindOf}> <{node(('total', s, rel, o))}>"
        if coop is not None:
            yield f"{n} <{CCG.viewKind}> <{coop}>"
    elif kind == "ebucket":
        _, e, rel, articles = fact
        yield (
            f'{n} <{CCG.entityBucketOf}> <{e}> ; <{CCG.entityBucketRelation}> <{rel}> ; '
            f'<{CCG.entityBucketCount}> "{articles}"^^<{_INT}>'
        )
        count_prop = CCG.pairCount
    elif kind in ("eyear", "etiesyear"):
        _, e, year = fact
        yield f"{n} <{CCG.entityYearOf if kind == 'eyear' else CCG.entityTiesOf}> <{e}>"
        count_prop = CCG.articleCount if kind == "eyear" else CCG.pairCount
    elif kind == "rank":
        _, rel, type_, partners = fact
        yield (
            f'{n} <{CCG.rankRelation}> <{rel}> ; <{CCG.rankType}> <{type_}> ; <{CCG.rankPartners}> "{partners}"^^<{_INT}>'
        )
        count_prop = CCG.entityCount
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


def changes(
    old: Share, new: Share, read: Callable[[Iterable[Fact]], State], others: Callable[[Fact], Evidence | None]
) -> str:
    """The SPARQL Update operations that move the view from what it holds now to
    ``now - old + new`` ('' when nothing changes). ``read(facts)`` is what the view holds
    for some facts; ``others(total)`` the smallest evidence of a pair among the articles
    other than the one written, asked only when that article held the pair's evidence."""
    current = read(touched(old, new))
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
        if count != was:
            delta.update(_derived_steps(fact, was, count))
    steps = {fact: step for fact, step in delta.items() if step}
    now = read(f for f in steps if f[0] in _DERIVED_KINDS).counts | current.counts
    for fact, step in steps.items():
        counts[fact] = now.get(fact, 0) + step
    ranked = _rank_steps(counts, now, read)
    now |= read(ranked).counts
    for fact, step in ranked.items():
        counts[fact] = now.get(fact, 0) + step
    ops, triples = [], []
    for fact, count in counts.items():
        if fact in now:
            ops.append(f"DELETE WHERE {{ GRAPH <{AGGREGATE}> {{ <{node(fact)}> ?p ?o }} }}")
        if count > 0:
            triples.extend(description(fact, count, evidence.get(fact)))
    ops.append(insert_data(AGGREGATE, triples))
    return " ;\n".join(op for op in ops if op)


def _rank_steps(
    counts: dict[Fact, int], now: dict[Fact, int], read: Callable[[Iterable[Fact]], State]
) -> Counter[Fact]:
    """How the entities whose partner count or types change (from ``now`` to ``counts``,
    which ``now`` is updated with what else is read) move the ranks: ("rank", relation,
    type, partners) counts the entities of that type with that many partners."""
    moved = {f[2] for f in counts if f[0] == "partners"}
    moved |= {f[1] for f, n in counts.items() if f[0] == "type" and (n > 0) != (now.get(f, 0) > 0)}
    if not moved:
        return Counter()
    needed = [("type", e, t) for e in moved for t in sorted(_TYPES)]
    needed += [("partners", rel, e) for e in moved for rel in sorted(_SYMMETRIC)]
    now |= read(f for f in needed if f not in now).counts
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
    """The view of a whole share as a Turtle document (for a store's bulk loader)."""
    return "".join(f"{t} .\n" for t in statements(share))


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
