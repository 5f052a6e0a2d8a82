"""Charts of analysis tables, as PNG or SVG files (matplotlib, no display needed)."""

from __future__ import annotations

from pathlib import Path

__all__ = ["plot_centrality", "plot_ties_per_year"]


def _figure(width: float, height: float):
    try:
        from matplotlib.figure import Figure
    except ImportError as exc:
        raise ImportError("charts need the package matplotlib") from exc
    # A bare Figure draws with the Agg canvas: no GUI backend, safe in threads and servers.
    return Figure(figsize=(width, height), layout="constrained")


def plot_centrality(rows: list[dict], measure: str, path: str | Path) -> Path:
    """A horizontal bar chart of ``measure`` for the rows of a centrality table, best on
    top; the format (``.png``, ``.svg``, ...) follows the suffix of ``path``.

    >>> import tempfile, os
    >>> rows = [{"label": "Europol", "pagerank": 0.3}, {"label": "FBI", "pagerank": 0.2}]
    >>> out = plot_centrality(rows, "pagerank", os.path.join(tempfile.mkdtemp(), "c.svg"))
    >>> out.read_text().lstrip().startswith("<?xml")
    True
    """
    rows = sorted(rows, key=lambda row: row[measure])
    fig = _figure(7, 1 + 0.3 * max(len(rows), 1))
    ax = fig.subplots()
    ax.barh([str(row.get("label") or row.get("node")) for row in rows], [row[measure] for row in rows])
    ax.set_xlabel(measure.replace("_", " "))
    ax.set_title(f"Centrality: {measure.replace('_', ' ')}")
    path = Path(path)
    fig.savefig(path)
    return path


def plot_ties_per_year(rows: list[dict], path: str | Path) -> Path:
    """Ties, new ties and actors per year (lines) over the number of articles (bars),
    from the rows of :func:`graphkit.analysis.ties_per_year`.

    >>> import tempfile, os
    >>> rows = [{"year": 2021, "articles": 3, "actors": 4, "ties": 3, "new_ties": 3},
    ...         {"year": 2022, "articles": 5, "actors": 6, "ties": 5, "new_ties": 2}]
    >>> plot_ties_per_year(rows, os.path.join(tempfile.mkdtemp(), "t.png")).stat().st_size > 0
    True
    """
    fig = _figure(8, 4.5)
    ax = fig.subplots()
    years = [row["year"] for row in rows]
    ax.bar(years, [row["articles"] for row in rows], color="0.85", label="articles")
    for key in ("ties", "new_ties", "actors"):
        ax.plot(years, [row[key] for row in rows], marker="o", label=key.replace("_", " "))
    ax.set_xlabel("year")
    ax.set_title("Cooperation ties per year")
    ax.legend()
    path = Path(path)
    fig.savefig(path)
    return path
