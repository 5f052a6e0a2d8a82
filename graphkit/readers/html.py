"""HTML pages: trafilatura removes the boilerplate and reads the page's metadata.

``trafilatura.bare_extraction(with_metadata=True)`` gives the title (``og:title``,
``<h1>``, ``<title>`` without the site name), the URL (canonical link, ``og:url``) and the
publication date (htmldate over meta tags, JSON-LD and the page, original date first).
graphkit adds only what trafilatura's metadata lacks: the language the page declares
(``<html lang>``, ``Content-Language``), for which trafilatura has no field
(``tests/test_readers.py::test_trafilatura_metadata_has_no_declared_language``).
"""

from __future__ import annotations

import html as html_lib
import logging
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from ..model import Article
from .clean import clean_text, is_date_line, is_meta_line
from .dates import parse_date
from .decode import decode_bytes, normalize_text, read_bytes
from .errors import ReadError
from .text import build_article

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)


def decode_html(data: bytes, source: str) -> str:
    """UTF-8 first, then the charset the page declares, then detection."""
    if data.startswith(b"\xef\xbb\xbf") or b"\x00" in data:
        return decode_bytes(data, source)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        m = _META_CHARSET.search(data[:4096])
        if m:
            try:
                text = data.decode(m.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass
            else:
                if text.strip():
                    return normalize_text(text)
    return decode_bytes(data, source)


def declared_language(tree) -> str | None:
    """The language a page declares: ``<html lang>``, else a ``Content-Language`` meta.

    >>> from trafilatura.utils import load_html
    >>> declared_language(load_html('<html lang="de-AT"><body><p>Hallo</p></body></html>'))
    'de-AT'
    >>> declared_language(load_html('<html><head><meta http-equiv="content-language" content="fr"></head></html>'))
    'fr'
    """
    root = tree.getroottree().getroot()
    lang = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if lang:
        return lang.strip()
    for meta in root.iter("meta"):
        if (meta.get("http-equiv") or "").strip().casefold() == "content-language" and meta.get("content"):
            return meta.get("content").strip()
    return None


def _tag_texts(tree) -> set[str]:
    """Texts of tag and category links (``rel="tag"``): lines made only of these are chrome."""
    out = set()
    for a in tree.iter("a"):
        rels = (a.get("rel") or "").casefold().split()
        if "tag" in rels or "category" in rels:
            text = " ".join(a.text_content().split())
            if text:
                out.add(text)
    return out


def _drop_tag_lines(text: str, tags: set[str]) -> str:
    if not tags:
        return text
    pattern = re.compile("|".join(re.escape(t) for t in sorted(tags, key=len, reverse=True)))
    kept = []
    for line in text.split("\n"):
        rest, n = pattern.subn("", line)
        rest = rest.strip(" ,;|·•/")
        if line.strip() and n and (not rest or is_date_line(rest) or is_meta_line(rest)):
            continue
        kept.append(line)
    return "\n".join(kept)


def clean_title(title: object) -> str | None:
    """A page title without leftover entities, a "title:" label or wrapping quotes."""
    if not isinstance(title, str):
        return None
    s = " ".join(html_lib.unescape(html_lib.unescape(title)).split())
    s = re.sub(r"^title\s*:\s*", "", s, flags=re.IGNORECASE)
    if len(s) >= 2 and s[0] + s[-1] in ('""', "''", "“”", "«»"):
        s = s[1:-1].strip()
    return s or None


def extract_html(
    html: str,
    *,
    source: str,
    source_path: str | None = None,
    source_line: int | None = None,
    title: object = None,
    url: object = None,
    published: object = None,
    lang: object = None,
) -> Article:
    """The article in an HTML page; explicit metadata arguments win over the page's own."""
    import trafilatura
    from trafilatura.utils import load_html

    tree = load_html(html)
    if tree is None:  # a fragment or bare text: give it a document around it
        html = f"<html><body>{html}</body></html>"
        tree = load_html(html)
    if tree is None:
        raise ReadError(source, "not an HTML document")
    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        date_extraction_params={"extensive_search": True, "original_date": True},
    )
    body = getattr(doc, "text", None) or ""
    if not body.strip():
        try:
            _, body, _ = trafilatura.baseline(html)
        except Exception:  # noqa: BLE001 - fall through to the next method
            body = ""
    if not body.strip():
        try:
            body = trafilatura.html2txt(html)
        except Exception:  # noqa: BLE001
            body = ""
    cleaned = clean_text(_drop_tag_lines(normalize_text(body or ""), _tag_texts(tree)), find_title=False)
    if not cleaned.text:
        raise ReadError(source, "no article text")
    return build_article(
        cleaned.text,
        source=source,
        title=title or clean_title(getattr(doc, "title", None)),
        url=url or getattr(doc, "url", None),
        published=published or _not_future(parse_date(getattr(doc, "date", None))),
        lang=lang or declared_language(tree),
        source_path=source_path,
        source_line=source_line,
        fallback_published=cleaned.published,
    )


def _not_future(d: date | None) -> date | None:
    return d if d is None or d <= date.today() else None


def iter_html(path: Path, source: str) -> Iterator[Article]:
    html = decode_html(read_bytes(path, source), source)
    yield extract_html(html, source=source, source_path=source)
