"""JSON Lines: one article per line, as ``text`` or ``html``, with optional metadata."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ..model import Article
from .decode import decode_bytes, read_bytes
from .errors import ReadError, ReadProblem
from .html import extract_html
from .text import article_from_text


def _meta(obj: dict) -> dict:
    published = obj.get("published")
    if published in (None, ""):
        published = obj.get("date")
    return {
        "title": obj.get("title"),
        "url": obj.get("url"),
        "published": published,
        "lang": obj.get("lang") or obj.get("language"),
    }


def parse_line(line: str, *, source: str, lineno: int) -> Article:
    """The article on one line; raises ReadError naming ``source:lineno``."""
    where = f"{source}:{lineno}"
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        raise ReadError(where, f"malformed JSON ({e.msg})") from None
    except RecursionError:
        raise ReadError(where, "malformed JSON (nested too deeply)") from None
    if not isinstance(obj, dict):
        raise ReadError(where, f"expected a JSON object, got {type(obj).__name__ if obj is not None else 'null'}")
    text, html = obj.get("text"), obj.get("html")
    for name, value in (("text", text), ("html", html)):
        if value is not None and not isinstance(value, str):
            raise ReadError(where, f"'{name}' must be a string, got {type(value).__name__}")
    common = {"source": where, "source_path": source, "source_line": lineno, **_meta(obj)}
    if text and text.strip():
        return article_from_text(text, **common)
    if html and html.strip():
        return extract_html(html, **common)
    raise ReadError(where, "no 'text' or 'html' field" if text is None and html is None else "empty 'text'/'html'")


def iter_jsonl(path: Path, source: str) -> Iterator[Article | ReadProblem]:
    """Every line's article, or a ReadProblem for a bad line; the other lines are still read."""
    content = decode_bytes(read_bytes(path, source), source)
    for lineno, line in enumerate(content.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            yield parse_line(line, source=source, lineno=lineno)
        except ReadError as e:
            yield ReadProblem.from_error(e)
