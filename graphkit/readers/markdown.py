"""Markdown files with optional YAML front matter: the body rendered to plain text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..model import Article
from .clean import clean_text
from .decode import decode_bytes, read_bytes
from .errors import ReadError
from .text import build_article

_TITLE_KEYS = ("title", "headline")
_URL_KEYS = ("url", "canonical", "canonical_url", "link", "source_url", "source")
_DATE_KEYS = ("date", "published", "published_at", "pubdate", "publishdate", "created")
_LANG_KEYS = ("lang", "language", "locale")

_parser = None


def _markdown():
    global _parser
    if _parser is None:
        from markdown_it import MarkdownIt

        _parser = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    return _parser


def _inline_text(token) -> str:
    out: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type == "softbreak":
            out.append("\n")
        elif child.type == "hardbreak":
            out.append("\n")
        elif child.type == "image":
            continue  # images are dropped, alt text too
        elif child.type == "html_inline":
            continue
    return "".join(out)


def markdown_to_text(source_text: str) -> tuple[str, str | None]:
    """Plain text of a markdown body (one block a paragraph) and its first level-1 heading."""
    tokens = _markdown().parse(source_text)
    blocks: list[str] = []
    first_h1: str | None = None
    row: list[str] | None = None
    in_heading = ""
    for tok in tokens:
        if tok.type == "heading_open":
            in_heading = tok.tag
        elif tok.type == "heading_close":
            in_heading = ""
        elif tok.type == "tr_open":
            row = []
        elif tok.type == "tr_close":
            if row is not None and any(c.strip() for c in row):
                blocks.append(" | ".join(c.strip() for c in row))
            row = None
        elif tok.type == "inline":
            text = _inline_text(tok)
            if row is not None:
                row.append(text)
            elif text.strip():
                blocks.append(text.strip())
                if in_heading == "h1" and first_h1 is None and not blocks[:-1]:
                    first_h1 = " ".join(text.split())
        elif tok.type in ("fence", "code_block"):
            if tok.content.strip():
                blocks.append(tok.content.rstrip("\n"))
        elif tok.type == "html_block":
            continue
    return "\n\n".join(blocks), first_h1


def _first(meta: dict, keys: tuple[str, ...]):
    lowered = {str(k).casefold(): v for k, v in meta.items()}
    for key in keys:
        value = lowered.get(key)
        if value not in (None, ""):
            return value
    return None


def iter_markdown(path: Path, source: str) -> Iterator[Article]:
    text = decode_bytes(read_bytes(path, source), source)
    meta, body = split_front_matter(text, source)
    plain, heading = markdown_to_text(body)
    cleaned = clean_text(plain)
    url = _first(meta, _URL_KEYS)
    yield build_article(
        cleaned.text,
        source=source,
        title=_first(meta, _TITLE_KEYS),
        url=url if isinstance(url, str) and url.startswith(("http://", "https://")) else None,
        published=_first(meta, _DATE_KEYS),
        lang=_first(meta, _LANG_KEYS),
        source_path=source,
        fallback_published=cleaned.published,
        fallback_title=heading or cleaned.title,
    )


def split_front_matter(text: str, source: str) -> tuple[dict, str]:
    """YAML front matter (as a dict, maybe empty) and the markdown body."""
    if not text.lstrip().startswith("---"):
        return {}, text
    import frontmatter

    try:
        post = frontmatter.loads(text)
    except Exception as e:  # noqa: BLE001 - yaml raises many types
        reason = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise ReadError(source, f"malformed front matter ({reason})") from None
    meta = post.metadata if isinstance(post.metadata, dict) else {}
    return meta, post.content
