"""Long and hostile inputs of issue 12, generated at any size (tests use small ones, the
benchmark ``bench_long.py`` the issue's sizes).

    >>> text = six_bodies_text(3)
    >>> len(text.split(" cooperated.")) - 1, text.count(", ") >= 12
    (3, True)
    >>> len(press_release_text(10_000)) >= 10_000
    True
"""

from __future__ import annotations

import random

from benchmarks.corpus import synthetic_articles

__all__ = ["BODIES", "entities_page", "press_release_text", "six_bodies_text"]

#: International bodies and agencies the gazetteer knows, for articles that name many of them.
BODIES = (
    "Europol",
    "the FBI",
    "the National Crime Agency",
    "the Bundeskriminalamt",
    "Interpol",
    "Eurojust",
    "the Dutch National Police",
    "the Cyber Police of Ukraine",
)


def six_bodies_text(sentences: int, *, seed: int = 1) -> str:
    """``sentences`` sentences on one line, each naming six bodies that cooperated: the
    worst case for rules that compare the mentions of an article with each other."""
    rng = random.Random(seed)
    out = []
    for _ in range(sentences):
        a, b, c, d, e, f = rng.sample(BODIES, 6)
        out.append(f"{a}, {b}, {c}, {d}, {e} and {f} cooperated.")
    return " ".join(out)


def press_release_text(chars: int, *, seed: int = 0) -> str:
    """One article of at least ``chars`` characters: synthetic press releases one after the
    other, paragraphs separated by blank lines (like a long report pasted into a .txt)."""
    parts: list[str] = []
    size, n = 0, max(1, chars // 1500)
    while size < chars:
        for art in synthetic_articles(n, seed=seed + len(parts)):
            parts.append(art.text)
            size += len(art.text) + 2
            if size >= chars:
                break
    return "\n\n".join(parts)


def entities_page(amps: int) -> str:
    """An HTML page made mostly of ``&amp;`` entities, with one sentence of news."""
    return (
        "<html><head><title>Amp</title></head><body><article><p>Eurojust and the FBI ran a joint operation.</p>"
        f"<p>{'&amp;' * amps}</p></article></body></html>"
    )
