"""The ``graphkit`` command: a thin layer over ``KnowledgeGraph`` (``graphkit.graph``).

Output for people goes to stdout; errors go to stderr with a non-zero exit status, never
as a traceback for a user error. Each command opens the graph once and, where it analyses,
makes its projection once (``kg.analysis``).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from .graph import (
    ARTICLE_TIMEOUT,
    EXPORT_FORMATS,
    MAX_CHARS,
    Analysis,
    KnowledgeGraph,
    StoreBusy,
    StoreError,
    dask_executor,
    open_graph,
)

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Knowledge graphs of international cooperation against cybercrime, from news articles.",
)
# No console markup: paths, names and messages are the user's data ("x[bold].txt" is a file name).
out = Console(soft_wrap=True, markup=False)
err = Console(stderr=True, soft_wrap=True, markup=False)

StoreOpt = Annotated[
    Optional[str],
    typer.Option(
        "--store",
        help="Store folder or SPARQL server URL (default: $GRAPHKIT_STORE or ~/.local/share/graphkit/store).",
    ),
]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")]


def shown(text: str) -> str:
    """``text`` with control characters as escapes, so that a file name cannot drive the terminal.

    >>> shown("a\\x1b[31mb\\n.txt")
    'a\\\\x1b[31mb\\\\n.txt'
    """
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)


def fail(message: str, code: int = 1) -> None:
    err.print(Text.assemble(("error:", "bold red"), " ", shown(message)), highlight=False)
    raise typer.Exit(code)


def _graph(store: str | None, *, read_only: bool = True, **kw: Any) -> KnowledgeGraph:
    try:
        return open_graph(store, read_only=read_only, **kw)
    except StoreError as exc:
        fail(str(exc))


def _print_rows(rows: list[dict[str, Any]], fmt: str, title: str | None = None) -> None:
    if fmt == "json":
        out.print_json(json.dumps(rows, default=str))
        return
    columns = list(rows[0]) if rows else []
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
        sys.stdout.write(buf.getvalue())
        return
    if fmt != "table":
        fail(f"unknown format {fmt!r}: choose table, csv or json")
    if "label" in columns and "node" in columns:  # IRIs are for machines: csv and json keep them
        columns.remove("node")
        rows = [{k: v for k, v in r.items() if k != "node"} for r in rows]
    table = Table(title=title, show_lines=False)
    for c in columns:
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(*(f"{v:.4f}" if isinstance(v, float) else ("" if v is None else str(v)) for v in r.values()))
    out.print(table)


@app.command()
def build(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders of articles (.txt, .html, .md, .jsonl).")],
    store: StoreOpt = None,
    force: Annotated[bool, typer.Option(help="Re-extract articles already in the store.")] = False,
    overrides: Annotated[Optional[Path], typer.Option(help="JSON file of forced/forbidden merges.")] = None,
    workers: Annotated[int, typer.Option(help="Extract on N local Dask worker processes (0: in this process).")] = 0,
    scheduler: Annotated[
        Optional[str], typer.Option(help="Address of a Dask scheduler (tcp://host:8786) to extract on a cluster.")
    ] = None,
    max_chars: Annotated[
        int, typer.Option(min=1, help="Skip (and report) articles longer than this many characters.")
    ] = MAX_CHARS,
    article_timeout: Annotated[
        float, typer.Option(min=0.001, help="Give up (and report) an article after this many seconds of extraction.")
    ] = ARTICLE_TIMEOUT,
    wait: Annotated[
        float, typer.Option(min=0, help="Seconds to wait for another build that writes to the same store.")
    ] = 600,
) -> None:
    """Read articles and add them to the store (building the same article twice changes nothing)."""
    try:
        kg = open_graph(store, read_only=False, overrides=overrides)
    except StoreBusy:
        err.print(f"another process is writing to the store: waiting up to {wait:g} s", highlight=False)
        kg = _graph(store, read_only=False, overrides=overrides, wait=wait)
    except StoreError as exc:
        fail(str(exc))
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task("extracting", total=None)

        def advance(n: int, src: str) -> None:
            bar.update(task, advance=n, description=f"extracting {Path(src).name[:40]}")

        executor = None
        if workers or scheduler:
            try:
                executor = dask_executor(workers=workers or 2, scheduler=scheduler)
            except ImportError as exc:
                fail(str(exc))
        report = kg.build(
            paths,
            executor=executor,
            force=force,
            progress=advance,
            max_chars=max_chars,
            article_timeout=article_timeout,
        )
    for problem in report.problems:
        err.print(Text.assemble(("skipped", "yellow"), " ", shown(problem)), highlight=False)
    superseded = (
        f", {report.superseded} older version(s) of a URL or file in the batch left out" if report.superseded else ""
    )
    out.print(
        f"{report.added} article(s) added, {report.skipped} already in the store, {report.replaced} replaced"
        f"{superseded}; store: {kg.store.location}"
    )
    if not report.ok:
        fail("no article could be read", 2)


@app.command()
def export(
    store: StoreOpt = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of {', '.join(EXPORT_FORMATS)}.")] = "nq",
    output: Annotated[Optional[Path], typer.Option("-o", "--output", help="File to write (default: stdout).")] = None,
) -> None:
    """Write the whole graph as RDF."""
    kg = _graph(store)
    try:
        if output:
            kg.export(output, fmt)
            err.print(f"wrote {output}")
        else:
            buf = io.BytesIO()
            kg.export(buf, fmt)
            sys.stdout.buffer.write(buf.getvalue())
    except StoreError as exc:
        fail(str(exc))


@app.command()
def query(
    sparql: Annotated[str, typer.Argument(help="SPARQL text or a .rq file.")],
    store: StoreOpt = None,
    fmt: FormatOpt = "table",
) -> None:
    """Run a SPARQL query (the default graph is the union of all articles)."""
    path = Path(sparql)
    if sparql.endswith(".rq"):
        if not path.is_file():
            fail(f"no such query file: {sparql}")
        sparql = path.read_text(encoding="utf-8")
    kg = _graph(store)
    try:
        rows = kg.query(sparql)
    except StoreError as exc:
        fail(str(exc))
    except (ValueError, OSError) as exc:
        fail(f"query failed: {exc}")
    _print_rows(rows, fmt)


@app.command()
def analyze(
    store: StoreOpt = None,
    top: Annotated[int, typer.Option(help="How many rows.")] = 10,
    fmt: FormatOpt = "table",
    projection: Annotated[str, typer.Option(help="agencies, states, actor-event or full.")] = "agencies",
    measure: Annotated[
        Optional[list[str]],
        typer.Option(help="degree, weighted_degree, betweenness, eigenvector, pagerank (repeatable)."),
    ] = None,
    output: Annotated[
        Optional[Path], typer.Option("-o", "--output", help="Also write the table (.csv or .json).")
    ] = None,
    communities: Annotated[
        bool, typer.Option("--communities", help="Also print communities, modularity and brokers.")
    ] = False,
    per_year: Annotated[bool, typer.Option("--per-year", help="Also print new actors and ties per year.")] = False,
    chart: Annotated[
        Optional[Path], typer.Option(help="Write a bar chart of the first measure (.png or .svg).")
    ] = None,
    write_back: Annotated[
        bool, typer.Option("--write-back", help="Store the scores as RDF (graph res:analysis/latest).")
    ] = False,
) -> None:
    """Print the most central agencies (or states) of the graph."""
    kg = _graph(store, read_only=not write_back)
    try:
        view = kg.analysis(projection, evidence=False)  # scores only: edges may come from the view
        rows = kg.centrality(view, measures=measure, top=top)
    except ValueError as exc:
        fail(str(exc))
    if not rows:
        out.print("the graph has no cooperation edges yet: build some articles first")
        return
    _print_rows(rows, fmt, title=f"most central ({projection})")
    if output:
        _write_rows(rows, output)
    if chart:
        first = next(k for k in rows[0] if k not in ("node", "label", "type"))
        try:
            err.print(f"wrote {kg.plot_centrality(rows, first, chart)}")
        except ImportError as exc:
            fail(str(exc))
    if communities:
        _print_communities(kg, view, fmt, top)
    if per_year:
        _print_rows(kg.ties_per_year(view), fmt, title="cooperation per year")
    if write_back:
        err.print(f"scores written to graph <{kg.write_scores(view, measures=measure)}>")


def _print_communities(kg: KnowledgeGraph, view: Analysis, fmt: str, top: int) -> None:
    members, modularity, brokers = kg.communities(view, top=top)
    _print_rows(
        [{k: v for k, v in r.items() if k != "node"} for r in members],
        fmt,
        title=f"communities (modularity {modularity:.3f})",
    )
    if brokers:
        _print_rows([{k: v for k, v in r.items() if k != "node"} for r in brokers], fmt, title="brokers between communities")


def _write_rows(rows: list[dict[str, Any]], output: Path) -> None:
    if output.suffix == ".json":
        output.write_text(json.dumps(rows, default=str, indent=1), encoding="utf-8")
    else:
        with output.open("w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
    err.print(f"wrote {output}")


@app.command()
def render(
    output: Annotated[Path, typer.Option("-o", "--output", help="HTML file to write.")] = Path("graphkit-map.html"),
    store: StoreOpt = None,
    projection: Annotated[
        str, typer.Option(help="full (every entity and relation), agencies, states or actor-event.")
    ] = "full",
    color_by: Annotated[str, typer.Option(help="type or community.")] = "type",
    image: Annotated[Optional[Path], typer.Option(help="Also write a static picture (.png or .svg).")] = None,
) -> None:
    """Write the interactive HTML map (self-contained, works offline)."""
    kg = _graph(store)
    view = kg.analysis(projection)
    path = kg.render(output, projection=view, color_by=color_by)
    out.print(f"map written to {path.resolve()}")
    if image:
        out.print(f"image written to {kg.render_image(image, projection=view).resolve()}")


@app.command()
def validate(store: StoreOpt = None) -> None:
    """Check the graph against the SHACL shapes of the ontology."""
    kg = _graph(store)
    report = kg.validate()
    if report.conforms:
        out.print("the graph conforms to ontology/shapes.ttl")
        return
    for v in report.violations[:50]:
        err.print(f"{v.focus}: {v.message}", highlight=False)
    fail(f"{len(report.violations)} SHACL violation(s)")


@app.command()
def stats(
    store: StoreOpt = None,
    fmt: FormatOpt = "table",
    refresh_view: Annotated[
        bool, typer.Option("--refresh-view", help="Rebuild the aggregate view from the articles first.")
    ] = False,
) -> None:
    """Counts of articles, entities and relations."""
    kg = _graph(store, read_only=not refresh_view)
    if refresh_view:
        kg.refresh_aggregates()
    s = kg.stats()
    if fmt == "json":
        out.print_json(json.dumps(s))
        return
    rows = [{"what": "quads", "count": s["quads"]}, {"what": "articles", "count": s["articles"]}]
    rows += [{"what": f"entity {k}", "count": v} for k, v in sorted(s["entities"].items())]
    rows += [{"what": f"relation {k}", "count": v} for k, v in s["relations"].items()]
    _print_rows(rows, fmt)


@app.command()
def entities(
    store: StoreOpt = None,
    type_: Annotated[Optional[str], typer.Option("--type", help="Only this core type (Agency, State, ...).")] = None,
    merged: Annotated[bool, typer.Option("--merged", help="Only entities with names merged into them.")] = False,
    fmt: FormatOpt = "table",
) -> None:
    """List entities with every name merged into them and how many articles mention them.

    Correct a wrong merge with `graphkit build --overrides FILE --force PATH...` (JSON:
    {"same": {name: IRI}, "different": [[name, name or the entity's label], ...]})."""
    kg = _graph(store)
    rows = kg.entities(type_=type_, merged_only=merged)
    if not rows:
        out.print("no entities")
        return
    if fmt == "table":
        rows = [{k: v for k, v in r.items() if k != "entity"} for r in rows]
    _print_rows(rows, fmt, title="entities and the names merged into them")


@app.command()
def serve(
    store: StoreOpt = None,
    host: Annotated[str, typer.Option(help="Address to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 7878,
    map_file: Annotated[
        Optional[Path], typer.Option("--map", help="Map to serve at /map (default: the graph's map, rendered now).")
    ] = None,
    examples: Annotated[
        Optional[Path], typer.Option(help="Folder of .rq example queries for the query page.")
    ] = None,
) -> None:
    """Serve the store read-only: the workbench at / (search, entity, edge and article pages),
    the SPARQL 1.1 Protocol endpoint at /sparql, its query page at /query, the map at /map."""
    kg = _graph(store)
    options = {"examples": examples} if examples else {}
    out.print(f"workbench on http://{host}:{port}/ , SPARQL endpoint http://{host}:{port}/sparql (store {kg.store.location})")
    try:
        kg.serve(host, port, map_path=map_file, **options)
    except ImportError as exc:
        fail(str(exc))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
