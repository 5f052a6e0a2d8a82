"""Maps of the knowledge graph: an interactive offline HTML map and static images.

>>> from graphkit.viz import render_map, render_image  # doctest: +SKIP
>>> render_map(G, "out/map.html", color_by="community")  # doctest: +SKIP
"""

from .html import render_map
from .image import render_image

__all__ = ["render_map", "render_image"]
