"""A synthetic knowledge graph in the layout of docs/rdf-model.md, for benchmarks.

It mimics the shape of the real data: about a hundred states, their agencies, a few
international and private organizations, events, officials, and articles dated 2010-2025 that each
state a few relations with an assertion and an evidence sentence per relation. Popularity
is skewed (a few hubs such as "Europol" get most ties), and a relation is stated by one
article or, less often, by several. Quads are written with ``Store.bulk_load``, which
counts the aggregate view as they stream in; ``write_synthetic`` writes the same quads to an
N-Quads file as they are made (for graphs larger than memory would hold as a store).

    >>> store = synthetic_store(200, 400, seed=1)
    >>> len(store) > 1000
    True
"""

from __future__ import annotations

import itertools
import random
import string
from collections import defaultdict
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, serialize

from graphkit.rdf import CCG, CCGK, DCTERMS, PROV, RDF, RDFS, RELATION_PROPERTIES, RES, SCHEMA, SKOS, XSD
from graphkit.store import Store

__all__ = ["synthetic_quads", "synthetic_store", "write_synthetic"]

KINDS = ("JointOperation", "InformationExchange", "AgreementSigned", "LegalAssistance", "Training", "Coordination")
LANGS = ("de", "fr", "ru", "es")
FIRST_DAY, DAYS = date(2010, 1, 1), (date(2025, 12, 31) - date(2010, 1, 1)).days


def synthetic_store(n_nodes: int, n_edges: int, *, seed: int = 0, store: Store | None = None) -> Store:
    """A store holding a random graph of about ``n_nodes`` entities and ``n_edges`` relations.

    Deterministic for a given ``seed``; ``store`` defaults to a new in-memory store.
    """
    store = store if store is not None else Store(None)
    store.bulk_load(synthetic_quads(n_nodes, n_edges, seed=seed))  # which also counts the aggregate view
    return store


def write_synthetic(path: str | Path, n_nodes: int, n_edges: int, *, seed: int = 0) -> int:
    """Write the quads of ``synthetic_store(n_nodes, n_edges, seed=seed)`` to an N-Quads file
    as they are made (only the plan of who states what is held in memory, not the graph);
    the number of quads written.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     n = write_synthetic(Path(tmp) / "g.nq", 200, 400, seed=1)
    >>> n == len(synthetic_store(200, 400, seed=1))
    True
    """
    counted = 0

    def counting(quads: Iterator[Quad]) -> Iterator[Quad]:
        nonlocal counted
        for q in quads:
            counted += 1
            yield q

    serialize(counting(synthetic_quads(n_nodes, n_edges, seed=seed)), str(path), RdfFormat.N_QUADS)
    return counted


def synthetic_quads(n_nodes: int, n_edges: int, *, seed: int = 0) -> Iterator[Quad]:
    """The distinct quads of the synthetic graph, article by article (made on the way)."""
    rng = random.Random(seed)
    entities = _entities(rng, n_nodes)
    statements = _statements(rng, entities, n_edges)
    n_articles = max(1, n_edges // 2)
    by_article: dict[int, list[tuple]] = defaultdict(list)
    for statement in statements:
        copies = 1 + min(int(rng.expovariate(1.5)), 5)
        for a in rng.sample(range(n_articles), min(copies, n_articles)):
            by_article[a].append(statement)
    return _quads(rng, entities, by_article)


def _entities(rng: random.Random, n_nodes: int) -> dict[str, list]:
    """Entities by type: lists of ``(iri, type, label, jurisdiction iri or None)``."""
    n_states = min(100, max(2, n_nodes // 10))
    counts = {
        "State": n_states,
        "InternationalOrganization": max(1, n_nodes // 50),
        "PrivateOrganization": max(1, n_nodes // 20),
        "Event": max(1, n_nodes // 10),
        "Person": max(1, n_nodes // 20),
    }
    counts["Agency"] = max(1, n_nodes - sum(counts.values()))
    codes = ["".join(p) for p in itertools.product(string.ascii_uppercase, repeat=2)]
    states = [(f"{RES}state/{c}", "State", f"State {c}", None) for c in rng.sample(codes, n_states)]
    out = {"State": states}
    segments = (
        ("InternationalOrganization", "io"),
        ("PrivateOrganization", "org"),
        ("Event", "event"),
        ("Person", "person"),
    )
    for type_, segment in segments:
        out[type_] = [
            (f"{RES}{segment}/{type_[:3].lower()}{i}", type_, f"{type_} {i}", None) for i in range(counts[type_])
        ]
    agencies = []
    for i in range(counts["Agency"]):
        state = states[int((rng.paretovariate(1.0) - 1) * 5) % n_states]
        iso = state[0].rsplit("/", 1)[-1]
        agencies.append((f"{RES}agency/{iso.lower()}-a{i}", "Agency", f"Agency {i} of {iso}", state[0]))
    out["Agency"] = agencies
    return out


def _pick(rng: random.Random, population: list, k: int) -> list:
    """``k`` draws from ``population`` with Zipf-like popularity (earlier = more popular)."""
    weights = list(itertools.accumulate(1.0 / (i + 1) ** 0.9 for i in range(len(population))))
    return rng.choices(population, cum_weights=weights, k=k)


def _statements(rng: random.Random, entities: dict[str, list], n_edges: int) -> list[tuple]:
    """``(subject, relation, object, kind)`` tuples, most of them ``cooperatesWith``; and
    officials, who represent a state and are members of an agency (2% more)."""
    others = entities["Agency"] + entities["PrivateOrganization"]
    rng.shuffle(others)
    actors = entities["InternationalOrganization"] + others
    n_coop, n_part = int(n_edges * 0.8), int(n_edges * 0.15)
    n_state = n_coop // 10
    out = []
    for s, o in zip(_pick(rng, actors, n_coop - n_state), _pick(rng, actors, n_coop - n_state), strict=True):
        out.append((s, "cooperatesWith", o, rng.choice(KINDS)))
    for s, o in zip(_pick(rng, entities["State"], n_state), rng.choices(entities["State"], k=n_state), strict=True):
        out.append((s, "cooperatesWith", o, rng.choice(KINDS)))
    for s, o in zip(_pick(rng, actors, n_part), rng.choices(entities["Event"], k=n_part), strict=True):
        out.append((s, "participatesIn", o, None))
    bodies = entities["InternationalOrganization"] + entities["Agency"][:50]
    n_org = n_edges - n_coop - n_part
    for s, o in zip(_pick(rng, bodies, n_org), rng.choices(entities["Event"], k=n_org), strict=True):
        out.append((s, "organizes", o, None))
    n_off = max(1, n_edges // 100)
    people = _pick(rng, entities["Person"], n_off)
    for s, o in zip(people, rng.choices(entities["State"], k=n_off), strict=True):
        out.append((s, "represents", o, None))
    for s, o in zip(people, rng.choices(entities["Agency"], k=n_off), strict=True):
        out.append((s, "memberOf", o, None))
    return [st for st in out if st[0] != st[2]]


def _quads(rng: random.Random, entities: dict[str, list], by_article: dict[int, list[tuple]]):
    nodes: dict[str, NamedNode] = {}

    def node(iri: str) -> NamedNode:
        if iri not in nodes:
            nodes[iri] = NamedNode(iri)
        return nodes[iri]

    p = {
        name: node(str(term))
        for name, term in {
            "type": RDF.type,
            "label": RDFS.label,
            "pref": SKOS.prefLabel,
            "alt": SKOS.altLabel,
            "iso": CCG.isoCode,
            "jur": CCG.jurisdiction,
            "mention": CCG.mentionedIn,
            "title": DCTERMS.title,
            "date": DCTERMS.date,
            "url": SCHEMA.url,
            "lang": DCTERMS.language,
            "hash": CCG.contentHash,
            "subject": RDF.subject,
            "predicate": RDF.predicate,
            "object": RDF.object,
            "kind": CCG.cooperationKind,
            "conf": CCG.confidence,
            "evidence": CCG.evidence,
            "derived": PROV.wasDerivedFrom,
            "text": CCG.text,
            "start": CCG.start,
            "end": CCG.end,
            "in": CCG.inArticle,
        }.items()
    }
    classes = {t: node(str(CCG[t])) for t in entities}
    rel = {name: node(iri) for name, iri in RELATION_PROPERTIES.items()}
    kinds = {k: node(str(CCGK[k])) for k in KINDS}
    a_types = (node(str(SCHEMA.NewsArticle)), node(str(PROV.Entity)))
    assertion_types = (node(str(CCG.RelationAssertion)), node(str(RDF.Statement)), node(str(PROV.Entity)))
    xsd_date = node(str(XSD.date))
    for a, statements in by_article.items():
        iri = f"{RES}article/syn{a:08d}"
        g = art = NamedNode(iri)
        day = FIRST_DAY + timedelta(days=int(DAYS * rng.random() ** 0.7))
        for t in a_types:
            yield Quad(art, p["type"], t, g)
        yield Quad(art, p["title"], Literal(f"Synthetic article {a}"), g)
        yield Quad(art, p["date"], Literal(day.isoformat(), datatype=xsd_date), g)
        yield Quad(art, p["url"], NamedNode(f"https://news.example.org/{a}"), g)
        yield Quad(art, p["lang"], Literal("en"), g)
        yield Quad(art, p["hash"], Literal(f"syn{a:08d}"), g)
        mentioned = {}
        offset = 0
        related: set[tuple] = set()  # a pair stated twice in one article is one triple (quads are distinct)
        for n, (s, name, o, kind) in enumerate(statements):
            mentioned[s[0]], mentioned[o[0]] = s, o
            sn, on = node(s[0]), node(o[0])
            ends = [(s[0], o[0]), (o[0], s[0])] if name == "cooperatesWith" else [(s[0], o[0])]
            for a_iri, b_iri in ends:
                if (a_iri, name, b_iri) not in related:
                    related.add((a_iri, name, b_iri))
                    yield Quad(node(a_iri), rel[name], node(b_iri), g)
            x = NamedNode(f"{RES}assertion/syn{a:08d}-{n}")
            for t in assertion_types:
                yield Quad(x, p["type"], t, g)
            yield Quad(x, p["subject"], sn, g)
            yield Quad(x, p["predicate"], rel[name], g)
            yield Quad(x, p["object"], on, g)
            yield Quad(x, p["conf"], Literal(0.8), g)
            if kind:
                yield Quad(x, p["kind"], kinds[kind], g)
            text = f"{s[2]} and {o[2]} ({name}, {kind or 'event'}) in the fight against cybercrime."
            sent = NamedNode(f"{iri}/sentence/{offset}-{offset + len(text)}")
            yield Quad(sent, p["type"], node(str(CCG.EvidenceSentence)), g)
            yield Quad(sent, p["text"], Literal(text), g)
            yield Quad(sent, p["start"], Literal(offset), g)
            yield Quad(sent, p["end"], Literal(offset + len(text)), g)
            yield Quad(sent, p["in"], art, g)
            yield Quad(x, p["evidence"], sent, g)
            yield Quad(x, p["derived"], art, g)
            offset += len(text) + 1
        for e_iri, type_, label, jurisdiction in mentioned.values():
            e = node(e_iri)
            yield Quad(e, p["type"], classes[type_], g)
            yield Quad(e, p["label"], Literal(label, language="en"), g)
            yield Quad(e, p["pref"], Literal(label, language="en"), g)
            yield Quad(e, p["alt"], Literal(label.upper(), language=LANGS[len(label) % len(LANGS)]), g)
            if type_ == "State":
                yield Quad(e, p["iso"], Literal(e_iri.rsplit("/", 1)[-1]), g)
            if jurisdiction:
                yield Quad(e, p["jur"], node(jurisdiction), g)
            yield Quad(e, p["mention"], art, g)
