"""Where the package's data files are: the ontology, shapes and gazetteer.

In a checkout (or an editable install) they are the repository's top-level ``ontology/``;
in a wheel they are packaged as ``graphkit/_ontology`` (see pyproject.toml).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def ontology_dir() -> Path:
    """The folder holding ``ccg.ttl``, ``shapes.ttl`` and ``gazetteer/``."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "ontology", here / "_ontology"):
        if (candidate / "ccg.ttl").exists() or (candidate / "gazetteer").is_dir():
            return candidate
    raise FileNotFoundError("graphkit's ontology folder is missing from this installation")
