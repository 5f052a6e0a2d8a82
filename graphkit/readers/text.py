"""Plain text files (``.txt``, ``.text``) and texts given directly; the common Article builder."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

from ..model import Article
from .clean import clean_text
from .dates import parse_date
from .decode import decode_bytes, read_bytes
from .errors import ReadError
from .lang import detect_language


def _str_or_none(value: object) -> str | None:
    if value is None:
        return None
    s = " ".join(str(value).split())
    return s or None


def normalize_lang(value: object) -> str | None:
    """``"en-US"`` → ``"en"``; None for anything that is not a language tag."""
    s = _str_or_none(value)
    if not s:
        return None
    primary = s.replace("_", "-").split("-")[0].casefold()
    return primary if primary.isascii() and primary.isalpha() and 2 <= len(primary) <= 3 else None


def build_article(
    text: str,
    *,
    source: str,
    title: object = None,
    url: object = None,
    published: object = None,
    lang: object = None,
    source_path: str | None = None,
    source_line: int | None = None,
    fallback_published: date | None = None,
    fallback_title: str | None = None,
) -> Article:
    """An Article from cleaned text and metadata; language detected when not given."""
    if not text.strip():
        raise ReadError(source, "no article text")
    lang_code = normalize_lang(lang) or detect_language(text)
    return Article(
        text=text,
        title=_str_or_none(title) or fallback_title,
        url=_str_or_none(url),
        published=parse_date(published.strip() if isinstance(published, str) else published) or fallback_published,
        lang=lang_code,
        source_path=source_path,
        source_line=source_line,
    )


def article_from_text(
    text: str,
    *,
    source: str,
    source_path: str | None = None,
    source_line: int | None = None,
    title: object = None,
    url: object = None,
    published: object = None,
    lang: object = None,
) -> Article:
    """Clean a plain text the way ``.txt`` files are cleaned and make it an Article."""
    cleaned = clean_text(text)
    return build_article(
        cleaned.text,
        source=source,
        title=title,
        url=url,
        published=published,
        lang=lang,
        source_path=source_path,
        source_line=source_line,
        fallback_published=cleaned.published,
        fallback_title=cleaned.title,
    )


def iter_txt(path: Path, source: str) -> Iterator[Article]:
    text = decode_bytes(read_bytes(path, source), source)
    yield article_from_text(text, source=source, source_path=source)
