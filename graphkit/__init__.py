"""graphkit: news articles about cooperation against cybercrime, as a knowledge graph.

>>> from graphkit import KnowledgeGraph
>>> kg = KnowledgeGraph(None)  # in-memory store; KnowledgeGraph() opens the default store
"""

from .graph import Analysis, BuildReport, KnowledgeGraph, open_graph
from .model import Article
from .store import GraphStore, Store, StoreError, default_store_path, open_store

__all__ = [
    "Analysis",
    "Article",
    "BuildReport",
    "GraphStore",
    "KnowledgeGraph",
    "Store",
    "StoreError",
    "default_store_path",
    "open_graph",
    "open_store",
]
__version__ = "0.1.0"
