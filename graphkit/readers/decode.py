"""Bytes on disk to ``str``: size limit, UTF-8 (with or without BOM), then detection."""

from __future__ import annotations

import codecs
import os
import stat
import unicodedata
from pathlib import Path

from .errors import ReadError

#: Files larger than this are refused without being read.
MAX_BYTES = 20 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters that never occur in text (tab, newlines and form feed are fine).
_CONTROL = {chr(c) for c in range(32) if chr(c) not in "\t\n\r\f\v"} | {"\x7f"}


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f}".removesuffix(".0")


def read_bytes(path: Path, source: str | None = None, *, limit: int | None = None) -> bytes:
    """The content of a regular file, refusing files above ``limit`` (default MAX_BYTES)."""
    source = source if source is not None else str(path)
    limit = MAX_BYTES if limit is None else limit
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise ReadError(source, "no such file or directory") from None
    except OSError as e:
        raise ReadError(source, f"cannot read ({e.strerror or e})") from None
    if stat.S_ISDIR(st.st_mode):
        raise ReadError(source, "is a directory")
    if not stat.S_ISREG(st.st_mode):
        raise ReadError(source, "not a regular file")
    if st.st_size > limit:
        raise ReadError(source, f"too large ({_mb(st.st_size)} MB > {_mb(limit)} MB)")
    try:
        with open(path, "rb") as f:
            data = f.read(limit + 1)
    except OSError as e:
        raise ReadError(source, f"cannot read ({e.strerror or e})") from None
    if len(data) > limit:  # grew since stat, or stat lied
        raise ReadError(source, f"too large (> {_mb(limit)} MB)")
    return data


def _plausible(text: str) -> bool:
    if not text:
        return True
    bad = sum(1 for ch in text if ch in _CONTROL or ch == "\ufffd")
    return bad <= max(2, len(text) // 1000)


def decode_bytes(data: bytes, source: str = "<bytes>") -> str:
    """Decode ``data`` as text; raises ReadError "empty file" or "binary or undecodable".

    UTF-8 (BOM optional) is tried first, then a BOM-marked UTF-16/32, then UTF-16/32 without
    BOM (NUL bytes where they fall in such text), then charset-normalizer (cp1251, latin-1,
    Shift-JIS...). The result has ``\\n`` line ends,
    no BOM, and is in Unicode normal form NFC.
    """
    if not data.strip():
        raise ReadError(source, "empty file")
    text: str | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                raise ReadError(source, f"binary or undecodable (invalid {encoding.removesuffix('-sig')})") from None
            break
    if text is None and b"\x00" in data:
        text = _utf16_32_without_bom(data)
        if text is None:
            raise ReadError(source, "binary or undecodable (contains NUL bytes)")
    if text is None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _detect(data, source)
    text = text.lstrip("\ufeff")
    if not _plausible(text):
        raise ReadError(source, "binary or undecodable (control characters)")
    text = normalize_text(text)
    if not text.strip():
        raise ReadError(source, "empty file")
    return text


def _utf16_32_without_bom(data: bytes) -> str | None:
    """``data`` as UTF-32 or UTF-16 without BOM, when its NUL bytes are only where those put
    them (the high bytes of Latin, Cyrillic... characters) and it decodes to plausible text.

    >>> _utf16_32_without_bom("Europol и ФБР".encode("utf-16-be"))
    'Europol и ФБР'
    >>> _utf16_32_without_bom(bytes(range(256)) * 4), _utf16_32_without_bom(b"\\x00\\x01\\x02\\xff" * 100)
    (None, None)
    """
    # (encoding, code unit width, offset of the low byte within a unit: never NUL in text)
    for encoding, width, low in (("utf-32-le", 4, 0), ("utf-32-be", 4, 3), ("utf-16-le", 2, 0), ("utf-16-be", 2, 1)):
        if len(data) % width or 0 in data[low::width]:
            continue
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _plausible(text) and _wordy(text):
            return text
    return None


def _wordy(text: str) -> bool:
    """Assigned characters only, with white space between words (a space per 100 characters at
    least): what binary data decoded as UTF-16/32 is not."""
    spaces = sum(ch.isspace() for ch in text)
    return spaces * 100 >= len(text) and all(unicodedata.category(ch) not in ("Cn", "Co", "Cs") for ch in text)


def normalize_text(text: str) -> str:
    """Line ends to ``\\n`` and Unicode NFC: the form every reader hands on."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def _detect(data: bytes, source: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise ReadError(source, "binary or undecodable (no plausible text encoding)")
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        raise ReadError(source, f"binary or undecodable (not valid {best.encoding})") from None
