"""Turn an analysis graph into plain, JSON-ready records for the map and the static image.

Everything here is independent of the output format: which nodes to keep when the graph
is too big, their colours, sizes and positions, and the cleaned attribute values.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ..vocabulary import ENTITY_TYPES, OTHER_COLOR, TYPE_COLORS
from .layout import compute_layout

#: Cycled for categorical attributes other than ``type`` (communities, ...).
CATEGORY_PALETTE = (
    "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
    "#ff9da7", "#9c755f", "#bab0ac", "#1f77b4", "#2ca02c", "#d62728", "#9467bd",
    "#8c564b", "#e377c2", "#17becf", "#bcbd22",
)  # fmt: skip
#: At most this many legend entries for a categorical colouring; the rest is "other".
MAX_LEGEND = 14
#: Evidence sentences kept per edge (the count of the rest is kept too).
MAX_EVIDENCE = 25

_LANG_TAG = re.compile(r"^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$")


@dataclass
class Selection:
    """The nodes that will be drawn, and why."""

    graph: nx.Graph
    total_nodes: int
    total_edges: int
    ranked_by: str | None = None  # set when the graph was capped

    @property
    def capped(self) -> bool:
        """Whether some nodes were left out."""
        return self.ranked_by is not None


@dataclass
class Styled:
    """Node colours, sizes and the legend for one drawing."""

    colors: dict[Hashable, str]
    sizes: dict[Hashable, float]
    size_metric: str
    legend: list[dict[str, Any]] = field(default_factory=list)


def node_metric(G: nx.Graph, size_by: str) -> tuple[dict[Hashable, float], str]:
    """Per-node values of ``size_by``; falls back to degree when no node has the attribute."""
    if size_by != "degree":
        values = {n: _number(d.get(size_by)) for n, d in G.nodes(data=True)}
        if any(v is not None for v in values.values()):
            return {n: v or 0.0 for n, v in values.items()}, size_by
    return {n: float(d) for n, d in G.degree()}, "degree"


def select_nodes(G: nx.Graph, max_nodes: int, size_by: str = "centrality") -> Selection:
    """Keep the ``max_nodes`` highest-ranked nodes (by ``size_by``, else degree)."""
    n, m = G.number_of_nodes(), G.number_of_edges()
    if max_nodes <= 0 or n <= max_nodes:
        return Selection(G, n, m)
    metric, name = node_metric(G, size_by)
    order = {node: i for i, node in enumerate(G)}
    top = sorted(G, key=lambda node: (-metric[node], order[node]))[:max_nodes]
    return Selection(G.subgraph(top), n, m, ranked_by=name)


def style_nodes(G: nx.Graph, color_by: str = "type", size_by: str = "centrality") -> Styled:
    """Colours (by type palette or a categorical attribute) and sizes (sqrt-scaled 8..40)."""
    metric, metric_name = node_metric(G, size_by)
    top = max(metric.values(), default=0.0) or 1.0
    sizes = {n: 8.0 + 32.0 * math.sqrt(max(v, 0.0) / top) for n, v in metric.items()}
    if color_by == "type":
        colors, legend = _type_colors(G)
    else:
        colors, legend = _category_colors(G, color_by)
    return Styled(colors, sizes, metric_name, legend)


def _type_colors(G: nx.Graph) -> tuple[dict[Hashable, str], list[dict[str, Any]]]:
    """Colour by entity type with the fixed palette; the legend lists types present."""
    counts = Counter(_text(d.get("type")) or "Other" for _, d in G.nodes(data=True))
    colors = {n: TYPE_COLORS.get(_text(d.get("type")), OTHER_COLOR) for n, d in G.nodes(data=True)}
    known = [t for t in ENTITY_TYPES if t in counts]
    extra = sorted(t for t in counts if t not in TYPE_COLORS)
    legend = [{"key": t, "color": TYPE_COLORS[t], "count": counts[t]} for t in known]
    legend += [{"key": t, "color": OTHER_COLOR, "count": counts[t]} for t in extra]
    return colors, legend


def _category_colors(G: nx.Graph, attr: str) -> tuple[dict[Hashable, str], list[dict[str, Any]]]:
    """Colour by any categorical attribute: the biggest categories get palette colours."""
    values = {n: d.get(attr) for n, d in G.nodes(data=True)}
    counts = Counter(_text(v) for v in values.values() if v is not None)
    ranked = [key for key, _ in counts.most_common(MAX_LEGEND)]
    palette = {key: CATEGORY_PALETTE[i % len(CATEGORY_PALETTE)] for i, key in enumerate(ranked)}
    colors = {n: palette.get(_text(v), OTHER_COLOR) if v is not None else OTHER_COLOR
              for n, v in values.items()}  # fmt: skip
    legend = [{"key": f"{attr} {k}", "color": palette[k], "count": counts[k]} for k in ranked]
    rest = G.number_of_nodes() - sum(counts[k] for k in ranked)
    if rest:
        legend.append({"key": "other", "color": OTHER_COLOR, "count": rest})
    return colors, legend


def split_label(value: str) -> tuple[str, str]:
    """``"Europol@en"`` → ``("Europol", "en")``; a name without a language tag → ``(name, "")``."""
    name, sep, lang = value.rpartition("@")
    if sep and name and _LANG_TAG.match(lang):
        return name, lang
    return value, ""


def node_names(data: dict[str, Any]) -> list[list[str]]:
    """All names of a node as ``[name, lang]`` pairs, the display label first, no duplicates."""
    seen: set[tuple[str, str]] = set()
    names: list[list[str]] = []
    label = _text(data.get("label"))
    raw = [label] if label else []
    raw += [_text(v) for v in _as_list(data.get("labels"))]
    for value in raw:
        pair = split_label(value) if value else ("", "")
        if pair[0] and pair not in seen and (pair[0], "") not in seen:
            seen.add(pair)
            names.append(list(pair))
    return names


def node_record(node: Hashable, data: dict[str, Any]) -> dict[str, Any]:
    """The cleaned, JSON-ready attributes of one node (no styling)."""
    names = node_names(data)
    return {
        "iri": _text(node),
        "label": _text(data.get("label")) or (names[0][0] if names else _text(node)),
        "type": _text(data.get("type")) or "Other",
        "names": names,
        "jurisdiction": _text(data.get("jurisdiction")) or None,
        "iso": _text(data.get("iso")) or None,
        "articles": _int(data.get("articles")),
        "first_seen": _text(data.get("first_seen")) or None,
        "community": _json_scalar(data.get("community")),
        "centrality": _number(data.get("centrality")),
    }


class ArticleTable:
    """Article details (IRI, url, title, date) stored once and referred to by index.

    Many edges cite the same article; the page carries each article's details once.
    """

    def __init__(self) -> None:
        self.rows: list[dict[str, str | None]] = []
        self._index: dict[tuple[str | None, ...], int] = {}

    def index(self, item: dict[str, Any]) -> int:
        """The row number of the article an evidence item comes from (added when new)."""
        key = (item.get("article"), item.get("url"), item.get("title"), item.get("date"))
        try:
            found = self._index.get(key)
        except TypeError:  # an unhashable value: fall back to text
            key = tuple(_text(v) for v in key)
            found = self._index.get(key)
        if found is None:
            found = self._index[key] = len(self.rows)
            self.rows.append({k: _text(v) or None for k, v in zip(ARTICLE_FIELDS, key, strict=True)})
        return found


ARTICLE_FIELDS = ("article", "url", "title", "date")


def edge_record(data: dict[str, Any], articles: ArticleTable) -> dict[str, Any]:
    """The cleaned, JSON-ready attributes of one edge; evidence is ``[[text, article row], ...]``."""
    items = [e for e in _as_list(data.get("evidence")) if isinstance(e, dict)]
    evidence = [[_text(e.get("text")), articles.index(e)] for e in items[:MAX_EVIDENCE]]
    years = {_int(v) for v in _as_list(data.get("years"))}
    return {
        "weight": _int(data.get("weight")) or 1,
        "kinds": sorted({_text(k) for k in _as_list(data.get("kinds")) if k}),
        "predicates": sorted({_text(p) for p in _as_list(data.get("predicates")) if p}),
        "years": sorted(y for y in years if y),
        "evidence": evidence,
        "more_evidence": max(0, len(items) - MAX_EVIDENCE),
    }


def layout_positions(G: nx.Graph, layout: str, seed: int = 7) -> dict[Hashable, tuple[float, float]]:
    """Positions for every node (see :func:`graphkit.viz.layout.compute_layout`)."""
    return compute_layout(G, layout, seed=seed)


def facets(records: Iterable[dict[str, Any]], edges: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Values offered by the filters: countries, cooperation kinds and the year span."""
    countries = sorted({c for r in records for c in (r["jurisdiction"], r["iso"]) if c})
    kinds: set[str] = set()
    years: set[int] = set()
    for e in edges:
        kinds.update(e["kinds"])
        years.update(e["years"])
    span = [min(years), max(years)] if years else None
    return {"countries": countries, "kinds": sorted(kinds), "years": span}


def _as_list(value: Any) -> list[Any]:
    """A list from a list/tuple/set, a single value, or None."""
    if value is None:
        return []
    if isinstance(value, (list, tuple, set, frozenset)):
        return list(value)
    return [value]


def _text(value: Any) -> str:
    """Any attribute value as a string ('' for None)."""
    return "" if value is None else str(value)


def _number(value: Any) -> float | None:
    """A finite float, or None."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _int(value: Any) -> int | None:
    """An int, or None."""
    number = _number(value)
    return int(number) if number is not None else None


def _json_scalar(value: Any) -> int | float | str | None:
    """A value JSON can hold as a scalar (community ids may be numpy ints)."""
    if value is None or isinstance(value, (bool, str)):
        return value if not isinstance(value, bool) else int(value)
    number = _number(value)
    if number is None:
        return _text(value)
    return int(number) if number.is_integer() else number
