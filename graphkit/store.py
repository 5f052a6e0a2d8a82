"""The RDF store: what a graph lives in, and the embedded Oxigraph database on disk.

:class:`GraphStore` is the interface every store offers (the facade, the analyses and the
server's query workers use nothing else); :func:`open_store` opens one from a location:

>>> store = open_store(None)                 # in memory
>>> store.location is None and len(store) == 0
True
>>> open_store("http://127.0.0.1:7878", read_only=True).location   # a SPARQL server
'http://127.0.0.1:7878'

The embedded :class:`Store` writes an article, or several (``put_articles``), in one Oxigraph
transaction, so a build that is killed leaves every article either fully in the store or
absent; re-running the build completes it. Queries see the union of all article graphs as their
default graph.
"""

from __future__ import annotations

import os
import time
from collections.abc import Hashable, Iterable, Iterator, Sequence
from itertools import chain
from pathlib import Path
from typing import IO, Any, Protocol, runtime_checkable

import pyoxigraph as ox

from . import aggregate
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


class StoreBusy(StoreError):
    """Another process writes to the store (Oxigraph allows one writer per folder)."""


class QueryError(StoreError):
    """The store refused the query itself (its syntax, its form): the asker's error."""


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


def python_value(term: Any) -> Any:
    """A pyoxigraph term as a plain Python value (IRIs and strings as ``str``).

    >>> python_value(ox.Literal("3", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    3
    """
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


@runtime_checkable
class GraphStore(Protocol):
    """What every graph store offers: one named graph per article, SPARQL over their union.

    :class:`Store` (embedded Oxigraph) and :class:`graphkit.remote.RemoteStore` (a SPARQL
    1.1 server) implement it; :func:`open_store` opens either from a location.
    """

    #: Where the store is: a folder, a server URL, or None in memory.
    location: str | Path | None
    read_only: bool

    def put_article(self, graph_iri: str, quads: Iterable[ox.Quad]) -> None:
        """Replace one article's named graph in one transaction."""

    def put_articles(self, articles: Sequence[tuple[str, Iterable[ox.Quad]]]) -> None:
        """Write several articles (graph IRI, quads) as :meth:`put_article` would one after
        the other, in one transaction where the store can: all of them or none."""

    def remove_article(self, graph_iri: str) -> None:
        """Drop one article's named graph (no error when absent)."""

    def bulk_load(self, quads: Iterable[ox.Quad]) -> None:
        """Add many quads fast, without the per-article transaction (the embedded store
        then brings the aggregate view up to date; a remote store leaves that to
        :meth:`refresh_aggregates`)."""

    def refresh_aggregates(self) -> None:
        """Rebuild the aggregate view (``graphkit.aggregate``) from the article graphs."""

    def query(
        self,
        sparql: str,
        *,
        union: bool = True,
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
    ) -> Any:
        """Run a SPARQL query: pyoxigraph ``QuerySolutions``/``QueryBoolean``, or an iterable
        of ``Triple`` for CONSTRUCT/DESCRIBE. The default graph is the union of the article
        graphs, unless ``union`` is False or ``default_graphs``/``named_graphs`` name the
        dataset (as the SPARQL Protocol's ``default-graph-uri``/``named-graph-uri``)."""

    def select(self, sparql: str, *, union: bool = True) -> list[dict[str, Any]]:
        """A SELECT query's rows as dicts of plain Python values."""

    def article_hashes(self) -> dict[str, str]:
        """Content hash -> article IRI, for every article in the store."""

    def articles_by_origin(self) -> dict[str, set[str]]:
        """URL or source path -> article IRIs built from it."""

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad, with its graph."""

    def __len__(self) -> int: ...

    def export(self, output: str | Path | IO[bytes], fmt: str = "nq") -> None:
        """Write the graph in ``fmt`` (see ``FORMATS``)."""

    def flush(self) -> None:
        """Make what was written durable and visible to readers that open the store anew."""

    def change_token(self) -> Hashable:
        """A cheap value that changes whenever committed data changes, for readers that hold
        a snapshot (the server's workers); a store that always answers with fresh data
        returns a constant."""


def open_store(location: str | Path | None, *, read_only: bool = False, wait: float = 0) -> GraphStore:
    """The store at ``location``: ``http(s)://...`` is a SPARQL server, None is in memory,
    anything else a folder. ``read_only`` opens a folder without the writer's lock (a
    snapshot; it must exist) and refuses writes to a server. A folder that another process
    writes to is waited for up to ``wait`` seconds, then :class:`StoreBusy` is raised."""
    if isinstance(location, str) and location.startswith(("http://", "https://")):
        from .remote import RemoteStore

        return RemoteStore(location, read_only=read_only)
    if read_only and location is not None and not (Path(location) / "CURRENT").exists():
        raise StoreError(f"no graph store at {location}: run 'graphkit build' first")
    return Store(location, read_only=read_only, wait=wait)


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
    """An Oxigraph store on disk (or in memory with ``path=None``); a :class:`GraphStore`.

    >>> s = Store(None)
    >>> len(s)
    0
    """

    def __init__(self, path: str | Path | None, *, read_only: bool = False, wait: float = 0) -> None:
        self.path = Path(path) if path is not None else None
        self.location = self.path
        self.read_only = read_only
        try:
            if self.path is None:
                self._ox = ox.Store()
            elif read_only:
                self._ox = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._ox = _open_for_writing(self.path, wait)
        except (OSError, RuntimeError) as exc:  # RuntimeError: a store that its writer is still creating
            raise StoreError(f"cannot open the store at {self.path}: {exc}") from exc
        self._forget_view()

    # -- articles ---------------------------------------------------------------
    def put_article(self, graph_iri: str, quads: Iterable[ox.Quad]) -> None:
        """Write one article's graph and its share of the aggregate view in a single
        transaction (replacing a previous version of the article)."""
        self._replace(graph_iri, list(quads))

    def put_articles(self, articles: Sequence[tuple[str, Iterable[ox.Quad]]]) -> None:
        """Write new articles and their share of the view in one transaction: all or none.
        A commit costs about as much as writing a small article, and articles written
        together touch the view's facts they share (a hub's labels, buckets, ranks) once.
        Articles whose graph is in the store already are replaced one by one."""
        graphs = [ox.NamedNode(g) for g, _ in articles]
        if len(set(graphs)) < len(graphs) or any(map(self._ox.contains_named_graph, graphs)):
            for graph_iri, quads in articles:
                self.put_article(graph_iri, quads)
            return
        written = [(g, list(quads)) for g, quads in articles]
        self._commit(aggregate.Share(), aggregate.tally(set(chain.from_iterable(q for _, q in written))), None, written)

    def remove_article(self, graph_iri: str) -> None:
        """Drop one article's graph and its share of the aggregate view, in one transaction."""
        self._replace(graph_iri, None)

    def _replace(self, graph_iri: str, quads: list[ox.Quad] | None) -> None:
        # One SPARQL Update is one Oxigraph transaction: the article and the view change
        # together or not at all. Reading the current counts first is safe because this
        # process holds the store's only writer lock.
        g = ox.NamedNode(graph_iri)
        had = self._ox.contains_named_graph(g)
        if quads is None and not had:
            return
        old = aggregate.contribution(self._ox.quads_for_pattern(None, None, None, g)) if had else aggregate.Share()
        new = aggregate.contribution(quads or ())
        self._commit(old, new, graph_iri if had else None, [(graph_iri, quads)] if quads else [])

    def _commit(
        self,
        old: aggregate.Share,
        new: aggregate.Share,
        dropped: str | None,
        written: list[tuple[str, list[ox.Quad]]],
    ) -> None:
        """One SPARQL Update (one transaction): drop the graph ``dropped`` (whose share is
        ``old``), write the ``written`` graphs (whose share is ``new``), move the view."""
        ops = [f"DROP SILENT GRAPH <{dropped}>"] if dropped else []
        state = aggregate.State()
        ops.append(
            aggregate.changes(old, new, self._view_state, lambda total: self._evidence_elsewhere(total, dropped), state)
        )
        for graph_iri, quads in written:
            ops.append(aggregate.insert_data(graph_iri, (f"{q.subject} {q.predicate} {q.object}" for q in quads)))
        try:
            self._ox.update(" ;\n".join(op for op in ops if op))
        except BaseException:
            self._forget_view()
            raise
        self._remember(state.counts, state.evidence)

    def _view_state(self, facts: Iterable[aggregate.Fact]) -> aggregate.State:
        """What the view holds for ``facts``: from what this writer read or wrote before (it is
        the store's only writer, so that stays true), else read from the view. Most writes
        touch the same few facts again (a hub's labels, the buckets, the ranks), so most of
        their reads are saved."""
        facts = set(facts)
        unknown = facts - self._known
        if unknown:
            read = aggregate.current_state(self._ox, unknown)
            self._remember({f: read.counts.get(f, 0) for f in unknown}, read.evidence)
        counts, evidence = self._view.counts, self._view.evidence
        return aggregate.State(
            {f: counts[f] for f in facts if f in counts}, {f: evidence[f] for f in facts if f in evidence}
        )

    def _remember(self, counts: dict[aggregate.Fact, int], evidence: dict[aggregate.Fact, aggregate.Evidence]) -> None:
        if len(self._known) > _VIEW_MEMORY:
            self._forget_view()
        for fact, n in counts.items():
            self._known.add(fact)
            if n > 0:
                self._view.counts[fact] = n
            else:
                self._view.counts.pop(fact, None)
            if fact in evidence:
                self._view.evidence[fact] = evidence[fact]
            else:
                self._view.evidence.pop(fact, None)

    def _forget_view(self) -> None:
        """Forget what the view holds (after it was rewritten, or a write failed)."""
        self._known: set[aggregate.Fact] = set()
        self._view = aggregate.State()

    def _evidence_elsewhere(self, total: aggregate.Fact, graph_iri: str) -> aggregate.Evidence | None:
        """A pair's smallest evidence in the article graphs other than ``graph_iri``."""
        for row in self._ox.query(aggregate.others_query(total, graph_iri)):
            return row["t"].value, row["a"].value
        return None

    def refresh_aggregates(self) -> None:
        """Rebuild the aggregate view from the article graphs, in one transaction: what a
        recount gives is compared with what the view holds, and only the difference is
        written, so a refresh that is killed leaves the view as it was, and readers see the
        old view or the new one, never a part. Only the quads of the predicates the view is
        made of are read (through the store's predicate index)."""
        sources = (ox.NamedNode(p) for p in aggregate.SOURCE_PREDICATES)
        share = aggregate.recount(chain.from_iterable(self._ox.quads_for_pattern(None, p, None, None) for p in sources))
        view = ox.NamedNode(aggregate.AGGREGATE)
        held = {q.triple for q in self._ox.quads_for_pattern(None, None, None, view)}
        wanted = {q.triple for q in ox.parse(input=aggregate.turtle(share), format=ox.RdfFormat.TURTLE)}
        ops = (
            aggregate.delete_data(aggregate.AGGREGATE, map(str, held - wanted)),
            aggregate.insert_data(aggregate.AGGREGATE, map(str, wanted - held)),
        )
        if any(ops):
            self._forget_view()
            self._ox.update(" ;\n".join(op for op in ops if op))

    def _write_view(self, share: aggregate.Share) -> None:
        # Into a store that held no article (a first bulk load, itself not transactional): one
        # transaction of the whole view takes three times longer on disk than the bulk loader
        # (measured at 10^6 quads: 17 s against 6 s for 385,560 triples).
        view = ox.NamedNode(aggregate.AGGREGATE)
        self._forget_view()
        self._ox.update(f"DROP SILENT GRAPH <{aggregate.AGGREGATE}>")
        self._ox.bulk_load(input=aggregate.turtle(share), format=ox.RdfFormat.TURTLE, to_graph=view)

    def bulk_load(self, quads: Iterable[ox.Quad]) -> None:
        """Fast, non-transactional load of many quads (for benchmarks and imports). The
        aggregate view is brought up to date: counted from the quads as they stream in when
        the store held no article before (the quads must be distinct), else refreshed."""
        view = ox.NamedNode(aggregate.AGGREGATE)
        fresh = next((g for g in self._ox.named_graphs() if g != view), None) is None
        counter = aggregate.Tally()
        self._ox.bulk_extend(counter.watch(quads) if fresh else quads)
        if fresh:
            self._write_view(aggregate.whole(counter.share()))
        else:
            self.refresh_aggregates()

    # -- queries -------------------------------------------------------------------
    def query(
        self,
        sparql: str,
        *,
        union: bool = True,
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
    ) -> Any:
        """Run a SPARQL query; the default graph is the union of article graphs (see
        :meth:`GraphStore.query`)."""
        kwargs: dict[str, Any] = {"prefixes": PREFIXES}
        if default_graphs or named_graphs:
            kwargs["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
            if named_graphs:
                kwargs["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        else:
            kwargs["use_default_graph_as_union"] = union
        try:
            return self._ox.query(sparql, **kwargs)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from exc
        except ValueError as exc:
            raise QueryError(f"cannot run this query: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"cannot read the store at {self.path}: {exc}") from exc

    def select(self, sparql: str, *, union: bool = True) -> list[dict[str, Any]]:
        """A SELECT query's rows as dicts of plain Python values (IRIs as strings)."""
        result = self.query(sparql, union=union)
        names = [v.value for v in result.variables]
        return [{n: python_value(sol[n]) for n in names} for sol in result]

    def _article_graphs(self) -> list[ox.NamedNode]:
        view = ox.NamedNode(aggregate.AGGREGATE)
        return [g for g in self._ox.named_graphs() if g != view]

    def _view_size(self) -> int:
        return sum(1 for _ in self._ox.quads_for_pattern(None, None, None, ox.NamedNode(aggregate.AGGREGATE)))

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of the article graphs (the aggregate view is derived, left out)."""
        view = ox.NamedNode(aggregate.AGGREGATE)
        return (q for q in self._ox.quads_for_pattern(None, None, None, None) if q.graph_name != view)

    def __len__(self) -> int:
        """Quads in the article graphs (the aggregate view is not counted)."""
        return len(self._ox) - self._view_size()

    # -- export ----------------------------------------------------------------------
    def export(self, output: str | Path | IO[bytes], fmt: str = "nq") -> None:
        """Write the graph in ``fmt`` (see ``FORMATS``); formats without named graphs
        get the union of all article graphs."""
        rdf_format, with_graphs = export_format(fmt)
        target = str(output) if isinstance(output, Path) else output
        if with_graphs:
            ox.serialize(self.quads(), target, rdf_format, prefixes=PREFIXES if fmt != "nq" else None)
        else:
            triples = self._ox.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", default_graph=self._article_graphs())
            ox.serialize(triples, target, rdf_format, prefixes=None if fmt == "nt" else PREFIXES)

    def as_rdflib(self):
        """The same data as an ``rdflib.Dataset`` (through oxrdflib), for rdflib users."""
        from oxrdflib import OxigraphStore
        from rdflib import Dataset

        return Dataset(store=OxigraphStore(store=self._ox), default_union=True)

    def flush(self) -> None:
        if not self.read_only and self.path is not None:
            self._ox.flush()

    def change_token(self) -> Hashable:
        """The folder's :func:`store_signature` (None in memory: nobody else writes there)."""
        return store_signature(self.path) if self.path is not None else None


#: How many facts of the view a writer remembers before it starts again (~200 bytes each).
_VIEW_MEMORY = 1_000_000


def _open_for_writing(path: Path, wait: float) -> ox.Store:
    """Oxigraph's store at ``path``, once no other process holds its lock (RocksDB's LOCK
    file, released when the other writer closes or dies), polling for up to ``wait`` s."""
    deadline = time.monotonic() + wait
    while True:
        try:
            return ox.Store(str(path))
        except OSError as exc:
            if "lock" not in str(exc).lower():
                raise
            if time.monotonic() >= deadline:
                raise StoreBusy(
                    f"the store at {path} is being written by another process (another 'graphkit build'?); "
                    "run this again when it has finished, or use another --store"
                ) from None
            time.sleep(min(0.5, max(0.0, deadline - time.monotonic())))


def store_signature(path: Path) -> tuple[tuple[str, int, int], ...] | None:
    """A cheap fingerprint of a RocksDB folder that changes on every committed write
    (WAL appends, memtable flushes, compactions); None if the store does not exist."""
    try:
        entries = list(os.scandir(path))
    except OSError:
        return None
    out = []
    for entry in entries:
        name = entry.name
        if name == "CURRENT" or name.startswith("MANIFEST-") or name.endswith(".log"):
            try:
                st = entry.stat()
            except OSError:  # deleted meanwhile by the writer
                continue
            out.append((name, st.st_size, st.st_mtime_ns))
    return tuple(sorted(out))
