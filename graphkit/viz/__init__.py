"""Maps of the knowledge graph: an interactive offline HTML map and static images.

>>> import tempfile
>>> import networkx as nx
>>> from pathlib import Path
>>> G = nx.Graph([("https://w3id.org/ccg/resource/agency/us-fbi", "https://w3id.org/ccg/resource/io/europol")])
>>> out = render_map(G, Path(tempfile.mkdtemp()) / "map.html", color_by="type")
>>> out.name, "vis.Network" in out.read_text(encoding="utf-8")
('map.html', True)
"""

from .html import render_map
from .image import render_image

__all__ = ["render_map", "render_image"]
