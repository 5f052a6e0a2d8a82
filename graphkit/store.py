"""The RDF store: an embedded Oxigraph database on disk, one named graph per article.

Writes go article by article, each in one Oxigraph transaction, so a build that is killed
leaves every article either fully in the store or absent; re-running the build completes it.
Queries see the union of all article graphs as their default graph.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

import pyoxigraph as ox

from .rdf import CCG, PREFIXES

#: Export format name -> (Oxigraph format, whether it carries named graphs).
FORMATS: dict[str, tuple[ox.RdfFormat, bool]] = {
    "nq": (ox.RdfFormat.N_QUADS, True),
    "trig": (ox.RdfFormat.TRIG, True),
    "ttl": (ox.RdfFormat.TURTLE, False),
    "nt": (ox.RdfFormat.N_TRIPLES, False),
    "jsonld": (ox.RdfFormat.JSON_LD, True),
    "xml": (ox.RdfFormat.RDF_XML, False),
}


class StoreError(Exception):
    """A store cannot be opened or used; the message says why, for the user."""


def export_format(fmt: str) -> tuple[ox.RdfFormat, bool]:
    """The Oxigraph format of an export name and whether it carries named graphs."""
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return FORMATS[fmt]


def default_store_path() -> Path:
    """Where commands keep the graph without ``--store``: ``$GRAPHKIT_STORE``, else the
    user data folder (``$XDG_DATA_HOME/graphkit/store``)."""
    if os.environ.get("GRAPHKIT_STORE"):
        return Path(os.environ["GRAPHKIT_STORE"]).expanduser()
    data = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return data / "graphkit" / "store"


def _python_value(term: Any) -> Any:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        dt = term.datatype.value.rsplit("#", 1)[-1]
        if dt in {"integer", "int", "long", "nonNegativeInteger"}:
            return int(term.value)
        if dt in {"double", "decimal", "float"}:
            return float(term.value)
        if dt == "boolean":
            return term.value == "true"
        return term.value
    return term.value


class ArticleIndex:
    """Which articles a store holds, read with SPARQL; shared by every store backend
    (anything with a ``select(sparql, union=...)`` method)."""

    def article_hashes(self) -> dict[str, str]:
        """Content hash -> article IRI, for every article in the store."""
        rows = self.select(f"SELECT ?g ?h WHERE {{ GRAPH ?g {{ ?g <{CCG.contentHash}> ?h }} }}", union=False)
        return {r["h"]: r["g"] for r in rows}

    def articles_by_origin(self) -> dict[str, set[str]]:
        """URL or source path -> article IRIs built from it (to replace changed articles)."""
        rows = self.select(
            "SELECT ?g ?o WHERE { GRAPH ?g { { ?g <https://schema.org/url> ?o } UNION "
            f"{{ ?g <{CCG.sourcePath}> ?o }} }} }}",
            union=False,
        )
        out: dict[str, set[str]] = {}
        for r in rows:
            out.setdefault(r["o"], set()).add(r["g"])
        return out


class Store(ArticleIndex):
    """An Oxigraph store on disk (or in memory with ``path=None``).

    >>> s = Store(None)
    >>> len(s)
    0
    """

    def __init__(self, path: str | Path | None, *, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        try:
            if self.path is None:
                self._ox = ox.Store()
            elif read_only:
                self._ox = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._ox = ox.Store(str(self.path))
        except OSError as exc:
            raise StoreError(f"cannot open the store at {self.path}: {exc}") from exc

    # -- articles ---------------------------------------------------------------
    def put_article(self, graph_iri: str, quads: Iterable[ox.Quad]) -> None:
        """Write one article's graph in a single transaction (replacing a previous one)."""
        g = ox.NamedNode(graph_iri)
        quads = list(quads)
        if self._ox.contains_named_graph(g):
            self._ox.remove_graph(g)
        self._ox.extend(quads)

    def remove_article(self, graph_iri: str) -> None:
        g = ox.NamedNode(graph_iri)
        if self._ox.contains_named_graph(g):
            self._ox.remove_graph(g)

    def bulk_load(self, quads: Iterable[ox.Quad]) -> None:
        """Fast, non-transactional load of many quads (for benchmarks and imports)."""
        self._ox.bulk_extend(quads)

    # -- queries -------------------------------------------------------------------
    def query(self, sparql: str, *, union: bool = True) -> Any:
        """Run a SPARQL query; the default graph is the union of article graphs."""
        try:
            return self._ox.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=union)
        except SyntaxError as exc:
            raise StoreError(f"SPARQL syntax error: {exc}") from exc

    def select(self, sparql: str, *, union: bool = True) -> list[dict[str, Any]]:
        """A SELECT query's rows as dicts of plain Python values (IRIs as strings)."""
        result = self.query(sparql, union=union)
        names = [v.value for v in result.variables]
        return [{n: _python_value(sol[n]) for n in names} for sol in result]

    def quads(self) -> Iterator[ox.Quad]:
        return iter(self._ox.quads_for_pattern(None, None, None, None))

    def __len__(self) -> int:
        return len(self._ox)

    # -- export ----------------------------------------------------------------------
    def export(self, output: str | Path | IO[bytes], fmt: str = "nq") -> None:
        """Write the graph in ``fmt`` (see ``FORMATS``); formats without named graphs
        get the union of all article graphs."""
        rdf_format, with_graphs = export_format(fmt)
        target = str(output) if isinstance(output, Path) else output
        if with_graphs:
            self._ox.dump(target, rdf_format, prefixes=PREFIXES if fmt != "nq" else None)
        else:
            triples = self._ox.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
            ox.serialize(triples, target, rdf_format, prefixes=None if fmt == "nt" else PREFIXES)

    def as_rdflib(self):
        """The same data as an ``rdflib.Dataset`` (through oxrdflib), for rdflib users."""
        from oxrdflib import OxigraphStore
        from rdflib import Dataset

        return Dataset(store=OxigraphStore(store=self._ox), default_union=True)

    def flush(self) -> None:
        if not self.read_only and self.path is not None:
            self._ox.flush()
