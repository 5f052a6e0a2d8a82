"""``graphkit serve``: a read-only SPARQL 1.1 Protocol endpoint over a ``KnowledgeGraph``.

* :mod:`.protocol`: what a request asks (read-only checks, parameters, content negotiation);
* :mod:`.workers`: query worker processes, time limits, fresh snapshots;
* :mod:`.app`: :func:`create_app` (the Starlette app over a graph) and its pages.

Run it with ``kg.serve(...)`` or ``graphkit serve``.
"""

from .app import create_app
from .protocol import RequestError, inspect_query, negotiate

__all__ = ["RequestError", "create_app", "inspect_query", "negotiate"]
