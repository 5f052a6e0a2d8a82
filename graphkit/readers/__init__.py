"""Files to Articles: plain text, HTML, Markdown and JSON Lines, read robustly.

>>> from graphkit.readers import read_paths, ReadProblem
>>> for item in read_paths(["corpus/", "extra.jsonl"]):            # doctest: +SKIP
...     if isinstance(item, ReadProblem): print(item)              # "extra.jsonl:7: malformed JSON (...)"
...     else: use(item)

``read_paths`` never raises for a problem with the user's data: it yields a ``ReadProblem``
and goes on. ``read_file`` raises ``ReadError``. Problem messages name the file (and the line
of a JSON Lines file) and say what is wrong:

    x.txt: no such file or directory          x.pdf: unsupported file type '.pdf' (supported: ...)
    x.txt: empty file                         x.bin: binary or undecodable (contains NUL bytes)
    x.txt: too large (25.3 MB > 20 MB)        x.html: no article text
    x.jsonl:7: malformed JSON (Expecting ',' delimiter)
    x.jsonl:9: no 'text' or 'html' field      x.md: malformed front matter (...)
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..model import Article
from .decode import MAX_BYTES
from .errors import ReadError, ReadProblem
from .html import iter_html
from .jsonl import iter_jsonl
from .lang import detect_language
from .markdown import iter_markdown
from .text import article_from_text, iter_txt

__all__ = [
    "MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "ReadError",
    "ReadProblem",
    "detect_language",
    "iter_file",
    "read_file",
    "read_paths",
    "read_text",
]

_READERS: dict[str, Callable[[Path, str], Iterator[Article | ReadProblem]]] = {
    ".txt": iter_txt,
    ".text": iter_txt,
    ".html": iter_html,
    ".htm": iter_html,
    ".md": iter_markdown,
    ".markdown": iter_markdown,
    ".jsonl": iter_jsonl,
    ".ndjson": iter_jsonl,
}

SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(_READERS)


def _unsupported(suffix: str) -> str:
    what = f"'{suffix}'" if suffix else "(no extension)"
    return f"unsupported file type {what} (supported: {', '.join(SUPPORTED_SUFFIXES)})"


def iter_file(path: str | Path, *, source: str | None = None) -> Iterator[Article | ReadProblem]:
    """The articles of one file, and a ReadProblem for each bad line of a JSON Lines file.

    Raises ReadError when the file as a whole cannot be read.
    """
    path = Path(path)
    source = source if source is not None else str(path)
    reader = _READERS.get(path.suffix.casefold())
    if reader is None:
        raise ReadError(source, _unsupported(path.suffix))
    yield from reader(path, source)


def read_file(path: str | Path, *, problems: list[ReadProblem] | None = None) -> list[Article]:
    """The articles of one file; raises ReadError.

    A bad line of a JSON Lines file raises too, unless a ``problems`` list is given: then the
    problem is appended to it and the other lines are still read.
    """
    articles: list[Article] = []
    for item in iter_file(path):
        if isinstance(item, ReadProblem):
            if problems is None:
                raise item.to_error()
            problems.append(item)
        else:
            articles.append(item)
    return articles


_META_KEYS = {"title", "url", "published", "date", "lang", "source_path", "source_line"}


def read_text(text: str, **meta) -> Article:
    """An Article from a text given directly, cleaned the same way as a ``.txt`` file.

    ``meta``: ``title``, ``url``, ``published`` (or ``date``; a ``date`` or a string),
    ``lang``, ``source_path``, ``source_line``. Raises ReadError when no text is left.
    """
    unknown = set(meta) - _META_KEYS
    if unknown:
        raise TypeError(f"read_text() got unexpected metadata: {', '.join(sorted(unknown))}")
    if not isinstance(text, str):
        raise TypeError(f"read_text() needs a str, got {type(text).__name__}")
    from .decode import normalize_text

    published = meta.get("published", meta.get("date"))
    source_path = meta.get("source_path")
    source_line = meta.get("source_line")
    source = source_path or "<text>"
    if source_line:
        source = f"{source}:{source_line}"
    return article_from_text(
        normalize_text(text).lstrip("\ufeff"),
        source=source,
        source_path=source_path,
        source_line=source_line,
        title=meta.get("title"),
        url=meta.get("url"),
        published=published,
        lang=meta.get("lang"),
    )


def _walk(folder: Path, recursive: bool, seen: set[str] | None = None) -> Iterator[Path | ReadProblem]:
    """Supported files under ``folder``, sorted by name; hidden files and folders skipped.

    Symbolic links to folders are followed, each real folder once (no loops).
    """
    seen = set() if seen is None else seen
    real = os.path.realpath(folder)
    if real in seen:
        return
    seen.add(real)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as e:
        yield ReadProblem(str(folder), f"cannot list folder ({e.strerror or e})")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = folder / entry.name
        try:
            is_dir = entry.is_dir(follow_symlinks=True)
            is_file = entry.is_file(follow_symlinks=True)
        except OSError:
            continue
        if is_dir:
            if recursive:
                yield from _walk(path, recursive, seen)
        elif is_file and path.suffix.casefold() in _READERS:
            yield path


def _read_one(path: Path) -> Iterator[Article | ReadProblem]:
    source = str(path)
    try:
        yield from iter_file(path, source=source)
    except ReadError as e:
        yield ReadProblem.from_error(e)
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except MemoryError:
        yield ReadProblem(source, "out of memory while reading")
    except Exception as e:  # noqa: BLE001 - one bad file must not stop the others
        yield ReadProblem(source, f"unexpected error ({type(e).__name__}: {e})")


def read_paths(paths: Iterable[str | Path], *, recursive: bool = True) -> Iterator[Article | ReadProblem]:
    """Articles from files and folders; a ReadProblem for each thing that cannot be read.

    Folders are walked (recursively unless ``recursive=False``) in sorted order; hidden files
    and folders and files of unsupported types inside them are skipped. A file of unsupported
    type named explicitly, or a missing path, is a problem. Never raises for bad data.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for given in paths:
        path = Path(given)
        source = str(given)
        try:
            st = path.stat()
        except FileNotFoundError:
            yield ReadProblem(source, "no such file or directory")
            continue
        except OSError as e:
            yield ReadProblem(source, f"cannot access ({e.strerror or e})")
            continue
        if stat.S_ISDIR(st.st_mode):
            for item in _walk(path, recursive):
                if isinstance(item, ReadProblem):
                    yield item
                else:
                    yield from _read_one(item)
        elif not stat.S_ISREG(st.st_mode):
            yield ReadProblem(source, "not a regular file")
        elif path.suffix.casefold() not in _READERS:
            yield ReadProblem(source, _unsupported(path.suffix))
        else:
            yield from _read_one(path)
