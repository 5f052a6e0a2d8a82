"""Long texts in pieces: windows of at most ``limit`` characters, cut where the text allows.

spaCy refuses texts above ``nlp.max_length`` and the rules compare mentions of an article
with each other, so a text is processed window by window. A window ends at a blank line
(paragraph) where it can, else at a line break, a sentence end, a space, and only in a run of
``limit`` characters without any of those at the limit itself. A run of more than
``WORD_CHARS`` characters without white space (a 3 MB "word", 200,000 ``&`` of a page of
entities) is cut into windows of its own, ``WORD_CHARS`` long: no name is that long, and
spaCy's tokenizer takes time quadratic in the length of such a run. Every window is
a slice ``text[start:end]``; the windows cover the text in order, without gaps or overlaps, so
offsets found in a window plus its ``start`` are offsets in the text.

>>> text = "One two.\\n\\nThree four five.\\n\\nSix."
>>> [text[a:b] for a, b in windows(text, 20)]
['One two.\\n\\n', 'Three four five.\\n\\n', 'Six.']
>>> [text[a:b] for a, b in windows(text, 100)] == [text]
True
>>> windows("abcdefgh", 3)
[(0, 3), (3, 6), (6, 8)]
>>> windows("Hi " + "&" * 2500 + " there.", 20_000)
[(0, 3), (3, 1003), (1003, 2003), (2003, 2503), (2503, 2510)]
"""

from __future__ import annotations

import re

#: Characters per window: longer than nearly every news article (which then stays one
#: window, as before), short enough that the rules' per-window work stays small.
WINDOW_CHARS = 20_000
#: Longest run without white space kept in one window.
WORD_CHARS = 1_000
_LONG_RUN = re.compile(rf"\S{{{WORD_CHARS + 1},}}")

# Where a window may end, best first: after a blank line, a line break, a sentence, a space.
_CUTS = (
    re.compile(r"\n[^\S\n]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"(?<=[.!?…。])\s+"),
    re.compile(r"\s+"),
)


def windows(text: str, limit: int = WINDOW_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` of consecutive windows of at most ``limit`` characters covering ``text``."""
    if limit < 1:
        raise ValueError(f"window limit must be positive, got {limit}")
    out: list[tuple[int, int]] = []
    for lo, hi in _split(text, 0, len(text), limit, 0):
        for run in _LONG_RUN.finditer(text, lo, hi):
            if run.start() > lo:
                out.append((lo, run.start()))
            out.extend((i, min(i + WORD_CHARS, run.end())) for i in range(run.start(), run.end(), WORD_CHARS))
            lo = run.end()
        if hi > lo:
            out.append((lo, hi))
    return out


def _split(text: str, lo: int, hi: int, limit: int, level: int) -> list[tuple[int, int]]:
    if hi - lo <= limit:
        return [(lo, hi)] if hi > lo else []
    if level == len(_CUTS):
        return [(i, min(i + limit, hi)) for i in range(lo, hi, limit)]
    ends = [m.end() for m in _CUTS[level].finditer(text, lo, hi) if m.end() < hi] + [hi]
    out: list[tuple[int, int]] = []
    start = prev = lo
    for end in ends:
        if end - start <= limit:
            prev = end
            continue
        if prev > start:
            out.append((start, prev))
            start = prev
        if end - start > limit:  # one unit alone is too long: cut it at the next kind of place
            out.extend(_split(text, start, end, limit, level + 1))
            start = end
        prev = end
    if prev > start:
        out.append((start, prev))
    return out
