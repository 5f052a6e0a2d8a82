"""Small helpers shared by test modules."""

from __future__ import annotations

import socket


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def has(rels, s, p, o) -> bool:
    """Whether the relation set holds (s, p, o), either way round for the symmetric cooperatesWith."""
    return (s, p, o) in rels or (p == "cooperatesWith" and (o, p, s) in rels)


def partners(rels) -> set[frozenset[str]]:
    """The unordered pairs that the relation set says cooperate."""
    return {frozenset((s, o)) for s, p, o in rels if p == "cooperatesWith"}


def view_triples(store) -> set[str]:
    """The aggregate view's triples (graph res:aggregate) of a store, as comparable strings."""
    from graphkit.aggregate import AGGREGATE

    rows = store.select(f"SELECT ?s ?p ?o WHERE {{ GRAPH <{AGGREGATE}> {{ ?s ?p ?o }} }}", union=False)
    return {f"{r['s']} {r['p']} {r['o']}" for r in rows}


#: A name and sentence that would run a script if a page did not escape them.
HOSTILE_NAME = '<script>document.title="pwned"</script><img src=x onerror="document.title=1"> Cyber Unit'
HOSTILE_SENTENCE = f"The {HOSTILE_NAME} worked with Europol on the case."


def hostile_article():
    """A resolved article whose agency's name and sentence carry markup and scripts."""
    from graphkit.model import Article, Entity, Relation, ResolvedArticle, Sentence
    from graphkit.rdf import entity_iri

    art = Article(text=HOSTILE_SENTENCE, title="<b>Hostile</b> article", url="https://example.org/x", lang="en")
    unit, europol = entity_iri("Agency", "zz-hostile-unit"), entity_iri("InternationalOrganization", "europol")
    ents = [
        Entity(unit, "Agency", HOSTILE_NAME, {(HOSTILE_NAME, "en")}),
        Entity(europol, "InternationalOrganization", "Europol", {("Europol", "en")}),
    ]
    rel = Relation(unit, "cooperatesWith", europol, [Sentence(HOSTILE_SENTENCE, 0, len(HOSTILE_SENTENCE))], 0.9,
                   "test.rule", "JointOperation")
    return ResolvedArticle(art, {e.iri: e for e in ents}, [rel], "test")
