"""From the RDF store to NetworkX graphs and answers: projections, centrality,
communities, growth over time, and scores written back to the store.

    >>> from graphkit.store import Store
    >>> from graphkit.analysis import project, centrality_table
    >>> centrality_table(project(Store(None), "agencies"))
    []
"""

from .centrality import MEASURES, centrality, centrality_table
from .charts import plot_centrality, plot_ties_per_year
from .communities import brokers, communities
from .projection import PROJECTIONS, project
from .temporal import ties_per_year
from .writeback import ANALYSIS_GRAPH, write_scores

__all__ = [
    "ANALYSIS_GRAPH",
    "MEASURES",
    "PROJECTIONS",
    "brokers",
    "centrality",
    "centrality_table",
    "communities",
    "plot_centrality",
    "plot_ties_per_year",
    "project",
    "ties_per_year",
    "write_scores",
]
