"""How the cooperation network grows, year by year."""

from __future__ import annotations

from collections import Counter

from ..rdf import DCTERMS, SCHEMA
from .projection import project

__all__ = ["ties_per_year"]


def ties_per_year(store, projection: str = "agencies", *, graph=None) -> list[dict]:
    """One row per year from the first to the last dated article:
    ``{"year", "articles", "actors", "new_actors", "ties", "new_ties", "density"}``.

    ``articles`` counts the articles dated that year; ``ties`` the distinct pairs of nodes
    of the projection stated to be tied by an article of that year and ``actors`` their
    ends; ``new_ties``/``new_actors`` those never seen in an earlier year; ``density`` is
    that year's ties over the possible pairs of its actors. ``graph``: the projection
    already made from ``store`` (else it is made here).

    >>> from graphkit.store import Store
    >>> ties_per_year(Store(None))
    []
    """
    G = project(store, projection) if graph is None else graph
    per_year = Counter(
        int(row["d"][:4])
        for row in store.select(f"SELECT ?a ?d WHERE {{ ?a a <{SCHEMA.NewsArticle}> ; <{DCTERMS.date}> ?d }}")
    )
    ties: dict[int, set[frozenset]] = {}
    for u, v, years in G.edges(data="years", default=[]):
        for year in years:
            ties.setdefault(year, set()).add(frozenset((u, v)))
    years = set(per_year) | set(ties)
    if not years:
        return []
    rows = []
    seen_ties: set[frozenset] = set()
    seen_actors: set = set()
    for year in range(min(years), max(years) + 1):
        year_ties = ties.get(year, set())
        actors = set().union(*year_ties)
        n = len(actors)
        rows.append(
            {
                "year": year,
                "articles": per_year.get(year, 0),
                "actors": n,
                "new_actors": len(actors - seen_actors),
                "ties": len(year_ties),
                "new_ties": len(year_ties - seen_ties),
                "density": 2 * len(year_ties) / (n * (n - 1)) if n > 1 else 0.0,
            }
        )
        seen_ties |= year_ties
        seen_actors |= actors
    return rows
