"""graphkit: news articles about cooperation against cybercrime, as a knowledge graph.

>>> from graphkit import KnowledgeGraph
>>> kg = KnowledgeGraph(None)  # in-memory store; KnowledgeGraph() opens the default store
"""

from .graph import BuildReport, KnowledgeGraph, open_graph
from .model import Article
from .store import Store, StoreError, default_store_path

__all__ = ["Article", "BuildReport", "KnowledgeGraph", "Store", "StoreError", "default_store_path", "open_graph"]
__version__ = "0.1.0"
