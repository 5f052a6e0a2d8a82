"""``KnowledgeGraph``: the one object the CLI, the server and users' scripts work with.

Everything a user can do is a method here: build (``build``, ``add_articles``,
``add_text``), read (``query``, ``entities``, ``stats``, ``export``, ``validate``), browse (``search``,
``entity``, ``evidence``, ``article``), analyse
(``analysis``, ``centrality``, ``communities``, ``ties_per_year``, ``write_scores``,
``plot_centrality``), show (``render``, ``render_image``, ``serve``). The parts are swappable:
the store (any :class:`~graphkit.store.GraphStore`, e.g. a folder or a SPARQL server URL),
the executor of a build (this process, or ``graphkit.distributed.DaskExecutor``) and the
pipeline's extractor and resolver (``kg.pipeline.extractor = ...``).

>>> kg = KnowledgeGraph(store=None)           # in memory; KnowledgeGraph() uses the default store
>>> report = kg.add_text("Europol and the FBI ran a joint operation.", lang="en")
>>> report.added
1
>>> sorted(r["o"].rsplit("/", 1)[-1] for r in kg.query("SELECT ?o WHERE { ?s ccg:cooperatesWith ?o }"))
['europol', 'us-fbi']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from .behind import Behind
from .model import Article, ExtractionFailed
from .pipeline import Executor, LocalExecutor, Pipeline
from .rdf import article_iri
from .store import FORMATS, GraphStore, StoreBusy, StoreError, default_store_path, open_store

__all__ = [
    "ARTICLE_TIMEOUT",
    "EXPORT_FORMATS",
    "MAX_CHARS",
    "Analysis",
    "BuildReport",
    "KnowledgeGraph",
    "StoreBusy",
    "StoreError",
    "dask_executor",
    "open_graph",
]

#: Names of the export formats (``kg.export(..., fmt)``).
EXPORT_FORMATS = tuple(FORMATS)

_DEFAULT = object()

#: Articles longer than this many characters are skipped (and reported) unless a build says otherwise.
MAX_CHARS = 2_000_000
#: Seconds of extraction after which one article is given up (and reported).
ARTICLE_TIMEOUT = 600.0
#: Extracted articles that wait for the writer thread, and how many it commits at once.
WRITE_QUEUE, WRITE_GROUP = 64, 64


@dataclass
class BuildReport:
    """What a build did: articles added, skipped (already in the store), replaced, superseded
    (an older version of a URL or file that the same batch also holds), problems."""

    added: int = 0
    skipped: int = 0
    replaced: int = 0
    superseded: int = 0
    problems: list[str] = field(default_factory=list)
    read: int = 0

    @property
    def ok(self) -> bool:
        """False only when nothing could be read at all."""
        return self.read > 0 or not self.problems


def origin_of(article: Article) -> str | None:
    """What a new version of ``article`` would share with it: its URL, else its file when the
    file holds one article (lines of a JSON Lines file without URL have no origin)."""
    return article.url or (article.source_path if article.source_line is None else None)


def _within(article: Article, max_chars: int, report: BuildReport) -> bool:
    """Whether ``article`` is at most ``max_chars`` long; a longer one is reported (as a file
    too large is: not read)."""
    if len(article.text) <= max_chars:
        return True
    report.problems.append(
        f"{article.source}: too long ({len(article.text):,} characters > {max_chars:,}); "
        f"skipped the whole article (raise the limit with --max-chars)"
    )
    return False


def select_articles(
    articles: Iterable[Article], known: Iterable[str], report: BuildReport, *, force: bool = False
) -> tuple[list[Article], list[Article]]:
    """Split a batch into articles to extract and articles to skip (already in ``known``
    hashes, or repeated), counting them in ``report``.

    Of several versions of one origin in the batch only the last (in input order) is kept:
    the others are superseded, so building the same batch twice gives the same store.
    """
    articles = list(articles)
    known = set(known)
    last = {origin_of(a): i for i, a in enumerate(articles)}
    todo: list[Article] = []
    skipped: list[Article] = []
    seen: set[str] = set()
    for i, art in enumerate(articles):
        report.read += 1
        origin = origin_of(art)
        if origin is not None and last[origin] != i:
            report.superseded += 1
        elif art.id in seen or (art.id in known and not force):
            report.skipped += 1
            skipped.append(art)
        else:
            seen.add(art.id)
            todo.append(art)
    return todo, skipped


@dataclass
class Analysis:
    """One NetworkX projection of the graph and what was computed on it, each at most once,
    so that one command's tables, communities, years, scores and map share the work.

    >>> view = KnowledgeGraph(None).analysis("agencies")
    >>> view.graph.number_of_nodes(), view.scores("pagerank")
    (0, {})
    """

    projection: str
    graph: Any
    _scores: dict[str, dict[Any, float]] = field(default_factory=dict, repr=False)
    _partition: tuple[dict[Any, int], float] | None = field(default=None, repr=False)

    def scores(self, measure: str) -> dict[Any, float]:
        """Node -> value of a centrality measure (see ``graphkit.analysis.MEASURES``)."""
        if measure not in self._scores:
            from .analysis import centrality

            self._scores[measure] = centrality(self.graph, measure)
        return self._scores[measure]

    def partition(self) -> tuple[dict[Any, int], float]:
        """Louvain communities (node -> community) and their modularity."""
        if self._partition is None:
            from .analysis import communities

            self._partition = communities(self.graph) if self.graph.number_of_nodes() else ({}, 0.0)
        return self._partition


def dask_executor(*, workers: int = 2, scheduler: str | None = None, **options: Any) -> Executor:
    """An executor that extracts on Dask workers (``graphkit.distributed.DaskExecutor``);
    ImportError with the command to install Dask when it is missing."""
    try:
        from .distributed import DaskExecutor
    except ImportError as exc:
        raise ImportError(f"distributed builds need Dask: pip install 'dask[distributed]' ({exc})") from exc
    return DaskExecutor(workers=workers, scheduler=scheduler, **options)


class KnowledgeGraph:
    """A knowledge graph in a store: add articles, query, project, analyse, render, export, serve.

    ``store``: a :class:`~graphkit.store.GraphStore`, or a location for
    :func:`~graphkit.store.open_store` (a folder, an ``http(s)://`` SPARQL server, None for
    memory); the default store when omitted. ``overrides``: a JSON file of forced/forbidden
    merges for the resolver. ``wait``: seconds to wait for another process that writes to
    the folder (``StoreBusy`` after that).
    """

    def __init__(
        self,
        store: str | Path | GraphStore | None | object = _DEFAULT,
        *,
        overrides: str | Path | None = None,
        read_only: bool = False,
        wait: float = 0,
    ) -> None:
        if store is _DEFAULT:
            store = default_store_path()
        self.store: GraphStore = (
            open_store(store, read_only=read_only, wait=wait)
            if store is None or isinstance(store, (str, Path))
            else store
        )  # type: ignore[assignment]
        self._overrides = overrides
        self._pipeline: Pipeline | None = None
        self._browser: Any = None

    def __repr__(self) -> str:
        return f"KnowledgeGraph({self.store.location!r})"

    # -- building -----------------------------------------------------------------------
    @property
    def pipeline(self) -> Pipeline:
        """What turns articles into quads (extractor and resolver, swappable)."""
        if self._pipeline is None:
            from .resolve import Overrides

            self._pipeline = Pipeline(Overrides.load(self._overrides) if self._overrides else None)
        return self._pipeline

    def build(
        self,
        paths: Iterable[str | Path],
        *,
        executor: Executor | None = None,
        force: bool = False,
        progress: Callable[[int, str], None] | None = None,
        max_chars: int | None = MAX_CHARS,
        article_timeout: float | None = ARTICLE_TIMEOUT,
    ) -> BuildReport:
        """Read files and folders and add every article; problems are reported, not raised.

        ``executor`` runs the extraction (default: this process; ``dask_executor(...)`` for
        a cluster); whatever runs it, this process alone writes, so the store ends up the
        same. ``progress(1, source)`` is called for each article written. An article longer
        than ``max_chars`` characters is skipped; one whose extraction takes more than
        ``article_timeout`` seconds is given up (None: no limit); either is a problem of the
        report, as is any failure to extract, resolve or write one article.
        """
        from .readers import ReadProblem, read_paths

        report = BuildReport()
        articles: list[Article] = []
        for item in read_paths(paths):
            if isinstance(item, ReadProblem):
                report.problems.append(str(item))
            else:
                articles.append(item)
        self._add(articles, report, force, progress, executor, max_chars, article_timeout)
        return report

    def add_articles(
        self,
        articles: Iterable[Article],
        *,
        executor: Executor | None = None,
        force: bool = False,
        progress: Callable[[int, str], None] | None = None,
        max_chars: int | None = MAX_CHARS,
        article_timeout: float | None = ARTICLE_TIMEOUT,
    ) -> BuildReport:
        """Add articles already read (see ``build``)."""
        report = BuildReport()
        self._add(list(articles), report, force, progress, executor, max_chars, article_timeout)
        return report

    def add_text(self, text: str, **meta: Any) -> BuildReport:
        """Add one article given as text (``title``, ``url``, ``published``, ``lang`` optional)."""
        from .readers import read_text

        return self.add_articles([read_text(text, **meta)])

    def _add(
        self,
        articles: list[Article],
        report: BuildReport,
        force: bool,
        progress: Callable[[int, str], None] | None,
        executor: Executor | None,
        max_chars: int | None,
        article_timeout: float | None,
    ) -> None:
        if max_chars is not None:
            articles = [a for a in articles if _within(a, max_chars, report)]
        todo, skipped = select_articles(articles, self.store.article_hashes(), report, force=force)
        origins = self.store.articles_by_origin()
        for art in skipped:
            self._drop_stale(art, origins, report)
        self.pipeline.timeout = article_timeout

        def write(outcomes: list[tuple[Article, Any]]) -> None:
            self._write(outcomes, origins, report, progress, together=not force)

        # Articles are written in a thread of their own while the next ones are extracted
        # (graphkit/behind.py); outcomes, failures included, are handled there in input order.
        # The queue holds an extractor's batch (it hands out 4 x 16 articles at once), so that
        # extraction goes on while the writer catches up, in transactions of up to 64 articles
        # (measured: 15% less writer time than 16; a kill loses only articles not yet reported).
        with Behind(write, depth=WRITE_QUEUE, group=WRITE_GROUP) as writer:
            for outcome in (executor or LocalExecutor()).map(self.pipeline, todo):
                writer.put(outcome)
        self.store.flush()

    def _write(
        self,
        outcomes: list[tuple[Article, Any]],
        origins: dict[str, set[str]],
        report: BuildReport,
        progress: Callable[[int, str], None] | None,
        *,
        together: bool,
    ) -> None:
        """Write extracted articles (or report why one was not extracted), in input order.
        ``together``: the articles are new to the store and have distinct origins (no
        ``force``), so they can be written in one transaction, and the stale versions they
        replace dropped afterwards, as one after the other would; should that transaction
        fail, each article is written on its own, so that the failure is reported for its
        article only. An article is counted (and ``progress`` told) once it is committed."""
        extracted: list[tuple[Article, Any]] = []
        for art, quads in outcomes:
            if isinstance(quads, BaseException):
                failure = quads if isinstance(quads, ExtractionFailed) else ExtractionFailed.of(quads, "extraction")
                report.problems.append(f"{art.source}: {failure}; skipped")
            else:
                extracted.append((art, quads))
        if together and len(extracted) > 1 and self._put_together(extracted):
            for art, _ in extracted:
                self._written(art, origins, report, progress)
            return
        for art, quads in extracted:
            try:
                self.store.put_article(article_iri(art.id), quads)
            except Exception as exc:  # noqa: BLE001 - one article's failure is reported, the batch goes on
                report.problems.append(f"{art.source}: not written ({type(exc).__name__}: {exc})")
                continue
            self._written(art, origins, report, progress)

    def _put_together(self, extracted: list[tuple[Article, Any]]) -> bool:
        """Whether the articles were written in one transaction (if not, none was)."""
        try:
            self.store.put_articles([(article_iri(art.id), quads) for art, quads in extracted])
        except Exception:  # noqa: BLE001 - the caller writes them one by one, to name the article
            return False
        return True

    def _written(
        self,
        art: Article,
        origins: dict[str, set[str]],
        report: BuildReport,
        progress: Callable[[int, str], None] | None,
    ) -> None:
        """What follows an article's write: its stale versions dropped, counted, told."""
        try:
            self._drop_stale(art, origins, report)
        except Exception as exc:  # noqa: BLE001 - one article's failure is reported, the batch goes on
            report.problems.append(f"{art.source}: not written ({type(exc).__name__}: {exc})")
            return
        report.added += 1
        if report.added % 50 == 0:
            self.store.flush()  # readers (the SPARQL server) reopen fast after a flush
        if progress:
            progress(1, art.source)

    def _drop_stale(self, art: Article, origins: dict[str, set[str]], report: BuildReport) -> None:
        """An article rebuilt from the same URL (or single-article file) replaces the old one."""
        origin = origin_of(art)
        if not origin:
            return
        for old in origins.get(origin, set()) - {article_iri(art.id)}:
            self.store.remove_article(old)
            report.replaced += 1
        origins[origin] = {article_iri(art.id)}

    def remove_article(self, article: str) -> None:
        """Remove an article by IRI or id."""
        self.store.remove_article(article if article.startswith("http") else article_iri(article))

    # -- using -------------------------------------------------------------------------------
    def query(self, sparql: str) -> list[dict[str, Any]]:
        """Rows of a SELECT query (plain Python values); see ``Store.query`` for others."""
        return self.store.select(sparql)

    def entities(self, *, type_: str | None = None, merged_only: bool = False) -> list[dict[str, Any]]:
        """Every entity with the names merged into it and the articles it comes from, so a
        user can audit merges (and correct them with an overrides file)."""
        from .rdf import CCG

        type_filter = f"VALUES ?t {{ <{CCG[type_]}> }}" if type_ else ""
        rows = self.store.select(
            f"""SELECT ?e ?t (SAMPLE(?p) AS ?label) (COUNT(DISTINCT ?name) AS ?names)
                       (GROUP_CONCAT(DISTINCT ?tagged; separator=" | ") AS ?all_names)
                       (COUNT(DISTINCT ?a) AS ?articles)
                WHERE {{
                  ?e a ?t ; skos:prefLabel ?p ; ccg:mentionedIn ?a .
                  {type_filter}
                  FILTER(STRSTARTS(STR(?t), "{CCG}") && ?t NOT IN (ccg:RelationAssertion, ccg:EvidenceSentence))
                  OPTIONAL {{ ?e skos:altLabel ?name . BIND(CONCAT(STR(?name), IF(LANG(?name) != "", CONCAT("@", LANG(?name)), "")) AS ?tagged) }}
                }}
                GROUP BY ?e ?t ORDER BY DESC(?articles) ?label"""
        )
        out = [
            {
                "entity": r["e"],
                "type": r["t"].rsplit("#", 1)[-1],
                "label": r["label"],
                "names": r["names"],
                "articles": r["articles"],
                "all_names": r["all_names"] or "",
            }
            for r in rows
        ]
        return [r for r in out if r["names"] > 0] if merged_only else out

    # -- browsing (the workbench's pages read these) ------------------------------------------
    @property
    def browser(self):
        """The read side of the workbench (:class:`graphkit.browse.Browser`), made once."""
        if self._browser is None:
            from .browse import Browser

            self._browser = Browser(self.store)
        return self._browser

    def search(self, text: str, *, limit: int = 50):
        """Entities with a name containing ``text`` (any language, accents and case ignored),
        best first (:class:`graphkit.browse.SearchHit`)."""
        return self.browser.search(text, limit=limit)

    def entity(self, id_: str):
        """Everything known about one entity (short id like ``agency/by-ic`` or IRI):
        names, country, parent body, units, ties with evidence, years, merged names; None
        when unknown (:class:`graphkit.browse.EntityPage`)."""
        return self.browser.entity(id_)

    def ties(self, id_: str, relation: str, page: int = 1):
        """One page of an entity's ties of one relation (``cooperatesWith``, ...), ranked as
        on its entity page, which lists page 1 (:class:`graphkit.browse.TiesPage`); None when
        the entity or relation is unknown."""
        return self.browser.ties(id_, relation, page)

    def evidence(self, a: str, b: str):
        """Every assertion that ties ``a`` and ``b``, with sentence, article and confidence
        (:class:`graphkit.browse.EdgePage`); None when unknown."""
        return self.browser.evidence(a, b)

    def article(self, id_: str):
        """An article as read: sentences with mentions marked, what was extracted
        (:class:`graphkit.browse.ArticlePage`); None when unknown."""
        return self.browser.article(id_)

    def export(self, output: str | Path | IO[bytes], fmt: str = "nq") -> None:
        """Write the whole graph to a file or a binary stream in ``fmt`` (``EXPORT_FORMATS``);
        formats without named graphs get the union of the article graphs."""
        self.store.export(output, fmt)

    def refresh_aggregates(self) -> None:
        """Rebuild the aggregate view (``graphkit.aggregate``) from the article graphs. The
        embedded store keeps it in step with every write and bulk load; this is for remote
        stores, which refresh it on demand, and to rebuild a view that a killed refresh
        left partial."""
        self.store.refresh_aggregates()

    def stats(self) -> dict[str, Any]:
        """Counts of articles, entities per type, relations per property, quads."""
        from .rdf import CCG, RELATION_PROPERTIES

        out: dict[str, Any] = {"quads": len(self.store)}
        out["articles"] = self.store.select(
            "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?g a schema:NewsArticle } }", union=False
        )[0]["n"]
        rows = self.store.select(
            f"SELECT ?t (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?e a ?t FILTER(STRSTARTS(STR(?t), '{CCG}')) }} GROUP BY ?t"
        )
        out["entities"] = {
            r["t"].rsplit("#", 1)[-1]: r["n"]
            for r in rows
            if r["t"].rsplit("#", 1)[-1] not in ("RelationAssertion", "EvidenceSentence")
        }
        rel = {}
        for name, prop in RELATION_PROPERTIES.items():
            n = self.store.select(
                f"SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?o WHERE {{ ?s <{prop}> ?o }} }}"
            )[0]["n"]
            rel[name] = n // 2 if name == "cooperatesWith" else n
        out["relations"] = rel
        return out

    def to_networkx(self, projection: str = "agencies", **filters: Any):
        """A NetworkX projection of the graph (see ``graphkit.analysis.project``)."""
        from .analysis import project

        return project(self.store, projection, **filters)

    def analysis(self, projection: str = "agencies", *, evidence: bool = True, **filters: Any) -> Analysis:
        """One projection to analyse several ways (pass it to the methods below, which
        otherwise make their own). ``evidence=False`` when only the weights matter (no map):
        the edges may then come from the aggregate view (see ``graphkit.analysis.project``)."""
        return Analysis(projection, self.to_networkx(projection, evidence=evidence, **filters))

    def _view(self, projection: str | Analysis, filters: Mapping[str, Any], *, evidence: bool = False) -> Analysis:
        if isinstance(projection, Analysis):
            return projection
        return self.analysis(projection, evidence=evidence, **filters)

    def centrality(
        self,
        projection: str | Analysis = "agencies",
        *,
        measures: Iterable[str] | None = None,
        top: int = 10,
        **filters: Any,
    ) -> list[dict[str, Any]]:
        """The most central nodes of a projection as table rows, best first by the first measure."""
        from .analysis import MEASURES, centrality_table

        view = self._view(projection, filters)
        measures = tuple(measures or MEASURES)
        return centrality_table(view.graph, measures, top=top, scores={m: view.scores(m) for m in measures})

    def communities(
        self, projection: str | Analysis = "agencies", *, top: int = 10, **filters: Any
    ) -> tuple[list[dict[str, Any]], float, list[dict[str, Any]]]:
        """Louvain communities of a projection: (rows node/label/type/community, modularity, brokers)."""
        from .analysis import brokers

        view = self._view(projection, filters)
        partition, modularity = view.partition()
        graph = view.graph
        rows = sorted(
            (
                {"node": n, "label": graph.nodes[n].get("label"), "type": graph.nodes[n].get("type"), "community": c}
                for n, c in partition.items()
            ),
            key=lambda r: (r["community"], r["label"] or ""),
        )
        return rows, modularity, brokers(graph, partition, top=top) if partition else []

    def ties_per_year(self, projection: str | Analysis = "agencies") -> list[dict[str, Any]]:
        """Per year: articles, actors, new actors, ties, new ties, density."""
        from .analysis import ties_per_year

        view = self._view(projection, {})
        return ties_per_year(self.store, view.projection, graph=view.graph)

    def write_scores(self, projection: str | Analysis = "agencies", *, measures: Iterable[str] | None = None) -> str:
        """Write centralities and communities into the store as RDF (graph
        ``res:analysis/latest``), so that SPARQL can use them; returns the graph's IRI."""
        from .analysis import MEASURES, write_scores

        view = self._view(projection, {})
        scores = {m: view.scores(m) for m in (measures or MEASURES)} if view.graph.number_of_nodes() else {}
        return write_scores(self.store, scores, partition=view.partition()[0] or None)

    def plot_centrality(self, rows: list[dict[str, Any]], measure: str, path: str | Path) -> Path:
        """A bar chart (.png, .svg) of ``measure`` over rows of ``centrality``; ImportError
        when matplotlib is missing."""
        from .analysis import plot_centrality

        return plot_centrality(rows, measure, path)

    def _map_view(self, projection: str | Analysis, color_by: str) -> Analysis:
        """The view with PageRank (and communities, to colour by) set on its nodes."""
        view = self._view(projection, {}, evidence=True)
        for node, value in view.scores("pagerank").items():
            view.graph.nodes[node]["centrality"] = value
        if color_by == "community":
            for node, c in view.partition()[0].items():
                view.graph.nodes[node]["community"] = c
        return view

    def render(
        self, path: str | Path, *, projection: str | Analysis = "full", color_by: str = "type", **options: Any
    ) -> Path:
        """Write the interactive HTML map of a projection (nodes sized by PageRank;
        ``color_by="community"`` colours Louvain communities)."""
        from .viz import render_map

        view = self._map_view(projection, color_by)
        return render_map(view.graph, Path(path), color_by=color_by, **options)

    def render_image(self, path: str | Path, *, projection: str | Analysis = "full", **options: Any) -> Path:
        """A static PNG/SVG picture of the same map, for reports."""
        from .viz import render_image

        return render_image(self._map_view(projection, "type").graph, Path(path), **options)

    def validate(self):
        """SHACL validation of the whole graph (see ``graphkit.validate``)."""
        from .validate import validate

        return validate(self.store)

    # -- serving -----------------------------------------------------------------------------
    def app(self, **options: Any):
        """The ASGI app serving this graph (see ``graphkit.server.create_app``); ImportError
        with the command to install the server's packages when they are missing."""
        try:
            from .server import create_app
        except ImportError as exc:
            raise ImportError(f"the server needs starlette and uvicorn: pip install starlette uvicorn ({exc})") from exc
        return create_app(self, **options)

    def serve(
        self,
        host: str = "127.0.0.1",
        port: int = 7878,
        *,
        map_path: Path | None = None,
        render_map: bool = True,
        **options: Any,
    ) -> None:
        """Serve the graph read-only until interrupted: SPARQL at ``/sparql``, a query page at
        ``/``, the map at ``/map`` (``map_path``, else this graph's map rendered now unless
        ``render_map`` is False). ``options`` go to ``create_app`` (limits, ``examples``)."""
        import tempfile

        try:
            import uvicorn
        except ImportError as exc:
            raise ImportError(f"the server needs uvicorn: pip install uvicorn ({exc})") from exc
        with tempfile.TemporaryDirectory(prefix="graphkit-serve-") as tmp:
            if map_path is None and render_map:
                map_path = self.render(Path(tmp) / "map.html")
            app = self.app(map_path=map_path, **options)
            uvicorn.run(app, host=host, port=port, log_level="info")


def open_graph(store: str | Path | None = None, *, read_only: bool = False, **kw: Any) -> KnowledgeGraph:
    """The graph at ``store`` (a folder or an ``http(s)://`` SPARQL server), or in the
    default store when None.

    ``read_only`` opens a folder without taking the writer's lock, so queries run while a
    build writes (they see the store as it was when opened); the store must exist.

    >>> open_graph("/nonexistent/store", read_only=True)
    Traceback (most recent call last):
        ...
    graphkit.store.StoreError: no graph store at /nonexistent/store: run 'graphkit build' first
    """
    return KnowledgeGraph(default_store_path() if store is None else store, read_only=read_only, **kw)
