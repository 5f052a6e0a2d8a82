"""Check a built graph against the SHACL shapes of ``ontology/shapes.ttl``.

The shapes apply to the knowledge graph as users see it: the union of all article graphs.
A :class:`~graphkit.store.Store` or an ``rdflib.Dataset`` is therefore flattened into one
``rdflib.Graph`` first. The ontology (``ccg.ttl``) and the cooperation-kind scheme are added to
(a copy of) the data graph so that subclass axioms and SKOS concepts are visible to the
shapes; no RDFS/OWL inference is run, which keeps validation fast.

>>> from rdflib import Graph
>>> validate(Graph()).conforms
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import RDF, RDFS, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.term import Node

from .rdf import CCG, RELATION_PROPERTIES
from .resources import ontology_dir

if TYPE_CHECKING:
    from .store import Store

SH = Namespace("http://www.w3.org/ns/shacl#")
CCGSH = Namespace("https://w3id.org/ccg/shapes#")

ONTOLOGY_FILES = ("ccg.ttl", "cooperation-kinds.ttl")
SHAPES_FILE = "shapes.ttl"


@dataclass
class Violation:
    """One validation result: the node that fails, the property path, why, and how bad."""

    focus: str
    path: str | None
    message: str
    severity: str  # "Violation", "Warning" or "Info"
    value: str | None = None
    shape: str | None = None

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        value = f" (value {self.value})" if self.value is not None else ""
        return f"[{self.severity}] <{self.focus}>{where}: {self.message}{value}"


@dataclass
class ValidationReport:
    """The outcome of :func:`validate`. ``conforms`` is false when any result has
    severity Violation; warnings and infos are listed but do not fail the graph."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    text: str = ""

    def focus_nodes(self, severity: str | None = "Violation") -> set[str]:
        """The IRIs (or blank-node ids) of the nodes with results of ``severity`` (all if None)."""
        return {v.focus for v in self.violations if severity is None or v.severity == severity}

    def __bool__(self) -> bool:
        return self.conforms


class _CachingGraph(Graph):
    """A Graph that parses each SPARQL query text once.

    pyshacl runs a SPARQL constraint once per focus node, passing the same text with
    different bindings; parsing it each time (some 15 ms) would dominate validation.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._prepared: dict[str, Any] = {}

    def query(
        self,
        query_object: Any,
        processor: Any = "sparql",
        result: Any = "sparql",
        initNs: Any = None,
        initBindings: Any = None,
        use_store_provided: bool = True,
        **kwargs: Any,
    ) -> Any:  # noqa: N803 (rdflib's names)
        if isinstance(query_object, str) and processor == "sparql" and not kwargs:
            key = query_object
            prepared = self._prepared.get(key)
            if prepared is None:
                from rdflib.plugins.sparql import prepareQuery

                ns = dict(self.namespaces())
                ns.update(initNs or {})
                prepared = self._prepared[key] = prepareQuery(query_object, initNs=ns)
            query_object = prepared
        return super().query(query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs)


def _parse(path: Path) -> Graph:
    g = Graph()
    g.parse(path, format="turtle")
    return g


@cache
def _ontology() -> Graph:
    g = Graph()
    for name in ONTOLOGY_FILES:
        g += _parse(ontology_dir() / name)
    return g


@cache
def _shapes() -> Graph:
    return _parse(ontology_dir() / SHAPES_FILE)


def load_ontology() -> Graph:
    """The ccg ontology with the cooperation-kind scheme, as a new ``rdflib.Graph``
    (a copy: callers may change it)."""
    g = Graph()
    g += _ontology()
    for prefix, ns in _ontology().namespaces():
        g.bind(prefix, ns, override=False)
    return g


def load_shapes() -> Graph:
    """The SHACL shapes graph, as a new ``rdflib.Graph``."""
    g = Graph()
    g += _shapes()
    return g


def _union_graph(data: Any) -> tuple[Graph, bool]:
    """``data`` as one rdflib Graph of the union of its graphs; the flag says whether the
    graph is a fresh copy (that validation may extend in place) or the caller's own."""
    from .store import GraphStore

    if isinstance(data, GraphStore):
        buf = BytesIO()
        data.export(buf, "nt")
        g = _CachingGraph()
        g.parse(data=buf.getvalue().decode("utf-8"), format="nt")
        return g, True
    if isinstance(data, (Dataset, ConjunctiveGraph)):
        g = _CachingGraph()
        for s, p, o, _ctx in data.quads((None, None, None, None)):
            g.add((s, p, o))
        return g, True
    if isinstance(data, Graph):
        return data, False
    if isinstance(data, (str, Path)):
        path = Path(data)
        if path.suffix in (".nq", ".trig", ".jsonld"):
            ds = Dataset()
            ds.parse(path)
            return _union_graph(ds)
        return _CachingGraph().parse(path), True
    raise TypeError(f"cannot validate a {type(data).__name__}; give an rdflib Graph or Dataset, a Store or a file")


def _str(node: Node | None) -> str | None:
    return None if node is None else str(node)


def _violations(results: Graph) -> list[Violation]:
    out = []
    for r in results.subjects(RDF.type, SH.ValidationResult):
        severity = results.value(r, SH.resultSeverity)
        messages = [str(m) for m in results.objects(r, SH.resultMessage)]
        path = results.value(r, SH.resultPath)
        out.append(
            Violation(
                focus=str(results.value(r, SH.focusNode)),
                path=_path_text(results, path),
                message="; ".join(messages) or "constraint not met",
                severity=str(severity).rsplit("#", 1)[-1],
                value=_str(results.value(r, SH.value)),
                shape=_str(results.value(r, SH.sourceShape)),
            )
        )
    out.sort(key=lambda v: (v.severity != "Violation", v.focus, v.path or "", v.message))
    return out


def _path_text(results: Graph, path: Node | None) -> str | None:
    if path is None:
        return None
    inverse = results.value(path, SH.inversePath)
    if inverse is not None:
        return f"^{inverse}"
    return str(path)


# -- SPARQL constraints evaluated natively ----------------------------------------------------
# pyshacl runs a SPARQL constraint once per focus node, and rdflib's NOT EXISTS over
# reified statements costs the square of a hub's degree: minutes on a few thousand
# relations. The three SPARQL constraints of shapes.ttl are therefore evaluated here in one
# pass each, with the same results (tests/test_ontology.py compares both ways).

_RELATIONS = tuple(URIRef(p) for p in RELATION_PROPERTIES.values())
_COOPERATES = URIRef(RELATION_PROPERTIES["cooperatesWith"])


def _asserted(graph: Graph) -> set[tuple[Node, Node, Node]]:
    out = set()
    for a, s in graph.subject_objects(RDF.subject):
        for p in graph.objects(a, RDF.predicate):
            for o in graph.objects(a, RDF.object):
                out.add((s, p, o))
    return out


def _check_symmetric(graph: Graph) -> Iterator[tuple[Node, Node | None, Node | None]]:
    for s, o in graph.subject_objects(_COOPERATES):
        if (o, _COOPERATES, s) not in graph:
            yield s, _COOPERATES, o


def _check_relations_asserted(graph: Graph) -> Iterator[tuple[Node, Node | None, Node | None]]:
    asserted = _asserted(graph)
    for p in _RELATIONS:
        for s, o in graph.subject_objects(p):
            if (s, p, o) in asserted or (p == _COOPERATES and (o, p, s) in asserted):
                continue
            yield s, p, o


def _check_asserted_triples(graph: Graph) -> Iterator[tuple[Node, Node | None, Node | None]]:
    classes = set(graph.transitive_subjects(RDFS.subClassOf, CCG.RelationAssertion))
    for cls in classes:
        for a in set(graph.subjects(RDF.type, cls)):
            for s in graph.objects(a, RDF.subject):
                for p in graph.objects(a, RDF.predicate):
                    for o in graph.objects(a, RDF.object):
                        if (s, p, o) not in graph:
                            yield a, None, a


NATIVE_CONSTRAINTS: dict[URIRef, Callable[[Graph], Iterable[tuple[Node, Node | None, Node | None]]]] = {
    CCGSH.CooperatesWithIsSymmetric: _check_symmetric,
    CCGSH.RelationIsAsserted: _check_relations_asserted,
    CCGSH.AssertedTripleExists: _check_asserted_triples,
}


def _split_native(shapes: Graph) -> tuple[Graph, list[tuple[Node, URIRef]]]:
    """The shapes without the natively evaluated SPARQL constraints, and (shape, constraint)
    pairs for those."""
    native = [(shape, c) for shape, c in shapes.subject_objects(SH.sparql) if c in NATIVE_CONSTRAINTS]
    if not native:
        return shapes, []
    rest = Graph()
    rest += shapes
    for shape, c in native:
        rest.remove((shape, SH.sparql, c))
    return rest, native


def _native_violations(graph: Graph, shapes: Graph, native: list[tuple[Node, URIRef]]) -> list[Violation]:
    out = []
    for shape, c in native:
        if shapes.value(shape, SH.deactivated) == Literal(True) or shapes.value(c, SH.deactivated) == Literal(True):
            continue
        message = str(shapes.value(c, SH.message) or shapes.value(shape, SH.message) or "constraint not met")
        severity = str(shapes.value(shape, SH.severity) or SH.Violation).rsplit("#", 1)[-1]
        seen = set()
        for focus, path, value in NATIVE_CONSTRAINTS[c](graph):
            if (focus, path, value) in seen:
                continue
            seen.add((focus, path, value))
            out.append(Violation(str(focus), _str(path), message, severity, _str(value), str(shape)))
    return out


def validate(
    data: Graph | Dataset | Store | str | Path, *, shapes: Graph | None = None, native: bool = True
) -> ValidationReport:
    """Validate a graph (the union of a Dataset's or Store's graphs) against the shapes.

    ``data`` may be an ``rdflib.Graph`` (left unchanged), an ``rdflib.Dataset``, a
    :class:`graphkit.store.Store`, or the path of an RDF file. ``shapes`` replaces
    ``ontology/shapes.ttl`` when given. With ``native`` (the default) the SPARQL
    constraints listed in ``NATIVE_CONSTRAINTS`` are evaluated in Python, much faster than
    by pyshacl, with the same results.
    """
    from pyshacl import validate as shacl_validate

    graph, own = _union_graph(data)
    if not own:
        copy = _CachingGraph()
        copy += graph
        graph = copy
    # Mixed in by hand: pyshacl's ont_graph only carries RDFS/OWL axioms, not SKOS concepts.
    graph += _ontology()
    shapes = shapes if shapes is not None else _shapes()
    shacl_shapes, native_constraints = _split_native(shapes) if native else (shapes, [])
    _conforms, results, text = shacl_validate(
        graph,
        shacl_graph=shacl_shapes,
        inference="none",
        abort_on_first=False,
        allow_infos=True,
        allow_warnings=True,
        meta_shacl=False,
        advanced=False,
        inplace=True,
    )
    if not isinstance(results, Graph):  # pyshacl reports a broken shapes graph this way
        raise RuntimeError(f"SHACL validation failed to run: {text}")
    violations = _violations(results)
    extra = _native_violations(graph, shapes, native_constraints)
    if extra:
        violations += extra
        violations.sort(key=lambda v: (v.severity != "Violation", v.focus, v.path or "", v.message))
        text = str(text) + "".join(f"\n{v}" for v in extra)
    ok = not any(v.severity == "Violation" for v in violations)
    return ValidationReport(conforms=ok, violations=violations, text=str(text))
