"""``KnowledgeGraph``: the one object the CLI, the server and users' scripts work with.

>>> kg = KnowledgeGraph(store=None)           # in memory; KnowledgeGraph() uses the default store
>>> report = kg.add_text("Europol and the FBI ran a joint operation.", lang="en")
>>> report.added
1
>>> rows = kg.query("SELECT ?o WHERE { ?s ccg:cooperatesWith ?o }")
>>> len(rows) >= 2
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import Article
from .rdf import article_iri, article_quads
from .remote import RemoteStore
from .store import Store, default_store_path

_DEFAULT = object()


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


class KnowledgeGraph:
    """A knowledge graph in a store: add articles, query, project, analyse, render, export."""

    def __init__(
        self, store: str | Path | Store | None | object = _DEFAULT, *, overrides: str | Path | None = None
    ) -> None:
        if isinstance(store, (Store, RemoteStore)):
            self.store = store
        else:
            self.store = Store(default_store_path() if store is _DEFAULT else store)  # type: ignore[arg-type]
        self._overrides = overrides
        self._extractor = None
        self._resolver = None

    # -- building -----------------------------------------------------------------------
    @property
    def extractor(self):
        if self._extractor is None:
            from .extract import Extractor

            self._extractor = Extractor()
        return self._extractor

    @property
    def resolver(self):
        if self._resolver is None:
            from .resolve import Overrides, Resolver

            self._resolver = Resolver(Overrides.load(self._overrides))
        return self._resolver

    def add_paths(
        self, paths: Iterable[str | Path], *, force: bool = False, progress: Callable[[int, str], None] | None = None
    ) -> BuildReport:
        """Read files and folders and add every article; problems are reported, not raised."""
        from .readers import ReadProblem, read_paths

        report = BuildReport()
        articles: list[Article] = []
        for item in read_paths(paths):
            if isinstance(item, ReadProblem):
                report.problems.append(str(item))
            else:
                articles.append(item)
        self._add(articles, report, force=force, progress=progress)
        return report

    def add_articles(
        self, articles: Iterable[Article], *, force: bool = False, progress: Callable[[int, str], None] | None = None
    ) -> BuildReport:
        report = BuildReport()
        self._add(list(articles), report, force=force, progress=progress)
        return report

    def add_text(self, text: str, **meta: Any) -> BuildReport:
        """Add one article given as text (``title``, ``url``, ``published``, ``lang`` optional)."""
        from .readers import read_text

        return self.add_articles([read_text(text, **meta)])

    def _add(self, articles: list[Article], report: BuildReport, *, force: bool, progress) -> None:
        todo, skipped = select_articles(articles, self.store.article_hashes(), report, force=force)
        origins = self.store.articles_by_origin()
        for art in skipped:
            self._drop_stale(art, origins, report)
        for ex in self.extractor.extract_many(todo):
            resolved = self.resolver.resolve(ex)
            iri = article_iri(ex.article.id)
            self.store.put_article(iri, article_quads(resolved))
            report.added += 1
            self._drop_stale(ex.article, origins, report)
            if report.added % 50 == 0:
                self.store.flush()  # readers (the SPARQL server) reopen fast after a flush
            if progress:
                progress(1, ex.article.source)
        self.store.flush()

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

    def export(self, output: str | Path, fmt: str = "nq") -> None:
        self.store.export(output, fmt)

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

    def centrality(
        self, projection: str = "agencies", *, measures: Iterable[str] | None = None, top: int = 10, **filters: Any
    ) -> list[dict[str, Any]]:
        """The most central nodes of a projection as table rows."""
        from .analysis import MEASURES, centrality_table

        graph = self.to_networkx(projection, **filters)
        return centrality_table(graph, tuple(measures or MEASURES), top=top)

    def communities(
        self, projection: str = "agencies", *, method: str = "louvain", top: int = 10, **filters: Any
    ) -> tuple[list[dict[str, Any]], float, list[dict[str, Any]]]:
        """Communities of a projection: (rows node/label/community, modularity, brokers)."""
        from .analysis import brokers, communities

        graph = self.to_networkx(projection, **filters)
        if not graph.number_of_nodes():
            return [], 0.0, []
        partition, modularity = communities(graph, method)
        rows = sorted(
            (
                {"node": n, "label": graph.nodes[n].get("label"), "type": graph.nodes[n].get("type"), "community": c}
                for n, c in partition.items()
            ),
            key=lambda r: (r["community"], r["label"] or ""),
        )
        return rows, modularity, brokers(graph, partition, top=top)

    def ties_per_year(self, projection: str = "agencies") -> list[dict[str, Any]]:
        """Per year: articles, actors, new actors, ties, new ties, density."""
        from .analysis import ties_per_year

        return ties_per_year(self.store, projection)

    def write_scores(self, projection: str = "agencies", *, measures: Iterable[str] | None = None) -> str:
        """Compute centralities and communities and write them into the store as RDF
        (graph ``res:analysis/latest``), so that SPARQL can use them."""
        from .analysis import MEASURES, centrality, communities, write_scores

        graph = self.to_networkx(projection)
        scores = {m: centrality(graph, m) for m in (measures or MEASURES)} if graph.number_of_nodes() else {}
        partition = communities(graph)[0] if graph.number_of_nodes() else None
        return write_scores(self.store, scores, partition=partition)

    def render(self, path: str | Path, *, projection: str = "full", color_by: str = "type", **options: Any) -> Path:
        """Write the interactive HTML map of a projection (nodes sized by PageRank;
        ``color_by="community"`` colours Louvain communities)."""
        from .analysis import centrality, communities
        from .viz import render_map

        graph = self.to_networkx(projection)
        if graph.number_of_nodes():
            for node, value in centrality(graph, "pagerank").items():
                graph.nodes[node]["centrality"] = value
            if color_by == "community":
                for node, c in communities(graph)[0].items():
                    graph.nodes[node]["community"] = c
        return render_map(graph, Path(path), color_by=color_by, **options)

    def render_image(self, path: str | Path, *, projection: str = "full", **options: Any) -> Path:
        """A static PNG/SVG picture of the same map, for reports."""
        from .analysis import centrality
        from .viz import render_image

        graph = self.to_networkx(projection)
        if graph.number_of_nodes():
            for node, value in centrality(graph, "pagerank").items():
                graph.nodes[node]["centrality"] = value
        return render_image(graph, Path(path), **options)

    def validate(self):
        """SHACL validation of the whole graph (see ``graphkit.validate``)."""
        from .validate import validate

        return validate(self.store)


def open_graph(store: str | Path | None = None, *, read_only: bool = False, **kw: Any) -> KnowledgeGraph:
    """The graph in ``store`` (a folder), or in the default store when None.

    ``read_only`` opens without taking the writer's lock, so queries run while a build
    writes (they see the store as it was when opened)."""
    if isinstance(store, str) and store.startswith(("http://", "https://")):
        return KnowledgeGraph(RemoteStore(store, read_only=read_only), **kw)
    path = default_store_path() if store is None else Path(store)
    if read_only:
        from .store import StoreError

        if not (path / "CURRENT").exists():
            raise StoreError(f"no graph store at {path}: run 'graphkit build' first")
        return KnowledgeGraph(Store(path, read_only=True), **kw)
    return KnowledgeGraph(path, **kw)
