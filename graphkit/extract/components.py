"""Relation components registered by name.

A language's profile (``data/patterns/<lang>.toml``, ``[pipeline] relations``) lists the
components that run on its articles, in order; reading it tells what runs. A component is a
method of the relation rules registered here with ``@relation_component("name")``; one marked
``per_sentence`` is called once for each sentence of the article.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .patterns import PatternError

Component = Callable[..., None]
#: name -> (function, whether it runs once per sentence)
REGISTRY: dict[str, tuple[Component, bool]] = {}


def relation_component(name: str, *, per_sentence: bool = False) -> Callable[[Component], Component]:
    """Register a relation component under ``name``."""

    def register(fn: Component) -> Component:
        if name in REGISTRY:
            raise ValueError(f"relation component {name!r} is registered twice")
        REGISTRY[name] = (fn, per_sentence)
        return fn

    return register


def run_components(names: tuple[str, ...], rules: Any, sentences: list[Any]) -> None:
    """Run the named components on ``rules`` (per-sentence ones on each of ``sentences``)."""
    for name in names:
        if name not in REGISTRY:
            raise PatternError(f"unknown relation component {name!r} (registered: {', '.join(sorted(REGISTRY))})")
        fn, per_sentence = REGISTRY[name]
        if per_sentence:
            for sentence in sentences:
                fn(rules, sentence)
        else:
            fn(rules)
